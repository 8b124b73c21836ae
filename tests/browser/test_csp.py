"""The Content-Security-Policy in a real browser: every view, the presentation mode, the login,
import and admin pages, a filter change (clientside callbacks) and an upload, each loaded in
Chromium under the policy the app sends. No `securitypolicyviolation` event and no console error
may fire, and the charts must be drawn. Also: signing in and out through the forms, CSRF tokens
included, as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import sign_in, wait_for_page

pytestmark = pytest.mark.browser

TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "templates" / "1_organisasjon.xlsx"
CHART_VIEWS = ["/", "/effektmal", "/tjenestegjennomgang?year=2021", "/minuttjakt?year=2020"]
WATCH_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(
    e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error collected."""
    page.add_init_script(WATCH_JS)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.console_list = console  # type: ignore[attr-defined]
    return page


def problems(page) -> list[str]:
    violations = page.evaluate("() => window.__cspViolations || []")
    return violations + page.console_list + page.console_errors


def goto(page, url: str, selector: str = ".app-shell"):
    response = page.goto(url)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    wait_for_page(page, selector=selector)
    return response


@pytest.mark.parametrize("path", CHART_VIEWS)
def test_each_view_draws_its_charts_under_the_csp(watched, live_server, browser_users, path):
    sign_in(watched, live_server, browser_users["admin"])  # the header's logout form too
    goto(watched, live_server(path))
    assert watched.locator(".chart-graph .main-svg").count() > 0
    assert problems(watched) == []


def test_presentation_mode_under_the_csp(watched, live_server):
    goto(watched, live_server("/?present=1"), selector=".presentation")
    for _ in range(3):  # on through the slides, charts among them
        watched.keyboard.press("ArrowRight")
        wait_for_page(watched, selector=".presentation")
    watched.wait_for_selector(".present-graph .main-svg")
    assert problems(watched) == []


def test_a_filter_change_runs_the_clientside_callbacks_under_the_csp(watched, live_server):
    goto(watched, live_server("/minuttjakt?year=2020"))
    with watched.expect_response(lambda r: "_dash-update-component" in r.url):
        watched.select_option('select[id*="\\"param\\":\\"sektor\\""]', "organisasjon")
    watched.wait_for_url("**sektor=organisasjon**")
    wait_for_page(watched)
    assert watched.locator(".chart-graph .main-svg").count() > 0
    assert problems(watched) == []


def test_the_form_pages_under_the_csp(watched, live_server, browser_users):
    goto(watched, live_server("/logg-inn"))
    sign_in(watched, live_server, browser_users["editor"])
    goto(watched, live_server("/import"))
    watched.set_input_files("#file", str(TEMPLATE))
    watched.check("#dry_run")
    with watched.expect_navigation():
        watched.click("form.app-form button[type=submit]")
    assert "prøvekjøring" in watched.locator(".alert").inner_text()
    sign_in(watched, live_server, browser_users["admin"])
    goto(watched, live_server("/admin"))
    assert watched.locator("table").count() >= 1
    assert problems(watched) == []


def test_sign_in_and_out_through_the_forms(page, live_server, browser_users):
    page.goto(live_server("/import"))
    page.wait_for_url("**/logg-inn?next=%2Fimport")
    page.fill("#username", browser_users["editor"])
    page.fill("#password", "wrong password!")
    page.click("form.app-form button[type=submit]")
    page.wait_for_selector(".alert-danger")
    sign_in(page, live_server, browser_users["editor"])
    page.goto(live_server("/effektmal"))
    wait_for_page(page)
    assert page.locator("a[href='/import']").count() == 1
    assert page.locator("a[href='/admin']").count() == 0
    with page.expect_navigation():
        page.click("button.logout")  # a Dash-drawn form: its token rides on the button
    wait_for_page(page)
    assert page.locator(".account-link").inner_text() == "Logg inn"
    assert page.locator("a[href='/import']").count() == 0
