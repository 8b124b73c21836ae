"""What only a browser shows: the views render with the demo data, a filter change updates every
chart in one round trip, the URL carries the state (copy, reload, back), and the drill-down
reaches a goal with its theory of change."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

CHART_DATA_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    el => JSON.stringify({id: el.closest('.chart-card').id, data: el.data}))"""


def charts(page) -> dict[str, dict]:
    """Each chart's data as Plotly holds it (parsed: a chart updated in place and one drawn
    anew hold the same data, their keys in another order)."""
    return {chart["id"]: chart for chart in map(json.loads, page.evaluate(CHART_DATA_JS))}


def select_filter(page, param: str, value: str) -> None:
    page.select_option(f'select[id*="\\"param\\":\\"{param}\\""]', value)


def filter_value(page, param: str) -> str:
    return page.eval_on_selector(f'select[id*="\\"param\\":\\"{param}\\""]', "el => el.value")


@pytest.mark.parametrize(
    ("path", "chart_ids"),
    [
        ("/", {"indicator-status", "review-by-sector", "savings-cumulative"}),
        ("/effektmal", {"indicator-status"}),
        ("/tjenestegjennomgang", {"review-by-sector", "review-by-part", "review-timeline",
                                  "review-budget"}),
        ("/minuttjakt", {"savings-cumulative", "savings-by-sector", "savings-pipeline",
                         "savings-by-process"}),
    ],
)
def test_each_view_renders_its_charts_with_the_demo_data(page, live_server, path, chart_ids):
    page.goto(live_server(path))
    wait_for_page(page)
    assert chart_ids <= set(charts(page))
    assert page.locator(".demo-badge").is_visible()
    assert page.locator(".empty-result").count() == 0
    assert page.console_errors == []


def test_a_filter_change_updates_every_chart_in_one_round_trip(page, live_server):
    page.goto(live_server("/tjenestegjennomgang?year=2021"))
    wait_for_page(page)
    before = charts(page)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if "_dash-update-component" in r.url else None)
    with page.expect_response(lambda r: "_dash-update-component" in r.url):
        select_filter(page, "sektor", "helse-velferd")
    page.wait_for_url("**sektor=helse-velferd**")
    wait_for_page(page)
    page.wait_for_timeout(300)  # let any follow-up callback fire, so it would be counted
    after = charts(page)
    assert set(after) == set(before)
    for chart_id in before:
        assert after[chart_id] != before[chart_id], f"{chart_id} did not change"
    assert len(posts) == 1
    assert filter_value(page, "sektor") == "helse-velferd"


def test_a_copied_link_reopens_the_same_view_and_back_restores_the_previous(page, live_server):
    page.goto(live_server("/minuttjakt?year=2020"))
    wait_for_page(page)
    unfiltered = charts(page)
    # The charts are redrawn in place: wait for the view's answer, not for a new page.
    with page.expect_response(lambda r: "_dash-update-component" in r.url):
        select_filter(page, "sektor", "organisasjon")
    page.wait_for_url("**sektor=organisasjon**")
    wait_for_page(page)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    filtered = charts(page)
    link = page.url

    other = page.context.new_page()
    other.goto(link)
    wait_for_page(other)
    assert filter_value(other, "sektor") == "organisasjon"
    assert filter_value(other, "year") == "2020"
    assert charts(other) == filtered
    other.close()

    page.go_back()
    page.wait_for_function("() => !location.search.includes('sektor=')")
    wait_for_page(page)
    page.wait_for_function(
        "() => document.querySelector('select[id*=sektor]').value === 'all'")
    assert charts(page) == unfiltered


def test_drill_down_reaches_a_goal_with_its_indicators_and_theory_of_change(page, live_server):
    page.goto(live_server("/effektmal"))
    wait_for_page(page)
    page.locator(".status-matrix .matrix-link").first.click()
    page.wait_for_url("**kerneomrade=**")
    page.wait_for_selector(".goal-list .goal-title a")
    page.locator(".goal-list .goal-title a").first.click()
    page.wait_for_url("**goal=**")
    wait_for_page(page)
    assert page.locator("#theory-of-change .js-plotly-plot").count() == 1
    indicator_cards = page.locator(".goal-indicators-col .chart-card")
    assert 2 <= indicator_cards.count() <= 4
    assert page.locator(".breadcrumb-item").count() >= 3
    # The diagram's text alternative names interventions and the effect.
    page.locator("#theory-of-change .change-text summary").click()
    assert page.locator("#theory-of-change .change-text li").count() >= 3
