"""Issue 12: files that used to lose rows or data silently, made the way an office makes them
(Excel's CSV: cp1252 or UTF-8 with BOM, `;`, CRLF, quotes doubled inside quoted cells;
openpyxl workbooks without cached formula values; real control characters). Each is refused
through the CLI with exit code 1, the message names row and column, and the database dump is
the same before and after (hashed).

Runs on SQLite and PostgreSQL (db_url); starts from the small fixture (tests/small_fixture.py):
organisation `test`, indicators I1–I4 with values, processes P1 and P2 with records.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from dashboard import cli
from dashboard.db import get_engine
from dashboard.ingest import importer
from dashboard.models import Sector
from tests.small_fixture import dump


@pytest.fixture(autouse=True)
def _norwegian(monkeypatch):
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)
    for name in ("IMPORT_MAX_FILE_MB", "IMPORT_MAX_UNPACKED_MB", "IMPORT_MAX_ROWS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cli_db(small, db_url, monkeypatch) -> Engine:
    """The small fixture, and the CLI pointed at it."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_engine.cache_clear()
    yield small
    get_engine.cache_clear()


def digest(engine: Engine) -> str:
    return hashlib.sha256(repr(dump(engine)).encode()).hexdigest()


def excel_csv(rows: list[list[object]], encoding: str = "cp1252") -> bytes:
    """As Excel's "CSV (semikolondelt)" writes it: `;`, CRLF, minimal quoting."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def cli_refuses(engine: Engine, path: Path, capsys) -> tuple[importer.ImportReport, str]:
    """Import through the CLI: exit code 1, database unchanged; the report as the CLI printed
    it and as the importer returns it (for rows and columns)."""
    before = digest(engine)
    capsys.readouterr()
    assert cli.main(["import", str(path)]) == 1
    out = capsys.readouterr().out
    assert digest(engine) == before, out
    report = importer.import_file(path, engine, dry_run=True)
    assert not report.ok
    return report, out


def where(report: importer.ImportReport) -> list[tuple]:
    return [(e.row, e.column, e.reason) for e in report.errors]


VALUES_HEADER = ["organisasjon", "indikator", "år", "verdi", "kommentar"]


def values_rows(count: int = 10) -> list[list[object]]:
    return [["test", "I4", str(2000 + n), f"{n},5", f"Måling {n}"] for n in range(count)]


# --- strict CSV --------------------------------------------------------------------------------


def test_a_quote_that_never_closes_does_not_swallow_the_rows_after_it(cli_db, tmp_path, capsys):
    """Row 3's comment opens a quote and never closes it: rows 4–11 must not become its text."""
    data = excel_csv([VALUES_HEADER, *values_rows()]).split(b"\r\n")
    data[2] = data[2].replace(b"M\xe5ling 1", b'"M\xe5ling 1 (se notat')
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(b"\r\n".join(data))
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(3, "kommentar", "import.csv_quote_swallows_rows")]
    assert "rad 3, kolonne «kommentar»" in out and "linje 3 i filen" in out


def test_a_file_cut_inside_its_last_quoted_cell_is_refused(cli_db, tmp_path, capsys):
    rows = [VALUES_HEADER, *values_rows(3)]
    rows[-1][-1] = "Lang kommentar; med semikolon\nog linjeskift"
    data = excel_csv(rows, "utf-8-sig")
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(data[: data.rindex(b"og linjeskift")])  # the copy stopped mid-cell
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(4, "kommentar", "import.csv_unclosed_quote")]
    assert "filen slutter inne i cellen" in out


def test_a_quote_inside_an_unquoted_cell_is_refused(cli_db, tmp_path, capsys):
    rows = [VALUES_HEADER, *values_rows(4)]
    data = excel_csv(rows).replace(b"M\xe5ling 2", b'M\xe5ling 2 "ny"')
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(data)
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(4, "kommentar", "import.csv_quote_in_cell")]


def test_text_after_a_closing_quote_is_refused(cli_db, tmp_path, capsys):
    rows = [VALUES_HEADER, *values_rows(4)]
    data = excel_csv(rows).replace(b"M\xe5ling 1", b'"M\xe5ling" 1')
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(data)
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(3, "kommentar", "import.csv_text_after_quote")]


