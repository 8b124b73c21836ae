"""The statistics store: a read `Dataset` written in one transaction (upsert on series + region
+ period), and the reads the CLI and the views need."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from dashboard.db import reading, session_scope
from dashboard.models import StatRegion, StatRenumbering, StatSeries, StatValue
from dashboard.statistics import StatisticsError
from dashboard.statistics.link import sync_indicators
from dashboard.statistics.readers import Dataset, Observation, Series

Progress = Callable[[int, int], None]
_CHUNK = 5000
_LIMITS = {"region_code": 32, "period": 16, "value_text": 40, "status": 8}


@dataclass
class ImportSummary:
    series_added: int = 0
    regions_added: int = 0
    renumberings: int = 0
    values_read: int = 0
    values_added: int = 0
    values_changed: int = 0
    indicator_values: int = 0  # linked indicators' values changed (dashboard.statistics.link)

    @property
    def values_unchanged(self) -> int:
        return self.values_read - self.values_added - self.values_changed


def _check_lengths(observation: Observation) -> None:
    for column, limit in _LIMITS.items():
        text = getattr(observation, column)
        if text is not None and len(text) > limit:
            raise StatisticsError("stats.too_long", column=column, value=text, limit=limit)


def import_dataset(
    engine: Engine,
    dataset: Dataset,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    is_demo: bool = False,
) -> ImportSummary:
    """Write `dataset` as one transaction; with `dry_run`, count what would change and roll
    back. Either every value is stored or none."""
    if dataset.is_empty:
        raise StatisticsError("stats.empty")
    for observation in dataset.observations:
        _check_lengths(observation)
    summary = ImportSummary(values_read=len(dataset.observations))

    class _DryRun(Exception):
        pass

    try:
        with session_scope(engine) as session:
            series_ids = _upsert_series(session, dataset.series.values(), summary, is_demo)
            _upsert_regions(session, dataset, summary)
            _upsert_renumberings(session, dataset, summary)
            _upsert_values(session, dataset.observations, series_ids, summary, progress)
            session.flush()
            # A renumbering can give an indicator values it could not find before: sync them all.
            touched = None if dataset.renumberings else list(dataset.series)
            if touched is None or touched:
                summary.indicator_values = sync_indicators(
                    session,
                    series_codes=touched,
                    bump_linked=bool(summary.values_added or summary.values_changed),
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def _upsert_series(
    session: Session, series: Iterable[Series], summary: ImportSummary, is_demo: bool
) -> dict[str, int]:
    wanted = {s.code: s for s in series}
    existing = {
        row.code: row
        for row in session.scalars(select(StatSeries).where(StatSeries.code.in_(list(wanted))))
    }
    for code, info in wanted.items():
        row = existing.get(code)
        if row is None:
            row = StatSeries(
                code=code,
                source=info.source,
                table_id=info.table_id,
                content=info.content,
                label=info.label,
                unit=info.unit,
                decimals=info.decimals,
                source_note=info.source_note,
                licence=info.licence,
                source_updated=info.source_updated,
                is_demo=is_demo,
            )
            session.add(row)
            existing[code] = row
            summary.series_added += 1
            continue
        # A CSV knows less than JSON-stat (no label, no unit): never forget what is known.
        if info.label != code:
            row.label = info.label
        for column in ("unit", "decimals", "source_updated"):
            if getattr(info, column) is not None:
                setattr(row, column, getattr(info, column))
    session.flush()
    return {code: row.id for code, row in existing.items()}


def _upsert_regions(session: Session, dataset: Dataset, summary: ImportSummary) -> None:
    codes = list(dataset.regions)
    existing: dict[str, StatRegion] = {}
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        existing |= {
            row.code: row
            for row in session.scalars(
                select(StatRegion).where(
                    StatRegion.source == dataset.source, StatRegion.code.in_(chunk)
                )
            )
        }
    for code, region in dataset.regions.items():
        row = existing.get(code)
        if row is None:
            session.add(
                StatRegion(source=dataset.source, code=code, name=region.name, kind=region.kind)
            )
            summary.regions_added += 1
        elif region.name and (row.name is None or "?" not in region.name or "?" in row.name):
            # A Latin-1 export writes `?` for letters it lacks: keep the better name.
            row.name = region.name
            if row.kind.value == "other":
                row.kind = region.kind


def _upsert_renumberings(session: Session, dataset: Dataset, summary: ImportSummary) -> None:
    for change in dataset.renumberings:
        row = session.scalar(
            select(StatRenumbering).where(
                StatRenumbering.source == dataset.source,
                StatRenumbering.old_code == change.old_code,
            )
        )
        if row is None:
            session.add(
                StatRenumbering(
                    source=dataset.source,
                    old_code=change.old_code,
                    new_code=change.new_code,
                    valid_from=change.valid_from,
                )
            )
        else:
            row.new_code, row.valid_from = change.new_code, change.valid_from
        summary.renumberings += 1


def _upsert_values(
    session: Session,
    observations: list[Observation],
    series_ids: dict[str, int],
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    ids = sorted({series_ids[o.series_code] for o in observations})
    existing: dict[tuple[int, str, str], tuple[int, float | None, str | None, str | None]] = {}
    for series_id in ids:
        rows = session.execute(
            select(
                StatValue.series_id,
                StatValue.region_code,
                StatValue.period,
                StatValue.id,
                StatValue.value,
                StatValue.value_text,
                StatValue.status,
            ).where(StatValue.series_id == series_id)
        )
        for row in rows:
            existing[(row[0], row[1], row[2])] = (row[3], row[4], row[5], row[6])
    total = len(observations)
    for start in range(0, total, _CHUNK):
        new, changed = [], []
        for o in observations[start : start + _CHUNK]:
            series_id = series_ids[o.series_code]
            fields = {"value": o.value, "value_text": o.value_text, "status": o.status}
            old = existing.get((series_id, o.region_code, o.period))
            if old is None:
                new.append(
                    {"series_id": series_id, "region_code": o.region_code, "period": o.period}
                    | fields
                )
            elif old[1:] != (o.value, o.value_text, o.status):
                changed.append({"id": old[0]} | fields)
        if new:
            session.execute(insert(StatValue), new)
        if changed:
            session.execute(update(StatValue), changed)
        summary.values_added += len(new)
        summary.values_changed += len(changed)
        if progress:
            progress(min(start + _CHUNK, total), total)


# --- Reads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesRow:
    code: str
    label: str
    unit: str | None
    source_note: str
    values: int
    first_period: str | None
    last_period: str | None
    is_demo: bool


def list_series(engine: Engine) -> list[SeriesRow]:
    stmt = (
        select(
            StatSeries.code,
            StatSeries.label,
            StatSeries.unit,
            StatSeries.source_note,
            func.count(StatValue.id),
            func.min(StatValue.period),
            func.max(StatValue.period),
            StatSeries.is_demo,
        )
        .outerjoin(StatValue, StatValue.series_id == StatSeries.id)
        .group_by(StatSeries.id)
        .order_by(StatSeries.code)
    )
    with reading(engine) as conn:
        return [SeriesRow(*row) for row in conn.execute(stmt)]


def get_series(engine: Engine, code: str) -> StatSeries | None:
    """The series' row (label, unit, decimals, source note, licence), detached."""
    with Session(engine, expire_on_commit=False) as session:
        row = session.scalar(select(StatSeries).where(StatSeries.code == code))
        if row is not None:
            session.expunge(row)
        return row


