"""The audit trail: what was done, by whom, from where and when.

    add(session, action, target=…, detail=…, actor=…)   record an event in `session`'s transaction
    record(engine, action, …)                            an event on its own (a deck export)
    recent(engine, limit)                                the newest events, for the admin page
    events_csv(engine)                                   every event as CSV (the admin page's link)
    recent_imports(engine)                               the import_run rows, for the admin page

An event is a row in audit_event written in the same transaction as the change it records (a
user added and its record commit together or not at all), and, once that transaction has
committed, one line under the logger `dashboard.audit` (dashboard/logs.py: JSON on standard
output, with the request id). The actor, the client's address and the request id default to
what the request (or the CLI command) bound with dashboard.logs.bind.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import logging

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from dashboard import logs
from dashboard.models import AuditEvent, ImportRun

log = logging.getLogger("dashboard.audit")

# Every action the trail knows, with the catalogue key the admin page shows it by.
ACTIONS = {
    "login": "audit.login",
    "login_failed": "audit.login_failed",
    "logout": "audit.logout",
    "session_ended": "audit.session_ended",
    "user_added": "audit.user_added",
    "user_disabled": "audit.user_disabled",
    "user_enabled": "audit.user_enabled",
    "password_changed": "audit.password_changed",
    "role_changed": "audit.role_changed",
    "import": "audit.import",
    "deck_export": "audit.deck_export",
}
CSV_COLUMNS = ("at_utc", "action", "actor", "target", "detail", "address", "request_id")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _clip(value: object, length: int) -> str | None:
    if value is None:
        return None
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text[:length]


def add(
    session: Session,
    action: str,
    *,
    target: str | None = None,
    detail: str | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Record `action` in `session`'s transaction; its log line follows the commit."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = AuditEvent(
        at=_now(),
        action=action,
        actor=_clip(actor or logs.bound("user") or "?", 200),
        target=_clip(target, 200),
        detail=_clip(detail, 1000),
        address=_clip(logs.bound("address"), 64),
        request_id=_clip(logs.bound("request_id"), 64),
    )
    session.add(row)

    def _committed(_session: Session) -> None:
        log.info(
            "%s %s",
            action,
            row.target or "",
            extra={"event": action, "actor": row.actor, "target": row.target, "detail": detail},
        )

    event.listen(session, "after_commit", _committed, once=True)
    return row


def record(engine: Engine, action: str, **fields: str | None) -> None:
    """An event that changes nothing else (a deck export): its own short transaction."""
    with Session(engine) as session:
        add(session, action, **fields)
        session.commit()


def recent(engine: Engine, limit: int = 200) -> list[AuditEvent]:
    with Session(engine, expire_on_commit=False) as session:
        rows = session.scalars(
            select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        )
        return list(rows)


def events_csv(engine: Engine) -> bytes:
    """Every event, oldest first, as UTF-8 CSV with a BOM (Excel keeps æøå). Values a
    spreadsheet would run as a formula are prefixed with ' (names and file names are
    user input)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    with Session(engine) as session:
        for row in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
            values = (
                f"{row.at:%Y-%m-%d %H:%M:%S}",
                row.action,
                row.actor,
                row.target,
                row.detail,
                row.address,
                row.request_id,
            )
            writer.writerow([_cell(v) for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def recent_imports(engine: Engine, limit: int = 200) -> list[ImportRun]:
    with Session(engine, expire_on_commit=False) as session:
        rows = session.scalars(
            select(ImportRun)
            .order_by(ImportRun.imported_at.desc(), ImportRun.id.desc())
            .limit(limit)
        )
        return list(rows)


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "?"
