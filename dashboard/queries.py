"""The query layer: filters in, small aggregated frames out, computed in SQL.

Every function takes an engine and a `Filters` and returns a pandas DataFrame with fixed columns
(also when empty), already grouped in the database. Nothing here loads a whole table into pandas;
the only Python-side work is on aggregated rows (a status rule, a running total of 12 months).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate

import pandas as pd
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Enum,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
    union_all,
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


# Statements are built once per shape (which filters are set) with bound parameters, and
# reused: SQLAlchemy then neither builds them nor works out their cache key again on every
# request (per statement, more than the SQL of most of them takes).
Shape = tuple[bool, bool, bool, bool]


def _shape(filters: Filters) -> Shape:
    """Which of organisation, sector, core area, year the filters set."""
    return (
        bool(filters.organisation),
        bool(filters.sector),
        bool(filters.core_area),
        bool(filters.year),
    )


def _binds(filters: Filters, **more: object) -> dict[str, object]:
    """The bound parameters of a statement built for `_shape(filters)` (unused ones are
    ignored)."""
    return {
        "organisation": filters.organisation,
        "sector": filters.sector,
        "core_area": filters.core_area,
        "year": filters.year,
        **more,
    }


ORGANISATION = bindparam("organisation", type_=String)
SECTOR = bindparam("sector", type_=String)
CORE_AREA = bindparam("core_area", type_=String)
YEAR = bindparam("year", type_=Integer)


def _enum_columns(stmt: Select) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(stmt.selected_columns) if isinstance(c.type, Enum))


def _rows(engine: Engine, stmt: Select, binds: dict) -> list[tuple]:
    with reading(engine) as conn:
        rows = [tuple(r) for r in conn.execute(stmt, binds)]
    # Only the enum columns need a value converted (most statements have none).
    enums = _enum_columns(stmt)
    if enums:
        rows = [tuple(_plain(v) if i in enums else v for i, v in enumerate(r)) for r in rows]
    return rows


def _frame(
    engine: Engine, stmt: Select, columns: list[str] | None = None, binds: dict | None = None
) -> pd.DataFrame:
    rows = _rows(engine, stmt, binds or {})
    return pd.DataFrame(rows, columns=columns or [c.key for c in stmt.selected_columns])


def _as_text(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """`columns` (enums) as text. A column `_rows` filled with the enums' values is text
    already: converting it again would only copy it (an empty one still gets the text type)."""
    for column in columns:
        if not isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].astype(str)
    return frame


# --- Filter options ---------------------------------------------------------------------------


_ORGANISATIONS_STAMP = select(
    select(func.count()).select_from(Organisation).scalar_subquery(),
    select(func.coalesce(func.sum(DataVersion.version), 0))
    .where(DataVersion.area == DataArea.ORGANISATION.value)
    .scalar_subquery(),
)


def organisations_stamp(engine: Engine) -> tuple[int, int]:
    """(organisations, sum of their "organisation" data versions): changes whenever one is
    added, removed or re-imported (every writer bumps), so it keys a cache of the list."""
    with reading(engine) as conn:
        row = conn.execute(_ORGANISATIONS_STAMP).one()
    return int(row[0]), int(row[1])


_ORGANISATIONS = select(Organisation.code, Organisation.name, Organisation.is_demo).order_by(
    func.lower(Organisation.name), Organisation.code
)


def organisations(engine: Engine) -> pd.DataFrame:
    """code, name, is_demo of every organisation, by name (case folded, so that the order, and
    with it the default organisation, is the same on every database)."""
    return _frame(engine, _ORGANISATIONS)


@dataclass(frozen=True)
class FilterOptions:
    """What an organisation's filter bar offers, as plain lists (cached per organisation and
    data versions, so they pickle cheaply)."""

    sectors: list[dict]  # code, name; by name
    core_areas: list[dict]  # code, name, is_cross_cutting, sectors (their codes); by name
    years: dict[str, list[int]]  # per area: effect_goals, service_review, savings

    def core_areas_of(self, sector: str | None = None) -> list[dict]:
        """code, name, is_cross_cutting of the core areas (of one sector when given)."""
        return [
            {"code": c["code"], "name": c["name"], "is_cross_cutting": c["is_cross_cutting"]}
            for c in self.core_areas
            if not sector or sector in c["sectors"]
        ]

    def core_area_sectors(
        self, sector: str | None = None, core_area: str | None = None
    ) -> list[tuple[str, str, str]]:
        """(sector_code, sector_name, core_area_code) as `core_area_sectors` has them, by
        sector name and core area name: from these options instead of another statement."""
        return [
            (s["code"], s["name"], c["code"])
            for s in self.sectors
            if not sector or s["code"] == sector
            for c in self.core_areas
            if s["code"] in c["sectors"] and (not core_area or c["code"] == core_area)
        ]


_SECTORS = (
    select(Sector.code, Sector.name)
    .join(Organisation, Organisation.id == Sector.organisation_id)
    .where(Organisation.code == ORGANISATION)
    .order_by(Sector.name)
)
# Each core area with the codes of its sectors (a row per sector), filtered in Python: one
# statement for every sector filter instead of one per sector.
_CORE_AREAS = (
    select(CoreArea.code, CoreArea.name, CoreArea.is_cross_cutting, Sector.code)
    .join(Organisation, Organisation.id == CoreArea.organisation_id)
    .outerjoin(core_area_sector, core_area_sector.c.core_area_id == CoreArea.id)
    .outerjoin(Sector, Sector.id == core_area_sector.c.sector_id)
    .where(Organisation.code == ORGANISATION)
    .order_by(CoreArea.name, CoreArea.code)
)


def _year_of(column):
    return cast(extract("year", column), Integer)


_ORG_ID = select(Organisation.id).where(Organisation.code == ORGANISATION).scalar_subquery()
# The years with data of the three areas in one statement.
_YEARS = union_all(
    select(literal(DataArea.EFFECT_GOALS.value).label("area"), IndicatorValue.period)
    .distinct()
    .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
    .where(Indicator.organisation_id == _ORG_ID),
    select(literal(DataArea.SERVICE_REVIEW.value), ServiceReviewTask.year)
    .distinct()
    .join(Unit, Unit.id == ServiceReviewTask.unit_id)
    .where(Unit.organisation_id == _ORG_ID),
    select(literal(DataArea.SAVINGS.value), _year_of(SavingsRecord.period))
    .distinct()
    .join(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
    .where(SavingsProcess.organisation_id == _ORG_ID),
)


def _sectors(conn: Connection, organisation: str) -> list[dict]:
    return [
        {"code": code, "name": name}
        for code, name in conn.execute(_SECTORS, {"organisation": organisation})
    ]


def _core_areas(conn: Connection, organisation: str) -> list[dict]:
    found: dict[str, dict] = {}
    for code, name, cross_cutting, sector in conn.execute(
        _CORE_AREAS, {"organisation": organisation}
    ):
        area = found.setdefault(
            code,
            {"code": code, "name": name, "is_cross_cutting": cross_cutting, "sectors": []},
        )
        if sector is not None:
            area["sectors"].append(sector)
    return list(found.values())


def _years(conn: Connection, organisation: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {
        DataArea.EFFECT_GOALS: [],
        DataArea.SERVICE_REVIEW: [],
        DataArea.SAVINGS: [],
    }
    for area, year in conn.execute(_YEARS, {"organisation": organisation}):
        found[DataArea(area)].append(int(year))
    return {area: sorted(values) for area, values in found.items()}


def filter_options(engine: Engine, organisation: str) -> FilterOptions:
    """The organisation's sectors, core areas (with their sectors) and years with data."""
    with reading(engine) as conn:
        return FilterOptions(
            _sectors(conn, organisation),
            _core_areas(conn, organisation),
            _years(conn, organisation),
        )


