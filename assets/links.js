// In-app links that need attributes dcc.Link lacks (aria-current, lang, hreflang) are plain
// <a data-spa> elements; a plain click navigates inside the app without reloading, the same
// way dcc.Link does (push the URL, tell Dash's Location about it). Modified clicks open as usual.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-spa]");
  if (!link || event.defaultPrevented || event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  var href = link.getAttribute("href");
  if (href !== window.location.pathname + window.location.search) {
    window.history.pushState({}, "", href);  // one history entry per click, none for "here"
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }
  window.scrollTo(0, 0);
});

// A filter change redraws the view in place (components/view_router.py): the header's links,
// the export links and the login link were built for the query before it. Each keeps what it
// changes itself (lang=…, goal dropped) and follows the URL in the rest.
window.dashboardLinks = {
  sync: function () {
    var shell = document.querySelector(".app-shell[data-query]");
    if (!shell) { return; }
    var before = new URLSearchParams(shell.getAttribute("data-query"));
    var now = new URLSearchParams(window.location.search);
    var names = {};
    before.forEach(function (_, name) { names[name] = true; });
    now.forEach(function (_, name) { names[name] = true; });
    document.querySelectorAll("a[data-keep-query]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      Object.keys(names).forEach(function (name) {
        if (url.searchParams.get(name) !== before.get(name)) { return; }  // the link's own
        if (now.has(name)) { url.searchParams.set(name, now.get(name)); }
        else { url.searchParams.delete(name); }
      });
      link.setAttribute("href", url.pathname + url.search);
    });
    document.querySelectorAll("a[data-login-next]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      url.searchParams.set("next", window.location.pathname + window.location.search);
      link.setAttribute("href", url.pathname + url.search);
    });
    shell.setAttribute("data-query", now.toString());
  }
};
