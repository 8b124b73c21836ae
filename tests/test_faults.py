"""Faults against the real servers on this machine: a PostgreSQL restarted mid-session, a Redis
stopped and started again, an import on SQLite under 50 readers, and a gunicorn worker (or the
importing process) killed with SIGKILL while an import runs. Nothing is mocked: real servers,
real processes, real files.

Marked `fault` (slow: seconds each); `make test` runs them. The PostgreSQL restart needs
TEST_DATABASE_URL (CI sets it) and restarts that server, briefly: it skips without it. It never
touches the machine's Redis: the Redis test starts its own on a free port.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from openpyxl import Workbook
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from app import create_app
from dashboard.db import get_engine
from dashboard.harness.server import Gunicorn
from dashboard.harness.view_request import UPDATE_PATH, free_port, readable, view_body
from dashboard.models import ImportRun, SavingsProcess, SavingsRecord
from dashboard.web import cache as web_cache
from tests.small_fixture import load_small_fixture

pytestmark = pytest.mark.fault

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
FRIENDLY = "fordi databasen ikke svarer"  # error.database_unavailable (nb)
# The small fixture's 2020 measured hours on /minuttjakt (tests/small_fixture.py).
SMALL_2020 = "30 timer"


@pytest.fixture(autouse=True)
def _norwegian(monkeypatch):
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)


def show(client, search: str = "?year=2020", path: str = "/minuttjakt") -> tuple[int, str]:
    response = client.post(UPDATE_PATH, json=view_body(pathname=path, search=search))
    body = response.get_data(as_text=True)
    return response.status_code, readable(body) if response.status_code == 200 else body


# --- PostgreSQL restarted -------------------------------------------------------------------------


def _cluster() -> str:
    versions = sorted(os.listdir("/etc/postgresql"))
    assert versions, "no PostgreSQL cluster in /etc/postgresql"
    return versions[-1]


def _pg_ready(timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready = subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-q"], check=False, capture_output=True
        )
        if ready.returncode == 0:
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def pg_small_url(pg_template) -> Iterator[str]:
    """A fresh PostgreSQL database with the small fixture; skips without TEST_DATABASE_URL."""
    admin_url = make_url(TEST_DATABASE_URL).render_as_string(hide_password=False)
    name = f"dash_fault_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    url = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    try:
        load_small_fixture(get_engine(url))
        yield url
    finally:
        get_engine(url).dispose()
        get_engine(url + "?application_name=idle").dispose()
        _pg_ready(60)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_pooled_connection_the_server_ended_is_replaced(pg_small_url):
    """What makes the first request after a restart work: the pool notices that the server
    ended a connection it holds and opens a new one, instead of handing out a dead one."""
    engine = get_engine(pg_small_url)
    with engine.connect() as conn:
        dead = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    # The connection is back in the pool; the server ends it, as a restart would.
    admin_url = make_url(TEST_DATABASE_URL).render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead}).scalar_one()
    admin.dispose()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != dead


def test_postgresql_restarted_mid_session(pg_small_url, caplog):
    """The request under way when PostgreSQL restarts gets a message, not a trace; the next one
    works. A request is held in flight by a lock on `sector` another session takes first."""
    app = create_app(database_url=pg_small_url, redis_url="")
    client = app.server.test_client()
    status, body = show(client)
    assert status == 200 and SMALL_2020 in body
    # A second app with a pool of its own (another URL, the same database), idle during the
    # restart: no failed request tells its pool the connections died; only the ping before use.
    idle = create_app(database_url=pg_small_url + "?application_name=idle", redis_url="")
    idle_client = idle.server.test_client()
    assert show(idle_client)[0] == 200

    blocker = create_engine(pg_small_url)
    lock = blocker.connect()
    lock.begin()
    lock.execute(text("LOCK TABLE sector IN ACCESS EXCLUSIVE MODE"))
    in_flight: dict[str, object] = {}

    def request() -> None:
        # A year not asked before: its frames are not in the cache, so the view reads `sector`.
        in_flight["result"] = show(app.server.test_client(), "?year=2021")

    thread = threading.Thread(target=request)
    thread.start()
    database = make_url(pg_small_url).database
    waiting = 0
    for _ in range(100):  # until the request waits for the lock
        waiting = lock.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                "AND wait_event_type = 'Lock'"
            ),
            {"db": database},
        ).scalar_one()
        if waiting:
            break
        time.sleep(0.05)
    assert waiting == 1, "the request never waited for the lock"

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="dashboard.web.request_guard"):
        try:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", _cluster(), "main", "restart"],
                check=True,
                capture_output=True,
                timeout=120,
            )
        finally:
            assert _pg_ready(60), "PostgreSQL did not come back"
        thread.join(timeout=60)
    restart_s = time.monotonic() - started
    lock.invalidate()
    blocker.dispose()

    status, body = in_flight["result"]  # type: ignore[misc]
    assert status == 200, body[:500]
    assert FRIENDLY in body and "Traceback" not in body
    assert any("database unreachable" in r.getMessage() for r in caplog.records)
    # The next request works: the pools' dead connections are replaced, not handed out.
    status, body = show(idle_client)
    assert status == 200 and SMALL_2020 in body and FRIENDLY not in body, body[:500]
    status, body = show(client)
    assert status == 200 and SMALL_2020 in body and FRIENDLY not in body, body[:500]
    status, body = show(client, "?year=2021", "/tjenestegjennomgang")
    assert status == 200 and FRIENDLY not in body
    assert client.get("/healthz").status_code == 200
    assert restart_s < 60


def test_a_database_that_is_down_gives_a_message_on_every_route(tmp_path):
    """Not only the views: an export, and /healthz (503), say so without a trace."""
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none?connect_timeout=2"
    client = create_app(database_url=url, redis_url="").server.test_client()
    status, body = show(client)
    assert status == 200 and FRIENDLY in body
    response = client.get("/export/savings-by-sector.csv?year=2020")
    assert response.status_code == 503
    assert FRIENDLY in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "5"
    assert client.get("/healthz").status_code == 503


# --- Redis stopped --------------------------------------------------------------------------------


class ThrowawayRedis:
    """A redis-server of this test's own on a free port (never the machine's shared one)."""

    def __init__(self) -> None:
        if shutil.which("redis-server") is None:
            pytest.fail("redis-server is not installed (CI installs it)")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def keys(self) -> int:
        return redis.Redis(port=self.port).dbsize()


@pytest.fixture
def own_redis() -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()


def test_redis_stopped_mid_session_then_started_again(sqlite_url, own_redis, caplog):
    load_small_fixture(get_engine(sqlite_url))
    app = create_app(database_url=sqlite_url, redis_url=f"redis://127.0.0.1:{own_redis.port}/0")
    cache = app.server.extensions[web_cache.EXTENSION]
    cache.retry_after_s = 0.5  # the real back-off, shortened to keep the test quick
    client = app.server.test_client()
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        for _ in range(2):  # stored, then read back
            status, body = show(client)
            assert status == 200 and SMALL_2020 in body
        stored = own_redis.keys()
        assert stored >= 5 and cache.hits >= 5  # the view's frames, read back from Redis

        own_redis.stop()  # mid-session: the pool's open connections break
        for _ in range(3):
            status, body = show(client)
            assert status == 200 and SMALL_2020 in body  # uncached, same numbers
        assert not cache.available
        assert client.get("/healthz").get_json()["cache"] == "unreachable"

        own_redis.start()  # the same port, empty
        time.sleep(cache.retry_after_s)
        status, body = show(client)
        assert status == 200 and SMALL_2020 in body
        assert cache.available and own_redis.keys() == stored  # stored again
        hits = cache.hits
        assert SMALL_2020 in show(client)[1]
        # and read from it again: every entry the view stored (its frames and option lists)
        assert cache.hits == hits + stored
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unreachable" in m for m in messages) == 1, messages  # one warning per outage
    assert sum("reachable again" in m for m in messages) == 1, messages
    assert client.get("/healthz").get_json()["cache"] == "redis"


# --- an import under load -------------------------------------------------------------------------


def savings_workbook(path: Path, processes: int, months: int) -> tuple[Path, int]:
    """A workbook with `processes` new processes (P100…) and their measured and estimated hours
    for `months` months each: processes × months × 2 rows of hours."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "prosesser"
    sheet.append(["organisasjon", "prosess", "navn", "sektor", "enhet", "type", "fase",
                  "i_produksjon_fra"])  # fmt: skip
    for n in range(processes):
        sheet.append(["test", f"P{100 + n}", f"Prosess {n}", "S1", "", "robot", "idé", ""])
    hours = workbook.create_sheet("sparte_timer")
    hours.append(["organisasjon", "prosess", "måned", "timer", "grunnlag", "kjøringer"])
    for n in range(processes):
        for m in range(months):
            month = f"{m % 12 + 1:02d}.{1950 + m // 12}"
            hours.append(["test", f"P{100 + n}", month, 1 + (n + m) % 7, "målt", 10])
            hours.append(["test", f"P{100 + n}", month, 0.5, "estimert", None])
    workbook.save(path)
    return path, processes * months * 2