def sectors(engine: Engine, organisation: str) -> pd.DataFrame:
    """code, name of the organisation's sectors."""
    with reading(engine) as conn:
        return pd.DataFrame(_sectors(conn, organisation), columns=["code", "name"])


def core_areas(engine: Engine, organisation: str, sector: str | None = None) -> pd.DataFrame:
    """code, name, is_cross_cutting of the core areas (of one sector when given)."""
    with reading(engine) as conn:
        options = FilterOptions([], _core_areas(conn, organisation), {})
    return pd.DataFrame(options.core_areas_of(sector), columns=["code", "name", "is_cross_cutting"])


def years(engine: Engine, organisation: str) -> dict[str, list[int]]:
    """The years that have data, per area: effect_goals, service_review, savings."""
    with reading(engine) as conn:
        return _years(conn, organisation)


# --- Shared filter clauses --------------------------------------------------------------------


def _core_area_in_sector(core_area_id, sector_code):
    return exists(
        select(literal(1))
        .select_from(core_area_sector)
        .join(Sector, Sector.id == core_area_sector.c.sector_id)
        .where(core_area_sector.c.core_area_id == core_area_id, Sector.code == sector_code)
    )


def _sector_in_core_area(sector_id, core_area_code):
    """Service review and minuttjakt belong to sectors; a core-area filter keeps its sectors."""
    return exists(
        select(literal(1))
        .select_from(core_area_sector)
        .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
        .where(core_area_sector.c.sector_id == sector_id, CoreArea.code == core_area_code)
    )


