/* "Add a question": show only the fields of the chosen type. Each such field's input says
 * which types it is for (data-kinds, set in live/forms.py QuestionForm.FOR_KINDS). Hidden
 * fields leave the page for everyone, screen readers too; without JavaScript all show, each
 * with its help text saying which type it is for. */
(function () {
  "use strict";
  var form = document.querySelector("[data-question-form]");
  if (!form) return;
  var kind = form.querySelector("select[name=kind]");
  if (!kind) return;

  function show() {
    form.querySelectorAll("[data-kinds]").forEach(function (input) {
      var field = input.closest(".field") || input.parentNode;
      field.hidden = input.dataset.kinds.split(" ").indexOf(kind.value) < 0;
    });
  }
  kind.addEventListener("change", show);
  show();
})();
