"""Import .xlsx and .csv files into the database: validate everything, then write in one go.

A file is read completely and every row checked (cells, required columns, codes it refers to,
duplicate keys, rules across columns) before anything is written; every problem is reported with
file, sheet, row (as Excel numbers it, header = row 1), column, value and reason. A file with any
error writes nothing. A good file is written in ONE transaction, as an upsert on the natural keys
(codes): rows that are already there with the same values count as unchanged, so importing the
same file twice changes nothing the second time. Rows missing from a file are left alone; an
import never deletes. `dry_run` validates and counts but never writes.

Which table a sheet or CSV file holds, and how cells are parsed: `dashboard.ingest.schema`.
"""

from __future__ import annotations

import csv
import itertools
import logging
import re
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from dashboard import audit, settings
from dashboard.data_version import bump_data_version
from dashboard.i18n import catalogue, format_number, translate
from dashboard.ingest.csv_reader import (
    CsvSyntaxError,
    CutCharacter,
    count_lines,
    detect_encoding,
    read_records,
)
from dashboard.ingest.schema import (
    AREAS,
    INSTRUCTION_SHEETS,
    TABLES,
    TABLES_BY_NAME,
    CellError,
    Column,
    Record,
    Table,
    as_text,
    normalise_name,
    referenced_tables,
    table_by_headers,
    table_by_name,
)
from dashboard.ingest.xlsx_reader import (
    FORMULA_WITHOUT_VALUE,
    PercentNumber,
    XlsxProblem,
    stream_rows,
)
from dashboard.models import ImportRun, Organisation
from dashboard.statistics.link import sync_indicators

log = logging.getLogger(__name__)

# (file name, stage "read" or "write", rows done, rows in all or None when unknown)
ProgressCallback = Callable[[str, str, int, int | None], None]

WARNINGS_NAMED = 20  # a group of warnings names this many (columns, sheets …)
MAX_ERRORS = 1_000  # errors kept for the report; the rest are counted
PROGRESS_EVERY = 10_000  # rows between progress reports; smaller files report nothing
BATCH = 5_000  # rows per INSERT/UPDATE statement
_MB = 1024 * 1024

AREA_KEYS = {
    "organisation": "import.area_organisation",
    "effect_goals": "import.area_effect_goals",
    "service_review": "import.area_service_review",
    "savings": "import.area_savings",
    "mixed": "import.area_mixed",
}
assert set(AREAS) < set(AREA_KEYS)


# --- The report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem: where (file, sheet, row, column, value) and why (a catalogue key)."""

    file: str
    reason: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Everything from the file is shown escaped wherever the issue goes (CLI, web, log):
        # an escape sequence in a cell must not clear or recolour the operator's terminal.
        for name in ("file", "sheet", "column", "value"):
            text = getattr(self, name)
            if isinstance(text, str):
                object.__setattr__(self, name, escape_controls(text))
        for name, value in self.params.items():
            if isinstance(value, str):
                self.params[name] = escape_controls(value)

    def text(self, lang: str | None = None, rows: Sequence[int] = ()) -> str:
        """The problem in words; `rows`: the rows of a group of the same problem."""
        where = [self.file]
        if self.sheet and self.sheet != self.file:
            where.append(translate("import.location_sheet", lang, sheet=self.sheet))
        if len(rows) > 1:
            where.append(translate("import.location_rows", lang, rows=_ranges(rows)))
        elif self.row is not None:
            where.append(translate("import.location_row", lang, row=self.row))
        if self.column:
            where.append(translate("import.location_column", lang, column=self.column))
        if self.value not in (None, ""):
            where.append(translate("import.location_value", lang, value=self.value))
        params = {
            name: format_number(value, lang, decimals=1) if isinstance(value, float) else value
            for name, value in self.params.items()
        }
        return f"{', '.join(where)}: {translate(self.reason, lang, **params)}"


_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def escape_controls(text: str) -> str:
    """Control and format characters (ESC, CR, LF, NUL, bidi overrides, zero-width spaces) as
    `\\x1b`, `\\u202e`: visible, and inert in a terminal and on a page."""
    if text.isprintable():
        return text
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        if unicodedata.category(ch) in _CONTROL_CATEGORIES
        else ch
        for ch in text
    )


def _ranges(rows: Sequence[int]) -> str:
    """`2–5, 9`: sorted row numbers as ranges."""
    parts: list[str] = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if row is not None:
            start = previous = row
    return ", ".join(parts)


def _grouped(errors: Sequence[ImportIssue]) -> list[tuple[ImportIssue, list[int]]]:
    """The same problem with the same value in the same column on many rows (a wrong
    organisation code on every row) as one line, in the order each first occurs."""
    groups: dict[tuple, tuple[ImportIssue, list[int]]] = {}
    for issue in errors:
        key: tuple = (issue.sheet, issue.column, issue.value, issue.reason)
        key += tuple(sorted((k, str(v)) for k, v in issue.params.items()))
        if issue.row is None:
            key += (id(issue),)
        groups.setdefault(key, (issue, []))[1].append(issue.row)
    return list(groups.values())


@dataclass
class TableResult:
    table: str
    sheet: str
    read: int = 0
    added: int = 0
    changed: int = 0


