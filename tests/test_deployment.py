"""What running behind a load balancer needs: /healthz, compressed responses, and gunicorn
settings that hold (preloading the app opens nothing that forked workers would share)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from dashboard.db import get_engine
from dashboard.harness.view_request import UPDATE_PATH, free_port, view_body
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fixture_app(sqlite_url):
    from dashboard.db import get_engine

    load_small_fixture(get_engine(sqlite_url))
    return create_app(database_url=sqlite_url, redis_url="")


def test_healthz_answers_200_when_the_database_answers(fixture_app):
    response = fixture_app.server.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "cache": "in-process"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_answers_503_without_a_database_and_tells_no_details():
    nothing_listens = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nowhere"
    app = create_app(database_url=nothing_listens, redis_url="")
    response = app.server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "database": "unreachable",
        "cache": "in-process",
    }


def test_a_views_data_and_the_index_come_back_gzipped_when_asked(fixture_app):
    client = fixture_app.server.test_client()
    body = view_body(pathname="/minuttjakt", search="?year=2021")
    plain = client.post(UPDATE_PATH, json=body)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    packed = client.post(UPDATE_PATH, json=body, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(gzip.decompress(packed.get_data())) == plain.get_json()
    assert len(packed.get_data()) < len(plain.get_data()) / 4
    index = client.get("/minuttjakt", headers={"Accept-Encoding": "gzip"})
    assert index.headers["Content-Encoding"] == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(index.get_data())


def test_gunicorn_runs_the_workers_it_is_told_and_logs_json(sqlite_url, tmp_path):
    """gunicorn.conf.py as it runs: WEB_CONCURRENCY workers, preloaded (the workers are forked
    from a master that imported the app), every line it writes a JSON object, and a bad
    setting stops it naming the setting."""
    from dashboard.harness.server import Gunicorn

    load_small_fixture(get_engine(sqlite_url))
    with Gunicorn(sqlite_url, tmp_path / "gunicorn.log", workers=3) as server:
        server.wait_until(lambda: len(server.workers()) == 3)
        assert server.get("/healthz") == 200
        status, body = server.show("?year=2020")
        assert status == 200
        lines = server.log_lines()
    assert lines and not [line for line in lines if "unparsed" in line]
    assert any(line.get("logger") == "dashboard.request" for line in lines)
    assert any("Booting worker" in line.get("message", "") for line in lines)


def test_gunicorn_refuses_a_bad_setting_naming_it(tmp_path):
    from dashboard.harness.server import BIN

    result = subprocess.run(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "HOURS_PER_FTE": "mange",
            "SECRET_KEY": "x" * 48,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "HOURS_PER_FTE='mange'" in result.stderr + result.stdout


def test_importing_the_app_opens_nothing_a_fork_would_share():
    # gunicorn preloads app.py in its master and forks the workers: no engine, no thread (the
    # kaleido loop), no Chromium and no Redis connection may exist before the fork.
    code = (
        "import threading, app\n"
        "from dashboard import image_renderer\n"
        "from dashboard.db import get_engine\n"
        "assert get_engine.cache_info().currsize == 0, 'an engine was created at import'\n"
        "assert not image_renderer.is_warm(), 'Chromium was started at import'\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "cache = app.server.extensions['dashboard_query_cache']\n"
        "pool = getattr(cache._backend, '_write_client', None)\n"
        "assert pool is None or not pool.connection_pool._created_connections\n"
        "print('ok')\n"
    )
    _runs_ok(code, {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})


def test_gunicorn_freezes_the_preloaded_heap_before_it_forks_a_worker(tmp_path):
    """The workers' cycle collector never walks the app imported in the master (its full
    passes over it took 90-170 ms, the tail of the response times): gunicorn.conf.py's
    pre_fork hook freezes it."""
    code = (
        "import gc, runpy, app\n"
        "conf = runpy.run_path('gunicorn.conf.py')\n"
        "assert gc.get_freeze_count() == 0\n"
        "conf['pre_fork'](None, None)\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 50_000, frozen\n"
        "assert len(gc.get_objects()) < frozen / 10, len(gc.get_objects())\n"
        "print('ok')\n"
    )
    _runs_ok(code, {"SECRET_KEY": "x" * 48, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})


def _runs_ok(code: str, env: dict[str, str]) -> None:
    """`code` run by a fresh interpreter in the project, with only `env` (and PATH) set: it
    exits 0 having printed "ok"."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
