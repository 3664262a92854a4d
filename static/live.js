// Live mode on phones, the projector and the teacher's controls. Every page works without this
// script (reload it); with it, the page asks the state endpoint about twice a second, sending the
// ETag it has as If-None-Match: while nothing changed the answer is an empty 304. When the teacher
// opens a question, a phone swaps it in from the reply (the same fieldset for everyone); any other
// change reloads the page, which the server renders for this phone (its answer kept).
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

  function swapIn(body) {
    var form = document.getElementById("live-answer");
    var slot = document.getElementById("live-body");
    if (!form || !slot || !body.html) return false;
    slot.innerHTML = body.html;  // the server's own, escaped HTML of the question
    var first = slot.querySelector("input, select, textarea");
    if (first) first.focus();
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
      window.location.reload();
    });
  }

  function poll() {
    var headers = teacher ? {} : {"If-None-Match": etag};
    fetch(url, {credentials: "same-origin", cache: "no-store", headers: headers})
      .then(function (reply) {
        if (reply.status === 304) return INTERVAL;
        if (!reply.ok) return BACKOFF;
        return changed(reply).then(function () { return INTERVAL; });
      })
      .catch(function () { return BACKOFF; })  // Wi-Fi gone: try again a little later
      .then(function (wait) { setTimeout(poll, wait + Math.random() * JITTER); });
  }

  // A phone that slept asks at once when it wakes, rather than at the next tick.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) poll();
  });
  setTimeout(poll, Math.random() * INTERVAL);
})();
