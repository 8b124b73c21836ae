"""The texts a leader reads, in a real browser on the demo data: a sector compared with its own
savings goal, no data said as no data, and an indicator's assessment under its chart and on its
slide."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

ASSESSMENT = "Vurdering 2022: Ambisjonen på 75,3 % er ikke nådd (71,9 % året før)"


def _text(page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


def test_a_sector_is_compared_with_its_own_goal(page, live_server):
    page.goto(live_server("/minuttjakt?sektor=helse-velferd&year=2020"))
    wait_for_page(page)
    card = _text(page, ".kpi-card")
    # Helse og velferd: 472 measured hours against its own 600 (79 %), not the municipality's
    # 3 000 (16 %).
    assert "472 timer" in card
    assert "Mål for Helse og velferd: 600 timer (79 % nådd)" in card
    assert "3 000" not in card and "16 %" not in card
    summary = _text(page, "#savings-cumulative .chart-summary")
    assert "Målet for Helse og velferd er 600 timer, og 79 % er nådd." in summary


def test_a_sector_without_a_goal_says_so(page, live_server):
    page.goto(live_server("/minuttjakt?sektor=kultur-naering&year=2022"))
    wait_for_page(page)
    card = _text(page, ".kpi-card")
    assert "Ingen egne mål for Kultur og næring i 2022" in card
    assert "5 500" not in card  # the municipality's goal is not borrowed


def test_a_year_without_review_parts_says_no_data(page, live_server):
    page.goto(live_server("/tjenestegjennomgang?year=2019"))
    wait_for_page(page)
    body = " ".join(page.locator("main").inner_text().split())
    assert "Alle deler er levert" not in body
    assert "Ingen data for dette utvalget" in body or "Ingen oppgaver" in body


def test_the_assessment_is_under_the_chart_and_on_the_slide(page, live_server):
    query = "kerneomrade=arbeid&goal=arbeid-1&year=2022"
    page.goto(live_server(f"/effektmal?{query}"))
    wait_for_page(page)
    notes = page.locator(".chart-assessment").all_inner_texts()
    assert ASSESSMENT in notes
    found = False
    for number in range(1, 10):
        page.goto(live_server(f"/effektmal?{query}&present=1&slide={number}"))
        wait_for_page(page, selector=".present-body")
        if ASSESSMENT in page.locator(".present-body").inner_text():
            assert page.locator(".present-assessment").count() >= 1
            found = True
            break
    assert found, "no slide shows the assessment"
