// Progressive enhancement for the teacher's monitor page: every 15 s fetch the page again and swap
// in its live part, so the teacher sees students' progress without reloading (the Refresh link
// does the same without script). A failed fetch leaves the last table in place and tries again.
(function () {
  var live = document.getElementById("monitor-live");
  if (!live || !window.fetch || !window.DOMParser) return;
  var note = document.getElementById("monitor-auto");
  if (note) note.hidden = false;
  function refresh() {
    fetch(window.location.href, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (reply) { return reply.ok ? reply.text() : Promise.reject(reply.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("monitor-live");
        if (fresh) live.replaceWith(fresh), live = fresh;
      })
      .catch(function () {})
      .then(function () { setTimeout(refresh, 15000); });
  }
  setTimeout(refresh, 15000);
})();
