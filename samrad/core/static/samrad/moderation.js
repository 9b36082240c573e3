/* Q&A moderation (its own page, and the control page while a Q&A is on screen), and the
 * moderation of word-cloud and open-input entries (#entry-moderation, on the control page).
 *
 * Buttons post with htmx and get the panel back. New posts and votes are announced by the
 * presenter's WebSocket: every "stage" message of this question carries the Q&A's stamp
 * (`kinds/qa.py: stamp`), and the panel carries the stamp it was drawn from. When they
 * differ the panel is refetched, at most once a second, never while one of its own requests
 * is on the way, and never while the facilitator is typing a reply or has picked a post to
 * merge into (it waits until that form is sent or left as it was). A stage that changed for
 * another reason (a phone connected) costs nothing, and the confirmation of an action stays.
 */
(function () {
  "use strict";
  var panelId = document.getElementById("qa-moderation") ? "qa-moderation" : "entry-moderation";
  if (!document.getElementById(panelId)) return;
  var panel = function () { return document.getElementById(panelId); };
  var code = panel().dataset.code;
  var timer = null;
  var last = 0;
  var retries = 0;
  var wanted = null;  // the newest stamp the stage announced for this question
  var requestUntil = 0;  // a request of the panel is on its way (with a time-out, to be safe)

  function busy() {
    var root = panel();
    if (Date.now() < requestUntil) return true;
    var active = document.activeElement;
    if (active && root.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) {
      return true;
    }
    var fields = root.querySelectorAll("input[name=reply], select[name=into]");
    return Array.prototype.some.call(fields, function (field) {
      if (field.tagName === "SELECT") return field.value !== "";
      return field.value !== field.defaultValue;
    });
  }

  function behind() {
    var root = panel();
    return root !== null && wanted !== null && wanted !== root.dataset.stamp;
  }

  function refresh() {
    timer = null;
    if (!behind()) return;
    if (busy()) { timer = setTimeout(refresh, 1000); return; }
    last = Date.now();
    // The panel is the source (not <body>, htmx.ajax's default): its refresh counts as the
    // panel's request on its way (busy), so the next one waits for it.
    htmx.ajax("GET", panel().dataset.url, {
      source: "#" + panelId, target: "#" + panelId, swap: "outerHTML"
    });
  }

  function schedule() {
    if (!timer) timer = setTimeout(refresh, Math.max(0, last + 1000 - Date.now()));
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/present/" + code + "/");
    socket.onopen = function () { retries = 0; };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      var root = panel();
      if (event.type !== "stage" || !root || !event.results) return;
      if (String(event.question_id) !== root.dataset.question) return;
      wanted = event.results.stamp;
      if (behind()) schedule();
    };
    socket.onclose = function () {
      setTimeout(connect, Math.min(10000, 500 * Math.pow(2, retries++)));
    };
  }

  function inPanel(event) {
    var elt = event.detail.elt;
    return elt && elt.closest && elt.closest("#" + panelId) !== null;
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (inPanel(event)) requestUntil = Date.now() + 15000;
  });
  // Not only the panel's: a form that its own answer replaced reports from the nearest
  // element still on the page. The panel's are the only htmx requests here.
  document.body.addEventListener("htmx:afterRequest", function () { requestUntil = 0; });
  // A button that is gone after its action (Approve, Hide) leaves focus nowhere: put it on
  // the post it acted on, where the facilitator was.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail.requestConfig;
    if (!config || config.verb !== "post") return;
    var root = panel();
    if (!root || root.contains(document.activeElement)) return;
    var elt = config.elt;  // the form that was sent, gone from the page by now
    var card = elt && elt.closest && elt.closest("[data-post]");
    var target = (card && root.querySelector('[data-post="' + card.dataset.post + '"]')) ||
      root.querySelector(".ack, .error");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
  connect();
})();
