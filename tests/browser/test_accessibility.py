"""Universal design, checked in the real browser: axe-core finds no WCAG 2.1 A/AA violations on
any view, in any language; everything is reachable by keyboard with a visible focus; the layout
reflows at 320 px width and at 200 % zoom without losing content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import sign_in, wait_for_page

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWS = ["/", "/effektmal", "/tjenestegjennomgang?year=2021", "/minuttjakt?year=2020",
         "/effektmal?sektor=helse-velferd&kerneomrade=hjemmetjenester",
         "/tilgjengelighet", "/?present=1&sektor=kultur-naering",
         "/effektmal?present=1&sektor=kultur-naering&slide=3", "/logg-inn",
         # The Danish demo organisation (its own names and longer forvaltning names).
         "/?org=demo-dk", "/effektmal?org=demo-dk&kerneomrade=ledige&goal=ledige-1"]
# Form pages only signed-in users reach (as the admin, who may open them all).
SIGNED_IN_VIEWS = ["/import", "/admin"]

LANGUAGES = ["nb", "da", "en"]


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    # Evaluated through the DevTools protocol: a <script> tag with axe inline would be (rightly)
    # blocked by the app's Content-Security-Policy, which stays on while axe runs.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                              'best-practice']}
        })"""
    )
    return [
        {"id": v["id"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def _goto(page, url: str) -> None:
    page.goto(url)
    wait_for_page(page, selector=".presentation" if "present=1" in url else ".app-shell")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", VIEWS)
def test_axe_finds_no_violations(page, live_server, path, lang):
    separator = "&" if "?" in path else "?"
    _goto(page, live_server(f"{path}{separator}lang={lang}"))
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.lang") == lang


def test_axe_finds_no_violations_in_a_goal_drill_down(page, live_server):
    page.goto(live_server("/effektmal"))
    wait_for_page(page)
    page.locator(".status-matrix .matrix-link").first.click()
    page.wait_for_selector(".goal-list .goal-title a")
    page.locator(".goal-list .goal-title a").first.click()
    page.wait_for_url("**goal=**")
    wait_for_page(page)
    # Open every text alternative too: their tables must be clean as well.
    for summary in page.locator("details > summary").all():
        summary.click()
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", SIGNED_IN_VIEWS)
def test_axe_finds_no_violations_on_the_signed_in_pages(page, live_server, browser_users, path,
                                                         lang):
    sign_in(page, live_server, browser_users["admin"])
    _goto(page, live_server(f"{path}?lang={lang}"))
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.lang") == lang


def test_axe_finds_no_violations_in_an_import_report_with_errors(page, live_server,
                                                                  browser_users, tmp_path):
    sign_in(page, live_server, browser_users["editor"])
    _goto(page, live_server("/import"))
    # Indicator values for an indicator and a year that do not exist: the error table.
    bad = tmp_path / "indikatorverdier.csv"
    bad.write_text("organisasjon;indikator;år;verdi;kommentar\n"
                   "demo;finnes-ikke;2016;42;\ndemo;arbeid-unge-i1;tjue;1,5;\n", encoding="utf-8")
    page.set_input_files("#file", str(bad))
    page.check("#dry_run")
    with page.expect_navigation():
        page.click("form.app-form button[type=submit]")
    assert page.locator(".alert-danger").count() == 1
    assert page.locator("table.data-table tbody tr").count() >= 2
    assert axe_violations(page) == []
