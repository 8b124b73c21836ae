// Keep <html lang> in step with ?lang= (Dash has no lang option; app.py sets the default).
(function () {
  var supported = ["nb", "da", "en"];
  function sync() {
    var lang = new URLSearchParams(window.location.search).get("lang");
    var shell = document.querySelector(".app-shell[lang]");
    var chosen = shell ? shell.getAttribute("lang") : lang;
    if (supported.indexOf(chosen) >= 0 && document.documentElement.lang !== chosen) {
      document.documentElement.lang = chosen;
    }
  }
  new MutationObserver(sync).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("popstate", sync);
})();
