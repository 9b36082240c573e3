/* The phone's answers over its WebSocket (the lean path, docs/architecture/live-pipeline.md).
 *
 * When the phone's socket (participant.js) is open, an answer form is sent over it as
 * {"type": "answer", "question_id", "client_id", "form": {field: [values]}} instead of an
 * htmx POST. The server's writer stores it with the next batch and replies "ack" after the
 * commit (then the question fragment is fetched, with the confirmation) or "refused" with the
 * reason in the phone's language (shown above the form; nothing typed is lost). Without an
 * open socket, or without a reply within 10 s, the form goes by HTTP as before: the same
 * client_id, so it is never stored twice.
 */
(function () {
  "use strict";
  var root = document.getElementById("participant");
  if (!root) return;
  var fragmentUrl = root.dataset.fragmentUrl;
  var waiting = {};  // client_id -> form

  function byHttp(form) {
    form.dataset.http = "1";
    htmx.trigger(form, "submit");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var socket = window.samradSocket;
    if (!form.classList || !form.classList.contains("answer-form") || !root.contains(form)) return;
    // Offline, without a socket, or after no reply: htmx POSTs it (kept and resent offline).
    if (form.dataset.http || !navigator.onLine || !socket || socket.readyState !== 1) return;
    var card = form.closest(".question-card");
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (fields[name] = fields[name] || []).push(String(value));
    });
    // The button that sent the form carries a value of its own (a vote: Agree = 1), which
    // FormData leaves out; htmx's POST includes it, so the socket must too.
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      (fields[submitter.name] = fields[submitter.name] || []).push(String(submitter.value));
    }
    var clientId = (fields.client_id || [""])[0];
    event.preventDefault();
    event.stopPropagation();
    waiting[clientId] = form;
    socket.send(JSON.stringify({
      type: "answer", question_id: Number(card.dataset.question), client_id: clientId, form: fields
    }));
    setTimeout(function () {
      if (waiting[clientId] === form) { delete waiting[clientId]; byHttp(form); }
    }, 10000);
  }, true);

  document.addEventListener("samrad:answer", function (event) {
    var reply = event.detail;
    var form = waiting[reply.client_id];
    if (!form) return;
    delete waiting[reply.client_id];
    if (reply.type === "ack") {
      var card = form.closest(".question-card");
      var url = fragmentUrl + "?sent=1&q=" + (card ? card.dataset.question : "");
      window.samradQuestion(url, function () {  // participant.js: one fetch at a time
        var note = document.querySelector("#question .ack");
        if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
      });
      return;
    }
    var shown = form.parentNode.querySelector(".error[data-refusal]");
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "error";
      shown.setAttribute("role", "alert");
      shown.dataset.refusal = "1";
      form.parentNode.insertBefore(shown, form);
    }
    shown.textContent = reply.message;
    shown.setAttribute("tabindex", "-1");
    shown.focus();
  });
})();
