"""Web security for every response: the secret key, cookie flags, CSRF, security headers with a
Content-Security-Policy the app works under, the upload size limit, and error pages that never
show a stack trace.

    configure(app)           (app.py's create_app) all of the above for one Dash app
    require_secret_key()     gunicorn.conf.py's on_starting: refuse to serve without a real key
    csrf_token()             the token a form sends back in its `csrf_token` field

**Secret key.** SECRET_KEY, else the contents of SECRET_KEY_FILE (`make run` writes a random one
to data/secret_key). Every start under gunicorn (make serve, make run, production) refuses an
empty, placeholder or short key and exits with a message; a key in the code could be read by
anyone and would let them sign a session as any user. Only the app made without gunicorn (tests,
`python app.py`) falls back to a random key of its own process (sessions end with the process).

**CSRF.** Flask-WTF's CSRFProtect checks every POST, PUT, PATCH and DELETE (the login, logout,
upload and user admin forms), except Dash's callback route POST /_dash-update-component. Why
that one is exempt: its callbacks only read (they draw views; a test lists them, so a new one is
looked at), the route takes only application/json (dashboard/web/request_guard.py), which a page of
another origin cannot send without a CORS preflight this app never answers, and the session
cookie is SameSite=Lax, so a cross-site POST carries no login. (dash-renderer would send an
X-CSRFToken header from a `_csrf_token` cookie; using it would tie every API client and every
open tab to a session that expires, for no protection these callbacks need.)

**Headers.** Content-Security-Policy: everything from this origin only (no CDN anywhere);
scripts only from files here plus Dash's inline renderer and clientside callbacks by their
hashes (what `app.csp_hashes()` computes, see script_hashes); styles 'unsafe-inline' because
plotly.js writes <style> rules and style attributes as it draws; images also from data: and
blob: (plotly's icons and its own PNG download); no plugins, no framing, forms post only here.
tests/browser/test_csp.py loads every view in Chromium and fails on any violation. Also
nosniff, Referrer-Policy same-origin (the filters in a URL stay inside), X-Frame-Options DENY,
a Permissions-Policy that turns off what the app never uses, and HSTS over HTTPS.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import logging
import secrets
import sys
from pathlib import Path

import dash
from dash import _callback
from flask import Flask, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.exceptions import HTTPException

from dashboard import settings
from dashboard.i18n import normalise_language, translate
from dashboard.routes import STYLESHEETS, Route, href
from dashboard.web.rendering import render, url_prefix

log = logging.getLogger(__name__)

MIN_KEY_LENGTH = 32
# Keys seen in examples and tutorials; a key anyone has read is no key.
PLACEHOLDER_KEYS = frozenset(
    {"dev", "development", "secret", "secret-key", "secret_key", "changeme", "change-me",
     "change_me", "please-change-me", "your-secret-key", "test", "testing", "default", "key"}
)  # fmt: skip
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
UPLOAD_OVERHEAD_BYTES = 1024 * 1024  # multipart boundaries and the form's other fields
DASH_UPDATE_ENDPOINT = "_dash-update-component"
CSRF_FIELD = "csrf_token"  # Flask-WTF's default field name

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "browsing-topics",
    )
)  # fmt: skip

# Status → (title key, text key) of the error page.
ERROR_TEXTS = {
    400: ("http.bad_request_title", "http.bad_request"),
    401: ("http.unauthorized_title", "http.unauthorized"),
    403: ("http.forbidden_title", "http.forbidden"),
    404: ("http.not_found_title", "http.not_found"),
    405: ("http.method_not_allowed_title", "http.method_not_allowed"),
    413: ("http.too_large_title", "http.too_large"),
    429: ("http.too_many_title", "http.too_many"),
    500: ("http.internal_title", "http.internal"),
}

csrf = CSRFProtect()


# --- the secret key ------------------------------------------------------------------------


def configured_secret_key() -> str:
    """SECRET_KEY, else what SECRET_KEY_FILE holds, else ''."""
    key = settings.value("SECRET_KEY")
    if key:
        return key
    try:
        return Path(settings.value("SECRET_KEY_FILE")).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def secret_key_problem(key: str) -> str | None:
    """Why `key` must not sign sessions in production, or None when it may."""
    if not key:
        return (
            f"no secret key: SECRET_KEY is empty and SECRET_KEY_FILE "
            f"({settings.value('SECRET_KEY_FILE')}) does not exist or is empty"
        )
    if key.lower() in PLACEHOLDER_KEYS or len(set(key)) < 8:
        return "SECRET_KEY is a placeholder, not a secret"
    if len(key) < MIN_KEY_LENGTH:
        return f"SECRET_KEY is shorter than {MIN_KEY_LENGTH} characters"
    return None


def require_secret_key() -> None:
    """Exit with a message when the configured key is missing, a placeholder or short."""
    problem = secret_key_problem(configured_secret_key())
    if problem is None:
        return
    print(
        f"Refusing to start: {problem}.\n"
        "Set SECRET_KEY to a random value of at least 32 characters, the same on every host, "
        "e.g. from: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'\n"
        "(or put it in the file SECRET_KEY_FILE names; `make run` writes one for this machine).",
        file=sys.stderr,
        flush=True,
    )
    raise SystemExit(1)


def _secret_key_for_app() -> str:
    key = configured_secret_key()
    if key:
        return key
    log.warning("no SECRET_KEY: this process signs sessions with a random key of its own")
    return secrets.token_urlsafe(48)


def cookies_secure() -> bool:
    """Secure cookies by setting, else unless HOST is local (the app's configured default)."""
    configured = settings.value("SESSION_COOKIE_SECURE")
    if configured is not None:
        return configured
    return settings.value("HOST").lower() not in LOCAL_HOSTS


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, whose Secure flag also follows the request: a request
    that came over HTTPS (itself, or through a trusted proxy's X-Forwarded-Proto, auth.py's
    ProxyFix) gets a Secure cookie, exactly when it gets HSTS, even with HOST=127.0.0.1 behind
    a TLS proxy. SESSION_COOKIE_SECURE=0 still turns it off."""

    def get_cookie_secure(self, app: Flask) -> bool:
        if settings.value("SESSION_COOKIE_SECURE") is False:
            return False
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (
            has_request_context() and request.is_secure
        )


def max_upload_mb() -> float:
    return settings.value("IMPORT_MAX_FILE_MB")


# --- setting it all up ---------------------------------------------------------------------


def configure(app: dash.Dash) -> None:
    server: Flask = app.server
    server.config.update(
        SECRET_KEY=_secret_key_for_app(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=cookies_secure(),
        # Also the oldest a session cookie's signature may be; the session itself is checked
        # in the database (dashboard/users.py), which ends it sooner when idle or logged out.
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.value("SESSION_MAX_HOURS")),
        MAX_CONTENT_LENGTH=int(max_upload_mb() * 1024 * 1024) + UPLOAD_OVERHEAD_BYTES,
        # A form's token holds as long as its session does (no extra hour limit).
        WTF_CSRF_TIME_LIMIT=None,
        # CSRF is checked by _check_csrf below, which knows the one exempt route.
        WTF_CSRF_CHECK_DEFAULT=False,
    )
    server.session_interface = SessionInterface()
    server.add_url_rule("/robots.txt", "robots", _robots, methods=["GET"])
    csrf.init_app(server)
    exempt = app.config.routes_pathname_prefix + DASH_UPDATE_ENDPOINT

    @server.before_request
    def _check_csrf() -> None:
        if request.method in server.config["WTF_CSRF_METHODS"] and request.endpoint != exempt:
            csrf.protect()

    @server.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(script_hashes(app)))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    for status in ERROR_TEXTS:
        server.register_error_handler(status, _error_page)


def script_hashes(app: dash.Dash) -> tuple[str, ...]:
    """CSP hashes of the inline scripts Dash's index holds: the renderer's start and the
    clientside callbacks. What `app.csp_hashes()` computes, without its side effect: that moves
    the callbacks registered at import (components/filter_bar.py) into the one app that asks
    first, and Dash's index would then leave them out of every other app of the process."""
    scripts = (
        *getattr(app, "_inline_scripts", []),
        *_callback.GLOBAL_INLINE_SCRIPTS,
        app.renderer,
    )
    return _hashes(scripts)


@functools.lru_cache(maxsize=16)
def _hashes(scripts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in dict.fromkeys(scripts)
    )


def content_security_policy(script_hashes: tuple[str, ...] | list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _robots() -> Response:
    """An internal dashboard is for its users, not for search engines."""
    response = Response("User-agent: *\nDisallow: /\n", mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def csrf_token() -> str:
    return generate_csrf()


# --- error pages ---------------------------------------------------------------------------


def _error_page(error: Exception) -> tuple[Response, int]:
    """A short message in the user's language; never the exception (Flask has logged it)."""
    status = error.code if isinstance(error, HTTPException) and error.code else 500
    title_key, text_key = ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    if isinstance(error, CSRFError):
        text_key = "http.csrf"
    lang = normalise_language(request.args.get("lang"))
    title = translate(title_key, lang)
    text = translate(text_key, lang, limit=f"{max_upload_mb():g}")
    if not request.accept_mimetypes.accept_html:
        return Response(f"{title}: {text}\n", mimetype="text/plain"), status
    prefix = url_prefix()
    body = render(
        "error-page.html",
        lang=lang,
        title=title,
        text=text,
        home=href(Route.OVERVIEW, prefix, {"lang": request.args.get("lang") and lang}),
        home_text=translate("http.home", lang),
        stylesheets=[href(sheet, prefix) for sheet in STYLESHEETS],
    )
    return Response(body, mimetype="text/html"), status