@dataclass
class ImportReport:
    file: Path
    dry_run: bool = False
    area: str | None = None
    tables: list[TableResult] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    error_count: int = 0  # all errors; `errors` keeps the first MAX_ERRORS

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_read(self) -> int:
        return sum(t.read for t in self.tables)

    @property
    def rows_added(self) -> int:
        return sum(t.added for t in self.tables)

    @property
    def rows_changed(self) -> int:
        return sum(t.changed for t in self.tables)

    def describe(self, lang: str | None = None) -> str:
        """The printable report, in `lang` (default: the DEFAULT_LANGUAGE setting)."""
        name = self.file.name
        if not self.ok:
            count = max(self.error_count, len(self.errors))
            lines = [translate("import.report_failed", lang, file=name, count=count)]
            lines += [f"  {issue.text(lang, rows)}" for issue, rows in _grouped(self.errors)]
        else:
            numbers = {
                "read": format_number(self.rows_read, lang),
                "added": format_number(self.rows_added, lang),
                "changed": format_number(self.rows_changed, lang),
                "unchanged": format_number(
                    self.rows_read - self.rows_added - self.rows_changed, lang
                ),
            }
            key = "import.report_dry_run" if self.dry_run else "import.report_ok"
            area = translate(AREA_KEYS[self.area or "mixed"], lang)
            lines = [translate(key, lang, file=name, area=area, **numbers)]
            lines += [
                "  "
                + translate(
                    "import.report_table",
                    lang,
                    table=t.table if t.sheet == name else t.sheet,
                    read=format_number(t.read, lang),
                    added=format_number(t.added, lang),
                    changed=format_number(t.changed, lang),
                )
                for t in self.tables
            ]
        lines += [
            "  " + translate("import.warning", lang, text=text) for text in self.warning_lines(lang)
        ]
        return "\n".join(lines)

    def warning_lines(self, lang: str | None = None) -> list[str]:
        """The warnings, those of one kind in one sheet as one line: `99 994 ukjente kolonner:
        a, b, c … (vist 20)` instead of 99 994 lines."""
        groups: dict[tuple, list[ImportIssue]] = {}
        for issue in self.warnings:
            groups.setdefault((issue.file, issue.sheet, issue.reason), []).append(issue)
        lines = []
        for (file, sheet, reason), issues in groups.items():
            if len(issues) == 1:
                lines.append(issues[0].text(lang))
                continue
            columns = {i.column for i in issues}
            if len(columns) == 1 and None not in columns and all(i.row for i in issues):
                # one column on many rows (a percent column): its rows as ranges
                rows = sorted({i.row for i in issues if i.row})
                names = [
                    translate("import.location_column", lang, column=issues[0].column)
                    + ", "
                    + translate("import.location_rows", lang, rows=_ranges(rows))
                ]
            else:
                names = [i.column or i.value or i.sheet or str(i.row or "") for i in issues]
            shown = ", ".join(names[:WARNINGS_NAMED])
            if len(names) > WARNINGS_NAMED:
                shown += " " + translate(
                    "import.names_cut", lang, shown=format_number(WARNINGS_NAMED, lang)
                )
            group_key = f"{reason}_many"
            if group_key not in catalogue("en"):  # no wording of its own
                group_key = "import.warning_many"
            where = [file]
            if sheet and sheet != file and reason != "import.sheet_ignored":
                where.append(translate("import.location_sheet", lang, sheet=sheet))
            text = translate(
                group_key,
                lang,
                count=format_number(len(issues), lang),
                names=shown,
                reason=translate(reason, lang, **issues[0].params),
            )
            lines.append(f"{', '.join(where)}: {text}")
        return lines


def print_progress(file_name: str, stage: str, done: int, total: int | None) -> None:
    """The CLI's progress callback: one line on stderr per report."""
    key = "import.progress_write" if stage == "write" else "import.progress_read"
    if total:
        total_text, percent = format_number(total), format_number(100 * done / total)
    else:
        total_text = percent = "?"
    text = translate(
        key, None, file=file_name, done=format_number(done), total=total_text, percent=percent
    )
    print(text, file=sys.stderr, flush=True)


# --- Reading files ---------------------------------------------------------------------------


class FileProblem(Exception):
    """The whole file cannot be read; `issue` says why."""

    def __init__(self, issue: ImportIssue) -> None:
        super().__init__(issue.reason)
        self.issue = issue


@dataclass
class Sheet:
    """One table's rows as read: a workbook sheet or a CSV file."""

    name: str  # the sheet name, or the CSV file's name
    position: int  # order in the file, for sorting the errors
    table: Table
    headers: list[str]  # as written
    rows: Iterator[tuple[int, Sequence[object]]]  # (row number as Excel shows it, cells)
    total: int | None  # rows including the header, when known
    strict_width: bool  # CSV: cells beyond the headers are an error (a shifted row)


def _file_issue(path: Path, reason: str, **params: object) -> FileProblem:
    return FileProblem(ImportIssue(path.name, reason, params=params))


def _max_file_bytes() -> float:
    return settings.value("IMPORT_MAX_FILE_MB") * _MB


def _max_unpacked_bytes() -> float:
    return settings.value("IMPORT_MAX_UNPACKED_MB") * _MB


# UTF-8's æ, ø, å, é … (C3 xx) and its dashes, quotes and € (E2 80 xx). In cp1252 they read
# "Ã¦", "â€“": letter pairs no Nordic text has, so in a file that is not UTF-8 as a whole they
# are lines written as UTF-8 among lines written as cp1252 (pasted together from two sources).
_UTF8_IN_CP1252 = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x80-\xbf]")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003)


