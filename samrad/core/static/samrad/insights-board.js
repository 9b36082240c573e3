/* Keyboard coding on the input board (insights/board.html).
 *
 * j / ↓ and k / ↑ move between inputs; 1–9 put the nth theme of the codebook on the
 * focused input (or take it off); a accepts the top suggestion; Enter opens the answer
 * form (Ctrl+Enter saves, Esc cancels); p publishes or unpublishes; x selects for a bulk
 * action; / goes to the search; ? opens the list of keys. Each action swaps only the
 * input's row (htmx) and puts the focus back on it; a polite live region says what changed.
 * Keys are ignored while typing in a field, and with Ctrl, Alt or Cmd held.
 */
(function () {
  "use strict";

  function board() { return document.getElementById("board"); }
  function rows() { var b = board(); return b ? Array.prototype.slice.call(b.querySelectorAll(".input-row")) : []; }
  function currentRow() {
    var el = document.activeElement;
    return el && el.closest ? el.closest(".input-row") : null;
  }
  function csrf() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function announce(text) {
    var status = document.getElementById("board-status");
    if (status && text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 30); }
  }
  function focusRow(row) {
    if (!row) return;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }
  function move(delta) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(currentRow());
    index = index < 0 ? 0 : Math.max(0, Math.min(all.length - 1, index + delta));
    focusRow(all[index]);
  }
  // One action on its way at a time, in the order they were made: htmx.ajax queues a
  // second request behind the first but lets a third push the second out of its queue (a
  // theme put on an input lost when three keys are pressed within one round trip). The row
  // is looked up when its turn comes: an earlier action may have replaced it.
  var sending = Promise.resolve();
  function swap(row, verb, url, values, then) {
    var id = row.id;
    sending = sending.then(function () {
      var target = document.getElementById(id);
      if (!target) return null;
      return window.htmx.ajax(verb, url, {
        target: target, swap: "outerHTML", values: values || {}, headers: { "X-CSRFToken": csrf() }
      }).then(function () {
        var fresh = document.getElementById(id);
        if (!fresh) return;
        announce(fresh.getAttribute("data-announce"));
        if (then) then(fresh); else focusRow(fresh);
      });
    }).catch(function () { return null; });
  }
  function code(row, themeId) {
    if (row.dataset.codeUrl && themeId) swap(row, "POST", row.dataset.codeUrl, { theme: themeId });
  }
  function openAnswer(row) {
    if (!row.dataset.answerUrl) return;
    swap(row, "GET", row.dataset.answerUrl, null, function (fresh) {
      var field = fresh.querySelector("[data-answer]");
      if (field) { field.focus(); field.setSelectionRange(field.value.length, field.value.length); }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) return;
    var target = event.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
    // Inside the answer form: Ctrl+Enter saves, Esc cancels.
    if (typing && target.matches("[data-answer]")) {
      var row = target.closest(".input-row");
      if (event.key === "Enter" && event.ctrlKey) {
        event.preventDefault();
        var form = target.form;
        var values = {};
        new FormData(form).forEach(function (value, key) { values[key] = value; });
        swap(row, "POST", form.getAttribute("action"), values);
      } else if (event.key === "Escape") {
        event.preventDefault();
        row.querySelector("[data-cancel]").click();
        window.setTimeout(function () { focusRow(document.getElementById(row.id)); }, 150);
      }
      return;
    }
    if (typing || event.ctrlKey) return;
    if (document.querySelector("dialog[open]")) return;
    var current = currentRow();
    var key = event.key;
    if (key === "j" || key === "ArrowDown") { event.preventDefault(); move(1); return; }
    if (key === "k" || key === "ArrowUp") { event.preventDefault(); move(-1); return; }
    if (key === "?") { event.preventDefault(); openHelp(); return; }
    if (key === "/") {
      var search = document.getElementById("filter-q");
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (!current) return;
    // Keys on the row only, not on its buttons (Enter there presses the button).
    if (key === "Enter" && target === current) { event.preventDefault(); openAnswer(current); return; }
    if (/^[1-9]$/.test(key)) {
      var themes = (board().dataset.themes || "").split(",").filter(Boolean);
      var themeId = themes[Number(key) - 1];
      if (themeId) { event.preventDefault(); code(current, themeId); }
      return;
    }
    if (key === "a" && current.dataset.topTheme) {
      event.preventDefault();
      swap(current, "POST", current.dataset.codeUrl, { theme: current.dataset.topTheme, on: "1" });
      return;
    }
    if (key === "p" && current.dataset.publishUrl) {
      event.preventDefault();
      swap(current, "POST", current.dataset.publishUrl, { published: current.dataset.published === "1" ? "0" : "1" });
      return;
    }
    if (key === "x") {
      var box = current.querySelector(".select-input");
      if (box) { event.preventDefault(); box.checked = !box.checked; }
    }
  });

  function openHelp() {
    var dialog = document.getElementById("board-help");
    if (dialog && !dialog.open) dialog.showModal();
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("#board-help-open")) openHelp();
    // A click in a row (not on its controls) makes it the current one for the keys.
    var row = event.target.closest(".input-row");
    if (row && !event.target.closest("button, a, input, select, textarea, summary, label")) focusRow(row);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-select-all]")) {
      rows().forEach(function (row) {
        var box = row.querySelector(".select-input");
        if (box) box.checked = event.target.checked;
      });
    }
  });
  // Rows swapped by their own buttons (mouse) announce too, and keep the focus in the row.
  document.addEventListener("htmx:afterSwap", function (event) {
    var old = event.detail.target;
    if (!old || !old.id || !/^input-\d+$/.test(old.id)) return;
    var row = document.getElementById(old.id);
    if (!row) return;
    announce(row.getAttribute("data-announce"));
    if (!document.activeElement || document.activeElement === document.body) {
      var field = row.querySelector("[data-answer]");
      if (field) field.focus(); else focusRow(row);
    }
  });
})();
