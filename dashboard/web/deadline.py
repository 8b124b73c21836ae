"""Every request has a deadline (REQUEST_TIMEOUT_S): past it, it is ended and logged.

    register(app)   (app.py) a watchdog per worker process, and statement_timeout on PostgreSQL

gunicorn's gthread workers never end a request that runs long (their `timeout` only replaces a
worker that stops answering its master). So:

- on PostgreSQL every connection of the app gets `statement_timeout` = the deadline: a query
  that runs past it is cancelled by the server (the request fails with the database's error,
  logged, answered with a message);
- a watchdog thread per worker (started on the first request, after gunicorn's fork) looks at
  the requests under way once a second; one past its deadline is logged with its request id and
  path, and a RequestPastDeadline is raised in its thread (CPython's PyThreadState_SetAsyncExc:
  it takes effect at the thread's next Python instruction, e.g. when a C call returns), which
  answers 503 with a message;
- nginx (deploy/nginx.conf) stops waiting 10 s after the deadline and answers 504.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, g, request
from sqlalchemy import event

from dashboard import settings
from dashboard.db import get_engine
from dashboard.i18n import normalise_language, translate

log = logging.getLogger(__name__)

EXTENSION = "dashboard_deadline"


class RequestPastDeadline(Exception):
    """Raised in a request's thread by the watchdog."""


@dataclass
class _Watchdog:
    timeout_s: float
    running: dict[int, tuple[float, str, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None

    def start(self, thread_id: int, request_id: str, path: str) -> None:
        with self.lock:
            self.running[thread_id] = (time.monotonic() + self.timeout_s, request_id, path)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._watch, name="request-deadline", daemon=True
                )
                self.thread.start()

    def done(self, thread_id: int) -> None:
        with self.lock:
            self.running.pop(thread_id, None)

    def _watch(self) -> None:
        while True:
            time.sleep(1.0)
            now = time.monotonic()
            with self.lock:
                overdue = [(t, v) for t, v in self.running.items() if v[0] <= now]
                for thread_id, _ in overdue:
                    self.running.pop(thread_id, None)
            for thread_id, (_, request_id, path) in overdue:
                log.error(
                    "request past its deadline of %g s: ending it",
                    self.timeout_s,
                    extra={"request_id": request_id, "path": path},
                )
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(thread_id), ctypes.py_object(RequestPastDeadline)
                )


def _statement_timeout(timeout_s: int):
    def set_timeout(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            # set_config with a bound value: no SQL is built from a value, even a number.
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", (str(int(timeout_s * 1000)),)
            )
        dbapi_connection.commit()

    return set_timeout


def register(server: Flask) -> None:
    timeout_s = settings.value("REQUEST_TIMEOUT_S")
    watchdog = _Watchdog(timeout_s)
    server.extensions[EXTENSION] = watchdog
    set_timeout = _statement_timeout(timeout_s)

    @server.before_request
    def _start() -> None:
        engine = get_engine(current_app.config.get("DATABASE_URL"))
        # Registered before the worker's first connection is made (nothing connects at import).
        if engine.dialect.name == "postgresql" and not event.contains(
            engine, "connect", set_timeout
        ):
            event.listen(engine, "connect", set_timeout)
        watchdog.start(threading.get_ident(), g.get("request_id", "?"), request.path[:300])

    @server.teardown_request
    def _done(_error: BaseException | None) -> None:
        watchdog.done(threading.get_ident())

    @server.errorhandler(RequestPastDeadline)
    def _past_deadline(_error: RequestPastDeadline) -> Response:
        lang = normalise_language(request.args.get("lang"))
        response = Response(
            translate("error.past_deadline", lang) + "\n", status=503, mimetype="text/plain"
        )
        response.headers["Retry-After"] = "30"
        return response