def _encoding(path: Path) -> str:
    """UTF-16 when Excel's "Unicode text" BOM says so; else UTF-8 (with or without BOM); else
    cp1252, what Norwegian and Danish Windows Excel writes for "CSV (semikolondelt)". A file
    with lines in both UTF-8 and cp1252 is refused, naming the first UTF-8 line: read as either,
    part of it would be garbled (Ã¸ for ø) without any error. A UTF-8 file cut inside a
    character is refused naming the row of the cut."""
    try:
        encoding = detect_encoding(path)
    except CutCharacter as cut:
        with path.open("rb") as stream:
            before = stream.read(cut.offset)
        raise FileProblem(
            ImportIssue(path.name, "import.cut_character", sheet=path.name, row=_row_at(before))
        ) from None
    if encoding is not None:
        return encoding
    data = path.read_bytes()  # at most IMPORT_MAX_FILE_MB; only for files that are not UTF-8
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        raise _file_issue(path, "import.encoding") from None
    if mixed := _UTF8_IN_CP1252.search(data):
        row = _row_at(data[: mixed.start()])
        raise FileProblem(ImportIssue(path.name, "import.mixed_encoding", sheet=path.name, row=row))
    return "cp1252"


def _row_at(before: bytes) -> int:
    """The Excel row of the byte after `before` (valid UTF-8 text): records, not lines, so a
    quoted line break does not count; a syntax error before it leaves the physical line."""
    text = before.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines(keepends=True) or [""]
    if _SEP_LINE.fullmatch(lines[0].rstrip("\r\n")):
        lines = lines[1:]
    last = 0
    try:
        for record in read_records(iter(lines), ";"):
            last = record[0]
    except CsvSyntaxError as error:
        return error.row
    return max(last, 1) if not text.endswith(("\n", "\r")) else last + 1


_SEP_LINE = re.compile(r"sep=(.)\s*", re.IGNORECASE)


def _read_csv(path: Path) -> tuple[list[Sheet], Any]:
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(_ZIP_MAGIC):
        raise _file_issue(path, "import.workbook_named_csv")
    if head.startswith(_OLE_MAGIC):
        raise _file_issue(path, "import.xls_named_csv")
    encoding = _encoding(path)
    stream = path.open(encoding=encoding, newline="")
    try:
        sheet = _csv_sheet(path, stream)
    except BaseException:
        stream.close()
        raise
    return [sheet], stream


def _csv_sheet(path: Path, stream: Any) -> Sheet:
    lines = iter(stream)
    first_line = next(lines, "").lstrip("\ufeff")
    header_line = 1
    sep = _SEP_LINE.fullmatch(first_line.rstrip("\r\n"))
    if sep:
        # Excel's "sep=;" line: it sets the separator and is not shown as a row.
        delimiter = sep.group(1)
        first_line = next(lines, "")
        header_line += 1
    else:
        try:
            # Only the header line is sniffed: data rows hold decimal commas that would make a
            # semicolon file look comma-separated.
            delimiter = csv.Sniffer().sniff(first_line, delimiters=";\t,").delimiter
        except csv.Error:
            delimiter = ";"  # one column: nothing to choose; Norwegian Excel's default
    try:
        _, _, header_cells = next(read_records(iter([first_line]), delimiter), (0, 0, []))
    except CsvSyntaxError as error:
        issue = ImportIssue(path.name, error.reason, path.name, 1, params={"line": header_line})
        raise FileProblem(issue) from None
    header = [h.strip() for h in header_cells]
    if not any(header):
        if not path.read_bytes().strip(b"\r\n\t \xef\xbb\xbf\xff\xfe\x00"):
            raise _file_issue(path, "import.empty_file")
        raise FileProblem(ImportIssue(path.name, "import.no_header", sheet=path.name, row=1))
    table = table_by_name(path.stem) or table_by_headers(header)
    if table is None:
        raise _file_issue(path, "import.unknown_table", tables=_table_list())
    records = read_records(
        lines, delimiter, first_line=header_line + 1, swallow=max(len(header) - 1, 1)
    )
    rows = _csv_rows(path, header, records)
    total = count_lines(path) - header_line + 1
    return Sheet(path.name, 0, table, header, rows, total, True)


def _csv_rows(
    path: Path, header: list[str], records: Iterator[tuple[int, int, list[str]]]
) -> Iterator[tuple[int, Sequence[object]]]:
    """(Excel row, cells); a syntax error refuses the file naming the row where it starts."""
    try:
        for row, _, cells in records:
            yield row + 1, cells  # the header is row 1
    except CsvSyntaxError as error:
        index = error.index if error.index is not None else len(header)
        column = header[index] if index < len(header) else None
        raise FileProblem(
            ImportIssue(
                path.name,
                error.reason,
                sheet=path.name,
                row=error.row + 1,
                column=column or None,
                params={"line": error.line},
            )
        ) from None


def _table_list() -> str:
    return ", ".join(table.name for table in TABLES)


def _check_zip(path: Path) -> None:
    """Refuse a workbook that unpacks to more than IMPORT_MAX_UNPACKED_MB (a zip bomb) before
    openpyxl opens it: first the sizes the zip declares, then the bytes it really inflates to
    (a forged header cannot hide those)."""
    limit = _max_unpacked_bytes()
    with path.open("rb") as stream:
        head = stream.read(512)
    if head.startswith(_OLE_MAGIC):
        raise _file_issue(path, "import.xls_named_xlsx")
    if not head.startswith(_ZIP_MAGIC) and _looks_like_text(head):
        raise _file_issue(path, "import.csv_named_xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limit:
                raise _file_issue(path, "import.zip_bomb", limit=limit / _MB)
            inflated = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_MB):
                        inflated += len(chunk)
                        if inflated > limit:
                            raise _file_issue(path, "import.zip_bomb", limit=limit / _MB)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise _file_issue(path, "import.not_workbook") from None


