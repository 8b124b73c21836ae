"""Stored XSS, outside the browser: names with markup and script (tests/hostile_fixture.py)
reach the plotly figures escaped, and the SVG, XLSX and CSV exports carry them as text.

Plotly reads a subset of HTML in tick labels, hover labels and annotations: `<a href>` becomes a
link (javascript: is dropped by plotly, https:// is not), `<span style>` restyles, `<b>`, `<i>`,
`<br>` format. So every text from the database goes to plotly with `<`, `>` and `&` escaped
(dashboard/figures.py) and plotly draws it as the characters. What a browser makes of a whole
view is tests/browser/test_xss.py.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from app import create_app
from dashboard import charts, image_renderer
from dashboard.db import get_engine
from dashboard.view_state import view_state
from tests import hostile_fixture as hostile

# The markup the figure builders themselves write; anything else with < or > is from data.
OWN_MARKUP = re.compile(r"<br>|</?b>|<extra>|</extra>")
# (query, the charts it has): every chart of the catalogue, with the fixture's data in it.
VIEWS = [
    ({"year": "2022"}, ["indicator-status"]),
    ({"year": "2022", "goal": "G1"}, ["theory-of-change", "trend-I1", "trend-I2"]),
    ({"year": "2021"}, ["review-by-sector", "review-by-part", "review-timeline", "review-budget"]),
    (
        {"year": "2020"},
        ["savings-cumulative", "savings-by-sector", "savings-by-process", "savings-pipeline"],
    ),
]


@pytest.fixture
def hostile_url(sqlite_url) -> str:
    hostile.load_hostile_fixture(get_engine(sqlite_url))
    return sqlite_url


@pytest.fixture
def client(hostile_url):
    return create_app(database_url=hostile_url, redis_url="").server.test_client()


def built_charts(url: str) -> Iterator[charts.ChartData]:
    engine = get_engine(url)
    for query, chart_ids in VIEWS:
        state = view_state({k: [v] for k, v in query.items()}, engine=engine)
        assert state.ignored == []
        frames = charts.Frames(engine, state)
        for chart_id in chart_ids:
            chart = charts.build(chart_id, frames)
            assert chart is not None and chart.figure is not None, chart_id
            yield chart


SVG_DATA = "data:image/svg+xml;base64,"


def embedded_svg_texts(source: str) -> list[str]:
    """The texts of an SVG a figure carries as an image (the theory of change, drawn by
    Graphviz): the document must parse and be inert; its texts are what it draws."""
    raw = base64.b64decode(source.removeprefix(SVG_DATA))
    root = ET.fromstring(raw)
    _assert_inert(root, raw)
    return [t for t in root.itertext() if t.strip()]


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(SVG_DATA):
        # Drawn as SVG text, a box's lines one text each: compare the lines joined, in the
        # escaped form the other figures carry.
        yield html.escape("".join(embedded_svg_texts(value)), quote=False)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif hasattr(value, "tolist"):
        yield from strings(value.tolist())


def test_every_figure_gets_names_escaped(hostile_url):
    seen: list[str] = []
    for chart in built_charts(hostile_url):
        texts = list(strings(chart.figure))
        for text in texts:
            bare = OWN_MARKUP.sub("", text)
            assert "<" not in bare and ">" not in bare, f"{chart.chart_id}: {text!r}"
        seen += texts
    everything = "\n".join(seen)
    # The names are there, as entities plotly turns back into the characters.
    for name in (
        hostile.SECTOR_S1,
        hostile.SECTOR_S2,
        hostile.AREA_A,
        hostile.AREA_B,
        hostile.PROCESS_P1,
        hostile.PROCESS_P2,
        hostile.STEP_T1,
        hostile.ASSUMPTION,
        hostile.UNIT_I1,
    ):
        escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in everything, name


# --- SVG: what plotly.js draws -------------------------------------------------------------------


def _svg(data: bytes) -> tuple[ET.Element, str]:
    root = ET.fromstring(data)  # well-formed: no stray markup broke the document
    words = [t for t in root.itertext()]
    for element in root.iter():  # an image the figure carries (the theory of change) too
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and value.startswith(SVG_DATA):
                words += embedded_svg_texts(value)
    return root, " ".join(words)


def _assert_inert(root: ET.Element, raw: bytes) -> None:
    """No element or attribute that runs or links anything."""
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not tags & {"script", "img", "a", "iframe", "foreignObject", "object", "embed"}, tags
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), (name, value)
            assert "javascript:" not in value.lower(), (name, value)
            assert "evil.example" not in value, (name, value)
    assert b"<script" not in raw.lower()


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/export/review-by-sector.svg?year=2021", [hostile.SECTOR_S1, hostile.SECTOR_S2]),
        ("/export/savings-by-process.svg?year=2020", [hostile.PROCESS_P1, hostile.PROCESS_P2]),
        ("/export/indicator-status.svg?year=2022", [hostile.AREA_B, hostile.AREA_X]),
        ("/export/theory-of-change.svg?goal=G1", [hostile.STEP_T1]),
        ("/export/trend-I1.svg?year=2022", [hostile.INDICATOR_I1]),
    ],
)
def test_svg_exports_draw_names_as_text(client, chromium, path, names):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    root, words = _svg(response.data)
    _assert_inert(root, response.data)
    for name in names:
        # Plotly draws each line of a label as its own text; compare without the spaces.
        assert re.sub(r"\s", "", name) in re.sub(r"\s", "", words), name
    assert hostile.ORG_NAME in words  # the caption's source line


def test_plotly_would_draw_unescaped_markup_as_a_link(chromium):
    """Why the figure builders escape: plotly.js turns `<a href>` in a tick label into a link
    (it drops javascript: itself, but keeps https://), and `<span style>` restyles."""
    figure = go.Figure(go.Bar(x=[1, 2], y=[hostile.WEB_LINK, hostile.JS_LINK], orientation="h"))
    data = image_renderer.render(figure.to_dict(), fmt="svg", width=600, height=300)
    root, _ = _svg(data)
    links = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "a"]
    hrefs = [v for el in links for k, v in el.attrib.items() if k.endswith("href")]
    assert "https://evil.example/" in hrefs
    assert not any("javascript:" in h for h in hrefs)


