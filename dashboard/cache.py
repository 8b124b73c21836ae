"""The query-result cache: the small frames `charts.Frames` fetches, never whole responses.

    QueryCache(backend, where=...)   a backend that never breaks a page
    query_key(...)                   keys that hold across workers and hosts

The Flask side (the backend chosen from REDIS_URL, the current app's cache) is
`dashboard.web.cache`; this module knows nothing of Flask.

Without REDIS_URL each worker process keeps its own in-memory cache (`LocalBackend`: at most
LOCAL_MAX_ITEMS entries, least recently used out first); with it, one Redis serves every worker
and host. The query layer stays pure: `dashboard.queries` knows nothing of this, and outside a
Flask app (tests, the CLI, benchmarks) `charts.Frames` simply runs its queries.

Keys hold across workers and hosts because they are built only from what decides the result:
the query's name, the database (a hash of its URL without the password), the organisation's id
and the data versions of the areas the query reads (`dashboard.data_version`), its filters and
arguments (with `as_of` where the query takes it) — plus the cache format and the pandas version,
so that hosts in the middle of a rolling upgrade never read each other's pickles. An import bumps
the versions in its transaction; from then on every process asks for new keys, and the old
entries expire (TIMEOUT_S).

Values are pickled (Flask-Caching's default serializer for Redis; `LocalBackend` does the same,
so no caller can change a cached frame in place). pyarrow is not installed, so `to_parquet` is
out, and JSON would need every dtype restored by hand (dates in object columns, None against
NaN, pandas' string dtype); pickle returns the very frame. The price is that whoever can write
to the Redis can run code in the app: REDIS_URL must point at a Redis only the app hosts reach,
with a password or TLS (docs/operations.md says so), like the database itself.

A Redis that is down never breaks a page: the view is served uncached, one warning is logged
per process and outage, Redis is tried again every RETRY_AFTER_S seconds (not on every request,
so an unreachable host costs no connect timeout per request), and is used again when it answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import pickle
import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import pandas as pd
from cachetools import TTLCache
from sqlalchemy import URL, Engine

log = logging.getLogger(__name__)

T = TypeVar("T")

# Bump when what a key means or what a value holds changes: old entries are then never read.
FORMAT = "1"
KEY_PREFIX = "dashboard:"
# Entries are invalidated by the data version, not by time; the timeout only lets entries of
# old versions and of filters nobody asks for any more leave memory. A working day.
TIMEOUT_S = 8 * 3600
# In-process cache: at most this many frames per worker (a few kB each, typically).
LOCAL_MAX_ITEMS = 2000
# Redis answers in well under a millisecond; one that does not answer within this is "down".
REDIS_TIMEOUT_S = 0.5
RETRY_AFTER_S = 5.0


class LocalBackend:
    """The in-process store (no REDIS_URL): at most `max_items` pickled values, the least
    recently used out first, each kept `timeout_s` at most (the one timeout QueryCache gives).

    cachetools' TTLCache does both in constant time per write. cachelib's SimpleCache, used
    before, sorted all its entries on every write once full: 0.26-0.42 ms a write at 2 000 entries
    against 0.04-0.05 ms here, several writes per filter change, for as long as a worker runs."""

    def __init__(
        self,
        max_items: int = LOCAL_MAX_ITEMS,
        timeout_s: float = TIMEOUT_S,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        self._entries: TTLCache[str, bytes] = TTLCache(max_items, timeout_s, timer=timer)
        self._lock = threading.Lock()  # gunicorn's threads share it; TTLCache is not thread-safe

    def get(self, key: str) -> Any:
        with self._lock:
            found = self._entries.get(key)
        return None if found is None else pickle.loads(found)

    def set(self, key: str, value: object, timeout: float | None = None) -> bool:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._entries[key] = data
        return True

    def clear(self) -> bool:
        with self._lock:
            self._entries.clear()
        return True

    def __len__(self) -> int:
        with self._lock:
            self._entries.expire()
            return len(self._entries)


class QueryCache:
    """A cache backend (Flask-Caching's Redis, or `LocalBackend`), used so that its failures
    never reach the page."""

    def __init__(self, backend: Any, *, where: str, retry_after_s: float = RETRY_AFTER_S):
        self._backend = backend
        self.where = where  # for logs and /healthz: "in-process" or the Redis without password
        self.retry_after_s = retry_after_s
        self._failed_at: float | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def shared(self) -> bool:
        return self.where != "in-process"

    @property
    def available(self) -> bool:
        """False while the backend is known to be down (until the next retry shows otherwise)."""
        return self._failed_at is None

    def ping(self) -> bool:
        """Ask the backend now (for /healthz): True when it answers. An in-process cache always
        does; a Redis that does not is marked down as a failed read would mark it."""
        if not self.shared:
            return True
        try:
            self._backend._write_client.ping()
        except Exception as error:  # noqa: BLE001 - any failure means "unreachable"
            self._failed(error)
            return False
        self._succeeded()
        return True

    def key(
        self,
        engine: Engine,
        query: str,
        *,
        organisation_id: int,
        versions: dict[str, int],
        params: Iterable[object] = (),
    ) -> str:
        return query_key(
            database_id(engine),
            query,
            organisation_id=organisation_id,
            versions=versions,
            params=params,
        )

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        """The cached value for `key`, or compute() — stored for the next request."""
        if self._should_try():
            try:
                found = self._backend.get(key)
            except Exception as error:  # noqa: BLE001 - any backend failure means "uncached"
                self._failed(error)
            else:
                self._succeeded()
                # Values are stored as (value,), so a cached None is told from a miss.
                if isinstance(found, tuple) and len(found) == 1:
                    self.hits += 1
                    return found[0]
        self.misses += 1
        value = compute()
        if self._should_try():
            try:
                self._backend.set(key, (value,), timeout=TIMEOUT_S)
            except Exception as error:  # noqa: BLE001
                self._failed(error)
            else:
                self._succeeded()
        return value

    def clear(self) -> None:
        """Empty the cache (for tests; in Redis: only this app's keys are in its database)."""
        self._backend.clear()

    def _should_try(self) -> bool:
        failed_at = self._failed_at
        return failed_at is None or time.monotonic() - failed_at >= self.retry_after_s

    def _failed(self, error: Exception) -> None:
        with self._lock:
            first = self._failed_at is None
            self._failed_at = time.monotonic()
        if first:
            log.warning(
                "query cache: %s is unreachable (%s: %s); serving uncached, trying again "
                "every %g s",
                self.where,
                type(error).__name__,
                error,
                self.retry_after_s,
            )

    def _succeeded(self) -> None:
        if self._failed_at is None:
            return
        with self._lock:
            was_down, self._failed_at = self._failed_at is not None, None
        if was_down:
            log.warning("query cache: %s is reachable again", self.where)


# --- keys ---------------------------------------------------------------------------------------


def database_id(engine: Engine) -> str:
    """A short hash of the database URL without its password: the same on every host that
    uses the same URL, and no secret in a cache key."""
    return _url_id(engine.url)


@lru_cache(maxsize=16)  # once per URL, not for every key (rendering and hashing it is slow)
def _url_id(url: URL) -> str:
    text = url.render_as_string(hide_password=True)  # the password as ***
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def query_key(
    database: str,
    query: str,
    *,
    organisation_id: int,
    versions: dict[str, int],
    params: Iterable[object] = (),
) -> str:
    """`q1:pd3.1.1:<db>:savings_by_sector:org1:organisation=1,savings=2:<filters…>`.

    Every part is %-escaped (no `:` inside a part), so two different calls never share a key;
    the prefix KEY_PREFIX is added by the backend.
    """
    parts = [
        f"q{FORMAT}",
        f"pd{pd.__version__}",
        database,
        query,
        f"org{organisation_id}",
        ",".join(f"{area}={version}" for area, version in sorted(versions.items())),
        *(_text(p) for p in params),
    ]
    return ":".join(parts)


def _text(value: object) -> str:
    if value is None:
        return ""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ",".join(
            f"{field.name}={_text(getattr(value, field.name))}"
            for field in dataclasses.fields(value)
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    return quote(str(value), safe="")


def redis_location(url: str) -> str:
    """redis://host:port/db, without user or password, for logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path or '/0'}"