def test_a_quoted_line_break_is_one_row_and_later_rows_keep_excels_numbers(
    cli_db, tmp_path, capsys
):
    """A comment with two line breaks (properly quoted) is one row; a bad value two rows later
    is reported with Excel's row number (5), not the physical line (7)."""
    rows = [VALUES_HEADER, *values_rows(4)]
    rows[1][-1] = "Første linje\nandre linje\ntredje"
    rows[3][3] = "mye"
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(excel_csv(rows))
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(4, "verdi", "import.not_number")]
    rows[3][3] = "3,5"
    path.write_bytes(excel_csv(rows))
    report = importer.import_file(path, cli_db)
    assert report.ok and report.rows_read == 4, report.describe()


def test_a_utf8_file_cut_inside_a_character_names_its_row(cli_db, tmp_path, capsys):
    rows = [VALUES_HEADER, *values_rows(5)]
    rows[-1][-1] = "Målt på Ørsta"
    data = excel_csv(rows, "utf-8")
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(data[: data.rindex("Ø".encode()) + 1])  # the Ø's second byte is gone
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(6, None, "import.cut_character")]
    assert "rad 6" in out


def test_cp1252_text_that_looks_like_a_cut_utf8_character_is_read_as_cp1252(cli_db, tmp_path):
    """à before a no-break space is E0 A0 in cp1252: the start of a 3-byte UTF-8 character,
    cut short. Mid-file that is text, not a cut (found by tests/test_import_properties.py)."""
    path = tmp_path / "sektorer.csv"
    path.write_bytes(
        "organisasjon;sektor;navn\r\ntest;A1;Vià\xa0B\r\ntest;A2;Â\xa0C\r\n".encode("cp1252")
    )
    report = importer.import_file(path, cli_db)
    assert report.ok, report.describe()
    with cli_db.connect() as conn:
        names = dict(conn.execute(select(Sector.code, Sector.name)).all())
    assert names["A1"] == "Vià\xa0B" and names["A2"] == "Â\xa0C"


def test_a_workbook_named_csv_and_a_csv_named_xlsx_are_named_for_what_they_are(
    cli_db, tmp_path, capsys
):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(VALUES_HEADER)
    workbook.active.append(values_rows(1)[0])
    workbook.save(tmp_path / "real.xlsx")
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes((tmp_path / "real.xlsx").read_bytes())
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(None, None, "import.workbook_named_csv")]
    assert "Excel-arbeidsbok (.xlsx)" in out
    path = tmp_path / "indikatorverdier.xlsx"
    path.write_bytes(excel_csv([VALUES_HEADER, *values_rows(2)]))
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(None, None, "import.csv_named_xlsx")]


# --- formulas without a stored result ----------------------------------------------------------

SAVINGS_HEADER = ["organisasjon", "prosess", "måned", "timer", "grunnlag", "kjøringer"]


