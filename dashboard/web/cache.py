"""The Flask side of the query cache (`dashboard.cache`): a Flask-Caching backend per app,
Redis at REDIS_URL or in-process, and the current app's cache for the views and exports."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, has_app_context
from flask_caching import Cache

from dashboard.cache import (
    KEY_PREFIX,
    LOCAL_MAX_ITEMS,
    REDIS_TIMEOUT_S,
    TIMEOUT_S,
    QueryCache,
    redis_location,
)

EXTENSION = "dashboard_query_cache"


def init_app(server: Flask, *, redis_url: str = "") -> QueryCache:
    """Give `server` its query cache: Redis at `redis_url`, else in-process."""
    config: dict[str, Any] = {"CACHE_DEFAULT_TIMEOUT": TIMEOUT_S, "CACHE_KEY_PREFIX": KEY_PREFIX}
    if redis_url:
        config |= {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            # redis-py connects lazily (nothing at start-up, safe before gunicorn forks) and
            # keeps a connection pool per process.
            "CACHE_OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_S,
                "socket_timeout": REDIS_TIMEOUT_S,
            },
        }
        where = redis_location(redis_url)
    else:
        config |= {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": LOCAL_MAX_ITEMS}
        where = "in-process"
    flask_cache = Cache()
    flask_cache.init_app(server, config=config)
    query_cache = QueryCache(server.extensions["cache"][flask_cache], where=where)
    server.extensions[EXTENSION] = query_cache
    return query_cache


def current() -> QueryCache | None:
    """The query cache of the Flask app in whose context we run; None outside one."""
    if not has_app_context():
        return None
    return current_app.extensions.get(EXTENSION)
