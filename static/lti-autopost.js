// The deep-linking reply goes back to the course platform at once; the button is there without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("lti-deep-link-return");
  if (form) form.submit();
});