def _sector_clauses(shape: Shape, sector_id_column) -> list:
    _, sector, core_area, _ = shape
    clauses = []
    if sector:
        clauses.append(Sector.code == SECTOR)
    if core_area:
        clauses.append(_sector_in_core_area(sector_id_column, CORE_AREA))
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
    # Decimals as shown (the indicator's own, or its unit's default) and the status, worked out
    # on the rows before the one frame is built: setting columns on a frame costs more.
    rows = [
        (
            *row[:7],
            indicator_decimals(row[6], row[7]),
            *row[8:],
            classify_indicator(row[15], row[13], row[10], row[12]),
        )
        for row in _rows(engine, _indicator_status_stmt(_shape(filters)), _binds(filters))
    ]
    if rows:
        return pd.DataFrame(rows, columns=INDICATOR_STATUS_COLUMNS)
    # No indicators: the columns' types as they always were.
    frame = pd.DataFrame([], columns=INDICATOR_STATUS_COLUMNS[:-1])
    frame["direction"] = frame["direction"].astype(str)
    frame["decimals"] = []
    frame["status"] = []
    return frame


@cache
def _indicator_status_stmt(shape: Shape) -> Select:
    # The latest period per indicator as a correlated subquery: it reads one indicator's rows
    # through the (indicator_id, period) index, where a GROUP BY over all indicator values would
    # read every organisation's (80 ms at a million values, against under 3 ms).
    latest_period = select(func.max(IndicatorValue.period)).where(
        IndicatorValue.indicator_id == Indicator.id
    )
    if shape[3]:
        latest_period = latest_period.where(IndicatorValue.period <= YEAR)
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
    return _goal_filters(stmt, shape)


def _goal_filters(stmt: Select, shape: Shape) -> Select:
    organisation, sector, core_area, _ = shape
    if organisation:
        stmt = stmt.where(Organisation.code == ORGANISATION)
    if sector:
        stmt = stmt.where(_core_area_in_sector(CoreArea.id, SECTOR))
    if core_area:
        stmt = stmt.where(CoreArea.code == CORE_AREA)
    return stmt


