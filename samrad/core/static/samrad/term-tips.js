// The facilitator's word clouds show what a term groups in a tooltip on hover and focus
// (CSS). Escape hides the tooltips until the pointer or the focus moves to another term,
// so that a tip never stays in the way (WCAG 1.4.13).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") document.body.classList.add("tips-dismissed");
  });
  function again() { document.body.classList.remove("tips-dismissed"); }
  document.addEventListener("focusin", again);
  document.addEventListener("pointerover", function (event) {
    if (event.target.closest && event.target.closest(".term-grouped")) again();
  });
})();
