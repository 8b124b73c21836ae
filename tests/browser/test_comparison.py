"""An indicator fed from official statistics, in the real browser on the demo data: its trend
draws the municipality, its KOSTRA group and the country as named lines of their own style, the
"compared with" chart ranks it among its peers with the group's line, the source is named, and
axe-core finds nothing in nb, da and en."""

from __future__ import annotations

import pytest

from dashboard.ingest.demo import DEMO_LINKED_INDICATOR
from tests.browser.conftest import wait_for_page
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

# The demo's goal whose first indicator is fed from its demo series (dashboard.ingest.demo).
GOAL = "/effektmal?goal=okonomistyring-1"
TREND = "#trend-okonomistyring-1-i1"
PEERS = "#peers-okonomistyring-1-i1"


def _open(page, live_server, lang: str) -> None:
    page.goto(live_server(f"{GOAL}&lang={lang}"))
    wait_for_page(page)
    page.wait_for_selector(f"{TREND} .js-plotly-plot .legendtext")
    page.wait_for_selector(f"{PEERS} .js-plotly-plot .bars")


def test_trend_draws_group_and_country_lines_and_the_peer_chart_ranks(page, live_server):
    _open(page, live_server, "nb")
    title = page.locator(f"{TREND} .chart-title").inner_text()
    assert DEMO_LINKED_INDICATOR in title.replace("\u00ad", "")  # soft hyphens: a phone's breaks
    legend = page.locator(f"{TREND} .legendtext").all_text_contents()
    assert "Demo kommune" in legend
    assert "KOSTRA-gruppe 7" in legend and "Landet" in legend
    # Told apart by line style, not colour alone: the group dashed, the country dotted.
    dashes = page.evaluate(
        """sel => Array.from(document.querySelectorAll(sel + ' .scatterlayer .trace'))
              .map(t => t.querySelector('path.js-line'))
              .filter(p => p).map(p => p.style.strokeDasharray || 'solid')""",
        TREND,
    )
    assert len(set(dashes)) >= 3, dashes
    summary = page.locator(f"{TREND} .chart-summary").inner_text()
    assert "KOSTRA-gruppe 7" in summary and "Landet" in summary
    assert "Kilde: Demodata" in summary
    # The peer chart: the municipality marked with ◆ among its demo peers, and the group's line.
    peers = page.locator(PEERS)
    labels = peers.locator(".ytick text").all_text_contents()
    assert "◆ Demo kommune" in labels
    assert any(label.startswith("Demo nabo nord") for label in labels)
    assert any(label.startswith("Demo nabo sør") and label.endswith("–") for label in labels)
    assert any("KOSTRA-gruppe 7" in t for t in peers.locator(".legendtext").all_text_contents())
    assert "nr." in peers.locator(".chart-summary").inner_text()
    page.screenshot(path="/tmp/i17-comparison.png", full_page=True)


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_axe_finds_no_violations_on_the_comparison(page, live_server, lang):
    _open(page, live_server, lang)
    for summary in page.locator(f"{TREND} details > summary, {PEERS} details > summary").all():
        summary.click()
    assert axe_violations(page) == []