def formula_workbook(path: Path, rows: list[list[object]]) -> Path:
    """As openpyxl (and many report generators) save it: formulas with no cached result."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "sparte_timer"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def stored_runs(engine: Engine) -> dict[tuple, tuple]:
    from sqlalchemy import select

    from dashboard.models import SavingsProcess, SavingsRecord

    with engine.connect() as conn:
        return {
            (code, period.isoformat()[:7], basis): (float(hours), runs)
            for code, period, basis, hours, runs in conn.execute(
                select(
                    SavingsProcess.code,
                    SavingsRecord.period,
                    SavingsRecord.basis,
                    SavingsRecord.hours,
                    SavingsRecord.runs,
                ).join(SavingsProcess)
            )
        }


def test_a_formula_without_a_value_in_an_optional_column_never_empties_the_stored_value(
    cli_db, tmp_path, capsys
):
    """runs 150 must not become NULL because a generator wrote `=B2*3` without its result."""
    path = formula_workbook(
        tmp_path / "timer.xlsx",
        [
            SAVINGS_HEADER,
            ["test", "P1", "01.2020", 10, "målt", 100],
            ["test", "P1", "02.2020", 20, "målt", "=50*3"],
        ],
    )
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(3, "kjøringer", "import.formula_without_value")]
    assert "formel uten beregnet verdi: åpne og lagre filen i Excel" in out
    assert stored_runs(cli_db)[("P1", "2020-02", "measured")] == (20.0, 150)


def test_a_formula_without_a_value_in_a_required_column_is_not_called_empty(
    cli_db, tmp_path, capsys
):
    path = formula_workbook(
        tmp_path / "timer.xlsx",
        [SAVINGS_HEADER, ["test", "P1", "01.2020", "=5+5", "målt", 100]],
    )
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(2, "timer", "import.formula_without_value")]
    assert "må fylles ut" not in out


def test_a_formula_in_the_header_row_is_refused(cli_db, tmp_path, capsys):
    path = formula_workbook(
        tmp_path / "timer.xlsx",
        [["organisasjon", "prosess", "måned", '="ti"&"mer"', "grunnlag"]],
    )
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(1, None, "import.formula_without_value")]


def test_a_file_without_an_optional_column_keeps_its_stored_values(cli_db, tmp_path):
    """The file has no `kjøringer` column: hours change, runs stay 150."""
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(
        excel_csv([SAVINGS_HEADER[:5], ["test", "P1", "02.2020", "25", "målt"]], "utf-8-sig")
    )
    report = importer.import_file(path, cli_db)
    assert report.ok and report.rows_changed == 1, report.describe()
    assert stored_runs(cli_db)[("P1", "2020-02", "measured")] == (25.0, 150)


def test_an_empty_cell_in_a_column_the_file_has_does_empty_the_value(cli_db, tmp_path):
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(excel_csv([SAVINGS_HEADER, ["test", "P1", "02.2020", "20", "målt", ""]]))
    report = importer.import_file(path, cli_db)
    assert report.ok and report.rows_changed == 1, report.describe()
    assert stored_runs(cli_db)[("P1", "2020-02", "measured")] == (20.0, None)


@pytest.mark.parametrize(
    "doctype", [b"<!DOCTYPE worksheet>", b'<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>']
)
def test_a_workbook_with_a_doctype_in_a_sheet_is_refused_clearly(cli_db, tmp_path, capsys, doctype):
    import zipfile

    source = formula_workbook(
        tmp_path / "source.xlsx", [SAVINGS_HEADER, ["test", "P1", "01.2020", 10, "målt", 100]]
    )
    path = tmp_path / "timer.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b"<worksheet")
                data = data[:start] + doctype + data[start:]
            dst.writestr(item, data)
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(None, None, "import.xml_dtd")]
    assert "DOCTYPE" in out


# --- codes -------------------------------------------------------------------------------------

BAD_CODES = [
    'S"9',
    "<script>",
    "../etc",
    "a/b",
    "S9\r\nSet-Cookie: x=1",
    "S 9",
    "S\u200b9",  # zero-width space: invisible in Excel
    "S\x1b[2J9",  # an escape sequence
    "x" * 65,
]


@pytest.mark.parametrize("code", BAD_CODES)
def test_a_code_with_anything_but_letters_digits_and_dash_underscore_dot_is_refused(
    cli_db, tmp_path, capsys, code
):
    path = tmp_path / "sektorer.csv"
    path.write_bytes(
        excel_csv(
            [["organisasjon", "sektor", "navn"], ["test", "S8", "Kultur"], ["test", code, "X"]],
            "utf-8-sig",
        )
    )
    report, out = cli_refuses(cli_db, path, capsys)
    reason = "import.too_long" if len(code) > 64 else "import.bad_code"
    assert where(report) == [(3, "sektor", reason)]
    if reason == "import.bad_code":
        assert "bare bokstaver (også æøå og samiske bokstaver), sifre" in out


def test_codes_in_a_list_are_checked_one_by_one(cli_db, tmp_path, capsys):
    path = tmp_path / "kjerneområder.csv"
    path.write_bytes(
        excel_csv(
            [
                ["organisasjon", "kjerneområde", "navn", "sektorer"],
                ["test", "K1", "Kultur", "S1, S<2>"],
            ],
            "utf-8-sig",
        )
    )
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(2, "sektorer", "import.bad_code")]


def test_nordic_and_sami_letters_digits_and_punctuation_make_good_codes(cli_db, tmp_path):
    codes = ["helse-velferd", "Ærø_2.0", "Guovdageaidnu-čđŋšŧž", "Áltá", "7", "oppvekst.skole"]
    path = tmp_path / "sektorer.csv"
    rows = [["organisasjon", "sektor", "navn"], *[["test", c, f"Sektor {c}"] for c in codes]]
    path.write_bytes(excel_csv(rows, "utf-8-sig"))
    report = importer.import_file(path, cli_db)
    assert report.ok and report.rows_added == len(codes), report.describe()


def test_an_export_for_a_stored_code_with_a_line_break_is_a_file_not_a_500(small):
    """A code stored before codes were checked: the export's file name is a safe slug."""
    from sqlalchemy import update

    from app import create_app
    from dashboard.models import Sector

    with small.begin() as conn:
        conn.execute(update(Sector).where(Sector.code == "S1").values(code='S1\r\n"x/../y'))
    client = create_app(database_url=str(small.url)).server.test_client()
    response = client.get("/export/savings-by-sector.csv", query_string={"sektor": 'S1\r\n"x/../y'})
    assert response.status_code == 200, response.data[:300]
    disposition = response.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition
    assert "_S1-x-..-y_" in disposition


