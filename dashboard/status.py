"""The status rule for indicators and goals, in one place (documented in docs/using.md).

For an indicator with baseline b (in year yb), target t (in year yt) and latest value v (in year y):
- achievement a = (v − b) / (t − b): the share of the way from baseline to target, direction
  included (a lower-is-better indicator has t < b, so a falling value gives a positive a);
- expected progress e = (y − yb) / (yt − yb), clamped to 0…1: how far along it should be by now.

    met        a ≥ 1                       the target is reached
    on_track   a ≥ e − 0.10                at most 10 points behind the straight line to the target
    at_risk    a ≥ e − 0.35 and a > 0      moving the right way, but behind
    off_track  otherwise                   far behind, or moving the wrong way
    no_data    no value, or t = b

A goal takes the least favourable status of its indicators that have data.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

import pandas as pd


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


ON_TRACK_MARGIN = 0.10
AT_RISK_MARGIN = 0.35
# Floating point puts a value exactly on a boundary (0.3 vs 0.4 − 0.1) a hair below it; an
# indicator exactly on the line gets the better status.
TOLERANCE = 1e-9

# Least favourable first; used to roll indicators up to a goal.
SEVERITY = (Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK, Status.MET, Status.NO_DATA)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def expected_progress(latest_year: int, baseline_year: int, target_year: int) -> float:
    if target_year <= baseline_year:
        return 1.0
    return min(max((latest_year - baseline_year) / (target_year - baseline_year), 0.0), 1.0)


def classify_indicator(
    achievement: float | None,
    latest_year: int | None,
    baseline_year: int,
    target_year: int,
) -> Status:
    if _missing(achievement) or _missing(latest_year):
        return Status.NO_DATA
    assert achievement is not None and latest_year is not None
    if achievement >= 1 - TOLERANCE:
        return Status.MET
    expected = expected_progress(int(latest_year), baseline_year, target_year)
    if achievement >= expected - ON_TRACK_MARGIN - TOLERANCE:
        return Status.ON_TRACK
    if achievement >= expected - AT_RISK_MARGIN - TOLERANCE and achievement > 0:
        return Status.AT_RISK
    return Status.OFF_TRACK


def rollup(statuses: Iterable[str]) -> Status:
    """The least favourable status among those with data; no_data when none has data."""
    present = {Status(s) for s in statuses}
    for status in SEVERITY:
        if status in present and status is not Status.NO_DATA:
            return status
    return Status.NO_DATA


def goal_statuses(indicators: pd.DataFrame) -> pd.DataFrame:
    """goal_code, goal_text, core_area_code, core_area_name, status, indicators: one row per goal.

    Works on the small per-indicator frame of `queries.indicator_status`.
    """
    columns = ["goal_code", "goal_text", "core_area_code", "core_area_name", "status", "indicators"]
    if indicators.empty:
        return pd.DataFrame(columns=columns)
    # A groupby(sort=False) in plain Python: a few dozen rows, and pandas' groupby cost several
    # ms on every filter change. Goals in the order they first appear; a row with a missing
    # key is left out, as groupby does.
    goals: dict[tuple, list[str]] = {}
    keys = ("goal_code", "goal_text", "core_area_code", "core_area_name")
    for *key, status in zip(*(indicators[k] for k in keys), indicators["status"], strict=True):
        if any(v is None or v != v for v in key):
            continue
        goals.setdefault(tuple(key), []).append(status)
    rows = [(*key, str(rollup(found)), len(found)) for key, found in goals.items()]
    return pd.DataFrame(rows, columns=columns)


def count_by_status(frame: pd.DataFrame) -> dict[str, int]:
    """How many rows have each status, with every status present (0 where none)."""
    # Counted in plain Python: value_counts costs more than the few dozen rows (every change).
    counts = Counter(frame["status"]) if not frame.empty else Counter()
    return {status.value: counts[status.value] for status in Status}


def count_sums(keys: Iterable[object], counts: Iterable[int]) -> dict[object, int]:
    """{key: sum of its counts}: groupby(key)[counts].sum() for the few rows of a grouped
    query's whole-number counts, in plain Python (pandas' groupby costs more than the rows)."""
    sums: dict[object, int] = {}
    for key, count in zip(keys, counts, strict=True):
        if key is None or key != key:  # a missing key is left out, as groupby does
            continue
        sums[key] = sums.get(key, 0) + int(count)
    return sums


# A card's border follows the worst status it shows (the word and icon say it too).
TONE: dict[str, str] = {
    Status.MET: "good",
    Status.ON_TRACK: "good",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "bad",
    Status.NO_DATA: "neutral",
}


def review_status(completion: pd.DataFrame) -> Status:
    """The service review in the status words, from `queries.review_completion`'s outcomes:
    a part not delivered after its deadline is off track; one delivered after it, at risk;
    parts whose deadline is still ahead, on track; every part delivered in time, met. No parts:
    no data (never "all delivered")."""
    if completion.empty or not completion["tasks"].sum():
        return Status.NO_DATA
    outcomes = set(completion.loc[completion["tasks"] > 0, "outcome"])
    if "late" in outcomes:
        return Status.OFF_TRACK
    if "delivered_late" in outcomes:
        return Status.AT_RISK
    if "pending" in outcomes:
        return Status.ON_TRACK
    return Status.MET


def savings_status(
    measured: float, estimated: float, goal_share: float | None, *, year_over: bool
) -> Status | None:
    """Met when the goal is reached, off track when the year is over and it was not; no data
    without any hours. None (nothing to judge yet) when the level has no goal, or in a year
    still running."""
    if not measured and not estimated:
        return Status.NO_DATA
    if goal_share is None:
        return None
    if goal_share >= 100:
        return Status.MET
    return Status.OFF_TRACK if year_over else None
