"""One log line per request, and the fields every other line of that request carries.

    register(server)   (app.py's create_app, first of all) bind request_id, path and address
                       for the request's log lines (dashboard/logs.py), answer with X-Request-ID,
                       and log `dashboard.request` with method, status and duration

The request id is the one a trusted proxy sent in X-Request-ID (nginx's $request_id,
deploy/nginx.conf), so its access log and ours meet; from anyone else, or when it is not a
short token, a new one. auth.py binds the user once it knows who is asking.

This replaces gunicorn's access log, which knows neither the user nor the request id.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from dashboard import logs
from dashboard.web.auth import FROM_TRUSTED_PROXY

log = logging.getLogger("dashboard.request")

HEADER = "X-Request-ID"
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id() -> str:
    sent = request.headers.get(HEADER, "")
    if sent and request.environ.get(FROM_TRUSTED_PROXY) and REQUEST_ID.match(sent):
        return sent
    return uuid.uuid4().hex


def register(server: Flask) -> None:
    @server.before_request
    def _bind() -> None:
        g.log_started = time.perf_counter()
        g.request_id = request_id()
        g.log_token = logs.bind(
            request_id=g.request_id,
            path=request.path[:300],
            method=request.method,
            address=request.remote_addr,
        )

    @server.after_request
    def _log(response: Response) -> Response:
        rid = g.get("request_id")
        if rid:
            response.headers[HEADER] = rid
            started = g.get("log_started", time.perf_counter())
            log.info(
                "%s %s %s",
                request.method,
                request.path[:300],
                response.status_code,
                extra={
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        return response

    @server.teardown_request
    def _unbind(_error: BaseException | None) -> None:
        token = g.pop("log_token", None)
        if token is not None:
            try:
                logs.reset(token)
            except ValueError:  # bound in another context (cannot happen in one request)
                pass