@dataclass(frozen=True)
class ValueRow:
    region_code: str
    region_name: str | None
    period: str
    value: float | None
    value_text: str | None
    status: str | None

    @property
    def as_given(self) -> str:
        """The value as the source gave it: its number's text, else its status symbol."""
        return self.value_text if self.value_text is not None else (self.status or "")


def predecessors(engine: Engine, source: str, code: str) -> list[str]:
    """`code` and every earlier number of the same municipality, newest first
    (3314 → 3048 → 0624 for Øvre Eiker)."""
    with reading(engine) as conn:
        pairs = conn.execute(
            select(StatRenumbering.new_code, StatRenumbering.old_code).where(
                StatRenumbering.source == source
            )
        ).all()
    earlier = dict(pairs)
    chain = [code]
    while chain[-1] in earlier and earlier[chain[-1]] not in chain:
        chain.append(earlier[chain[-1]])
    return chain


def series_values(
    engine: Engine,
    code: str,
    *,
    regions: list[str] | None = None,
    periods: list[str] | None = None,
    follow_renumbering: bool = True,
) -> list[ValueRow]:
    """The stored values of a series, by region and period. Asked for a municipality by its
    current number, the values stored under its earlier numbers come too, under the current
    one (a period stored under both keeps the newest number's value)."""
    with reading(engine) as conn:
        series = conn.execute(
            select(StatSeries.id, StatSeries.source).where(StatSeries.code == code)
        ).first()
    if series is None:
        raise StatisticsError("stats.unknown_series", series=code)
    alias: dict[str, str] = {}
    rank: dict[str, int] = {}
    if regions:
        for region in regions:
            chain = predecessors(engine, series.source, region) if follow_renumbering else [region]
            for position, old in enumerate(chain):
                alias.setdefault(old, region)
                rank.setdefault(old, position)
    stmt = (
        select(
            StatValue.region_code,
            StatRegion.name,
            StatValue.period,
            StatValue.value,
            StatValue.value_text,
            StatValue.status,
        )
        .outerjoin(
            StatRegion,
            (StatRegion.code == StatValue.region_code) & (StatRegion.source == series.source),
        )
        .where(StatValue.series_id == series.id)
        .order_by(StatValue.region_code, StatValue.period)
    )
    if regions:
        stmt = stmt.where(StatValue.region_code.in_(list(alias)))
    if periods:
        stmt = stmt.where(StatValue.period.in_(periods))
    with reading(engine) as conn:
        rows = conn.execute(stmt).all()
    if not regions:
        return [ValueRow(*row) for row in rows]
    best: dict[tuple[str, str], tuple[int, ValueRow]] = {}
    names = {row[0]: row[1] for row in rows}
    for row in rows:
        current = alias[row[0]]
        value = ValueRow(current, names.get(current) or row[1], *row[2:])
        key = (current, row[2])
        if key not in best or rank[row[0]] < best[key][0]:
            best[key] = (rank[row[0]], value)
    order = {region: i for i, region in enumerate(regions)}
    return sorted((v for _, v in best.values()), key=lambda v: (order[v.region_code], v.period))
