/* The projector always fits its screen, whatever the number of answers (issue 12, item 4).
 *
 * After each stage is drawn, its results (.stage-body, but for the "Show as table" switch,
 * which stays readable) are zoomed down to the largest size at
 * which the page does not scroll, no smaller than MIN_ZOOM (a word cloud, whose terms are
 * large to begin with, or results split into groups: SMALL_MIN_ZOOM); if that is still too
 * much, the
 * last items of the lists marked data-fit-trim (the word cloud's least frequent terms, the
 * oldest inputs, the least voted questions) are left out until it fits. The lists are sorted
 * most important first by the server, and every item stays in the "Show as table" view and
 * the exports. Marks the stage data-fitted="WIDTHxHEIGHT" (the window it was fitted to) when
 * done: the browser tests wait on it, after a resize on the new size's mark.
 */
(function () {
  "use strict";
  var MIN_ZOOM = 0.5;
  var SMALL_MIN_ZOOM = 0.3;

  function overflows() {
    return document.documentElement.scrollHeight > window.innerHeight;
  }

  function largest(low, high, fits) {
    // The largest whole number n in [low, high] with fits(n), assuming fits(low).
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      if (fits(mid)) low = mid; else high = mid - 1;
    }
    return low;
  }

  function fit(stage) {
    if (!stage) return;
    var body = stage.querySelector(".stage-body");
    var opened = stage.querySelector("details[open]");
    if (body && !opened) {
      var items = Array.prototype.slice.call(body.querySelectorAll("[data-fit-trim] > li"));
      items.forEach(function (item) { item.hidden = false; });
      var parts = Array.prototype.filter.call(body.children, function (part) {
        return !part.matches("details.table-alt");
      });
      var setZoom = function (value) {
        parts.forEach(function (part) { part.style.zoom = value; });
      };
      setZoom("");
      if (overflows()) {
        var least = body.querySelector(".cloud, .breakdown") ? SMALL_MIN_ZOOM : MIN_ZOOM;
        var zoom = function (n) { return String(least + (1 - least) * n / 20); };
        var steps = largest(0, 20, function (n) {
          setZoom(zoom(n));
          return n === 0 || !overflows();
        });
        setZoom(zoom(steps));
        if (overflows() && items.length) {
          var shown = largest(1, items.length, function (n) {
            items.forEach(function (item, i) { item.hidden = i >= n; });
            return n === 1 || !overflows();
          });
          items.forEach(function (item, i) { item.hidden = i >= shown; });
        }
      }
    }
    stage.setAttribute("data-fitted", window.innerWidth + "x" + window.innerHeight);
  }

  window.samradFit = fit;
  window.addEventListener("resize", function () {
    fit(document.querySelector("#stage .stage"));
  });
})();
