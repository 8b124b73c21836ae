"""The theory of change as people see it: in its half-width card on a laptop and on a 1080p
slide read from the back of a room. The drawing is Graphviz's SVG scaled into the plot area;
its text is as tall as the font size times that scale (measured here from what Chromium lays
out), and the geometry of the drawing itself is tests/test_figures.py's."""

from __future__ import annotations

import pytest

from dashboard import charts, figures
from dashboard.db import get_engine
from dashboard.deck import deck_slides
from dashboard.view_state import view_state
from tests.browser.conftest import wait_for_page
from tests.test_figures import _long_theory

pytestmark = pytest.mark.browser

FILTERS = "sektor=kultur-naering&year=2025"
MIN_SLIDE_TEXT_PX = 24

# The drawing inside plotly's image element (preserveAspectRatio: contain) and its plot area.
DRAWING_JS = """sel => {
    const image = document.querySelector(sel + ' .layer-above image, ' + sel + ' image');
    const box = image.getBoundingClientRect();
    const graph = image.closest('.js-plotly-plot').getBoundingClientRect();
    const svg = atob(image.getAttribute('href').split(',')[1]);
    const [, , w, h] = svg.match(/viewBox="([^"]+)"/)[1].split(' ').map(Number);
    const scale = Math.min(box.width / w, box.height / h);
    return {scale, width: w * scale, height: h * scale, box: [box.width, box.height],
            inside: box.left >= graph.left - 1 && box.right <= graph.right + 1
                    && box.top >= graph.top - 1 && box.bottom <= graph.bottom + 1,
            pageWide: document.documentElement.scrollWidth <= window.innerWidth};
}"""


def _theory_slides(demo_database: str) -> list[int]:
    engine = get_engine(demo_database)
    state = view_state(
        {k: [v] for k, v in (p.split("=") for p in FILTERS.split("&"))}, engine=engine
    )
    slides = deck_slides(charts.Frames(engine, state))
    return [n for n, s in enumerate(slides, 1) if s.chart_ids == ("theory-of-change",)]


def test_theory_of_change_fills_a_1080p_slide_with_large_text(browser, live_server, demo_database):
    numbers = _theory_slides(demo_database)
    assert numbers
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(live_server(f"/effektmal?{FILTERS}&present=1&slide={numbers[0]}"))
        wait_for_page(page, selector=".presentation #present-theory-of-change .main-svg")
        title = page.locator(".present-title").inner_text()
        assert title.endswith(": Endringsteori") and title.count(":") >= 2, title  # names the goal
        drawing = page.evaluate(DRAWING_JS, "#present-theory-of-change")
        assert drawing["inside"] and drawing["pageWide"], drawing
        text_px = figures.CHANGE_FONT_PT * drawing["scale"]
        assert text_px >= MIN_SLIDE_TEXT_PX, drawing
        # It uses the slide: at least 60 % of the free width or of the free height.
        free_w, free_h = drawing["box"]
        assert drawing["width"] >= 0.6 * free_w or drawing["height"] >= 0.6 * free_h, drawing

        # Longer texts than the demo's, in the same slide's plot area: still ≥ 24 px.
        for interventions in (1, 3):
            steps, links = _long_theory(interventions)
            svg = figures.theory_of_change_svg(
                steps, links, lang="nb", fit=figures.SLIDE_DRAWING_PX
            )
            w, h = figures.svg_size(svg)
            scale = min(free_w / w, free_h / h)
            assert figures.CHANGE_FONT_PT * scale >= MIN_SLIDE_TEXT_PX, (interventions, w, h)
    finally:
        context.close()


def test_theory_of_change_fits_its_half_width_card(page, live_server, demo_database):
    numbers = _theory_slides(demo_database)
    engine = get_engine(demo_database)
    state = view_state({"sektor": ["kultur-naering"], "year": ["2025"]}, engine=engine)
    goal = deck_slides(charts.Frames(engine, state))[numbers[0] - 1].goal
    page.goto(live_server(f"/effektmal?{FILTERS}&goal={goal}"))
    wait_for_page(page)
    drawing = page.evaluate(DRAWING_JS, "#theory-of-change")
    assert drawing["inside"] and drawing["pageWide"], drawing
    # The card is half the page at 1440 px: the drawing takes its width, text still ≥ 11 px.
    assert drawing["width"] >= 0.9 * drawing["box"][0], drawing
    assert figures.CHANGE_FONT_PT * drawing["scale"] >= 11, drawing
