"""The query-result cache (dashboard/cache.py) and the data versions that invalidate it
(dashboard/data_version.py): keys, in-process and Redis backends, a Redis that is down or comes
back, and a change that every process sees because its transaction bumped the version."""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
from collections.abc import Iterator

import pandas as pd
import pytest
import redis
from sqlalchemy import create_engine, event, select

from app import create_app
from dashboard import cache as query_cache
from dashboard import charts, settings
from dashboard.data_version import AREAS, bump_data_version, current_versions
from dashboard.db import get_engine, session_scope
from dashboard.harness.view_request import (
    UPDATE_PATH,
    add_measured_hours,
    free_port,
    hours,
    readable,
    view_body,
)
from dashboard.ingest import demo
from dashboard.models import DataVersion, Organisation
from dashboard.view_state import view_state
from dashboard.web import cache as web_cache

SHARED_REDIS_DB = 14  # this module's own database on the machine's Redis; only it is flushed
LOCAL_REDIS = "redis://127.0.0.1:6379"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory, sqlite_template) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    demo.load_demo(get_engine(url))
    get_engine(url).dispose()
    return str(path)


@pytest.fixture
def demo_url(tmp_path, demo_template) -> Iterator[str]:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    url = f"sqlite:///{path}"
    yield url
    get_engine(url).dispose()


# The frames the overview for 2020 reads through the cache: indicator status, review completion,
# minuttjakt's months and goal, and last year's months (the KPI card's change since 2019).
FRAMES = 6
# ...and the view's filter options, cached too: the organisation list, and the organisation's
# sectors, core areas and years in one entry.
CACHED = FRAMES + 2


def _show(app, search: str = "?year=2020") -> str:
    response = app.server.test_client().post(UPDATE_PATH, json=view_body(search=search))
    assert response.status_code == 200
    return readable(response.get_data(as_text=True))




class _Statements:
    """Counts the SQL statements an engine runs."""

    def __init__(self, engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)
        self._engine = engine

    def _seen(self, *_args) -> None:
        self.count += 1

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._seen)


# --- keys --------------------------------------------------------------------------------------


def test_the_database_part_of_a_key_has_no_password_and_is_the_same_on_every_host():
    # Engines connect lazily: nothing here reaches for db.internal.
    one = create_engine("postgresql+psycopg://dash:secret@db.internal:5432/kommune")
    other = create_engine("postgresql+psycopg://dash:rotated@db.internal:5432/kommune")
    elsewhere = create_engine("postgresql+psycopg://dash:secret@db.internal:5432/other")
    assert query_cache.database_id(one) == query_cache.database_id(other)
    assert query_cache.database_id(one) != query_cache.database_id(elsewhere)
    key = query_cache.query_key(
        query_cache.database_id(one),
        "savings_by_sector",
        organisation_id=7,
        versions={"savings": 3, "organisation": 1},
        params=[charts.queries.Filters("demo", "helse-velferd", None, 2020)],
    )
    assert "secret" not in key
    assert key.startswith(f"q{query_cache.FORMAT}:pd")
    assert key.endswith(
        ":savings_by_sector:org7:organisation=1,savings=3:"
        "organisation=demo,sector=helse-velferd,core_area=,year=2020"
    )


def test_parts_of_a_key_cannot_run_into_each_other():
    def key(*params):
        return query_cache.query_key(
            "db", "q", organisation_id=1, versions={"savings": 1}, params=params
        )

    assert key("a:b", "c") != key("a", "b:c")
    assert key("x,y=1") != key("x", "y=1")
    assert key(None) != key("None")


# --- data versions -----------------------------------------------------------------------------


