"""Issue 12 on the upload page (/import): whatever the file, an error report and never a 500;
file names cut by bytes; control characters shown escaped; grouped warnings; the templates
downloadable. Signed in as an editor through the real login form (tests/test_access.py)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from app import create_app
from tests.test_access import ACCESS_ENV, _users, login, token_in


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in (*ACCESS_ENV, "IMPORT_MAX_UNPACKED_MB", "IMPORT_MAX_ROWS", "DEFAULT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def editor(sqlite_url):
    _users(sqlite_url)
    client = create_app(database_url=sqlite_url, redis_url="").server.test_client()
    login(client, "kari")
    return client


def upload(client, name: str, data: bytes, *, dry_run: bool = True):
    token = token_in(client.get("/import").text)
    form = {"csrf_token": token, "file": (io.BytesIO(data), name)}
    if dry_run:
        form["dry_run"] = "1"
    return client.post("/import", data=form, content_type="multipart/form-data")


def workbook_bytes(rows: list[list[object]], title: str = "organisasjoner") -> bytes:
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_long_norwegian_file_name_is_cut_by_bytes_not_a_500(editor):
    name = "Kommuner i Nordland " + "æøå" * 60 + ".csv"  # 204 characters, 384 bytes
    response = upload(editor, name, b"organisasjon;navn;kommunenummer\r\nny;Ny kommune;\r\n")
    assert response.status_code == 200, response.text[:500]
    assert "1 ville blitt lagt til" in response.text
    shown = "Kommuner i Nordland æøå"
    assert shown in response.text


@pytest.mark.parametrize(
    "doctype", [b"<!DOCTYPE worksheet>", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>']
)
def test_a_workbook_with_a_dtd_is_an_error_report(editor, doctype):
    source = workbook_bytes([["organisasjon", "navn"], ["ny", "Ny kommune"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b"<worksheet")
                data = data[:start] + doctype + data[start:]
            dst.writestr(item, data)
    response = upload(editor, "org.xlsx", out.getvalue())
    assert response.status_code == 200
    assert "DTD (DOCTYPE)" in response.text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("org.xlsx", b"PK\x03\x04" + b"\x00" * 200),  # a zip cut short
        ("org.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200),  # .xls
        ("org.csv", b'organisasjon;navn\r\nny;"Ny kommune'),  # ends inside a quote
        ("org.csv", "organisasjon;navn\r\nny;Ærø".encode()[:-1]),  # cut character
        ("org.csv", b"\xff\xfeo\x00r\x00g\x00"),  # UTF-16, no table
    ],
)
def test_every_unreadable_file_is_an_error_report(editor, name, data):
    response = upload(editor, name, data)
    assert response.status_code == 200
    assert "Ingenting er endret" in response.text


def test_control_characters_are_shown_escaped_on_the_page(editor):
    data = b"organisasjon;sektor;navn\r\ntest\x1b[2J;S1;Skole\r\n"
    response = upload(editor, "sektorer.csv", data)
    assert response.status_code == 200
    assert "\x1b" not in response.text
    assert "test\\x1b[2J" in response.text


def test_a_hundred_thousand_unknown_columns_are_one_line_on_the_page(editor):
    header = ";".join(["organisasjon", "navn", *(f"c{n}" for n in range(100_000))])
    response = upload(editor, "organisasjoner.csv", f"{header}\r\nny;Ny\r\n".encode())
    assert response.status_code == 200
    assert len(response.text) < 100_000, len(response.text)
    assert "ukjente kolonner, ikke importert: c0, c1, c2" in response.text


def test_the_import_page_links_every_template_and_each_link_downloads_it(editor):
    import re
    from pathlib import Path

    from dashboard.ingest import templates

    page = editor.get("/import").text
    assert "data/templates" not in page  # a server path means nothing to the user
    links = re.findall(r'<a href="(/maler/[^"]+)" download>', page)
    names = [link.rsplit("/", 1)[1] for link in links]
    expected = [*templates.WORKBOOKS.values(), "README.md"]
    assert set(expected) <= set(names)
    assert sum(name.endswith(".csv") for name in names) == len(
        list((Path(templates.TEMPLATE_DIR) / "csv").glob("*.csv"))
    )
    for link, name in zip(links, names, strict=True):
        response = editor.get(link)
        assert response.status_code == 200, link
        folder = Path(templates.TEMPLATE_DIR) / ("csv" if name.endswith(".csv") else "")
        assert response.data == (folder / name).read_bytes(), link
        if name != "README.md":
            assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize(
    "name",
    ["..%2FREADME.md", "%2E%2E%2F%2E%2E%2Fpyproject.toml", "csv%2F01_organisasjoner.csv", "x.xlsx"],
)
def test_only_the_listed_templates_are_served(editor, name):
    assert editor.get(f"/maler/{name}").status_code == 404
