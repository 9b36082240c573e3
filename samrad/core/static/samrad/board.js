/* The mapping board on the facilitator's screen (and laptops): place projects on target images
 * by dragging a card onto an area, or by keyboard: select a card (Enter/Space/click), then
 * press 1–9 for a target image, Delete/Backspace/0 to take it off, Escape to cancel. Each
 * card also has a menu (a plain form) that works without this script.
 *
 * Every change is a POST to the board's place URL; the server answers with the whole board
 * (or a refusal with the choices to replace), which replaces #board. Focus returns to the
 * moved card and the outcome is read out through #board-announce.
 */
(function () {
  "use strict";
  if (window.samradBoard) return;  // the step fragment may be loaded again
  window.samradBoard = true;
  var selected = null;  // {project, image}
  var dragging = null;

  function board() { return document.getElementById("board"); }

  function csrf() {
    var input = board() && board().querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // One placement on its way at a time, in the order they were made: htmx.ajax queues a
  // second request behind the first but lets a third push the second out of its queue
  // (a placement lost when three are made within one round trip).
  var sending = Promise.resolve();
  function post(values) {
    sending = sending.then(function () {
      var root = board();
      if (!root || !root.dataset.placeUrl) return null;
      return htmx.ajax("POST", root.dataset.placeUrl, {
        target: "#board", swap: "outerHTML", values: values, headers: { "X-CSRFToken": csrf() }
      });
    }).catch(function () { return null; });
  }

  function select(button) {
    document.querySelectorAll("#board .card-select[aria-pressed=true]").forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
    });
    if (!button) { selected = null; return; }
    button.setAttribute("aria-pressed", "true");
    selected = { project: button.dataset.project, image: button.dataset.image };
  }

  function areaNumbered(number) {
    return document.querySelector('#board .board-area[data-number="' + number + '"]');
  }

  function moveTo(project, fromImage, area, subArea) {
    var values = { project: project };
    if (!area) {  // the pool: take it off
      if (!fromImage) return;
      values.action = "remove"; values.from_image = fromImage;
    } else {
      values.image = area.dataset.image;
      if (subArea) values.area = subArea.dataset.area;
      if (fromImage) { values.action = "move"; values.from_image = fromImage; }
    }
    selected = { project: project, image: values.image || "" };
    post(values);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("#board .card-select");
    if (!button) return;
    var already = button.getAttribute("aria-pressed") === "true";
    select(already ? null : button);
  });

  document.addEventListener("keydown", function (event) {
    if (!selected || !board() || event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    if (event.key === "Escape") { select(null); return; }
    if (/^[1-9]$/.test(event.key)) {
      var area = areaNumbered(event.key);
      if (!area) return;
      event.preventDefault();
      moveTo(selected.project, selected.image, area, null);
    } else if (event.key === "Delete" || event.key === "Backspace" || event.key === "0") {
      if (!selected.image) return;
      event.preventDefault();
      moveTo(selected.project, selected.image, null, null);
    }
  });

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("#board .project-card.movable");
    if (!card) return;
    dragging = { project: card.dataset.project, image: card.dataset.image };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.project);
  });
  document.addEventListener("dragover", function (event) {
    if (!dragging) return;
    var zone = event.target.closest && event.target.closest("#board [data-drop]");
    if (!zone) return;
    event.preventDefault();
    document.querySelectorAll("#board .drop-target").forEach(function (z) { z.classList.remove("drop-target"); });
    zone.classList.add("drop-target");
  });
  document.addEventListener("drop", function (event) {
    if (!dragging) return;
    var zone = event.target.closest && event.target.closest("#board [data-drop]");
    if (!zone) return;
    event.preventDefault();
    var drag = dragging;
    dragging = null;
    if (zone.hasAttribute("data-pool")) { moveTo(drag.project, drag.image, null, null); return; }
    var area = zone.classList.contains("board-subarea") ? zone.closest(".board-area") : zone;
    var sub = zone.classList.contains("board-subarea") ? zone : null;
    if (drag.image === area.dataset.image && !sub) return;
    moveTo(drag.project, drag.image, area, sub);
  });
  document.addEventListener("dragend", function () {
    dragging = null;
    document.querySelectorAll("#board .drop-target").forEach(function (z) { z.classList.remove("drop-target"); });
  });

  // After the board is replaced: keep the selection on the moved card, read out the outcome.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var root = board();
    if (!root || event.detail.elt !== root) return;
    var announce = document.getElementById("board-announce");
    var feedback = root.querySelector(".board-feedback");
    if (announce && feedback && event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
      announce.textContent = feedback.textContent.trim();
    }
    var refusal = root.querySelector(".refusal button");
    if (refusal && event.detail.requestConfig && event.detail.requestConfig.verb === "post") { refusal.focus(); return; }
    if (!selected) return;
    var card = root.querySelector('.card-select[data-project="' + selected.project + '"][data-image="' + (selected.image || "") + '"]') ||
      root.querySelector('.card-select[data-project="' + selected.project + '"]');
    if (card) {
      select(card);
      if (event.detail.requestConfig && event.detail.requestConfig.verb === "post") card.focus();
    } else {
      selected = null;
    }
  });
})();
