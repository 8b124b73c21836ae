"""Who is asking, and what they may do: viewer < editor < admin.

    register(app, public_endpoints=…)   (app.py) identify every request, apply REQUIRE_LOGIN
    current_user()                      the user of this request (anonymous: role None)
    require_role(role)                  decorator for Flask views: 403, or the login page
    login(user) / logout()              start and end a built-in user's session

A request's user comes from, in this order:

1. a trusted reverse proxy (how municipalities put apps behind their single sign-on): only when
   TRUSTED_USER_HEADER is set, the header it names (e.g. X-Remote-User) is the user name, and
   the groups in TRUSTED_ROLES_HEADER give the role (ADMIN_GROUPS → admin, EDITOR_GROUPS →
   editor, else viewer). Without the setting such headers are ignored. With
   TRUSTED_PROXY_ADDRESSES, only a request whose own peer address is one of those proxies may
   name a user, and only such a request has its X-Forwarded-For/-Proto/-Host applied (werkzeug's
   ProxyFix, one proxy hop); from anyone else those headers change nothing;
2. the session of a built-in user (app_user, dashboard/users.py): the signed cookie holds a
   random token, and the session it names (user_session) is looked up on every request, so a
   logout, a disabled user, a new password or role, or an admin ending it holds at once for
   every copy of the cookie, and idle and absolute lifetimes are kept by the database;
3. else anonymous: may read the views unless REQUIRE_LOGIN=1, never import or administer.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import dash
from flask import Flask, Response, abort, current_app, g, has_request_context, redirect, request
from flask import session as flask_session
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import logs, settings, users
from dashboard.db import get_engine
from dashboard.i18n import LANGUAGES
from dashboard.models import Role
from dashboard.routes import Route, href, normalise_prefix

log = logging.getLogger(__name__)

LOGIN_PATH = Route.LOGIN
LOGOUT_PATH = Route.LOGOUT
SESSION_TOKEN = "sid"  # the session's random token; the database knows whether it is live
FROM_TRUSTED_PROXY = "dashboard.from_trusted_proxy"
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class CurrentUser:
    name: str
    role: Role | None  # None: anonymous
    source: str  # "anonymous", "session" (built-in user) or "proxy" (single sign-on)

    @property
    def is_authenticated(self) -> bool:
        return self.role is not None

    def has(self, role: Role) -> bool:
        return self.role is not None and self.role.includes(role)


ANONYMOUS = CurrentUser("", None, "anonymous")


def current_user() -> CurrentUser:
    if not has_request_context():
        return ANONYMOUS
    return g.get("user", ANONYMOUS)


def role_from_groups(groups: Iterable[str]) -> Role:
    names = {group.strip().casefold() for group in groups}
    if names & {group.casefold() for group in settings.value("ADMIN_GROUPS")}:
        return Role.ADMIN
    if names & {group.casefold() for group in settings.value("EDITOR_GROUPS")}:
        return Role.EDITOR
    return Role.VIEWER


# --- the reverse proxy -----------------------------------------------------------------------


def trusted_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return list(settings.value("TRUSTED_PROXY_ADDRESSES"))


class TrustedProxies:
    """WSGI middleware: marks whether the request's own peer is a trusted proxy (before anything
    rewrites REMOTE_ADDR) and applies ProxyFix to those requests only."""

    def __init__(self, wsgi_app: Callable, networks: list) -> None:
        self.wsgi_app = wsgi_app
        self.networks = networks
        self.fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)

    def is_trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        trusted = self.is_trusted(environ.get("REMOTE_ADDR", ""))
        environ[FROM_TRUSTED_PROXY] = trusted
        return (self.fixed if trusted else self.wsgi_app)(environ, start_response)


def _proxy_user() -> CurrentUser | None:
    header = settings.value("TRUSTED_USER_HEADER")
    if not header:
        return None
    if trusted_networks() and not request.environ.get(FROM_TRUSTED_PROXY):
        return None
    name = request.headers.get(header, "").strip()
    if not name or len(name) > MAX_NAME_LENGTH or not name.isprintable():
        return None
    roles_header = settings.value("TRUSTED_ROLES_HEADER")
    groups = list(settings.names(request.headers.get(roles_header, ""))) if roles_header else []
    return CurrentUser(name, role_from_groups(groups), "proxy")


# --- built-in users --------------------------------------------------------------------------


def _engine():
    return get_engine(current_app.config.get("DATABASE_URL"))


def _session_user() -> CurrentUser | None:
    """The user of the cookie's session when the database says it is live (not logged out, not
    ended by an admin or a password/role change, not idle or too old, user not disabled).
    The cookie only carries the token: copying or re-signing it extends nothing."""
    token = flask_session.get(SESSION_TOKEN)
    if not token:
        return None
    user = users.session_user(_engine(), str(token))
    if user is None:
        flask_session.clear()
        return None
    return CurrentUser(user.username, user.role, "session")


def authenticate(username: str, password: str) -> users.UserInfo | None:
    """Check a login from this request and, when right, start its server-side session."""
    return users.authenticate(
        _engine(),
        username,
        password,
        start_session=True,
        address=request.remote_addr,
        user_agent=request.user_agent.string,
    )


def login(user: users.UserInfo) -> None:
    """Put `user`'s new session (authenticate) in the cookie; nothing of the session before the
    login is kept."""
    flask_session.clear()
    g.pop("csrf_token", None)  # Flask-WTF's token of the old session
    flask_session[SESSION_TOKEN] = user.session_token
    g.user = CurrentUser(user.username, user.role, "session")
    logs.bind(user=user.username)


def logout() -> None:
    """End this session in the database (every copy of the cookie is out) and clear it."""
    token = flask_session.get(SESSION_TOKEN)
    if token:
        users.end_session(_engine(), str(token))
    flask_session.clear()
    g.pop("csrf_token", None)
    g.user = ANONYMOUS


# --- wiring ----------------------------------------------------------------------------------


def login_url(next_path: str | None = None, prefix: str = "/", lang: str | None = None) -> str:
    """The login page (under `prefix`, in `lang`), coming back to `next_path` afterwards."""
    return href(Route.LOGIN, prefix, {"lang": lang, "next": next_path})


def safe_next(value: str | None, prefix: str = "/") -> str:
    """A path inside this app (under `prefix`) to go to after the login; anything else
    (another site, another app on the same host) → the app's start page."""
    home = normalise_prefix(prefix)
    if (
        not value
        or not (value + "/").startswith(home)
        or value.startswith("//")
        or "\\" in value
        or not value.isprintable()
    ):
        return home
    return value


