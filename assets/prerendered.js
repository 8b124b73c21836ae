// The first response carries the view as static HTML (components/prerender.py) so the page is
// painted before Dash has run. Once Dash has put the live view on the page, the copy goes, in
// the same frame (a MutationObserver runs before the next paint): nothing flashes or jumps.
(function () {
  var copy = document.getElementById("prerendered");
  var entry = document.getElementById("react-entry-point");
  if (!copy || !entry) { return; }
  var observer = new MutationObserver(function () {
    var live = document.getElementById("view-content");
    if (live && live.firstChild) {
      copy.remove();
      observer.disconnect();
    }
  });
  observer.observe(entry, { childList: true, subtree: true });
})();
