"""Stream a workbook sheet's rows in constant memory, marking what openpyxl would hide.

openpyxl's read-only mode clears each row element but leaves it attached to `<sheetData>`, so a
sheet of ten million empty rows (a 92 KB file) costs about a gigabyte; here each row is detached
once read, and rows without a value are never built into a list. Cells are still parsed by
openpyxl's own cell parser (shared strings, dates, booleans, inline strings), with two marks it
does not make:

- a formula without a stored result (openpyxl and many report generators write none) becomes
  `FORMULA_WITHOUT_VALUE` instead of an empty cell, so the importer can refuse it;
- a number shown with a percent format becomes a `PercentNumber` (the stored fraction, 0.415 for
  41,5 %), so a column of percentages can take it as Excel shows it.

A sheet whose XML has a DTD is refused before it is parsed: Excel never writes one, and an entity
in it could expand without bound (openpyxl reads the workbook's other parts with defusedxml). The
check reads the prologue, the only place a DTD may stand; the rows are then parsed by the C
parser (defusedxml's pure-Python one takes twice as long over ten million rows).
`XlsxProblem` carries the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"


class _FormulaWithoutValue:
    """A formula cell whose result was never computed and stored."""

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE: Any = _FormulaWithoutValue()


class PercentNumber(float):
    """A number cell with a percent format: the stored fraction (0.415 shown as 41,5 %)."""


class XlsxProblem(ValueError):
    """The sheet's XML cannot be read safely: `reason` is a catalogue key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# A percent sign outside quoted literal text ("0,0 %" but not `0 "pct"`).
_PERCENT = re.compile(r'^(?:[^"%\\]|\\.|"[^"]*")*%')


def percent_styles(workbook: Any) -> frozenset[int]:
    """The style ids whose number format shows a percentage."""
    found = set()
    for style_id, style in enumerate(workbook._cell_styles):
        number_id = style.numFmtId
        if number_id < BUILTIN_FORMATS_MAX_SIZE:
            code = BUILTIN_FORMATS.get(number_id, "General")
        else:
            formats = workbook._number_formats
            index = number_id - BUILTIN_FORMATS_MAX_SIZE
            code = formats[index] if 0 <= index < len(formats) else "General"
        if _PERCENT.match(code or ""):
            found.add(style_id)
    return frozenset(found)


class _Parser(WorkSheetParser):
    percent: frozenset[int] = frozenset()

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        value = cell["value"]
        if value is None:
            if element.find(FORMULA_TAG) is not None:
                cell["value"] = FORMULA_WITHOUT_VALUE
        elif (
            cell["style_id"] in self.percent
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and cell["data_type"] == "n"
        ):
            cell["value"] = PercentNumber(value)
        return cell


def stream_rows(worksheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number as Excel shows it, values from column A) for each row of a read-only
    worksheet that has a cell with a value (or a formula without one); empty rows are skipped
    without being kept. Raises XlsxProblem for a DTD or broken XML."""
    workbook = worksheet.parent
    parser = _Parser(
        None,
        worksheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    parser.percent = percent_styles(workbook)
    with worksheet._get_source() as source:
        _refuse_dtd(source.read(_PROLOGUE))
    data = None
    with worksheet._get_source() as source:
        try:
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    if element.tag == _DATA_TAG:
                        data = element
                    continue
                if element.tag != ROW_TAG:
                    continue
                if data is not None:
                    data.remove(element)  # detached: memory stays flat over any number of rows
                if not len(element):  # an empty row (the common case in a padded sheet)
                    number = element.get("r")
                    parser.row_counter = _row_number(number) if number else parser.row_counter + 1
                    continue
                number, cells = _row(parser, element)
                if cells:
                    width = max(cell["column"] for cell in cells)
                    values: list[object] = [None] * width
                    for cell in cells:
                        values[cell["column"] - 1] = cell["value"]
                    yield number, tuple(values)
        except Exception:  # noqa: BLE001 - whatever the XML parser raises for a broken part
            raise XlsxProblem("import.not_workbook") from None


_PROLOGUE = 1 << 20
_ROOT = re.compile(rb"<[A-Za-z_]")


def _refuse_dtd(head: bytes) -> None:
    """A DTD can only come before the root element: find the root in the first megabyte and
    refuse a `<!DOCTYPE` (or any `<!` declaration but comments and CDATA) before it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise XlsxProblem("import.not_workbook")  # Excel writes sheets in UTF-8
    root = _ROOT.search(head)
    if root is None:
        raise XlsxProblem("import.not_workbook")
    prologue = re.sub(rb"<!--.*?-->", b"", head[: root.start()], flags=re.DOTALL)
    if b"<!" in prologue:
        raise XlsxProblem("import.xml_dtd")


def _row(parser: _Parser, element: Any) -> tuple[int, list[dict[str, Any]]]:
    """openpyxl's parse_row without keeping row heights (a dict per row of a huge sheet);
    only cells with a value (or a formula without one) are returned."""
    number = element.get("r")
    parser.row_counter = _row_number(number) if number else parser.row_counter + 1
    parser.col_counter = 0
    cells = [parser.parse_cell(cell) for cell in element]
    return parser.row_counter, [cell for cell in cells if cell["value"] is not None]


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return int(float(text))  # some writers put "5.0"
