"""Stored XSS in the browser: every view, loaded in the system Chromium with names full of
markup and script (tests/hostile_fixture.py), runs none of it. No dialog opens (every payload
calls alert()), no element the data describes exists in the DOM, no link to javascript: or to
the data's web address, and the names are shown as the characters they are: in headings, links,
tables, the service-review grid, chart ticks, annotations and hover labels.
"""

from __future__ import annotations

import base64
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from dashboard.db import get_engine
from tests import hostile_fixture as hostile
from tests.browser.conftest import LiveServer, wait_for_page

pytestmark = pytest.mark.browser

# Anything the payloads would create if they ran as markup.
INJECTED_JS = """() => {
    const found = [];
    for (const el of document.querySelectorAll('img[src="x"], [onerror], [onload], [onclick],'
                                             + ' [onmouseover], [style*="90px"]')) {
        found.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('a, [href]')) {
        const href = (el.getAttribute('href') || '')
            + (el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '');
        if (/javascript:|evil\\.example/i.test(href)) { found.push(el.outerHTML.slice(0, 120)); }
    }
    for (const script of document.scripts) {
        if (script.textContent.includes('alert(1)')) { found.push(script.textContent); }
    }
    for (const svg of document.querySelectorAll('svg svg')) {
        if (!svg.closest('.js-plotly-plot') && !svg.closest('.ag-root-wrapper')) {
            found.push(svg.outerHTML.slice(0, 120));
        }
    }
    return found;
}"""
SVG_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
    .map(t => t.textContent).join('\\n')"""

# (path, names shown as page text, names drawn in the charts)
VIEWS = [
    ("/?year=2022", [hostile.ORG_NAME, hostile.SECTOR_S1, hostile.SECTOR_S2], []),
    (
        "/effektmal?year=2022",
        [hostile.AREA_A, hostile.AREA_B, hostile.AREA_X, hostile.SECTOR_S1],
        [hostile.AREA_A, hostile.AREA_B, hostile.AREA_X],
    ),
    ("/effektmal?year=2022&kerneomrade=A", [hostile.GOAL_G1, hostile.AREA_A], []),
    (
        "/effektmal?year=2022&goal=G1",
        # The theory of change is a Graphviz drawing (an image): its names are page text in the
        # text alternative under it; the drawing's own SVG is checked in the test below.
        [hostile.GOAL_G1, hostile.INDICATOR_I1, hostile.STEP_T1, hostile.ASSUMPTION],
        [hostile.UNIT_I1],
    ),
    (
        "/tjenestegjennomgang?year=2021",
        [hostile.UNIT_U2, hostile.SECTOR_S2],
        [hostile.SECTOR_S1, hostile.SECTOR_S2],
    ),
    (
        "/minuttjakt?year=2020",
        [hostile.SECTOR_S1],
        [hostile.PROCESS_P1, hostile.PROCESS_P2, hostile.SECTOR_S1, hostile.SECTOR_S2],
    ),
    ("/minuttjakt?year=2020&present=1", [], []),
    ("/tilgjengelighet", [], []),
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, sqlite_template) -> Iterator[LiveServer]:
    from app import create_app

    path = tmp_path_factory.mktemp("xss") / "hostile.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    hostile.load_hostile_fixture(get_engine(url))
    server = make_server("127.0.0.1", 0, create_app(database_url=url).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    get_engine(url).dispose()


def _squeeze(text: str) -> str:
    """Plotly breaks long labels into lines; compare without white space."""
    return "".join(text.split())


@pytest.mark.parametrize(("path", "page_names", "chart_names"), VIEWS, ids=[v[0] for v in VIEWS])
def test_a_view_shows_hostile_names_as_text_and_runs_none(
    page, hostile_server, path, page_names, chart_names
):
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(hostile_server(path))
    wait_for_page(page, selector=".app-shell, .presentation")
    # Open every <details> (tables, export menus), so their text is rendered and visible too.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(200)
    visible = page.evaluate("() => document.body.innerText")
    for name in page_names:
        assert name in visible, name
    drawn = _squeeze(page.evaluate(SVG_TEXT_JS))
    for name in chart_names:
        assert _squeeze(name) in drawn, name
    assert page.evaluate(INJECTED_JS) == []
    assert dialogs == []
    assert page.console_errors == []


def test_hover_labels_show_names_as_text(page, hostile_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server("/minuttjakt?year=2020"))
    wait_for_page(page)
    graph = "#savings-by-process .js-plotly-plot"
    points = page.evaluate(f"() => document.querySelector('{graph}').data[0].y.length")
    assert points >= 2
    hovered = []
    for curve in (0, 1):
        for point in range(points):
            # What the mouse over a bar does: plotly draws that point's hover label (plotly
            # drops hovers closer together than its throttle, hence the pause).
            page.evaluate(
                f"""() => window.Plotly.Fx.hover(document.querySelector('{graph}'),
                    [{{curveNumber: {curve}, pointNumber: {point}}}])"""
            )
            page.wait_for_timeout(150)
            hovered.append(page.evaluate(
                f"""() => Array.from(document.querySelectorAll('{graph} .hoverlayer text'))
                    .map(t => t.textContent).join(' ')"""
            ))  # fmt: skip
            assert page.evaluate(INJECTED_JS) == []
    shown = _squeeze(" ".join(hovered))
    assert _squeeze(hostile.PROCESS_P1) in shown
    assert _squeeze(hostile.PROCESS_P2) in shown
    assert dialogs == []


def test_the_theory_of_change_drawing_carries_names_as_escaped_text(page, hostile_server):
    """The drawing is an SVG inside an image: names in it are text nodes, escaped, never markup
    (an SVG image runs no script, and this holds for the exported SVG too)."""
    page.goto(hostile_server("/effektmal?year=2022&goal=G1"))
    wait_for_page(page)
    sources = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot image'))
               .map(i => i.getAttribute('href') || i.getAttribute('xlink:href'))"""
    )
    drawings = [
        base64.b64decode(s.split(",", 1)[1]).decode("utf-8")
        for s in sources
        if s and s.startswith("data:image/svg+xml;base64,")
    ]
    assert len(drawings) == 1
    root = ET.fromstring(drawings[0])  # well-formed: no name broke the document
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert _squeeze(hostile.STEP_T1) in _squeeze(texts)
    assert not [
        e for e in root.iter() if e.tag.split("}")[-1] in ("script", "img", "foreignObject")
    ]
