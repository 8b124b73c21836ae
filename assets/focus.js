// A filter change re-renders the view (one server round trip), which replaces the focused
// control. Keyboard and screen-reader users would land on <body>; put focus back on the control
// with the same id, or else on the main region.
(function () {
  var lastFocusedId = null;
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.id) { lastFocusedId = event.target.id; }
  });
  new MutationObserver(function () {
    var active = document.activeElement;
    if (active && active !== document.body) { return; }
    if (!lastFocusedId) { return; }
    var again = document.getElementById(lastFocusedId);
    if (again) {
      again.focus({ preventScroll: true });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
