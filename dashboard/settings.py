"""Every setting the dashboard reads, declared once with its help text.

Configuration comes only from environment variables, read here and nowhere else.
`tests/test_settings.py` fails when a setting is read in the code but not declared
here, or declared here but missing from the README's settings table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_ROOT / 'data' / 'dashboard.sqlite3'}",
        "SQLAlchemy URL of the database. Default: a SQLite file under data/ (git-ignored). "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
    ),
    Setting(
        "TEST_DATABASE_URL",
        "",
        "PostgreSQL URL the test suite runs its PostgreSQL tests against; when empty they skip "
        "(CI sets it).",
    ),
    Setting(
        "DEFAULT_LANGUAGE",
        "nb",
        "Language of the UI when the URL has no ?lang= (nb, da or en).",
    ),
    Setting(
        "HOURS_PER_FTE",
        "1695",
        "Working hours in one full-time equivalent (årsverk), used to turn saved hours into FTE.",
    ),
    Setting(
        "COST_PER_HOUR_NOK",
        "650",
        "Cost of one working hour in kroner, used to turn saved hours into money.",
    ),
    Setting(
        "SAVINGS_GOAL_HOURS",
        "4000",
        "Yearly goal for measured hours saved by minuttjakt, for organisations without their own.",
    ),
    Setting(
        "IMPORT_MAX_FILE_MB",
        "50",
        "Largest file `dashboard import` accepts, in megabytes; a larger file is refused unread.",
    ),
    Setting(
        "IMPORT_MAX_UNPACKED_MB",
        "500",
        "Largest size an .xlsx workbook may unpack to, in megabytes, checked before it is opened "
        "(a zip bomb disguised as a workbook is refused).",
    ),
    Setting(
        "ACCESSIBILITY_CONTACT",
        "postmottak@demo-kommune.example",
        "E-mail address the accessibility statement gives for reporting a problem.",
    ),
    Setting(
        "REDIS_URL",
        "",
        "Redis for the query-result cache, shared by every worker and host, e.g. "
        "redis://:password@cache-host:6379/0 (rediss:// for TLS). Empty: each worker process "
        "keeps its own in-memory cache. A Redis that is down is skipped (uncached, one warning).",
    ),
    Setting(
        "WEB_CONCURRENCY",
        "",
        "Number of gunicorn worker processes (gunicorn.conf.py). Empty: the CPUs this process "
        "may use, at least 2 and at most 8.",
    ),
    Setting(
        "HOST",
        "127.0.0.1",
        "Address `make run` serves on.",
    ),
    Setting(
        "PORT",
        "8050",
        "Port `make run` serves on.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Key that signs session cookies and CSRF tokens: a random value of at least 32 "
        "characters, the same on every host. Empty: read from SECRET_KEY_FILE. gunicorn (make "
        "serve, production) refuses to start without a key, or with a placeholder or short one.",
    ),
    Setting(
        "SECRET_KEY_FILE",
        str(PROJECT_ROOT / "data" / "secret_key"),
        "File holding the secret key when SECRET_KEY is empty. `make run` writes a random one "
        "there (git-ignored) when it is missing; production can point it at a mounted secret.",
    ),
    Setting(
        "SESSION_COOKIE_SECURE",
        "",
        "1: cookies are sent over HTTPS only; 0: also over plain http. Empty: Secure unless "
        "HOST is 127.0.0.1 or localhost (so `make run` works over http on this machine).",
    ),
    Setting(
        "REQUIRE_LOGIN",
        "",
        "1: every view needs a signed-in user (any role); empty: the views are open to everyone "
        "who can reach the app (intranet). Importing always needs editor, user admin admin.",
    ),
    Setting(
        "TRUSTED_USER_HEADER",
        "",
        "Request header in which a reverse proxy (single sign-on) names the user, e.g. "
        "X-Remote-User. Empty: such headers are ignored. The proxy must set it on every request "
        "and drop any the client sent.",
    ),
    Setting(
        "TRUSTED_ROLES_HEADER",
        "",
        "Request header in which the proxy lists the user's groups, comma-separated, e.g. "
        "X-Remote-Groups; mapped to roles by EDITOR_GROUPS and ADMIN_GROUPS (else viewer).",
    ),
    Setting(
        "EDITOR_GROUPS",
        "",
        "Comma-separated group names (from TRUSTED_ROLES_HEADER) that make a user an editor.",
    ),
    Setting(
        "ADMIN_GROUPS",
        "",
        "Comma-separated group names (from TRUSTED_ROLES_HEADER) that make a user an admin.",
    ),
    Setting(
        "TRUSTED_PROXY_ADDRESSES",
        "",
        "Comma-separated addresses or networks (CIDR) of the reverse proxies. When set, only "
        "requests from them may name the user in TRUSTED_USER_HEADER, and only their "
        "X-Forwarded-For/-Proto/-Host headers are applied (werkzeug ProxyFix).",
    ),
    Setting(
        "REQUIRE_BROWSER",
        "",
        "When 1, browser tests fail instead of skipping when Chromium is missing (CI sets it).",
    ),
    Setting(
        "BROWSER_PATH",
        "/usr/bin/chromium",
        "Chromium binary that draws chart snapshots (PNG, SVG, PDF) through kaleido; without it "
        "image exports answer 503 with a message and CSV/Excel exports still work.",
    ),
    Setting(
        "CHROMIUM_PATH",
        "/usr/bin/chromium",
        "Chromium binary used by the browser tests.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a declared setting: the environment variable, else its default."""
    setting = _BY_NAME[name]  # KeyError for an undeclared setting, on purpose
    return os.environ.get(name, setting.default)


def get_float(name: str) -> float:
    return float(get(name))


def database_url() -> str:
    return get("DATABASE_URL")
