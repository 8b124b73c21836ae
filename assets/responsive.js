// Small screens and paper (style.css has the layout; this does what CSS cannot):
// - bar charts' long category names wrapped on a narrow chart, whole, on as many lines as they
//   need, restored to one line when the chart is wide again; assets/plotly-pacing.js gives
//   wrapped names the room they need (a smaller font or a taller chart);
// - tables wider than their box get a visible cue and a written hint that they scroll sideways;
// - data tables' cells carry their column's name, so a phone can show them as stacked rows;
// - the printed page's header line: the filters as they are set now, and the date;
// - before printing, charts are redrawn for the paper's width.
(function () {
  var NARROW_PX = 560;

  function decode(text) {
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }

  function encode(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // The whole name on lines of at most `width` characters, broken between words; a word longer
  // than a line is broken with a hyphen at its hyphenation points (`hyphenated`: the name with
  // soft hyphens, from the figure's meta, dashboard/figures.py), anywhere only when it has none
  // that fit. Nothing is cut: on a 320 px phone "Etterkontroll av…" did not say which process
  // it was (universal design: no loss of content at 320 px).
  function wrapName(label, width, hyphenated) {
    var SOFT = "\u00ad";
    var words = decode(String(hyphenated || label)).split(/\s+/).filter(Boolean);
    var lines = [], line = "";
    width = Math.max(width, 4);
    words.forEach(function (word) {
      var whole = word.split(SOFT).join("");
      if (whole.length > width) {  // broken at its hyphenation points
        var pieces = word.split(SOFT);
        // Beside other words only from four letters on ("og Ar-" reads badly).
        if (line && pieces[0].length < 4) { lines.push(line); line = ""; }
        pieces.forEach(function (piece, i) {
          var joint = i === 0 && line ? " " : "";
          if (line && (line + joint + piece).length > width - 1) {
            lines.push(i === 0 ? line : line + "-");
            line = joint = "";
          }
          line += joint + piece;
          while (line.length > width) {  // no point where it would fit: anywhere
            lines.push(line.slice(0, width - 1) + "-");
            line = line.slice(width - 1);
          }
        });
        return;
      }
      if (line && (line + " " + whole).length > width) { lines.push(line); line = whole; }
      else { line = line ? line + " " + whole : whole; }
    });
    if (line) { lines.push(line); }
    return lines.map(encode).join("<br>");
  }

  // The y axis of a narrow chart's horizontal bars with wrapped names, or null (no such bars,
  // or a wide chart).
  function narrowAxis(data, layout, width) {
    var bars = (data || []).filter(function (t) { return t.type === "bar" && t.orientation === "h"; });
    if (!bars.length || width >= NARROW_PX) { return null; }
    var seen = {}, categories = [];
    bars.forEach(function (t) {
      (t.y || []).forEach(function (c) { if (!seen[c]) { seen[c] = 1; categories.push(c); } });
    });
    // Lines long enough for one long word whole ("Hjemmetjenester", "Økonomistyring": with 13
    // and 18 they were cut); the names' font fits their band (assets/plotly-pacing.js).
    var chars = width < 360 ? 15 : 20;
    var hyphenated = (layout.meta && layout.meta.hyphenated) || {};
    return {
      "tickmode": "array",
      "tickvals": categories,
      "ticktext": categories.map(function (c) { return wrapName(c, chars, hyphenated[c]); }),
    };
  }

  // dcc.Graph calls Plotly.react for each chart: a narrow chart gets its wrapped names before
  // its first draw, so a phone draws each chart once, not on one line and again wrapped (a
  // second full draw of every chart with horizontal bars, after a relayout).
  function wrapBeforeDrawing(Plotly) {
    if (!Plotly || Plotly._dashboardWraps) { return; }
    var react = Plotly.react;
    Plotly.react = function (gd, figure) {
      if (gd && gd.getBoundingClientRect && figure && typeof figure === "object" &&
          Array.isArray(figure.data) && arguments.length === 2) {
        return react.call(this, gd, narrowFigure(gd, figure));
      }
      return react.apply(this, arguments);
    };
    Plotly._dashboardWraps = true;
  }

  // The figure to draw in `gd` (measured when it is drawn): wrapped names if it is narrow.
  function narrowFigure(gd, figure) {
    var width = gd.getBoundingClientRect().width;
    var layout = figure.layout || {};
    var axis = width ? narrowAxis(figure.data, layout, width) : null;
    if (!axis) { return figure; }
    gd._wrapped = Math.round(width / 40);
    return Object.assign({}, figure, {
      layout: Object.assign({}, layout, { yaxis: Object.assign({}, layout.yaxis || {}, axis) }),
    });
  }
  wrapBeforeDrawing(window.Plotly);

  // The margins the figure came with, before assets/plotly-pacing.js fitted them to its labels:
  // new labels need their room found again.
  function ownMargin(gd) {
    return Object.assign({}, gd._ownMargin || (gd.layout && gd.layout.margin) || {});
  }

  // Room for the names as they are now (assets/plotly-pacing.js: a smaller font or a taller
  // chart, so that two-line names never run into each other).
  function refitLabels(gd) {
    var refit = window.Plotly && window.Plotly._dashboardRefitLabels;
    return refit ? refit(gd) : null;
  }

  var retry = null;
  function fitBarLabels() {
    var graphs = document.querySelectorAll(".chart-graph .js-plotly-plot");
    // plotly.js arrives after the page and draws after Dash: look again until it has.
    var notYet = Array.prototype.some.call(graphs, function (gd) { return !gd._fullLayout; });
    if (!window.Plotly || notYet) {
      window.clearTimeout(retry);
      if (graphs.length) { retry = window.setTimeout(update, 300); }
      if (!window.Plotly) { return; }
    }
    wrapBeforeDrawing(window.Plotly);
    graphs.forEach(function (gd) {
      if (!gd._fullLayout) { return; }
      var layout = gd.layout || {};
      var width = gd.getBoundingClientRect().width;
      var yaxis = layout.yaxis || {};
      var axis = narrowAxis(gd.data, layout, width);
      if (axis) {
        if (yaxis.ticktext && gd._wrapped === Math.round(width / 40)) { return; }
        gd._wrapped = Math.round(width / 40);
        window.Plotly.relayout(gd, {
          "yaxis.tickmode": axis.tickmode,
          "yaxis.tickvals": axis.tickvals,
          "yaxis.ticktext": axis.ticktext,
          "margin": ownMargin(gd),
        }).then(function () { return refitLabels(gd); });
      } else if (gd._wrapped && width >= NARROW_PX) {
        gd._wrapped = 0;
        window.Plotly.relayout(gd, {
          "yaxis.tickmode": "auto", "yaxis.tickvals": null, "yaxis.ticktext": null,
          "margin": ownMargin(gd),
        }).then(function () { return refitLabels(gd); });
      }
    });
  }

  function strings() {
    var el = document.querySelector(".print-header");
    return el ? el.dataset : {};
  }

  function markScrollableTables() {
    var hint = strings().scrollHint;
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("is-scrollable", scrollable);
      var cue = wrap.previousElementSibling;
      var hasCue = cue && cue.classList.contains("scroll-hint");
      if (scrollable && !hasCue && hint) {
        var p = document.createElement("p");
        p.className = "scroll-hint";
        p.textContent = hint;
        wrap.parentNode.insertBefore(p, wrap);
      } else if (!scrollable && hasCue) {
        cue.remove();
      }
      if (scrollable) {
        var atEnd = wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 2;
        wrap.classList.toggle("at-end", atEnd);
      }
    });
  }

  function labelTableCells() {
    document.querySelectorAll("table.data-table").forEach(function (table) {
      var headers = Array.prototype.map.call(
        table.querySelectorAll("thead th"), function (th) { return th.textContent; });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (headers[i] && cell.getAttribute("data-label") !== headers[i]) {
            cell.setAttribute("data-label", headers[i]);
          }
        });
      });
    });
  }

  function writePrintHeader() {
    var el = document.querySelector(".print-header");
    if (!el) { return; }
    var parts = [];
    document.querySelectorAll(".filter-bar .filter-item").forEach(function (item) {
      var label = item.querySelector("label");
      var select = item.querySelector("select");
      if (label && select && select.selectedIndex >= 0) {
        parts.push(label.textContent.trim() + ": " + select.options[select.selectedIndex].text);
      }
    });
    parts.push(el.dataset.printed || "");
    var text = parts.filter(Boolean).join(" · ");
    if (el.textContent !== text) { el.textContent = text; }
  }

  function redrawForPaper() {
    writePrintHeader();
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      try { window.Plotly.Plots.resize(gd); } catch (e) { /* a chart being replaced */ }
    });
  }

  var pending = null;
  function update() {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      fitBarLabels();
      markScrollableTables();
      labelTableCells();
      writePrintHeader();
    }, 120);
  }

  new MutationObserver(update).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["value", "class"],
  });
  window.addEventListener("resize", update);
  document.addEventListener("change", update);
  document.addEventListener("scroll", function (event) {
    var wrap = event.target;
    if (wrap.classList && wrap.classList.contains("table-wrap")) {
      wrap.classList.toggle("at-end", wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 2);
    }
  }, true);
  window.addEventListener("beforeprint", redrawForPaper);
  window.addEventListener("afterprint", function () { window.setTimeout(redrawForPaper, 50); });
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function () { window.setTimeout(redrawForPaper, 0); };
    if (print.addEventListener) { print.addEventListener("change", onChange); }
    else if (print.addListener) { print.addListener(onChange); }
  }
})();
