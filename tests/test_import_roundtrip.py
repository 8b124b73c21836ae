"""Issue 12's round-trip property (Hypothesis): any table of valid values, written as Nordic CSV
in a random supported dialect and as an xlsx workbook, imports to the same stored rows; and any
single-cell corruption (a stray quote, a control character, a formula without a stored value)
is refused naming its row, with nothing changed.

Dialects: UTF-8 with and without BOM, cp1252, UTF-16 with BOM ("Unicode text", tab-separated);
`;`, `,` or tab; an Excel `sep=` line or not; CRLF or LF; every cell quoted or only where needed;
numbers as Norwegian (NBSP or space groups, decimal comma), Danish (dot groups) or with a decimal
point. One database per test and backend, shared by the examples; starts from the small fixture
(organisation `test`, processes P1 and P2).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import Engine, select

from dashboard.ingest import importer
from dashboard.models import SavingsProcess, SavingsRecord
from tests.small_fixture import dump

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = ["organisasjon", "prosess", "måned", "timer", "grunnlag", "kjøringer"]
NBSP = "\u00a0"

keys = st.tuples(
    st.sampled_from(["P1", "P2"]),
    st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 1)).map(lambda d: d.replace(day=1)),
    st.sampled_from(["measured", "estimated"]),
)
tables = st.lists(
    st.tuples(
        keys,
        st.integers(0, 99_999_999).map(lambda n: Decimal(n) / 100),
        st.none() | st.integers(0, 2_000_000),
    ),
    min_size=1,
    max_size=15,
    unique_by=lambda row: row[0],
)


@st.composite
def dialects(draw) -> dict[str, object]:
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-8", "cp1252", "utf-16"]))
    return {
        "encoding": encoding,
        "separator": "\t" if encoding == "utf-16" else draw(st.sampled_from([";", ",", "\t"])),
        "sep_line": encoding != "utf-16" and draw(st.booleans()),
        "newline": draw(st.sampled_from(["\r\n", "\n"])),
        "quote_all": draw(st.booleans()),
        "numbers": draw(st.sampled_from(["nordic", "space", "danish", "point", "plain"])),
    }


def number_text(value: Decimal, style: str) -> str:
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}"
    decimal = "." if style == "point" else ","
    tail = decimal + fraction if fraction else ""
    if style == "nordic":
        return grouped.replace(",", NBSP) + tail
    if style == "space":
        return grouped.replace(",", " ") + tail
    if style == "danish":
        return grouped.replace(",", ".") + tail
    return whole + tail


def text_rows(table, dialect) -> list[list[str]]:
    basis = {"measured": "målt", "estimated": "estimert"}
    return [HEADER] + [
        [
            "test",
            process,
            f"{period:%m.%Y}",
            number_text(hours, dialect["numbers"]),
            basis[kind],
            "" if runs is None else str(runs),
        ]
        for (process, period, kind), hours, runs in table
    ]


def quote(cell: str, dialect) -> str:
    special = dialect["separator"] in cell or '"' in cell or "\n" in cell or "\r" in cell
    if dialect["quote_all"] or special:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_bytes(rows: list[list[str]], dialect, raw: dict[tuple[int, int], str] | None = None):
    """As Excel writes it; `raw`: cells written as they are, unquoted (the corruptions)."""
    raw = raw or {}
    lines = [f"sep={dialect['separator']}"] if dialect["sep_line"] else []
    for r, row in enumerate(rows):
        cells = [raw.get((r, c)) or quote(cell, dialect) for c, cell in enumerate(row)]
        lines.append(dialect["separator"].join(cells))
    text = dialect["newline"].join(lines) + dialect["newline"]
    return text.encode(dialect["encoding"])


def xlsx_file(path: Path, table, formula_at: tuple[int, int] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "sparte_timer"
    sheet.append(HEADER)
    basis = {"measured": "målt", "estimated": "estimert"}
    for (process, period, kind), hours, runs in table:
        sheet.append(["test", process, period, float(hours), basis[kind], runs])
    if formula_at:
        sheet.cell(*formula_at).value = "=1+1"  # openpyxl stores no result
    workbook.save(path)
    return path


def stored(engine: Engine, table) -> dict[tuple, tuple]:
    wanted = {key for key, _, _ in table}
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                SavingsProcess.code,
                SavingsRecord.period,
                SavingsRecord.basis,
                SavingsRecord.hours,
                SavingsRecord.runs,
            ).join(SavingsProcess)
        )
        return {
            (code, period, basis): (Decimal(str(hours)).normalize(), runs)
            for code, period, basis, hours, runs in rows
            if (code, period, basis) in wanted
        }


@SETTINGS
@given(table=tables, dialect=dialects())
def test_a_valid_table_as_nordic_csv_and_as_xlsx_stores_the_same_rows(small, table, dialect):
    expected = {key: (hours.normalize(), runs) for key, hours, runs in table}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sparte_timer.csv"
        path.write_bytes(csv_bytes(text_rows(table, dialect), dialect))
        report = importer.import_file(path, small)
        assert report.ok and report.rows_read == len(table), (dialect, report.describe())
        assert stored(small, table) == expected
        # The same table as a workbook: the same stored rows, so nothing to add or change.
        report = importer.import_file(xlsx_file(Path(folder) / "timer.xlsx", table), small)
        assert report.ok, report.describe()
        assert (report.rows_added, report.rows_changed) == (0, 0), report.describe()
        assert stored(small, table) == expected


CORRUPTIONS = ("open_quote", "quote_inside", "control_in_code", "control_in_number", "formula")


@SETTINGS
@given(table=tables, dialect=dialects(), data=st.data())
def test_any_single_corrupt_cell_is_refused_naming_its_row(small, table, dialect, data):
    kind = data.draw(st.sampled_from(CORRUPTIONS))
    row = data.draw(st.integers(1, len(table)))  # a data row; the header is row 0 here
    before = dump(small)
    with tempfile.TemporaryDirectory() as folder:
        if kind == "formula":
            column = data.draw(st.integers(1, len(HEADER)))
            path = xlsx_file(Path(folder) / "timer.xlsx", table, formula_at=(row + 1, column))
            expected_reason = "import.formula_without_value"
        else:
            rows = text_rows(table, dialect)
            raw: dict[tuple[int, int], str] = {}
            if kind == "open_quote":
                raw[(row, 1)] = '"' + rows[row][1]
            elif kind == "quote_inside":
                raw[(row, 1)] = rows[row][1][:1] + '"' + rows[row][1][1:]
            elif kind == "control_in_code":
                rows[row][1] = rows[row][1][:1] + "\x1b" + rows[row][1][1:]
            else:
                rows[row][3] = "\x1b[31m" + rows[row][3]
            path = Path(folder) / "sparte_timer.csv"
            path.write_bytes(csv_bytes(rows, dialect, raw))
            expected_reason = None
        report = importer.import_file(path, small)
    assert not report.ok, (kind, dialect)
    assert dump(small) == before
    assert report.errors[0].row == row + 1, (kind, dialect, report.describe())
    if expected_reason:
        assert report.errors[0].reason == expected_reason
    assert "\x1b" not in report.describe()
