"""A chart's first draw is one draw (assets/plotly-pacing.js): the margins its labels and
legend need are measured before Plotly draws, so axis automargin has nothing to grow and does
not draw the chart a second time. Where the estimate is short, automargin still grows the
margin (nothing is cut off): that is what these tests catch, on every view, in nb, da and en, on
widths from a desktop to a 320 px phone. On a phone, where labels may be turned or wrapped,
the script may leave a chart to Plotly (that costs the second draw, nothing else); it must not
ask for margins that turn out short."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

MARGINS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const size = gd._fullLayout._size, asked = gd.layout.margin || {};
    const card = gd.closest('.chart-card');
    return {
        chart: card ? card.id : '?',
        drawn: [size.l, size.r, size.t, size.b].map(Math.round),
        asked: [asked.l, asked.r, asked.t, asked.b],
    };
})"""

PATHS = [
    "/",
    "/effektmal",
    "/tjenestegjennomgang",
    "/minuttjakt",
    "/effektmal?sektor=kultur-naering&kerneomrade=kultur&goal=kultur-1",
    "/?lang=da&org=demo-dk",
    "/minuttjakt?lang=en&sektor=oppvekst-skole",
]


@pytest.mark.parametrize("width", [1440, 1024, 390, 320])
def test_every_chart_is_drawn_once_with_margins_that_already_fit(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    short, left_to_plotly, fitted = [], [], 0
    try:
        for path in PATHS:
            page.goto(live_server(path))
            wait_for_page(page)
            charts = page.evaluate(MARGINS_JS)
            assert charts, path
            for chart in charts:
                if None in chart["asked"]:
                    left_to_plotly.append((path, chart))
                elif chart["drawn"] != chart["asked"]:
                    short.append((path, chart))
                else:
                    fitted += 1
    finally:
        context.close()
    assert not short, short
    if width >= 1024:  # labels side by side: every chart is measured beforehand
        assert not left_to_plotly, left_to_plotly
        assert fitted >= 20
    else:
        assert fitted >= 10


def test_a_chart_narrowed_after_its_first_draw_finds_room_for_its_short_labels(
    browser, live_server
):
    """The fitted margins are for the labels drawn first: when a window narrows and the bar
    labels are shortened (assets/responsive.js), the left margin shrinks with them, and grows
    again for the long labels."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    left = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
        .filter(gd => gd.data.some(t => t.orientation === 'h'))
        .map(gd => [gd._fullLayout._size.l, Boolean(gd.layout.yaxis.ticktext)])"""
    try:
        page.goto(live_server("/minuttjakt"))
        wait_for_page(page)
        wide = page.evaluate(left)
        page.set_viewport_size({"width": 390, "height": 900})
        narrow = _settled(page, left, short=True)
        page.set_viewport_size({"width": 1440, "height": 900})
        again = _settled(page, left, short=False)
    finally:
        context.close()
    assert wide and len(wide) == len(narrow) == len(again)
    assert all(n[0] < w[0] for n, w in zip(narrow, wide, strict=True)), (wide, narrow)
    assert all(abs(a[0] - w[0]) <= 3 for a, w in zip(again, wide, strict=True)), (wide, again)


def _settled(page, script: str, *, short: bool) -> list:
    """The charts' [left margin, shortened] once every label is (not) shortened and drawn."""
    for _ in range(100):  # the page's CSP allows no string evaluation: poll from here
        page.wait_for_timeout(100)
        found = page.evaluate(script)
        if found and all(s is short for _, s in found):
            page.wait_for_timeout(300)  # the relayout's automargin pass
            return page.evaluate(script)
    raise AssertionError(f"labels never {'shortened' if short else 'restored'}: {found}")