# --- data exports --------------------------------------------------------------------------------


def test_xlsx_holds_names_as_plain_text(client):
    for path, names in (
        ("/export/review-budget.xlsx?year=2021", {hostile.SECTOR_S1, hostile.SECTOR_S2}),
        ("/export/savings-by-process.xlsx?year=2020", {hostile.PROCESS_P1, hostile.PROCESS_P2}),
        ("/export/trend-I1.xlsx?year=2022", {hostile.COMMENT}),
        ("/export/theory-of-change.xlsx?goal=G1", {hostile.STEP_T1, hostile.ASSUMPTION}),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            for member in archive.namelist():
                if member.endswith(".xml") or member.endswith(".rels"):
                    xml = archive.read(member)
                    ET.fromstring(xml)  # every part is still well-formed XML
                    assert b"<script" not in xml and b"<img" not in xml, member
            # No hyperlink relationships: a name never becomes a link in Excel.
            assert not any(
                "hyperlink" in archive.read(m).decode()
                for m in archive.namelist()
                if m.endswith(".rels")
            )
        workbook = load_workbook(io.BytesIO(response.data))
        data, about = workbook.worksheets
        cells = [c for row in data.iter_rows(min_row=2) for c in row]
        assert names <= {c.value for c in cells}, path
        assert all(c.hyperlink is None for c in cells)
        assert all(c.data_type in ("s", "n", "d") for c in cells if c.value is not None)
        facts = dict(about.iter_rows(values_only=True))
        assert hostile.ORG_NAME in facts["Kilde"]


def test_csv_holds_names_as_plain_text(client):
    data = client.get("/export/savings-by-process.csv?year=2020").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert {row[0] for row in rows[1:]} == {hostile.PROCESS_P1, hostile.PROCESS_P2}
    data = client.get("/export/trend-I1.csv?year=2022").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["", "", hostile.COMMENT, ""]


@pytest.mark.parametrize(
    "path",
    ["/", "/effektmal", "/effektmal?year=2022&kerneomrade=A", "/effektmal?year=2022&goal=G1",
     "/tjenestegjennomgang?year=2021", "/minuttjakt?year=2021"],
)
def test_the_prerendered_view_writes_names_as_text(client, path):
    """The first response carries the view as static HTML (components/prerender.py): every
    stored name in it is escaped text, never markup."""
    page = client.get(path).get_data(as_text=True)
    copy = page[page.index('<div id="prerendered"'):page.index('id="react-entry-point"')]
    assert "<script>alert" not in copy and "<img src=x" not in copy and "<svg onload" not in copy
    assert '<a href="javascript:' not in copy and '<a href="https://evil' not in copy
    assert 'href="javascript:' not in copy.replace('&lt;a href="javascript:', "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in copy  # the sector name, as text
