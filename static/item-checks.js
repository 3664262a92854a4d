// The question editor's checks panel, kept up to date as the teacher types.
// Without this script the panel updates when "Check the question" is pressed.
(function () {
  "use strict";
  var panel = document.getElementById("item-checks");
  var form = panel && panel.closest("form");
  var status = document.getElementById("item-checks-status");
  if (!form || !panel.dataset.url || !window.fetch) { return; }
  var timer = null;
  var pending = null;
  var lastSummary = "";

  function refresh() {
    var body = new FormData(form);
    body.delete("image");  // a picture is sent by "Add the image" or Save, not with every check
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(panel.dataset.url, { method: "POST", body: body, credentials: "same-origin", signal: pending.signal })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        panel.innerHTML = html;
        var summary = panel.querySelector("[data-summary]");
        var text = summary ? summary.getAttribute("data-summary") : "";
        // Announce a change of count only, not every refresh.
        if (status && text !== lastSummary) { status.textContent = text; lastSummary = text; }
      })
      .catch(function () { /* offline or superseded: the panel keeps what it showed */ });
  }

  function later(event) {
    // Ticking a box in the panel changes nothing the checks look at.
    if (event.target && event.target.name === "accept_warnings") { return; }
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
