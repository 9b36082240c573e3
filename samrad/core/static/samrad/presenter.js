/* The projector (and the control screen's preview): the server renders the stage and pushes
 * it at most a few times a second; this script only swaps it in and reconnects. */
(function () {
  "use strict";
  var root = document.getElementById("presenter");
  if (!root) return;
  var stage = document.getElementById("stage");
  var status = document.getElementById("connection");
  var retries = 0;

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/present/" + root.dataset.code + "/");
    socket.onopen = function () { retries = 0; status.textContent = ""; };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type !== "stage") return;
      var open = stage.querySelector("details[open]") !== null;
      stage.innerHTML = event.html;
      if (open) {
        var details = stage.querySelector("details");
        if (details) details.open = true;
      }
      window.samradFit(stage.querySelector(".stage"));
    };
    socket.onclose = function () {
      status.textContent = "…";
      setTimeout(connect, Math.min(10000, 500 * Math.pow(2, retries++)));
    };
  }
  window.samradFit(stage.querySelector(".stage"));
  connect();
})();