def _wants_html() -> bool:
    """A GET someone can be sent to the login page from (and come back to afterwards)."""
    return request.method in ("GET", "HEAD")


def _to_login() -> Response:
    path = request.full_path.rstrip("?") if request.query_string else request.path
    prefix = current_app.config.get("URL_PREFIX", "/")
    lang = request.args.get("lang")
    lang = lang if lang in LANGUAGES else None
    return redirect(login_url(request.script_root + path, prefix, lang))


def require_role(role: Role) -> Callable:
    """A Flask view only for `role` and above: anonymous → the login page (GET) or 403."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            user = current_user()
            if not user.is_authenticated and _wants_html():
                return _to_login()
            if not user.has(role):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


def register(app: dash.Dash, *, public_endpoints: set[str], static_endpoints: set[str]) -> None:
    """Identify every request and, with REQUIRE_LOGIN=1, turn anonymous ones away, except from
    `public_endpoints` (the login page) and `static_endpoints` (CSS, scripts, the health check:
    not even identified, so they cost no database query)."""
    server: Flask = app.server
    networks = trusted_networks()
    server.wsgi_app = TrustedProxies(server.wsgi_app, networks)  # type: ignore[method-assign]
    if settings.value("TRUSTED_USER_HEADER") and not networks:
        log.warning(
            "TRUSTED_USER_HEADER is set without TRUSTED_PROXY_ADDRESSES: any client that can "
            "reach this app directly can name itself; let only the proxy reach it"
        )

    @server.before_request
    def _identify() -> Response | None:
        if request.endpoint in static_endpoints:
            g.user = ANONYMOUS
            return None
        g.user = _proxy_user() or _session_user() or ANONYMOUS
        if g.user.is_authenticated:
            logs.bind(user=g.user.name)  # reset with the request's other fields (request_log)
        if (
            g.user.is_authenticated
            or request.endpoint in public_endpoints
            or not settings.value("REQUIRE_LOGIN")
        ):
            return None
        if _wants_html():
            return _to_login()
        abort(401)
        return None
