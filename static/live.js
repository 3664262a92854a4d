// Live mode on phones, the projector and the teacher's controls. Every page works without this
// script (reload it); with it, the page asks the state endpoint about twice a second, sending the
// ETag it has as If-None-Match: while nothing changed the answer is an empty 304. When the teacher
// opens a question, a phone swaps it in from the reply (the same fieldset for everyone); when it
// closes, reveals or ends, the reply carries this phone's own view (its answer kept, right or not).
(function () {
  var live = document.getElementById("live");
  if (!live || !window.fetch) return;
  var url = live.getAttribute("data-state-url");
  var etag = live.getAttribute("data-etag");
  var teacher = live.hasAttribute("data-teacher");
  var INTERVAL = 500, JITTER = 250, BACKOFF = 4000;

  function set(id, value) {
    var node = document.getElementById(id);
    if (node) node.textContent = String(value);
  }

  // The next question, from any view but the end: the answer form is always on the page (hidden
  // while no question is open), so the phone shows the question without reloading.
  function swapIn(body) {
    var form = document.getElementById("live-answer");
    var slot = document.getElementById("live-body");
    var view = document.getElementById("live-view");
    if (!form || !slot || !body.html) return false;
    slot.innerHTML = body.html;  // the server's own, escaped HTML of the question
    form.hidden = false;
    if (view) view.hidden = true;
    set("live-position", " · question " + body.position + " of " + body.total);
    var first = slot.querySelector("input, select, textarea");
    if (first) first.focus();
    return true;
  }

  // Anything else the teacher moved on to (closed, revealed, the end): this phone's own view, from
  // the reply, in place of the question.
  function showView(body) {
    var form = document.getElementById("live-answer");
    var view = document.getElementById("live-view");
    if (!view) return false;
    view.innerHTML = body.view;  // the server's own, escaped HTML
    view.hidden = false;
    if (form) form.hidden = true;
    if (body.position) set("live-position", " · question " + body.position + " of " + body.total);
    return true;
  }

  function changed(reply) {
    return reply.json().then(function (body) {
      if (teacher) {
        set("live-answered", body.answered);
        set("live-joined", body.joined);
        var names = document.getElementById("live-names");
        if (names && body.names) {
          names.textContent = "";
          body.names.forEach(function (name) {
            var li = document.createElement("li");
            li.textContent = name;
            names.appendChild(li);
          });
        }
        if (body.etag !== etag) window.location.reload();
        return;
      }
      var fresh = reply.headers.get("ETag");
      if (fresh === etag) return;
      etag = fresh;
      if (body.state === "open" && swapIn(body)) return;
      if (body.view !== undefined && showView(body)) return;
      window.location.reload();
    });
  }

  var timer = null, asking = false;

  function poll() {
    if (asking) return;
    asking = true;
    clearTimeout(timer);
    var headers = teacher ? {} : {"If-None-Match": etag};
    fetch(url, {credentials: "same-origin", cache: "no-store", headers: headers})
      .then(function (reply) {
        if (reply.status === 304) return INTERVAL;
        if (!reply.ok) return BACKOFF;
        return changed(reply).then(function () { return INTERVAL; });
      })
      .catch(function () { return BACKOFF; })  // Wi-Fi gone: try again a little later
      .then(function (wait) {
        asking = false;
        timer = setTimeout(poll, wait + Math.random() * JITTER);
      });
  }

  // A phone that slept asks at once when it wakes, rather than at the next tick (one loop only).
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) poll();
  });
  timer = setTimeout(poll, Math.random() * INTERVAL);
})();
