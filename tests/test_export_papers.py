"""Exports for budget papers, read back: single-chart PDFs are vectors (hatching as paths, not
a bitmap), small, and say in their document information what chart, organisation and date
they hold; file names are in the user's language and a PNG's name carries its scale."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import create_app
from dashboard import image_renderer
from dashboard.db import get_engine
from tests.small_fixture import load_small_fixture


@pytest.fixture
def client(sqlite_url):
    load_small_fixture(get_engine(sqlite_url))
    return create_app(database_url=sqlite_url).server.test_client()


@pytest.fixture(scope="module")
def chromium():
    path = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {path} and REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium not found at {path}")
    yield path
    image_renderer.stop()


def _images(reader: PdfReader) -> list:
    """Every raster image in the PDF, also inside forms and patterns."""
    found, seen = [], set()

    def walk(resources) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for kind in ("/XObject", "/Pattern"):
            for ref in (resources.get(kind) or {}).values():
                obj = ref.get_object()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if obj.get("/Subtype") == "/Image":
                    found.append(obj)
                walk(obj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


@pytest.mark.parametrize(
    ("path", "title"),
    [
        # Hatched bars: estimated hours (the fixture has both kinds), and kinds of process.
        ("/export/savings-by-sector.pdf?year=2020", "Sparte timer 2020 per sektor"),
        ("/export/savings-pipeline.pdf", "Prosesser etter fase"),
        ("/export/review-budget.pdf?year=2021", "Budsjettinnspill 2021 per sektor"),
    ],
)
def test_pdf_is_small_vector_and_says_what_it_is(client, chromium, path, title):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    assert _images(reader) == []  # the hatching is paths, not a bitmap
    assert len(response.data) < 150_000
    info = reader.metadata
    assert info.title == title and info.title != "Kaleido-fier"
    assert info.author == "Testkommune"
    assert "Eksportert" in info["/Keywords"]  # the date of export
    assert info["/CreationDate"].startswith("D:")
    assert title in reader.pages[0].extract_text()


def test_file_names_in_the_users_language_with_the_pngs_scale(client, chromium):
    names = {}
    for scale in (1, 2, 4):
        response = client.get(f"/export/savings-by-sector.png?year=2020&scale={scale}")
        names[scale] = response.headers["Content-Disposition"].split("filename=")[-1]
        assert names[scale].endswith(f"_{scale}x.png"), names[scale]
    assert len(set(names.values())) == 3
    english = client.get("/export/savings-by-sector.csv?year=2020&lang=en")
    assert "minute-hunt_sector_all_2020_" in english.headers["Content-Disposition"]
    danish = client.get("/export/review-by-sector.csv?year=2021&lang=da")
    assert "tjenestegennemgang_forvaltning_alle_2021_" in danish.headers["Content-Disposition"]
    norwegian = client.get("/export/review-by-part.csv?year=2021")
    assert "tjenestegjennomgang_del_alle_2021_" in norwegian.headers["Content-Disposition"]


# --- spreadsheets a budget analyst keeps ---------------------------------------------------------


def _workbook(client, path: str):
    from openpyxl import load_workbook

    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return load_workbook(io.BytesIO(response.data))


def _column(sheet, header: str) -> list:
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header) + 1
    return [sheet.cell(row=r, column=index) for r in range(2, sheet.max_row + 1)]


def test_effect_goal_sheet_has_units_years_and_formats(client):
    data, about = _workbook(client, "/export/indicator-status.xlsx?year=2022").worksheets
    headers = [cell.value for cell in data[1]]
    assert headers == [
        "Kjerneområde", "Effektmål", "Indikator", "Enhet", "Utgangsverdi", "Utgangsår",
        "Siste verdi", "År for siste verdi", "Mål", "Målår", "Status",
    ]  # fmt: skip
    assert all(cell.font.bold for cell in data[1])
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref == f"A1:K{data.max_row}"
    rows = {row[2].value: row for row in data.iter_rows(min_row=2)}
    reading = rows["Andel som mestrer lesing"]  # I1: %, 50 (2018) → 70 (2024)
    values = {h: c.value for h, c in zip(headers, reading, strict=True)}
    assert values["Enhet"] == "%"
    assert (values["Utgangsverdi"], values["Utgangsår"], values["Målår"]) == (50, 2018, 2024)
    assert values["Mål"] == 70
    formats = {h: c.number_format for h, c in zip(headers, reading, strict=True)}
    assert formats["Utgangsverdi"] == formats["Mål"] == '0.0" %"'
    assert formats["Utgangsår"] == formats["Målår"] == formats["År for siste verdi"] == "0"
    facts = {row[0].value: row[1] for row in about.iter_rows()}
    assert set(facts) == {"Tittel", "Filtre", "Kilde", "Eksportert"}  # not a demo organisation
    for label, cell in facts.items():
        assert not str(cell.value).startswith(label), (label, cell.value)  # said once
    assert cell.is_date and facts["Eksportert"].number_format == "dd.mm.yyyy"


def test_money_hours_and_dates_have_their_formats(client):
    (budget, _) = _workbook(client, "/export/review-budget.xlsx?year=2021").worksheets
    amounts = _column(budget, "Beløp")
    assert amounts and all(isinstance(c.value, int | float) for c in amounts)
    assert {c.number_format for c in amounts} == {'#,##0" kr"'}
    (hours, _) = _workbook(client, "/export/savings-by-sector.xlsx?year=2020").worksheets
    assert {c.number_format for c in _column(hours, "Målte timer")} == {"#,##0"}
    for lang, header, date_format in (
        ("nb", "Frist", "dd.mm.yyyy"),
        ("en", "Deadline", "yyyy-mm-dd"),
    ):
        (deadlines, _) = _workbook(
            client, f"/export/review-timeline.xlsx?year=2021&lang={lang}"
        ).worksheets
        cells = _column(deadlines, header)
        assert cells and all(c.is_date for c in cells), [c.value for c in cells]
        assert {c.number_format for c in cells} == {date_format}
        assert deadlines.auto_filter.ref and deadlines.freeze_panes == "A2"
