"""The link is the view: every step a user takes is one history entry whose URL reopens the same
view in a fresh page, and Back/Forward walk those entries (drill-down, chart clicks, language,
login)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import BROWSER_PASSWORD, wait_for_page

pytestmark = pytest.mark.browser

FILTERS = ("sektor", "kerneomrade", "year")


def view_of(page) -> dict:
    """What a person sees: the headings (page title, last breadcrumb, goal) and the filters."""
    wait_for_page(page)
    return page.evaluate(
        """(params) => ({
            lang: document.documentElement.lang,
            h1: document.querySelector('h1').innerText.trim(),
            nav: document.querySelector('.main-nav').innerText.trim(),
            crumb: (document.querySelector('.breadcrumb-item.active') || {}).innerText || null,
            goal: (document.querySelector('.goal-heading') || {}).innerText || null,
            filters: Object.fromEntries(params.map(p => [p,
                (document.querySelector(`select[id*='"param":"${p}"']`) || {}).value || null])),
        })""",
        list(FILTERS),
    )


def reopened(browser, url: str) -> dict:
    """The view `url` shows in a new browser context (no history, no state)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        other = context.new_page()
        other.goto(url)
        return view_of(other)
    finally:
        context.close()


def history_length(page) -> int:
    return page.evaluate("history.length")


def step(page, action, url_pattern: str) -> str:
    """Do `action`; the URL matches `url_pattern` and exactly one history entry was added
    (after any follow-up callback has had time to write the URL again)."""
    before = history_length(page)
    action()
    page.wait_for_url(re.compile(url_pattern))
    wait_for_page(page)
    page.wait_for_timeout(400)
    assert history_length(page) == before + 1, page.url
    return page.url


def click_largest_bar(page, card: str) -> None:
    page.locator(f"#{card}").scroll_into_view_if_needed()
    boxes = [b for b in (p.bounding_box() for p in page.locator(f"#{card} .bars path").all()) if b]
    box = max(boxes, key=lambda b: b["width"] * b["height"])
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_drill_down_is_in_the_url_and_back_leaves_it(page, browser, live_server):
    page.goto(live_server("/effektmal"))
    matrix = view_of(page)
    assert matrix["crumb"] and page.locator(".status-matrix").count() == 1

    cell = step(
        page,
        lambda: page.locator(".status-matrix .matrix-link").first.click(),
        r"/effektmal\?sektor=[^&]+&kerneomrade=[^&]+$",
    )
    area = view_of(page)
    assert area["filters"]["kerneomrade"] in cell and area["filters"]["sektor"] in cell
    assert page.locator(".goal-list").count() == 1

    goal = step(
        page,
        lambda: page.locator(".goal-list .goal-title a").first.click(),
        r"/effektmal\?sektor=[^&]+&kerneomrade=[^&]+&goal=[^&]+$",
    )
    assert goal.startswith(cell + "&goal=")  # the whole path down stays in the address
    drilled = view_of(page)
    assert drilled["goal"]

    # A fresh browser opens each URL on the same view.
    assert reopened(browser, cell) == area
    assert reopened(browser, goal) == drilled
    assert reopened(browser, live_server("/effektmal")) == matrix

    page.go_back()
    page.wait_for_url(cell)
    assert view_of(page) == area
    assert page.locator(".goal-heading").count() == 0
    page.go_back()
    page.wait_for_url(live_server("/effektmal"))
    assert view_of(page) == matrix
    assert page.locator(".status-matrix").count() == 1
    page.go_forward()
    page.wait_for_url(cell)
    assert view_of(page) == area
    assert page.console_errors == []


def test_a_chart_click_on_the_overview_is_one_entry_in_the_url(page, browser, live_server):
    page.goto(live_server("/"))
    unfiltered = view_of(page)
    url = step(page, lambda: click_largest_bar(page, "indicator-status"), r"/\?kerneomrade=.+")
    filtered = view_of(page)
    assert filtered["filters"]["kerneomrade"] == url.split("kerneomrade=")[1]
    assert reopened(browser, url) == filtered

    page.go_back()
    page.wait_for_url(live_server("/"))
    page.wait_for_function(
        """() => document.querySelector('select[id*=\\'"param":"kerneomrade"\\']')
                 .value === 'all'"""
    )
    assert view_of(page) == unfiltered
    assert page.console_errors == []


