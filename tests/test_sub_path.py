"""Served under a sub-path of an intranet (URL_PREFIX=/styring/, as in
https://intranett.kommune.no/styring/): every view, its data request, every export, form,
redirect and link works there, and nothing is served or linked outside the prefix."""

from __future__ import annotations

import io
import re

import pytest

from app import create_app
from dashboard import users
from dashboard.db import get_engine
from dashboard.harness.view_request import UPDATE_PATH, readable, view_body
from dashboard.ingest import demo
from dashboard.routes import VIEWS, Route

PREFIX = "/styring/"
PASSWORD = "et langt nok passord 123"
HREF = re.compile(r'(?:href|action|src)="([^"]+)"')
JSON_HREF = re.compile(r'"(?:href|action|src)": "([^"]+)"')


@pytest.fixture
def client(sqlite_url):
    engine = get_engine(sqlite_url)
    demo.load_demo(engine)
    users.add_user(engine, "ada", PASSWORD, "admin")
    app = create_app(database_url=sqlite_url, redis_url="", url_prefix=PREFIX)
    return app.server.test_client()


def _links(text: str, pattern: re.Pattern = HREF) -> list[str]:
    return [
        link
        for link in pattern.findall(text)
        if not link.startswith(("#", "http://", "https://", "data:", "mailto:"))
    ]


def _assert_under_prefix(links: list[str]) -> None:
    outside = [link for link in links if not link.startswith(PREFIX)]
    assert links and outside == []


def _token(html: str) -> str:
    field = re.search(r'<(?:input|button)[^>]*name="csrf_token"[^>]*>', html)
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def _login(client) -> None:
    page = client.get(f"{PREFIX}logg-inn")
    answer = client.post(
        f"{PREFIX}logg-inn",
        data={
            "username": "ada",
            "password": PASSWORD,
            "next": f"{PREFIX}admin",
            "csrf_token": _token(page.text),
        },
    )
    assert answer.status_code == 302 and answer.headers["Location"] == f"{PREFIX}admin"


@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_every_view_loads_under_the_prefix_and_links_inside_it(client, view):
    page = client.get(PREFIX + view.lstrip("/") + "?lang=da")
    assert page.status_code == 200
    # Dash's own scripts, styles and callback URL carry the prefix.
    assert '"requests_pathname_prefix":"\\u002fstyring\\u002f"' in page.text
    _assert_under_prefix(_links(page.text))
    # The view's content comes through the router's callback, asked for under the prefix.
    data = client.post(
        PREFIX + UPDATE_PATH.lstrip("/"),
        json=view_body(pathname=PREFIX + view.lstrip("/"), search="?lang=da"),
    )
    assert data.status_code == 200
    content = readable(data.text)
    links = _links(content, JSON_HREF)
    _assert_under_prefix(links)
    assert any("/export/" in link for link in links) or view == Route.OVERVIEW


def test_nothing_is_served_outside_the_prefix(client):
    for path in ("/", "/minuttjakt", "/export/savings-by-sector.csv", "/logg-inn", "/healthz"):
        assert client.get(path).status_code == 404, path


def test_exports_and_health_answer_under_the_prefix(client):
    csv = client.get(f"{PREFIX}export/savings-by-sector.csv?year=2020")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "Helse og velferd" in csv.data.decode("utf-8-sig")
    xlsx = client.get(f"{PREFIX}export/review-by-sector.xlsx")
    assert xlsx.status_code == 200
    assert client.get(f"{PREFIX}healthz").status_code == 200
    assert client.get(f"{PREFIX}export/nope.csv").status_code == 404


def test_the_forms_post_and_redirect_inside_the_prefix(client):
    # Anonymous: the import page sends to the login page, which comes back to it afterwards.
    answer = client.get(f"{PREFIX}import?lang=en")
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(f"{PREFIX}logg-inn?") and "lang=en" in location
    assert "next=%2Fstyring%2Fimport" in location
    login_page = client.get(location)
    assert login_page.status_code == 200 and 'lang="en"' in login_page.text
    _assert_under_prefix(_links(login_page.text))
    _login(client)
    admin = client.get(f"{PREFIX}admin")
    assert admin.status_code == 200
    _assert_under_prefix(_links(admin.text))
    added = client.post(
        f"{PREFIX}admin/brukere",
        data={
            "csrf_token": _token(admin.text),
            "username": "nils",
            "password": PASSWORD,
            "role": "viewer",
        },
    )
    assert added.status_code == 302 and added.headers["Location"].startswith(f"{PREFIX}admin?")
    upload = client.get(f"{PREFIX}import")
    _assert_under_prefix(_links(upload.text))
    checked = client.post(
        f"{PREFIX}import",
        data={
            "csrf_token": _token(upload.text),
            "dry_run": "1",
            "file": (io.BytesIO(b"not;a;template\n1;2;3\n"), "x.csv"),
        },
        content_type="multipart/form-data",
    )
    assert checked.status_code == 200 and "alert" in checked.text
    logout = client.post(f"{PREFIX}logg-ut", data={"csrf_token": _token(checked.text)})
    assert logout.status_code == 302 and logout.headers["Location"].startswith(PREFIX)


def test_a_next_outside_the_prefix_is_refused(client):
    page = client.get(f"{PREFIX}logg-inn")
    answer = client.post(
        f"{PREFIX}logg-inn",
        data={
            "username": "ada",
            "password": PASSWORD,
            "next": "/annen-app/",
            "csrf_token": _token(page.text),
        },
    )
    assert answer.headers["Location"] == PREFIX


def test_error_pages_link_home_inside_the_prefix(client):
    refused = client.post(  # no CSRF token: 400 with the error page
        f"{PREFIX}logg-inn", data={"username": "ada"}, headers={"Accept": "text/html"}
    )
    assert refused.status_code == 400 and "error-page" in refused.text
    links = _links(refused.text)
    _assert_under_prefix(links)
    assert PREFIX in links and f"{PREFIX}assets/style.css" in links


def test_the_prefix_setting_is_checked(monkeypatch):
    from dashboard import settings

    monkeypatch.setenv("URL_PREFIX", "styring")
    assert settings.value("URL_PREFIX") == "/styring/"
    monkeypatch.setenv("URL_PREFIX", "/sty ring/")
    assert any(line.startswith("URL_PREFIX=") for line in settings.problems())
