"""Every setting the dashboard reads, declared once with its type and help text.

Configuration comes only from environment variables, read here and nowhere else. Each setting
has a parser that turns the text into a typed value or says, in one sentence, why it cannot:

    value("HOURS_PER_FTE")  -> 1695.0        (typed; raises SettingError for a bad value)
    problems()              -> ["HOURS_PER_FTE=abc: not a number"]   (every bad setting)
    check_or_exit()         -> exits with those lines (the CLI, `make run`, gunicorn at start)

so a bad value stops the app at start instead of answering 500 on the first view that reads it.
`tests/test_settings.py` fails when a setting is read in the code but not declared here, or
declared here but missing from the settings table in docs/settings.md.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LANGUAGES = ("nb", "da", "en")
_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nei", "nej"}


class SettingError(ValueError):
    """A setting whose value cannot be used; the message names the setting."""


# --- parsers: text in, typed value out, ValueError with the reason ------------------------------


def text(raw: str) -> str:
    return raw.strip()


def boolean(raw: str) -> bool | None:
    """1/true/yes/on/ja → True, 0/false/no/off/nei/nej → False, empty → None (the default)."""
    value = raw.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError("not a yes/no value (use 1 or 0)")


def flag(raw: str) -> bool:
    """A boolean whose empty value means no."""
    return bool(boolean(raw))


def positive_number(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise ValueError("not a number (digits and a decimal point, e.g. 1695 or 2.5)") from None
    if not value > 0 or value == float("inf"):
        raise ValueError("must be a number above 0")
    return value


def positive_integer(raw: str) -> int:
    value = raw.strip()
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ValueError("must be a whole number above 0")
    return int(value)


def optional_positive_integer(raw: str) -> int | None:
    return positive_integer(raw) if raw.strip() else None


def port(raw: str) -> int:
    value = positive_integer(raw)
    if value > 65535:
        raise ValueError("must be a port number from 1 to 65535")
    return value


def language(raw: str) -> str:
    value = raw.strip().lower()
    if value not in LANGUAGES:
        raise ValueError(f"must be one of {', '.join(LANGUAGES)}")
    return value


def database_url(raw: str) -> str:
    value = raw.strip()
    if not value:
        return value
    try:
        make_url(value)
    except ArgumentError:
        raise ValueError("not a database URL (e.g. postgresql+psycopg://user@host/db)") from None
    return value


def redis_url(raw: str) -> str:
    value = raw.strip()
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must start with redis://, rediss:// or unix://")
    return value


def names(raw: str) -> tuple[str, ...]:
    """A comma-separated list, blanks dropped."""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def networks(raw: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    found = []
    for part in names(raw):
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(f"{part!r} is not an address or network (CIDR)") from None
    return tuple(found)


def http_url(raw: str) -> str:
    value = raw.strip().rstrip("/")
    if not value.startswith(("https://", "http://")) or " " in value:
        raise ValueError("must be an http:// or https:// URL")
    return value


def header_name(raw: str) -> str:
    value = raw.strip()
    if value and not all(c.isascii() and (c.isalnum() or c == "-") for c in value):
        raise ValueError("a header name is letters, digits and '-'")
    return value


def log_level(raw: str) -> str:
    value = raw.strip().upper()
    if value not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
    return value


def url_prefix(raw: str) -> str:
    """A sub-path such as /styring/ (letters, digits, '-', '_', '/'), returned as "/…/"."""
    inner = raw.strip().strip("/")
    if inner and not all(c.isascii() and (c.isalnum() or c in "-_/") for c in inner):
        raise ValueError("a sub-path is letters, digits, '-', '_' and '/', e.g. /styring/")
    if "//" in inner:
        raise ValueError("a sub-path has no empty parts ('//')")
    return f"/{inner}/" if inner else "/"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = text


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_ROOT / 'data' / 'dashboard.sqlite3'}",
        "SQLAlchemy URL of the database. Default: a SQLite file under data/ (git-ignored). "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
        parse=database_url,
    ),
    Setting(
        "TEST_DATABASE_URL",
        "",
        "PostgreSQL URL the test suite runs its PostgreSQL tests against; when empty they skip "
        "(CI sets it).",
        parse=database_url,
    ),
    Setting(
        "DEFAULT_LANGUAGE",
        "nb",
        "Language of the UI when the URL has no ?lang= (nb, da or en).",
        parse=language,
    ),
    Setting(
        "HOURS_PER_FTE",
        "1695",
        "Working hours in one full-time equivalent (årsverk), used to turn saved hours into FTE.",
        parse=positive_number,
    ),
    Setting(
        "COST_PER_HOUR_NOK",
        "650",
        "Cost of one working hour in kroner, used to turn saved hours into money.",
        parse=positive_number,
    ),
    Setting(
        "SAVINGS_GOAL_HOURS",
        "4000",
        "Yearly goal for measured hours saved by minuttjakt, for organisations without their own "
        "(the whole organisation only: a sector without its own goal shows none).",
        parse=positive_number,
    ),
    Setting(
        "IMPORT_MAX_FILE_MB",
        "50",
        "Largest file `dashboard import` accepts, in megabytes; a larger file is refused unread.",
        parse=positive_number,
    ),
    Setting(
        "IMPORT_MAX_UNPACKED_MB",
        "500",
        "Largest size an .xlsx workbook may unpack to, in megabytes, checked before it is opened "
        "(a zip bomb disguised as a workbook is refused).",
        parse=positive_number,
    ),
    Setting(
        "IMPORT_MAX_ROWS",
        "2000000",
        "Most rows (not counting headers and blank rows) one import file may hold; a larger file "
        "is refused as soon as the reader passes the limit, before the rest is read.",
        parse=positive_integer,
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
        parse=redis_url,
    ),
    Setting(
        "WEB_CONCURRENCY",
        "",
        "Number of gunicorn worker processes (gunicorn.conf.py). Empty: the CPUs this process "
        "may use, at least 2 and at most 8.",
        parse=optional_positive_integer,
    ),
    Setting(
        "URL_PREFIX",
        "/",
        "The sub-path the app is served under, e.g. /styring/ for "
        "https://intranett.kommune.no/styring/. The reverse proxy forwards the path unchanged; "
        "every link, form, redirect, asset and export URL carries the prefix.",
        parse=url_prefix,
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
        parse=port,
    ),
    Setting(
        "REQUEST_TIMEOUT_S",
        "60",
        "Deadline of one request in seconds: past it the request is ended and logged "
        "(dashboard/web/deadline.py), a PostgreSQL statement is cancelled, nginx answers 504.",
        parse=positive_integer,
    ),
    Setting(
        "EXPORT_WORKERS",
        "",
        "Image exports (PNG, SVG, PDF) drawn at once per gunicorn worker. Empty: the number of "
        "CPUs. More wait in a short queue (EXPORT_QUEUE); past it the answer is 503.",
        parse=optional_positive_integer,
    ),
    Setting(
        "EXPORT_QUEUE",
        "4",
        "Image exports that may wait per gunicorn worker when every export slot is busy; one "
        "more gets 503 with Retry-After and a message.",
        parse=positive_integer,
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
        parse=boolean,
    ),
    Setting(
        "SESSION_IDLE_MINUTES",
        "120",
        "A built-in user's session ends after this many minutes without a request.",
        parse=positive_integer,
    ),
    Setting(
        "SESSION_MAX_HOURS",
        "12",
        "A built-in user's session ends this many hours after the login, used or not (a copied "
        "or re-signed cookie cannot keep it longer: the session is checked in the database).",
        parse=positive_integer,
    ),
    Setting(
        "REQUIRE_LOGIN",
        "",
        "1: every view needs a signed-in user (any role); empty: the views are open to everyone "
        "who can reach the app (intranet). Importing always needs editor, user admin admin.",
        parse=flag,
    ),
    Setting(
        "TRUSTED_USER_HEADER",
        "",
        "Request header in which a reverse proxy (single sign-on) names the user, e.g. "
        "X-Remote-User. Empty: such headers are ignored. The proxy must set it on every request "
        "and drop any the client sent.",
        parse=header_name,
    ),
    Setting(
        "TRUSTED_ROLES_HEADER",
        "",
        "Request header in which the proxy lists the user's groups, comma-separated, e.g. "
        "X-Remote-Groups; mapped to roles by EDITOR_GROUPS and ADMIN_GROUPS (else viewer).",
        parse=header_name,
    ),
    Setting(
        "EDITOR_GROUPS",
        "",
        "Comma-separated group names (from TRUSTED_ROLES_HEADER) that make a user an editor.",
        parse=names,
    ),
    Setting(
        "ADMIN_GROUPS",
        "",
        "Comma-separated group names (from TRUSTED_ROLES_HEADER) that make a user an admin.",
        parse=names,
    ),
    Setting(
        "TRUSTED_PROXY_ADDRESSES",
        "",
        "Comma-separated addresses or networks (CIDR) of the reverse proxies. When set, only "
        "requests from them may name the user in TRUSTED_USER_HEADER, and only their "
        "X-Forwarded-For/-Proto/-Host headers are applied (werkzeug ProxyFix).",
        parse=networks,
    ),
    Setting(
        "STATISTICS_SSB_URL",
        "https://data.ssb.no/api/pxwebapi/v2",
        "Base URL of Statistics Norway's PxWebApi v2, which `dashboard statistics fetch ssb:…` "
        "asks (GET …/tables/{table}/data).",
        parse=http_url,
    ),
    Setting(
        "STATISTICS_DST_URL",
        "https://api.statbank.dk/v1",
        "Base URL of Danmarks Statistik's statbank API, which `dashboard statistics fetch dst:…` "
        "asks (POST …/data).",
        parse=http_url,
    ),
    Setting(
        "STATISTICS_KOLADA_URL",
        "https://api.kolada.se/v3",
        "Base URL of the Kolada API v3, which `dashboard statistics fetch kolada:…` asks "
        "(GET …/data/kpi/{kpi}/municipality/{ids}/year/{years}).",
        parse=http_url,
    ),
    Setting(
        "LOG_LEVEL",
        "INFO",
        "Least severe log lines written to standard output (JSON, one object a line): DEBUG, "
        "INFO, WARNING or ERROR. Audit lines (logger dashboard.audit) are written at any level.",
        parse=log_level,
    ),
    Setting(
        "REQUIRE_BROWSER",
        "",
        "When 1, browser tests fail instead of skipping when Chromium is missing (CI sets it).",
        parse=flag,
    ),
    Setting(
        "REQUIRE_REDIS",
        "",
        "When 1, tests that need the Redis on 127.0.0.1:6379 fail instead of skipping when it "
        "does not answer (CI sets it).",
        parse=flag,
    ),
    Setting(
        "CI",
        "",
        "true on CI (set by .ci/run's caller): a test that needs PostgreSQL, Redis or Chromium "
        "and skipped fails the run (dashboard/harness/ci_skips.py).",
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


def raw(name: str) -> str:
    """The text of a declared setting: the environment variable, else its default."""
    setting = _BY_NAME[name]  # KeyError for an undeclared setting, on purpose
    return os.environ.get(name, setting.default)


def value(name: str) -> Any:
    """The typed value of a declared setting; SettingError names it when it cannot be used."""
    setting = _BY_NAME[name]
    text_value = raw(name)
    try:
        return setting.parse(text_value)
    except ValueError as error:
        raise SettingError(f"{name}={text_value!r}: {error}") from None


def problems() -> list[str]:
    """One line per declared setting whose value cannot be used."""
    found = []
    for setting in SETTINGS:
        try:
            value(setting.name)
        except SettingError as error:
            found.append(str(error))
    return found


def check() -> None:
    """Raise SettingError naming every bad setting (the app factory)."""
    bad = problems()
    if bad:
        raise SettingError("; ".join(bad))


def check_or_exit() -> None:
    """Stop the program with a message naming every bad setting (exit code 2)."""
    bad = problems()
    if bad:
        lines = "\n".join(f"  {line}" for line in bad)
        sys.exit(f"Bad setting(s), see docs/settings.md:\n{lines}")


def child_environment(**overrides: str) -> dict[str, str]:
    """This process's environment with `overrides`: for a server started as a child process
    (dashboard/harness/server.py), which reads its settings from it."""
    return {**os.environ, **overrides}


def get_database_url() -> str:
    return value("DATABASE_URL")
