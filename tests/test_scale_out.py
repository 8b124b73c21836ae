"""No shared state in worker memory: two gunicorn instances (two "hosts", two workers each) on
one PostgreSQL database and one Redis serve the same numbers, share their cached frames, and
both show a change as soon as the transaction that made it (and bumped the data version)
commits. Needs TEST_DATABASE_URL (skips without it) and the machine's Redis on 6379."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard.db import get_engine
from dashboard.harness.server import Gunicorn
from dashboard.harness.view_request import (
    add_measured_hours,
    hours,
)
from dashboard.ingest import demo

ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_DB = 13  # this test's own database on the machine's Redis; only it is flushed
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="TEST_DATABASE_URL is not set")


@pytest.fixture
def pg_demo_url(pg_template) -> Iterator[str]:
    """A fresh PostgreSQL database (a clone of the migrated template) with the demo loaded."""
    admin_url = make_url(TEST_DATABASE_URL).render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"dash_scale_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    url = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    try:
        demo.load_demo(get_engine(url))
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def shared_redis() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(
            "no Redis on 127.0.0.1:6379: start it as .ci/run does (redis-server --port 6379 …)"
        )
    client.flushdb()
    yield client
    client.flushdb()


SHARED_KEY = "scale-out-test-key-3f9c1e7b2a6d4f8e0c5b9a1d"  # every host has the same one


def Instance(name: str, database_url: str, log_dir: Path) -> Gunicorn:  # noqa: N802
    """One "host": gunicorn with two workers on the shared database and Redis."""
    return Gunicorn(
        database_url,
        log_dir / f"gunicorn-{name}.log",
        env={"REDIS_URL": REDIS_URL, "SECRET_KEY": SHARED_KEY},
    )


def _show(instance: Gunicorn) -> str:
    status, body = instance.show()
    assert status == 200
    return body


@pytest.fixture
def two_instances(pg_demo_url, shared_redis, tmp_path) -> Iterator[tuple[Instance, Instance]]:
    instances: list[Instance] = []
    try:
        instances = [Instance(name, pg_demo_url, tmp_path) for name in ("a", "b")]
        for instance in instances:
            assert instance.wait_healthy() == {
                "status": "ok",
                "database": "ok",
                "cache": "redis",
            }
        yield instances[0], instances[1]
    finally:
        for instance in instances:
            instance.stop()


def test_two_instances_share_one_cache_and_both_see_an_import(
    two_instances, pg_demo_url, shared_redis
):
    a, b = two_instances
    # Warm A's cache: the view's frames land in the shared Redis.
    assert hours(3389) in _show(a)
    keys = shared_redis.dbsize()
    # minuttjakt's six frames (2019's months too: the change since last year) and its two
    # filter option entries (the organisation list; sectors, core areas and years)
    assert keys == 8

    # A write that does not bump the version is invisible to both: B answers from the frames
    # A stored (B's own query would see 3 489), so nothing lives in a worker's memory alone.
    add_measured_hours(pg_demo_url, 100, bump=False)
    assert hours(3389) in _show(b)
    assert shared_redis.dbsize() == keys

    # An import (through A's configuration: the same DATABASE_URL) changes data and bumps the
    # version in one transaction: both instances show the new total at their next request.
    add_measured_hours(pg_demo_url, 1000, bump=True)
    for instance in (b, a):
        text = _show(instance)
        assert hours(4489) in text
        assert hours(3389) not in text
    # The new version's frames and options (the old ones expire); the organisation list is the
    # same entry, since the import changed no organisation.
    assert shared_redis.dbsize() == 2 * keys - 1
