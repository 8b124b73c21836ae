"""The server as `make run` starts it (`dashboard serve`: nginx in front of gunicorn) stays up
under slow clients and export storms: measured, with generous bounds (not a benchmark)."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dashboard.db import get_engine
from dashboard.harness.server import Served
from dashboard.harness.view_request import UPDATE_PATH, view_body
from dashboard.serving import nginx_binary
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent
BOUND_S = 2.0


@pytest.fixture
def served(sqlite_url, tmp_path):
    if nginx_binary() is None:
        pytest.fail("nginx is not installed (apt-get install nginx-light; .ci/run does)")
    load_small_fixture(get_engine(sqlite_url))
    # One worker: without the proxy two slow clients would hold both of its threads.
    with Served(sqlite_url, tmp_path / "served.log", workers=1) as server:
        yield server


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def get(url: str, timeout: float = 30) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


def view(base: str, timeout: float = 30) -> int:
    request = urllib.request.Request(
        base + UPDATE_PATH,
        data=json.dumps(view_body(pathname="/minuttjakt", search="?year=2021")).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return response.status


def slow_body(port: int, stop: threading.Event, sent: list) -> None:
    """POST /logg-inn announcing 10 000 bytes of body and sending one byte a second."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /logg-inn HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n"
        )
        while not stop.is_set():
            sock.sendall(b"a")
            sent.append(1)
            stop.wait(1.0)


def test_four_slow_bodies_do_not_hold_the_app(served, capsys):
    assert get(served.url + "/healthz") == 200 and view(served.url) == 200  # warm
    stop = threading.Event()
    sent: list = []
    holders = [threading.Thread(target=slow_body, args=(served.port, stop, sent))
               for _ in range(4)]  # fmt: skip
    for thread in holders:
        thread.start()
    try:
        time.sleep(2.5)  # the four are well under way
        health = [timed(lambda: get(served.url + "/healthz")) for _ in range(5)]
        views = [timed(lambda: view(served.url)) for _ in range(3)]
    finally:
        stop.set()
        for thread in holders:
            thread.join(timeout=30)
    assert len(sent) >= 8  # the slow clients really were sending all along
    with capsys.disabled():
        print(f"\n4 slow bodies: /healthz max {max(health):.3f} s, view max {max(views):.3f} s")
    assert max(health) < BOUND_S and max(views) < BOUND_S


def _fire(urls: list[str], timeout: float = 120) -> list[tuple[int, float, dict]]:
    results: list = []

    def one(url: str) -> None:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
                results.append((response.status, time.perf_counter() - started, {}))
        except urllib.error.HTTPError as error:
            results.append((error.code, time.perf_counter() - started, dict(error.headers)))

    threads = [threading.Thread(target=one, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    return results, threads


def test_an_export_storm_leaves_the_views_answering(served, capsys):
    base = served.url
    assert get(base + "/export/savings-cumulative.png?year=2021", timeout=120) == 200  # warm
    assert view(base) == 200
    decks = [base + "/export/deck.pdf?sektor=S1&year=2022"] * 6
    pngs = [base + f"/export/savings-cumulative.png?year=2021&scale={1 + i % 4}"
            for i in range(30)]  # fmt: skip
    results, threads = _fire(decks + pngs)
    time.sleep(1.0)  # the storm is under way
    views = [timed(lambda: view(base)) for _ in range(5)]
    health = timed(lambda: get(base + "/healthz"))
    for thread in threads:
        thread.join(timeout=180)
    statuses = sorted(status for status, _, _ in results)
    busy = [headers for status, _, headers in results if status == 503]
    with capsys.disabled():
        print(
            f"\n6 decks + 30 PNG at once: view max {max(views):.3f} s, /healthz {health:.3f} s; "
            f"answers {dict((s, statuses.count(s)) for s in set(statuses))}; "
            f"slowest export {max(t for _, t, _ in results):.1f} s"
        )
    assert len(results) == 36 and set(statuses) <= {200, 503}
    # Which of the 36 get a slot depends on arrival; some are drawn, the rest refused at once.
    assert statuses.count(200) >= 2 and statuses.count(503) >= 20
    assert all(int(h["Retry-After"]) > 0 for h in busy)
    assert max(views) < BOUND_S and health < BOUND_S


@pytest.mark.parametrize(("proxies", "named"), [("10.9.9.9", False), ("127.0.0.1", True)])
def test_behind_nginx_only_the_trusted_proxies_may_name_the_user(
    sqlite_url, tmp_path, proxies, named
):
    # Behind nginx the app sees every request from 127.0.0.1: nginx itself must drop the
    # single-sign-on headers of a client that is not one of TRUSTED_PROXY_ADDRESSES.
    env = {"TRUSTED_USER_HEADER": "X-Remote-User", "TRUSTED_ROLES_HEADER": "X-Remote-Groups",
           "EDITOR_GROUPS": "redaktor", "TRUSTED_PROXY_ADDRESSES": proxies}  # fmt: skip
    with Served(sqlite_url, tmp_path / "served.log", workers=1, env=env) as server:
        request = urllib.request.Request(
            server.url + "/import",
            headers={"X-Remote-User": "kari", "X-Remote-Groups": "redaktor"},
        )
        opener = urllib.request.build_opener(NoRedirect())
        try:
            status = opener.open(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
    assert status == (200 if named else 302)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
