// What dcc.Graph hands to Plotly.react, made cheaper to draw (Lighthouse's total blocking time;
// a slow laptop feels the same):
// - margins that already fit. The axes have automargin (dashboard/theme.py): Plotly draws a
//   chart, finds that its labels need more room than the template's 16 px, and draws it all
//   again (about half of each chart's cost here). The room the labels need is measured first,
//   with the figure's own fonts, and given as the margin, so Plotly draws once. Where the
//   estimate would be short (a legend elsewhere, labels Plotly turns, a format not foreseen),
//   the chart is left to Plotly's automargin, as before: nothing is cut off, it only costs the
//   second draw.
// - bar names that fit their bars: wrapped names (a narrow chart's, assets/responsive.js) get
//   a band as high as their lines, by a smaller font and, when that is not enough, a taller
//   chart and box (only what is below the chart moves), instead of running into their
//   neighbours.
// - on the page's first load, each chart's first draw in a task of its own. A view mounts all
//   its charts in one React commit; drawn one after another there they block the page for
//   250-350 ms in one task, while nobody waits for them yet. Once the user has acted (a click,
//   a key), the charts that action brings are drawn at once, in one task: paced, a drill-down's
//   charts were painted 600-850 ms after the click instead of 130-160 ms (national scale).
//   Redraws of a chart already on the page (a filter change) are always immediate.
// assets/responsive.js wraps this in turn (wrapped names on a narrow chart, measured here).
(function () {
  var Plotly = window.Plotly;
  if (!Plotly || Plotly._dashboardPaced) { return; }
  var PAD = 12;  // plotly.js's automargin padding around what pushes a margin
  var canvas = document.createElement("canvas").getContext("2d");
  var decoder = document.createElement("textarea");

  function plain(text) {
    text = String(text);
    if (!/[<&]/.test(text)) { return text.split("\n"); }
    decoder.innerHTML = text.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, "");
    return decoder.value.split("\n");
  }

  // Widths by font and text, kept for the page's life: a filter change measures the same
  // sector and core-area names again.
  var widths = new Map(), canvasFont = null;
  function lineWidth(line, font) {
    var key = font + "\u0000" + line;
    var width = widths.get(key);
    if (width === undefined) {
      if (canvasFont !== font) { canvas.font = canvasFont = font; }
      width = canvas.measureText(line).width;
      if (widths.size > 5000) { widths.clear(); }
      widths.set(key, width);
    }
    return width;
  }

  function measure(labels, font) {
    var css = font.size + "px " + font.family;
    var width = 0, lines = 1;
    labels.forEach(function (label) {
      var parts = plain(label);
      lines = Math.max(lines, parts.length);
      parts.forEach(function (line) { width = Math.max(width, lineWidth(line, css)); });
    });
    return { width: Math.ceil(width), lines: lines };
  }

  function merged(layout, template, name) {
    return Object.assign({}, template[name] || {}, layout[name] || {});
  }

  function titleText(axis) {
    var title = axis.title;
    return title && (typeof title === "string" ? title : title.text);
  }

  // "12 345" shaped like the widest tick labels an axis over `values` (or its fixed `range`)
  // can get: the digits of the padded extremes (digits are equally wide in the fonts used), with
  // the figure's separators and the d3 format's decimals (",d", ",.1f", "d"), or null for a
  // format not foreseen ("%", "$", SI).
  function numberShapes(values, axis, separators) {
    var format = /^(,?)(?:\.(\d+))?([df])$/.exec(axis.tickformat || "");
    if (axis.tickformat && !format) { return null; }
    var numbers = values.filter(function (v) { return typeof v === "number" && isFinite(v); });
    var fixed = Array.isArray(axis.range) && axis.autorange !== true && axis.range.length === 2;
    if (fixed) { numbers = axis.range.slice(); }
    if (!numbers.length) { return null; }
    var sep = separators || ".,";
    var grouped = format ? format[1] === "," : true;  // the template's separatethousands
    var extremes = [Math.max.apply(null, numbers.concat([0])), Math.min.apply(null, numbers.concat([0]))];
    return extremes.map(function (extreme) {
      var padded = Math.abs(extreme) * (fixed ? 1 : 1.06);
      var decimals = format ? (format[3] === "d" ? 0 : Number(format[2] || 6)) : (padded < 5 ? 1 : 0);
      var digits = String(Math.round(padded));
      if (grouped) { digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep.charAt(1) || ","); }
      var text = decimals ? digits + (sep.charAt(0) || ".") + new Array(decimals + 1).join("0") : digits;
      return (extreme < 0 ? "\u2212" : "") + text;
    });
  }

  // How many tick labels a numeric axis shows: every `dtick` over its range, or what Plotly aims
  // for by itself (plotly.js autoTicks: one per 80 px of an x axis, 5 to 10).
  function ticksOf(axis, values, length) {
    if (!axis.dtick) { return Math.min(Math.max(length / 80, 4), 9) + 1; }
    var ends = Array.isArray(axis.range) ? axis.range : values.filter(function (v) { return typeof v === "number"; });
    if (!ends.length) { return 1; }
    return Math.floor((Math.max.apply(null, ends) - Math.min.apply(null, ends)) / axis.dtick) + 1;
  }

  // The margins the figure's axes and legend will ask for, or null when it is not a figure this
  // knows how to measure (other trace types, several axes, dates, formatted ticks).
  function neededMargins(gd, figure) {
    var layout = figure.layout || {};
    var template = (layout.template && layout.template.layout) || {};
    var traces = figure.data || [];
    if (!traces.length || Object.keys(layout).some(function (k) { return /^[xy]axis\d/.test(k); })) {
      return null;
    }
    var known = traces.every(function (t) {
      return (t.type === "bar" || t.type === "scatter") &&
        (!t.xaxis || t.xaxis === "x") && (!t.yaxis || t.yaxis === "y");
    });
    if (!known) { return null; }
    var font = merged(layout, template, "font");
    font = { size: font.size || 12, family: font.family || "Arial, sans-serif" };
    var margin = Object.assign({ l: 80, r: 80, t: 100, b: 80 }, template.margin || {}, layout.margin || {});
    var need = { l: margin.l, r: margin.r, t: margin.t, b: margin.b };
    var width = gd.getBoundingClientRect().width;
    var names = null;  // a horizontal bar chart's names on its y axis: [labels, font, ticks, title]
    var failed = ["y", "x"].some(function (letter) {  // y first: its labels narrow the x axis
      var axis = merged(layout, template, letter + "axis");
      if (axis.visible === false || axis.automargin !== true) { return false; }
      // Labels the figure writes itself (month names on a timeline): known whatever the type.
      var explicit = Array.isArray(axis.tickvals) && Array.isArray(axis.ticktext) &&
        axis.tickvals.length === axis.ticktext.length && axis.tickmode !== "auto";
      if (axis.ticksuffix || axis.tickprefix || axis.tickangle ||
          (axis.type && axis.type !== "category" && axis.type !== "linear" && !explicit) ||
          (axis.side && axis.side !== (letter === "x" ? "bottom" : "left"))) {
        return true;
      }
      var values = [];
      traces.forEach(function (t) { values = values.concat(t[letter] || []); });
      var texts = values.filter(function (v) { return typeof v === "string"; });
      if (!axis.type && !explicit && texts.some(function (v) { return /^\s*[-+\d.]/.test(v); })) {
        return true;  // dates or numbers as text: Plotly's axis type, not foreseen here
      }
      var category = !explicit && (axis.type === "category" || texts.length > 0);
      var labels;
      if (axis.showticklabels === false) { labels = []; }
      else if (explicit) { labels = axis.ticktext; }
      else if (category && axis.tickformat) { return true; }
      else if (category) {
        labels = axis.tickmode === "array" && axis.ticktext ? axis.ticktext : values.filter(function (v, i) { return values.indexOf(v) === i; });
      } else {
        labels = numberShapes(values, axis, layout.separators || template.separators);
        if (!labels) { return true; }
      }
      var tickFont = Object.assign({}, font, axis.tickfont || {});
      var size = measure(labels, tickFont);
      var ticks = axis.ticks === "outside" ? (axis.ticklen == null ? 5 : axis.ticklen) : 0;
      var titleFont = Object.assign({ size: Math.round(font.size * 1.2) }, (axis.title && axis.title.font) || {});
      var title = titleText(axis) ? titleFont.size : 0;
      var labelsShown = labels.length ? 1 : 0;
      if (letter === "y") {
        need.l = Math.max(need.l, ticks + 2 + size.width * labelsShown + PAD + title);
        if ((category || explicit) && labels.length && traces.every(function (t) {
          return t.type === "bar" && t.orientation === "h";
        })) {
          names = [labels, tickFont, ticks, title];
        }
        return false;
      }
      // Labels that do not fit side by side are turned by Plotly: not foreseen here.
      var plotWidth = width - need.l - need.r;
      // Categories: bars fill a band each; a line's points span the axis, padded a little.
      var allBars = traces.every(function (t) { return t.type === "bar"; });
      var count = explicit ? labels.length
        : category ? labels.length - (allBars ? 0 : 0.5) : ticksOf(axis, values, plotWidth);
      if (labels.length && plotWidth / Math.max(count, 1) < size.width + 2) { return true; }
      var lineHeight = Math.ceil(tickFont.size * 1.4);
      need.b = Math.max(need.b, ticks + 2 + labelsShown * lineHeight * size.lines + PAD + title);
      // The last label reaches past the plot's right edge by half its width (a category at
      // the edge: a line's last point; bars stand half a band inside).
      // The first, at the left edge, by half its width too (a number axis's 0, a timeline's
      // first month).
      if (labels.length && !(category && allBars)) {
        var last = category || explicit ? measure([labels[labels.length - 1]], tickFont) : size;
        need.r = Math.max(need.r, Math.ceil((last.width + 2) / 2) + PAD);  // Plotly pads 2 px
      }
      if (labels.length && !category) {
        var first = measure([labels[explicit ? 0 : labels.length - 1]], tickFont);
        need.l = Math.max(need.l, Math.ceil((first.width + 2) / 2) + PAD);
      }
      return false;
    });
    if (failed) { return null; }
    var legend = merged(layout, template, "legend");
    var shown = traces.filter(function (t) { return t.showlegend !== false && t.name; });
    var showLegend = layout.showlegend != null ? layout.showlegend : template.showlegend;
    if (showLegend === false || (showLegend == null && shown.length < 2)) { shown = []; }
    if (shown.length && legend.orientation === "h" && legend.yanchor === "bottom" &&
        (legend.y || 0) >= 1 && !legend.x && legend.xanchor !== "right") {
      need.t = Math.max(need.t, legendHeight(shown, Object.assign({}, font, legend.font || {}),
        width - need.l - need.r) + PAD);
    } else if (shown.length) {
      return null;  // a legend elsewhere: its room is Plotly's to find
    }
    if (names) {
      var height = layout.height || gd.getBoundingClientRect().height;
      var room = labelRoom(names[0], names[1].size, height - need.t - need.b);
      if (room) {
        need.labels = room;
        if (room.size !== names[1].size) {  // narrower names: a narrower margin
          var smaller = measure(names[0], Object.assign({}, names[1], { size: room.size }));
          need.l = Math.max(margin.l, names[2] + 2 + smaller.width + PAD + names[3]);
        }
      }
    }
    return need;
  }

  // Bar names wrapped on several lines (assets/responsive.js, on a narrow chart) need a band of
  // as many lines each, or they run into their neighbours' (on a phone they did): a smaller
  // font, down to LABEL_MIN_PX, and when that is not enough a taller chart, its box grown to
  // match (what is below it moves down; nothing above it moves). Plotly spaces a label's lines
  // by 1.3 times its font size; a line's box is about 1.2 times it.
  var LABEL_GAP = 4, LABEL_MIN_PX = 13;
  function labelBand(size, lines) { return size * (1.2 + 1.3 * (lines - 1)) + LABEL_GAP; }
  function labelRoom(labels, size, plotHeight) {
    var lines = 1;
    labels.forEach(function (label) { lines = Math.max(lines, plain(label).length); });
    var slot = plotHeight / labels.length;
    if (!(plotHeight > 0) || labelBand(size, lines) <= slot) { return null; }
    var fits = Math.floor((slot - LABEL_GAP) / (1.2 + 1.3 * (lines - 1)));
    if (fits >= LABEL_MIN_PX) { return { size: Math.min(size, fits), extra: 0 }; }
    var least = Math.min(size, LABEL_MIN_PX);
    return { size: least, extra: Math.ceil(labels.length * labelBand(least, lines) - plotHeight) };
  }

  // The chart's box `extra` px taller than the page made it (0: as the page made it). The page
  // (dcc.Graph's style) sets the height a chart reserves; a later render may set a new one.
  function growBox(gd, extra) {
    var box = gd.parentElement;
    if (!box || !box.style) { return; }
    var now = box.style.height;
    if (gd._grownTo === undefined || now !== gd._grownTo) { gd._grownFrom = now; }
    var base = parseFloat(gd._grownFrom);
    if (!extra || !(base > 0)) {
      if (gd._grownTo !== undefined && now === gd._grownTo) { box.style.height = gd._grownFrom; }
      gd._grownTo = undefined;
      return;
    }
    box.style.height = gd._grownTo = Math.round(base + extra) + "px";
  }

  // The names' font size as the figure (or its template) gives it, before any fitting here.
  function ownTickSize(gd) {
    var layout = gd.layout || {}, template = (layout.template && layout.template.layout) || {};
    var sizes = [gd._ownTickFont, (template.yaxis || {}).tickfont, layout.font, template.font];
    var found = sizes.filter(function (f) { return f && f.size; })[0];
    return found ? found.size : 12;
  }

  // The same for a chart already drawn whose names changed without Plotly.react (a window
  // narrowed: assets/responsive.js relayouts the axis): read from what Plotly laid out.
  function refitLabels(gd) {
    var full = gd._fullLayout, axis = full && full.yaxis;
    if (!axis || !(gd.data || []).every(function (t) { return t.type === "bar" && t.orientation === "h"; })) {
      return null;
    }
    var labels = (gd.layout.yaxis || {}).ticktext;
    if (!labels) {
      var seen = new Set();
      gd.data.forEach(function (t) { (t.y || []).forEach(function (v) { seen.add(v); }); });
      labels = Array.from(seen);
    }
    if (!labels.length) { return null; }
    var grown = gd._grownTo !== undefined ? parseFloat(gd._grownTo) - parseFloat(gd._grownFrom) : 0;
    var own = ownTickSize(gd);
    var room = labelRoom(labels, own, full._size.h - grown);
    var extra = room ? room.extra : 0, size = room ? room.size : own;
    growBox(gd, extra);
    var update = {};
    if (size !== axis.tickfont.size) { update["yaxis.tickfont.size"] = size; }
    // A figure with a height of its own (dcc.Graph passes it) follows its box only when told.
    if (extra !== grown && gd.layout.height) { update.height = gd.layout.height - grown + extra; }
    if (Object.keys(update).length) { return Plotly.relayout(gd, update); }
    return extra !== grown ? Plotly.Plots.resize(gd) : null;
  }
  Plotly._dashboardRefitLabels = refitLabels;

  // The height of a horizontal legend over the plot, laid out as plotly.js does (legend/draw.js):
  // one row if every entry fits side by side, else a grid of the widest entry's width.
  function legendHeight(traces, font, room) {
    var GAP = 5, ENTRY = 40;  // itemGap; itemwidth plus two gaps
    var sizes = traces.map(function (t) { return measure([t.name], font); });
    var widths = sizes.map(function (m) { return m.width + ENTRY; });
    var widest = Math.max.apply(null, widths);
    var rows = 1;
    if (widths.reduce(function (a, b) { return a + b; }, 0) + (widths.length - 1) * GAP >= room) {
      var x = 0;
      widths.forEach(function () {
        if (x && widest + GAP + x - GAP >= room) { rows += 1; x = 0; }
        x += widest + GAP;
      });
    }
    var lines = Math.max.apply(null, sizes.map(function (m) { return m.lines; }));
    return Math.ceil(rows * (Math.max(lines * font.size * 1.3, 16) + 3) + 2 * GAP);
  }

  function fitted(gd, figure) {
    var need;
    try { need = neededMargins(gd, figure); } catch (error) { need = null; }
    if (!need) {
      // Not measured beforehand (an x axis whose numbers may not fit side by side, say): wrapped
      // names get their room once Plotly has drawn the chart, from what it laid out.
      growBox(gd, 0);
      var yaxis = (figure.layout || {}).yaxis || {};
      gd._refitAfterDraw = (yaxis.ticktext || []).some(function (t) { return /<br>/.test(t); });
      return figure;
    }
    var layout = figure.layout || {};
    // The figure's own margins, for a relayout that changes the labels (assets/responsive.js):
    // it gives them back, and automargin finds the room for the new labels.
    gd._ownMargin = Object.assign({}, layout.margin || {});
    var room = need.labels;
    delete need.labels;
    var changed = { margin: Object.assign({}, layout.margin || {}, need) };
    gd._ownTickFont = (layout.yaxis || {}).tickfont;
    if (room) {
      var yaxis = Object.assign({}, layout.yaxis || {});
      yaxis.tickfont = Object.assign({}, yaxis.tickfont || {}, { size: room.size });
      changed.yaxis = yaxis;
    }
    growBox(gd, room ? room.extra : 0);
    if (room && room.extra && layout.height) { changed.height = layout.height + room.extra; }
    return Object.assign({}, figure, { layout: Object.assign({}, layout, changed) });
  }

  // First draws, one per task, in the order asked (a chart asked again before its first draw
  // waits behind it).
  var queue = [], draining = false;
  function later(draw) {
    return new Promise(function (resolve, reject) {
      queue.push(function () {
        try { Promise.resolve(draw()).then(resolve, reject); } catch (error) { reject(error); }
      });
      if (!draining) { draining = true; window.setTimeout(drainOne, 0); }
    });
  }
  function drainOne() {
    var next = queue.shift();
    if (next) { next(); }
    if (queue.length) { window.setTimeout(drainOne, 0); } else { draining = false; }
  }

  var acted = false;
  ["pointerdown", "keydown", "touchstart"].forEach(function (type) {
    window.addEventListener(type, function () { acted = true; }, { capture: true, once: true });
  });

  var react = Plotly.react;
  Plotly.react = function (gd, figure) {
    if (!(gd && gd.getBoundingClientRect && figure && typeof figure === "object" &&
          Array.isArray(figure.data) && arguments.length === 2)) {
      return react.apply(this, arguments);
    }
    var draw = function () {
      var drawn = react.call(Plotly, gd, fitted(gd, figure));
      if (!gd._refitAfterDraw) { return drawn; }
      gd._refitAfterDraw = false;
      return Promise.resolve(drawn).then(function (result) {
        return Promise.resolve(refitLabels(gd)).then(function () { return result; });
      });
    };
    return (gd._fullLayout || acted) && !queue.length ? draw() : later(draw);
  };
  Plotly._dashboardPaced = true;
})();
