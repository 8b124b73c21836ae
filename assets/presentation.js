// Presentation mode: keyboard and clicker navigation, auto-advance that pauses on input, Esc
// back to the view, F for full screen. The slide's links carry the URLs; this only follows them.
(function () {
  var timer = null;
  var PAUSE_AFTER_INPUT_MS = 60000;

  function deck() { return document.querySelector(".presentation"); }

  function go(href) {
    if (!href) { return; }
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    var el = deck();
    if (!el) { return; }
    var seconds = parseInt(el.getAttribute("data-auto") || "", 10);
    var next = el.getAttribute("data-next");
    if (!seconds || !next) { return; }
    timer = window.setTimeout(function () { go(next); }, delay || seconds * 1000);
  }

  document.addEventListener("keydown", function (event) {
    var el = deck();
    if (!el || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar") {
      event.preventDefault();
      go(el.getAttribute("data-next"));
    } else if (key === "ArrowLeft" || key === "PageUp") {
      event.preventDefault();
      go(el.getAttribute("data-previous"));
    } else if (key === "Escape") {
      event.preventDefault();
      if (document.fullscreenElement) { document.exitFullscreen(); }
      go(el.getAttribute("data-exit"));
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else {
      schedule(PAUSE_AFTER_INPUT_MS);  // any other key pauses auto-advance for a while
    }
  });

  ["mousemove", "pointerdown", "wheel"].forEach(function (type) {
    document.addEventListener(type, function () {
      if (deck()) { schedule(PAUSE_AFTER_INPUT_MS); }
    }, { passive: true });
  });

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("#present-fullscreen")) {
      toggleFullscreen();
    }
  });

  // A new slide (or leaving the deck) replaces the content: restart the timer for it.
  var lastSlide = null;
  new MutationObserver(function () {
    var el = deck();
    var key = el ? el.getAttribute("data-next") + "|" + el.getAttribute("data-auto") : null;
    if (key !== lastSlide) {
      lastSlide = key;
      if (el) { schedule(); } else { window.clearTimeout(timer); }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
