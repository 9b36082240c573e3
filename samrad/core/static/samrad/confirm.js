// Forms with data-confirm ask before they are sent ("Delete this question and its answers?").
// A listener in a file instead of onsubmit="…": the Content-Security-Policy allows no inline
// event handlers. Without JavaScript the form is sent without asking.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);