def test_bump_data_version_counts_per_organisation_and_area(engine):
    with session_scope(engine) as session:
        first = Organisation(code="a", name="A")
        second = Organisation(code="b", name="B")
        session.add_all([first, second])
        session.flush()
        ids = (first.id, second.id)
    assert current_versions(engine, "a").by_area == dict.fromkeys(AREAS, 0)
    assert current_versions(engine, "nowhere") is None
    with session_scope(engine) as session:
        bump_data_version(session, [ids[0]], ["savings", "organisation"])
    with session_scope(engine) as session:
        bump_data_version(session, ids, ["savings"])
    a, b = current_versions(engine, "a"), current_versions(engine, "b")
    assert (a.organisation_id, b.organisation_id) == ids
    assert a.by_area == {"organisation": 1, "effect_goals": 0, "service_review": 0, "savings": 2}
    assert b.of("organisation", "savings") == {"organisation": 0, "savings": 1}


def test_a_rolled_back_change_keeps_its_version(engine):
    with session_scope(engine) as session:
        org = Organisation(code="a", name="A")
        session.add(org)
        session.flush()
        org_id = org.id
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        bump_data_version(session, [org_id], AREAS)
        raise RuntimeError("the import failed")
    assert current_versions(engine, "a").by_area == dict.fromkeys(AREAS, 0)


def test_an_unknown_area_is_refused(engine):
    with session_scope(engine) as session, pytest.raises(ValueError):
        bump_data_version(session, [1], ["budget"])


def test_loading_the_demo_bumps_every_area(engine):
    demo.load_demo(engine)
    assert current_versions(engine, "demo").by_area == dict.fromkeys(AREAS, 1)
    with session_scope(engine) as session:
        assert session.scalar(select(DataVersion.version).limit(1)) == 1


# --- the in-process store ------------------------------------------------------------------------


def test_the_in_process_store_drops_the_least_recently_used_entry_when_full():
    store = query_cache.LocalBackend(max_items=3)
    for key in ("a", "b", "c"):
        store.set(key, (key.upper(),))
    assert store.get("a") == ("A",)  # "a" read: "b" is now the least recently used
    store.set("d", ("D",))
    assert len(store) == 3
    assert store.get("b") is None
    assert [store.get(k) for k in ("a", "c", "d")] == [("A",), ("C",), ("D",)]


def test_the_in_process_store_forgets_an_entry_after_its_timeout():
    now = [1000.0]
    store = query_cache.LocalBackend(max_items=10, timeout_s=60, timer=lambda: now[0])
    store.set("k", (1,))
    now[0] += 59
    assert store.get("k") == (1,)
    now[0] += 2
    assert store.get("k") is None
    assert len(store) == 0


def test_a_value_read_from_the_in_process_store_is_a_copy():
    """As from Redis: a caller that changes what it read never changes what is cached."""
    store = query_cache.LocalBackend()
    frame = pd.DataFrame({"hours": [1.0, 2.0]})
    store.set("k", (frame,))
    frame.loc[0, "hours"] = 99.0
    read = store.get("k")[0]
    read.loc[1, "hours"] = 99.0
    assert store.get("k")[0]["hours"].tolist() == [1.0, 2.0]
    store.clear()
    assert store.get("k") is None


# --- the cache in the app ------------------------------------------------------------------------


def test_frames_outside_an_app_run_their_queries_uncached(demo_url):
    engine = get_engine(demo_url)
    frames = charts.Frames(engine, view_state({"year": ["2020"]}, engine=engine))
    assert frames.cache is None
    assert frames.savings_totals.measured_hours == 3389


def test_the_in_process_cache_serves_repeats_and_an_import_invalidates_it(demo_url):
    app = create_app(database_url=demo_url, redis_url="")
    cache = app.server.extensions[web_cache.EXTENSION]
    assert cache.where == "in-process"
    statements = _Statements(get_engine(demo_url))
    try:
        assert hours(3389) in _show(app)
        uncached = statements.count
        statements.count = 0
        assert hours(3389) in _show(app)
        # The repeat runs the organisation list's stamp and the version lookup, not the frames'
        # queries nor the filter options (organisations; sectors, core areas, years: cached on
        # the data versions).
        assert statements.count <= uncached - CACHED
        assert statements.count == 2
        assert cache.hits == CACHED
    finally:
        statements.close()
    # A writer that does not bump the version is not seen: the cache really answers.
    add_measured_hours(demo_url, 100, bump=False)
    assert hours(3389) in _show(app)
    # An import bumps it in its transaction: the next request reads afresh.
    add_measured_hours(demo_url, 1000, bump=True)
    text = _show(app)
    assert hours(4489) in text and hours(3389) not in text


