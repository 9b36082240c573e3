/* Every screen of a workshop (facilitator, projector, laptops, phones) follows it over one
 * WebSocket (/ws/workshops/<pk>/, see samrad/workshops/events.py):
 *
 * - {"type": "step"}: the facilitator moved to another step: fetch the step fragment
 *   (data-step-url) into #step; phones move focus to its heading;
 * - {"type": "content"}: what the step shows changed: refresh each element of #step that has
 *   data-live-url (coalesced, at most about three times a second), or the whole fragment when
 *   the step marks none. A part someone is acting in (a form field being typed in, an open
 *   <details> menu such as a project card's "Place on", a refusal waiting for "Replace … /
 *   Keep as it is") is never replaced, not even by a refresh asked for before they began
 *   (checked again when it arrives): its refresh waits until they are done, checked again
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
 * (htmx runs with allowEval false). The room's refresh of such a part waits while its poll
 * is on its way (pollOnItsWay, below).
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

  // One step fetch at a time. What changes while one is on its way (a "content" event, e.g.
  // the actions the facilitator just made, or another "step") may not be in it, as the
  // server may have drawn it before: it is fetched once more when it has landed.
  var stepLoading = null;  // {moved, again} while a fetch of the step is on its way
  function loadStep(moved) {
    if (stepLoading) {
      stepLoading.again = true;
      stepLoading.moved = stepLoading.moved || moved;
      return;
    }
    var load = stepLoading = { moved: moved, again: false };
    var guard = setTimeout(landed, 15000);  // a fetch that never settles does not stop the page
    function landed() {
      clearTimeout(guard);
      if (stepLoading !== load) return;
      stepLoading = null;
      var section = document.querySelector("#step [data-step]");
      if (section) step = section.dataset.step;
      if (load.moved && root.dataset.focusOnStep) {
        var heading = document.getElementById("step-heading");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      }
      document.dispatchEvent(new CustomEvent("workshop:step-loaded"));
      if (load.again) loadStep(false);
    }
    htmx.ajax("GET", root.dataset.stepUrl, { source: "#step", target: "#step", swap: "innerHTML" })
      .then(landed, landed);
  }

  // Someone is acting inside `box`: typing in a field, a menu (<details>) is open — as on
  // the mapping board, where a card's "Place on" menu is opened, then a target image chosen —
  // or a question waits for their answer (a refusal's "Replace … / Keep as it is",
  // data-awaits-answer), which a refresh would silently take away.
  function busy(box) {
    return (box.contains(document.activeElement) && typing()) ||
      !!box.querySelector("details[open], [data-awaits-answer]");
  }

  // The facilitator's own action (a form posted from the step) wins over the room's refresh:
  // a refresh that was on its way while an action was sent or answered is not swapped in (it
  // may have been drawn before the action, with the old values and without "Action saved."):
  // it is asked again. Actions are counted when sent and when answered.
  var actions = 0;
  var refreshes = typeof WeakMap === "function" ? new WeakMap() : null;
  function roomRefresh(config) {  // refreshContent's own request (not a poll, not an action)
    return !!(config.headers || {})["X-Samrad-Refresh"];
  }
  function countAction(event) {
    var config = event.detail.requestConfig;
    if (!config) return;
    if (config.verb === "get") {
      if (refreshes && event.type === "htmx:beforeRequest" && roomRefresh(config)) {
        refreshes.set(event.detail.xhr, actions);
      }
      return;
    }
    var step = document.getElementById("step");
    var elt = event.detail.elt;
    if (step && elt && (step.contains(elt) || elt === step)) actions++;
  }
  document.body.addEventListener("htmx:beforeRequest", countAction);
  document.body.addEventListener("htmx:afterRequest", countAction);
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (!refreshes || !refreshes.has(event.detail.xhr)) return;
    if (refreshes.get(event.detail.xhr) !== actions) {
      event.detail.shouldSwap = false;
      refreshContent();
    } else if (event.detail.target && busy(event.detail.target)) {
      // Asked for before someone started acting in it (a menu opened while the refresh was
      // on its way): not swapped from under them either; asked again once they are done.
      event.detail.shouldSwap = false;
      retryContent();
    }
  });

  // A part that polls (data-poll-pause, "every 2s") is the source of its poll and of the
  // room's refresh: a refresh asked for while its poll is on its way would wait behind it in
  // htmx's queue and be dropped when the poll's answer, which may have been drawn before the
  // change, replaces the part. It waits for the poll instead and goes once the poll has landed.
  var polls = new Map();  // xhr → {part, since} while a poll is on its way
  var afterPolls = false;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var config = event.detail.requestConfig;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-poll-pause") || !config) return;
    if (roomRefresh(config)) return;
    polls.set(event.detail.xhr, { part: elt, since: Date.now() });
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (!polls.delete(event.detail.xhr)) return;
    if (afterPolls) { afterPolls = false; refreshContent(); }
  });
  function pollOnItsWay(part) {
    var now = Date.now();
    var found = false;
    polls.forEach(function (poll, xhr) {
      if (now - poll.since > 15000) polls.delete(xhr);  // never settled: not waited for
      else if (poll.part === part) found = true;
    });
    return found;
  }

  function retryContent() {
    contentTimer = setTimeout(function () { contentTimer = null; refreshContent(); }, 1000);
  }

  // One round of part refreshes at a time, like the step's fetch: a change that arrives
  // while one is on its way may not be in it, so the parts are fetched once more when the
  // round has landed.
  var partsLoading = 0;
  var partsAgain = false;
  function partLanded() {
    partsLoading--;
    if (partsLoading === 0 && partsAgain) { partsAgain = false; refreshContent(); }
  }

  function refreshContent() {
    if (contentTimer) return;
    var wait = Math.max(0, lastContent + 300 - Date.now()) + Math.random() * 150;
    contentTimer = setTimeout(function () {
      contentTimer = null;
      if (stepLoading) { stepLoading.again = true; return; }  // the step's next fetch has it
      if (partsLoading) { partsAgain = true; return; }  // the next round has it
      var parts = document.querySelectorAll("#step [data-live-url]");
      var stepBox = document.getElementById("step");
      if (!parts.length && stepBox && busy(stepBox)) { retryContent(); return; }
      lastContent = Date.now();
      if (!parts.length) { loadStep(false); return; }
      var waiting = false;
      parts.forEach(function (part) {
        // The part is refreshed once the person is done: never swapped from under them.
        if (busy(part)) { waiting = true; return; }
        if (pollOnItsWay(part)) { afterPolls = true; return; }
        var url = part.dataset.liveUrl;
        var said = part.querySelector("[role=status]");
        var kept = said && said.textContent.trim() ? said.innerHTML : null;
        partsLoading++;
        var guard = setTimeout(done, 15000);  // a fetch that never settles does not stop them
        var over = false;
        function done() {
          clearTimeout(guard);
          if (over) return;
          over = true;
          partLanded();
        }
        // The part is the request's source: htmx.ajax without one uses <body>, where a
        // second request waits behind the first and a third pushes the second out of the
        // queue (one of a step's parts, or the step itself, never fetched).
        htmx.ajax("GET", url, {
          source: part,
          target: part,
          swap: "outerHTML",
          headers: { "X-Samrad-Refresh": "1" },
        }).then(function () {
          // What the facilitator's own action said ("Action saved.") outlives the room's
          // refresh that the action itself set off.
          done();
          if (!kept) return;
          var fresh = document.querySelector('#step [data-live-url="' + CSS.escape(url) + '"]');
          var status = fresh && fresh.querySelector("[role=status]");
          if (status && !status.textContent.trim()) status.innerHTML = kept;
        }, done);
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
