/* Every screen of a workshop (facilitator, projector, laptops, phones) follows it over one
 * WebSocket (/ws/workshops/<pk>/, see samrad/workshops/events.py):
 *
 * - {"type": "step"}: the facilitator moved to another step: fetch the step fragment
 *   (data-step-url) into #step; phones move focus to its heading;
 * - {"type": "content"}: what the step shows changed: refresh each element of #step that has
 *   data-live-url (coalesced, at most about three times a second), or the whole fragment when
 *   the step marks none. A part someone is acting in (a form field being typed in, an open
 *   <details> menu such as a project card's "Place on", a refusal waiting for "Replace … /
 *   Keep as it is") is never replaced: its refresh waits until they are done, checked again
 *   every second. A part's status message (role="status", e.g. "Action saved.") stays through
 *   the refresh that the action itself set off, unless the fresh part says something new.
 *
 * Once a form submission or link has started to leave the page (beforeunload), a "step"
 * event does not reload it: the reload would abort the facilitator's own navigation (a click
 * on Next racing the room's refresh), and the page that arrives shows the new step anyway.
 *
 * Polling parts (data-poll-pause, hx-trigger "every 2s") skip a poll while a <details> in them
 * is open or a form field in them has focus. A listener here rather than an htmx trigger
 * filter: filters are evaluated JavaScript, which the Content-Security-Policy forbids
 * (htmx runs with allowEval false).
 */
document.addEventListener("htmx:confirm", function (event) {
  var part = event.target;
  if (!part.hasAttribute || !part.hasAttribute("data-poll-pause")) return;
  var active = document.activeElement;
  if (part.querySelector("details[open]") ||
      (part.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName))) {
    event.preventDefault();
  }
});

(function () {
  "use strict";
  var root = document.getElementById("workshop-screen");
  if (!root) return;
  var status = document.getElementById("connection");
  var step = root.dataset.step;
  var retries = 0;
  var socket = null;
  var contentTimer = null;
  var lastContent = 0;
  var leaving = false;

  window.addEventListener("beforeunload", function () {
    leaving = true;
    // A download or a cancelled navigation keeps the page: follow the room again.
    setTimeout(function () { leaving = false; }, 5000);
  });

  function say(text) {
    if (!status) return;
    status.textContent = text || "";
    status.hidden = !text;
  }

  function typing() {
    var active = document.activeElement;
    var stepBox = document.getElementById("step");
    return active && stepBox && stepBox.contains(active) &&
      /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.type !== "submit";
  }

  function loadStep(moved) {
    htmx.ajax("GET", root.dataset.stepUrl, { target: "#step", swap: "innerHTML" }).then(function () {
      var section = document.querySelector("#step [data-step]");
      if (section) step = section.dataset.step;
      if (moved && root.dataset.focusOnStep) {
        var heading = document.getElementById("step-heading");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      }
      document.dispatchEvent(new CustomEvent("workshop:step-loaded"));
    });
  }

  // Someone is acting inside `box`: typing in a field, a menu (<details>) is open — as on
  // the mapping board, where a card's "Place on" menu is opened, then a target image chosen —
  // or a question waits for their answer (a refusal's "Replace … / Keep as it is",
  // data-awaits-answer), which a refresh would silently take away.
  function busy(box) {
    return (acting > 0 && Date.now() - actedAt < 15000) || (box.contains(document.activeElement) && typing()) ||
      !!box.querySelector("details[open], [data-awaits-answer]");
  }

  // The facilitator's own action (a form posted from a part) wins over the room's refresh:
  // a refresh on its way is aborted, and none starts until the action's answer has been
  // swapped in (it is the fresh part, with the version it shows, so the next refresh is
  // usually "nothing changed"). Otherwise a refresh drawn before the action could land after
  // it, showing the old values and taking away "Action saved.".
  var acting = 0;
  var actedAt = 0;  // a lost answer must not stop the refreshes for good
  var actions = typeof WeakSet === "function" ? new WeakSet() : null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var config = event.detail.requestConfig;
    if (!actions || !config || config.verb === "get") return;
    var part = event.detail.elt.closest && event.detail.elt.closest("#step [data-live-url]");
    if (!part) return;
    htmx.trigger(part, "htmx:abort");
    actions.add(event.detail.xhr);
    acting++;
    actedAt = Date.now();
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (actions && actions.has(event.detail.xhr)) {
      actions.delete(event.detail.xhr);
      acting--;
    }
  });

  function retryContent() {
    contentTimer = setTimeout(function () { contentTimer = null; refreshContent(); }, 1000);
  }

  function refreshContent() {
    if (contentTimer) return;
    var wait = Math.max(0, lastContent + 300 - Date.now()) + Math.random() * 150;
    contentTimer = setTimeout(function () {
      contentTimer = null;
      var parts = document.querySelectorAll("#step [data-live-url]");
      var stepBox = document.getElementById("step");
      if (!parts.length && stepBox && busy(stepBox)) { retryContent(); return; }
      lastContent = Date.now();
      if (!parts.length) { loadStep(false); return; }
      var waiting = false;
      parts.forEach(function (part) {
        // The part is refreshed once the person is done: never swapped from under them.
        if (busy(part)) { waiting = true; return; }
        var url = part.dataset.liveUrl;
        var said = part.querySelector("[role=status]");
        var kept = said && said.textContent.trim() ? said.innerHTML : null;
        htmx.ajax("GET", url, { target: part, swap: "outerHTML" }).then(function () {
          // What the facilitator's own action said ("Action saved.") outlives the room's
          // refresh that the action itself set off.
          if (!kept) return;
          var fresh = document.querySelector('#step [data-live-url="' + CSS.escape(url) + '"]');
          var status = fresh && fresh.querySelector("[role=status]");
          if (status && !status.textContent.trim()) status.innerHTML = kept;
        });
      });
      if (waiting) retryContent();
    }, wait);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.wsUrl);
    socket.onopen = function () {
      if (retries > 0) refreshContent();  // what was missed while the connection was down
      retries = 0;
      say("");
    };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "step") {
        if (String(event.step_id) !== String(step)) {
          step = String(event.step_id);
          if (root.dataset.reloadOnStep) {
            if (!leaving) location.reload();
            return;
          }
          loadStep(true);
        }
      } else if (event.type === "content" && String(event.step_id) === String(step)) {
        refreshContent();
      }
    };
    socket.onclose = function (event) {
      if (event.code === 4403) { location.reload(); return; }
      say(root.dataset.reconnecting || "…");
      var delay = Math.min(10000, 500 * Math.pow(2, retries++)) + Math.random() * 500;
      setTimeout(connect, delay);
    };
  }

  setInterval(function () {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "ping" }));
  }, 25000);
  connect();
})();
