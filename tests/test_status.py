"""The status rule (dashboard/status.py), at its boundaries, and the roll-up to goals."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.status import (
    SEVERITY,
    TONE,
    Status,
    classify_indicator,
    count_by_status,
    expected_progress,
    goal_statuses,
    review_status,
    rollup,
    savings_status,
)

# Baseline 2018, target 2024: six years, so 2021 is half-way (e = 0.5, exact in binary).
B, T = 2018, 2024


def classify(a, year=2021, baseline_year=B, target_year=T):
    return classify_indicator(a, year, baseline_year, target_year)


def test_status_values_are_the_catalogue_words():
    assert [s.value for s in Status] == ["met", "on_track", "at_risk", "off_track", "no_data"]
    assert SEVERITY[0] is Status.OFF_TRACK and SEVERITY[-1] is Status.NO_DATA


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2018, 0.0), (2021, 0.5), (2024, 1.0), (2015, 0.0), (2030, 1.0), (2020, 2 / 6)],
)
def test_expected_progress_is_clamped(year, expected):
    assert expected_progress(year, B, T) == pytest.approx(expected)


def test_expected_progress_when_the_target_year_is_not_after_the_baseline():
    assert expected_progress(2020, 2020, 2020) == 1.0
    assert expected_progress(2020, 2021, 2019) == 1.0


def test_met_from_exactly_one():
    assert classify(1.0) is Status.MET
    assert classify(1.5) is Status.MET
    assert classify(1.0, year=2018) is Status.MET  # even in the baseline year
    assert classify(0.9999999) is Status.ON_TRACK  # e = 0.5


def test_on_track_boundary():
    # e = 0.5: on_track from a = 0.4 inclusive.
    assert classify(0.4) is Status.ON_TRACK
    assert classify(0.4 - 1e-6) is Status.AT_RISK
    # e = 1 (target year reached): on_track from 0.9.
    assert classify(0.9, year=2024) is Status.ON_TRACK
    assert classify(0.9 - 1e-6, year=2024) is Status.AT_RISK
    # After the target year e stays 1.
    assert classify(0.9 - 1e-6, year=2030) is Status.AT_RISK


def test_at_risk_boundary():
    # e = 1: at_risk down to 0.65 inclusive, then off_track.
    assert classify(0.65, year=2024) is Status.AT_RISK
    assert classify(0.65 - 1e-6, year=2024) is Status.OFF_TRACK
    assert classify(0.2) is Status.AT_RISK  # e = 0.5, between 0.15 and 0.4


def test_not_moving_or_moving_the_wrong_way_is_off_track_even_when_close():
    # 2021 of 2018→2028: e = 0.3, so a ≥ e − 0.35 = −0.05 is inside the at-risk band, but a ≤ 0.
    assert classify(0.0, year=2021, baseline_year=2018, target_year=2028) is Status.OFF_TRACK
    assert classify(-0.01, year=2021, baseline_year=2018, target_year=2028) is Status.OFF_TRACK
    assert classify(0.0) is Status.OFF_TRACK  # e = 0.5
    assert classify(-0.1, year=2022) is Status.OFF_TRACK  # the fixture's I2
    assert classify(1e-6, year=2021, baseline_year=2018, target_year=2028) is Status.AT_RISK


def test_on_track_needs_no_progress_while_almost_none_is_expected():
    """The documented rule (docs/using.md): on_track is a ≥ e − 0.10, with no a > 0 condition.
    So in the baseline year a value a little below the baseline is still on track."""
    assert classify(0.0, year=B) is Status.ON_TRACK
    assert classify(-0.1, year=B) is Status.ON_TRACK
    assert classify(-0.1 - 1e-6, year=B) is Status.OFF_TRACK


def test_target_year_not_after_baseline_year_expects_everything():
    # e = 1 whatever the year.
    assert classify(0.95, year=2020, baseline_year=2020, target_year=2020) is Status.ON_TRACK
    assert classify(0.8, year=2020, baseline_year=2020, target_year=2019) is Status.AT_RISK
    assert classify(0.5, year=2019, baseline_year=2020, target_year=2020) is Status.OFF_TRACK
    assert classify(1.0, year=2019, baseline_year=2020, target_year=2020) is Status.MET


@pytest.mark.parametrize(
    ("achievement", "year"),
    [(None, 2021), (math.nan, 2021), (0.5, None), (0.5, math.nan), (None, None),
     (float("nan"), float("nan"))],
)
def test_missing_values_are_no_data(achievement, year):
    assert classify_indicator(achievement, year, B, T) is Status.NO_DATA


def test_year_as_float_from_a_frame():
    # The query layer's latest_period is a float column (NaN where there is no value).
    assert classify_indicator(0.5, 2021.0, B, T) is Status.ON_TRACK


def test_exact_boundaries_from_real_numbers():
    # Baseline 50 (2018) → target 60 (2023); 2020: e = 2/5 = 0.4. Value 53: a = 0.3 = e − 0.10.
    assert classify_indicator((53 - 50) / (60 - 50), 2020, 2018, 2023) is Status.ON_TRACK
    # Baseline 50 (2018) → target 70 (2022); 2020: e = 0.5. Value 53: a = 0.15 = e − 0.35.
    assert classify_indicator((53 - 50) / (70 - 50), 2020, 2018, 2022) is Status.AT_RISK


# --- Roll-up ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["met", "on_track"], "on_track"),
        (["met", "off_track", "on_track"], "off_track"),
        (["at_risk", "met"], "at_risk"),
        (["met", "met"], "met"),
        (["met", "no_data"], "met"),  # no_data does not drag a goal down
        (["no_data", "off_track"], "off_track"),
        (["no_data", "no_data"], "no_data"),
        ([], "no_data"),
        ([Status.AT_RISK, Status.ON_TRACK], "at_risk"),
    ],
)
def test_rollup_takes_the_least_favourable_with_data(statuses, expected):
    assert rollup(statuses) == expected
    assert isinstance(rollup(statuses), Status)


def test_rollup_rejects_an_unknown_status():
    with pytest.raises(ValueError):
        rollup(["great"])


def _indicators() -> pd.DataFrame:
    rows = [
        # goal, text, area code, area name, indicator, status
        ("G3", "Flere i arbeid", "X", "Integration", "I4", "no_data"),
        ("G1", "Flere lærer", "A", "Læring", "I1", "on_track"),
        ("G1", "Flere lærer", "A", "Læring", "I2", "off_track"),
        ("G2", "Flere sunde", "B", "Sundhed", "I3", "met"),
        ("G4", "Tryggere", "B", "Sundhed", "I5", "at_risk"),
        ("G4", "Tryggere", "B", "Sundhed", "I6", "no_data"),
    ]
    return pd.DataFrame(
        rows,
        columns=["goal_code", "goal_text", "core_area_code", "core_area_name",
                 "indicator_code", "status"],
    )


def test_goal_statuses():
    frame = goal_statuses(_indicators())
    assert list(frame.columns) == [
        "goal_code", "goal_text", "core_area_code", "core_area_name", "status", "indicators"
    ]
    # In the order the goals first appear.
    assert frame.values.tolist() == [
        ["G3", "Flere i arbeid", "X", "Integration", "no_data", 1],
        ["G1", "Flere lærer", "A", "Læring", "off_track", 2],
        ["G2", "Flere sunde", "B", "Sundhed", "met", 1],
        ["G4", "Tryggere", "B", "Sundhed", "at_risk", 2],
    ]


def test_goal_statuses_of_nothing():
    frame = goal_statuses(_indicators().iloc[0:0])
    assert frame.empty
    assert list(frame.columns) == [
        "goal_code", "goal_text", "core_area_code", "core_area_name", "status", "indicators"
    ]


def test_count_by_status():
    indicators = _indicators()
    assert count_by_status(indicators) == {
        "met": 1, "on_track": 1, "at_risk": 1, "off_track": 1, "no_data": 2
    }
    assert count_by_status(goal_statuses(indicators)) == {
        "met": 1, "on_track": 0, "at_risk": 1, "off_track": 1, "no_data": 1
    }
    empty = count_by_status(indicators.iloc[0:0])
    assert empty == {s.value: 0 for s in Status}
    assert list(empty) == [s.value for s in Status]  # every status, in a fixed order
    assert all(type(v) is int for v in count_by_status(indicators).values())


# --- Card statuses: the worst shown, never success for nothing ----------------------------------


def _completion(*outcomes: str) -> pd.DataFrame:
    return pd.DataFrame({"outcome": list(outcomes), "tasks": [1] * len(outcomes)})


def test_review_status_follows_the_worst_outcome():
    assert review_status(_completion()) == Status.NO_DATA  # no parts: not "all delivered"
    assert review_status(_completion("delivered_on_time")) == Status.MET
    assert review_status(_completion("delivered_on_time", "pending")) == Status.ON_TRACK
    assert review_status(_completion("pending", "delivered_late")) == Status.AT_RISK
    assert review_status(_completion("delivered_late", "late", "pending")) == Status.OFF_TRACK


def test_savings_status():
    assert savings_status(0, 0, None, year_over=True) == Status.NO_DATA
    assert savings_status(0, 0, 0.0, year_over=False) == Status.NO_DATA  # never "0 %" as a state
    assert savings_status(120, 0, 100.0, year_over=False) == Status.MET
    assert savings_status(90, 0, 90.0, year_over=True) == Status.OFF_TRACK
    assert savings_status(90, 0, 90.0, year_over=False) is None  # the year is still running
    assert savings_status(90, 0, None, year_over=True) is None  # no goal: nothing to judge


def test_every_status_has_a_card_tone():
    assert {TONE[s] for s in Status} == {"good", "warning", "bad", "neutral"}
    assert TONE[Status.AT_RISK] == "warning"  # "▲ Usikker" is never a green border
