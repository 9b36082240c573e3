// Compare page: choosing another dimension empties both group choices (their values belong to
// the old dimension) and reloads the page. A listener in a file instead of onchange="…": the
// Content-Security-Policy allows no inline event handlers. Without JavaScript the "Compare"
// button sends the form.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches("select[data-clears]")) return;
  select.dataset.clears.split(" ").forEach(function (name) {
    if (select.form.elements[name]) select.form.elements[name].value = "";
  });
  select.form.submit();
});
