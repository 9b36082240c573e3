/* The answer widgets that need a little help (on the phone and the paper-entry page):
 * ranking, points to spend and single choice with "Other".
 *
 * Ranking: each option has "Move up" / "Move down" buttons (keyboard, screen readers,
 * switch access) and a handle to drag it (pointer events: mouse, touch, pen). The options'
 * hidden inputs travel with them, so the form sends the order shown. Without JavaScript the
 * form shows one menu per place instead (ranking_form.html; the page marks <html class="js">
 * before it is drawn, so the list or the menus show, never both).
 * Points: a live "points left" line. The server checks the total either way.
 */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) { return values[name]; });
  }

  // --- Ranking -------------------------------------------------------------------------------

  function itemsOf(list) {
    return Array.prototype.filter.call(list.children, function (child) {
      return child.classList.contains("ranking-item");
    });
  }

  function renumber(list) {
    var items = itemsOf(list);
    items.forEach(function (item, index) {
      item.querySelector(".rank-number").textContent = String(index + 1);
      var up = item.querySelector("[data-move='-1']");
      var down = item.querySelector("[data-move='1']");
      if (index === 0) up.setAttribute("aria-disabled", "true"); else up.removeAttribute("aria-disabled");
      if (index === items.length - 1) down.setAttribute("aria-disabled", "true");
      else down.removeAttribute("aria-disabled");
    });
  }

  function announce(list, item, key) {
    var status = list.closest("form").querySelector("[data-ranking-status]");
    var items = itemsOf(list);
    var text = format(list.dataset[key], {
      label: item.dataset.label, place: items.indexOf(item) + 1, total: items.length
    });
    // Cleared first, so that the same words twice ("already first") are read twice.
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  // The neighbours move around the item, never the item itself: a moved element loses focus
  // (and pointer capture), which would drop a keyboard or screen-reader user's place.
  function moveBy(item, offset) {
    var list = item.parentNode;
    var moved = false;
    while (offset < 0 && item.previousElementSibling) {
      list.insertBefore(item.previousElementSibling, item.nextElementSibling);
      offset += 1;
      moved = true;
    }
    while (offset > 0 && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
      offset -= 1;
      moved = true;
    }
    if (moved) renumber(list);
    return moved;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".ranking [data-move]");
    if (!button) return;
    event.preventDefault();
    var item = button.closest(".ranking-item");
    var offset = Number(button.dataset.move);
    if (moveBy(item, offset)) announce(item.parentNode, item, "announce");
    else announce(item.parentNode, item, offset < 0 ? "first" : "last");
  });

  document.addEventListener("pointerdown", function (event) {
    var handle = event.target.closest(".ranking .drag-handle");
    if (!handle || event.button !== 0) return;
    event.preventDefault();
    var item = handle.closest(".ranking-item");
    var list = item.parentNode;
    var start = itemsOf(list).indexOf(item);
    try { handle.setPointerCapture(event.pointerId); } catch (ignored) { /* synthetic events */ }
    item.classList.add("dragging");

    function follow(move) {
      // The item's place: after every other option whose middle is above the pointer.
      var items = itemsOf(list);
      var wanted = 0;
      items.forEach(function (other) {
        if (other === item) return;
        var box = other.getBoundingClientRect();
        if (box.top + box.height / 2 < move.clientY) wanted += 1;
      });
      moveBy(item, wanted - items.indexOf(item));
    }
    function drop() {
      document.removeEventListener("pointermove", follow);
      document.removeEventListener("pointerup", drop);
      document.removeEventListener("pointercancel", drop);
      item.classList.remove("dragging");
      if (itemsOf(list).indexOf(item) !== start) announce(list, item, "announce");
    }
    document.addEventListener("pointermove", follow);
    document.addEventListener("pointerup", drop);
    document.addEventListener("pointercancel", drop);
  });

  // --- Points to spend -----------------------------------------------------------------------

  function countPoints(fieldset) {
    var budget = Number(fieldset.dataset.budget);
    var spent = 0;
    fieldset.querySelectorAll("input").forEach(function (input) {
      var points = parseInt(input.value, 10);
      if (points > 0) spent += points;
    });
    var line = fieldset.closest("form").querySelector("[data-points-left]");
    var left = budget - spent;
    line.classList.toggle("over", left < 0);
    line.classList.toggle("done", left === 0);
    var template = left < 0 ? line.dataset.over : left === 0 ? line.dataset.done : line.dataset.left;
    line.textContent = format(template, { left: left, budget: budget, spent: spent, over: -left });
  }

  document.addEventListener("input", function (event) {
    var fieldset = event.target.closest("[data-points]");
    if (fieldset) countPoints(fieldset);
  });

  // --- Single choice with "Other" -------------------------------------------------------------
  // "Other" is one more option, so typing it clears the option picked before and picking an
  // option clears the text. A radio cannot be unticked by hand, and the server rightly
  // refuses an option plus a text ("Please choose only one option"). On the phone and on the
  // paper-entry page alike.

  document.addEventListener("input", function (event) {
    var target = event.target;
    var form = target.form;
    if (!form || target.name !== "other" || !target.value.trim()) return;
    form.querySelectorAll("input[type=radio][name=choice]").forEach(function (radio) {
      radio.checked = false;
    });
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type !== "radio" || target.name !== "choice" || !target.checked) return;
    var other = target.form && target.form.querySelector("input[name=other]");
    if (other) other.value = "";
  });

  // --- Enhance each question as it arrives ---------------------------------------------------

  function enhance(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-ranking] input[name=choice][disabled]").forEach(function (input) {
      input.disabled = false;
    });
    root.querySelectorAll(".ranking-fallback").forEach(function (fallback) {
      fallback.disabled = true;
    });
  }
  enhance(document);
  if (window.htmx) htmx.onLoad(enhance);
})();
