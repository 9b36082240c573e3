/* The projector (and the control screen's preview): the server renders the stage and pushes
 * it at most a few times a second; this script only swaps it in and reconnects. While answers
 * pour in to a question whose bars are on the stage, the server sends only the counts, which
 * are written into the bars in place (applyCounts). It also
 * floats the room's reactions up the projector (#reactions, decorative) and asks for a new
 * stage when a countdown runs out. */
(function () {
  "use strict";
  var root = document.getElementById("presenter");
  if (!root) return;
  var stage = document.getElementById("stage");
  var status = document.getElementById("connection");
  var retries = 0;
  var socket = null;
  var layer = document.getElementById("reactions");
  var MAX_FLOATING = 30;

  function float(emoji) {
    if (!layer || layer.childElementCount >= MAX_FLOATING) return;
    var item = document.createElement("span");
    item.className = "reaction-float";
    item.textContent = emoji;
    item.style.left = (5 + Math.random() * 85) + "%";
    item.addEventListener("animationend", function () { item.remove(); });
    layer.appendChild(item);
  }

  var refreshTimer = null;
  function refreshLater(seconds) {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "refresh" }));
    }, 1000 * seconds);
  }

  // The counts of the question whose bars are on the stage (samrad/live/tallies.py). If the
  // stage is not that question's bars, row for row, the whole stage is asked for instead.
  function applyCounts(event) {
    var shown = stage.querySelector(".stage");
    var bars = stage.querySelector("ul.bars[data-counts]");
    var rows = bars ? bars.querySelectorAll(":scope > li[data-choice]") : [];
    var fits = shown && shown.getAttribute("data-question") === String(event.question_id) &&
      rows.length === event.results.rows.length &&
      event.results.rows.every(function (row, i) {
        return rows[i].getAttribute("data-choice") === (row.id === null ? "other" : String(row.id));
      });
    if (!fits) {
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "refresh" }));
      return;
    }
    event.results.rows.forEach(function (row, i) {
      rows[i].querySelector(".bar").style.width = row.width + "%";
      var value = rows[i].querySelector(".bar-value");
      value.firstChild.nodeValue = row.count + " ";
      value.querySelector(".muted").textContent = "(" + row.percent + " %)";
    });
    var responses = shown.querySelector("[data-testid=responses]");
    if (responses) responses.textContent = event.responses_label;
    var others = stage.querySelector(".others");
    if (event.results.others.length) {
      if (!others) {
        others = document.createElement("p");
        others.className = "others";
        bars.after(others);
      }
      others.textContent = bars.getAttribute("data-others-label") + " " + event.results.others.join(" · ");
    } else if (others) {
      others.remove();
    }
    window.samradFit(shown);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var path = root.dataset.socket || "/ws/present/" + root.dataset.code + "/";
    socket = new WebSocket(scheme + location.host + path);
    socket.onopen = function () { retries = 0; status.textContent = ""; };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "reaction") { float(event.emoji); return; }
      if (event.type === "counts") { applyCounts(event); return; }
      if (event.type !== "stage") return;
      var open = stage.querySelector("details[open]") !== null;
      stage.innerHTML = event.html;
      // No question on screen: the join screen fills the projector.
      if (document.body.classList.contains("projector")) {
        document.body.classList.toggle("joining", event.question_id === null);
      }
      if (open) {
        var details = stage.querySelector("details");
        if (details) details.open = true;
      }
      window.samradFit(stage.querySelector(".stage"));
      // A stage drawn from an analysis that is behind the votes (the opinion map recomputes
      // at most once a second) asks again once: the last votes of a burst reach the map.
      var behind = stage.querySelector("[data-refresh-after]");
      if (behind) refreshLater(Number(behind.getAttribute("data-refresh-after")));
    };
    socket.onclose = function (event) {
      // A presenter link that was revoked: leave (the page then says it is not there).
      if (event.code === 4403 && root.dataset.socket && root.dataset.socket.indexOf("/ws/show/") === 0) {
        location.reload();
        return;
      }
      status.textContent = "…";
      setTimeout(connect, Math.min(10000, 500 * Math.pow(2, retries++)));
    };
  }
  var fullscreen = document.getElementById("fullscreen");
  if (fullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", function () {
      document.documentElement.requestFullscreen().catch(function () {});
    });
    document.addEventListener("fullscreenchange", function () {
      fullscreen.hidden = document.fullscreenElement !== null;
    });
  }
  if (window.samradCountdown) {
    window.samradCountdown.onEnd(function () {
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "refresh" }));
    });
  }
  window.samradFit(stage.querySelector(".stage"));
  connect();
})();
