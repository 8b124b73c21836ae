"""The audit trail and the logs: every audited event is a row in audit_event, committed with the
change it records, and a JSON line under `dashboard.audit` in the output of a real gunicorn
(started as `make serve` starts it) or of the `dashboard` command. The admin page shows the
trail and hands it out as CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import create_app
from dashboard import audit, users
from dashboard.db import get_engine
from dashboard.harness.server import Gunicorn
from dashboard.ingest import importer
from dashboard.models import AuditEvent
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "data" / "templates"
PASSWORD = "correct horse battery"
BIN = Path(sys.executable).parent


def events(url: str) -> list[AuditEvent]:
    with Session(get_engine(url)) as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def token_in(html: str) -> str:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html)
    assert field, "no CSRF field on the page"
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "dashboard"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATABASE_URL": url},
        check=False,
    )


def audit_lines(text: str) -> list[dict]:
    found = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("logger") == "dashboard.audit":
            found.append(record)
    return found


def _login(session: requests.Session, base: str, name: str, password: str) -> requests.Response:
    page = session.get(base + "/logg-inn")
    return session.post(
        base + "/logg-inn",
        data={"username": name, "password": password, "csrf_token": token_in(page.text)},
        allow_redirects=False,
    )


def test_every_audited_event_is_a_row_and_a_log_line_from_gunicorn(db_url, tmp_path):
    load_small_fixture(get_engine(db_url))
    # The CLI: its audit line goes to its own standard output as JSON.
    added = cli(db_url, "user", "add", "ada", "--role", "admin", "--password-stdin",
                stdin=PASSWORD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    [cli_line] = audit_lines(added.stderr)  # stdout is the command's own output
    assert cli_line["event"] == "user_added" and cli_line["target"] == "ada"
    assert cli_line["actor"].endswith("(cli)") and cli_line["level"] == "INFO"

    with Gunicorn(db_url, tmp_path / "gunicorn.log") as server:
        base = server.url
        web = requests.Session()
        assert _login(web, base, "ada", "wrong password!!").status_code == 200
        assert _login(web, base, "ada", PASSWORD).status_code == 302
        page = web.get(base + "/admin").text
        token = token_in(page)
        post = {"allow_redirects": False}
        assert web.post(base + "/admin/brukere", data={
            "csrf_token": token, "username": "kari", "password": PASSWORD, "role": "editor",
        }, **post).status_code == 302  # fmt: skip
        for disabled in ("1", "0"):
            assert web.post(base + "/admin/brukere/status", data={
                "csrf_token": token, "username": "kari", "disabled": disabled}, **post,
            ).status_code == 302  # fmt: skip
        assert web.post(base + "/admin/brukere/rolle", data={
            "csrf_token": token, "username": "kari", "role": "viewer"}, **post,
        ).status_code == 302  # fmt: skip
        deck = web.get(base + "/export/deck.pdf?sektor=S1&year=2022", timeout=120)
        assert deck.status_code == 200 and deck.content.startswith(b"%PDF")
        template = TEMPLATES / "1_organisasjon.xlsx"
        imported = web.post(
            base + "/import",
            data={"csrf_token": token_in(web.get(base + "/import").text)},
            files={"file": (template.name, template.read_bytes())},
        )
        assert imported.status_code == 200 and "importert" in imported.text
        logout_token = token_in(web.get(base + "/import").text)
        assert (
            web.post(base + "/logg-ut", data={"csrf_token": logout_token}, **post).status_code
            == 302
        )
        log_text = server.log_text()
    changed = cli(db_url, "user", "password", "kari", "--password-stdin",
                  stdin="another long password\n")  # fmt: skip
    assert changed.returncode == 0, changed.stderr

    expected = [
        ("user_added", "ada"),
        ("login_failed", "ada"),
        ("login", "ada"),
        ("user_added", "kari"),
        ("user_disabled", "kari"),
        ("user_enabled", "kari"),
        ("role_changed", "kari"),
        ("deck_export", None),
        ("import", "1_organisasjon.xlsx"),
        ("logout", "ada"),
        ("password_changed", "kari"),
    ]
    rows = events(db_url)
    assert [(row.action, row.target) for row in rows] == expected
    web_rows = rows[1:-1]
    assert all(row.address == "127.0.0.1" and row.request_id for row in web_rows)
    assert [row.actor for row in web_rows[2:]] == ["ada"] * len(web_rows[2:])
    assert rows[6].detail == "role=viewer" and "year=2022" in rows[7].detail
    # Each web event is also a JSON line of gunicorn's output, with the same request id, and
    # the request's own line names the user.
    lines = audit_lines(log_text)
    assert [(line["event"], line.get("target")) for line in lines] == [
        (row.action, row.target) for row in web_rows
    ]
    assert [line["request_id"] for line in lines] == [row.request_id for row in web_rows]
    requests_logged = [
        json.loads(line) for line in log_text.splitlines() if '"dashboard.request"' in line
    ]
    deck_line = next(r for r in requests_logged if r["path"] == "/export/deck.pdf")
    assert deck_line["user"] == "ada" and deck_line["status"] == 200
    assert deck_line["request_id"] == rows[7].request_id
    assert all(line.startswith("{") for line in log_text.splitlines()), (
        "every line gunicorn wrote is JSON"
    )
    assert audit_lines(changed.stderr)[0]["event"] == "password_changed"


def test_an_event_is_kept_only_with_its_change(db_url):
    engine = get_engine(db_url)
    users.add_user(engine, "kari", PASSWORD, "editor", by="ada")
    with pytest.raises(users.UserError):
        users.add_user(engine, "kari", PASSWORD, "viewer", by="ada")
    with pytest.raises(users.UserError):
        users.set_role(engine, "nobody", "admin", by="ada")
    # An import that fails writes nothing, its audit event neither.
    # (a CSV template refers to rows of the ones before it: alone, in an empty database, it fails)
    report = importer.import_file(
        TEMPLATES / "csv" / "06_indikatorer.csv", engine, imported_by="kari"
    )
    assert not report.ok
    assert [(e.action, e.target, e.actor) for e in events(db_url)] == [
        ("user_added", "kari", "ada")
    ]


def test_the_admin_page_shows_the_trail_and_hands_it_out_as_csv(sqlite_url):
    engine = get_engine(sqlite_url)
    users.add_user(engine, "ada", PASSWORD, "admin", by="setup")
    app = create_app(database_url=sqlite_url, redis_url="")
    client = app.server.test_client()
    page = client.get("/logg-inn")
    client.post("/logg-inn", data={
        "username": "ada", "password": PASSWORD, "csrf_token": token_in(page.text)})  # fmt: skip
    with Session(engine) as session:
        audit.add(session, "import", target="=HYPERLINK(1)", actor="kari")
        session.commit()
    admin = client.get("/admin").text
    assert "Hendelseslogg" in admin and "Bruker lagt til" in admin and "Innlogging" in admin
    assert "/admin/hendelser.csv" in admin
    response = client.get("/admin/hendelser.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == list(audit.CSV_COLUMNS)
    assert [r[1] for r in rows[1:]] == ["user_added", "login", "import"]
    assert rows[3][3] == "'=HYPERLINK(1)"  # not a formula in Excel
    anonymous = app.server.test_client().get("/admin/hendelser.csv")
    assert anonymous.status_code == 302
