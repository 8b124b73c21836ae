"""Demo data: two fictional organisations built on the facts in the seed documents, each in its
own language and labelled as demo data.

- "Demo kommune" (`norway.py`, code `demo`): Sandnes' tjenesteområder as sectors, Odense's
  effect-goal model in Norwegian practice, Øvre Eiker's tjenestens gjennomgang and Sandnes'
  minuttjakt with exactly 3 389 measured hours in 2020, and demo comparison statistics;
- "Demo Kommune (DK)" (`denmark.py`, code `demo-dk`): Odense's forvaltninger and kerneområder in
  Danish, so that `?org=demo-dk` and the Danish UI have data in their own language.

The result depends on `seed` alone: one `random.Random` per organisation, drawn in a fixed order,
no clock, no dict/set ordering that could vary. Everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from dashboard.data_version import AREAS, bump_data_version
from dashboard.db import session_scope
from dashboard.ingest.demo import denmark, norway
from dashboard.ingest.demo.spec import (
    AT_RISK,
    MET,
    ON_TRACK,
    ONE_DECIMAL_UNITS,
    DemoOrganisation,
    Ind,
)
from dashboard.models import (
    ChangeLink,
    ChangeStep,
    ChangeStepKind,
    ComparisonKind,
    ComparisonRegion,
    CoreArea,
    EffectGoal,
    Indicator,
    IndicatorValue,
    Organisation,
    ReviewPart,
    ReviewStatus,
    SavingsBasis,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    StatRegion,
    StatRegionKind,
    StatSeries,
    StatValue,
    Unit,
    core_area_sector,
)
from dashboard.statistics.link import sync_indicators

DEFAULT_SEED = 2021
# Loaded in this order, each with its own random stream (seed + offset): adding an organisation
# never changes the numbers of one before it.
ORGANISATIONS: tuple[tuple[DemoOrganisation, int], ...] = (
    (norway.ORGANISATION, 0),
    (denmark.ORGANISATION, 1000),
)

# The Norwegian organisation is the default view (the first by name) and the one the tests'
# and benchmark's hand-checked numbers come from.
DEMO_ORGANISATION_CODE = norway.CODE
DEMO_ORGANISATION_NAME = norway.NAME
SECTORS = norway.SECTORS
UNITS = norway.UNITS
CORE_AREAS = norway.CORE_AREAS
GOALS = norway.GOALS
PROCESSES = norway.PROCESSES


# --- Service review, minuttjakt: the same rules for every demo organisation ----------------


# Series run over these years; a generated series starts in one of the first two and ends in 2024
# or 2025 (the newest figures are not always published by the May seminar).
VALUE_YEARS = range(2016, 2026)


# --- Service review (tjenestens gjennomgang) -----------------------------------------------------

# Deadlines as in 2021 (30.06 internal control, 31.08 budget inputs), shifted to each year.
REVIEW_DEADLINES: tuple[tuple[ReviewPart, int, int], ...] = (
    (ReviewPart.INTERNAL_CONTROL, 6, 30),
    (ReviewPart.BUDGET_OPERATING, 8, 31),
    (ReviewPart.BUDGET_INVESTMENT, 8, 31),
    (ReviewPart.RENEWAL_NEED, 8, 31),
)
REVIEW_YEARS = range(2021, 2027)

# Shares of (submitted on time, submitted late, in progress, not started) per year. 2026 is the
# year in course, with more still outstanding.
REVIEW_MIX: dict[int, tuple[float, float, float, float]] = {
    2021: (0.70, 0.15, 0.09, 0.06),
    2022: (0.80, 0.14, 0.04, 0.02),
    2023: (0.83, 0.13, 0.03, 0.01),
    2024: (0.86, 0.11, 0.02, 0.01),
    2025: (0.86, 0.10, 0.03, 0.01),
    2026: (0.52, 0.16, 0.19, 0.13),
}

# Budget inputs in kroner (min, max), rounded to 10 000.
BUDGET_RANGE: dict[ReviewPart, tuple[int, int]] = {
    ReviewPart.BUDGET_OPERATING: (200_000, 6_000_000),
    ReviewPart.BUDGET_INVESTMENT: (1_000_000, 15_000_000),
}

SAVINGS_END = dt.date(2026, 10, 1)  # the last month with records
# Robot volumes grow a little every year as more cases go through them.
RUNS_GROWTH_PER_YEAR = 0.08
# Fewer cases in the summer holiday and at Christmas (January first).
MONTH_FACTOR = (1.0, 1.0, 1.05, 0.95, 1.0, 1.0, 0.55, 0.9, 1.05, 1.05, 1.05, 0.85)


# --- Public API -------------------------------------------------------------------------------


def database_is_empty(engine: Engine) -> bool:
    """True when the database holds no organisation at all (the CLI's --if-empty)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Organisation)).scalar_one() == 0


def load_demo(engine: Engine, *, seed: int = DEFAULT_SEED) -> None:
    """Load every demo organisation in one transaction; refuse if one of them is already there."""
    with session_scope(engine) as session:
        codes = [org.code for org, _ in ORGANISATIONS]
        existing = session.scalars(select(Organisation.code).where(Organisation.code.in_(codes)))
        found = sorted(existing)
        if found:
            raise ValueError(
                f"The demo organisation {found[0]!r} already exists; "
                "delete it before loading the demo again."
            )
        org_ids = [
            _load_organisation(session, org, random.Random(seed + offset), seed + offset)
            for org, offset in ORGANISATIONS
        ]
        # In the same transaction: every cache sees the new data at its next request.
        bump_data_version(session, org_ids, AREAS)


def _load_organisation(
    session: Session, org: DemoOrganisation, rng: random.Random, seed: int
) -> int:
    org_id = _insert_ids(
        session,
        Organisation,
        [
            {
                "code": org.code,
                "name": org.name,
                "is_demo": True,
                "region_code": org.region_code,
            }
        ],
    )[0]
    sector_ids = _load_sectors(session, org, org_id)
    unit_ids = _load_units(session, org, org_id, sector_ids)
    _load_goals(session, org, org_id, sector_ids, rng)
    _load_service_review(session, org, unit_ids, rng)
    _load_savings(session, org, org_id, sector_ids, unit_ids, rng)
    if org.region_code == DEMO_REGION:
        # Its own random stream: the data above stays what it was before statistics came.
        _load_statistics(session, org_id, random.Random(seed + 17))
    return org_id


# --- Comparison statistics (demo data) --------------------------------------------------------
# The demo's region and its comparison regions, as `data/templates` has them (`sammenligning`).
# The series has the shape of a KOSTRA key figure (SSB table 12134: per municipality, KOSTRA group
# and country, yearly), but every number is invented, its id says demo and its source line says
# so: it is never passed off as Statistics Norway's.
DEMO_REGION = "9999"
DEMO_SERIES = "ssb:demo-12134:netto-driftsresultat"
DEMO_LINKED_INDICATOR = norway.LINKED_INDICATOR
# (code, name, kind in the store, comparison kind, position, offset from the demo's own values)
DEMO_COMPARISON = (
    ("EKG07", "KOSTRA-gruppe 7", StatRegionKind.GROUP, ComparisonKind.GROUP, 1, 0.6),
    ("EAK", "Landet", StatRegionKind.COUNTRY, ComparisonKind.COUNTRY, 2, 0.9),
    ("9998", "Demo nabo nord", StatRegionKind.MUNICIPALITY, ComparisonKind.PEER, 3, -0.4),
    ("9997", "Demo nabo sør", StatRegionKind.MUNICIPALITY, ComparisonKind.PEER, 4, 1.3),
)
DEMO_PEERS_ONLY_IN_STORE = (("9996", "Demo nabo vest", 0.2), ("9995", "Demo nabo øst", -1.1))


def _load_statistics(session: Session, org_id: int, rng: random.Random) -> None:
    """A demo series in the statistics store, for the demo's region, its KOSTRA group, the
    country and its peers; the indicator of the same name takes its values from it."""
    indicator = session.scalar(
        select(Indicator).where(
            Indicator.organisation_id == org_id, Indicator.name == DEMO_LINKED_INDICATOR
        )
    )
    own = session.execute(
        select(IndicatorValue.period, IndicatorValue.value)
        .where(IndicatorValue.indicator_id == indicator.id)
        .order_by(IndicatorValue.period)
    ).all()
    series_id = _insert_ids(
        session,
        StatSeries,
        [
            {
                "code": DEMO_SERIES,
                "source": "ssb",
                "table_id": "demo-12134",
                "content": "netto-driftsresultat",
                "label": "Netto driftsresultat i prosent av brutto driftsinntekter (demodata)",
                "unit": "prosent",
                "decimals": 1,
                "source_note": "Demodata (oppdiktede tall i formen til SSB-tabell 12134)",
                "licence": "Demodata",
                "is_demo": True,
            }
        ],
    )[0]
    regions = [(DEMO_REGION, DEMO_ORGANISATION_NAME, StatRegionKind.MUNICIPALITY)]
    regions += [(code, name, kind) for code, name, kind, *_ in DEMO_COMPARISON]
    regions += [
        (code, name, StatRegionKind.MUNICIPALITY) for code, name, _ in DEMO_PEERS_ONLY_IN_STORE
    ]
    known = set(
        session.scalars(
            select(StatRegion.code).where(
                StatRegion.source == "ssb", StatRegion.code.in_([r[0] for r in regions])
            )
        )
    )
    _insert(
        session,
        StatRegion,
        [
            {"source": "ssb", "code": code, "name": name, "kind": kind}
            for code, name, kind in regions
            if code not in known
        ],
    )
    offsets = [(code, offset) for code, _, _, _, _, offset in DEMO_COMPARISON]
    offsets += [(code, offset) for code, _, offset in DEMO_PEERS_ONLY_IN_STORE]
    values: list[Row] = []
    for period, value in own:
        values.append(_stat_value(series_id, DEMO_REGION, period, value))
        for code, offset in offsets:
            other = round(value + offset + rng.gauss(0.0, 0.25), 1)
            values.append(_stat_value(series_id, code, period, other))
    # The newest year one peer has not reported yet: a missing value, not a zero.
    last = own[-1][0]
    values = [v for v in values if not (v["region_code"] == "9997" and v["period"] == str(last))]
    values.append(
        {
            "series_id": series_id,
            "region_code": "9997",
            "period": str(last),
            "value": None,
            "value_text": None,
            "status": "..",
        }
    )
    _insert(session, StatValue, values)
    _insert(
        session,
        ComparisonRegion,
        [
            {"organisation_id": org_id, "region_code": code, "kind": kind, "position": position}
            for code, _, _, kind, position, _ in DEMO_COMPARISON
        ],
    )
    # The values now come from the store (origin: statistics), as for a real linked indicator.
    session.execute(delete(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id))
    indicator.series_code = DEMO_SERIES
    session.flush()
    sync_indicators(session, organisation_ids=[org_id], bump=False)  # load_demo bumps once


def _stat_value(series_id: int, region: str, period: int, value: float) -> Row:
    text = f"{value:.1f}"
    return {
        "series_id": series_id,
        "region_code": region,
        "period": str(period),
        "value": float(text),
        "value_text": text,
        "status": None,
    }


# --- Loading ----------------------------------------------------------------------------------

Row = dict[str, Any]


def _insert_ids(session: Session, model: Any, rows: list[Row]) -> list[int]:
    """Bulk insert, returning the new ids in the order of `rows`."""
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def _insert(session: Session, model: Any, rows: list[Row]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _load_sectors(session: Session, org: DemoOrganisation, org_id: int) -> dict[str, int]:
    rows = [{"organisation_id": org_id, "code": code, "name": name} for code, name in org.sectors]
    codes = [code for code, _ in org.sectors]
    return dict(zip(codes, _insert_ids(session, Sector, rows), strict=True))


def _load_units(
    session: Session, org: DemoOrganisation, org_id: int, sector_ids: dict[str, int]
) -> dict[str, int]:
    rows = [
        {"organisation_id": org_id, "sector_id": sector_ids[sector], "code": code, "name": name}
        for sector, code, name in org.units
    ]
    codes = [code for _, code, _ in org.units]
    return dict(zip(codes, _insert_ids(session, Unit, rows), strict=True))


def _load_goals(
    session: Session,
    org: DemoOrganisation,
    org_id: int,
    sector_ids: dict[str, int],
    rng: random.Random,
) -> None:
    area_rows = [
        {
            "organisation_id": org_id,
            "code": code,
            "name": name,
            "introduced_budget_year": year,
            "is_cross_cutting": cross,
        }
        for code, name, year, cross, _ in org.core_areas
    ]
    area_ids = dict(
        zip([a[0] for a in org.core_areas], _insert_ids(session, CoreArea, area_rows), strict=True)
    )
    _insert(
        session,
        core_area_sector,
        [
            {"core_area_id": area_ids[code], "sector_id": sector_ids[sector]}
            for code, _, _, _, sectors in org.core_areas
            for sector in sectors
        ],
    )

    # Goal codes number the goals within their core area: "ledige-1", "integration-2".
    goal_codes: list[str] = []
    numbers: dict[str, int] = {}
    for goal in org.goals:
        numbers[goal.core_area] = numbers.get(goal.core_area, 0) + 1
        goal_codes.append(f"{goal.core_area}-{numbers[goal.core_area]}")
    goal_ids = _insert_ids(
        session,
        EffectGoal,
        [
            {
                "organisation_id": org_id,
                "core_area_id": area_ids[goal.core_area],
                "code": code,
                "adopted_budget_year": goal.adopted,
                "text": goal.text,
            }
            for goal, code in zip(org.goals, goal_codes, strict=True)
        ],
    )

    indicator_rows: list[Row] = []
    for goal, code, goal_id in zip(org.goals, goal_codes, goal_ids, strict=True):
        for number, ind in enumerate(goal.indicators, start=1):
            indicator_rows.append(
                {
                    "organisation_id": org_id,
                    "effect_goal_id": goal_id,
                    "code": f"{code}-i{number}",
                    "name": ind.name,
                    "unit_of_measure": ind.unit,
                    "decimals": _decimals(ind),
                    "direction": ind.direction,
                    "baseline_value": float(ind.baseline),
                    "baseline_year": ind.baseline_year,
                    "target_value": float(ind.target),
                    "target_year": ind.target_year,
                }
            )
    indicator_ids = _insert_ids(session, Indicator, indicator_rows)
    specs = [ind for goal in org.goals for ind in goal.indicators]
    value_rows: list[Row] = []
    for ind, indicator_id in zip(specs, indicator_ids, strict=True):
        for year, value in _series(ind, rng):
            comment = (ind.comments or {}).get(year)
            value_rows.append(
                {"indicator_id": indicator_id, "period": year, "value": value, "comment": comment}
            )
    _insert(session, IndicatorValue, value_rows)

    _load_theories_of_change(session, org, goal_ids)


def _decimals(ind: Ind) -> int:
    if ind.decimals is not None:
        return ind.decimals
    return 1 if ind.unit in ONE_DECIMAL_UNITS else 0


def _series(ind: Ind, rng: random.Random) -> list[tuple[int, float]]:
    """The yearly values of one indicator: fixed ones as given, otherwise a path from the
    baseline that ends at the intended outcome, with noise on the years between and a few gaps."""
    if ind.values is not None:
        return sorted(ind.values.items())
    first = rng.choice((VALUE_YEARS[0], VALUE_YEARS[0], VALUE_YEARS[1]))
    last = rng.choice((VALUE_YEARS[-2], VALUE_YEARS[-1], VALUE_YEARS[-1]))
    years = [y for y in range(first, last + 1) if y not in ind.gaps]
    # Up to two missing years inside the series (a survey not held, a register changed), never
    # the first or the last, and never leaving fewer than six values.
    inner = years[1:-1]
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        if len(years) > 6 and inner:
            gap = rng.choice(inner)
            inner.remove(gap)
            years.remove(gap)

    span_years = max(ind.target_year - ind.baseline_year, 1)
    expected = min(max((last - ind.baseline_year) / span_years, 0.0), 1.0)
    # Achievement (share of the way from baseline to target) in the last year, kept well inside
    # the band of the intended status so rounding cannot move it across a boundary.
    if ind.outcome == MET:
        final = rng.uniform(1.06, 1.25)
    elif ind.outcome == ON_TRACK:
        final = min(expected + rng.uniform(-0.03, 0.05), 0.96)
    elif ind.outcome == AT_RISK:
        final = max(expected - rng.uniform(0.17, 0.27), 0.12)
    else:  # off track: stalled far behind, or moving the wrong way
        final = expected - 0.55 if expected >= 0.75 else -rng.uniform(0.08, 0.25)

    decimals = _decimals(ind)
    span = ind.target - ind.baseline
    series: list[tuple[int, float]] = []
    for year in years:
        share = min(max((year - ind.baseline_year) / max(last - ind.baseline_year, 1), 0.0), 1.0)
        achievement = final * share
        if year != last and year != ind.baseline_year:
            achievement += rng.gauss(0.0, 0.04)
        value = ind.baseline + achievement * span
        if ind.unit == "%":
            value = min(max(value, 0.0), 100.0)
        series.append((year, round(value, decimals) if decimals else float(round(value))))
    return series


def _load_theories_of_change(session: Session, org: DemoOrganisation, goal_ids: list[int]) -> None:
    """Interventions → intermediate results → the effect (the goal itself), with the critical
    assumption on some arrows. Positions run through the goal, interventions first."""
    step_rows: list[Row] = []
    for goal, goal_id in zip(org.goals, goal_ids, strict=True):
        steps: list[tuple[str, ChangeStepKind, str]] = [
            (f"I{n}", ChangeStepKind.INTERVENTION, text)
            for n, (text, _, _) in enumerate(goal.interventions, start=1)
        ]
        steps += [
            (f"R{n}", ChangeStepKind.INTERMEDIATE_RESULT, text)
            for n, (text, _) in enumerate(goal.results, start=1)
        ]
        steps.append(("E", ChangeStepKind.EFFECT, goal.text))
        step_rows += [
            {"effect_goal_id": goal_id, "code": code, "kind": kind, "text": text, "position": pos}
            for pos, (code, kind, text) in enumerate(steps, start=1)
        ]
    step_ids = iter(_insert_ids(session, ChangeStep, step_rows))

    link_rows: list[Row] = []
    for goal in org.goals:
        interventions = [next(step_ids) for _ in goal.interventions]
        results = [next(step_ids) for _ in goal.results]
        effect = next(step_ids)
        for step_id, (_, targets, assumption) in zip(
            interventions, goal.interventions, strict=True
        ):
            for number, target in enumerate(targets):
                link_rows.append(
                    {
                        "from_step_id": step_id,
                        "to_step_id": results[target],
                        # The assumption belongs to the intervention's first arrow.
                        "assumption": assumption if number == 0 else None,
                    }
                )
        for step_id, (_, assumption) in zip(results, goal.results, strict=True):
            link_rows.append(
                {"from_step_id": step_id, "to_step_id": effect, "assumption": assumption}
            )
    _insert(session, ChangeLink, link_rows)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _load_service_review(
    session: Session, org: DemoOrganisation, unit_ids: dict[str, int], rng: random.Random
) -> None:
    rows: list[Row] = []
    for year in REVIEW_YEARS:
        on_time, late, in_progress, _ = REVIEW_MIX[year]
        for _, unit_code, _ in org.units:
            for part, month, day in REVIEW_DEADLINES:
                deadline = dt.date(year, month, day)
                draw = rng.random()
                submitted_on: dt.date | None = None
                comment: str | None = None
                if draw < on_time:
                    status = ReviewStatus.SUBMITTED
                    # Answers come in over the last weeks before the deadline, on working days.
                    earliest = 55 if part is ReviewPart.INTERNAL_CONTROL else 40
                    days_before = rng.randint(0, earliest)
                    submitted_on = _weekday_on_or_before(deadline - dt.timedelta(days=days_before))
                elif draw < on_time + late:
                    status = ReviewStatus.SUBMITTED
                    submitted_on = _weekday_on_or_after(deadline + dt.timedelta(rng.randint(1, 30)))
                    if rng.random() < 0.5:
                        comment = rng.choice(org.late_comments)
                elif draw < on_time + late + in_progress:
                    status = ReviewStatus.IN_PROGRESS
                    if rng.random() < 0.6:
                        comment = rng.choice(org.open_comments)
                else:
                    status = ReviewStatus.NOT_STARTED
                amount: float | None = None
                if part in BUDGET_RANGE and status is not ReviewStatus.NOT_STARTED:
                    low, high = BUDGET_RANGE[part]
                    amount = float(round(rng.uniform(low, high), -4))
                if (
                    part is ReviewPart.RENEWAL_NEED
                    and status is ReviewStatus.SUBMITTED
                    and comment is None
                    and rng.random() < 0.3
                ):
                    comment = rng.choice(org.renewal_comments)
                rows.append(
                    {
                        "unit_id": unit_ids[unit_code],
                        "year": year,
                        "part": part,
                        "deadline": deadline,
                        "status": status,
                        "submitted_on": submitted_on,
                        "amount_nok": amount,
                        "comment": comment,
                    }
                )
    _insert(session, ServiceReviewTask, rows)


def _month(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    current = start
    while current <= end:
        months.append(current)
        current = dt.date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _half_hours(hours: float) -> float:
    """Hours rounded to the half hour: such values add up exactly in floating point."""
    return max(round(hours * 2) / 2, 0.5)


def _load_savings(
    session: Session,
    org: DemoOrganisation,
    org_id: int,
    sector_ids: dict[str, int],
    unit_ids: dict[str, int],
    rng: random.Random,
) -> None:
    _insert(
        session,
        SavingsGoal,
        [
            {"organisation_id": org_id, "year": year, "hours": hours, "sector_id": None}
            for year, hours in org.savings_goals
        ]
        + [
            {"organisation_id": org_id, "year": year, "hours": hours, "sector_id": sector_ids[code]}
            for code, goals in org.sector_savings_goals
            for year, hours in goals
        ],
    )
    process_ids = _insert_ids(
        session,
        SavingsProcess,
        [
            {
                "organisation_id": org_id,
                "sector_id": sector_ids[proc.sector],
                "unit_id": unit_ids[proc.unit] if proc.unit else None,
                "code": proc.code,
                "name": proc.name,
                "kind": proc.kind,
                "stage": proc.stage,
                "go_live": _month(proc.go_live) if proc.go_live else None,
            }
            for proc in org.processes
        ],
    )

    measured: list[Row] = []
    estimated: list[Row] = []
    for proc, process_id in zip(org.processes, process_ids, strict=True):
        if proc.go_live is None:
            continue
        start = _month(proc.go_live)
        end = _month(proc.retired) if proc.retired else SAVINGS_END
        for index, period in enumerate(_months(start, end)):
            season = MONTH_FACTOR[period.month - 1]
            if proc.minutes_per_run and proc.runs_per_month:
                # Robots: counted runs × minutes saved per run; a three-month ramp-up at go-live.
                ramp = (0.5, 0.75, 0.9)[index] if index < 3 else 1.0
                growth = (1 + RUNS_GROWTH_PER_YEAR) ** (period.year - start.year)
                volume = proc.runs_per_month * season * ramp * growth * rng.uniform(0.9, 1.1)
                runs = max(round(volume), 1)
                measured.append(
                    {
                        "process_id": process_id,
                        "period": period,
                        "hours": _half_hours(runs * proc.minutes_per_run / 60),
                        "basis": SavingsBasis.MEASURED,
                        "runs": runs,
                    }
                )
            if proc.estimated_hours:
                # The business case's estimate: whole hours, following the season.
                estimated.append(
                    {
                        "process_id": process_id,
                        "period": period,
                        "hours": float(max(round(proc.estimated_hours * season), 1)),
                        "basis": SavingsBasis.ESTIMATED,
                        "runs": None,
                    }
                )
    minutes_per_run = {
        process_id: proc.minutes_per_run or 1.0
        for proc, process_id in zip(org.processes, process_ids, strict=True)
    }
    if org.measured_hours_2020 is not None:
        _fix_2020_total(measured, minutes_per_run, org.measured_hours_2020)
    _insert(session, SavingsRecord, measured + estimated)


def _fix_2020_total(
    measured: Sequence[Row], minutes_per_run: dict[int, float], total_hours: int
) -> None:
    """Scale the 2020 measured records so they add up to exactly `total_hours` (the Norwegian
    demo: Sandnes' 3 389), and put the last half hours of rounding on the largest record."""
    rows = [row for row in measured if row["period"].year == 2020]
    total = sum(row["hours"] for row in rows)
    factor = total_hours / total
    for row in rows:
        row["hours"] = _half_hours(row["hours"] * factor)
        row["runs"] = max(round(row["hours"] * 60 / minutes_per_run[row["process_id"]]), 1)
    largest = max(rows, key=lambda row: (row["hours"], row["period"], row["process_id"]))
    largest["hours"] += total_hours - sum(row["hours"] for row in rows)
    assert sum(row["hours"] for row in rows) == total_hours