def _looks_like_text(head: bytes) -> bool:
    """The start of a text file: a UTF-16 BOM, or bytes without NUL that decode as UTF-8 or
    cp1252 and hold a line break or a separator."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    text = head.decode("cp1252", errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * len(text) and any(mark in text for mark in ";,\t\n")


def _read_xlsx(path: Path, collector: Collector) -> tuple[Any, list[Sheet]]:
    import openpyxl

    _check_zip(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        raise _file_issue(path, _workbook_reason(error)) from None
    sheets: list[Sheet] = []
    try:
        for position, worksheet in enumerate(workbook.worksheets):
            if normalise_name(worksheet.title) in INSTRUCTION_SHEETS:
                continue
            total = worksheet.max_row
            rows = _guarded(path, stream_rows(worksheet))
            first = next(rows, None)
            cells = first[1] if first and first[0] == 1 else ()
            if FORMULA_WITHOUT_VALUE in cells:
                issue = ImportIssue(
                    path.name, "import.formula_without_value", sheet=worksheet.title, row=1
                )
                collector.add(issue, (position, 1, -1))
                continue
            header = [as_text(c) if c is not None else "" for c in cells]
            while header and not header[-1]:
                header.pop()
            table = table_by_name(worksheet.title) or table_by_headers(header)
            if table is None:
                collector.warnings.append(
                    ImportIssue(path.name, "import.sheet_ignored", sheet=worksheet.title)
                )
                continue
            if not header:
                issue = ImportIssue(path.name, "import.no_header", sheet=worksheet.title, row=1)
                collector.add(issue, (position, 1, -1))
                continue
            sheets.append(
                Sheet(worksheet.title, position, table, header, _guarded(path, rows), total, False)
            )
    except Exception:
        workbook.close()
        raise
    if not sheets and not collector.errors:
        workbook.close()
        raise _file_issue(path, "import.no_tables", tables=_table_list())
    return workbook, sheets


def _workbook_reason(error: BaseException | None) -> str:
    """A DTD anywhere in the workbook, however openpyxl wraps defusedxml's refusal."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return "import.xml_dtd"
        error = error.__cause__ or error.__context__
    return "import.not_workbook"


