"""Presentation mode, driven as a seminar presenter would: keys a clicker sends, through the
deck and out again to the same view."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

FILTERS = "sektor=kultur-naering&kerneomrade=naering-reiseliv&year=2025"


def slide_counter(page) -> tuple[int, int]:
    text = page.locator(".present-count").inner_text()
    number, total = map(int, re.findall(r"\d+", text))
    return number, total


def wait_for_slide(page, number: int) -> None:
    page.wait_for_function(
        "n => { const el = document.querySelector('.present-count');"
        " return el && el.innerText.match(/\\d+/)[0] === String(n); }", arg=number)
    wait_for_page(page, selector=".presentation")


def test_the_deck_by_keyboard_and_back_to_the_view(page, live_server):
    page.goto(live_server(f"/effektmal?{FILTERS}"))
    wait_for_page(page)
    page.locator(".present-enter").click()
    page.wait_for_url("**present=1**")
    wait_for_page(page, selector=".presentation")
    assert page.locator(".app-header").count() == 0  # no filter chrome
    assert page.locator(".filter-bar").count() == 0
    assert "Kultur og næring" in page.locator(".present-subtitle").inner_text()
    number, total = slide_counter(page)
    assert number == 1 and total >= 4

    keys = ["ArrowRight", "Space", "PageDown"]
    for expected in range(2, total + 1):
        page.keyboard.press(keys[expected % len(keys)])
        wait_for_slide(page, expected)
        assert page.locator(".present-graph, .empty-result").count() >= 1
    # At the end, "next" goes nowhere.
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert slide_counter(page) == (total, total)

    page.keyboard.press("PageUp")
    wait_for_slide(page, total - 1)
    page.keyboard.press("ArrowLeft")
    wait_for_slide(page, total - 2)

    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present')")
    wait_for_page(page)
    assert "sektor=kultur-naering" in page.url and "slide=" not in page.url
    assert page.locator(".filter-bar").count() == 1


def test_auto_advance_moves_on_and_pauses_on_input(page, live_server):
    # The page's clock is Playwright's: the test moves time on instead of waiting for it.
    page.clock.install()
    page.goto(live_server(f"/?{FILTERS}&present=1&auto=5"))
    wait_for_page(page, selector=".presentation")
    assert slide_counter(page)[0] == 1
    page.clock.fast_forward(4_000)
    assert slide_counter(page)[0] == 1 and "slide=2" not in page.url  # not before its time
    page.clock.fast_forward(1_100)
    wait_for_slide(page, 2)  # advanced by itself after 5 s
    page.mouse.move(200, 200)  # input pauses it for a minute
    page.clock.fast_forward(50_000)  # ten slides' worth of time
    assert slide_counter(page)[0] == 2 and "slide=3" not in page.url
    page.clock.fast_forward(11_000)  # the pause is over: on it goes
    wait_for_slide(page, 3)


def test_presentation_type_is_readable_from_far_away(browser, live_server):
    for width, height in ((1920, 1080), (3840, 2160)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(live_server(f"/?{FILTERS}&present=1"))
        wait_for_page(page, selector=".presentation")
        title_px = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.present-title')).fontSize)")
        assert title_px >= 0.04 * height  # about 45 px on a 1080p projector
        context.close()


def test_auto_advance_loops_for_a_foyer_screen(page, live_server):
    """loop=1: after the last slide the first again, and on; without it the deck stops."""
    page.goto(live_server(f"/?{FILTERS}&present=1"))
    wait_for_page(page, selector=".presentation")
    _, total = slide_counter(page)
    page.clock.install()
    page.goto(live_server(f"/?{FILTERS}&present=1&slide={total}&auto=5&loop=1"))
    wait_for_page(page, selector=".presentation")
    assert slide_counter(page) == (total, total)
    assert page.locator("#present-next").get_attribute("aria-disabled") is None
    page.clock.fast_forward(5_100)
    wait_for_slide(page, 1)  # by itself, after 5 s
    assert "loop=1" in page.url and "auto=5" in page.url
    page.clock.fast_forward(5_100)
    wait_for_slide(page, 2)  # and on


def test_the_agenda_lists_every_goal_and_links_to_its_slide(page, live_server):
    page.goto(live_server(f"/effektmal?{FILTERS}"))
    wait_for_page(page)
    page.locator(".present-enter").click()
    wait_for_page(page, selector=".presentation .agenda-list")
    assert slide_counter(page)[0] == 1
    assert page.locator(".present-title").inner_text() == "Agenda"
    goals = page.locator(".agenda-level-2 a")
    assert goals.count() >= 2
    second = goals.nth(1)
    text = second.locator(".agenda-text").inner_text()
    number = int(second.locator(".agenda-slide").inner_text().split()[-1])
    second.focus()
    page.keyboard.press("Enter")
    wait_for_slide(page, number)
    assert page.locator(".present-title").inner_text() == text
