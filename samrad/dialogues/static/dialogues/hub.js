// The dialogue hub: a link to a form inside closed <details> (the settings) opens them, in
// every browser (Chromium does it by itself; others scroll to a hidden target). A file, not an
// inline script, so that the Content-Security-Policy (script-src 'self') allows it.
(function () {
  function openTargetDetails() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTargetDetails);
  openTargetDetails();
})();