def _guarded(path: Path, rows: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """The sheet's XML is read as rows are taken: a part broken halfway fails only then."""
    try:
        yield from rows
    except XlsxProblem as problem:
        raise _file_issue(path, problem.reason) from None


# --- Checking rows ---------------------------------------------------------------------------


@dataclass
class Parsed:
    """A row of one sheet: its values, what the user wrote, and which fields are bad."""

    number: int
    values: Record
    raw: dict[str, object]
    bad: set[str] = field(default_factory=set)
    key: tuple | None = None  # None when a key cell is bad or its column is missing
    valid: bool = True  # no error at all in this row
    percent: list[str] | None = None  # fields read from percent-formatted number cells


@dataclass
class SheetRows:
    sheet: Sheet
    columns: dict[int, Column]  # cell index → column
    headers: dict[str, str]  # field → header as written (canonical when missing)
    missing: set[str]  # fields of required columns that are missing
    absent: set[str] = field(default_factory=set)  # optional columns the file does not have


class Collector:
    """Errors and warnings of one file, each with a sort position (sheet, row, column)."""

    def __init__(self, file_name: str) -> None:
        self.file = file_name
        self.errors: list[tuple[tuple[int, int, int], ImportIssue]] = []
        self.warnings: list[ImportIssue] = []
        self.count = 0  # errors in all; only the first MAX_ERRORS are kept (bounded memory)

    def error(
        self,
        sheet: SheetRows,
        reason: str,
        *,
        row: int | None = None,
        fields: Sequence[str] = (),
        value: object = None,
        **params: object,
    ) -> None:
        self.count += 1
        if len(self.errors) >= MAX_ERRORS:
            return
        table = sheet.sheet.table
        column = ", ".join(sheet.headers[f] for f in fields) if fields else None
        order = min((i for i, c in enumerate(table.columns) if c.field in fields), default=-1)
        text = None if value is None or value == "" else as_text(value)
        issue = ImportIssue(self.file, reason, sheet.sheet.name, row, column, text, dict(params))
        self.errors.append(((sheet.sheet.position, row or 0, order), issue))

    def add(self, issue: ImportIssue, order: tuple[int, int, int]) -> None:
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((order, issue))

    def sorted_errors(self) -> list[ImportIssue]:
        return [issue for _, issue in sorted(self.errors, key=lambda pair: pair[0])]


def _map_headers(sheet: Sheet, collector: Collector) -> SheetRows:
    table = sheet.table
    columns: dict[int, Column] = {}
    headers: dict[str, str] = {c.field: c.header for c in table.columns}
    seen: dict[str, int] = {}
    probe = SheetRows(sheet, {}, headers, set())
    for index, header in enumerate(sheet.headers):
        if not header:
            continue
        name = normalise_name(header)
        column = next((c for c in table.columns if name in c.names()), None)
        if column is None:
            collector.warnings.append(
                ImportIssue(collector.file, "import.unknown_column", sheet.name, 1, header)
            )
            continue
        headers[column.field] = header
        if column.field in seen:
            collector.error(probe, "import.duplicate_column", row=1, fields=[column.field])
            continue
        seen[column.field] = index
        columns[index] = column
    missing = {c.field for c in table.columns if c.required and c.field not in seen}
    for column in table.columns:
        if column.field in missing:
            collector.error(probe, "import.missing_column", row=1, fields=[column.field])
    probe.columns = columns
    probe.missing = missing
    return probe


def _parse_rows(
    sheet_rows: SheetRows,
    collector: Collector,
    tick: Callable[[], None],
) -> Iterator[Parsed]:
    """Parse the rows of a sheet one at a time (blank rows skipped)."""
    sheet, table = sheet_rows.sheet, sheet_rows.sheet.table
    columns = sheet_rows.columns
    width = max(columns, default=-1) + 1
    header_width = len(sheet.headers)
    absent = [
        c for c in table.columns if c.field not in sheet_rows.missing and c not in columns.values()
    ]
    sheet_rows.absent = {c.field for c in absent}
    for number, cells in sheet.rows:
        if not any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
            continue  # a blank row: Excel shows it, but it holds nothing
        tick()
        parsed = Parsed(number, {}, {})
        if (
            sheet.strict_width
            and len(cells) > header_width
            and any(str(c).strip() for c in cells[header_width:])
        ):
            collector.error(
                sheet_rows,
                "import.too_many_cells",
                row=number,
                count=len(cells),
                expected=header_width,
            )
            parsed.valid = False
        for index in range(min(width, len(cells))):
            column = columns.get(index)
            if column is None:
                continue
            raw = cells[index]
            if raw is FORMULA_WITHOUT_VALUE:
                # Empty as read, but not empty in the file: storing None would empty the value.
                parsed.bad.add(column.field)
                collector.error(
                    sheet_rows, "import.formula_without_value", row=number, fields=[column.field]
                )
                continue
            if isinstance(raw, str):
                raw = raw.strip()
            parsed.raw[column.field] = raw
            if raw is None or raw == "":
                continue
            if isinstance(raw, PercentNumber):
                parsed.percent = [*(parsed.percent or ()), column.field]
            try:
                parsed.values[column.field] = column.parse(raw)
            except CellError as problem:
                parsed.bad.add(column.field)
                collector.error(
                    sheet_rows,
                    problem.reason,
                    row=number,
                    fields=[column.field],
                    value=raw,
                    **problem.params,
                )
        for column in columns.values():
            if column.field in parsed.values or column.field in parsed.bad:
                continue
            if column.required:
                parsed.bad.add(column.field)
                collector.error(sheet_rows, "import.required", row=number, fields=[column.field])
            else:
                parsed.values[column.field] = table.defaults.get(column.field)
        for column in absent:  # optional columns the file leaves out
            parsed.values[column.field] = table.defaults.get(column.field)
        parsed.values.update(table.fixed)
        if parsed.bad or sheet_rows.missing:
            parsed.valid = False
        if not (set(table.key) & (parsed.bad | sheet_rows.missing)):
            parsed.key = tuple(parsed.values[f] for f in table.key)
        yield parsed


# --- The database as it is -------------------------------------------------------------------


@dataclass
class Existing:
    """What the database holds for the organisations in the file, by natural key."""

    ids: dict[str, dict[tuple, int]] = field(default_factory=dict)
    records: dict[str, dict[tuple, Record]] = field(default_factory=dict)
    orgs: set[str] = field(default_factory=set)  # organisation codes loaded so far


def _load_more(
    session: Session, existing: Existing, table_names: Sequence[str], org_codes: set[str]
) -> None:
    """Add what the database holds for organisations first met in this batch."""
    more = _load_existing(session, table_names, org_codes)
    for name in table_names:
        existing.ids.setdefault(name, {}).update(more.ids.get(name, {}))
        existing.records.setdefault(name, {}).update(more.records.get(name, {}))
    existing.orgs |= org_codes


def _load_existing(session: Session, table_names: Sequence[str], org_codes: set[str]) -> Existing:
    existing = Existing()
    org_rows = session.execute(select(Organisation.id, Organisation.code, Organisation.name))
    org_ids = [row.id for row in org_rows if row.code in org_codes]
    keys_by_id: dict[str, dict[int, tuple]] = {}
    for name in table_names:
        table = TABLES_BY_NAME[name]
        model = table.model
        plain = table.plain_fields
        stored_refs = [ref for ref in table.refs if ref.column]
        columns = [model.id, *(getattr(model, f) for f in plain)]
        columns += [getattr(model, ref.column) for ref in stored_refs]
        ids: dict[tuple, int] = {}
        records: dict[tuple, Record] = {}
        by_id: dict[int, tuple] = {}
        for row in session.execute(select(*columns).where(table.scope(org_ids))):
            record: Record = dict(zip(plain, row[1 : 1 + len(plain)], strict=True))
            ok = True
            for ref, fk in zip(stored_refs, row[1 + len(plain) :], strict=True):
                if fk is None:
                    record[ref.fields[-1]] = None
                    continue
                target_key = keys_by_id[ref.target].get(fk)
                if target_key is None:  # refers outside the organisations loaded
                    ok = False
                    break
                record.update(zip(ref.fields, target_key, strict=True))
            if not ok:
                continue
            key = tuple(record[f] for f in table.key)
            ids[key] = row.id
            records[key] = record
            by_id[row.id] = key
        if table.link:
            link = table.link
            owner = getattr(link.table.c, link.owner_column)
            target = getattr(link.table.c, link.target_column)
            for key in records:
                records[key][link.field] = frozenset()
            owned = select(owner, target).where(
                owner.in_(select(model.id).where(table.scope(org_ids)))
            )
            for owner_id, target_id in session.execute(owned):
                owner_key, target_key = by_id.get(owner_id), keys_by_id[link.target].get(target_id)
                if owner_key is not None and target_key is not None:
                    records[owner_key][link.field] |= {target_key[-1]}
        existing.ids[name], existing.records[name] = ids, records
        keys_by_id[name] = by_id
    return existing


# --- Validation across rows and tables, and the plan -----------------------------------------


@dataclass
class Plan:
    """What a valid file would write, per table: new records and (id, record) to update."""

    inserts: dict[str, list[Record]] = field(default_factory=dict)
    updates: dict[str, list[tuple[int, Record]]] = field(default_factory=dict)
    relink: dict[str, list[Record]] = field(default_factory=dict)  # records whose links change


def _same(table: Table, new: Record, old: Record) -> bool:
    for name, value in new.items():
        if name in table.key:
            continue
        if table.link and name == table.link.field:
            if frozenset(value) != old.get(name):
                return False
        elif old.get(name) != value:
            return False
    return True


class Checker:
    """Checks rows batch by batch across the whole file: duplicate keys (against every earlier
    row), references (to the database or an earlier row or table), the table's own rules; and
    plans each batch's inserts and updates. Keeps per row only what later rows need: the key
    and its row number, and for tables other rows refer to, the values."""

    def __init__(self, existing: Existing, collector: Collector) -> None:
        self.existing = existing
        self.collector = collector
        self.in_file: dict[str, dict[tuple, Record]] = {}  # referenced tables only
        self.first_row: dict[str, dict[tuple, int]] = {}

    def lookup(self, table_name: str, key: tuple) -> Record | None:
        found = self.in_file.get(table_name, {}).get(key)
        if found is not None:
            return found
        return self.existing.records.get(table_name, {}).get(key)

    def known(self, table_name: str, key: tuple) -> bool:
        return key in self.first_row.get(table_name, {}) or key in self.existing.ids.get(
            table_name, {}
        )

    def _as_shown(self, sheet_rows: SheetRows, parsed: Parsed) -> None:
        """A number cell formatted as percent holds the fraction (0.415 shown as 41,5 %); in a
        column measured in "%" the user means what Excel shows: 41,5, with a warning."""
        values = parsed.values
        if sheet_rows.sheet.table.name == "indikatorer":
            unit = values.get("unit_of_measure")
        else:
            indicator = self.lookup(
                "indikatorer", (values.get("organisation"), values.get("indicator"))
            )
            unit = indicator.get("unit_of_measure") if indicator else None
        if (unit or "").strip() != "%":
            return
        for name in parsed.percent or ():
            if isinstance(values.get(name), float):
                values[name] = round(values[name] * 100, 9)  # 0.415 * 100 is 41.49999…
                self.collector.warnings.append(
                    ImportIssue(
                        self.collector.file,
                        "import.percent_as_shown",
                        sheet_rows.sheet.name,
                        parsed.number,
                        sheet_rows.headers[name],
                        params={"shown": values[name]},
                    )
                )

    def check(self, sheet_rows: SheetRows, batch: list[Parsed], result: TableResult) -> Plan:
        plan = Plan()
        collector, existing = self.collector, self.existing
        table = sheet_rows.sheet.table
        first_row = self.first_row.setdefault(table.name, {})
        defined = self.in_file.setdefault(table.name, {}) if table.name in _REFERENCED else None
        # Keys first, so a reference checks against every row of an earlier table.
        for parsed in batch:
            if parsed.key is None:
                continue
            if parsed.key in first_row:
                collector.error(
                    sheet_rows,
                    "import.duplicate_key",
                    row=parsed.number,
                    fields=table.key,
                    value=", ".join(as_text(parsed.raw.get(f)) for f in table.key),
                    first=first_row[parsed.key],
                )
                parsed.valid = False
                continue
            first_row[parsed.key] = parsed.number
            if defined is not None:
                defined[parsed.key] = parsed.values
        for parsed in batch:
            values = parsed.values
            stored = existing.records[table.name].get(parsed.key) if parsed.key else None
            if stored is not None:
                # A column the file does not have keeps what is stored: only an empty cell in
                # a column the file has empties a value.
                for name in sheet_rows.absent:
                    values[name] = stored.get(name)
            blamed: set[str] = set()
            for ref in table.refs:
                if blamed & set(ref.fields) or any(f not in values for f in ref.fields):
                    continue
                target_key = tuple(values[f] for f in ref.fields)
                if target_key[-1] is None:  # an optional reference left empty
                    continue
                if not self.known(ref.target, target_key):
                    blamed.add(ref.fields[-1])
                    collector.error(
                        sheet_rows,
                        ref.reason,
                        row=parsed.number,
                        fields=[ref.fields[-1]],
                        value=target_key[-1],
                    )
            if (
                table.link
                and table.link.field in values
                and "organisation" in values
                and ("organisation" not in blamed)
            ):
                link = table.link
                for code in values[link.field]:
                    if not self.known(link.target, (values["organisation"], code)):
                        blamed.add(link.field)
                        collector.error(
                            sheet_rows,
                            link.reason,
                            row=parsed.number,
                            fields=[link.field],
                            value=code,
                        )
            if blamed:
                parsed.valid = False
            if not parsed.valid:
                continue
            if parsed.percent:
                self._as_shown(sheet_rows, parsed)
            for field_name, reason, params in (
                problem for check in table.checks for problem in check(values, self.lookup)
            ):
                parsed.valid = False
                collector.error(
                    sheet_rows,
                    reason,
                    row=parsed.number,
                    fields=[field_name],
                    value=parsed.raw.get(field_name),
                    **params,
                )
            if not parsed.valid:
                continue
            old = stored
            if old is None:
                plan.inserts.setdefault(table.name, []).append(values)
                result.added += 1
            elif not _same(table, values, old):
                plan.updates.setdefault(table.name, []).append(
                    (existing.ids[table.name][parsed.key], values)
                )
                result.changed += 1
                if table.link and frozenset(values[table.link.field]) != old[table.link.field]:
                    plan.relink.setdefault(table.name, []).append(values)
                continue
            if table.link and old is None:
                plan.relink.setdefault(table.name, []).append(values)
        return plan


# PostgreSQL: serialization failure, deadlock. Every row was checked against the database as
# this import read it, so a unique key that collides on write was written by another import
# in the meantime, as is SQLite's lock held past its busy timeout.
_CONCURRENT_STATES = {"40001", "40P01", "23505"}


def _concurrent(error: SQLAlchemyError) -> bool:
    if isinstance(error, IntegrityError) and "unique" in str(error.orig).lower():
        return True
    state = getattr(getattr(error, "orig", None), "sqlstate", None)
    if state in _CONCURRENT_STATES:
        return True
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)