def test_a_redis_that_is_down_serves_uncached_and_warns_once(demo_url, caplog):
    app = create_app(database_url=demo_url, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    cache = app.server.extensions[web_cache.EXTENSION]
    cache.retry_after_s = 0  # try Redis on every call: still one warning for the outage
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        for _ in range(3):
            assert hours(3389) in _show(app)
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1
    assert cache.hits == 0
    health = app.server.test_client().get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "database": "ok", "cache": "unreachable"}


def test_a_down_redis_is_not_retried_on_every_request(demo_url):
    app = create_app(database_url=demo_url, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    cache = app.server.extensions[web_cache.EXTENSION]
    calls = []
    real_get = cache._backend.get

    def counting_get(key):
        calls.append(key)
        return real_get(key)

    cache._backend.get = counting_get
    _show(app)
    _show(app)
    assert len(calls) == 1  # then skipped for RETRY_AFTER_S


@pytest.fixture
def throwaway_redis_port() -> Iterator[int]:
    """A port for a Redis of the test's own; the test starts it, this stops only that one."""
    if shutil.which("redis-server") is None:
        if settings.value("REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed and REQUIRE_REDIS=1")
        pytest.skip("redis-server is not installed")
    port = free_port()
    holder: dict[str, subprocess.Popen] = {}
    yield port, holder
    server = holder.get("server")
    if server is not None:
        server.terminate()
        server.wait(timeout=10)


def _start_redis(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.2)
    for _ in range(100):
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    server.terminate()
    raise RuntimeError("redis-server did not start")


def test_a_redis_that_comes_back_is_used_again(demo_url, throwaway_redis_port, caplog):
    port, holder = throwaway_redis_port
    app = create_app(database_url=demo_url, redis_url=f"redis://127.0.0.1:{port}/0")
    cache = app.server.extensions[web_cache.EXTENSION]
    cache.retry_after_s = 0
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert hours(3389) in _show(app)  # nothing listens yet
        assert not cache.available
        holder["server"] = _start_redis(port)
        assert hours(3389) in _show(app)
        assert cache.available
        assert redis.Redis(port=port).dbsize() == CACHED  # the view's frames and options
        assert hours(3389) in _show(app)
    assert cache.hits == CACHED
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unreachable" in m for m in messages) == 1
    assert sum("reachable again" in m for m in messages) == 1


@pytest.fixture
def shared_redis_url() -> Iterator[str]:
    url = f"{LOCAL_REDIS}/{SHARED_REDIS_DB}"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.ConnectionError:
        if settings.value("REQUIRE_REDIS"):
            pytest.fail("no Redis on 127.0.0.1:6379 and REQUIRE_REDIS=1")
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    client.flushdb()
    yield url
    client.flushdb()


def test_two_apps_on_one_redis_share_their_frames(demo_url, shared_redis_url):
    first = create_app(database_url=demo_url, redis_url=shared_redis_url)
    second = create_app(database_url=demo_url, redis_url=shared_redis_url)
    assert hours(3389) in _show(first)
    assert hours(3389) in _show(second)
    first_cache = first.server.extensions[web_cache.EXTENSION]
    second_cache = second.server.extensions[web_cache.EXTENSION]
    assert (first_cache.misses, second_cache.misses, second_cache.hits) == (CACHED, 0, CACHED)
    add_measured_hours(demo_url, 1000, bump=True)
    assert hours(4389) in _show(second)
    assert hours(4389) in _show(first)
