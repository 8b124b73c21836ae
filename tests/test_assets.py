"""Lighter pages: a plotly.js bundle with the trace types the charts use (the version plotly.py
writes figures for), fingerprinted assets cached for a year, no grid library, a description."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from app import create_app
from dashboard import charts
from dashboard.db import get_engine
from dashboard.view_state import view_state
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "assets" / "plotly-basic.min.js"
# The trace types of plotly.js's "basic" partial bundle (its dist README).
BASIC_TRACES = {"scatter", "bar", "pie"}


def test_the_bundle_is_plotly_basic_of_the_version_plotly_py_writes_for():
    header = BUNDLE.read_text(encoding="utf-8")[:200]
    assert re.search(r"plotly\.js \(basic - minified\) v(\S+)", header).group(1) == (
        get_plotlyjs_version()
    )
    npm_copy = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    if npm_copy.exists():  # the vendored file is the npm package's (make plotly-bundle)
        assert npm_copy.read_bytes() == BUNDLE.read_bytes()


@pytest.mark.parametrize("year", ["2020", "2021"])
def test_every_chart_uses_only_trace_types_of_the_bundle(sqlite_url, year):
    engine = get_engine(sqlite_url)
    load_small_fixture(engine)
    state = view_state({"year": [year]}, engine=engine)
    goal = charts.Frames(engine, state).indicator_status["goal_code"].iloc[0]
    drilled = view_state({"year": [year], "goal": [goal]}, engine=engine)
    frames = charts.Frames(engine, drilled)
    ids = [r.id for r in charts.registry()] + [
        f"{charts.INDICATOR_PREFIX}{code}" for code in frames.indicator_status["indicator_code"]
    ]
    seen = set()
    for chart_id in ids:
        chart = charts.build(chart_id, frames)
        if chart is not None and chart.figure is not None:
            seen |= {trace["type"] for trace in chart.figure["data"]}
    assert seen and seen <= BASIC_TRACES, seen


def test_pages_load_the_partial_bundle_and_no_grid(sqlite_url):
    client = create_app(database_url=sqlite_url).server.test_client()
    page = client.get("/minuttjakt").get_data(as_text=True)
    assert re.search(r'<script src="/assets/plotly-basic\.min\.js\?m=[\d.]+"', page)
    assert "ag-grid" not in page and "dash_ag_grid" not in page
    description = re.search(r'<meta name="description" content="([^"]+)"', page)
    assert description and "effektmål" in description.group(1)


def test_fingerprinted_assets_are_cached_for_a_year(sqlite_url):
    client = create_app(database_url=sqlite_url).server.test_client()
    page = client.get("/").get_data(as_text=True)
    url = re.search(r'src="(/assets/links\.js\?m=[\d.]+)"', page).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == 31_536_000
    assert response.cache_control.public and response.cache_control.immutable
    unfingerprinted = client.get("/assets/links.js")
    assert unfingerprinted.cache_control.max_age != 31_536_000
