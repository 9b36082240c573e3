/* Paper forms and interviews: one save for the whole form.
 *
 * Each question keeps the phone's own form (so every kind's widgets work as on the phone);
 * "Save form" gathers the questions the facilitator touched into the page's one form, each
 * field named q<question id>-<name>, and sends them together (live/views_entry.py:
 * entry_save). Enter in a question saves the whole form too; the questions' own buttons are
 * taken away. Leaving with something typed and not saved warns first (in the page for its
 * links, the browser's own question for closing or reloading). */
(function () {
  "use strict";
  var save = document.querySelector("form[data-entry-save]");
  if (!save) return;
  var fields = save.querySelector("[data-entry-fields]");
  var warning = document.getElementById("entry-unsaved");
  var saving = false;

  function sections() { return document.querySelectorAll("section.entry-question"); }
  function dirty() {
    return Array.prototype.some.call(sections(), function (s) { return s.hasAttribute("data-dirty"); });
  }
  function touch(event) {
    var section = event.target.closest && event.target.closest("section.entry-question");
    if (section && event.target.closest("form")) section.setAttribute("data-dirty", "");
  }

  sections().forEach(function (section) {
    section.querySelectorAll("form.answer-form > button[type=submit]").forEach(function (button) {
      button.remove();
    });
  });
  document.addEventListener("input", touch);
  document.addEventListener("change", touch);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("button.move")) touch(event);
  });

  // A question's own form (Enter in a field) saves the whole form, not only itself; htmx
  // never sees that submit (stopped on its way down).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form === save || !form.closest("section.entry-question")) return;
    event.preventDefault();
    event.stopPropagation();
    save.requestSubmit(save.querySelector("button[value=stay]"));
  }, true);

  save.addEventListener("submit", function () {
    fields.textContent = "";
    sections().forEach(function (section) {
      if (!section.hasAttribute("data-dirty")) return;
      var id = section.getAttribute("data-question");
      section.querySelectorAll("form.answer-form").forEach(function (form) {
        new FormData(form).forEach(function (value, name) {
          if (name === "csrfmiddlewaretoken") return;
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = "q" + id + "-" + name;
          input.value = value;
          fields.appendChild(input);
        });
      });
    });
    saving = true;
  });

  var leaveTo = null;
  document.querySelectorAll("a[data-leave]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!dirty()) return;
      event.preventDefault();
      leaveTo = link.href;
      warning.hidden = false;
      warning.focus();
    });
  });
  warning.querySelector("[data-leave-anyway]").addEventListener("click", function (event) {
    event.preventDefault();
    saving = true;
    window.location.href = leaveTo || save.querySelector("a[data-leave]").href;
  });
  window.addEventListener("beforeunload", function (event) {
    if (saving || !dirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // After a refusal the page comes back with the answers given back: show where.
  var refused = document.querySelector("section.entry-question .error");
  if (refused) { refused.setAttribute("tabindex", "-1"); refused.focus(); }
})();
