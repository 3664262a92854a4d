// Progressive enhancement: after the first click, the submit button stops sending.
// The server refuses a second submission anyway; this only spares the student an error page.
document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
  });
});