def test_file_names_are_safe_slugs_whatever_the_stem():
    import datetime as dt

    from dashboard.export import file_name

    day = dt.date(2026, 5, 12)
    assert file_name("effektmal_oppvekst-skole_2025", "png", day) == (
        "effektmal_oppvekst-skole_2025_2026-05-12.png"
    )
    assert file_name('sparing_S1\r\n"<x>/../y', "csv", day) == "sparing_S1-x-..-y_2026-05-12.csv"
    assert file_name("../../", "csv", day) == "eksport_2026-05-12.csv"
    assert file_name("Ærø_Guovdageaidnu", "pdf", day) == "Ærø_Guovdageaidnu_2026-05-12.pdf"


# --- safe reports ------------------------------------------------------------------------------


def test_control_characters_from_the_file_are_printed_escaped(cli_db, tmp_path, capsys):
    """An ESC sequence in a bad cell must not clear the operator's terminal."""
    rows = [VALUES_HEADER, *values_rows(3)]
    rows[2][3] = "\x1b[2J\x1b[31m12"
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(excel_csv(rows, "utf-8-sig"))
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(3, "verdi", "import.not_number")]
    assert "\x1b" not in out
    assert "verdi «\\x1b[2J\\x1b[31m12»" in out


def test_a_header_and_cells_with_control_characters_are_escaped(cli_db, tmp_path, capsys):
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(
        excel_csv(
            [
                [*SAVINGS_HEADER, "ekstra\x07"],
                ["test", "P1", "01.2020", "x\x1bq", "målt", "100", ""],
                ["test", "P\r\n1", "02.2020", "1", "målt", "100", ""],
            ]
        )
    )
    report, out = cli_refuses(cli_db, path, capsys)
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "x\\x1bq" in out and "ekstra\\x07" in out and "P\\x0d\\x0a1" in out
    assert (
        where(report)
        == [(3, "prosess", "import.bad_code"), (2, "timer", "import.not_number")][::-1]
    )


def test_a_hundred_thousand_unknown_columns_are_one_warning_line(cli_db, tmp_path, capsys):
    header = SAVINGS_HEADER + [f"extra{n}" for n in range(100_000)]
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(excel_csv([header, ["test", "P1", "01.2020", "10", "målt", "100"]]))
    before = digest(cli_db)
    capsys.readouterr()
    assert cli.main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert digest(cli_db) == before
    assert len(out) < 2_000, len(out)
    assert "100\xa0000 ukjente kolonner, ikke importert: extra0, extra1," in out
    assert "extra19 … (vist 20)" in out and "extra20" not in out


# --- bounded resources -------------------------------------------------------------------------


def test_a_file_over_the_row_limit_is_refused_before_it_is_read_to_the_end(
    cli_db, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("IMPORT_MAX_ROWS", "1000")
    rows = [SAVINGS_HEADER] + [
        ["test", "P2", f"{1 + n % 12:02d}.{1900 + n // 12}", "1", "estimert", ""]
        for n in range(6_000)
    ]
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(excel_csv(rows))
    report, out = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(None, None, "import.too_many_rows")]
    assert "flere enn 1\xa0000 rader" in out
    read: list[int] = []
    importer.import_file(path, cli_db, progress=lambda *a: read.append(a[2]))
    assert not read  # stopped at the first batch past the limit, before 10 000 rows were read
    monkeypatch.setenv("IMPORT_MAX_ROWS", "6000")
    report = importer.import_file(path, cli_db, dry_run=True)
    assert report.ok and report.rows_read == 6_000, report.describe()


