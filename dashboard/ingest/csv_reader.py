"""Strict CSV reading, as Excel writes CSV: a file is read exactly or refused, naming the row.

Python's csv module reads a stray quote silently: an opening quote that is never closed swallows
every following row into one cell, a quote inside an unquoted cell is kept as text, and a file
cut inside a quoted cell yields its truncated last row. Excel never writes any of these (it quotes
a cell that holds a quote, a separator or a line break, and doubles the quotes inside), so here
each is an error that names the row where the quote opens (as Excel numbers rows: a quoted line
break keeps its row) and the physical line in the file.

The reader streams: it holds one row at a time, so memory does not grow with the file. Rows
without a quote (nearly all) are split by `str.split`; only rows with a quote go through the
small state machine below.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path


class CsvSyntaxError(ValueError):
    """A row that cannot be read exactly: `reason` is a catalogue key; `row` the Excel row where
    the problem starts, `line` its physical line, `index` the cell (0-based) when known."""

    def __init__(self, reason: str, row: int, line: int, index: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.row, self.line, self.index = reason, row, line, index


class CutCharacter(ValueError):
    """A UTF-8 file cut inside a multi-byte character: `offset` is the byte where it starts."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 20


def detect_encoding(path: Path) -> str | None:
    """ "utf-16" (Excel's "Unicode text", with its BOM), "utf-8-sig" (with or without BOM) or
    None: not UTF-8 (the caller tries cp1252). Reads the file in 1 MB chunks, keeping none.
    Raises CutCharacter for a UTF-8 file that ends inside a character (a file cut short)."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(_UTF16_BOMS):
            return "utf-16"
        stream.seek(0)
        offset, pending = 0, b""
        multibyte = False
        while True:
            chunk = stream.read(_CHUNK)
            data = pending + chunk
            final = not chunk
            try:
                _, consumed = codecs.utf_8_decode(data, "strict", final)
            except UnicodeDecodeError as error:
                position = offset + error.start
                if _is_cut(data, error, final) and (multibyte or _utf8_after(stream, data, error)):
                    raise CutCharacter(position) from None
                return None
            multibyte = multibyte or any(byte >= 0x80 for byte in data[:consumed])
            offset += consumed
            pending = data[consumed:]
            if final:
                return "utf-8-sig"


def _is_cut(data: bytes, error: UnicodeDecodeError, final: bool) -> bool:
    """The invalid bytes are a lead byte followed by too few continuation bytes."""
    lead = data[error.start]
    need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if lead <= 0xF4 else 0
    if not need or lead < 0xC2:
        return False
    got = 0
    while error.start + 1 + got < len(data) and 0x80 <= data[error.start + 1 + got] <= 0xBF:
        got += 1
    if got >= need - 1:
        return False
    # Only where the file ends: mid-file, a lead byte with too few continuation bytes is
    # cp1252 text (à before a no-break space is E0 A0, æ E6, Â C2), and a UTF-8 file broken
    # there is refused as mixed UTF-8 and cp1252 by the caller.
    return final and error.start + 1 + got == len(data)


def _utf8_after(stream, data: bytes, error: UnicodeDecodeError) -> bool:
    """Valid UTF-8 multi-byte characters after the fault: the file is UTF-8 around it."""
    rest = data[error.end :] + stream.read(_CHUNK)
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", rest) is not None


def count_lines(path: Path) -> int:
    """Physical lines (for progress and the row limit's early answer), in 1 MB chunks."""
    lines, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def read_records(
    lines: Iterator[str], delimiter: str, *, first_line: int = 1, swallow: int = 0
) -> Iterator[tuple[int, int, list[str]]]:
    """(Excel row, physical line, cells) for each record of `lines` (an iterator of physical
    lines with their line ends, e.g. a text file opened with newline=""). The first record is
    row 1. `swallow`: a quoted cell that runs on into a line with at least this many separators
    is an opening quote that swallows whole rows (0: no such check)."""
    row = 0
    line_number = first_line - 1
    source = iter(lines)
    for line in source:
        line_number += 1
        row += 1
        if '"' not in line:
            body = line.rstrip("\r\n")
            yield row, line_number, body.split(delimiter) if body else []
            continue
        start = line_number
        cells, line_number = _split_quoted(line, source, delimiter, row, line_number, swallow)
        yield row, start, cells


def _split_quoted(
    line: str, source: Iterator[str], delimiter: str, row: int, line_number: int, swallow: int
) -> tuple[list[str], int]:
    cells: list[str] = []
    buffer, pos = line, 0
    while True:
        index = len(cells)
        if buffer.startswith('"', pos):
            opened = line_number
            parts: list[str] = []
            scan = pos + 1
            while True:
                quote = buffer.find('"', scan)
                if quote == -1:
                    parts.append(buffer[scan:])
                    following = next(source, None)
                    if following is None:
                        raise CsvSyntaxError("import.csv_unclosed_quote", row, opened, index)
                    line_number += 1
                    if swallow and following.count(delimiter) >= swallow:
                        raise CsvSyntaxError("import.csv_quote_swallows_rows", row, opened, index)
                    buffer, scan = following, 0
                    continue
                if buffer.startswith('"', quote + 1):  # "" is one quote inside the cell
                    parts.append(buffer[scan : quote + 1])
                    scan = quote + 2
                    continue
                parts.append(buffer[scan:quote])
                pos = quote + 1
                break
            cells.append("".join(parts))
            if pos >= len(buffer) or buffer[pos] in "\r\n":
                return cells, line_number
            if buffer[pos] != delimiter:
                raise CsvSyntaxError("import.csv_text_after_quote", row, line_number, index)
            pos += 1
            if pos >= len(buffer) or buffer[pos] in "\r\n":
                cells.append("")
                return cells, line_number
            continue
        end = len(buffer.rstrip("\r\n"))
        separator = buffer.find(delimiter, pos, end)
        stop = end if separator == -1 else separator
        cell = buffer[pos:stop]
        if '"' in cell:
            raise CsvSyntaxError("import.csv_quote_in_cell", row, line_number, index)
        cells.append(cell)
        if separator == -1:
            return cells, line_number
        pos = separator + 1
        if pos >= end:
            cells.append("")
            return cells, line_number
