"""Keyboard everywhere with a visible focus, and a layout that reflows at 320 px and 200 %."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

FOCUS_OUTLINE_JS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {tag: el.tagName, id: el.id, text: (el.innerText || '').trim().slice(0, 40),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def test_keyboard_walk_through_the_overview(page, live_server):
    page.goto(live_server("/?year=2021"))
    wait_for_page(page)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_OUTLINE_JS)
    assert first["tag"] == "A" and first["outline"], first  # the skip link, visible
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("() => !!document.activeElement.closest('#main')")
    assert inside_main

    # From the top again: every focus stop shows its focus, and the filters are reachable.
    page.goto(live_server("/?year=2021"))
    wait_for_page(page)
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_OUTLINE_JS)
        if stop["tag"] == "BODY":  # past the last stop: focus wraps to the browser
            break
        stops.append(stop)
    assert len(stops) > 20
    assert all(s["outline"] for s in stops), [s for s in stops if not s["outline"]]
    # The modebar's buttons are named in the page's language.
    names = page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map(b => b.getAttribute('aria-label'))"
    )
    assert names and "Zoom inn" in names and all(names)
    assert any(s["tag"] == "SELECT" for s in stops)
    assert any(s["tag"] == "SUMMARY" and s["text"].startswith("Last ned") for s in stops)
    assert any(s["tag"] == "SUMMARY" for s in stops)  # the tables behind the charts


def test_a_snapshot_by_keyboard_from_the_export_menu(page, live_server):
    page.goto(live_server("/minuttjakt?year=2020&sektor=organisasjon"))
    wait_for_page(page)
    menu = page.locator("#savings-by-sector .export-menu summary")
    assert menu.get_attribute("aria-label").startswith("Last ned «Sparte timer 2020 per sektor")
    menu.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = page.evaluate(
        "() => ({text: document.activeElement.innerText, href: document.activeElement.href,"
        " download: document.activeElement.getAttribute('download')})")
    assert link["text"] == "PNG-bilde (2×) – trykk"
    assert "/export/savings-by-sector.png?" in link["href"]
    assert "sektor=organisasjon" in link["href"] and "year=2020" in link["href"]
    assert link["download"].startswith("minuttjakt_sektor_organisasjon_2020_")
    response = page.request.get(link["href"])
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert response.body()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_filter_changed_by_keyboard_keeps_the_focus(page, live_server):
    page.goto(live_server("/minuttjakt?year=2020"))
    wait_for_page(page)
    select = page.locator('select[id*="sektor"]')
    select.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**sektor=**")
    wait_for_page(page)
    page.wait_for_function("() => document.activeElement.tagName === 'SELECT'")
    assert "sektor" in page.evaluate("document.activeElement.id")


@pytest.mark.parametrize("width", [320, 720])  # 720 CSS px is a 1440 px screen at 200 % zoom
@pytest.mark.parametrize("path", ["/", "/effektmal", "/tjenestegjennomgang?year=2021",
                                  "/minuttjakt?year=2020"])
def test_the_layout_reflows_without_horizontal_scrolling(browser, live_server, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server(path))
    wait_for_page(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{overflow}px horizontal scroll at {width}px"
    # Nothing is cut off: every chart card fits the viewport width.
    too_wide = page.evaluate(
        """w => Array.from(document.querySelectorAll('.chart-card, .kpi-card'))
                 .filter(el => el.getBoundingClientRect().right > w + 1).length""", width)
    assert too_wide == 0
    context.close()
