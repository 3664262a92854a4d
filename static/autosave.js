// Progressive enhancement: save the attempt's answers in the background as the student works,
// so a closed laptop or a dropped connection loses at most the last second or two of typing.
// Without JavaScript, the Save, Previous and Next buttons save the page instead.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var url = form.dataset.autosave;
  var status = document.getElementById("save-status");
  var DELAY = 1500;  // ms of quiet before saving: one request per pause, not per keystroke
  var timer = null, dirty = false, saving = false, leaving = false;

  function say(text) { if (status) status.textContent = text; }

  function clock() {
    var now = new Date();
    return String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
  }

  function save() {
    timer = null;
    if (!dirty || leaving) return;
    if (saving) { schedule(); return; }  // one request at a time, so saves land in order
    dirty = false; saving = true;
    fetch(url, {method: "POST", body: new FormData(form), credentials: "same-origin",
                headers: {"Accept": "application/json"}})
      .then(function (reply) {
        return reply.json().catch(function () { return {}; }).then(function (body) {
          if (reply.ok) {
            var skipped = body.skipped || [];
            say("Saved at " + clock() + (skipped.length
              ? ", except question " + skipped.join(", ") + ": check the answer there." : "."));
          } else if (reply.status === 409 && body.review) {
            leaving = true;
            window.location.assign(body.review);  // submitted already (or time ran out)
          } else {
            dirty = true;
            say("Not saved (the server refused it). Press Save to try again.");
          }
        });
      })
      .catch(function () {
        dirty = true;
        say("Not saved: no connection. Your answers will be saved when it comes back.");
      })
      .then(function () { saving = false; });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  function changed() { dirty = true; schedule(); }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty) schedule(); });
  // The form's own buttons send every answer on the page: no background save should race them.
  form.addEventListener("submit", function () {
    leaving = true;
    if (timer) clearTimeout(timer);
  });
  // Closing the tab or the laptop: hand the last changes to the browser to deliver.
  window.addEventListener("pagehide", function () {
    if (dirty && !leaving && navigator.sendBeacon) navigator.sendBeacon(url, new FormData(form));
  });
})();
