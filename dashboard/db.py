"""Engines and sessions. One engine per database URL per process; no other global state (a
request's reads may share one connection, lent through a context variable by `shared_reading`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from dashboard import settings


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets readers go on during an import.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the DATABASE_URL setting), created once per process."""
    url = url or settings.get_database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


# The connection `shared_reading` lends to every `reading` of its engine in the same context
# (a request's thread or task), for as long as its block runs: scoped, never shared across
# requests.
_SHARED: ContextVar[tuple[Engine, Connection] | None] = ContextVar("shared_reading", default=None)


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads only, in autocommit: no BEGIN and no ROLLBACK around each query.
    On PostgreSQL that is two round trips fewer per query (a view runs about twenty). Inside
    `shared_reading(engine)`, that block's one connection."""
    shared = _SHARED.get()
    if shared is not None and shared[0] is engine:
        yield shared[1]
        return
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


@contextmanager
def shared_reading(engine: Engine) -> Iterator[None]:
    """Every `reading(engine)` in this block uses one connection: a view's dozen queries take
    one connection from the pool instead of one each (on PostgreSQL each checkout pings the
    server first, a round trip)."""
    if _SHARED.get() is not None:
        yield
        return
    with reading(engine) as conn:
        token = _SHARED.set((engine, conn))
        try:
            yield
        finally:
            _SHARED.reset(token)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work commits as one transaction, or rolls back completely on error."""
    factory = sessionmaker(bind=engine or get_engine(), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
