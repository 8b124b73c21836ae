"""Requests that used to end in a 500 (and a traceback in the log) now get a 4xx; unknown paths a
404 page; a real robots.txt; /healthz says what it observed; the session cookie's Secure flag
follows HTTPS through a trusted proxy as HSTS does; Dash's first-request setup holds under
concurrent first requests."""

from __future__ import annotations

import logging
import re
import threading

import pytest

from app import create_app
from dashboard.db import get_engine
from dashboard.harness.view_request import UPDATE_PATH, free_port, view_body
from tests.small_fixture import load_small_fixture

ENV = ("REQUIRE_LOGIN", "HOST", "SESSION_COOKIE_SECURE", "TRUSTED_PROXY_ADDRESSES", "REDIS_URL")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app(sqlite_url):
    load_small_fixture(get_engine(sqlite_url))
    return create_app(database_url=sqlite_url, redis_url="")


def no_traceback(caplog) -> None:
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]


def test_json_nested_ten_thousand_deep_is_a_400(app, caplog):
    client = app.server.test_client()
    deep = "[" * 10_000 + "]" * 10_000
    response = client.post(UPDATE_PATH, data=deep, content_type="application/json")
    assert response.status_code == 400
    body = view_body()
    value: object = "x"
    for _ in range(40):  # valid JSON, but deeper than anything the renderer sends
        value = [value]
    body["inputs"][0]["value"] = value
    assert client.post(UPDATE_PATH, json=body).status_code == 400
    nested = '{"output": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}"
    assert client.post(UPDATE_PATH, data=nested, content_type="application/json").status_code in (
        400,
        413,
    )
    assert client.post(UPDATE_PATH, json=view_body()).status_code == 200  # still serves
    no_traceback(caplog)


@pytest.mark.parametrize("scale", ["²", "①", "٣", "２", "1²"])
@pytest.mark.parametrize("name", ["savings-cumulative.png", "savings-cumulative.svg",
                                  "savings-cumulative.pdf", "savings-cumulative.csv",
                                  "savings-cumulative.xlsx", "deck.pdf"])  # fmt: skip
def test_a_unicode_digit_in_scale_is_a_400_on_every_format(app, caplog, name, scale):
    response = app.server.test_client().get(f"/export/{name}", query_string={"scale": scale})
    assert response.status_code == 400
    no_traceback(caplog)


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/nonexistent/x.js",
        "/_dash-component-suites/dash/nonexistent.v1_0_0m1.js",
        "/_dash-component-suites/os/path.js",
        "/_dash-component-suites/dash/../../etc/passwd",
        "/_dash-component-suites/dash/deps/polyfill@7.v9_9_9m1.min.js",
    ],
)
def test_unknown_component_suite_paths_are_a_404_without_a_traceback(app, caplog, path):
    client = app.server.test_client()
    client.get("/")  # after Dash's setup, too
    assert client.get(path).status_code == 404
    no_traceback(caplog)


def _scripts(index_html: str) -> list[str]:
    return re.findall(r'src="(/_dash-component-suites/[^"]+)"', index_html)


def test_concurrent_first_requests_all_get_dash_scripts(sqlite_url):
    # The scripts of the index, asked by 12 threads at once as the very first requests of a
    # fresh app (a browser's parallel loads right after a start).
    scripts = _scripts(create_app(database_url=sqlite_url, redis_url="").server.test_client()
                       .get("/").text)  # fmt: skip
    assert len(scripts) > 5
    for _round in range(3):
        app = create_app(database_url=sqlite_url, redis_url="")
        barrier = threading.Barrier(12)
        statuses: list[int] = []

        def load(path: str, app=app, barrier=barrier, statuses=statuses) -> None:
            client = app.server.test_client()
            barrier.wait()
            statuses.append(client.get(path).status_code)

        threads = [threading.Thread(target=load, args=(scripts[i % len(scripts)],))
                   for i in range(12)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert statuses == [200] * 12


@pytest.mark.parametrize("path", ["/nope", "/minuttjakt/x", "/wp-login.php", "/.env", "/admin/x"])
def test_unknown_paths_are_a_404_page(app, path):
    response = app.server.test_client().get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "<!DOCTYPE html>" in response.text and "_dash-renderer" not in response.text


@pytest.mark.parametrize("path", ["/", "/minuttjakt", "/minuttjakt/", "/effektmal",
                                  "/tjenestegjennomgang", "/tilgjengelighet"])  # fmt: skip
def test_the_views_are_still_found(app, path):
    assert app.server.test_client().get(path).status_code == 200


def test_robots_txt_is_real_and_open_under_require_login(sqlite_url, monkeypatch):
    monkeypatch.setenv("REQUIRE_LOGIN", "1")
    app = create_app(database_url=sqlite_url, redis_url="")
    favicon = app.server.test_client().get("/favicon.ico")  # asked by every browser
    assert favicon.status_code == 200 and favicon.mimetype == "image/x-icon"
    response = app.server.test_client().get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.text == "User-agent: *\nDisallow: /\n"


def test_healthz_says_redis_is_unreachable_on_its_first_call(sqlite_url):
    app = create_app(database_url=sqlite_url, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    response = app.server.test_client().get("/healthz")
    assert response.status_code == 200  # the database answers; the cache is only reported
    assert response.get_json()["cache"] == "unreachable"


def test_healthz_says_redis_when_redis_answers(sqlite_url):
    app = create_app(database_url=sqlite_url, redis_url="redis://127.0.0.1:6379/14")
    assert app.server.test_client().get("/healthz").get_json()["cache"] == "redis"


@pytest.mark.parametrize(
    ("peer", "trusted"), [("127.0.0.1", True), ("10.9.9.9", False)]
)  # fmt: skip
def test_the_cookie_is_secure_behind_a_trusted_tls_proxy_as_hsts_is(
    sqlite_url, monkeypatch, peer, trusted
):
    monkeypatch.setenv("TRUSTED_PROXY_ADDRESSES", "127.0.0.1")
    app = create_app(database_url=sqlite_url, redis_url="")  # HOST 127.0.0.1 (make run)
    client = app.server.test_client(use_cookies=False)
    client.environ_base["REMOTE_ADDR"] = peer
    page = client.get("/logg-inn", headers={"X-Forwarded-Proto": "https"})
    assert ("Secure" in page.headers["Set-Cookie"]) is trusted
    assert ("Strict-Transport-Security" in page.headers) is trusted
