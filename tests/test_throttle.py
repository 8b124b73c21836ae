"""Throttling without blocking: rate limits on POST /logg-inn per address and per user name
(429 with Retry-After, others still served), a try counter claimed atomically in SQL (20 wrong
guesses at once: exactly MAX_FAILURES checked), a lock per name *and* address that an attacker
cannot turn against the user, and no request thread that sleeps."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time

import pytest
import redis
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import create_app
from dashboard import settings, users
from dashboard.db import get_engine
from dashboard.models import AuditEvent, LoginThrottle
from dashboard.web import throttle

PASSWORD = "correct horse battery"
WRONG = "wrong password!!"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ("REQUIRE_LOGIN", "HOST", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)


def token_in(html: str) -> str:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html)
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def attempt(app, name: str, password: str, address: str):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    page = client.get("/logg-inn")
    return client.post(
        "/logg-inn",
        data={"username": name, "password": password, "csrf_token": token_in(page.text)},
    )


def checked(url: str, name: str) -> tuple[int, int]:
    """(password checks that failed, attempts refused as locked without a check) for `name`."""
    with Session(get_engine(url)) as session:
        rows = session.execute(
            select(AuditEvent.detail).where(
                AuditEvent.action == "login_failed", AuditEvent.target == name
            )
        ).all()
    locked = sum(1 for (detail,) in rows if detail == "locked")
    return len(rows) - locked, locked


def test_twenty_wrong_guesses_at_once_check_exactly_the_limit(db_url):
    engine = get_engine(db_url)
    users.add_user(engine, "kari", PASSWORD, "editor")
    barrier = threading.Barrier(20)
    results: list = []

    def guess() -> None:
        barrier.wait()
        results.append(users.authenticate(engine, "kari", WRONG, address="10.0.0.66"))

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == [None] * 20
    assert checked(db_url, "kari") == (users.MAX_FAILURES, 20 - users.MAX_FAILURES)
    # Locked for this address, with the right password too; the user from her own is not.
    assert users.authenticate(engine, "kari", PASSWORD, address="10.0.0.66") is None
    assert users.authenticate(engine, "kari", PASSWORD, address="10.0.0.7") is not None


def test_the_lock_is_short_doubles_and_ends(sqlite_url):
    engine = get_engine(sqlite_url)
    users.add_user(engine, "kari", PASSWORD, "editor")
    assert [users.lock_seconds(n) for n in (1, 2, 3, 6, 20)] == [30, 60, 120, 900, 900]
    for _ in range(users.MAX_FAILURES):
        users.authenticate(engine, "kari", WRONG, address="10.0.0.66")
    with Session(engine) as session:
        row = session.scalars(select(LoginThrottle)).one()
        assert (row.failures, row.locks) == (0, 1)
        lock = row.locked_until - row.updated_at
    assert dt.timedelta(seconds=29) < lock <= dt.timedelta(seconds=30)
    assert users.authenticate(engine, "kari", PASSWORD, address="10.0.0.66") is None
    with Session(engine) as session:  # the lock has run out
        session.execute(update(LoginThrottle).values(locked_until=dt.datetime(2000, 1, 1)))
        session.commit()
    assert users.authenticate(engine, "kari", PASSWORD, address="10.0.0.66") is not None
    with Session(engine) as session:  # a right password forgets the failures
        assert session.scalars(select(LoginThrottle)).all() == []


def test_a_name_that_does_not_exist_is_throttled_the_same_way(sqlite_url):
    engine = get_engine(sqlite_url)
    for _ in range(users.MAX_FAILURES + 2):
        users.authenticate(engine, "nobody", WRONG, address="10.0.0.66")
    assert checked(sqlite_url, "nobody") == (users.MAX_FAILURES, 2)


def test_a_failed_login_does_not_make_the_request_wait(sqlite_url):
    users.add_user(get_engine(sqlite_url), "kari", PASSWORD, "editor")
    app = create_app(database_url=sqlite_url, redis_url="")
    attempt(app, "kari", WRONG, "10.0.0.1")  # warm
    started = time.perf_counter()
    response = attempt(app, "kari", WRONG, "10.0.0.1")
    took = time.perf_counter() - started
    assert "Innloggingen mislyktes" in response.text
    assert took < 0.9, f"a failed login took {took:.2f} s: something sleeps"


def _limit(text: str) -> int:
    return int(text.split()[0])


def test_the_address_limit_answers_429_and_others_are_served(sqlite_url):
    engine = get_engine(sqlite_url)
    users.add_user(engine, "kari", PASSWORD, "editor")
    users.add_user(engine, "ola", PASSWORD, "viewer")
    app = create_app(database_url=sqlite_url, redis_url="")
    per_address = _limit(throttle.PER_ADDRESS)
    statuses = [
        attempt(app, f"guess{i}", WRONG, "10.0.0.66").status_code for i in range(per_address)
    ]
    assert set(statuses) == {200}
    refused = attempt(app, "kari", PASSWORD, "10.0.0.66")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "For mange forsøk" in refused.text
    assert attempt(app, "kari", PASSWORD, "10.0.0.7").status_code == 302  # another address
    assert attempt(app, "ola", PASSWORD, "10.0.0.8").status_code == 302


def test_the_user_limit_counts_failures_from_every_address(sqlite_url):
    engine = get_engine(sqlite_url)
    users.add_user(engine, "kari", PASSWORD, "editor")
    users.add_user(engine, "ola", PASSWORD, "viewer")
    app = create_app(database_url=sqlite_url, redis_url="")
    per_user = _limit(throttle.PER_USER)
    for i in range(per_user):  # a distributed guess: each address stays under its own limits
        assert attempt(app, "kari", WRONG, f"10.1.{i // 200}.{i % 200 + 1}").status_code == 200
    refused = attempt(app, "kari", WRONG, "10.2.0.1")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert attempt(app, "ola", PASSWORD, "10.2.0.1").status_code == 302  # others: served


def test_the_limits_are_shared_through_redis(sqlite_url):
    client = redis.Redis.from_url("redis://127.0.0.1:6379/13", socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if settings.value("REQUIRE_REDIS"):
            pytest.fail("no Redis on 127.0.0.1:6379 and REQUIRE_REDIS=1")
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    try:
        one = create_app(database_url=sqlite_url, redis_url="redis://127.0.0.1:6379/13")
        two = create_app(database_url=sqlite_url, redis_url="redis://127.0.0.1:6379/13")
        per_address = _limit(throttle.PER_ADDRESS)
        for i in range(per_address):
            app = one if i % 2 else two  # two workers (or hosts)
            assert attempt(app, f"g{i}", WRONG, "10.0.0.66").status_code == 200
        assert attempt(one, "x", WRONG, "10.0.0.66").status_code == 429
        assert attempt(two, "x", WRONG, "10.0.0.66").status_code == 429
        assert client.keys("*dashboard-login*")
    finally:
        client.flushdb()
