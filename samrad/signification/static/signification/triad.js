/* The triad and dyad inputs of a signification survey (no libraries).
 *
 * Triad: one point in a triangle, placed by tapping or clicking (and dragging), moved with
 * the arrow keys (Shift: bigger steps; Home: the middle); a text readout says the three
 * shares. The point lives in the three number inputs (per cent, adding up to 100) that the
 * form sends: they are the accessible fallback too, and the only input without JavaScript.
 * Typing a share moves the point; the other two shares keep their proportion.
 * Dyad: the range slider writes its number input; the number input moves the slider. An
 * untouched slider sends nothing (the number input stays empty).
 */
(function () {
  "use strict";

  // The triangle in the SVG's coordinates (viewBox 0 0 300 262): A top, B left, C right.
  var A = [150, 12], B = [10, 254.5], C = [290, 254.5];
  var SIDE = C[0] - B[0], HEIGHT = B[1] - A[1];

  function toXY(w) {
    return [B[0] + SIDE * (w[2] + w[0] / 2), B[1] - HEIGHT * w[0]];
  }

  function fromXY(x, y) {
    var a = (B[1] - y) / HEIGHT;
    var c = (x - B[0]) / SIDE - a / 2;
    return clamp([a, 1 - a - c, c]);
  }

  function clamp(w) {
    var cut = w.map(function (v) { return Math.max(v, 0); });
    var total = cut[0] + cut[1] + cut[2];
    if (total <= 0) return [1 / 3, 1 / 3, 1 / 3];
    return cut.map(function (v) { return v / total; });
  }

  // Whole per cents that add up to exactly 100 (largest remainders get the rest).
  function percents(w) {
    var raw = w.map(function (v) { return v * 100; });
    var floors = raw.map(Math.floor);
    var rest = 100 - floors[0] - floors[1] - floors[2];
    var order = [0, 1, 2].sort(function (i, j) { return (raw[j] - floors[j]) - (raw[i] - floors[i]); });
    for (var k = 0; k < rest; k++) floors[order[k]] += 1;
    return floors;
  }

  function setupTriad(box) {
    var svg = box.querySelector(".triad-svg");
    var point = box.querySelector(".triad-point");
    var readout = box.querySelector(".triad-readout");
    var inputs = ["a", "b", "c"].map(function (k) { return box.querySelector("[data-corner='" + k + "']"); });
    var labels = [box.dataset.labelA, box.dataset.labelB, box.dataset.labelC];
    var na = box.querySelector("input[name$='_na']");
    var weights = null;

    function readInputs() {
      var values = inputs.map(function (input) { return parseFloat((input.value || "").replace(",", ".")); });
      if (values.every(isNaN)) return null;
      values = values.map(function (v) { return isNaN(v) ? 0 : v; });
      var total = values[0] + values[1] + values[2];
      return total > 0 ? values.map(function (v) { return v / total; }) : null;
    }

    function draw(writeInputs) {
      if (!weights) {
        point.classList.add("is-hidden");
        readout.textContent = box.dataset.none;
        if (writeInputs) inputs.forEach(function (input) { input.value = ""; });
        return;
      }
      var xy = toXY(weights);
      point.classList.remove("is-hidden");
      point.setAttribute("cx", xy[0].toFixed(1));
      point.setAttribute("cy", xy[1].toFixed(1));
      var shares = percents(weights);
      if (writeInputs) inputs.forEach(function (input, i) { input.value = String(shares[i]); });
      readout.textContent = labels.map(function (label, i) { return label + ": " + shares[i] + " %"; }).join(", ");
      if (na && na.checked) readout.textContent += " (" + box.dataset.na + ")";
    }

    function place(w) {
      weights = clamp(w);
      if (na) na.checked = false;
      draw(true);
    }

    function eventXY(event) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return null;
      var p = svg.createSVGPoint();
      p.x = event.clientX; p.y = event.clientY;
      var local = p.matrixTransform(matrix.inverse());
      return [local.x, local.y];
    }

    var dragging = false;
    svg.addEventListener("pointerdown", function (event) {
      var xy = eventXY(event);
      if (!xy) return;
      dragging = true;
      svg.setPointerCapture(event.pointerId);
      svg.focus({ preventScroll: true });
      place(fromXY(xy[0], xy[1]));
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      var xy = eventXY(event);
      if (xy) place(fromXY(xy[0], xy[1]));
    });
    function stop() { dragging = false; }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    svg.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 28 : 7; // a tenth / a fortieth of the side
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (event.key === "Home") {
        place([1 / 3, 1 / 3, 1 / 3]);
      } else if (moves[event.key]) {
        var xy = weights ? toXY(weights) : toXY([1 / 3, 1 / 3, 1 / 3]);
        var move = weights ? moves[event.key] : [0, 0];
        place(fromXY(xy[0] + move[0], xy[1] + move[1]));
      } else if (event.key === "Delete" || event.key === "Backspace") {
        weights = null;
        draw(true);
      } else {
        return;
      }
      event.preventDefault();
    });

    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        var typed = parseFloat((input.value || "").replace(",", "."));
        if (isNaN(typed)) return;
        typed = Math.min(Math.max(typed, 0), 100) / 100;
        var others = [0, 1, 2].filter(function (i) { return i !== index; });
        var old = weights || [1 / 3, 1 / 3, 1 / 3];
        var rest = old[others[0]] + old[others[1]];
        var w = [0, 0, 0];
        w[index] = typed;
        others.forEach(function (i) { w[i] = rest > 0 ? (1 - typed) * old[i] / rest : (1 - typed) / 2; });
        place(w);
      });
    });

    box.querySelector("[data-triad-clear]").addEventListener("click", function () {
      weights = null;
      draw(true);
      svg.focus();
    });
    if (na) na.addEventListener("change", function () { draw(false); });

    weights = readInputs();
    draw(false);
  }

  function setupDyad(box) {
    var range = box.querySelector(".dyad-range");
    var number = box.querySelector("input[type=number]");
    var na = box.querySelector("input[name$='_na']");
    range.addEventListener("input", function () {
      number.value = range.value;
      range.removeAttribute("data-untouched");
      if (na) na.checked = false;
    });
    number.addEventListener("input", function () {
      if (number.value !== "") { range.value = number.value; range.removeAttribute("data-untouched"); }
    });
  }

  document.querySelectorAll("[data-triad]").forEach(setupTriad);
  document.querySelectorAll("[data-dyad]").forEach(setupDyad);
  var focus = document.getElementById("story-errors") || document.getElementById("story-ack");
  if (focus) focus.focus();
})();
