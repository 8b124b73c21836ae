"""GET /healthz for load balancers and monitoring: is this instance able to serve?

200 {"status": "ok", "database": "ok", "cache": "redis"} when the database answers `SELECT 1`,
503 {"status": "unavailable", "database": "unreachable", …} when it does not. The cache
("redis", "in-process", or "unreachable": Redis is pinged on each call, so it is what was
observed, not what the last cached read saw) is only reported, never a reason for 503: without its
Redis the app serves uncached (dashboard.cache).
Cheap enough to poll every few seconds: one pooled connection, no query of any table.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify
from sqlalchemy import text

from dashboard.db import get_engine
from dashboard.routes import Route
from dashboard.web import cache as query_cache

log = logging.getLogger(__name__)

PATH = Route.HEALTH


def register_health_route(server: Flask) -> None:
    server.add_url_rule(PATH, "healthz", _healthz, methods=["GET"])


def _healthz() -> tuple[Response, int]:
    cache = query_cache.current()
    if cache is None:
        cache_state = "none"
    elif not cache.shared:
        cache_state = "in-process"
    else:  # asked now, not what the last cached read happened to see
        cache_state = "redis" if cache.ping() else "unreachable"
    body = {"status": "ok", "database": "ok", "cache": cache_state}
    status = 200
    try:
        with get_engine(current_app.config.get("DATABASE_URL")).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - whatever the cause, this instance cannot serve
        # The reason goes to the log, not to whoever polls the URL (it may name hosts).
        log.warning("healthz: database unreachable: %s", type(error).__name__)
        body |= {"status": "unavailable", "database": "unreachable"}
        status = 503
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status
