// Edit in place (core/editing.py): Escape in a row's form is its Cancel button, so the row
// comes back and focus returns to its Edit button.
//
// Focus moves in the same task as the swap, to the element marked `data-autofocus` (the form's
// first field, the first field in error, or the row's Edit button). htmx would honour
// `autofocus` only when the swap settles, 20 ms later, and then pull focus (and what is being
// typed) out of a field the person has already moved to.
document.addEventListener("htmx:afterSwap", function () {
  var target = document.querySelector("[data-edit-row] [data-autofocus], [data-edit-row][data-autofocus]");
  if (!target) return;
  target.removeAttribute("data-autofocus");
  target.focus();
});

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
