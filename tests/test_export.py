"""Snapshots and data exports, through the HTTP routes a manager links from the intranet, on the
small fixture (numbers in tests/small_fixture.py). Images are drawn by kaleido in the system
Chromium: every file is parsed back (PNG size, SVG text, PDF pages), never only checked for
existence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import text

from app import create_app
from dashboard import charts, export, image_renderer
from dashboard.db import get_engine
from dashboard.deck import deck_slides
from dashboard.view_state import view_state
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NAMES = {
    "P1": '=HYPERLINK("http://evil.example","klikk")',
    "P2": "+47 cmd|' /C calc'!A0",
}


@pytest.fixture
def fixture_engine(sqlite_url):
    engine = get_engine(sqlite_url)
    load_small_fixture(engine)
    return engine


@pytest.fixture
def client(fixture_engine, sqlite_url):
    return create_app(database_url=sqlite_url).server.test_client()


def _state(engine, **query):
    return view_state({k: [v] for k, v in query.items()}, engine=engine)


# --- images ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_png_has_the_size_of_its_scale(client, fixture_engine, chromium, scale):
    response = client.get(f"/export/savings-by-sector.png?year=2020&scale={scale}")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    state = _state(fixture_engine, year="2020")
    chart = charts.build("savings-by-sector", charts.Frames(fixture_engine, state))
    caption = export.caption_for(
        state, title=chart.title, area=charts.area_of(chart.chart_id), as_of=dt.date.today()
    )
    width, height = export.snapshot_size(chart, caption)
    assert Image.open(io.BytesIO(response.data)).size == (width * scale, height * scale)


def test_png_default_scale_is_two_for_print(client, fixture_engine, chromium):
    response = client.get("/export/savings-by-sector.png?year=2020")
    width, _ = Image.open(io.BytesIO(response.data)).size
    assert width == 2 * export.SNAPSHOT_WIDTH
    disposition = response.headers["Content-Disposition"]
    assert "minuttjakt_sektor_alle_2020_" in disposition and ".png" in disposition


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)  # parses: a well-formed SVG document
    assert root.tag.endswith("svg")
    return " ".join(t.strip() for t in root.itertext() if t.strip())


def test_svg_carries_title_filters_source_and_date(client, chromium):
    response = client.get("/export/review-by-sector.svg?year=2021&sektor=S1")
    assert response.status_code == 200
    words = _svg_text(response.data)
    assert "Tjenestens gjennomgang 2021 per sektor" in words  # title
    assert "Testkommune · Skole · Alle kjerneområder · 2021" in words  # active filters
    assert "Kilde: Testkommune, styringsdashboard" in words  # data source
    assert "Eksportert " in words  # date of export
    assert "Demodata" not in words  # not the demo organisation


def test_svg_of_the_demo_organisation_says_so_in_each_language(client, fixture_engine, chromium):
    with fixture_engine.begin() as conn:
        conn.execute(text("UPDATE organisation SET is_demo = :yes"), {"yes": True})
    expected = {
        "nb": "Demodata – oppdiktede tall",
        "da": "Demodata – opdigtede tal",
        "en": "Demo data – invented numbers",
    }
    for lang, label in expected.items():
        words = _svg_text(client.get(f"/export/indicator-status.svg?lang={lang}").data)
        assert label in words, lang


def test_pdf_snapshot_is_one_page_with_its_title(client, chromium):
    response = client.get("/export/indicator-status.pdf?year=2022&lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    page_text = reader.pages[0].extract_text()
    assert "Indicators by status per core area, 2022" in page_text
    assert "Source: Testkommune" in page_text


def test_deck_pdf_has_one_page_per_slide(client, fixture_engine, chromium):
    query = "sektor=S1&year=2022"
    response = client.get(f"/export/deck.pdf?{query}")
    assert response.status_code == 200
    frames = charts.Frames(fixture_engine, _state(fixture_engine, sektor="S1", year="2022"))
    slides = deck_slides(frames)
    assert len(slides) >= 3
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        # NFKC: the PDF's fonts set "ff" as a ligature.
        assert slide.title in unicodedata.normalize("NFKC", page.extract_text())
    assert "seminar_S1_2022_" in response.headers["Content-Disposition"]


def test_empty_chart_exports_its_sentence_not_an_empty_axis(client, chromium):
    words = _svg_text(client.get("/export/review-by-part.svg?sektor=S1&year=2020").data)
    assert "Ingen" in words or "ingen" in words


def test_image_exports_draw_without_network(sqlite_url, fixture_engine, chromium):
    """A fresh process in a network namespace of its own (no interface but a downed loopback)
    draws every image format: kaleido loads plotly.js from disk and MathJax is off."""
    script = (
        "import io, sys\n"
        "from app import create_app\n"
        f"client = create_app(database_url={sqlite_url!r}).server.test_client()\n"
        "for fmt in ('png', 'svg', 'pdf'):\n"
        "    r = client.get(f'/export/savings-by-sector.{fmt}?year=2020')\n"
        "    assert r.status_code == 200 and len(r.data) > 1000, (fmt, r.status_code)\n"
        "print('drawn offline')\n"
    )
    result = subprocess.run(
        ["unshare", "--net", sys.executable, "-c", script],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "drawn offline" in result.stdout


def test_missing_chromium_gives_a_clear_message(client, monkeypatch):
    image_renderer.stop()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get("/export/savings-by-sector.png?year=2020")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "Bildeeksport er ikke tilgjengelig" in body and "Traceback" not in body
    # The data behind the chart needs no browser.
    assert client.get("/export/savings-by-sector.csv?year=2020").status_code == 200


# --- the data behind a chart ----------------------------------------------------------------


def _csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel keeps æøå
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_as_nordic_excel_reads_it(client):
    response = client.get("/export/savings-by-sector.csv?year=2020")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = _csv_rows(response.data, ";")
    assert rows[0] == ["Sektor", "Målte timer", "Estimerte timer"]
    # Hand-computed in tests/small_fixture.py: S1 30 measured + 4 estimated, S2 5 estimated.
    assert sorted(rows[1:]) == [["Helse", "0,0", "5,0"], ["Skole", "30,0", "4,0"]]


def test_csv_in_english_uses_comma_and_point(client):
    rows = _csv_rows(client.get("/export/savings-by-sector.csv?year=2020&lang=en").data, ",")
    assert rows[0] == ["Sector", "Measured hours", "Estimated hours"]
    assert ["Skole", "30.0", "4.0"] in rows


def test_xlsx_has_numbers_as_numbers_and_says_what_it_is(client):
    response = client.get("/export/savings-by-sector.xlsx?year=2020")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    data, about = workbook.worksheets
    rows = list(data.iter_rows(values_only=True))
    assert rows[0] == ("Sektor", "Målte timer", "Estimerte timer")
    assert ("Skole", 30, 4) in rows[1:]
    facts = dict(about.iter_rows(values_only=True))
    assert facts["Tittel"].startswith("Sparte timer 2020 per sektor")
    assert facts["Filtre"] == "Testkommune · Alle sektorer · Alle kjerneområder · 2020"
    assert facts["Kilde"] == "Testkommune, styringsdashboard"  # said once, not "Kilde: …"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 cmd", "'+47 cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Fakturakontroll", "Fakturakontroll"),
        ("a=b", "a=b"),
        (-2.5, -2.5),  # a negative number is data
    ],
)
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


def test_formula_injection_is_escaped_in_csv_and_xlsx(client, fixture_engine):
    with fixture_engine.begin() as conn:
        for code, name in HOSTILE_NAMES.items():
            conn.execute(
                text("UPDATE savings_process SET name = :name WHERE code = :code"),
                {"name": name, "code": code},
            )
    rows = _csv_rows(client.get("/export/savings-by-process.csv?year=2020").data, ";")
    names = {row[0] for row in rows[1:]}
    assert names == {"'" + name for name in HOSTILE_NAMES.values()}
    workbook = load_workbook(
        io.BytesIO(client.get("/export/savings-by-process.xlsx?year=2020").data)
    )
    cells = [row[0] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert {c.value for c in cells} == names
    assert all(c.data_type == "s" for c in cells)  # text, never a formula


def test_csv_keeps_nordic_letters(client, fixture_engine):
    with fixture_engine.begin() as conn:
        conn.execute(text("UPDATE sector SET name = 'Helse og omsorg – æøå ÆØÅ' WHERE code = 'S2'"))
    data = client.get("/export/savings-by-sector.csv?year=2020").data
    assert "Helse og omsorg – æøå ÆØÅ".encode() in data


# --- links a manager may have tampered with -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/export/no-such-chart.png", 404, "finnes ikke"),
        ("/export/theory-of-change.csv", 404, "finnes ikke"),  # needs ?goal=
        ("/export/indicator-status.gif", 404, "png, svg, pdf, csv, xlsx"),
        ("/export/indicator-status", 404, "Ukjent eksport"),
        ("/export/deck.png", 404, "bare som PDF"),
        ("/export/indicator-status.csv?sektor=nope", 400, "sektor"),
        ("/export/indicator-status.csv?year=1066", 400, "year"),
        ("/export/indicator-status.csv?kerneomrade=%27%20OR%201%3D1--", 400, "kerneomrade"),
        ("/export/indicator-status.png?scale=9", 400, "1, 2, 3, 4"),
        ("/export/indicator-status.png?scale=-1", 400, "Ugyldig skala"),
        ("/export/indicator-status.csv?sektor=nope&lang=en", 400, "Unknown or invalid value"),
    ],
)
def test_bad_links_get_a_4xx_with_a_message(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    if words:
        assert words in body


def test_a_path_outside_the_export_folder_is_never_served(client):
    # %2F decodes to "/": no export route matches and Dash's page router answers with its shell.
    response = client.get("/export/..%2Fapp.py.csv")
    assert response.status_code < 500
    assert b"create_app" not in response.data


def test_the_theory_of_change_exports_with_its_goal(client):
    rows = _csv_rows(client.get("/export/theory-of-change.csv?goal=G1").data, ";")
    assert rows[0][:2] == ["Type", "Steg"]
    assert {row[1] for row in rows[1:]} >= {"Lesekurs", "Leksehjelp", "Flere elever lærer mer"}


def test_every_chart_card_links_its_exports_with_the_views_filters(fixture_engine, sqlite_url):
    import json

    from pages import savings

    app = create_app(database_url=sqlite_url)
    with app.server.test_request_context("/"):
        tree = json.dumps(savings.layout(year=["2020"], sektor=["S1"]).to_plotly_json(),
                          default=lambda v: v.to_plotly_json() if hasattr(v, "to_plotly_json")
                          else str(v))  # fmt: skip
    for chart_id in ("savings-cumulative", "savings-by-sector", "savings-by-process"):
        for fmt in export.FORMATS:
            assert f"/export/{chart_id}.{fmt}?sektor=S1&year=2020" in tree, (chart_id, fmt)


def test_the_assessment_goes_into_the_image_export(fixture_engine):
    """I1's 2021 value carries "Ny metode": the snapshot draws it under the plot and is as
    much taller as its lines need."""
    frames = charts.Frames(fixture_engine, _state(fixture_engine, year="2021"))
    chart = charts.build("trend-I1", frames)
    assert chart.note == "Vurdering 2021: Ny metode"
    caption = export.caption_for(
        frames.state, title=chart.title, area="effect_goals", as_of=dt.date(2022, 5, 12)
    )
    figure = export.snapshot_figure(chart, caption)
    texts = [a.text for a in figure.layout.annotations]
    assert "Vurdering 2021: Ny metode" in texts
    later = charts.Frames(fixture_engine, _state(fixture_engine, year="2022"))
    plain = charts.build("trend-I1", later)
    assert plain.note is None  # 2022's value has no assessment: nothing borrowed from 2021
    later_caption = export.caption_for(
        later.state, title=plain.title, area="effect_goals", as_of=dt.date(2022, 5, 12)
    )
    note_band = export.snapshot_margins(chart, caption).note
    assert note_band > 0 and export.snapshot_margins(plain, later_caption).note == 0
