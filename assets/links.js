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
  window.history.pushState({}, "", link.getAttribute("href"));
  window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  window.scrollTo(0, 0);
});
