"""Browser tests: the real app served on loopback, driven by Playwright in the system Chromium.

Never a downloaded browser: Playwright launches CHROMIUM_PATH (Debian's chromium). Without it
the tests skip, unless REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from dashboard import migrate
from dashboard.db import get_engine
from dashboard.harness.browser import chromium_path, launch
from tests.conftest import require_chromium


@pytest.fixture(scope="session")
def browser():
    path = require_chromium(chromium_path())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, path)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> str:
    """A SQLite database with the demo data, shared by the browser tests (they only read)."""
    from dashboard.ingest import demo

    path = tmp_path_factory.mktemp("browser") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    demo.load_demo(get_engine(url))
    return url


class LiveServer:
    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture(scope="session")
def live_server(demo_database) -> Iterator[LiveServer]:
    """The app on a free loopback port, in a thread of the test process."""
    from app import create_app

    app = create_app(database_url=demo_database)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()


def wait_for_page(page, *, selector: str = ".app-shell") -> None:
    """Until Dash has rendered the view, no callback is pending and every chart is drawn (and
    the first response's static copy of the view, components/prerender.py, is gone: it matches
    the same selectors, but it is inert and hidden from assistive technology)."""
    page.wait_for_selector(selector, timeout=20_000)
    page.wait_for_function(
        """() => !document.getElementById('prerendered')
                 && !document.querySelector('[data-dash-is-loading="true"]')
                 && Array.from(document.querySelectorAll('.chart-graph'))
                        .every(g => g.querySelector('.main-svg'))""",
        timeout=20_000,
    )


BROWSER_PASSWORD = "browser test password"


@pytest.fixture(scope="session")
def browser_users(demo_database) -> dict[str, str]:
    """A built-in user per role in the browser tests' database: {role: user name}."""
    from dashboard import users

    engine = get_engine(demo_database)
    existing = {u.username for u in users.list_users(engine)}
    names = {"viewer": "leser", "editor": "redaktor", "admin": "admin"}
    for role, name in names.items():
        if name not in existing:
            users.add_user(engine, name, BROWSER_PASSWORD, role)
    return names


def sign_in(page, live_server, name: str) -> None:
    """Through the login form, as a person would (signed out of any earlier user first)."""
    page.context.clear_cookies()
    # Back to the login page afterwards: it says at once who is signed in (no Dash to wait for).
    page.goto(live_server("/logg-inn?next=/logg-inn"))
    page.fill("#username", name)
    page.fill("#password", BROWSER_PASSWORD)
    with page.expect_navigation():
        page.click("form.app-form button[type=submit]")
    assert page.locator(".account-name").count() == 1, page.content()[:2000]
