/* The phone: follow the facilitator over a WebSocket, keep answers that could not be sent.
 *
 * The server pushes {"type": "state"} when the session or its current question changes; its
 * "key" (events.phone_state_key) says what the screen depends on, and a phone whose shown key
 * differs fetches the question fragment (server-rendered, in the phone's language). A
 * self-paced phone refetches when the question it shows was "touched" (reset, edited).
 * Answers go over HTTP and are acknowledged only after commit. An answer that fails to send
 * is kept (its form's data, taken when sending failed) and resent (same client_id, so never
 * stored twice) when back online, even if its form has been replaced meanwhile; the phone
 * then says whether it was counted (the server's X-Samrad-Answer header) or not, because its
 * question no longer takes answers.
 */
(function () {
  "use strict";
  var root = document.getElementById("participant");
  if (!root) return;
  var code = root.dataset.code;
  var fragmentUrl = root.dataset.fragmentUrl;
  var status = document.getElementById("connection");
  var state = root.dataset.state;
  var retries = 0;
  var pending = null;  // {url, data, prompt}: an answer kept while offline
  var socket = null;

  function say(text) { status.textContent = text || ""; }

  // What is being typed or chosen survives a refetch of the same question (edited, reset,
  // reopened): the new form gets back the text in the field of the same name (if it still has
  // it and it is empty) and the choices made but not yet sent (the options still there).
  function typedIn(card) {
    var typed = { question: card && card.dataset.question, fields: {}, checked: [], set: {} };
    if (!card) return typed;
    card.querySelectorAll("form.answer-form [name]").forEach(function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "radio" || type === "checkbox") {
        if (field.checked !== field.defaultChecked) {
          typed.checked.push({ name: field.name, value: field.value, on: field.checked });
        }
      } else if (type === "hidden" || type === "submit" || type === "button") {
        return;
      } else if (field.tagName === "TEXTAREA" || type === "text" || type === "") {
        if (field.value && field.value !== field.defaultValue) typed.fields[field.name] = field.value;
      } else if (field.tagName === "SELECT") {
        var option = field.options[field.selectedIndex];
        if (option && !option.defaultSelected) typed.set[field.name] = field.value;
      } else if (field.value !== field.defaultValue) {
        typed.set[field.name] = field.value;  // a number or a slider the participant set
      }
    });
    return typed;
  }
  function giveBack(card, typed) {
    if (!card || card.dataset.question !== typed.question) return;
    var form = card.querySelector("form.answer-form");
    if (!form) return;
    function named(name) {
      return Array.prototype.filter.call(form.querySelectorAll("[name]"), function (field) {
        return field.name === name;
      });
    }
    Object.keys(typed.fields).forEach(function (name) {
      var field = named(name)[0];
      if (field && !field.value) field.value = typed.fields[name];
    });
    typed.checked.forEach(function (choice) {
      named(choice.name).forEach(function (field) {
        if (field.value === choice.value) field.checked = choice.on;
      });
    });
    Object.keys(typed.set).forEach(function (name) {
      named(name).forEach(function (field) {
        field.value = typed.set[name];
        field.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  // An answer sent while a refetch was on its way: the refetch may have been answered before
  // the answer was stored, so it would paint the unanswered form over the confirmation. Such a
  // refetch is asked again once it lands (then it shows the answer among one's own).
  // Sending and being answered both count, so a refetch that overlaps either is asked again.
  var answersSent = 0;
  function countAnswer(event) {
    var config = event.detail.requestConfig;
    if (config && config.verb === "post" && event.detail.target &&
        event.detail.target.id === "question") {
      answersSent++;
    }
  }
  document.body.addEventListener("htmx:beforeRequest", countAnswer);
  document.body.addEventListener("htmx:afterRequest", countAnswer);

  // One fetch of the question at a time, #question its source: htmx.ajax without a source
  // uses <body>, where a second request waits behind the first (its promise resolved at once,
  // before its swap) and a third pushes the second out of the queue (a Q&A list's refresh
  // could drop the fetch of the next question). Asked while one is on its way, the newest
  // address is fetched once it has landed, and every waiting `then` runs after that.
  var questionLoading = null;  // {url, thens} of the fetch asked for while one is on its way
  function fetchQuestion(url, then) {
    if (questionLoading) {
      questionLoading.url = url;
      if (then) questionLoading.thens.push(then);
      return;
    }
    var load = questionLoading = { url: null, thens: [] };
    var guard = setTimeout(landed, 15000);  // a fetch that never settles does not stop the phone
    function landed() {
      clearTimeout(guard);
      if (questionLoading !== load) return;
      questionLoading = null;
      if (then) then();
      if (load.url !== null) {
        fetchQuestion(load.url, function () { load.thens.forEach(function (t) { t(); }); });
      }
    }
    htmx.ajax("GET", url, { source: "#question", target: "#question", swap: "innerHTML" })
      .then(landed, landed);
  }
  window.samradQuestion = fetchQuestion;  // participant-answers.js: the confirmation

  function refresh(moved) {
    var shown = document.querySelector("#question .question-card");
    var url = fragmentUrl;
    if (shown && state === "self" && shown.dataset.question !== "none") {
      url += "?q=" + shown.dataset.question;
    }
    var typed = typedIn(shown);
    var sentBefore = answersSent;
    fetchQuestion(url, function () {
      if (answersSent !== sentBefore) { refresh(moved); return; }
      var card = document.querySelector("#question .question-card");
      if (card) state = card.dataset.state;
      giveBack(card, typed);
      if (moved) {
        var heading = document.getElementById("question-heading");
        if (heading) heading.focus();
      }
    });
  }

  // Q&A: others' posts and votes arrive as {"type": "qa"}. Only the list is refetched (never
  // the form being typed in), at most once a second, a little spread out so that a room of
  // phones does not ask at the same instant. htmx keeps focus on a button with the same id.
  var postsTimer = null;
  var postsLast = 0;

  function refreshPosts(questionId) {
    var list = document.getElementById("qa-list");
    if (!list || postsTimer) return;
    if (questionId !== undefined && list.dataset.question !== String(questionId)) return;
    var wait = Math.max(0, postsLast + 1000 - Date.now()) + Math.random() * 300;
    postsTimer = setTimeout(function () {
      postsTimer = null;
      var posts = document.querySelector("#qa-list .qa-posts");
      if (!posts) return;
      postsLast = Date.now();
      htmx.ajax("GET", posts.dataset.url, { source: "#qa-list", target: "#qa-list", swap: "innerHTML" });
    }, wait);
  }

  function keep(form) {
    var heading = document.getElementById("question-heading");
    pending = {
      url: form.getAttribute("hx-post") || form.action,
      data: new FormData(form),
      prompt: heading ? heading.textContent.trim() : "",
    };
    say(root.dataset.offlineKept);
  }

  function resendPending() {
    if (!pending) return;
    var kept = pending;
    pending = null;
    fetch(kept.url, {
      method: "POST",
      body: kept.data,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    }).then(function (response) {
      var result = response.headers.get("X-Samrad-Answer");
      if (result === "refused") {
        say(root.dataset.keptRefused.replace("{question}", kept.prompt));
      } else {
        say(result === "received" ? root.dataset.keptSent : "");
      }
      refresh(false);  // the current question, with the answer kept among one's own
    }, function () {
      pending = pending || kept;  // still offline: keep it for the next try
    });
  }

  function backOnline() {
    if (pending) { resendPending(); return; }
    if (status.textContent === root.dataset.offlineKept) say("");
    refresh(false);  // whatever was missed while offline
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/live/" + code + "/");
    window.samradSocket = socket;  // answers go over it (participant-answers.js)
    socket.onopen = function () {
      if (retries > 0) refreshPosts();  // what was missed while the connection was down
      retries = 0;
      var shown = status.textContent;
      if (shown === root.dataset.reconnecting || shown === root.dataset.offlineKept) say("");
      resendPending();
    };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "ack" || event.type === "refused") {
        document.dispatchEvent(new CustomEvent("samrad:answer", { detail: event }));
        return;
      }
      if (event.type === "qa") { refreshPosts(event.question_id); return; }
      if (event.type !== "state") return;
      var key = event.key;
      var shown = document.querySelector("#question .question-card");
      var touched = key === "self" && event.touched !== null && shown &&
        shown.dataset.question === String(event.touched);
      if (key !== state || touched) {
        var moved = key.split(":")[0] !== String(state).split(":")[0];
        state = key;
        refresh(moved);
      }
    };
    socket.onclose = function (event) {
      if (event.code === 4404) { refresh(false); return; }
      say(root.dataset.reconnecting);
      var delay = Math.min(10000, 500 * Math.pow(2, retries++)) + Math.random() * 500;
      setTimeout(connect, delay);
    };
  }

  document.body.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest("form");
    if (form && !form.closest(".reactions")) keep(form);
  });
  // An answer sent replaces its form: move focus to the confirmation (or the error), so that
  // keyboard and screen-reader users hear it instead of being dropped at the top of the page.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail.requestConfig;
    if (!config || event.detail.target.id !== "question") return;
    // detail.elt is the element swapped into (#question); the link that asked is config.elt.
    if (config.verb === "get" && config.elt && config.elt.hasAttribute("data-step")) {
      var heading = document.getElementById("question-heading");
      if (heading) heading.focus();
      return;
    }
    if (config.verb !== "post") return;
    var note = document.querySelector("#question .ack, #question .error") ||
      document.getElementById("question-heading");
    if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
  });
  // When a countdown runs out, the server says the question is closed: ask it.
  if (window.samradCountdown) window.samradCountdown.onEnd(function () { refresh(false); });
  window.addEventListener("online", backOnline);
  setInterval(function () {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "ping" }));
  }, 25000);
  connect();
})();
