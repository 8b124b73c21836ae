"""The state of a view, as the URL says it: language, filters, drill-down. Validated against the
database so that a tampered or outdated link opens a sensible view instead of failing.

Used by the pages and by the export routes, so a link to a chart's snapshot takes the very same
query string as the view it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from dashboard import cache as query_cache
from dashboard import data_version, queries
from dashboard.i18n import normalise_language, translate
from dashboard.models import DataArea
from dashboard.routes import href as route_href

# The URL query parameters a view understands (documented in docs/using.md).
PARAM_ORGANISATION = "org"
PARAM_SECTOR = "sektor"
PARAM_CORE_AREA = "kerneomrade"
PARAM_YEAR = "year"
PARAM_LANGUAGE = "lang"
PARAM_GOAL = "goal"
PARAM_PRESENT = "present"
PARAM_SLIDE = "slide"  # presentation mode: 1-based slide number
PARAM_AUTO = "auto"  # presentation mode: seconds per slide when advancing by itself
PARAM_LOOP = "loop"  # presentation mode: after the last slide, the first again (a foyer screen)
AUTO_SECONDS = (5, 600)
FILTER_PARAMS = (PARAM_ORGANISATION, PARAM_SECTOR, PARAM_CORE_AREA, PARAM_YEAR)


@dataclass(frozen=True)
class ViewState:
    """The validated state of a view: language, filters, and what was dropped as invalid."""

    lang: str
    filters: queries.Filters
    organisations: list[dict]
    sectors: list[dict]
    core_areas: list[dict]
    years: dict[str, list[int]]
    query: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    goal: str | None = None  # an effect goal's code (drill-down); checked where it is used
    present: bool = False  # presentation mode (?present=1)
    slide: int | None = None
    auto: int | None = None
    prefix: str = "/"  # the sub-path the app is served under (dashboard.routes)
    loop: bool = False
    # The organisation's data versions when view_state read them (to key its option cache);
    # charts.Frames uses them too instead of asking again.
    data_versions: data_version.Versions | None = None
    # The organisation's filter options as read (the matrix's sectors and core areas).
    options: queries.FilterOptions | None = None

    @property
    def is_demo(self) -> bool:
        org = self.filters.organisation
        return any(o["code"] == org and o["is_demo"] for o in self.organisations)

    def year_for(self, area: DataArea | str) -> int | None:
        """The chosen year, or the newest year with data in this area (a DataArea: a misspelt
        area is a ValueError, not a silently empty view)."""
        area = DataArea(area)
        if self.filters.year:
            return self.filters.year
        available = self.years.get(area) or []
        return available[-1] if available else None

    def filters_for(self, area: DataArea | str) -> queries.Filters:
        return self.filters.with_year(self.year_for(area))

    def href(self, path: str, **changes: str | None) -> str:
        """A link to `path` (a Route) under the app's prefix with this view's query string,
        changed by `changes` (None removes)."""
        return route_href(path, self.prefix, {**self.query, **changes})


def _first(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) and value else None


def view_state(
    query_args: dict[str, object],
    *,
    engine: Engine,
    prefix: str = "/",
    cache: query_cache.QueryCache | None = None,
) -> ViewState:
    """Validate the URL's query arguments against what the database has.

    Unknown codes and malformed years are dropped (and listed in `ignored`, so the page can say
    so) instead of raising: a tampered or outdated link still opens a sensible view. With a
    `cache` (the app's query cache) the organisation's options (sectors, core areas, years) come
    from it, keyed on the organisation's data versions, which every import bumps.
    """
    ignored: list[str] = []
    lang = normalise_language(_first(query_args.get(PARAM_LANGUAGE)))
    orgs = _organisations(engine, cache)
    org = given_org = _first(query_args.get(PARAM_ORGANISATION))
    if org and org not in {o["code"] for o in orgs}:
        ignored.append(PARAM_ORGANISATION)
        org = None
    if not org and orgs:
        org = orgs[0]["code"]
    versions = data_version.current_versions(engine, org) if org and cache else None

    options = _options(engine, cache, org, versions) if org else None
    sectors = options.sectors if options else []
    sector = _first(query_args.get(PARAM_SECTOR))
    if sector and sector not in {s["code"] for s in sectors}:
        ignored.append(PARAM_SECTOR)
        sector = None
    core_areas = options.core_areas_of(sector) if options else []
    core_area = _first(query_args.get(PARAM_CORE_AREA))
    if core_area and core_area not in {c["code"] for c in core_areas}:
        ignored.append(PARAM_CORE_AREA)
        core_area = None
    years = options.years if options else {}
    year_text = _first(query_args.get(PARAM_YEAR))
    year = None
    all_years = sorted({y for ys in years.values() for y in ys})
    if year_text:
        if _whole_number(year_text) in all_years:
            year = int(year_text)
        else:
            ignored.append(PARAM_YEAR)
    goal = _first(query_args.get(PARAM_GOAL))
    if goal and (len(goal) > 64 or not goal.replace("-", "").replace("_", "").isalnum()):
        ignored.append(PARAM_GOAL)
        goal = None
    present = _first(query_args.get(PARAM_PRESENT)) == "1"
    slide = _bounded_int(query_args.get(PARAM_SLIDE), 1, 999, PARAM_SLIDE, ignored)
    auto = _bounded_int(query_args.get(PARAM_AUTO), *AUTO_SECONDS, PARAM_AUTO, ignored)
    loop = present and _first(query_args.get(PARAM_LOOP)) == "1"
    query = {
        PARAM_LANGUAGE: lang if _first(query_args.get(PARAM_LANGUAGE)) else None,
        # As with the language: kept when the link names it, so a link without it stays one.
        PARAM_ORGANISATION: org if len(orgs) > 1 and org == given_org else None,
        PARAM_SECTOR: sector,
        PARAM_CORE_AREA: core_area,
        PARAM_YEAR: str(year) if year else None,
        PARAM_GOAL: goal,
        PARAM_PRESENT: "1" if present else None,
        PARAM_SLIDE: str(slide) if present and slide else None,
        PARAM_AUTO: str(auto) if present and auto else None,
        PARAM_LOOP: "1" if loop else None,
    }
    return ViewState(
        lang=lang,
        filters=queries.Filters(organisation=org, sector=sector, core_area=core_area, year=year),
        organisations=orgs,
        sectors=sectors,
        core_areas=core_areas,
        years=years,
        query={k: v for k, v in query.items() if v},
        ignored=ignored,
        goal=goal,
        present=present,
        slide=slide if present else None,
        auto=auto if present else None,
        prefix=prefix,
        loop=loop,
        data_versions=versions,
        options=options,
    )


def _options(
    engine: Engine,
    cache: query_cache.QueryCache | None,
    organisation: str,
    versions: data_version.Versions | None,
) -> queries.FilterOptions:
    """The organisation's filter options: one cache entry per organisation and data versions
    (every import bumps them)."""
    if versions is None or cache is None:
        return queries.filter_options(engine, organisation)
    key = cache.key(
        engine,
        "options.filter_options",
        organisation_id=versions.organisation_id,
        versions=versions.by_area,
        params=(organisation,),
    )
    return cache.get_or_compute(key, lambda: queries.filter_options(engine, organisation))


def _organisations(engine: Engine, cache: query_cache.QueryCache | None) -> list[dict]:
    """Every organisation (code, name, is_demo), from the cache while none was added, removed
    or re-imported: at national scale the list is 500+ rows on every request otherwise."""
    if cache is None:
        return queries.organisations(engine).to_dict("records")
    key = cache.key(
        engine,
        "options.organisations",
        organisation_id=0,
        versions={},
        params=queries.organisations_stamp(engine),
    )
    return cache.get_or_compute(key, lambda: queries.organisations(engine).to_dict("records"))


def _bounded_int(value: object, low: int, high: int, name: str, ignored: list[str]) -> int | None:
    text = _first(value)
    if text is None:
        return None
    number = _whole_number(text)
    if number is not None and low <= number <= high:
        return number
    ignored.append(name)
    return None


def _whole_number(text: str) -> int | None:
    """`text` as a small whole number, or None. Not str.isdigit() alone: "²" is a digit that
    int() refuses, and int() refuses more than 4300 digits."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def describe_filters(state: ViewState, *, area: str) -> str:
    """The active filters in words, for subtitles and captions:
    "Demo kommune · Helse og velferd · Alle kjerneområder · 2025"."""
    lang, f = state.lang, state.filters
    sector = next(
        (s["name"] for s in state.sectors if s["code"] == f.sector),
        translate("filter.all_sectors", lang),
    )
    core = next(
        (c["name"] for c in state.core_areas if c["code"] == f.core_area),
        translate("filter.all_core_areas", lang),
    )
    year = state.year_for(area)
    year_text = str(year) if year else translate("filter.newest_year", lang)
    org = next((o["name"] for o in state.organisations if o["code"] == f.organisation), "")
    return " · ".join(part for part in (org, sector, core, year_text) if part)
