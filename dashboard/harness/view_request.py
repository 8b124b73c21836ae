"""A view's data request exactly as the browser sends it (Dash's page router callback), and
helpers shared by the cache and scale-out tests."""

from __future__ import annotations

import datetime as dt
import json
import socket

from sqlalchemy import select, update

from dashboard.data_version import bump_data_version
from dashboard.db import get_engine, session_scope
from dashboard.ingest import demo
from dashboard.models import Organisation, SavingsBasis, SavingsRecord

NBSP = "\u00a0"
UPDATE_PATH = "/_dash-update-component"


def view_body(pathname: str = "/minuttjakt", search: str = "?year=2020") -> dict:
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.search"],
        "parsedChangedPropsIds": ["_pages_location.search"],
    }


def readable(response_text: str) -> str:
    """The callback's JSON with its \\u escapes undone, so "3 389" can be searched for."""
    return json.dumps(json.loads(response_text), ensure_ascii=False)


def hours(value: int) -> str:
    """How nb writes a whole number of hours: 3389 -> '3 389' (no-break space)."""
    text = f"{value:,}".replace(",", NBSP)
    return text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def add_measured_hours(url: str, extra: float, *, bump: bool) -> None:
    """Change one 2020 measured savings record of the demo in one transaction; with `bump`
    the way an import does it: the savings version is bumped in the same transaction."""
    with session_scope(get_engine(url)) as session:
        org_id = session.scalar(
            select(Organisation.id).where(Organisation.code == demo.DEMO_ORGANISATION_CODE)
        )
        record_id = session.scalar(
            select(SavingsRecord.id)
            .where(
                SavingsRecord.basis == SavingsBasis.MEASURED,
                SavingsRecord.period.between(dt.date(2020, 1, 1), dt.date(2020, 12, 1)),
            )
            .order_by(SavingsRecord.id)
            .limit(1)
        )
        session.execute(
            update(SavingsRecord)
            .where(SavingsRecord.id == record_id)
            .values(hours=SavingsRecord.hours + extra)
        )
        if bump:
            bump_data_version(session, [org_id], ["savings"])
