"""Every view on a phone (390 × 844) and the smallest supported width (320 × 700): nothing
wider than the screen, no chart whose tick labels are cut (each label's box inside its chart's
box), plotly's toolbar never over a legend, the status matrix reachable to its last column; and
on a laptop (1440 × 900) the matrix fits or says that it scrolls, and the header is one row."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in, wait_for_page

pytestmark = pytest.mark.browser

VIEWS = [
    "/?year=2025",
    "/effektmal?year=2025",
    "/effektmal?kerneomrade=integrering&year=2025",
    "/tjenestegjennomgang?year=2025",
    "/minuttjakt?year=2025",
    "/tilgjengelighet",
]
SIZES = [(390, 844), (320, 700)]

SHORTENED_JS = """() => Array.from(document.querySelectorAll('.chart-graph .js-plotly-plot'))
    .filter(gd => (gd.data || []).some(t => t.type === 'bar' && t.orientation === 'h')
                  && gd.getBoundingClientRect().width < 560)
    .every(gd => gd.layout && gd.layout.yaxis && gd.layout.yaxis.ticktext)"""

CHECK_JS = """() => {
    const box = el => { const r = el.getBoundingClientRect(); return r; };
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) {
        const wide = Array.from(document.querySelectorAll('body *'))
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3).map(el => el.tagName + '.' + el.className);
        problems.push('page ' + doc.scrollWidth + ' > ' + window.innerWidth + ' ' + wide.join(' '));
    }
    let ticks = 0;
    document.querySelectorAll('.js-plotly-plot').forEach(gd => {
        const g = box(gd);
        gd.querySelectorAll('.xtick text, .ytick text').forEach(t => {
            const r = box(t);
            if (!r.width) { return; }
            ticks++;
            if (r.left < g.left - 1 || r.right > g.right + 1
                || r.top < g.top - 1 || r.bottom > g.bottom + 1) {
                problems.push('tick "' + t.textContent + '" outside its chart');
            }
        });
        const modebar = gd.querySelector('.modebar');
        const legend = gd.querySelector('.legend');
        if (modebar && legend && getComputedStyle(modebar).display !== 'none'
            && modebar.offsetParent !== null) {
            const m = box(modebar), l = box(legend);
            const apart = m.right <= l.left || l.right <= m.left
                || m.bottom <= l.top || l.bottom <= m.top;
            if (m.width && !apart) {
                problems.push('modebar over the legend');
            }
        }
    });
    return {problems, ticks, charts: document.querySelectorAll('.js-plotly-plot').length};
}"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", VIEWS)
def test_every_view_fits_a_small_screen(browser, live_server, path, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(live_server(path))
        wait_for_page(page)
        # assets/responsive.js shortens long bar labels of narrow charts once they are drawn.
        page.wait_for_function(SHORTENED_JS, timeout=20_000)
        result = page.evaluate(CHECK_JS)
        assert result["problems"] == [], (path, size, result)
        if path.startswith(("/?", "/tjenestegjennomgang", "/minuttjakt")):
            assert result["charts"] >= 2 and result["ticks"] > 10, (path, result)
    finally:
        context.close()


MATRIX_JS = """() => {
    const wrap = document.querySelector('#effect-matrix .table-wrap');
    const cells = wrap.querySelectorAll('thead th');
    const last = cells[cells.length - 1];
    wrap.scrollLeft = wrap.scrollWidth;
    const r = last.getBoundingClientRect(), w = wrap.getBoundingClientRect();
    const first = wrap.querySelector('tbody th[scope=row]').getBoundingClientRect();
    return {scrollable: wrap.scrollWidth > wrap.clientWidth + 1,
            lastVisible: r.left >= w.left - 1 && r.right <= w.right + 1 && r.width > 0,
            stickyFirst: first.left >= w.left - 1 && first.left <= w.left + 2,
            hint: !!document.querySelector('#effect-matrix .scroll-hint'),
            cue: wrap.classList.contains('is-scrollable')};
}"""


@pytest.mark.parametrize("size", [*SIZES, (1440, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_matrix_is_reachable_to_its_last_column(browser, live_server, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(live_server("/effektmal?year=2025"))
        wait_for_page(page)
        page.wait_for_timeout(400)
        state = page.evaluate(MATRIX_JS)
        assert state["lastVisible"], state
        if state["scrollable"]:
            # A visible cue and a written hint; the core-area column stays in view.
            assert state["cue"] and state["hint"] and state["stickyFirst"], state
        if size[0] >= 1440:
            assert not state["scrollable"], state  # a laptop shows the whole matrix
    finally:
        context.close()


HEADER_ROWS_JS = """() => {
    const header = document.querySelector('.app-header');
    // Rows: an element whose middle lies within a row's band belongs to that row.
    const bands = [];
    const items = Array.from(
        header.querySelectorAll('.brand, .nav-link, .lang-link, .account-name'));
    items.map(el => el.getBoundingClientRect()).filter(r => r.height).forEach(r => {
        const middle = (r.top + r.bottom) / 2;
        if (!bands.some(b => middle >= b[0] && middle <= b[1])) { bands.push([r.top, r.bottom]); }
    });
    const rows = {size: bands.length};
    const nav = Array.from(header.querySelectorAll('.main-nav .nav-link'))
        .map(el => Math.round(el.getBoundingClientRect().top));
    return {rows: rows.size, navRows: new Set(nav).size};
}"""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_header_keeps_its_two_rows_at_1440(browser, live_server, browser_users, lang):
    """Brand, account and languages above, the navigation in one row below: signed in as an
    administrator (the longest menu) and in English (the longest words)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, browser_users["admin"])
        page.goto(live_server(f"/?lang={lang}"))
        wait_for_page(page)
        rows = page.evaluate(HEADER_ROWS_JS)
        assert rows["rows"] == 2 and rows["navRows"] == 1, rows
    finally:
        context.close()
