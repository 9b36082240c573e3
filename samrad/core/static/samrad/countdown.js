/* Countdowns on the phone, the projector and the control page.
 *
 * Each `.countdown[data-remaining]` counts down from the seconds the server said were left
 * when it drew it (so a phone's clock does not matter). At zero the page's handlers run: the
 * phone refetches its question and the projector asks for a new stage; the server decides
 * that answering has closed (rules.response_refusal), whatever this script does.
 */
(function () {
  "use strict";
  var handlers = [];

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var now = Date.now();
    var clocks = document.querySelectorAll(".countdown[data-remaining]");
    Array.prototype.forEach.call(clocks, function (clock) {
      if (!clock.dataset.endsAt) {
        clock.dataset.endsAt = String(now + parseFloat(clock.dataset.remaining) * 1000);
      }
      var left = Math.max(0, Math.ceil((parseFloat(clock.dataset.endsAt) - now) / 1000));
      var shown = clock.querySelector(".countdown-time");
      if (shown && shown.textContent !== format(left)) shown.textContent = format(left);
      if (left === 0 && !clock.dataset.done) {
        clock.dataset.done = "1";
        clock.classList.add("countdown-over");
        handlers.forEach(function (handler) { handler(clock); });
      }
    });
  }

  window.samradCountdown = { onEnd: function (handler) { handlers.push(handler); } };
  setInterval(tick, 200);
  tick();
})();
