/* Keyboard and clicker control: → / Page Down = next question, ← / Page Up = previous.
 * Submits the page's forms marked data-shortcut; ignored while typing in a field.
 * The presenter page has hidden forms: they are posted in the background so that the
 * projector stays on the presenter (its WebSocket then shows the new question). */
(function () {
  "use strict";
  var keys = { ArrowRight: "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous" };
  document.addEventListener("keydown", function (event) {
    var action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var form = document.querySelector('form[data-shortcut="' + action + '"]');
    if (!form) return;
    event.preventDefault();
    if (form.hidden) {
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
    } else {
      form.submit();
    }
  });
})();
