"""Indicators fed from the statistics store.

An indicator that names a series (`indikatorer.serie`, e.g. `ssb:12134:KOSAG110000`) takes its
yearly values from the store, for its organisation's region (`organisasjoner.kommunenummer`,
followed back through renumberings: 3314 ← 3048 ← 0624). They are copied into indicator_value
with origin `statistics`, so every view, export and status rule reads them as they read any value.
A manual value (origin `manual`, from an import) for the same year wins and is never overwritten;
a statistics value whose source figure went missing (`..` after a revision) is removed, never
turned into a zero. Each sync runs in the caller's transaction and bumps the organisations'
effect-goal data version, so the query caches read afresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from dashboard.data_version import bump_data_version
from dashboard.models import (
    DataArea,
    Indicator,
    IndicatorValue,
    Organisation,
    StatRenumbering,
    StatSeries,
    StatValue,
    ValueOrigin,
)

_YEAR = re.compile(r"\d{4}")


def renumbering_chain(session: Session, source: str, code: str) -> list[str]:
    """`code` and every earlier number of the same municipality, newest first."""
    earlier = dict(
        session.execute(
            select(StatRenumbering.new_code, StatRenumbering.old_code).where(
                StatRenumbering.source == source
            )
        ).all()
    )
    chain = [code]
    while chain[-1] in earlier and earlier[chain[-1]] not in chain:
        chain.append(earlier[chain[-1]])
    return chain


def yearly_values(session: Session, series: StatSeries, region: str) -> dict[int, float]:
    """{year: value} of a series for a region (through its renumberings); missing years left out."""
    chain = renumbering_chain(session, series.source, region)
    rank = {code: i for i, code in enumerate(chain)}
    rows = session.execute(
        select(StatValue.region_code, StatValue.period, StatValue.value).where(
            StatValue.series_id == series.id,
            StatValue.region_code.in_(chain),
            StatValue.value.is_not(None),
        )
    ).all()
    best: dict[int, tuple[int, float]] = {}
    for region_code, period, value in rows:
        if not _YEAR.fullmatch(period):
            continue  # a yearly indicator takes yearly figures only
        year = int(period)
        if year not in best or rank[region_code] < best[year][0]:
            best[year] = (rank[region_code], value)
    return {year: value for year, (_, value) in best.items()}


def sync_indicators(
    session: Session,
    *,
    organisation_ids: Iterable[int] | None = None,
    series_codes: Iterable[str] | None = None,
    bump_linked: bool = False,
    bump: bool = True,
) -> int:
    """Copy the store's values into the linked indicators; the number of values changed.
    `bump_linked`: the series' values changed (a peer's too, say): bump every organisation with
    an indicator on them, since its comparison charts read the store. `bump=False`: the caller
    bumps the versions itself (the demo loader, once for everything it wrote)."""
    stmt = (
        select(
            Indicator.id, Indicator.organisation_id, Indicator.series_code, Organisation.region_code
        )
        .join(Organisation, Organisation.id == Indicator.organisation_id)
        .where(Indicator.series_code.is_not(None), Organisation.region_code.is_not(None))
    )
    if organisation_ids is not None:
        stmt = stmt.where(Indicator.organisation_id.in_(list(organisation_ids)))
    if series_codes is not None:
        stmt = stmt.where(Indicator.series_code.in_(list(series_codes)))
    changed_orgs: set[int] = set()
    changes = 0
    series_by_code: dict[str, StatSeries | None] = {}
    for indicator_id, org_id, series_code, region in session.execute(stmt).all():
        if bump_linked:
            changed_orgs.add(org_id)
        if series_code not in series_by_code:
            series_by_code[series_code] = session.scalar(
                select(StatSeries).where(StatSeries.code == series_code)
            )
        series = series_by_code[series_code]
        wanted = yearly_values(session, series, region) if series is not None else {}
        existing = {
            period: (value_id, value, origin)
            for value_id, period, value, origin in session.execute(
                select(
                    IndicatorValue.id,
                    IndicatorValue.period,
                    IndicatorValue.value,
                    IndicatorValue.origin,
                ).where(IndicatorValue.indicator_id == indicator_id)
            )
        }
        new, changed, gone = [], [], []
        for year, value in wanted.items():
            old = existing.get(year)
            if old is None:
                new.append(
                    {
                        "indicator_id": indicator_id,
                        "period": year,
                        "value": value,
                        "origin": ValueOrigin.STATISTICS,
                    }
                )
            elif old[2] == ValueOrigin.STATISTICS and old[1] != value:
                changed.append({"id": old[0], "value": value})
        for year, (value_id, _value, origin) in existing.items():
            if origin == ValueOrigin.STATISTICS and year not in wanted:
                gone.append(value_id)
        if new:
            session.execute(insert(IndicatorValue), new)
        if changed:
            session.execute(update(IndicatorValue), changed)
        if gone:
            session.execute(delete(IndicatorValue).where(IndicatorValue.id.in_(gone)))
        if new or changed or gone:
            changed_orgs.add(org_id)
            changes += len(new) + len(changed) + len(gone)
    if bump:
        bump_data_version(session, changed_orgs, [DataArea.EFFECT_GOALS])
    return changes
