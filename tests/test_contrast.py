"""Colours keep WCAG 2.1 contrast: every colour a chart draws data with has ≥ 3:1 against the
background (1.4.11 non-text contrast), text ≥ 4.5:1 (1.4.3), and stacked segments are parted by
a white line or a pattern, so neighbours need not differ in colour alone."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import charts, theme
from dashboard.view_state import view_state
from tests.small_fixture import load_small_fixture

WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    """Relative luminance, as WCAG 2.1 defines it."""
    colour = colour.lstrip("#")
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_on_known_pairs():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    "colour",
    [
        *(c for c, _ in theme.STATUS_STYLE.values()),
        *(c for c, _ in theme.OUTCOME_STYLE.values()),
        theme.MEASURED_COLOUR,
        theme.ESTIMATED_COLOUR,
        theme.TARGET_COLOUR,
        theme.BASELINE_COLOUR,
    ],
)
def test_data_colours_have_3_to_1_against_white(colour):
    assert contrast(colour, WHITE) >= 3


def test_text_has_4_5_to_1():
    assert contrast(theme.TEXT_COLOUR, WHITE) >= 4.5
    assert contrast(theme.BASELINE_COLOUR, WHITE) >= 4.5  # it labels the baseline too


def _colours(value) -> list[str]:
    if isinstance(value, str) and value.startswith("#"):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str) and v.startswith("#")]
    return []


def test_every_chart_draws_its_data_in_colours_with_3_to_1(sqlite_url):
    from dashboard.db import get_engine

    engine = get_engine(sqlite_url)
    load_small_fixture(engine)
    checked = 0
    for query in ({"year": ["2020"]}, {"year": ["2021"]}, {"year": ["2022"], "goal": ["G1"]}):
        frames = charts.Frames(engine, view_state(query, engine=engine))
        chart_ids = [r.id for r in charts.registry()] + ["trend-I1", charts.THEORY_OF_CHANGE_ID]
        for chart_id in chart_ids:
            chart = charts.build(chart_id, frames)
            if chart is None or chart.figure is None or chart.empty:
                continue
            figure = go.Figure(chart.figure)  # read through plotly's objects
            for trace in figure.data:
                marker = getattr(trace, "marker", None)
                line = getattr(trace, "line", None)
                used = []
                if marker is not None:
                    used += _colours(marker.color)
                if line is not None and trace.type == "scatter":
                    used += _colours(line.color)
                for colour in used:
                    assert contrast(colour, WHITE) >= 3, (chart_id, trace.name, colour)
                    checked += 1
                if trace.type == "bar" and marker.pattern.shape:
                    # plotly's default "replace" draws the pattern on a transparent background:
                    # a white pattern then hides the whole bar (it did, for estimated hours).
                    assert marker.pattern.fillmode == "overlay", (chart_id, trace.name)
                if trace.type == "bar" and figure.layout.barmode == "stack":
                    parted = (marker.line.color == WHITE and (marker.line.width or 0) >= 1) or (
                        marker.pattern.shape
                    )
                    assert parted, (chart_id, trace.name)
    assert checked > 20
