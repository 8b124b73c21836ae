"""The app under a sub-path (/styring/) in a real browser: views draw their charts, the
navigation and a filter change stay inside the prefix, nothing asked for is missing."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import LiveServer, wait_for_page

pytestmark = pytest.mark.browser
PREFIX = "/styring/"


@pytest.fixture(scope="module")
def prefixed_server(demo_database):
    from app import create_app

    app = create_app(database_url=demo_database, url_prefix=PREFIX)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()


def test_views_work_under_the_prefix(page, prefixed_server):
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(prefixed_server(f"{PREFIX}minuttjakt?year=2020"))
    wait_for_page(page)
    assert page.locator(".chart-graph .main-svg").count() >= 3
    page.click(".main-nav a[href^='/styring/effektmal']")
    page.wait_for_url(f"**{PREFIX}effektmal**")
    wait_for_page(page, selector="#effect-matrix")
    assert page.locator("h1").inner_text()
    # Every link on the page stays under the prefix.
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    inside = [h for h in hrefs if not h.startswith("#")]
    assert inside and all(h.startswith(PREFIX) for h in inside), inside
    assert failed == [] and page.console_errors == []