def test_a_filter_change_is_one_entry_and_back_restores_the_filters(page, browser, live_server):
    page.goto(live_server("/minuttjakt?year=2020"))
    before = view_of(page)
    url = step(
        page,
        lambda: page.select_option('select[id*=\'"param":"sektor"\']', "organisasjon"),
        r"sektor=organisasjon",
    )
    after = view_of(page)
    assert after["filters"]["sektor"] == "organisasjon"
    assert reopened(browser, url) == after
    # The header's links follow the view's filters.
    assert "sektor=organisasjon" in page.get_attribute("a.nav-link[href*=effektmal]", "href")
    page.go_back()
    page.wait_for_function(
        """() => document.querySelector('select[id*=\\'"param":"sektor"\\']').value === 'all'"""
    )
    assert view_of(page) == before


def test_language_switch_keeps_the_drilled_view(page, browser, live_server):
    page.goto(live_server("/effektmal"))
    wait_for_page(page)
    page.locator(".status-matrix .matrix-link").first.click()
    page.wait_for_selector(".goal-list .goal-title a")
    page.locator(".goal-list .goal-title a").first.click()
    page.wait_for_url("**goal=**")
    nb = view_of(page)
    nb_url = page.url

    da_url = step(page, lambda: page.click("a.lang-link[lang=da]"), r"lang=da")
    assert "goal=" in da_url and "kerneomrade=" in da_url
    da = view_of(page)
    assert da["lang"] == "da" and da["goal"] == nb["goal"] and da["nav"] != nb["nav"]
    assert reopened(browser, da_url) == da

    page.go_back()
    page.wait_for_url(nb_url)
    assert view_of(page) == nb


def test_login_keeps_language_and_view(page, live_server, browser_users):
    page.context.clear_cookies()
    page.goto(live_server("/admin?lang=da"))
    page.wait_for_selector("#username")
    assert page.evaluate("document.documentElement.lang") == "da"
    assert "lang=da" in page.url
    page.fill("#username", browser_users["admin"])
    page.fill("#password", BROWSER_PASSWORD)
    with page.expect_navigation():
        page.click("form.app-form button[type=submit]")
    assert page.url == live_server("/admin?lang=da")
    assert page.evaluate("document.documentElement.lang") == "da"
    # No presentation mode on a form page.
    assert page.locator(".present-enter").count() == 0

    # Signing out from a view goes back to it, in its language.
    page.goto(live_server("/minuttjakt?lang=da&year=2020"))
    wait_for_page(page)
    with page.expect_navigation():
        page.click("button.logout")
    assert page.url == live_server("/minuttjakt?lang=da&year=2020")
    wait_for_page(page)
    assert page.evaluate("document.documentElement.lang") == "da"

    # The login link carries the view (after an in-place filter change too) and the language.
    page.select_option('select[id*=\'"param":"sektor"\']', "organisasjon")
    page.wait_for_url("**sektor=organisasjon**")
    with page.expect_navigation():
        page.click("a.account-link")
    assert page.evaluate("document.documentElement.lang") == "da"
    page.fill("#username", browser_users["viewer"])
    page.fill("#password", BROWSER_PASSWORD)
    with page.expect_navigation():
        page.click("form.app-form button[type=submit]")
    assert page.url == live_server("/minuttjakt?lang=da&year=2020&sektor=organisasjon")


def test_each_demo_organisation_speaks_its_own_language_and_the_switch_is_one_entry(
    page, browser, live_server
):
    """The Norwegian demo (the default) has Norwegian kjerneområder; choosing the Danish one is
    one history entry to `?org=demo-dk`, whose kerneområder are Danish; Back returns."""
    page.goto(live_server("/effektmal?lang=da"))
    wait_for_page(page)
    norwegian = page.locator(".status-matrix").inner_text()
    assert "Læring og utvikling" in norwegian and "Integrering" in norwegian
    assert "Læring og Udvikling" not in norwegian and "Sundhed" not in norwegian
    select = page.locator('select[id*=\'"param":"org"\']')
    assert select.input_value() == "all"  # the default organisation, not named in the URL
    url = step(page, lambda: select.select_option("demo-dk"), r"org=demo-dk")
    danish = page.locator(".status-matrix").inner_text()
    assert "Læring og Udvikling" in danish and "Børn- og Ungeforvaltningen" in danish
    assert "Læring og utvikling" not in danish
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        fresh = context.new_page()
        fresh.goto(url)
        wait_for_page(fresh)
        assert "Læring og Udvikling" in fresh.locator(".status-matrix").inner_text()
        assert fresh.locator('select[id*=\'"param":"org"\']').input_value() == "demo-dk"
    finally:
        context.close()
    page.go_back()
    page.wait_for_url(re.compile(r"/effektmal\?lang=da$"))
    wait_for_page(page)
    assert "Læring og utvikling" in page.locator(".status-matrix").inner_text()
