// The print tab's page script (dashboard/image_renderer.py): lays a document into the page,
// draws its plotly figures, turns pattern fills into vector hatching, waits for the fonts.
// Chromium prints an SVG <pattern> fill as a bitmap (hundreds of kB a chart, blurred when
// zoomed in). Each pattern-filled shape instead gets its pattern's tile drawn out as vectors:
// the background colour as the shape's own fill, then the tile's marks (plotly's lines or
// dots) repeated over the shape and clipped to its outline. Same look, a few kB.
function vectoriseHatching(root) {
  const NS = "http://www.w3.org/2000/svg";
  root.querySelectorAll("path[style*='url(']").forEach(shape => {
    const match = (shape.getAttribute("style") || "").match(/fill:\s*url\(["']?#([^"')]+)/);
    const pattern = match && document.getElementById(match[1]);
    if (!pattern || pattern.tagName.toLowerCase() !== "pattern") { return; }
    const box = shape.getBBox();
    if (!box.width || !box.height) { return; }
    const scaleMatch = (pattern.getAttribute("patternTransform") || "").match(/scale\(([\d.]+)/);
    const scale = scaleMatch ? parseFloat(scaleMatch[1]) : 1;
    const w = parseFloat(pattern.getAttribute("width")) * scale;
    const h = parseFloat(pattern.getAttribute("height")) * scale;
    if (!(w > 0 && h > 0)) { return; }
    const svg = shape.ownerSVGElement;
    let defs = svg.querySelector("defs");
    if (!defs) { defs = document.createElementNS(NS, "defs"); svg.prepend(defs); }
    const clip = document.createElementNS(NS, "clipPath");
    clip.id = "vector-" + match[1] + "-" + Math.random().toString(36).slice(2);
    const outline = document.createElementNS(NS, "path");
    outline.setAttribute("d", shape.getAttribute("d"));
    clip.appendChild(outline);
    defs.appendChild(clip);
    // In the shape's own coordinates (a legend swatch is moved by a transform): the clip path
    // is then read in them too.
    const group = document.createElementNS(NS, "g");
    if (shape.getAttribute("transform")) { group.setAttribute("transform", shape.getAttribute("transform")); }
    group.setAttribute("clip-path", "url(#" + clip.id + ")");
    const background = pattern.querySelector("rect");
    const under = background ? background.getAttribute("fill") : null;
    // A see-through mark would make every tile a transparency group in the PDF: its colour
    // is mixed with the background's instead, and drawn opaque.
    const marks = Array.from(pattern.children)
      .filter(c => c.tagName.toLowerCase() !== "rect")
      .map(mark => {
        const copy = mark.cloneNode(true);
        const alpha = parseFloat(copy.getAttribute("opacity") || "1");
        copy.removeAttribute("opacity");
        if (alpha < 1 && under) {
          ["fill", "stroke"].forEach(attr => {
            const colour = copy.getAttribute(attr);
            if (colour && colour !== "none") { copy.setAttribute(attr, mix(colour, under, alpha)); }
          });
        }
        return copy;
      });
    for (let y = Math.floor(box.y / h) * h; y < box.y + box.height; y += h) {
      for (let x = Math.floor(box.x / w) * w; x < box.x + box.width; x += w) {
        const tile = document.createElementNS(NS, "g");
        tile.setAttribute("transform", "translate(" + x + "," + y + ") scale(" + scale + ")");
        marks.forEach(mark => tile.appendChild(mark.cloneNode(true)));
        group.appendChild(tile);
      }
    }
    shape.style.fill = under || "none";
    if (background && background.getAttribute("fill-opacity")) {
      shape.style.fillOpacity = background.getAttribute("fill-opacity");
    }
    shape.after(group);
  });
}

function mix(top, bottom, alpha) {
  const rgb = colour => {
    const probe = document.createElement("span");
    probe.style.color = colour;
    document.body.appendChild(probe);
    const value = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
    probe.remove();
    return value;
  };
  const a = rgb(top), b = rgb(bottom);
  const c = [0, 1, 2].map(i => Math.round(alpha * a[i] + (1 - alpha) * b[i]));
  return "rgb(" + c.join(",") + ")";
}

async function layOut(doc, figures) {
  document.title = doc.title;
  document.documentElement.lang = doc.lang;
  document.getElementById("page-style").textContent = doc.css;
  document.body.innerHTML = doc.body;
  const config = {staticPlot: true, displayModeBar: false};
  for (const [id, figure] of Object.entries(figures)) {
    const element = document.getElementById(id);
    await Plotly.newPlot(element, figure.data, figure.layout, config);
    vectoriseHatching(element);
  }
  await document.fonts.ready;
  return Object.keys(figures).length;
}
