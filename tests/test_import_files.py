"""Hostile and careless files the importer must refuse clearly, changing nothing: the cases
tests/test_importer.py does not already cover (it has empty files, .xls, zip bombs, a limit
lowered by setting, corrupt workbooks, an unknown table, an undecodable byte, and duplicate keys
and unknown sectors in a workbook).

Runs on SQLite and (with TEST_DATABASE_URL) PostgreSQL; starts from the small fixture
(tests/small_fixture.py): organisation `test`, sectors S1 and S2, units U1 and U2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select

from dashboard.ingest import importer
from dashboard.models import Sector
from tests.small_fixture import dump

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _norwegian(monkeypatch):
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)
    for name in ("IMPORT_MAX_FILE_MB", "IMPORT_MAX_UNPACKED_MB"):
        monkeypatch.delenv(name, raising=False)  # the defaults, as shipped






def refused(path: Path, engine: Engine) -> importer.ImportReport:
    """Import `path`, which must fail and change nothing."""
    before = dump(engine)
    report = importer.import_file(path, engine)
    assert not report.ok, report.describe()
    assert dump(engine) == before
    return report


def issues(report: importer.ImportReport) -> list[tuple]:
    return [(e.row, e.column, e.value, e.reason) for e in report.errors]


def test_a_file_over_the_default_50_mb_is_refused_unread(small, tmp_path):
    path = tmp_path / "sektorer.csv"
    with path.open("wb") as file:
        file.write(b"organisasjon;sektor;navn\r\ntest;S9;Stor\r\n")
        file.truncate(50 * MB + 1)  # sparse: 50 MB on paper, nothing on disk
    report = refused(path, small)
    assert issues(report) == [(None, None, None, "import.too_large")]
    assert "mer enn grensen på 50,0 MB" in report.describe()


def test_a_file_of_exactly_the_limit_is_read(small, tmp_path, monkeypatch):
    monkeypatch.setenv("IMPORT_MAX_FILE_MB", "0.001")  # 1 048 bytes
    head = b"organisasjon;sektor;navn\r\ntest;S9;Ny\r\n"
    path = tmp_path / "sektorer.csv"
    path.write_bytes(head + b" " * (1048 - len(head)))  # padded with blank space
    assert path.stat().st_size == 1048
    report = importer.import_file(path, small)
    assert report.ok and report.rows_added == 1, report.describe()


def test_mixed_encodings_in_one_file_are_refused_naming_the_row(small, tmp_path):
    """Lines pasted together from a cp1252 file and a UTF-8 one: read as either encoding, one
    part would be stored garbled (Ã¸ for ø) without any error."""
    path = tmp_path / "sektorer.csv"
    path.write_bytes(
        "organisasjon;sektor;navn\r\ntest;S1;Skole og Læring\r\n".encode("cp1252")
        + "test;S2;Helse og omsorg – Ærø\r\n".encode()
    )
    report = refused(path, small)
    assert [(e.sheet, e.row, e.reason) for e in report.errors] == [
        ("sektorer.csv", 3, "import.mixed_encoding")
    ]
    assert "sektorer.csv, rad 3: filen blander tegnkodinger" in report.describe()
    with small.connect() as conn:
        assert "Ã" not in "".join(conn.execute(select(Sector.name)).scalars())


def test_a_cp1252_file_with_nordic_letters_next_to_symbols_is_not_mixed(small, tmp_path):
    """Å before » or ‰ is two cp1252 letters that happen to form a UTF-8 character (Å» is Ż);
    only UTF-8's own æøå (Ã¦…) and punctuation (â€“…) count as UTF-8."""
    path = tmp_path / "sektorer.csv"
    path.write_bytes(
        "organisasjon;sektor;navn\r\ntest;S1;«VÅGÅ» – Øst‰ Æ€\r\n".encode("cp1252")
    )
    report = importer.import_file(path, small)
    assert report.ok, report.describe()
    with small.connect() as conn:
        name = conn.execute(select(Sector.name).where(Sector.code == "S1")).scalar_one()
    assert name == "«VÅGÅ» – Øst‰ Æ€"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("sektorer.xlsx", b"organisasjon;sektor;navn\r\ntest;S9;X\r\n"),  # CSV as .xlsx
        ("sektorer.csv", None),  # a workbook as .csv
        ("sektorer.csv", b"\x00\x01\x02\x81\x8d\x8f\x90\x9d" * 64),  # binary
        ("sektorer.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("sektorer.CSV.exe", b"MZ\x90\x00"),
        ("sektorer", b"organisasjon;sektor;navn\r\n"),  # no extension
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(small, tmp_path, name, content):
    if content is None:
        workbook = Workbook()
        workbook.active.append(["organisasjon", "sektor", "navn"])
        workbook.active.append(["test", "S9", "X"])
        workbook.save(tmp_path / "book.xlsx")
        content = (tmp_path / "book.xlsx").read_bytes()
    path = tmp_path / name
    path.write_bytes(content)
    report = refused(path, small)
    # A clear reason for the whole file (or, for text that is no table, its missing columns).
    assert {e.reason for e in report.errors} <= {
        "import.not_workbook",
        "import.encoding",
        "import.unknown_extension",
        "import.unknown_table",
        "import.no_header",
        "import.mixed_encoding",
        "import.missing_column",
        "import.csv_named_xlsx",
        "import.workbook_named_csv",
    }, report.describe()
    if name == "sektorer.xlsx":
        assert [e.reason for e in report.errors] == ["import.csv_named_xlsx"]
    if content.startswith(b"PK"):
        assert [e.reason for e in report.errors] == ["import.workbook_named_csv"]


def test_duplicate_keys_in_a_csv_however_they_are_written(small, tmp_path):
    """The same key twice: with blanks around it, or once as a workbook number and once as
    text. Every later copy is named with the row of the first."""
    path = tmp_path / "sektorer.csv"
    path.write_text(
        "organisasjon;sektor;navn\n"
        "test;S7;Kultur\n"
        "test; S7 ;Kultur og idrett\n"
        " test ;S7;Idrett\n"
        "test;S8;Teknisk\n",
        encoding="utf-8",
    )
    report = refused(path, small)
    assert [(e.row, e.column, e.reason, e.params) for e in report.errors] == [
        (3, "organisasjon, sektor", "import.duplicate_key", {"first": 2}),
        (4, "organisasjon, sektor", "import.duplicate_key", {"first": 2}),
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "sektorer"
    for row in (["organisasjon", "sektor", "navn"], ["test", 7, "Sju"], ["test", "7", "Syv"]):
        sheet.append(row)
    workbook.save(tmp_path / "sektorer.xlsx")
    report = refused(tmp_path / "sektorer.xlsx", small)
    assert [(e.row, e.reason) for e in report.errors] == [(3, "import.duplicate_key")]


def test_an_unknown_sektor_in_a_csv_is_named_and_nothing_is_written(small, tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_text(
        "organisasjon;enhet;navn;sektor\n"
        "test;U8;Ny enhet;S1\n"  # good, but in a file with an error: not written either
        "test;U9;Annen enhet;S404\n"
        "test;U10;Tredje;s1\n",  # codes are exact: s1 is not S1
        encoding="utf-8",
    )
    report = refused(path, small)
    assert issues(report) == [
        (3, "sektor", "S404", "import.unknown_sector"),
        (4, "sektor", "s1", "import.unknown_sector"),
    ]


def test_a_file_that_disappears_or_is_a_folder(small, tmp_path):
    folder = tmp_path / "sektorer.csv"
    folder.mkdir()
    assert issues(refused(folder, small)) == [(None, None, None, "import.not_found")]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.csv"
        os.mkfifo(fifo)  # a named pipe would block a reader forever
        assert issues(refused(fifo, small)) == [(None, None, None, "import.not_found")]
