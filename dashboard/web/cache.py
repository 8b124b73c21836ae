"""The Flask side of the query cache (`dashboard.cache`): a backend per app, Redis at REDIS_URL
(through Flask-Caching) or in-process (`LocalBackend`), and the current app's cache for the
views and exports."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, has_app_context
from flask_caching import Cache

from dashboard.cache import (
    KEY_PREFIX,
    REDIS_TIMEOUT_S,
    TIMEOUT_S,
    LocalBackend,
    QueryCache,
    redis_location,
)

EXTENSION = "dashboard_query_cache"


def init_app(server: Flask, *, redis_url: str = "") -> QueryCache:
    """Give `server` its query cache: Redis at `redis_url`, else in-process."""
    if not redis_url:
        query_cache = QueryCache(LocalBackend(), where="in-process")
        server.extensions[EXTENSION] = query_cache
        return query_cache
    config: dict[str, Any] = {
        "CACHE_DEFAULT_TIMEOUT": TIMEOUT_S,
        "CACHE_KEY_PREFIX": KEY_PREFIX,
        "CACHE_TYPE": "RedisCache",
        "CACHE_REDIS_URL": redis_url,
        # redis-py connects lazily (nothing at start-up, safe before gunicorn forks) and keeps a
        # connection pool per process.
        "CACHE_OPTIONS": {
            "socket_connect_timeout": REDIS_TIMEOUT_S,
            "socket_timeout": REDIS_TIMEOUT_S,
        },
    }
    flask_cache = Cache()
    flask_cache.init_app(server, config=config)
    query_cache = QueryCache(
        server.extensions["cache"][flask_cache], where=redis_location(redis_url)
    )
    server.extensions[EXTENSION] = query_cache
    return query_cache


def current() -> QueryCache | None:
    """The query cache of the Flask app in whose context we run; None outside one."""
    if not has_app_context():
        return None
    return current_app.extensions.get(EXTENSION)
