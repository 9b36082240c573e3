/* Paper forms and interviews: each question's form saves on its own and htmx swaps its
 * section. The button pressed is gone with the old section, so focus moves to the section's
 * "Saved." (or the error), as on the phone: it is heard, and typing goes on from there. */
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var section = event.target;
    if (!section.classList || !section.classList.contains("entry-question")) return;
    var note = section.querySelector(".ack, .error") || section.querySelector("h2");
    if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
  });
})();
