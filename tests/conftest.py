"""Shared fixtures: a fresh, migrated database per test, on SQLite and (when TEST_DATABASE_URL is
set) on the real PostgreSQL server. PostgreSQL tests skip without it; CI sets it, and then a
PostgreSQL that cannot be reached is an error, not a skip."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from dashboard import migrate
from dashboard.db import get_engine

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")

# Under CI=true a test needing PostgreSQL, Redis or Chromium that skipped fails the run.
pytest_plugins = ["dashboard.harness.ci_skips"]


# The admin engines below ping before use: tests/test_faults.py restarts the server mid-session.
def _pg_admin_url() -> str:
    return make_url(TEST_DATABASE_URL).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated template database; each test clones it (CREATE DATABASE … TEMPLATE): fast."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    name = f"dash_tmpl_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    migrate.upgrade(url)
    get_engine(url).dispose()
    get_engine.cache_clear()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fresh_pg(template: str) -> Iterator[str]:
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    name = f"dash_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("tmpl") / "template.sqlite3"
    migrate.upgrade(f"sqlite:///{path}")
    get_engine(f"sqlite:///{path}").dispose()
    return str(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, sqlite_template) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database of each kind."""
    if request.param == "sqlite":
        import shutil

        path = tmp_path / "test.sqlite3"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
        yield url
        get_engine(url).dispose()
    else:
        template = request.getfixturevalue("pg_template")
        yield from _fresh_pg(template)


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> Iterator[str]:
    """A fresh migrated SQLite database, for tests where the backend does not matter."""
    import shutil

    path = tmp_path / "test.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    yield url
    get_engine(url).dispose()


@pytest.fixture
def engine(db_url) -> Engine:
    return get_engine(db_url)


@pytest.fixture
def small(engine: Engine) -> Engine:
    """The hand-computed small fixture (tests/small_fixture.py) on each kind of database."""
    from tests.small_fixture import load_small_fixture

    load_small_fixture(engine)
    return engine


# --- Chromium ------------------------------------------------------------------------------------


def require_chromium(path: str) -> str:
    """`path` when Chromium is there; else skip, or fail when REQUIRE_BROWSER=1 (CI)."""
    from dashboard import settings
    from dashboard.harness.browser import missing_chromium

    problem = missing_chromium(path)
    if problem is None:
        return path
    if settings.value("REQUIRE_BROWSER"):
        pytest.fail(problem + " and REQUIRE_BROWSER=1")
    pytest.skip(problem)


@pytest.fixture(scope="module")
def chromium() -> Iterator[str]:
    """The Chromium that draws image exports (BROWSER_PATH), stopped after the module."""
    from dashboard import image_renderer, settings

    yield require_chromium(settings.value("BROWSER_PATH"))
    image_renderer.stop()
