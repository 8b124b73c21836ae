"""The query layer: filters in, small aggregated frames out, computed in SQL.

Every function takes an engine and a `Filters` and returns a pandas DataFrame with fixed columns
(also when empty), already grouped in the database. Nothing here loads a whole table into pandas;
the only Python-side work is on aggregated rows (a status rule, a running total of 12 months).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from itertools import accumulate

import pandas as pd
from sqlalchemy import (
    Engine,
    Integer,
    and_,
    case,
    cast,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.sql import Select

from dashboard import settings
from dashboard.db import reading
from dashboard.i18n import indicator_decimals, rounded
from dashboard.models import (
    ChangeLink,
    ChangeStep,
    ComparisonRegion,
    CoreArea,
    DataArea,
    DataVersion,
    EffectGoal,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Organisation,
    ReviewStatus,
    SavingsBasis,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    StatRegion,
    StatRenumbering,
    StatSeries,
    StatValue,
    Unit,
    core_area_sector,
)
from dashboard.status import classify_indicator


@dataclass(frozen=True)
class Filters:
    """What the filter bar (and the URL) says. Codes, not ids, so a link survives a re-import."""

    organisation: str | None = None
    sector: str | None = None
    core_area: str | None = None
    year: int | None = None

    def with_year(self, year: int | None) -> Filters:
        return replace(self, year=year)


def _plain(value: object) -> object:
    # Enum columns come back as StrEnum members; frames carry their plain values.
    return value.value if isinstance(value, enum.Enum) else value


def _frame(engine: Engine, stmt: Select, columns: list[str] | None = None) -> pd.DataFrame:
    with reading(engine) as conn:
        result = conn.execute(stmt)
        rows = [tuple(_plain(v) for v in row) for row in result]
        return pd.DataFrame(rows, columns=columns or list(result.keys()))


# --- Filter options ---------------------------------------------------------------------------


def organisations_stamp(engine: Engine) -> tuple[int, int]:
    """(organisations, sum of their "organisation" data versions): changes whenever one is
    added, removed or re-imported (every writer bumps), so it keys a cache of the list."""
    versions = (
        select(func.coalesce(func.sum(DataVersion.version), 0))
        .where(DataVersion.area == DataArea.ORGANISATION.value)
        .scalar_subquery()
    )
    count = select(func.count()).select_from(Organisation).scalar_subquery()
    with reading(engine) as conn:
        row = conn.execute(select(count, versions)).one()
    return int(row[0]), int(row[1])


def organisations(engine: Engine) -> pd.DataFrame:
    """code, name, is_demo of every organisation, by name (case folded, so that the order, and
    with it the default organisation, is the same on every database)."""
    stmt = select(Organisation.code, Organisation.name, Organisation.is_demo).order_by(
        func.lower(Organisation.name), Organisation.code
    )
    return _frame(engine, stmt)


def sectors(engine: Engine, organisation: str) -> pd.DataFrame:
    """code, name of the organisation's sectors."""
    stmt = (
        select(Sector.code, Sector.name)
        .join(Organisation, Organisation.id == Sector.organisation_id)
        .where(Organisation.code == organisation)
        .order_by(Sector.name)
    )
    return _frame(engine, stmt)


def core_areas(engine: Engine, organisation: str, sector: str | None = None) -> pd.DataFrame:
    """code, name, is_cross_cutting of the core areas (of one sector when given)."""
    stmt = (
        select(CoreArea.code, CoreArea.name, CoreArea.is_cross_cutting)
        .join(Organisation, Organisation.id == CoreArea.organisation_id)
        .where(Organisation.code == organisation)
        .order_by(CoreArea.name)
    )
    if sector:
        stmt = stmt.where(_core_area_in_sector(CoreArea.id, sector))
    return _frame(engine, stmt)