def test_errors_beyond_the_first_thousand_are_counted_not_kept(cli_db, tmp_path):
    rows = [SAVINGS_HEADER] + [
        ["test", "P2", f"{1 + n % 12:02d}.{1900 + n // 12}", "x", "estimert", ""]
        for n in range(2_500)
    ]
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(excel_csv(rows))
    report = importer.import_file(path, cli_db)
    assert len(report.errors) == importer.MAX_ERRORS
    assert report.describe().startswith("sparte_timer.csv: ikke importert, 2500 feil.")


def test_a_large_valid_file_is_written_in_batches_in_one_transaction(cli_db, tmp_path):
    """More rows than one batch: all or nothing still holds, with the bad row last."""
    rows = [SAVINGS_HEADER] + [
        ["test", "P2", f"{1 + n % 12:02d}.{1900 + n // 12}", "1", "estimert", ""]
        for n in range(importer.BATCH * 2 + 10)
    ]
    rows[-1][3] = "mye"
    path = tmp_path / "sparte_timer.csv"
    path.write_bytes(excel_csv(rows))
    before = digest(cli_db)
    report = importer.import_file(path, cli_db)
    assert where(report) == [(len(rows), "timer", "import.not_number")]
    assert digest(cli_db) == before
    rows[-1][3] = "2"
    path.write_bytes(excel_csv(rows))
    report = importer.import_file(path, cli_db)
    assert report.ok, report.describe()
    # P2's estimate for March 2020 is in the fixture already: changed, not added.
    assert (report.rows_added, report.rows_changed) == (len(rows) - 2, 1)


# --- percent cells and number forms ------------------------------------------------------------


