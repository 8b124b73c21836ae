"""Every request has a deadline (REQUEST_TIMEOUT_S): a request that runs past it is ended (503)
and logged; on PostgreSQL a statement past it is cancelled by the server. Image exports beyond
the worker's pool and queue get 503 with Retry-After and a message at once."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app import create_app
from dashboard.data_version import bump_data_version
from dashboard.db import get_engine
from dashboard.models import Organisation
from tests.small_fixture import load_small_fixture


def _with_probe_route(app, name: str, view) -> None:
    # A route of the test's own on the real app: something that runs long.
    app.server.add_url_rule(f"/_probe/{name}", f"probe_{name}", view)


def test_a_request_past_its_deadline_is_ended_and_logged(sqlite_url, monkeypatch, caplog):
    monkeypatch.setenv("REQUEST_TIMEOUT_S", "1")
    app = create_app(database_url=sqlite_url, redis_url="")
    ran = []

    def forever():
        while True:  # pure Python: the watchdog's exception lands at once
            ran.append(1)
            time.sleep(0.05)

    _with_probe_route(app, "forever", forever)
    started = time.perf_counter()
    response = app.server.test_client().get("/_probe/forever")
    took = time.perf_counter() - started
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert "tok for lang tid" in response.text
    assert 1.0 <= took < 3.5
    assert any("past its deadline" in r.getMessage() for r in caplog.records)
    assert app.server.test_client().get("/healthz").status_code == 200  # the worker goes on


def test_postgresql_cancels_a_statement_past_the_deadline(db_url, monkeypatch):
    if not db_url.startswith("postgresql"):
        return  # SQLite has no statement_timeout; the watchdog covers it
    monkeypatch.setenv("REQUEST_TIMEOUT_S", "1")
    app = create_app(database_url=db_url, redis_url="")

    def sleepy():
        with get_engine(db_url).connect() as conn:
            conn.execute(text("SELECT pg_sleep(5)"))
        return "done"

    _with_probe_route(app, "sleepy", sleepy)
    started = time.perf_counter()
    response = app.server.test_client().get("/_probe/sleepy")
    assert response.status_code == 503
    assert time.perf_counter() - started < 3.5


def test_exports_past_the_pool_and_queue_get_503_at_once(sqlite_url, monkeypatch, caplog):
    load_small_fixture(get_engine(sqlite_url))
    monkeypatch.setenv("EXPORT_WORKERS", "1")
    monkeypatch.setenv("EXPORT_QUEUE", "1")
    app = create_app(database_url=sqlite_url, redis_url="")
    client = app.server.test_client()
    assert client.get("/export/savings-cumulative.png?year=2021").status_code == 200  # warm
    results: list = []
    barrier = threading.Barrier(8)

    def export(scale: int) -> None:
        own = app.server.test_client()
        barrier.wait()
        response = own.get(f"/export/savings-cumulative.png?year=2021&scale={scale}&lang=en")
        body = response.text if response.status_code == 503 else ""
        results.append((response.status_code, response.headers.get("Retry-After"), body))

    threads = [threading.Thread(target=export, args=(1 + i % 4,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    statuses = sorted(status for status, _, _ in results)
    assert 2 <= statuses.count(200) and statuses.count(503) >= 4, statuses
    busy = [r for r in results if r[0] == 503]
    assert all(int(retry) > 0 and "making many images" in body for _, retry, body in busy)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_deck_link_serves_the_cached_deck_until_the_data_changes(sqlite_url, monkeypatch):
    from dashboard import export

    engine = get_engine(sqlite_url)
    load_small_fixture(engine)
    made: list[int] = []
    real = export.deck_pdf

    def counted(frames):  # the real deck, counted
        made.append(1)
        return real(frames)

    monkeypatch.setattr(export, "deck_pdf", counted)
    app = create_app(database_url=sqlite_url, redis_url="")
    client = app.server.test_client()
    first = client.get("/export/deck.pdf?sektor=S1&year=2022")
    assert first.status_code == 200 and first.data.startswith(b"%PDF") and len(made) == 1
    again = client.get("/export/deck.pdf?sektor=S1&year=2022")
    assert again.status_code == 200 and again.data == first.data
    assert len(made) == 1  # served from the cache, not made again
    assert client.get("/export/deck.pdf?sektor=S1&year=2021").status_code == 200
    assert len(made) == 2  # another deck is made
    with Session(engine) as session:  # the data changes as an import changes it
        bump_data_version(session, [session.scalar(select(Organisation.id))], ["effect_goals"])
        session.commit()
    client.get("/export/deck.pdf?sektor=S1&year=2022")
    assert len(made) == 3
