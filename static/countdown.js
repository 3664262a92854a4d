// Progressive enhancement: count down the time the server computed for this attempt, and
// submit the page's answers when it reaches zero. The server enforces the deadline either way.
(function () {
  var timer = document.getElementById("timer");
  // The attempt page's form, or the summary's: either submits at zero.
  var form = document.querySelector("form[data-submit-at-zero]");
  if (!timer || !form) return;
  var value = timer.querySelector(".timer-value");
  // Counting from this page's load, not the device's clock, so a wrong clock cannot skew it.
  var ends = Date.now() + 1000 * Number(timer.dataset.secondsLeft);
  var warned = false;

  function tick() {
    var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    value.textContent = left >= 3600
      ? Math.floor(left / 3600) + " h " + String(Math.floor(left % 3600 / 60)).padStart(2, "0") + " min"
      : Math.floor(left / 60) + " min " + String(left % 60).padStart(2, "0") + " s";
    if (left <= 60 && !warned) {
      warned = true;
      timer.classList.add("timer-low");
      var status = document.getElementById("save-status");
      if (status) status.textContent = "One minute left. Your answers are submitted when time runs out.";
    }
    if (left === 0) {
      // action=finish submits at once: when time has run out there is no summary to confirm.
      var finish = document.createElement("input");
      finish.type = "hidden"; finish.name = "action"; finish.value = "finish";
      form.appendChild(finish);
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
      return;
    }
    setTimeout(tick, 1000);
  }
  tick();
})();