def counts(url: str) -> tuple[int, int, int]:
    engine = get_engine(url)
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(ImportRun)).scalar_one(),
            conn.execute(select(func.count()).select_from(SavingsProcess)).scalar_one(),
            conn.execute(select(func.count()).select_from(SavingsRecord)).scalar_one(),
        )


def start_import(url: str, path: Path, log: Path) -> subprocess.Popen:
    """`dashboard import` in a process of its own, the way an operator runs it."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [str(BIN / "dashboard"), "import", str(path)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def test_an_import_on_sqlite_while_50_readers_load_pages(sqlite_url, tmp_path, caplog):
    load_small_fixture(get_engine(sqlite_url))
    workbook, rows = savings_workbook(tmp_path / "timer.xlsx", processes=40, months=120)
    app = create_app(database_url=sqlite_url, redis_url="")
    views = [
        ("/minuttjakt", "?year=2020"),
        ("/", "?year=2021"),
        ("/effektmal", "?year=2022"),
        ("/tjenestegjennomgang", "?year=2021"),
        ("/minuttjakt", "?year=1955"),
    ]
    done = threading.Event()
    errors: list[str] = []
    # (start, end) of every request, per reader: to show that each one overlapped the import.
    spans: list[list[tuple[float, float]]] = [[] for _ in range(50)]
    # The import starts once every reader has served a view (no guess at how long that takes).
    all_reading = threading.Barrier(51, timeout=120)

    def reader(index: int) -> None:
        client = app.server.test_client()
        n = 0
        while not done.is_set() or n < 2:
            path, search = views[(index + n) % len(views)]
            started = time.monotonic()
            try:
                status, body = show(client, search, path)
            except Exception as error:  # noqa: BLE001 - any failure is what the test looks for
                errors.append(f"{type(error).__name__}: {error}")
            else:
                if status != 200 or FRIENDLY in body or "locked" in body:
                    errors.append(f"{path}{search}: {status} {body[:200]}")
            spans[index].append((started, time.monotonic()))
            n += 1
            if n == 1:
                all_reading.wait()

    with caplog.at_level(logging.WARNING):
        readers = [threading.Thread(target=reader, args=(i,)) for i in range(50)]
        for thread in readers:
            thread.start()
        all_reading.wait()
        log = tmp_path / "import.log"
        import_start = time.monotonic()
        importing = start_import(sqlite_url, workbook, log)
        try:
            assert importing.wait(timeout=300) == 0, log.read_text()
        finally:
            import_end = time.monotonic()
            done.set()
            for thread in readers:
                thread.join(timeout=300)
    assert errors == []
    # Every reader had a view in flight while the import ran.
    overlapped = [
        any(start < import_end and end > import_start for start, end in mine) for mine in spans
    ]
    assert overlapped == [True] * 50
    assert min(len(mine) for mine in spans) >= 2
    assert not [r for r in caplog.records if "locked" in r.getMessage()]
    assert "locked" not in log.read_text()
    assert counts(sqlite_url) == (1, 2 + 40, 5 + rows)
    # After the import the readers' next view shows the new year.
    status, body = show(app.server.test_client(), "?year=1955")
    assert status == 200 and "1955" in body


def _wait_for_line(log: Path, words: str, process: subprocess.Popen, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if words in log.read_text(errors="replace"):
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def _integrity(url: str) -> None:
    engine = get_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        else:
            orphans = conn.execute(
                select(func.count())
                .select_from(SavingsRecord)
                .outerjoin(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
                .where(SavingsProcess.id.is_(None))
            ).scalar_one()
            assert orphans == 0


@pytest.mark.parametrize("victim", ["worker", "importer"])
def test_a_process_killed_under_load_while_an_import_runs(db_url, tmp_path, victim):
    """SIGKILL a gunicorn worker (or the importing process itself) in the middle of an import,
    with readers on the app: the import is all there or not at all (the import_run row and the
    data agree), the database is intact, and gunicorn replaces the worker and serves again."""
    load_small_fixture(get_engine(db_url))
    # 24 000 rows of hours: the first progress line comes at 10 000, long before the commit.
    workbook, rows = savings_workbook(tmp_path / "timer.xlsx", processes=50, months=240)
    before = counts(db_url)
    server = Gunicorn(db_url, tmp_path / "gunicorn.log")
    done = threading.Event()
    outcomes: list[str] = []

    def load() -> None:
        while not done.is_set():
            try:
                status, _ = server.show(timeout=30)
                outcomes.append(str(status))
            except Exception as error:  # noqa: BLE001 - a reset on the killed worker is expected
                outcomes.append(type(error).__name__)

    try:
        server.wait_until(lambda: server.get("/healthz") == 200 and len(server.workers()) == 2)
        loaders = [threading.Thread(target=load) for _ in range(4)]
        for thread in loaders:
            thread.start()
        log = tmp_path / "import.log"
        importing = start_import(db_url, workbook, log)
        # Wait until the import is well under way: reading (worker) or writing (importer).
        stage = "rader lest" if victim == "worker" else "rader skrevet"
        assert _wait_for_line(log, stage, importing, 120), log.read_text()
        if victim == "worker":
            old = server.workers()
            os.kill(old[0], signal.SIGKILL)
            assert importing.wait(timeout=300) == 0, log.read_text()
        else:
            importing.send_signal(signal.SIGKILL)
            importing.wait(timeout=30)
        done.set()
        for thread in loaders:
            thread.join(timeout=60)
        # gunicorn replaces a killed worker; the replacement serves.
        if victim == "worker":
            server.wait_until(lambda: len(server.workers()) == 2 and old[0] not in server.workers())
        for _ in range(6):
            status, body = server.show()
            assert status == 200 and SMALL_2020 in body
    finally:
        done.set()
        server.stop()

    assert "200" in outcomes
    after = counts(db_url)
    imports = after[0] - before[0]
    assert imports in (0, 1)
    # Killed worker: the import goes on and completes. Killed importer: it was writing, 14 000
    # rows short of its commit, so nothing of it may be there.
    assert imports == (1 if victim == "worker" else 0)
    if imports:  # completed: every row of it
        assert after == (before[0] + 1, before[1] + 50, before[2] + rows)
    else:  # killed before its commit: nothing of it
        assert after == before
    _integrity(db_url)
    print(f"{victim}: {len(outcomes)} requests, {outcomes.count('200')} ok", file=sys.stderr)


def test_the_import_workbook_is_what_the_fault_tests_think(sqlite_url, tmp_path):
    """The workbook the fault tests import: valid, the expected number of rows."""
    load_small_fixture(get_engine(sqlite_url))
    workbook, rows = savings_workbook(tmp_path / "t.xlsx", processes=3, months=14)
    from dashboard.ingest import importer

    report = importer.import_file(workbook, get_engine(sqlite_url))
    assert report.ok, report.describe()
    assert report.rows_added == 3 + rows == 3 + 84
    assert dt.date(1951, 2, 1) in set(
        get_engine(sqlite_url).connect().execute(select(SavingsRecord.period)).scalars()
    )