def years(engine: Engine, organisation: str) -> dict[str, list[int]]:
    """The years that have data, per area: effect_goals, service_review, savings."""
    org_id = select(Organisation.id).where(Organisation.code == organisation).scalar_subquery()
    indicator_years = (
        select(IndicatorValue.period)
        .distinct()
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(Indicator.organisation_id == org_id)
    )
    review_years = (
        select(ServiceReviewTask.year)
        .distinct()
        .join(Unit, Unit.id == ServiceReviewTask.unit_id)
        .where(Unit.organisation_id == org_id)
    )
    savings_years = (
        select(_year_of(SavingsRecord.period))
        .distinct()
        .join(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
        .where(SavingsProcess.organisation_id == org_id)
    )
    with reading(engine) as conn:
        return {
            DataArea.EFFECT_GOALS: sorted(int(y) for y in conn.scalars(indicator_years)),
            DataArea.SERVICE_REVIEW: sorted(int(y) for y in conn.scalars(review_years)),
            DataArea.SAVINGS: sorted(int(y) for y in conn.scalars(savings_years)),
        }


def _year_of(column):
    return cast(extract("year", column), Integer)


# --- Shared filter clauses --------------------------------------------------------------------


def _core_area_in_sector(core_area_id, sector_code: str):
    return exists(
        select(literal(1))
        .select_from(core_area_sector)
        .join(Sector, Sector.id == core_area_sector.c.sector_id)
        .where(core_area_sector.c.core_area_id == core_area_id, Sector.code == sector_code)
    )


def _sector_in_core_area(sector_id, core_area_code: str):
    """Service review and minuttjakt belong to sectors; a core-area filter keeps its sectors."""
    return exists(
        select(literal(1))
        .select_from(core_area_sector)
        .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
        .where(core_area_sector.c.sector_id == sector_id, CoreArea.code == core_area_code)
    )


def _sector_clauses(filters: Filters, sector_id_column) -> list:
    clauses = []
    if filters.sector:
        clauses.append(Sector.code == filters.sector)
    if filters.core_area:
        clauses.append(_sector_in_core_area(sector_id_column, filters.core_area))
    return clauses


# --- Effect goals -----------------------------------------------------------------------------

INDICATOR_STATUS_COLUMNS = [
    "core_area_code",
    "core_area_name",
    "goal_code",
    "goal_text",
    "indicator_code",
    "indicator_name",
    "unit_of_measure",
    "decimals",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "latest_period",
    "latest_value",
    "achievement",
    "status",
]


def indicator_status(engine: Engine, filters: Filters) -> pd.DataFrame:
    """One row per indicator: its latest value up to the filter year and its status.

    achievement = (latest − baseline) / (target − baseline), computed in SQL; empty when the target
    equals the baseline or there is no value. The status rule is `dashboard.status`.
    """
    # The latest period per indicator as a correlated subquery: it reads one indicator's rows
    # through the (indicator_id, period) index, where a GROUP BY over all indicator values would
    # read every organisation's (80 ms at a million values, against under 3 ms).
    latest_period = select(func.max(IndicatorValue.period)).where(
        IndicatorValue.indicator_id == Indicator.id
    )
    if filters.year:
        latest_period = latest_period.where(IndicatorValue.period <= filters.year)
    latest_period = latest_period.correlate(Indicator).scalar_subquery()
    span = Indicator.target_value - Indicator.baseline_value
    achievement = case(
        (span == 0, None),
        else_=(IndicatorValue.value - Indicator.baseline_value) / span,
    )
    stmt = (
        select(
            CoreArea.code,
            CoreArea.name,
            EffectGoal.code,
            EffectGoal.text,
            Indicator.code,
            Indicator.name,
            Indicator.unit_of_measure,
            Indicator.decimals,
            Indicator.direction,
            Indicator.baseline_value,
            Indicator.baseline_year,
            Indicator.target_value,
            Indicator.target_year,
            IndicatorValue.period,
            IndicatorValue.value,
            achievement,
        )
        .select_from(Indicator)
        .join(EffectGoal, EffectGoal.id == Indicator.effect_goal_id)
        .join(CoreArea, CoreArea.id == EffectGoal.core_area_id)
        .join(Organisation, Organisation.id == Indicator.organisation_id)
        .outerjoin(
            IndicatorValue,
            and_(
                IndicatorValue.indicator_id == Indicator.id,
                IndicatorValue.period == latest_period,
            ),
        )
        .order_by(CoreArea.name, EffectGoal.code, Indicator.code)
    )
    stmt = _goal_filters(stmt, filters)
    frame = _frame(engine, stmt, INDICATOR_STATUS_COLUMNS[:-1])
    frame["direction"] = frame["direction"].astype(str)
    # Decimals as shown: the indicator's own, or its unit's default.
    frame["decimals"] = [
        indicator_decimals(unit, places)
        for unit, places in zip(frame["unit_of_measure"], frame["decimals"], strict=True)
    ]
    frame["status"] = [
        classify_indicator(row.achievement, row.latest_period, row.baseline_year, row.target_year)
        for row in frame.itertuples()
    ]
    return frame


def _goal_filters(stmt: Select, filters: Filters) -> Select:
    if filters.organisation:
        stmt = stmt.where(Organisation.code == filters.organisation)
    if filters.sector:
        stmt = stmt.where(_core_area_in_sector(CoreArea.id, filters.sector))
    if filters.core_area:
        stmt = stmt.where(CoreArea.code == filters.core_area)
    return stmt


def core_area_sectors(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, core_area_code: which sectors each core area belongs to."""
    stmt = (
        select(Sector.code, Sector.name, CoreArea.code)
        .select_from(core_area_sector)
        .join(Sector, Sector.id == core_area_sector.c.sector_id)
        .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
        .join(Organisation, Organisation.id == CoreArea.organisation_id)
        .order_by(Sector.name, CoreArea.name)
    )
    if filters.organisation:
        stmt = stmt.where(Organisation.code == filters.organisation)
    if filters.sector:
        stmt = stmt.where(Sector.code == filters.sector)
    if filters.core_area:
        stmt = stmt.where(CoreArea.code == filters.core_area)
    return _frame(engine, stmt, ["sector_code", "sector_name", "core_area_code"])


def indicator_series(
    engine: Engine, filters: Filters, *, goal_code: str | None = None
) -> pd.DataFrame:
    """indicator_code, period, value, comment: yearly values up to the filter year.

    Missing years are missing rows, so a chart draws a gap, never a zero.
    """
    stmt = (
        select(
            Indicator.code,
            IndicatorValue.period,
            IndicatorValue.value,
            IndicatorValue.comment,
            IndicatorValue.origin,
        )
        .select_from(IndicatorValue)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .join(EffectGoal, EffectGoal.id == Indicator.effect_goal_id)
        .join(CoreArea, CoreArea.id == EffectGoal.core_area_id)
        .join(Organisation, Organisation.id == Indicator.organisation_id)
        .order_by(Indicator.code, IndicatorValue.period)
    )
    stmt = _goal_filters(stmt, filters)
    if goal_code:
        stmt = stmt.where(EffectGoal.code == goal_code)
    if filters.year:
        stmt = stmt.where(IndicatorValue.period <= filters.year)
    frame = _frame(engine, stmt, ["indicator_code", "period", "value", "comment", "origin"])
    frame["origin"] = frame["origin"].astype(str)
    return frame


COMPARISON_COLUMNS = [
    "region_code",
    "region_name",
    "kind",
    "position",
    "period",
    "value",
    "status",
]


@dataclass(frozen=True)
class SeriesInfo:
    code: str
    label: str
    unit: str | None
    decimals: int | None
    source_note: str
    is_demo: bool


def indicator_comparison(
    engine: Engine, organisation: str, indicator_code: str, *, year: int | None = None
) -> tuple[SeriesInfo | None, pd.DataFrame]:
    """The series an indicator takes its values from, and its yearly values (up to `year`) for
    the organisation's region (kind `own`) and each comparison region (`group`, `country`,
    `peer`), each region followed back through its renumberings. Missing figures are rows with
    no value and the source's status, never zeros. (None, empty) for an unlinked indicator."""
    empty = pd.DataFrame(columns=COMPARISON_COLUMNS)
    with reading(engine) as conn:
        found = conn.execute(
            select(Organisation.id, Organisation.region_code, Indicator.series_code)
            .join(Indicator, Indicator.organisation_id == Organisation.id)
            .where(Organisation.code == organisation, Indicator.code == indicator_code)
        ).first()
        if found is None or not found.series_code or not found.region_code:
            return None, empty
        series = conn.execute(
            select(
                StatSeries.id,
                StatSeries.code,
                StatSeries.label,
                StatSeries.unit,
                StatSeries.decimals,
                StatSeries.source_note,
                StatSeries.is_demo,
                StatSeries.source,
            ).where(StatSeries.code == found.series_code)
        ).first()
        if series is None:
            return None, empty
        regions = [(found.region_code, "own", -1)] + [
            (code, str(kind), position)
            for code, kind, position in conn.execute(
                select(
                    ComparisonRegion.region_code, ComparisonRegion.kind, ComparisonRegion.position
                )
                .where(ComparisonRegion.organisation_id == found.id)
                .order_by(ComparisonRegion.position, ComparisonRegion.region_code)
            )
        ]
        earlier = dict(
            conn.execute(
                select(StatRenumbering.new_code, StatRenumbering.old_code).where(
                    StatRenumbering.source == series.source
                )
            ).all()
        )
        # Each region's codes, newest first (3314, 3048, 0624).
        chains: dict[str, list[str]] = {}
        for code, _, _ in regions:
            chain = [code]
            while chain[-1] in earlier and earlier[chain[-1]] not in chain:
                chain.append(earlier[chain[-1]])
            chains[code] = chain
        all_codes = sorted({c for chain in chains.values() for c in chain})
        names = dict(
            conn.execute(
                select(StatRegion.code, StatRegion.name).where(
                    StatRegion.source == series.source, StatRegion.code.in_(all_codes)
                )
            ).all()
        )
        stmt = select(
            StatValue.region_code, StatValue.period, StatValue.value, StatValue.status
        ).where(StatValue.series_id == series.id, StatValue.region_code.in_(all_codes))
        values = conn.execute(stmt).all()
    by_code: dict[tuple[str, str], tuple] = {(r[0], r[1]): r for r in values}
    rows = []
    for code, kind, position in regions:
        chain = chains[code]
        periods = sorted({p for c, p in by_code if c in chain and p.isdigit() and len(p) == 4})
        name = next((names[c] for c in chain if names.get(c)), code)
        for period in periods:
            if year and int(period) > year:
                continue
            row = next(by_code[(c, period)] for c in chain if (c, period) in by_code)
            rows.append((code, name, kind, position, int(period), row[2], row[3]))
    info = SeriesInfo(
        code=series.code,
        label=series.label,
        unit=series.unit,
        decimals=series.decimals,
        source_note=series.source_note,
        is_demo=bool(series.is_demo),
    )
    return info, pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def goal_assessment(engine: Engine, organisation: str, goal_code: str, year: int) -> str | None:
    """The goal's overall assessment for the year, if one is written."""
    stmt = (
        select(GoalAssessment.text)
        .join(EffectGoal, EffectGoal.id == GoalAssessment.effect_goal_id)
        .join(Organisation, Organisation.id == EffectGoal.organisation_id)
        .where(
            Organisation.code == organisation,
            EffectGoal.code == goal_code,
            GoalAssessment.year == year,
        )
    )
    with reading(engine) as conn:
        return conn.scalar(stmt)


def theory_of_change(
    engine: Engine, organisation: str, goal_code: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(steps, links) of one goal: steps code, kind, text, position; links from, to, assumption."""
    goal_id = (
        select(EffectGoal.id)
        .join(Organisation, Organisation.id == EffectGoal.organisation_id)
        .where(Organisation.code == organisation, EffectGoal.code == goal_code)
        .scalar_subquery()
    )
    steps = (
        select(
            ChangeStep.id, ChangeStep.code, ChangeStep.kind, ChangeStep.text, ChangeStep.position
        )
        .where(ChangeStep.effect_goal_id == goal_id)
        .order_by(ChangeStep.position, ChangeStep.code)
    )
    from_step = ChangeStep.__table__.alias("from_step")
    to_step = ChangeStep.__table__.alias("to_step")
    links = (
        select(from_step.c.code, to_step.c.code, ChangeLink.assumption)
        .select_from(ChangeLink)
        .join(from_step, from_step.c.id == ChangeLink.from_step_id)
        .join(to_step, to_step.c.id == ChangeLink.to_step_id)
        .where(from_step.c.effect_goal_id == goal_id)
        .order_by(from_step.c.position, to_step.c.position)
    )
    steps_frame = _frame(engine, steps, ["id", "code", "kind", "text", "position"])
    steps_frame["kind"] = steps_frame["kind"].astype(str)
    return steps_frame.drop(columns="id"), _frame(
        engine, links, ["from_code", "to_code", "assumption"]
    )


# --- Service review ---------------------------------------------------------------------------


def _delivered_on_time():
    """Submitted by the deadline. A submission without a date counts as on time: the unit said
    it delivered, and nothing says it was late. One rule for every chart."""
    return and_(
        ServiceReviewTask.status == ReviewStatus.SUBMITTED,
        or_(
            ServiceReviewTask.submitted_on.is_(None),
            ServiceReviewTask.submitted_on <= ServiceReviewTask.deadline,
        ),
    )


def _review_outcome(as_of: dt.date):
    """delivered_on_time / delivered_late / late / pending, as one SQL CASE.

    Delivered parts are judged by their dates; undelivered ones against `as_of` (today).
    """
    return case(
        (_delivered_on_time(), literal("delivered_on_time")),
        (ServiceReviewTask.status == ReviewStatus.SUBMITTED, literal("delivered_late")),
        (ServiceReviewTask.deadline < as_of, literal("late")),
        else_=literal("pending"),
    )


def _review_base(filters: Filters) -> Select:
    stmt = (
        select()
        .select_from(ServiceReviewTask)
        .join(Unit, Unit.id == ServiceReviewTask.unit_id)
        .join(Sector, Sector.id == Unit.sector_id)
        .join(Organisation, Organisation.id == Unit.organisation_id)
    )
    if filters.organisation:
        stmt = stmt.where(Organisation.code == filters.organisation)
    if filters.year:
        stmt = stmt.where(ServiceReviewTask.year == filters.year)
    return stmt.where(*_sector_clauses(filters, Sector.id))


def review_completion(
    engine: Engine, filters: Filters, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """sector_code, sector_name, part, status, outcome, tasks: counts grouped in SQL.

    outcome is delivered_on_time / delivered_late / late (deadline passed, not delivered) /
    pending (deadline not yet passed); status keeps not_started apart from in_progress.
    """
    as_of = as_of or dt.date.today()
    outcome = _review_outcome(as_of).label("outcome")
    stmt = (
        _review_base(filters)
        .add_columns(
            Sector.code,
            Sector.name,
            ServiceReviewTask.part,
            ServiceReviewTask.status,
            outcome,
            func.count().label("tasks"),
        )
        .group_by(
            Sector.code, Sector.name, ServiceReviewTask.part, ServiceReviewTask.status, outcome
        )
    )
    stmt = stmt.order_by(Sector.name, ServiceReviewTask.part)
    frame = _frame(
        engine, stmt, ["sector_code", "sector_name", "part", "status", "outcome", "tasks"]
    )
    for column in ("part", "status"):
        frame[column] = frame[column].astype(str)
    return frame


def review_outstanding(
    engine: Engine, filters: Filters, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """The units whose parts are not delivered, by deadline (so the longest overdue first)."""
    as_of = as_of or dt.date.today()
    stmt = (
        _review_base(filters)
        .add_columns(
            Unit.code,
            Unit.name,
            Sector.name,
            ServiceReviewTask.part,
            ServiceReviewTask.status,
            ServiceReviewTask.deadline,
        )
        .where(ServiceReviewTask.status != ReviewStatus.SUBMITTED)
    )
    stmt = stmt.order_by(ServiceReviewTask.deadline, Sector.name, Unit.name, ServiceReviewTask.part)
    frame = _frame(
        engine, stmt, ["unit_code", "unit_name", "sector_name", "part", "status", "deadline"]
    )
    for column in ("part", "status"):
        frame[column] = frame[column].astype(str)
    frame["days_late"] = [max((as_of - d).days, 0) for d in frame["deadline"]]
    return frame


def review_budget_totals(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, part, amount_nok, inputs: what budget inputs add up to."""
    stmt = (
        _review_base(filters)
        .add_columns(
            Sector.code,
            Sector.name,
            ServiceReviewTask.part,
            func.coalesce(func.sum(ServiceReviewTask.amount_nok), 0.0).label("amount_nok"),
            func.count(ServiceReviewTask.amount_nok).label("inputs"),
        )
        .where(ServiceReviewTask.amount_nok.is_not(None))
        .group_by(Sector.code, Sector.name, ServiceReviewTask.part)
        .order_by(Sector.name, ServiceReviewTask.part)
    )
    frame = _frame(engine, stmt, ["sector_code", "sector_name", "part", "amount_nok", "inputs"])
    frame["part"] = frame["part"].astype(str)
    return frame


def review_deadlines(engine: Engine, filters: Filters) -> pd.DataFrame:
    """part, deadline, tasks, delivered, delivered_by_deadline: one row per part and deadline."""
    on_time = case(
        (_delivered_on_time(), 1),
        else_=0,
    )
    delivered = case((ServiceReviewTask.status == ReviewStatus.SUBMITTED, 1), else_=0)
    stmt = (
        _review_base(filters)
        .add_columns(
            ServiceReviewTask.part,
            ServiceReviewTask.deadline,
            func.count().label("tasks"),
            func.sum(delivered).label("delivered"),
            func.sum(on_time).label("delivered_by_deadline"),
        )
        .group_by(ServiceReviewTask.part, ServiceReviewTask.deadline)
        .order_by(ServiceReviewTask.deadline, ServiceReviewTask.part)
    )
    frame = _frame(
        engine, stmt, ["part", "deadline", "tasks", "delivered", "delivered_by_deadline"]
    )
    frame["part"] = frame["part"].astype(str)
    return frame


# --- Minuttjakt -------------------------------------------------------------------------------


def _savings_base(filters: Filters) -> Select:
    stmt = (
        select()
        .select_from(SavingsRecord)
        .join(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
        .join(Sector, Sector.id == SavingsProcess.sector_id)
        .join(Organisation, Organisation.id == SavingsProcess.organisation_id)
    )
    if filters.organisation:
        stmt = stmt.where(Organisation.code == filters.organisation)
    if filters.year:
        stmt = stmt.where(
            SavingsRecord.period >= dt.date(filters.year, 1, 1),
            SavingsRecord.period < dt.date(filters.year + 1, 1, 1),
        )
    return stmt.where(*_sector_clauses(filters, Sector.id))


def _hours_by_basis():
    measured = func.sum(
        case((SavingsRecord.basis == SavingsBasis.MEASURED, SavingsRecord.hours), else_=0.0)
    )
    estimated = func.sum(
        case((SavingsRecord.basis == SavingsBasis.ESTIMATED, SavingsRecord.hours), else_=0.0)
    )
    return measured.label("measured_hours"), estimated.label("estimated_hours")


def savings_by_month(engine: Engine, filters: Filters) -> pd.DataFrame:
    """month (1–12), measured_hours, estimated_hours, and their running totals over the year.

    Needs a year; months without records are present with 0 hours (a month that saved nothing).
    """
    if not filters.year:
        raise ValueError("savings_by_month needs a year")
    month = cast(extract("month", SavingsRecord.period), Integer).label("month")
    stmt = _savings_base(filters).add_columns(month, *_hours_by_basis()).group_by(month)
    with reading(engine) as conn:
        found = {
            int(m): (float(measured or 0), float(estimated or 0))
            for m, measured, estimated in conn.execute(stmt)
        }
    # Every month, 0 hours where there are no records; built in one go (pandas' merge, fillna
    # and cumsum cost more than the query).
    measured = [found.get(m, (0.0, 0.0))[0] for m in range(1, 13)]
    estimated = [found.get(m, (0.0, 0.0))[1] for m in range(1, 13)]
    return pd.DataFrame(
        {
            "month": list(range(1, 13)),
            "measured_hours": measured,
            "estimated_hours": estimated,
            "measured_cumulative": list(accumulate(measured)),
            "estimated_cumulative": list(accumulate(estimated)),
        }
    )


def savings_by_sector(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, measured_hours, estimated_hours; largest measured first."""
    measured, estimated = _hours_by_basis()
    stmt = (
        _savings_base(filters)
        .add_columns(Sector.code, Sector.name, measured, estimated)
        .group_by(Sector.code, Sector.name)
        .order_by(measured.desc(), Sector.name)
    )
    return _frame(engine, stmt, ["sector_code", "sector_name", "measured_hours", "estimated_hours"])


def savings_by_process(engine: Engine, filters: Filters) -> pd.DataFrame:
    """process_code, process_name, sector_name, kind, stage, measured_hours, estimated_hours, runs;
    largest first."""
    measured, estimated = _hours_by_basis()
    stmt = (
        _savings_base(filters)
        .add_columns(
            SavingsProcess.code,
            SavingsProcess.name,
            Sector.name,
            SavingsProcess.kind,
            SavingsProcess.stage,
            measured,
            estimated,
            func.coalesce(func.sum(SavingsRecord.runs), 0).label("runs"),
        )
        .group_by(
            SavingsProcess.code,
            SavingsProcess.name,
            Sector.name,
            SavingsProcess.kind,
            SavingsProcess.stage,
        )
        .order_by((measured + estimated).desc(), SavingsProcess.name)
    )
    frame = _frame(
        engine,
        stmt,
        [
            "process_code",
            "process_name",
            "sector_name",
            "kind",
            "stage",
            "measured_hours",
            "estimated_hours",
            "runs",
        ],
    )
    for column in ("kind", "stage"):
        frame[column] = frame[column].astype(str)
    return frame


def process_pipeline(engine: Engine, filters: Filters) -> pd.DataFrame:
    """stage, kind, processes: every process of the filtered sectors, whatever its records."""
    stmt = (
        select(SavingsProcess.stage, SavingsProcess.kind, func.count().label("processes"))
        .join(Sector, Sector.id == SavingsProcess.sector_id)
        .join(Organisation, Organisation.id == SavingsProcess.organisation_id)
        .where(*_sector_clauses(filters, Sector.id))
        .group_by(SavingsProcess.stage, SavingsProcess.kind)
        .order_by(SavingsProcess.stage, SavingsProcess.kind)
    )
    if filters.organisation:
        stmt = stmt.where(Organisation.code == filters.organisation)
    frame = _frame(engine, stmt, ["stage", "kind", "processes"])
    for column in ("stage", "kind"):
        frame[column] = frame[column].astype(str)
    return frame


class GoalLevel(enum.StrEnum):
    """The level a view shows, whose own goal it compares with (never another level's)."""

    ORGANISATION = "organisation"
    SECTOR = "sector"
    CORE_AREA = "core_area"  # spans parts of sectors: has no savings goal of its own


def goal_level(filters: Filters) -> GoalLevel:
    if filters.sector:
        return GoalLevel.SECTOR
    if filters.core_area:
        return GoalLevel.CORE_AREA
    return GoalLevel.ORGANISATION


@dataclass(frozen=True)
class SavingsTotals:
    """A year's measured and estimated hours (never added together) and what they are worth.

    Kroner, årsverk and the goal share are computed from the hours as the reader sees them
    (whole hours, `shown_hours`), so "9 559 timer" and its kroner reconcile on the page; the
    exact hours stay in `measured_hours` for tables and exports.
    """

    measured_hours: float
    estimated_hours: float
    goal_hours: float | None
    hours_per_fte: float
    cost_per_hour_nok: float
    # The level the goal belongs to, and that level's name (the sector's), for the wording.
    level: GoalLevel = GoalLevel.ORGANISATION
    level_name: str | None = None
    year_over: bool = False  # the year has ended: a goal not reached is missed
    # Measured hours the year before, over the same months (None: no records that year).
    previous_hours: float | None = None

    @property
    def shown_hours(self) -> float:
        return rounded(self.measured_hours)

    @property
    def fte(self) -> float:
        return self.shown_hours / self.hours_per_fte

    @property
    def money_nok(self) -> float:
        return self.shown_hours * self.cost_per_hour_nok

    @property
    def goal_share(self) -> float | None:
        """Measured hours (as shown) as a percentage of the goal."""
        return 100 * self.shown_hours / self.goal_hours if self.goal_hours else None


def savings_totals(
    months: pd.DataFrame | None,
    *,
    goal_hours: float | None,
    level: GoalLevel = GoalLevel.ORGANISATION,
    level_name: str | None = None,
    year_over: bool = False,
    previous_hours: float | None = None,
) -> SavingsTotals:
    """Totals of a `savings_by_month` frame, against the goal of the level shown. Only the
    organisation level falls back to the SAVINGS_GOAL_HOURS setting (the organisation's
    configured goal); a sector or core area without its own goal has none."""
    has_year = months is not None
    if goal_hours is None and has_year and level is GoalLevel.ORGANISATION:
        goal_hours = settings.value("SAVINGS_GOAL_HOURS")
    return SavingsTotals(
        measured_hours=float(months["measured_hours"].sum()) if has_year else 0.0,
        estimated_hours=float(months["estimated_hours"].sum()) if has_year else 0.0,
        goal_hours=goal_hours,
        hours_per_fte=settings.value("HOURS_PER_FTE"),
        cost_per_hour_nok=settings.value("COST_PER_HOUR_NOK"),
        level=level,
        level_name=level_name,
        year_over=year_over,
        previous_hours=previous_hours,
    )


def savings_goal_hours(engine: Engine, filters: Filters) -> float | None:
    """The goal for measured hours of the level the filters show, in the filter year: the
    sector's own goal when a sector is chosen, the organisation's otherwise. None when that
    level has no goal (a core area never has one): never another level's goal."""
    if not (filters.organisation and filters.year):
        return None
    level = goal_level(filters)
    if level is GoalLevel.CORE_AREA:
        return None
    stmt = (
        select(SavingsGoal.hours)
        .join(Organisation, Organisation.id == SavingsGoal.organisation_id)
        .where(Organisation.code == filters.organisation, SavingsGoal.year == filters.year)
    )
    if level is GoalLevel.SECTOR:
        stmt = stmt.join(Sector, Sector.id == SavingsGoal.sector_id).where(
            Sector.code == filters.sector
        )
    else:
        stmt = stmt.where(SavingsGoal.sector_id.is_(None))
    with reading(engine) as conn:
        return conn.scalar(stmt)


def level_name(engine: Engine, filters: Filters) -> str | None:
    """The name of the sector or core area the filters show (None for the organisation)."""
    if not filters.organisation:
        return None
    if filters.sector:
        model, code = Sector, filters.sector
    elif filters.core_area:
        model, code = CoreArea, filters.core_area
    else:
        return None
    stmt = (
        select(model.name)
        .join(Organisation, Organisation.id == model.organisation_id)
        .where(Organisation.code == filters.organisation, model.code == code)
    )
    with reading(engine) as conn:
        return conn.scalar(stmt)
