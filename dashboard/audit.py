"""What was changed, by whom and when, for the admin page: the import_run rows every import
writes (file, area, rows read, added and changed, the user, the time), newest first.

Changes to users (added, disabled, enabled, a new password) go to the log under the logger
`dashboard.audit`, with who did them.
"""

from __future__ import annotations

import getpass
import logging

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dashboard.models import ImportRun

log = logging.getLogger("dashboard.audit")


def recent_imports(engine: Engine, limit: int = 200) -> list[ImportRun]:
    with Session(engine, expire_on_commit=False) as session:
        rows = session.scalars(
            select(ImportRun)
            .order_by(ImportRun.imported_at.desc(), ImportRun.id.desc())
            .limit(limit)
        )
        return list(rows)


def record(action: str, *, user: str, by: str) -> None:
    """One line in the log for a change to a user: `action` ("added as editor", "disabled")."""
    log.info("user %s %s by %s", user, action, by or "?")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "?"
