"""Data versions: a counter per organisation and area that every write bumps in its own
transaction, so that caches on every worker and host see a change at their next request.

    bump_data_version(session, organisation_ids, areas)   # the importer, the demo loader
    current_versions(engine, organisation_code)           # the query cache, once per view

The query cache (`dashboard.cache`) puts the versions in its keys: after a bump nobody asks for
the old keys again, and they expire. Nothing is sent to the other processes and nothing is
deleted, so it works the same with one worker, many workers and many hosts.

No Flask here: the importer and the CLI call it with their own session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, String, bindparam, select
from sqlalchemy.orm import Session

from dashboard.db import reading
from dashboard.models import DataArea, DataVersion, Organisation

AREAS: tuple[str, ...] = tuple(area.value for area in DataArea)


def bump_data_version(
    session: Session, organisation_ids: Iterable[int], areas: Iterable[str]
) -> None:
    """Add 1 to the version of every (organisation, area), inside the caller's transaction.

    Call it in the same transaction as the change, before the commit: readers then see the new
    data and the new version at the same moment. `areas` are `DataArea` values (organisation,
    effect_goals, service_review, savings); an unknown one raises ValueError. One statement
    (INSERT … ON CONFLICT DO UPDATE) for all pairs, in a fixed order, so two imports at once
    neither lose a bump nor deadlock.
    """
    org_ids = sorted({int(org_id) for org_id in organisation_ids})
    area_values = sorted({DataArea(area).value for area in areas})
    if not org_ids or not area_values:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {"organisation_id": org_id, "area": area, "version": 1, "updated_at": now}
        for org_id in org_ids
        for area in area_values
    ]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"bump_data_version: no upsert for {dialect}")
    stmt = insert(DataVersion).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[DataVersion.organisation_id, DataVersion.area],
        set_={"version": DataVersion.version + 1, "updated_at": now},
    )
    session.execute(stmt)


@dataclass(frozen=True)
class Versions:
    """One organisation's id and the version of each of its areas (0: never bumped)."""

    organisation_id: int
    by_area: dict[str, int]
    # When each area last changed (UTC; None: never, or before this was recorded).
    updated: dict[str, dt.datetime | None] = field(default_factory=dict)

    def of(self, *areas: str) -> dict[str, int]:
        return {area: self.by_area[area] for area in areas}


# Built once (not per request): SQLAlchemy then reuses its compiled form and cache key.
_VERSIONS = (
    select(Organisation.id, DataVersion.area, DataVersion.version, DataVersion.updated_at)
    .select_from(Organisation)
    .outerjoin(DataVersion, DataVersion.organisation_id == Organisation.id)
    .where(Organisation.code == bindparam("organisation", type_=String))
)


def current_versions(engine: Engine, organisation_code: str) -> Versions | None:
    """The organisation's versions in one small query (primary-key lookups); None when there
    is no organisation with this code."""
    with reading(engine) as conn:
        rows = conn.execute(_VERSIONS, {"organisation": organisation_code}).all()
    if not rows:
        return None
    found = {str(area): version for _, area, version, _ in rows if area is not None}
    updated = {str(area): when for _, area, _, when in rows if area is not None}
    return Versions(
        rows[0][0], {area: found.get(area, 0) for area in AREAS}, {a: updated.get(a) for a in AREAS}
    )
