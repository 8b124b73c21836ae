"""Access control and web security, through the real app and its Flask test client: roles on
/import and /admin, the single-sign-on proxy header (ignored unless configured, and only from the
trusted proxies), built-in users (hashed passwords, login, lock, disable), CSRF on every form but
Dash's read-only callbacks, security headers and cookie flags, the upload limit, error pages
without a stack trace, the upload page importing a template, the admin page, and the refusal to
start gunicorn without a secret key. No mocks: real database, real files, real subprocess."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from app import create_app
from dashboard import users
from dashboard.db import get_engine
from dashboard.harness.view_request import (
    UPDATE_PATH,
    data_callback_output,
    free_port,
    readable,
    view_body,
)
from dashboard.models import AppUser, ImportRun
from dashboard.routes import VIEWS
from dashboard.web import security

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "data" / "templates"
PASSWORD = "correct horse battery"
ACCESS_ENV = (
    "REQUIRE_LOGIN", "TRUSTED_USER_HEADER", "TRUSTED_ROLES_HEADER", "EDITOR_GROUPS",
    "ADMIN_GROUPS", "TRUSTED_PROXY_ADDRESSES", "SESSION_COOKIE_SECURE", "HOST", "SECRET_KEY",
    "IMPORT_MAX_FILE_MB",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ACCESS_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_app(sqlite_url, monkeypatch):
    def make(url: str = sqlite_url, **env: str):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return create_app(database_url=url, redis_url="")

    return make


@pytest.fixture
def app(make_app):
    return make_app()


def _users(url: str) -> None:
    engine = get_engine(url)
    for name, role in (("vera", "viewer"), ("kari", "editor"), ("ada", "admin")):
        users.add_user(engine, name, PASSWORD, role)


def token_in(html: str) -> str:
    field = re.search(r'<(?:input|button)[^>]*name="csrf_token"[^>]*>', html)
    assert field, "no CSRF field on the page"
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def login(client, name: str, password: str = PASSWORD, next_path: str = "/"):
    page = client.get("/logg-inn")
    assert page.status_code == 200
    return client.post(
        "/logg-inn",
        data={
            "username": name,
            "password": password,
            "next": next_path,
            "csrf_token": token_in(page.text),
        },
    )


def import_runs(url: str) -> int:
    with Session(get_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(ImportRun))


# --- roles -----------------------------------------------------------------------------------


def test_roles_decide_who_may_import_and_administer(app, sqlite_url):
    _users(sqlite_url)
    anonymous = app.server.test_client()
    for path in ("/import", "/admin"):
        response = anonymous.get(path)
        assert response.status_code == 302
        assert unquote(response.headers["Location"]) == f"/logg-inn?next={path}"
    expected = {"vera": (403, 403), "kari": (200, 403), "ada": (200, 200)}
    for name, (on_import, on_admin) in expected.items():
        client = app.server.test_client()
        assert login(client, name).status_code == 302
        assert client.get("/import").status_code == on_import, name
        assert client.get("/admin").status_code == on_admin, name


def test_the_header_links_only_what_the_user_may_use(app, sqlite_url):
    _users(sqlite_url)
    anonymous = app.server.test_client().get("/logg-inn").text
    assert 'href="/import"' not in anonymous and 'href="/admin"' not in anonymous
    editor = app.server.test_client()
    login(editor, "kari")
    page = editor.get("/import").text
    assert 'href="/import"' in page and 'href="/admin"' not in page
    assert "kari (redaktør)" in page and "Logg ut" in page
    admin = app.server.test_client()
    login(admin, "ada")
    assert 'href="/admin"' in admin.get("/import").text


def test_views_show_a_login_link_and_need_no_login_by_default(app):
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    view = client.post(UPDATE_PATH, json=view_body(pathname="/", search=""))
    assert view.status_code == 200
    assert "/logg-inn?next=" in readable(view.text) and "Logg inn" in view.text


def test_require_login_keeps_everything_but_the_login_page_closed(make_app, sqlite_url):
    _users(sqlite_url)
    app = make_app(REQUIRE_LOGIN="1")
    client = app.server.test_client()
    response = client.get("/minuttjakt?year=2020")
    assert response.status_code == 302
    assert unquote(response.headers["Location"]) == "/logg-inn?next=/minuttjakt?year=2020"
    assert client.post(UPDATE_PATH, json=view_body()).status_code == 401
    assert client.get("/export/savings-by-sector.csv").status_code in (302, 401)
    assert client.get("/_dash-layout").status_code in (302, 401)
    assert client.get("/logg-inn").status_code == 200
    assert client.get("/assets/style.css").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert login(client, "vera").status_code == 302
    assert client.get("/").status_code == 200
    assert client.post(UPDATE_PATH, json=view_body()).status_code == 200


# --- the single-sign-on proxy ----------------------------------------------------------------

SSO = {
    "TRUSTED_USER_HEADER": "X-Remote-User",
    "TRUSTED_ROLES_HEADER": "X-Remote-Groups",
    "EDITOR_GROUPS": "dashboard-redaktor",
    "ADMIN_GROUPS": "Dashboard-Admin, it-drift",
}


def test_a_forged_proxy_header_does_nothing_by_default(make_app):
    app = make_app(EDITOR_GROUPS="x", ADMIN_GROUPS="admins")
    client = app.server.test_client()
    forged = {"X-Remote-User": "boss", "X-Remote-Groups": "admins", "Remote-User": "boss"}
    assert client.get("/admin", headers=forged).status_code == 302
    assert client.get("/import", headers=forged).status_code == 302
    view = client.post(UPDATE_PATH, json=view_body(), headers=forged)
    assert "boss" not in view.text


def test_the_proxy_header_names_the_user_and_the_groups_give_the_role(make_app):
    client = make_app(**SSO).server.test_client()

    def as_(groups: str | None) -> dict:
        headers = {"X-Remote-User": "per.hansen@kommune.no"}
        return headers | ({"X-Remote-Groups": groups} if groups is not None else {})

    assert client.get("/import", headers=as_(None)).status_code == 403  # viewer
    assert client.get("/import", headers=as_("alle, DASHBOARD-REDAKTOR")).status_code == 200
    assert client.get("/admin", headers=as_("dashboard-redaktor")).status_code == 403
    assert client.get("/admin", headers=as_("it-drift")).status_code == 200
    page = client.get("/import", headers=as_("dashboard-redaktor")).text
    assert "per.hansen@kommune.no (redaktør)" in page
    assert 'action="/logg-ut"' not in page  # signing out is the proxy's business


def test_only_the_trusted_proxies_may_name_the_user(make_app):
    app = make_app(**SSO, TRUSTED_PROXY_ADDRESSES="10.0.0.0/24, 192.0.2.7")

    @app.server.get("/_test/peer")
    def peer():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    client = app.server.test_client()
    headers = {
        "X-Remote-User": "boss",
        "X-Remote-Groups": "it-drift",
        "X-Forwarded-For": "198.51.100.23",
        "X-Forwarded-Proto": "https",
    }
    from_proxy = {"REMOTE_ADDR": "10.0.0.5"}
    from_elsewhere = {"REMOTE_ADDR": "10.0.1.5"}
    assert client.get("/admin", headers=headers, environ_base=from_proxy).status_code == 200
    assert client.get("/admin", headers=headers, environ_base=from_elsewhere).status_code == 302
    # X-Forwarded-* only from the proxy (ProxyFix, one hop): logs see the client, HTTPS counts.
    assert client.get("/_test/peer", headers=headers, environ_base=from_proxy).text == (
        "198.51.100.23 https"
    )
    assert client.get("/_test/peer", headers=headers, environ_base=from_elsewhere).text == (
        "10.0.1.5 http"
    )


# --- built-in users --------------------------------------------------------------------------


def test_passwords_are_stored_only_as_a_salted_hash(db_url):
    engine = get_engine(db_url)
    users.add_user(engine, "Kari", PASSWORD, "editor")
    users.add_user(engine, "ola", PASSWORD, "viewer")
    with Session(engine) as session:
        rows = {u.username: u for u in session.scalars(select(AppUser))}
    assert set(rows) == {"kari", "ola"}  # names are kept in lower case
    for row in rows.values():
        assert PASSWORD not in row.password_hash
        assert row.password_hash.startswith("scrypt:")
        assert check_password_hash(row.password_hash, PASSWORD)
    assert rows["kari"].password_hash != rows["ola"].password_hash  # salted


def test_user_rules(sqlite_url):
    engine = get_engine(sqlite_url)
    users.add_user(engine, "kari", PASSWORD, "editor")
    for name, password, role, key in (
        ("kari", PASSWORD, "editor", "users.exists"),
        ("ny", "short", "editor", "users.password_too_short"),
        ("../x", PASSWORD, "editor", "users.bad_username"),
        ("ny", PASSWORD, "root", "users.bad_role"),
    ):
        with pytest.raises(users.UserError) as error:
            users.add_user(engine, name, password, role)
        assert error.value.key == key
    with pytest.raises(users.UserError):
        users.set_disabled(engine, "nobody")


def test_login_with_the_right_and_the_wrong_password(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    wrong = login(client, "kari", "wrong password!", next_path="/import")
    assert wrong.status_code == 200
    assert "Innloggingen mislyktes" in wrong.text
    assert client.get("/import").status_code == 302
    unknown = login(client, "nobody", PASSWORD)
    assert "Innloggingen mislyktes" in unknown.text  # the same words: names are not told
    right = login(client, "KARI", PASSWORD, next_path="/import?lang=en")
    assert right.status_code == 302 and right.headers["Location"] == "/import?lang=en"
    assert client.get("/import").status_code == 200


def test_login_goes_back_only_to_a_page_of_this_app(app, sqlite_url):
    _users(sqlite_url)
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"):
        response = login(app.server.test_client(), "kari", next_path=evil)
        assert response.headers["Location"] == "/", evil


def test_a_disabled_user_cannot_log_in_and_is_out_at_once(app, sqlite_url):
    _users(sqlite_url)
    engine = get_engine(sqlite_url)
    client = app.server.test_client()
    login(client, "kari")
    assert client.get("/import").status_code == 200
    users.set_disabled(engine, "kari")
    assert client.get("/import").status_code == 302  # the session ended with the next request
    assert "Innloggingen mislyktes" in login(client, "kari").text
    users.set_disabled(engine, "kari", False)
    assert login(client, "kari").status_code == 302


def test_logout_ends_the_session(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    login(client, "kari")
    page = client.get("/import").text
    logout = re.search(r'<form action="/logg-ut[^"]*".*?</form>', page, re.S).group(0)
    response = client.post("/logg-ut?next=/import", data={"csrf_token": token_in(logout)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/import"  # back where the user was
    assert client.get("/import").status_code == 302


def test_the_cli_manages_users(sqlite_url, monkeypatch, capsys):
    from dashboard import cli

    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["user", "add", "Kari", "--role", "editor", "--password-stdin"]) == 0
    assert cli.main(["user", "list"]) == 0
    assert re.search(r"kari\s+editor\s+active", capsys.readouterr().out)
    assert cli.main(["user", "disable", "kari"]) == 0
    assert cli.main(["user", "list"]) == 0
    assert re.search(r"kari\s+editor\s+disabled", capsys.readouterr().out)
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert cli.main(["user", "add", "ola", "--role", "viewer", "--password-stdin"]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    assert cli.main(["user", "disable", "nobody"]) == 1
    engine = get_engine(sqlite_url)
    assert users.authenticate(engine, "kari", PASSWORD) is None  # disabled
    with Session(engine) as session:
        assert PASSWORD not in session.scalar(select(AppUser.password_hash))


# --- CSRF --------------------------------------------------------------------------------------


def test_posts_without_the_csrf_token_are_refused_and_change_nothing(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    no_token = client.post("/logg-inn", data={"username": "kari", "password": PASSWORD})
    assert no_token.status_code == 400
    assert "Skjemaet var utløpt" in no_token.text and "Traceback" not in no_token.text
    assert client.get("/import").status_code == 302  # not signed in
    login(client, "kari")
    template = TEMPLATES / "1_organisasjon.xlsx"
    before = import_runs(sqlite_url)
    for token in (None, "forged-token"):
        data = {"file": (io.BytesIO(template.read_bytes()), template.name)}
        if token:
            data["csrf_token"] = token
        response = client.post("/import", data=data, content_type="multipart/form-data")
        assert response.status_code == 400
    assert import_runs(sqlite_url) == before
    assert client.post("/logg-ut").status_code == 400
    assert client.get("/import").status_code == 200  # still signed in
    admin = app.server.test_client()
    login(admin, "ada")
    data = {"username": "mallory", "password": PASSWORD, "role": "admin"}
    assert admin.post("/admin/brukere", data=data).status_code == 400
    assert "mallory" not in [u.username for u in users.list_users(get_engine(sqlite_url))]


def test_dash_callbacks_work_without_a_token(app):
    response = app.server.test_client().post(UPDATE_PATH, json=view_body())
    assert response.status_code == 200
    assert "view-content" in response.text


def test_the_csrf_exempt_callbacks_are_the_known_read_only_ones(app):
    """Dash's callback route is exempt from CSRF because every server-side callback only draws
    a view. A new one fails this test until someone has checked that it changes nothing (or
    has made the route check the X-CSRFToken header dash-renderer can send)."""
    app.server.test_client().get("/healthz")  # Dash fills its callback map on the first request
    server_side = sorted(
        key for key, callback in app.callback_map.items() if callback.get("callback")
    )
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    table = '{"name":["MATCH"],"type":"chart-table","view":["MATCH"]}.children@'
    known = [
        "..view-content.children...view-title.data..",  # the router: a whole view
        # each view's data callback: its charts, blocks and filter options for a query
        *(data_callback_output(dependencies, str(view)) for view in VIEWS),
    ]
    assert sorted(k for k in server_side if not k.startswith(table)) == sorted(known)
    assert len([k for k in server_side if k.startswith(table)]) == 1  # a table, when opened


# --- headers, cookies, limits, errors ------------------------------------------------------------


def test_every_response_has_the_security_headers(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    responses = {
        "index": client.get("/"),
        "login": client.get("/logg-inn"),
        "callback": client.post(UPDATE_PATH, json=view_body()),
        "asset": client.get("/assets/style.css"),
        "health": client.get("/healthz"),
        "error": client.get("/_dash-component-suites/nothing/here.js"),
    }
    digest = base64.b64encode(hashlib.sha256(app.renderer.encode()).digest()).decode()
    renderer_hash = f"'sha256-{digest}'"  # `var renderer = new DashRenderer();`, inline
    for name, response in responses.items():
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp, name
        assert "script-src 'self' " in csp and renderer_hash in csp, name
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, name
        assert "unsafe-eval" not in csp and "http" not in csp, name  # no CDN, no eval
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert headers["X-Frame-Options"] == "DENY", name
        assert "camera=()" in headers["Permissions-Policy"], name
        assert "Strict-Transport-Security" not in headers  # plain http here
    # Everything the index loads comes from this app.
    index = responses["index"].text
    assert not re.search(r'(src|href)="(https?:)?//', index)
    https = client.get("/", base_url="https://dashboard.kommune.example")
    assert https.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize(
    ("env", "scheme", "secure"),
    [
        ({}, "http", False),  # HOST 127.0.0.1: make run over plain http
        ({}, "https", True),  # the same over HTTPS (behind a TLS proxy): Secure, as HSTS
        ({"HOST": "0.0.0.0"}, "http", True),
        ({"HOST": "0.0.0.0", "SESSION_COOKIE_SECURE": "0"}, "https", False),
        ({"SESSION_COOKIE_SECURE": "1"}, "http", True),
    ],
)
def test_session_cookie_flags(make_app, sqlite_url, env, scheme, secure):
    _users(sqlite_url)
    app = make_app(**env)
    client = app.server.test_client(use_cookies=False)
    page = client.get("/logg-inn", base_url=f"{scheme}://localhost")
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure


def test_an_oversized_upload_gets_413_and_a_message(make_app, sqlite_url):
    _users(sqlite_url)
    app = make_app(IMPORT_MAX_FILE_MB="1")
    client = app.server.test_client()
    login(client, "kari")
    token = token_in(client.get("/import").text)
    big = io.BytesIO(b"x" * (2 * 1024 * 1024 + 10))
    response = client.post(
        "/import",
        data={"csrf_token": token, "file": (big, "stor.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Filen er for stor: største fil er 1 MB." in response.text
    assert import_runs(sqlite_url) == 0


def test_a_forced_500_shows_no_stack_trace(app, caplog):
    @app.server.get("/_test/boom")
    def boom():
        raise RuntimeError("secret detail from deep inside")

    client = app.server.test_client()
    for accept in ("text/html", "application/json"):
        response = client.get("/_test/boom?lang=en", headers={"Accept": accept})
        assert response.status_code == 500
        assert "Something went wrong on our side" in response.text
        assert "Traceback" not in response.text and "secret detail" not in response.text
        assert "boom" not in response.text and ".py" not in response.text
    assert "secret detail from deep inside" in caplog.text  # the log has it


def test_error_pages_are_short_and_translated(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    login(client, "vera")
    response = client.get("/admin?lang=da", headers={"Accept": "text/html"})
    assert response.status_code == 403
    assert "Ingen adgang" in response.text and "<script" not in response.text
    assert response.text.count("\n") < 25  # a short page
    plain = client.get("/admin?lang=en", headers={"Accept": "application/json"})
    assert (
        plain.text
        == "No access: You do not have access to this page. Ask an administrator if you need it.\n"
    )


# --- the upload page -------------------------------------------------------------------------


def _upload(client, path: Path, *, dry_run: bool = False, name: str | None = None):
    token = token_in(client.get("/import").text)
    data = {"csrf_token": token, "file": (io.BytesIO(path.read_bytes()), name or path.name)}
    if dry_run:
        data["dry_run"] = "1"
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_the_upload_page_imports_a_template_and_names_the_user(make_app, db_url):
    _users(db_url)
    client = make_app(db_url).server.test_client()
    login(client, "kari")
    template = TEMPLATES / "1_organisasjon.xlsx"
    checked = _upload(client, template, dry_run=True)
    assert checked.status_code == 200
    assert "1_organisasjon.xlsx: prøvekjøring (organisasjon), ingenting er endret" in checked.text
    assert import_runs(db_url) == 0
    response = _upload(client, template)
    assert response.status_code == 200
    assert "1_organisasjon.xlsx: importert" in response.text
    with Session(get_engine(db_url)) as session:
        run = session.scalars(select(ImportRun)).one()
    assert (run.file_name, run.imported_by, run.area) == (
        "1_organisasjon.xlsx",
        "kari",
        "organisation",
    )
    assert run.rows_added > 0


def test_the_upload_page_lists_every_error_as_a_table_row(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    login(client, "kari")
    # The indicator values refer to an organisation this empty database does not have (a CSV
    # template builds on the ones before it; each workbook template would import on its own).
    response = _upload(
        client, TEMPLATES / "csv" / "07_indikatorverdier.csv", name="../../mål 2021.csv"
    )
    assert response.status_code == 200
    assert "mål 2021.csv: ikke importert" in response.text
    table = re.search(r"<table.*?</table>", response.text, re.S).group(0)
    assert '<th scope="col">Rad</th>' in table and '<th scope="col">Kolonne</th>' in table
    assert table.count("<tr>") > 2
    assert import_runs(sqlite_url) == 0
    nothing = client.post(
        "/import",
        data={"csrf_token": token_in(client.get("/import").text)},
        content_type="multipart/form-data",
    )
    assert nothing.status_code == 400 and "Velg en fil" in nothing.text


# --- the admin page ---------------------------------------------------------------------------


def test_admins_see_every_import_and_manage_users(app, sqlite_url):
    _users(sqlite_url)
    editor = app.server.test_client()
    login(editor, "kari")
    _upload(editor, TEMPLATES / "1_organisasjon.xlsx")
    admin = app.server.test_client()
    login(admin, "ada")
    page = admin.get("/admin").text
    row = re.search(r"<tr><td>[^<]*</td><td>1_organisasjon.xlsx</td>.*?</tr>", page).group(0)
    assert "<td>kari</td>" in row and "organisasjon" in row
    token = token_in(page)
    added = admin.post(
        "/admin/brukere",
        data={"csrf_token": token, "username": "Nils", "password": PASSWORD, "role": "viewer"},
    )
    assert added.status_code == 302
    assert "Brukeren nils er lagt til" in admin.get(added.headers["Location"]).text
    short = admin.post(
        "/admin/brukere",
        data={"csrf_token": token, "username": "per", "password": "kort", "role": "viewer"},
    )
    assert short.status_code == 400 and "minst 12 tegn" in short.text
    disabled = admin.post(
        "/admin/brukere/status", data={"csrf_token": token, "username": "nils", "disabled": "1"}
    )
    assert disabled.status_code == 302
    assert users.active_user(get_engine(sqlite_url), "nils") is None
    myself = admin.post(
        "/admin/brukere/status", data={"csrf_token": token, "username": "ada", "disabled": "1"}
    )
    assert myself.status_code == 400
    assert users.active_user(get_engine(sqlite_url), "ada") is not None
    # An editor cannot use the admin forms, token or not.
    editor_token = token_in(editor.get("/import").text)
    sneaky = editor.post(
        "/admin/brukere",
        data={"csrf_token": editor_token, "username": "x1", "password": PASSWORD, "role": "admin"},
    )
    assert sneaky.status_code == 403


def test_form_pages_run_no_script(app, sqlite_url):
    _users(sqlite_url)
    client = app.server.test_client()
    assert "<script" not in client.get("/logg-inn").text
    login(client, "ada")
    for path in ("/import", "/admin"):
        page = client.get(path)
        assert "<script" not in page.text
        assert page.headers["Cache-Control"] == "no-store"


# --- the secret key ----------------------------------------------------------------------------


def test_secret_key_rules():
    assert security.secret_key_problem("") is not None
    assert security.secret_key_problem("change-me") is not None
    assert security.secret_key_problem("a" * 40) is not None  # no variety: a placeholder
    assert security.secret_key_problem("Kx8#qZ2!pLm") is not None  # short
    assert security.secret_key_problem("3f9c1e7b2a6d4f8e0c5b9a1d7e3f6c2b8a4d0e9f") is None


@pytest.mark.parametrize("key", ["", "change-me"])
def test_gunicorn_refuses_to_start_without_a_real_secret_key(tmp_path, sqlite_url, key):
    env = {
        **os.environ,
        "SECRET_KEY": key,
        "SECRET_KEY_FILE": str(tmp_path / "missing"),
        "DATABASE_URL": sqlite_url,
        "PORT": str(free_port()),
        "WEB_CONCURRENCY": "1",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "-c", "gunicorn.conf.py", "app:server"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    assert "SECRET_KEY" in result.stderr
