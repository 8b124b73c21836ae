"""Rate limits on POST /logg-inn (Flask-Limiter), so guessing costs time without a request
thread ever waiting:

- per client address: PER_ADDRESS attempts (any outcome);
- per user name: PER_USER *failed* attempts, from all addresses together (a distributed guess).

Past a limit the answer is 429 with Retry-After and the error page, before any password is
checked. The counts are kept in the Redis the query cache uses (shared by every worker and
host), in memory per worker without one, and in memory too while that Redis is down (the login
keeps working). The per-user limit is the one an attacker could aim at a real user: it counts
only failures and only within its window, so it holds only while someone keeps failing for that
name from many addresses (each of which the per-address limit slows); the lock after
MAX_FAILURES (dashboard/users.py) is per name *and* address, so it never locks out the user.

    register(server, endpoint, redis_url)   (app.py) limit the login route of this app
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from dashboard import users

PER_ADDRESS = "20 per minute"
PER_USER = "30 per 10 minutes"


def _user_key() -> str:
    name = users.normalise_username(request.form.get("username", ""))[:64]
    return "user:" + name


def _failed(response: Response) -> bool:
    return response.status_code != 302  # a login that worked redirects


def register(server: Flask, endpoint: str, redis_url: str) -> Limiter:
    limiter = Limiter(
        get_remote_address,  # the client's address (after ProxyFix, for a trusted proxy)
        app=server,
        storage_uri=redis_url or "memory://",
        strategy="moving-window",
        headers_enabled=True,  # Retry-After on 429
        in_memory_fallback_enabled=True,  # a Redis that is down: count in memory meanwhile
        swallow_errors=True,
        key_prefix="dashboard-login",
    )
    # The memory storage starts a one-shot expiry timer thread when made; gunicorn preloads the
    # app and forks it, and no thread may be running then (tests/test_deployment.py). It is
    # started again on the storage's first use, in the worker.
    for storage in (limiter.storage, getattr(limiter, "_fallback_storage", None)):
        timer = getattr(storage, "timer", None)
        if timer is not None:
            timer.cancel()
            timer.join()
    view = server.view_functions[endpoint]
    limited = limiter.limit(PER_ADDRESS, methods=["POST"], scope="login-address")(view)
    limited = limiter.limit(
        PER_USER, methods=["POST"], key_func=_user_key, deduct_when=_failed, scope="login-user"
    )(limited)
    server.view_functions[endpoint] = limited
    return limiter
