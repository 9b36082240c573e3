// Statements on the phone: the keys A (agree), D (disagree) and P (pass) press the vote
// buttons. One listener for the page however often htmx swaps the form in; the buttons
// themselves work without this script.
(function () {
  if (window.samradStatementKeys) return;
  window.samradStatementKeys = true;
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT")) return;
    var button = document.querySelector('.statement-card [data-vote-key="' + event.key.toLowerCase() + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