def test_a_percent_formatted_cell_in_a_percent_indicator_is_taken_as_shown(cli_db, tmp_path):
    """Excel shows 41,5 % and stores 0.415; the indicator's unit is "%": 41,5 is meant."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from dashboard.models import Indicator, IndicatorValue

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "indikatorverdier"
    sheet.append(VALUES_HEADER)
    for year, value in ((2023, 0.415), (2024, 0.5), (2025, 0.123)):
        sheet.append(["test", "I1", year, value, ""])
        sheet.cell(sheet.max_row, 4).number_format = "0.0%"
    sheet.append(["test", "I1", 2026, 47.5, "ikke prosentformatert"])
    path = tmp_path / "verdier.xlsx"
    workbook.save(path)
    report = importer.import_file(path, cli_db)
    assert report.ok, report.describe()
    with cli_db.connect() as conn:
        stored = dict(
            conn.execute(
                select(IndicatorValue.period, IndicatorValue.value)
                .join(Indicator)
                .where(Indicator.code == "I1", IndicatorValue.period >= 2023)
            ).all()
        )
    assert {year: float(value) for year, value in stored.items()} == {
        2023: 41.5,
        2024: 50.0,
        2025: 12.3,
        2026: 47.5,
    }
    assert [(w.row, w.column, w.reason) for w in report.warnings] == [
        (row, "verdi", "import.percent_as_shown") for row in (2, 3, 4)
    ]
    text = report.describe()
    assert "3 celler formatert som prosent i Excel er tatt som Excel viser dem" in text
    assert "rader 2–4" in text


@pytest.mark.parametrize("number", ["1e3", "1,234.5", "12,", ",5", "1.2.3", "+3", "12 %", "1 2,5"])
def test_number_forms_the_readme_does_not_document_are_refused(cli_db, tmp_path, capsys, number):
    rows = [VALUES_HEADER, *values_rows(3)]
    rows[2][3] = number
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(excel_csv(rows))
    report, _ = cli_refuses(cli_db, path, capsys)
    assert where(report) == [(3, "verdi", "import.not_number")]


def test_every_documented_number_form_is_accepted(cli_db, tmp_path):
    forms = {
        "2": 2,
        "2,5": 2.5,
        "1 200,50": 1200.5,
        "1\xa0200,5": 1200.5,
        "1\u202f200": 1200,
        "1.200": 1200,
        "1.200,50": 1200.5,
        "2.5": 2.5,
        "-2,5": -2.5,
        "\u22122,5": -2.5,
    }
    rows = [VALUES_HEADER] + [
        ["test", "I4", str(2000 + n), text, ""] for n, text in enumerate(forms)
    ]
    path = tmp_path / "indikatorverdier.csv"
    path.write_bytes(excel_csv(rows, "utf-8-sig"))
    report = importer.import_file(path, cli_db)
    assert report.ok, report.describe()
    readme = (Path(__file__).resolve().parent.parent / "data/templates/README.md").read_text()
    for example in ("`1e3`", "`1,234.5`", "`12,`", "`1 200,50`", "`1.200,50`", "`2.5`"):
        assert example in readme


# --- concurrent imports ------------------------------------------------------------------------


def test_the_loser_of_two_concurrent_imports_is_told_so_and_changes_nothing(small, tmp_path):
    """Both check the same new rows against the database as it was, both write; the second
    writer's unique key collides: the message says what happened, not "UNIQUE constraint"."""
    import threading

    rows = [SAVINGS_HEADER] + [
        ["test", "P2", f"{1 + n % 12:02d}.{1900 + n // 12}", "1", "estimert", ""]
        for n in range(12_000)
    ]
    paths = []
    for name in ("a", "b"):
        path = tmp_path / name / "sparte_timer.csv"
        path.parent.mkdir()
        path.write_bytes(excel_csv(rows))
        paths.append(path)
    both_read = threading.Barrier(2, timeout=5)

    def wait_for_the_other(_name, stage, done, _total):
        # Neither commits before the other has begun: the first to write its first batch holds
        # the keys (PostgreSQL) or the lock (SQLite), so the other waits here in vain for 5 s.
        if stage == "read" and done == 10_000:
            try:
                both_read.wait()
            except threading.BrokenBarrierError:
                pass

    reports: dict[str, importer.ImportReport] = {}

    def run(path):
        reports[path.parent.name] = importer.import_file(
            path, small, progress=wait_for_the_other
        )

    threads = [threading.Thread(target=run, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    outcomes = sorted(
        "ok" if r.ok else ",".join(e.reason for e in r.errors) for r in reports.values()
    )
    assert outcomes == ["import.concurrent", "ok"], [r.describe() for r in reports.values()]
    loser = next(r for r in reports.values() if not r.ok)
    assert "en annen import endret de samme radene samtidig; prøv igjen" in loser.describe()
    assert "UNIQUE" not in loser.describe() and "duplicate key" not in loser.describe()
    assert len(stored_runs(small)) == 5 + 12_000 - 1  # the fixture's 5, the file's (1 shared)


# --- the shipped templates ---------------------------------------------------------------------


def _templates():
    from dashboard.ingest import templates

    folder = Path(templates.TEMPLATE_DIR)
    return sorted(folder.glob("*.xlsx")), sorted((folder / "csv").glob("*.csv"))


@pytest.mark.parametrize("with_demo", [False, True], ids=["empty", "demo"])
def test_every_shipped_workbook_dry_runs_cleanly_on_its_own(engine, with_demo):
    from dashboard.ingest import demo

    if with_demo:
        demo.load_demo(engine)
    workbooks, _ = _templates()
    assert [p.name for p in workbooks] == [
        "1_organisasjon.xlsx",
        "2_effektmal.xlsx",
        "3_tjenestegjennomgang.xlsx",
        "4_minuttjakt.xlsx",
    ]
    before = digest(engine)
    for path in workbooks:
        report = importer.import_file(path, engine, dry_run=True)
        assert report.ok and not report.warnings, report.describe()
        assert report.rows_added or not with_demo or path.name == "1_organisasjon.xlsx"
    assert digest(engine) == before


@pytest.mark.parametrize("with_demo", [False, True], ids=["empty", "demo"])
def test_every_shipped_csv_dry_runs_cleanly_after_the_ones_before_it(engine, with_demo):
    """One table per file: each is checked (dry run, nothing changed) after the files before it
    in name order were imported, as `dashboard import data/templates/csv/*.csv` does."""
    from dashboard.ingest import demo

    if with_demo:
        demo.load_demo(engine)
    _, files = _templates()
    assert len(files) >= 13
    for path in files:
        before = digest(engine)
        report = importer.import_file(path, engine, dry_run=True)
        assert report.ok and not report.warnings, report.describe()
        assert digest(engine) == before
        assert importer.import_file(path, engine).ok
