// Edit in place (core/editing.py): Escape in a row's form is its Cancel button, so the row
// comes back and focus returns to its Edit button (the row's `autofocus`, which htmx honours).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var form = event.target.closest && event.target.closest("form.inline-edit");
  if (!form) return;
  var cancel = form.querySelector("[data-edit-cancel]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});
