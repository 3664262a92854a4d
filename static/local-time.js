// Tell the server the browser's time zone, so every page shows times on the viewer's clock.
// The cookie is only rewritten when missing or different (a laptop that travelled).
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return; // no Intl: the server keeps using the school's zone
  }
  if (!zone || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) return;
  var cookies = document.cookie ? document.cookie.split("; ") : [];
  if (cookies.indexOf("tz=" + zone) !== -1) return;
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
})();