def core_area_sectors(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, core_area_code: which sectors each core area belongs to."""
    return _frame(
        engine,
        _core_area_sectors_stmt(_shape(filters)),
        ["sector_code", "sector_name", "core_area_code"],
        _binds(filters),
    )


@cache
def _core_area_sectors_stmt(shape: Shape) -> Select:
    organisation, sector, core_area, _ = shape
    stmt = (
        select(Sector.code, Sector.name, CoreArea.code)
        .select_from(core_area_sector)
        .join(Sector, Sector.id == core_area_sector.c.sector_id)
        .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
        .join(Organisation, Organisation.id == CoreArea.organisation_id)
        .order_by(Sector.name, CoreArea.name)
    )
    if organisation:
        stmt = stmt.where(Organisation.code == ORGANISATION)
    if sector:
        stmt = stmt.where(Sector.code == SECTOR)
    if core_area:
        stmt = stmt.where(CoreArea.code == CORE_AREA)
    return stmt


def indicator_series(
    engine: Engine, filters: Filters, *, goal_code: str | None = None
) -> pd.DataFrame:
    """indicator_code, period, value, comment: yearly values up to the filter year.

    Missing years are missing rows, so a chart draws a gap, never a zero.
    """
    frame = _frame(
        engine,
        _indicator_series_stmt(_shape(filters), bool(goal_code)),
        ["indicator_code", "period", "value", "comment", "origin"],
        _binds(filters, goal=goal_code),
    )
    frame["origin"] = frame["origin"].astype(str)
    return frame


@cache
def _indicator_series_stmt(shape: Shape, by_goal: bool) -> Select:
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
    stmt = _goal_filters(stmt, shape)
    if by_goal:
        stmt = stmt.where(EffectGoal.code == bindparam("goal", type_=String))
    if shape[3]:
        stmt = stmt.where(IndicatorValue.period <= YEAR)
    return stmt


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


AS_OF = bindparam("as_of", type_=Date)


def _review_outcome():
    """delivered_on_time / delivered_late / late / pending, as one SQL CASE.

    Delivered parts are judged by their dates; undelivered ones against `as_of` (today).
    """
    return case(
        (_delivered_on_time(), literal("delivered_on_time")),
        (ServiceReviewTask.status == ReviewStatus.SUBMITTED, literal("delivered_late")),
        (ServiceReviewTask.deadline < AS_OF, literal("late")),
        else_=literal("pending"),
    )


def _review_base(shape: Shape) -> Select:
    organisation, _, _, year = shape
    stmt = (
        select()
        .select_from(ServiceReviewTask)
        .join(Unit, Unit.id == ServiceReviewTask.unit_id)
        .join(Sector, Sector.id == Unit.sector_id)
        .join(Organisation, Organisation.id == Unit.organisation_id)
    )
    if organisation:
        stmt = stmt.where(Organisation.code == ORGANISATION)
    if year:
        stmt = stmt.where(ServiceReviewTask.year == YEAR)
    return stmt.where(*_sector_clauses(shape, Sector.id))


def review_completion(
    engine: Engine, filters: Filters, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """sector_code, sector_name, part, status, outcome, tasks: counts grouped in SQL.

    outcome is delivered_on_time / delivered_late / late (deadline passed, not delivered) /
    pending (deadline not yet passed); status keeps not_started apart from in_progress.
    """
    frame = _frame(
        engine,
        _review_completion_stmt(_shape(filters)),
        ["sector_code", "sector_name", "part", "status", "outcome", "tasks"],
        _binds(filters, as_of=as_of or dt.date.today()),
    )
    return _as_text(frame, "part", "status")


@cache
def _review_completion_stmt(shape: Shape) -> Select:
    outcome = _review_outcome().label("outcome")
    stmt = (
        _review_base(shape)
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
    return stmt.order_by(Sector.name, ServiceReviewTask.part)


def review_outstanding(
    engine: Engine, filters: Filters, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """The units whose parts are not delivered, by deadline (so the longest overdue first)."""
    as_of = as_of or dt.date.today()
    frame = _frame(
        engine,
        _review_outstanding_stmt(_shape(filters)),
        ["unit_code", "unit_name", "sector_name", "part", "status", "deadline"],
        _binds(filters),
    )
    _as_text(frame, "part", "status")
    frame["days_late"] = [max((as_of - d).days, 0) for d in frame["deadline"]]
    return frame


@cache
def _review_outstanding_stmt(shape: Shape) -> Select:
    stmt = (
        _review_base(shape)
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
    return stmt.order_by(ServiceReviewTask.deadline, Sector.name, Unit.name, ServiceReviewTask.part)


def review_budget_totals(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, part, amount_nok, inputs: what budget inputs add up to."""
    frame = _frame(
        engine,
        _review_budget_stmt(_shape(filters)),
        ["sector_code", "sector_name", "part", "amount_nok", "inputs"],
        _binds(filters),
    )
    return _as_text(frame, "part")


@cache
def _review_budget_stmt(shape: Shape) -> Select:
    return (
        _review_base(shape)
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


def review_deadlines(engine: Engine, filters: Filters) -> pd.DataFrame:
    """part, deadline, tasks, delivered, delivered_by_deadline: one row per part and deadline."""
    frame = _frame(
        engine,
        _review_deadlines_stmt(_shape(filters)),
        ["part", "deadline", "tasks", "delivered", "delivered_by_deadline"],
        _binds(filters),
    )
    return _as_text(frame, "part")


@cache
def _review_deadlines_stmt(shape: Shape) -> Select:
    on_time = case(
        (_delivered_on_time(), 1),
        else_=0,
    )
    delivered = case((ServiceReviewTask.status == ReviewStatus.SUBMITTED, 1), else_=0)
    return (
        _review_base(shape)
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


# --- Minuttjakt -------------------------------------------------------------------------------


def _savings_binds(filters: Filters) -> dict[str, object]:
    year = filters.year
    return _binds(
        filters,
        year_start=dt.date(year, 1, 1) if year else None,
        year_end=dt.date(year + 1, 1, 1) if year else None,
    )


def _savings_base(shape: Shape) -> Select:
    organisation, _, _, year = shape
    stmt = (
        select()
        .select_from(SavingsRecord)
        .join(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
        .join(Sector, Sector.id == SavingsProcess.sector_id)
        .join(Organisation, Organisation.id == SavingsProcess.organisation_id)
    )
    if organisation:
        stmt = stmt.where(Organisation.code == ORGANISATION)
    if year:
        stmt = stmt.where(
            SavingsRecord.period >= bindparam("year_start", type_=Date),
            SavingsRecord.period < bindparam("year_end", type_=Date),
        )
    return stmt.where(*_sector_clauses(shape, Sector.id))


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
    with reading(engine) as conn:
        found = {
            int(m): (float(measured or 0), float(estimated or 0))
            for m, measured, estimated in conn.execute(
                _savings_by_month_stmt(_shape(filters)), _savings_binds(filters)
            )
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


@cache
def _savings_by_month_stmt(shape: Shape) -> Select:
    month = cast(extract("month", SavingsRecord.period), Integer).label("month")
    return _savings_base(shape).add_columns(month, *_hours_by_basis()).group_by(month)


def savings_by_sector(engine: Engine, filters: Filters) -> pd.DataFrame:
    """sector_code, sector_name, measured_hours, estimated_hours; largest measured first."""
    return _frame(
        engine,
        _savings_by_sector_stmt(_shape(filters)),
        ["sector_code", "sector_name", "measured_hours", "estimated_hours"],
        _savings_binds(filters),
    )


@cache
def _savings_by_sector_stmt(shape: Shape) -> Select:
    measured, estimated = _hours_by_basis()
    return (
        _savings_base(shape)
        .add_columns(Sector.code, Sector.name, measured, estimated)
        .group_by(Sector.code, Sector.name)
        .order_by(measured.desc(), Sector.name)
    )


def savings_by_process(engine: Engine, filters: Filters) -> pd.DataFrame:
    """process_code, process_name, sector_name, kind, stage, measured_hours, estimated_hours, runs;
    largest first."""
    frame = _frame(
        engine,
        _savings_by_process_stmt(_shape(filters)),
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
        _savings_binds(filters),
    )
    return _as_text(frame, "kind", "stage")


@cache
def _savings_by_process_stmt(shape: Shape) -> Select:
    measured, estimated = _hours_by_basis()
    return (
        _savings_base(shape)
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


def process_pipeline(engine: Engine, filters: Filters) -> pd.DataFrame:
    """stage, kind, processes: every process of the filtered sectors, whatever its records."""
    frame = _frame(
        engine,
        _process_pipeline_stmt(_shape(filters)),
        ["stage", "kind", "processes"],
        _binds(filters),
    )
    return _as_text(frame, "stage", "kind")


@cache
def _process_pipeline_stmt(shape: Shape) -> Select:
    stmt = (
        select(SavingsProcess.stage, SavingsProcess.kind, func.count().label("processes"))
        .join(Sector, Sector.id == SavingsProcess.sector_id)
        .join(Organisation, Organisation.id == SavingsProcess.organisation_id)
        .where(*_sector_clauses(shape, Sector.id))
        .group_by(SavingsProcess.stage, SavingsProcess.kind)
        .order_by(SavingsProcess.stage, SavingsProcess.kind)
    )
    if shape[0]:
        stmt = stmt.where(Organisation.code == ORGANISATION)
    return stmt


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
    with reading(engine) as conn:
        return conn.scalar(_savings_goal_stmt(level), _binds(filters))


@cache
def _savings_goal_stmt(level: GoalLevel) -> Select:
    stmt = (
        select(SavingsGoal.hours)
        .join(Organisation, Organisation.id == SavingsGoal.organisation_id)
        .where(Organisation.code == ORGANISATION, SavingsGoal.year == YEAR)
    )
    if level is GoalLevel.SECTOR:
        return stmt.join(Sector, Sector.id == SavingsGoal.sector_id).where(Sector.code == SECTOR)
    return stmt.where(SavingsGoal.sector_id.is_(None))


_LEVEL_NAME = {
    model: select(model.name)
    .join(Organisation, Organisation.id == model.organisation_id)
    .where(Organisation.code == ORGANISATION, model.code == bindparam("code", type_=String))
    for model in (Sector, CoreArea)
}


def level_name(engine: Engine, filters: Filters) -> str | None:
    """The name of the sector or core area the filters show (None for the organisation)."""
    if not filters.organisation:
        return None
    if filters.sector:
        stmt, code = _LEVEL_NAME[Sector], filters.sector
    elif filters.core_area:
        stmt, code = _LEVEL_NAME[CoreArea], filters.core_area
    else:
        return None
    with reading(engine) as conn:
        return conn.scalar(stmt, {"organisation": filters.organisation, "code": code})
