"""Every path the app answers, defined once, and the links to them.

    Route.SAVINGS                          "/minuttjakt"
    href(Route.SAVINGS, "/styring/", year="2020")   "/styring/minuttjakt?year=2020"

Paths here are relative to the app's root. The app can be served under a sub-path of an
intranet (`https://intranett.kommune.no/styring/`, the URL_PREFIX setting): every link, form
action, redirect and export URL is built with `href` and the prefix the request runs under, never
by writing "/…" by hand.
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlencode

from dashboard.models import DataArea, Role


class Route(StrEnum):
    OVERVIEW = "/"
    EFFECT_GOALS = "/effektmal"
    SERVICE_REVIEW = "/tjenestegjennomgang"
    SAVINGS = "/minuttjakt"
    ACCESSIBILITY = "/tilgjengelighet"
    LOGIN = "/logg-inn"
    LOGOUT = "/logg-ut"
    IMPORT = "/import"
    ADMIN = "/admin"
    ADMIN_ADD_USER = "/admin/brukere"
    ADMIN_USER_STATUS = "/admin/brukere/status"
    ADMIN_USER_ROLE = "/admin/brukere/rolle"
    ADMIN_EVENTS_CSV = "/admin/hendelser.csv"
    ADMIN_END_SESSION = "/admin/okter/avslutt"
    EXPORT = "/export"
    TEMPLATES = "/maler"
    HEALTH = "/healthz"
    ROBOTS = "/robots.txt"


class ViewId(StrEnum):
    """Component ids of the view router (components/view_router.py), defined once: the
    callback guard (dashboard/web/request_guard.py), the filter bar and the tests' and
    benchmark's view request (dashboard/harness/view_request.py) use the same."""

    LOCATION = "view-location"
    KEY = "view-key"  # {pathname, search, key} of the rendered view: the router's input
    LAST_URL = "view-last-url"  # {key, search} last seen by the gate
    CONTENT = "view-content"
    TITLE = "view-title"
    TITLE_SINK = "view-title-sink"
    # Pattern-matching id types of the parts a view's data callback updates.
    QUERY = "view-query"
    BLOCK = "view-block"
    GRAPH = "chart-graph"
    CHART_TITLE = "chart-title"
    SUMMARY = "chart-summary"
    NOTE = "chart-note"
    FIGURE = "chart-figure"
    TABLE = "chart-table"
    TABLE_TOGGLE = "chart-table-toggle"


# The views that show data, in the navigation's order, with the area each one shows.
VIEWS: tuple[Route, ...] = (
    Route.OVERVIEW,
    Route.EFFECT_GOALS,
    Route.SERVICE_REVIEW,
    Route.SAVINGS,
)
AREA_OF_VIEW: dict[Route, DataArea | None] = {
    Route.OVERVIEW: None,
    Route.EFFECT_GOALS: DataArea.EFFECT_GOALS,
    Route.SERVICE_REVIEW: DataArea.SERVICE_REVIEW,
    Route.SAVINGS: DataArea.SAVINGS,
}


# The header's navigation: (route, catalogue key), and the form pages with the role they need.
NAV: tuple[tuple[Route, str], ...] = (
    (Route.OVERVIEW, "nav.overview"),
    (Route.EFFECT_GOALS, "nav.effect_goals"),
    (Route.SERVICE_REVIEW, "nav.service_review"),
    (Route.SAVINGS, "nav.savings"),
)
ROLE_NAV: tuple[tuple[Route, str, Role], ...] = (
    (Route.IMPORT, "nav.import", Role.EDITOR),
    (Route.ADMIN, "nav.admin", Role.ADMIN),
)
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "da": "Dansk", "en": "English"}
STYLESHEETS = ("assets/00-bootstrap.min.css", "assets/style.css")


def normalise_prefix(prefix: str) -> str:
    """ "styring", "/styring" and "/styring/" → "/styring/"; "" and "/" → "/"."""
    inner = prefix.strip().strip("/")
    return f"/{inner}/" if inner else "/"


def href(path: str, prefix: str = "/", query: dict[str, object] | None = None) -> str:
    """The URL of `path` (a Route or "/export/<name>") under `prefix`, with a query string of
    the items that have a value (None and "" are left out; a list repeats the key)."""
    base = normalise_prefix(prefix) + str(path).lstrip("/")
    pairs: list[tuple[str, str]] = []
    for key, value in (query or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(key, str(v)) for v in values if v is not None and v != ""]
    return f"{base}?{urlencode(pairs)}" if pairs else base


def strip_prefix(path: str, prefix: str = "/") -> str:
    """The app-relative path of a URL path the browser shows ("/styring/minuttjakt" →
    "/minuttjakt"); a path outside the prefix is returned unchanged."""
    base = normalise_prefix(prefix)
    if base != "/" and (path + "/").startswith(base):
        return "/" + path[len(base) :]
    return path