def _order(table: Table) -> int:
    return TABLES.index(table)


# --- Writing ---------------------------------------------------------------------------------

_REFERENCED = {ref.target for table in TABLES for ref in table.refs} | {
    table.link.target for table in TABLES if table.link
}


def _db_row(table: Table, record: Record, ids: dict[str, dict[tuple, int]]) -> dict[str, Any]:
    row = {name: record[name] for name in table.plain_fields}
    for ref in table.refs:
        if ref.column is None:
            continue
        key = tuple(record[f] for f in ref.fields)
        row[ref.column] = None if key[-1] is None else ids[ref.target][key]
    return row


def _batches(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _write(session: Session, plan: Plan, existing: Existing, tick: Callable[[int], None]) -> None:
    ids = existing.ids
    for table in TABLES:
        model = table.model
        # Core, not ORM, inserts: the ORM splits a batch wherever the set of non-NULL values
        # changes (measured rows have runs, estimated rows not), i.e. one INSERT per row.
        core = model.__table__
        new = plan.inserts.get(table.name, [])
        for batch in _batches(new):
            rows = [_db_row(table, record, ids) for record in batch]
            if table.name in _REFERENCED:
                stmt = insert(core).returning(core.c.id, sort_by_parameter_order=True)
                for record, new_id in zip(batch, session.scalars(stmt, rows), strict=True):
                    ids[table.name][tuple(record[f] for f in table.key)] = new_id
            else:
                session.execute(insert(core), rows)
            tick(len(batch))
        changed = plan.updates.get(table.name, [])
        for batch in _batches(changed):
            rows = [{"id": row_id, **_db_row(table, record, ids)} for row_id, record in batch]
            session.execute(update(model), rows)
            tick(len(batch))
        if table.link and plan.relink.get(table.name):
            link = table.link
            owner = getattr(link.table.c, link.owner_column)
            for batch in _batches(plan.relink[table.name]):
                owner_ids = [ids[table.name][tuple(r[f] for f in table.key)] for r in batch]
                session.execute(delete(link.table).where(owner.in_(owner_ids)))
                session.execute(
                    insert(link.table),
                    [
                        {
                            link.owner_column: owner_id,
                            link.target_column: ids[link.target][(r["organisation"], code)],
                        }
                        for owner_id, r in zip(owner_ids, batch, strict=True)
                        for code in r[link.field]
                    ],
                )


def _changed(plan: Plan, existing: Existing) -> tuple[set[int], set[str]]:
    """The organisations and areas a batch changes, for the query caches
    (dashboard.data_version), bumped in the import's own transaction."""
    org_ids: set[int] = set()
    areas: set[str] = set()
    for table in TABLES:
        records = plan.inserts.get(table.name, []) + [
            r for _, r in plan.updates.get(table.name, [])
        ]
        if not records:
            continue
        areas.add(table.area)
        org_field = "code" if table.name == "organisasjoner" else "organisation"
        org_ids |= {existing.ids["organisasjoner"][(r[org_field],)] for r in records}
    return org_ids, areas


# --- The entry point -------------------------------------------------------------------------


def import_file(
    path: Path,
    engine: Engine,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    imported_by: str | None = None,
) -> ImportReport:
    """Check `path` (.xlsx or .csv) and, when it has no error and `dry_run` is false, write it in
    one transaction. Never raises for a bad file: the report says what is wrong.
    `imported_by`: who import_run records (the web upload's user); default the OS user."""
    path = Path(path)
    report = ImportReport(path, dry_run=dry_run)
    collector = Collector(path.name)
    workbook = None
    try:
        sheets, workbook = _open(path, collector)
        report.area = _area(sheets)
        _run(path, engine, sheets, collector, report, progress, imported_by or audit.os_user())
    except FileProblem as problem:
        report.errors = [problem.issue]
        report.warnings = collector.warnings
        return report
    except Exception:  # noqa: BLE001 - a file no reader foresaw: an error report, never a 500
        log.exception("import of %s failed unexpectedly", path.name)
        report.errors = [ImportIssue(path.name, "import.unreadable")]
        report.warnings = collector.warnings
        return report
    finally:
        if workbook is not None:
            workbook.close()
    return report


def _open(path: Path, collector: Collector) -> tuple[list[Sheet], Any]:
    if not path.is_file():
        raise _file_issue(path, "import.not_found")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise _file_issue(path, "import.unknown_extension", extension=suffix or path.name)
    size = path.stat().st_size
    if size == 0:
        raise _file_issue(path, "import.empty_file")
    if size > _max_file_bytes():
        raise _file_issue(path, "import.too_large", size=size / _MB, limit=_max_file_bytes() / _MB)
    if suffix == ".csv":
        return _read_csv(path)
    workbook, sheets = _read_xlsx(path, collector)
    return sheets, workbook


def _area(sheets: list[Sheet]) -> str:
    """The area a file is about; an area's template carries the organisation's sheets too."""
    areas = {sheet.table.area for sheet in sheets}
    if len(areas) == 2 and "organisation" in areas:
        areas.discard("organisation")
    return areas.pop() if len(areas) == 1 else "mixed"


def _run(
    path: Path,
    engine: Engine,
    sheets: list[Sheet],
    collector: Collector,
    report: ImportReport,
    progress: ProgressCallback | None,
    imported_by: str | None = None,
) -> None:
    total = sum(s.total - 1 for s in sheets if s.total) or None
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(path.name, "read", done, total)

    limit = settings.value("IMPORT_MAX_ROWS")
    table_names = referenced_tables([s.table.name for s in sheets])
    written = 0

    def write_tick(count: int) -> None:
        nonlocal written
        before, written = written, written + count
        if progress and written // PROGRESS_EVERY > before // PROGRESS_EVERY:
            progress(path.name, "write", written, None)

    with Session(engine) as session:
        try:
            existing = Existing(
                ids={name: {} for name in table_names},
                records={name: {} for name in table_names},
            )
            checker = Checker(existing, collector)
            changed_orgs: set[int] = set()
            changed_areas: set[str] = set()
            seen_tables: dict[str, str] = {}
            for sheet in sorted(sheets, key=lambda s: _order(s.table)):
                sheet_rows = _map_headers(sheet, collector)
                if sheet.table.name in seen_tables:
                    collector.error(
                        sheet_rows, "import.duplicate_table", first=seen_tables[sheet.table.name]
                    )
                    continue
                seen_tables[sheet.table.name] = sheet.name
                result = TableResult(sheet.table.name, sheet.name)
                report.tables.append(result)
                org_field = "code" if sheet.table.name == "organisasjoner" else "organisation"
                rows = _parse_rows(sheet_rows, collector, tick)
                while batch := list(itertools.islice(rows, BATCH)):
                    result.read += len(batch)
                    if done > limit:
                        raise _file_issue(path, "import.too_many_rows", limit=format_number(limit))
                    orgs = {p.values.get(org_field) for p in batch} - existing.orgs - {None}
                    if orgs:
                        _load_more(session, existing, table_names, orgs)
                    plan = checker.check(sheet_rows, batch, result)
                    if collector.count or report.dry_run:
                        continue  # checked to the end, so every error is reported; not written
                    _write(session, plan, existing, write_tick)
                    orgs_changed, areas = _changed(plan, existing)
                    changed_orgs |= orgs_changed
                    changed_areas |= areas
                if not result.read:
                    collector.warnings.append(ImportIssue(path.name, "import.no_rows", sheet.name))
            if progress and done >= PROGRESS_EVERY and done % PROGRESS_EVERY:
                progress(path.name, "read", done, done)
            report.errors = collector.sorted_errors()
            report.error_count = collector.count
            report.warnings = collector.warnings
            if report.errors or report.dry_run:
                session.rollback()
                return
            bump_data_version(session, changed_orgs, changed_areas)
            if report.rows_added + report.rows_changed:
                # Indicators that name a series take the store's values for the organisation's
                # region (dashboard.statistics.link); imported values win over them.
                org_ids = existing.ids.get("organisasjoner", {})
                sync_indicators(
                    session,
                    organisation_ids=[org_ids[(c,)] for c in existing.orgs if (c,) in org_ids],
                )
            session.add(
                ImportRun(
                    file_name=path.name[:500],
                    area=report.area or "mixed",
                    rows_read=report.rows_read,
                    rows_added=report.rows_added,
                    rows_changed=report.rows_changed,
                    imported_by=imported_by,
                )
            )
            audit.add(
                session,
                "import",
                target=path.name,
                detail=f"area={report.area or 'mixed'} read={report.rows_read} "
                f"added={report.rows_added} changed={report.rows_changed}",
                actor=imported_by,
            )
            session.commit()
        except SQLAlchemyError as error:
            session.rollback()
            if _concurrent(error):
                report.errors = [ImportIssue(path.name, "import.concurrent")]
                report.error_count = 1
                return
            detail = str(getattr(error, "orig", None) or error).splitlines()[0][:300]
            report.errors = [
                ImportIssue(path.name, "import.database_error", params={"detail": detail})
            ]
