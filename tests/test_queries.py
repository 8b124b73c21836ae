"""The query layer on the small fixture, against the numbers worked out by hand in
`tests/small_fixture.py`. Every test runs on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import event

from dashboard import queries
from dashboard.db import session_scope
from dashboard.models import (
    CoreArea,
    EffectGoal,
    Indicator,
    IndicatorValue,
    Organisation,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    Unit,
)
from dashboard.queries import Filters
from tests.small_fixture import ORG, load_small_fixture

END_2021 = dt.date(2021, 12, 31)
AUGUST_1 = dt.date(2021, 8, 1)


@pytest.fixture
def db(engine):
    load_small_fixture(engine)
    return engine


def F(**kwargs) -> Filters:  # noqa: N802 - reads like the dataclass it builds
    return Filters(organisation=ORG, **kwargs)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _by(frame: pd.DataFrame, column: str) -> dict:
    return {row[column]: row for row in frame.to_dict("records")}


# --- Filters ----------------------------------------------------------------------------------


def test_filters_with_year_keeps_the_rest():
    filters = Filters(organisation="x", sector="S1", core_area="A", year=2020)
    assert filters.with_year(2021) == Filters("x", "S1", "A", 2021)
    assert filters.with_year(None).year is None
    assert filters.year == 2020  # frozen: the original is unchanged


# --- Filter options ---------------------------------------------------------------------------


def test_organisations(db):
    frame = queries.organisations(db)
    assert list(frame.columns) == ["code", "name", "is_demo"]
    assert frame.to_dict("records") == [{"code": "test", "name": "Testkommune", "is_demo": False}]


def test_sectors_by_name(db):
    frame = queries.sectors(db, ORG)
    assert list(frame.columns) == ["code", "name"]
    assert frame.values.tolist() == [["S2", "Helse"], ["S1", "Skole"]]


def test_core_areas_all_and_per_sector(db):
    frame = queries.core_areas(db, ORG)
    assert list(frame.columns) == ["code", "name", "is_cross_cutting"]
    assert frame.values.tolist() == [
        ["X", "Integration", True],
        ["A", "Læring", False],
        ["B", "Sundhed", False],
    ]
    # A cross-cutting area belongs to both sectors.
    assert queries.core_areas(db, ORG, "S1")["code"].tolist() == ["X", "A"]
    assert queries.core_areas(db, ORG, "S2")["code"].tolist() == ["X", "B"]
    assert queries.core_areas(db, ORG, "NOPE").empty


def test_core_area_sectors(db):
    frame = queries.core_area_sectors(db, F())
    assert list(frame.columns) == ["sector_code", "sector_name", "core_area_code"]
    assert frame.values.tolist() == [
        ["S2", "Helse", "X"],
        ["S2", "Helse", "B"],
        ["S1", "Skole", "X"],
        ["S1", "Skole", "A"],
    ]
    assert queries.core_area_sectors(db, F(sector="S1"))["core_area_code"].tolist() == ["X", "A"]
    assert queries.core_area_sectors(db, F(core_area="X"))["sector_code"].tolist() == ["S2", "S1"]


def test_filter_options_know_the_core_areas_sectors_as_the_query_does(db):
    options = queries.filter_options(db, ORG)
    assert [s["code"] for s in options.sectors] == ["S2", "S1"]
    assert options.years == queries.years(db, ORG)
    for sector, core_area in [
        (None, None), ("S1", None), ("S2", None), ("NOPE", None),
        (None, "X"), ("S1", "A"), ("S2", "A"),
    ]:
        expected = queries.core_area_sectors(db, F(sector=sector, core_area=core_area))
        assert options.core_area_sectors(sector, core_area) == list(
            expected.itertuples(index=False, name=None)
        )


def test_years_per_area(db):
    assert queries.years(db, ORG) == {
        "effect_goals": [2018, 2019, 2020, 2021, 2022],
        "service_review": [2021],
        "savings": [2020, 2021],
    }
    assert queries.years(db, "nope") == {"effect_goals": [], "service_review": [], "savings": []}


# --- Effect goals -----------------------------------------------------------------------------


def test_indicator_status_2022(db):
    frame = queries.indicator_status(db, F(year=2022))
    assert list(frame.columns) == queries.INDICATOR_STATUS_COLUMNS
    # By core-area name (Integration, Læring, Sundhed), then goal and indicator code.
    assert frame["indicator_code"].tolist() == ["I4", "I1", "I2", "I3"]
    rows = _by(frame, "indicator_code")

    i1 = rows["I1"]
    assert (i1["latest_period"], i1["latest_value"]) == (2022, 62)
    assert i1["achievement"] == pytest.approx(0.6)  # (62−50)/(70−50)
    assert i1["status"] == "on_track"  # e = 4/6; 0.6 ≥ 0.567
    assert (i1["core_area_code"], i1["goal_code"], i1["direction"]) == ("A", "G1", "higher")
    assert (i1["baseline_value"], i1["baseline_year"]) == (50, 2018)
    assert (i1["target_value"], i1["target_year"]) == (70, 2024)

    i2 = rows["I2"]
    assert (i2["latest_period"], i2["latest_value"]) == (2022, 21)
    assert i2["achievement"] == pytest.approx(-0.1)  # (21−20)/(10−20): the wrong way
    assert i2["direction"] == "lower"
    assert i2["status"] == "off_track"

    i3 = rows["I3"]
    assert (i3["latest_period"], i3["latest_value"]) == (2022, 21)
    assert i3["achievement"] == pytest.approx(1.1)
    assert i3["status"] == "met"

    i4 = rows["I4"]
    assert _is_missing(i4["latest_period"])
    assert _is_missing(i4["latest_value"])
    assert _is_missing(i4["achievement"])
    assert i4["status"] == "no_data"


def test_indicator_status_without_year_is_the_newest(db):
    newest = queries.indicator_status(db, F())
    in_2022 = queries.indicator_status(db, F(year=2022))
    assert newest["status"].tolist() == in_2022["status"].tolist()
    assert newest["latest_value"].tolist()[1:] == [62, 21, 21]


def test_indicator_status_2021(db):
    rows = _by(queries.indicator_status(db, F(year=2021)), "indicator_code")
    # I1: latest ≤ 2021 is 60 (2021): a = 10/20 = 0.5, e = 3/6 = 0.5 → on_track.
    assert (rows["I1"]["latest_period"], rows["I1"]["latest_value"]) == (2021, 60)
    assert rows["I1"]["achievement"] == pytest.approx(0.5)
    assert rows["I1"]["status"] == "on_track"
    # I2: latest ≤ 2021 is 22 (2020): a = 2/−10 = −0.2 → off_track.
    assert (rows["I2"]["latest_period"], rows["I2"]["latest_value"]) == (2020, 22)
    assert rows["I2"]["achievement"] == pytest.approx(-0.2)
    assert rows["I2"]["status"] == "off_track"
    # I3's only value is 2022: nothing ≤ 2021.
    assert _is_missing(rows["I3"]["latest_value"]) and _is_missing(rows["I3"]["achievement"])
    assert rows["I3"]["status"] == "no_data"
    assert rows["I4"]["status"] == "no_data"


def test_indicator_status_before_any_value(db):
    frame = queries.indicator_status(db, F(year=2017))
    assert len(frame) == 4
    assert set(frame["status"]) == {"no_data"}


def test_indicator_status_sector_filter_keeps_cross_cutting(db):
    s2 = queries.indicator_status(db, F(year=2022, sector="S2"))
    assert sorted(s2["indicator_code"]) == ["I3", "I4"]
    s1 = queries.indicator_status(db, F(year=2022, sector="S1"))
    assert sorted(s1["indicator_code"]) == ["I1", "I2", "I4"]


def test_indicator_status_core_area_filter(db):
    a = queries.indicator_status(db, F(year=2022, core_area="A"))
    assert a["indicator_code"].tolist() == ["I1", "I2"]
    assert set(a["goal_code"]) == {"G1"}
    x = queries.indicator_status(db, F(year=2022, core_area="X"))
    assert x["indicator_code"].tolist() == ["I4"]
    # A core area outside the sector: nothing.
    assert queries.indicator_status(db, F(year=2022, sector="S2", core_area="A")).empty


def test_indicator_series_keeps_the_missing_year_missing(db):
    frame = queries.indicator_series(db, F(), goal_code="G1")
    assert list(frame.columns) == ["indicator_code", "period", "value", "comment", "origin"]
    assert set(frame["origin"]) == {"manual"}  # imported values; none from statistics here
    i1 = frame[frame["indicator_code"] == "I1"]
    assert i1["period"].tolist() == [2018, 2019, 2021, 2022]  # no 2020 row at all
    assert i1["value"].tolist() == [50, 54, 60, 62]
    assert 0 not in i1["value"].tolist()
    comments = dict(zip(i1["period"], i1["comment"], strict=True))
    assert comments[2021] == "Ny metode"
    assert all(_is_missing(comments[p]) for p in (2018, 2019, 2022))
    i2 = frame[frame["indicator_code"] == "I2"]
    assert i2["period"].tolist() == [2020, 2022]
    assert i2["value"].tolist() == [22, 21]


def test_indicator_series_filters(db):
    up_to_2021 = queries.indicator_series(db, F(year=2021))
    assert list(zip(up_to_2021["indicator_code"], up_to_2021["period"], strict=True)) == [
        ("I1", 2018), ("I1", 2019), ("I1", 2021), ("I2", 2020)
    ]
    assert queries.indicator_series(db, F(sector="S2"))["indicator_code"].tolist() == ["I3"]
    assert queries.indicator_series(db, F(), goal_code="G3").empty  # I4 has no values
    assert set(queries.indicator_series(db, F(core_area="A"))["indicator_code"]) == {"I1", "I2"}


def test_theory_of_change(db):
    steps, links = queries.theory_of_change(db, ORG, "G1")
    assert list(steps.columns) == ["code", "kind", "text", "position"]
    assert steps.values.tolist() == [
        ["T1", "intervention", "Lesekurs", 1],
        ["T2", "intervention", "Leksehjelp", 2],
        ["R1", "intermediate_result", "Mer lesing", 3],
        ["E1", "effect", "Flere elever lærer mer", 4],
    ]
    assert list(links.columns) == ["from_code", "to_code", "assumption"]
    assert list(zip(links["from_code"], links["to_code"], strict=True)) == [
        ("T1", "R1"), ("T2", "R1"), ("R1", "E1")
    ]
    assumptions = links["assumption"].tolist()
    assert assumptions[0] == "Foreldre deltar"
    assert _is_missing(assumptions[1]) and _is_missing(assumptions[2])


def test_theory_of_change_of_a_goal_without_one(db):
    for org, goal in ((ORG, "G2"), (ORG, "NOPE"), ("nope", "G1")):
        steps, links = queries.theory_of_change(db, org, goal)
        assert steps.empty and links.empty
        assert list(steps.columns) == ["code", "kind", "text", "position"]
        assert list(links.columns) == ["from_code", "to_code", "assumption"]


# --- Service review ---------------------------------------------------------------------------


def _outcomes(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str, int]]:
    return {
        (r["sector_code"], r["part"]): (r["status"], r["outcome"], r["tasks"])
        for r in frame.to_dict("records")
    }


def test_review_completion_at_year_end(db):
    frame = queries.review_completion(db, F(year=2021), as_of=END_2021)
    assert list(frame.columns) == [
        "sector_code", "sector_name", "part", "status", "outcome", "tasks"
    ]
    assert frame["sector_name"].tolist() == ["Helse", "Helse", "Skole", "Skole"]
    assert _outcomes(frame) == {
        ("S1", "internal_control"): ("submitted", "delivered_on_time", 1),  # 20.06 ≤ 30.06
        ("S1", "budget_operating"): ("submitted", "delivered_late", 1),  # 05.09 > 31.08
        ("S2", "internal_control"): ("not_started", "late", 1),
        ("S2", "budget_investment"): ("in_progress", "late", 1),
    }
    assert frame["tasks"].sum() == 4


def test_review_completion_before_the_august_deadline(db):
    outcomes = _outcomes(queries.review_completion(db, F(year=2021), as_of=AUGUST_1))
    # June's deadline has passed, August's has not: pending, not late.
    assert outcomes[("S2", "internal_control")] == ("not_started", "late", 1)
    assert outcomes[("S2", "budget_investment")] == ("in_progress", "pending", 1)
    # What was delivered is judged by its own date against its deadline: the status is today's,
    # not a reconstruction of 1 August (see the report: submitted_on > as_of is not checked).
    assert outcomes[("S1", "internal_control")] == ("submitted", "delivered_on_time", 1)
    assert outcomes[("S1", "budget_operating")] == ("submitted", "delivered_late", 1)


def test_review_completion_on_the_deadline_is_not_late(db):
    outcomes = _outcomes(
        queries.review_completion(db, F(year=2021), as_of=dt.date(2021, 6, 30))
    )
    assert outcomes[("S2", "internal_control")] == ("not_started", "pending", 1)


def test_review_completion_filters(db):
    s1 = queries.review_completion(db, F(year=2021, sector="S1"), as_of=END_2021)
    assert set(s1["sector_code"]) == {"S1"} and s1["tasks"].sum() == 2
    # Core area B belongs to S2 only; X to both.
    b = queries.review_completion(db, F(year=2021, core_area="B"), as_of=END_2021)
    assert set(b["sector_code"]) == {"S2"}
    x = queries.review_completion(db, F(year=2021, core_area="X"), as_of=END_2021)
    assert x["tasks"].sum() == 4
    assert queries.review_completion(db, F(year=2020), as_of=END_2021).empty


def test_review_outstanding_with_days_late(db):
    frame = queries.review_outstanding(db, F(year=2021), as_of=END_2021)
    assert list(frame.columns) == [
        "unit_code", "unit_name", "sector_name", "part", "status", "deadline", "days_late"
    ]
    assert frame[["unit_code", "part", "status"]].values.tolist() == [
        ["U2", "internal_control", "not_started"],
        ["U2", "budget_investment", "in_progress"],
    ]
    assert frame["deadline"].tolist() == [dt.date(2021, 6, 30), dt.date(2021, 8, 31)]
    # 30.06 → 31.12: 184 days; 31.08 → 31.12: 122 days.
    assert frame["days_late"].tolist() == [184, 122]
    assert set(frame["sector_name"]) == {"Helse"} and set(frame["unit_name"]) == {
        "Hjemmetjenesten"
    }


def test_review_outstanding_before_the_deadline(db):
    frame = queries.review_outstanding(db, F(year=2021), as_of=AUGUST_1)
    assert frame["days_late"].tolist() == [32, 0]  # 30.06 → 01.08: 32 days; August: not yet
    assert queries.review_outstanding(db, F(year=2021, sector="S1"), as_of=END_2021).empty


def test_review_deadlines(db):
    frame = queries.review_deadlines(db, F(year=2021))
    assert list(frame.columns) == [
        "part", "deadline", "tasks", "delivered", "delivered_by_deadline"
    ]
    assert frame.values.tolist() == [
        ["internal_control", dt.date(2021, 6, 30), 2, 1, 1],
        ["budget_investment", dt.date(2021, 8, 31), 1, 0, 0],
        ["budget_operating", dt.date(2021, 8, 31), 1, 1, 0],  # delivered, but after 31.08
    ]
    s2 = queries.review_deadlines(db, F(year=2021, sector="S2"))
    assert s2[["part", "tasks", "delivered"]].values.tolist() == [
        ["internal_control", 1, 0],
        ["budget_investment", 1, 0],
    ]


def test_review_deadlines_are_each_unit_s_own(db):
    """Like with like: a unit given a later deadline (Helse's internal control: 15.09) is judged
    by it, and a sector view lists its own sector's deadlines, never the municipality's."""
    with session_scope(db) as s:
        task = (
            s.query(ServiceReviewTask)
            .join(Unit)
            .filter(Unit.code == "U2", ServiceReviewTask.part == "internal_control")
            .one()
        )
        task.deadline = dt.date(2021, 9, 15)
    september = dt.date(2021, 9, 1)
    outcomes = _outcomes(queries.review_completion(db, F(year=2021), as_of=september))
    assert outcomes[("S2", "internal_control")] == ("not_started", "pending", 1)  # not 30.06
    assert outcomes[("S1", "budget_operating")] == ("submitted", "delivered_late", 1)
    helse = queries.review_deadlines(db, F(year=2021, sector="S2"))
    assert helse[["part", "deadline"]].values.tolist() == [
        ["budget_investment", dt.date(2021, 8, 31)],
        ["internal_control", dt.date(2021, 9, 15)],
    ]
    skole = queries.review_deadlines(db, F(year=2021, sector="S1"))
    assert skole[["part", "deadline"]].values.tolist() == [
        ["internal_control", dt.date(2021, 6, 30)],
        ["budget_operating", dt.date(2021, 8, 31)],
    ]
    # The whole municipality: one row per part and deadline, so both dates are there.
    whole = queries.review_deadlines(db, F(year=2021))
    assert whole[whole["part"] == "internal_control"]["deadline"].tolist() == [
        dt.date(2021, 6, 30),
        dt.date(2021, 9, 15),
    ]
    outstanding = queries.review_outstanding(db, F(year=2021), as_of=september)
    assert outstanding[["unit_code", "part", "days_late"]].values.tolist() == [
        ["U2", "budget_investment", 1],  # 31.08 → 01.09
        ["U2", "internal_control", 0],  # due 15.09: not late yet
    ]


def test_review_budget_totals(db):
    frame = queries.review_budget_totals(db, F(year=2021))
    assert list(frame.columns) == ["sector_code", "sector_name", "part", "amount_nok", "inputs"]
    assert frame.values.tolist() == [
        ["S2", "Helse", "budget_investment", 5_000_000, 1],
        ["S1", "Skole", "budget_operating", 1_000_000, 1],
    ]
    assert queries.review_budget_totals(db, F(year=2021, sector="S1"))["amount_nok"].tolist() == [
        1_000_000
    ]
    assert queries.review_budget_totals(db, F(year=2020)).empty


def test_a_submission_without_a_date_counts_the_same_everywhere(db):
    with session_scope(db) as s:
        u1 = s.query(Unit).filter_by(code="U1").one()
        s.add(ServiceReviewTask(unit_id=u1.id, year=2021, part="renewal_need",
                                deadline=dt.date(2021, 10, 1), status="submitted"))
    completion = queries.review_completion(db, F(year=2021), as_of=END_2021)
    on_time = completion.loc[completion["outcome"] == "delivered_on_time", "tasks"].sum()
    deadlines = queries.review_deadlines(db, F(year=2021))
    assert on_time == 2
    assert deadlines["delivered_by_deadline"].sum() == on_time


# --- Minuttjakt -------------------------------------------------------------------------------


def test_savings_by_month_2020(db):
    frame = queries.savings_by_month(db, F(year=2020))
    assert list(frame.columns) == [
        "month", "measured_hours", "estimated_hours", "measured_cumulative",
        "estimated_cumulative",
    ]
    assert frame["month"].tolist() == list(range(1, 13))
    assert frame["measured_hours"].tolist() == [10, 20] + [0] * 10
    assert frame["estimated_hours"].tolist() == [0, 0, 9] + [0] * 9
    assert frame["measured_cumulative"].tolist() == [10] + [30] * 11
    assert frame["estimated_cumulative"].tolist() == [0, 0] + [9] * 10
    # Measured and estimated stay apart: 30 and 9, never 39.
    assert frame["measured_hours"].sum() == 30
    assert frame["estimated_hours"].sum() == 9
    assert 39 not in frame.drop(columns="month").values


def test_savings_by_month_2021_and_filters(db):
    frame = queries.savings_by_month(db, F(year=2021))
    assert frame["measured_hours"].tolist() == [7] + [0] * 11
    assert frame["measured_cumulative"].iloc[-1] == 7
    assert frame["estimated_cumulative"].iloc[-1] == 0
    s2 = queries.savings_by_month(db, F(year=2020, sector="S2"))
    assert s2["measured_hours"].sum() == 0 and s2["estimated_cumulative"].iloc[-1] == 5
    a = queries.savings_by_month(db, F(year=2020, core_area="A"))  # A → S1 only
    assert a["measured_cumulative"].iloc[-1] == 30 and a["estimated_cumulative"].iloc[-1] == 4


def test_savings_by_month_needs_a_year(db):
    with pytest.raises(ValueError, match="year"):
        queries.savings_by_month(db, F())


def test_savings_by_sector_largest_measured_first(db):
    frame = queries.savings_by_sector(db, F(year=2020))
    assert list(frame.columns) == ["sector_code", "sector_name", "measured_hours",
                                   "estimated_hours"]
    # Skole before Helse, although Helse comes first by name and has more estimated hours.
    assert frame.values.tolist() == [["S1", "Skole", 30, 4], ["S2", "Helse", 0, 5]]
    assert queries.savings_by_sector(db, F(year=2021)).values.tolist() == [["S1", "Skole", 7, 0]]


def test_savings_by_process(db):
    frame = queries.savings_by_process(db, F(year=2020))
    assert list(frame.columns) == [
        "process_code", "process_name", "sector_name", "kind", "stage",
        "measured_hours", "estimated_hours", "runs",
    ]
    assert frame.values.tolist() == [
        ["P1", "Fakturakontroll", "Skole", "automate", "in_production", 30, 4, 250],  # 100 + 150
        ["P2", "Vaktplan", "Helse", "simplify", "in_development", 0, 5, 0],
    ]
    in_2021 = queries.savings_by_process(db, F(year=2021))
    assert in_2021[["process_code", "measured_hours", "runs"]].values.tolist() == [["P1", 7, 40]]
    all_years = queries.savings_by_process(db, F())
    assert _by(all_years, "process_code")["P1"]["runs"] == 290
    assert _by(all_years, "process_code")["P1"]["measured_hours"] == 37


def test_process_pipeline(db):
    frame = queries.process_pipeline(db, F())
    assert list(frame.columns) == ["stage", "kind", "processes"]
    assert sorted(map(tuple, frame.values.tolist())) == [
        ("in_development", "simplify", 1),
        ("in_production", "automate", 1),
    ]
    # Every process of the sectors, whatever its records: the year does not matter.
    assert queries.process_pipeline(db, F(year=2030))["processes"].sum() == 2
    assert queries.process_pipeline(db, F(sector="S2")).values.tolist() == [
        ["in_development", "simplify", 1]
    ]
    assert queries.process_pipeline(db, F(core_area="A")).values.tolist() == [
        ["in_production", "automate", 1]
    ]


def test_savings_goal_hours(db):
    assert queries.savings_goal_hours(db, F(year=2020)) == 100
    # Like with like: a sector is compared with its own goal, and a level without one has none
    # (never the municipality's 100 h).
    assert queries.savings_goal_hours(db, F(year=2020, sector="S1")) == 40
    assert queries.savings_goal_hours(db, F(year=2020, sector="S2")) is None
    assert queries.savings_goal_hours(db, F(year=2020, core_area="A")) is None
    assert queries.savings_goal_hours(db, F(year=2021)) is None
    assert queries.savings_goal_hours(db, F()) is None
    assert queries.savings_goal_hours(db, Filters(year=2020)) is None


def test_savings_totals_from_the_settings(db, monkeypatch):
    monkeypatch.setenv("HOURS_PER_FTE", "1500")
    monkeypatch.setenv("COST_PER_HOUR_NOK", "800")
    months = queries.savings_by_month(db, F(year=2020))
    totals = queries.savings_totals(
        months, goal_hours=queries.savings_goal_hours(db, F(year=2020))
    )
    assert totals.measured_hours == 30
    assert totals.estimated_hours == 9
    assert totals.goal_hours == 100
    assert totals.hours_per_fte == 1500 and totals.cost_per_hour_nok == 800
    assert totals.fte == pytest.approx(30 / 1500)  # measured only, never the estimate
    assert totals.money_nok == pytest.approx(30 * 800)
    assert totals.goal_share == pytest.approx(30.0)


def test_savings_totals_defaults_and_fallback_goal(db, monkeypatch):
    for name in ("HOURS_PER_FTE", "COST_PER_HOUR_NOK", "SAVINGS_GOAL_HOURS"):
        monkeypatch.delenv(name, raising=False)
    months = queries.savings_by_month(db, F(year=2021))
    totals = queries.savings_totals(months, goal_hours=None)  # no goal of its own for 2021
    assert totals.measured_hours == 7 and totals.estimated_hours == 0
    assert totals.goal_hours == 4000  # the SAVINGS_GOAL_HOURS default
    assert totals.fte == pytest.approx(7 / 1695)
    assert totals.money_nok == pytest.approx(7 * 650)
    monkeypatch.setenv("SAVINGS_GOAL_HOURS", "70")
    assert queries.savings_totals(months, goal_hours=None).goal_share == pytest.approx(10.0)
    # No year: nothing, and no goal.
    none = queries.savings_totals(None, goal_hours=None)
    assert (none.measured_hours, none.estimated_hours, none.goal_hours) == (0, 0, None)
    assert none.goal_share is None and none.fte == 0 and none.money_nok == 0
    # The setting is the organisation's configured goal: a sector without one never borrows it.
    sector = queries.savings_totals(months, goal_hours=None, level=queries.GoalLevel.SECTOR)
    assert sector.goal_hours is None and sector.goal_share is None


def test_sector_totals_compare_with_the_sector_goal(db):
    s1 = F(year=2020, sector="S1")
    totals = queries.savings_totals(
        queries.savings_by_month(db, s1),
        goal_hours=queries.savings_goal_hours(db, s1),
        level=queries.goal_level(s1),
        level_name=queries.level_name(db, s1),
    )
    assert (totals.measured_hours, totals.goal_hours, totals.level_name) == (30, 40, "Skole")
    assert totals.goal_share == pytest.approx(75.0)
    assert queries.level_name(db, F(core_area="X")) == "Integration"
    assert queries.level_name(db, F()) is None


def test_derived_values_come_from_the_hours_as_shown(monkeypatch):
    """9 558,5 h reads "9 559 timer"; its kroner, årsverk and share are worked out from 9 559,
    so the page adds up; the exact hours stay in the totals (tables and exports)."""
    monkeypatch.setenv("COST_PER_HOUR_NOK", "650")
    monkeypatch.setenv("HOURS_PER_FTE", "1695")
    months = pd.DataFrame({"measured_hours": [9000.0, 558.5], "estimated_hours": [5310.5, 0.0]})
    totals = queries.savings_totals(months, goal_hours=12000)
    assert totals.measured_hours == 9558.5
    assert totals.shown_hours == 9559
    assert totals.money_nok == 9559 * 650 == 6_213_350
    assert totals.fte == pytest.approx(9559 / 1695)
    assert totals.goal_share == pytest.approx(100 * 9559 / 12000)


# --- Filters reach the SQL --------------------------------------------------------------------


def _empty_results(engine, filters: Filters) -> dict[str, pd.DataFrame]:
    steps, links = queries.theory_of_change(engine, filters.organisation, "G1")
    return {
        "indicator_status": queries.indicator_status(engine, filters),
        "core_area_sectors": queries.core_area_sectors(engine, filters),
        "indicator_series": queries.indicator_series(engine, filters),
        "steps": steps,
        "links": links,
        "review_completion": queries.review_completion(engine, filters, as_of=END_2021),
        "review_outstanding": queries.review_outstanding(engine, filters, as_of=END_2021),
        "review_budget_totals": queries.review_budget_totals(engine, filters),
        "review_deadlines": queries.review_deadlines(engine, filters),
        "savings_by_sector": queries.savings_by_sector(engine, filters),
        "savings_by_process": queries.savings_by_process(engine, filters),
        "process_pipeline": queries.process_pipeline(engine, filters),
        "sectors": queries.sectors(engine, filters.organisation),
        "core_areas": queries.core_areas(engine, filters.organisation),
    }


EMPTY_COLUMNS = {
    "indicator_status": queries.INDICATOR_STATUS_COLUMNS,
    "core_area_sectors": ["sector_code", "sector_name", "core_area_code"],
    "indicator_series": ["indicator_code", "period", "value", "comment", "origin"],
    "steps": ["code", "kind", "text", "position"],
    "links": ["from_code", "to_code", "assumption"],
    "review_completion": ["sector_code", "sector_name", "part", "status", "outcome", "tasks"],
    "review_outstanding": [
        "unit_code", "unit_name", "sector_name", "part", "status", "deadline", "days_late"
    ],
    "review_budget_totals": ["sector_code", "sector_name", "part", "amount_nok", "inputs"],
    "review_deadlines": ["part", "deadline", "tasks", "delivered", "delivered_by_deadline"],
    "savings_by_sector": ["sector_code", "sector_name", "measured_hours", "estimated_hours"],
    "savings_by_process": [
        "process_code", "process_name", "sector_name", "kind", "stage",
        "measured_hours", "estimated_hours", "runs",
    ],
    "process_pipeline": ["stage", "kind", "processes"],
    "sectors": ["code", "name"],
    "core_areas": ["code", "name", "is_cross_cutting"],
}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(organisation="nope", year=2021),
        Filters(organisation="nope"),
        Filters(organisation=ORG, sector="NOPE", year=2021),
        Filters(organisation=ORG, core_area="NOPE", year=2021),
    ],
    ids=["unknown-org-year", "unknown-org", "unknown-sector", "unknown-core-area"],
)
def test_unknown_filters_give_empty_frames_with_the_documented_columns(db, filters):
    results = _empty_results(db, filters)
    if filters.organisation == ORG:  # the options and the theory of change do not filter on these
        for name in ("sectors", "core_areas", "steps", "links"):
            results.pop(name)
    for name, frame in results.items():
        assert frame.empty, name
        assert list(frame.columns) == EMPTY_COLUMNS[name], name
    months = queries.savings_by_month(db, filters.with_year(2020))
    assert months["month"].tolist() == list(range(1, 13))
    assert months[["measured_hours", "estimated_hours", "measured_cumulative",
                   "estimated_cumulative"]].to_numpy().sum() == 0
    if filters.organisation == "nope":
        assert queries.savings_goal_hours(db, filters.with_year(2020)) is None


def test_another_organisation_never_leaks_in(db):
    """A second organisation with data of every kind changes none of the fixture's numbers."""
    with session_scope(db) as s:
        org = Organisation(code="other", name="Annen kommune", is_demo=True)
        s.add(org)
        s.flush()
        sector = Sector(organisation=org, code="S1", name="Skole")  # same codes on purpose
        area = CoreArea(organisation_id=org.id, code="A", name="Læring", sectors=[sector])
        s.add_all([sector, area])
        s.flush()
        goal = EffectGoal(organisation_id=org.id, core_area=area, code="G1",
                          adopted_budget_year=2020, text="Annet mål")
        s.add(goal)
        s.flush()
        indicator = Indicator(organisation_id=org.id, goal=goal, code="I1", name="Annen",
                              unit_of_measure="%", direction="higher", baseline_value=0,
                              baseline_year=2018, target_value=10, target_year=2024)
        s.add(indicator)
        s.flush()
        s.add(IndicatorValue(indicator=indicator, period=2022, value=999))
        unit = Unit(organisation_id=org.id, sector=sector, code="U1", name="Annen skole")
        s.add(unit)
        s.flush()
        s.add(ServiceReviewTask(unit=unit, year=2021, part="internal_control",
                                deadline=dt.date(2021, 6, 30), status="not_started",
                                amount_nok=None))
        process = SavingsProcess(organisation_id=org.id, sector=sector, code="P1",
                                 name="Annen prosess", kind="remove", stage="idea")
        s.add(process)
        s.flush()
        s.add_all([
            SavingsRecord(process=process, period=dt.date(2020, 1, 1), hours=1000,
                          basis="measured", runs=5),
            SavingsGoal(organisation_id=org.id, year=2020, hours=5000),
        ])

    assert queries.indicator_status(db, F(year=2022))["latest_value"].tolist()[1:] == [62, 21, 21]
    assert queries.indicator_series(db, F())["value"].max() == 62
    assert queries.review_completion(db, F(year=2021), as_of=END_2021)["tasks"].sum() == 4
    assert len(queries.review_outstanding(db, F(year=2021), as_of=END_2021)) == 2
    assert queries.review_deadlines(db, F(year=2021))["tasks"].sum() == 4
    assert queries.savings_by_month(db, F(year=2020))["measured_cumulative"].iloc[-1] == 30
    assert queries.savings_by_sector(db, F(year=2020))["measured_hours"].tolist() == [30, 0]
    assert queries.savings_by_process(db, F(year=2020))["runs"].tolist() == [250, 0]
    assert queries.process_pipeline(db, F())["processes"].sum() == 2
    assert queries.savings_goal_hours(db, F(year=2020)) == 100
    assert queries.years(db, ORG)["effect_goals"] == [2018, 2019, 2020, 2021, 2022]
    assert queries.sectors(db, ORG)["code"].tolist() == ["S2", "S1"]
    assert queries.core_area_sectors(db, F())["sector_code"].tolist() == ["S2", "S2", "S1", "S1"]
    assert queries.theory_of_change(db, "other", "G1")[0].empty
    # And the other way round.
    other = Filters(organisation="other", year=2020)
    assert queries.savings_by_month(db, other)["measured_cumulative"].iloc[-1] == 1000
    assert queries.savings_goal_hours(db, other) == 5000
    assert queries.savings_goal_hours(db, replace(other, sector="S1")) is None
    assert queries.indicator_status(db, other.with_year(2022))["latest_value"].tolist() == [999]
    assert queries.organisations(db)["code"].tolist() == ["other", "test"]  # by name


def test_filters_are_applied_in_sql(db):
    """Every statement the query layer sends carries the organisation code as a parameter, and
    what comes back is a handful of grouped rows, not a table."""
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(db, "before_cursor_execute", capture)
    try:
        filters = Filters(organisation="nope", year=2021)
        results = _empty_results(db, filters)
        queries.savings_by_month(db, filters)
        queries.savings_goal_hours(db, filters)
        queries.years(db, "nope")
    finally:
        event.remove(db, "before_cursor_execute", capture)
    assert all(frame.empty for frame in results.values())
    assert statements
    for statement, parameters in statements:
        assert "WHERE" in statement.upper(), statement
        values = parameters.values() if isinstance(parameters, dict) else parameters
        assert "nope" in list(values), statement
