"""The URL is the view: one Location, and two ways a URL change reaches the screen.

    ROOT                          the app's layout: the Location, two stores, the view
    in_place_callback(view, …)    a view's one data callback (pages call it once, at import)

A clientside gate reads every URL change (a filter, a click on a chart, a link, Back/Forward)
and decides what it means:

- another view, language, organisation, drill-down level or presentation slide (the URL's
  "key" changes): the router callback renders the page's `layout(**query_args)` anew, as on a
  first load (the pages keep their layout functions for first loads and links);
- only the filters a view redraws in place (`IN_PLACE`): the view's data callback, keyed on the
  query string, returns its figures, titles, summaries, blocks (KPI cards, the matrix, lists)
  and filter options in one round trip. The shell, header and filter bar stay mounted, and each
  chart keeps one component id in every filter state, so Plotly updates it in place.

Every change is one history entry: the Location pushes it (filters, chart clicks) or a link
does (assets/links.js, dcc.Link); nothing here writes the URL.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

import dash
from dash import ALL, MATCH, Input, Output, State, dcc, html
from dash.development.base_component import Component

from components import filter_bar
from components.chart_card import caption, data_table, graph_height
from components.context import current_engine, current_frames, page_state, url_prefix
from components.filter_bar import FilterIds, select_choices
from dashboard import charts
from dashboard.db import shared_reading
from dashboard.i18n import hyphenate, normalise_language, translate
from dashboard.models import DataArea
from dashboard.routes import Route, ViewId, strip_prefix
from dashboard.view_state import (
    PARAM_CORE_AREA,
    PARAM_GOAL,
    PARAM_ORGANISATION,
    PARAM_SECTOR,
    PARAM_YEAR,
    ViewState,
)
from dashboard.web import request_guard

LOCATION = ViewId.LOCATION
VIEW_KEY = ViewId.KEY
LAST_URL = ViewId.LAST_URL
CONTENT = ViewId.CONTENT
TITLE = ViewId.TITLE
TITLE_SINK = ViewId.TITLE_SINK

# The query parameters each view redraws in place; any other change renders the view anew.
IN_PLACE: dict[Route, tuple[str, ...]] = {
    Route.OVERVIEW: (PARAM_SECTOR, PARAM_CORE_AREA, PARAM_YEAR),
    Route.EFFECT_GOALS: (PARAM_SECTOR, PARAM_YEAR),
    Route.SERVICE_REVIEW: (PARAM_SECTOR, PARAM_CORE_AREA, PARAM_YEAR),
    Route.SAVINGS: (PARAM_SECTOR, PARAM_CORE_AREA, PARAM_YEAR),
}
# Parameters that change what a view is made of (the effect goals' drill-down levels): while one
# is set, every change renders the view anew.
LEVELS: dict[Route, tuple[str, ...]] = {Route.EFFECT_GOALS: (PARAM_CORE_AREA, PARAM_GOAL)}


class PartIds:
    """Pattern-matching id types of the parts a view's data callback updates (dashboard.routes
    defines them once)."""

    QUERY = ViewId.QUERY  # a view's store: the query string it shows (the data callback's input)
    GRAPH = ViewId.GRAPH
    TITLE = ViewId.CHART_TITLE
    SUMMARY = ViewId.SUMMARY
    NOTE = ViewId.NOTE  # the sentence shown instead of an empty chart
    FIGURE = ViewId.FIGURE
    TABLE = ViewId.TABLE  # the table's body, built when its disclosure is opened
    TABLE_TOGGLE = ViewId.TABLE_TOGGLE
    BLOCK = ViewId.BLOCK  # a view's other parts: KPI cards, the matrix, lists, headings


def part_id(kind: str, view: str, name: str | object) -> dict:
    """The id of one part of a view: `name` is a chart id or a block name (or ALL/MATCH)."""
    return {"type": kind, "view": str(view) if isinstance(view, Route) else view, "name": name}


def query_store(view: Route, search: str) -> dcc.Store:
    """The store the gate writes a view's in-place query string to (a page puts it in its
    layout; the view's data callback listens to it)."""
    return dcc.Store(id=part_id(PartIds.QUERY, view, "query"), data={"search": search})


def block(view: Route, name: str, content: Component | list | None) -> html.Div:
    """A part of `view` that its data callback replaces (`blocks(frames)[name]`)."""
    return html.Div(content, id=part_id(PartIds.BLOCK, view, name), className="view-block")


def _config() -> dict:
    return {
        "inPlace": {str(view): list(params) for view, params in IN_PLACE.items()},
        "levels": {str(view): list(params) for view, params in LEVELS.items()},
    }


ROOT = html.Div(
    [
        dcc.Location(id=LOCATION, refresh="callback-nav"),
        dcc.Store(id=VIEW_KEY),
        dcc.Store(id=LAST_URL),
        dcc.Store(id=TITLE),
        html.Div(id=TITLE_SINK, hidden=True),
        html.Div(id=CONTENT, className="view-content"),
    ]
)


# The gate: what does this URL change mean? (window.location is the truth; the Location's props
# only say that it changed.) Outputs: the router's input, the last URL, the view's query store.
GATE = """
    function(pathname, search, last) {
        const noUpdate = window.dash_clientside.no_update;
        const config = CONFIG_JSON;
        const ctx = window.dash_clientside.callback_context;
        const stores = (ctx.outputs_list && ctx.outputs_list[2]) || [];
        const none = stores.map(function() { return noUpdate; });
        const loc = window.location;
        let prefix = "/";
        const dashConfig = document.getElementById("_dash-config");
        if (dashConfig) {
            prefix = JSON.parse(dashConfig.textContent).requests_pathname_prefix || "/";
        }
        let view = loc.pathname;
        if (prefix !== "/" && (view + "/").indexOf(prefix) === 0) {
            view = "/" + view.slice(prefix.length);
        }
        const params = new URLSearchParams(loc.search);
        const inPlace = config.inPlace[view] || [];
        const levels = config.levels[view] || [];
        const drilled = params.get("present") === "1" ||
            levels.some(function(p) { return params.has(p); });
        const keyParts = [];
        Array.from(params.keys()).sort().forEach(function(name) {
            if (drilled || inPlace.indexOf(name) < 0) {
                keyParts.push(name + "=" + params.getAll(name).join(","));
            }
        });
        const key = loc.pathname + "?" + keyParts.join("&");
        const seen = {key: key, search: loc.search};
        if (!last || last.key !== key) {
            const view_ = {pathname: loc.pathname, search: loc.search, key: key};
            return [view_, seen, none];
        }
        if (last.search === loc.search) { return [noUpdate, noUpdate, none]; }
        if (window.dashboardLinks) { window.dashboardLinks.sync(); }
        return [noUpdate, seen, stores.map(function() { return {search: loc.search}; })];
    }
    """.replace("CONFIG_JSON", json.dumps(_config()))


def parse_query(search: str) -> dict[str, object]:
    """`?a=1&b=2&b=3` → {"a": "1", "b": ["2", "3"]}, as Dash's page router passes them."""
    parsed = parse_qs(search.lstrip("?"), keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def _page_for(pathname: str) -> dict | None:
    """The registered page of a path as the browser shows it (under the app's sub-path)."""
    path = strip_prefix(pathname, url_prefix()).strip("/")
    return next((p for p in dash.page_registry.values() if p["path"].strip("/") == path), None)


def render_view(view: dict) -> tuple[Component, dict]:
    """The whole view for a URL: the page's layout(**query_args)."""
    page = _page_for(view["pathname"])
    query_args = parse_query(view["search"])
    if page is None:
        lang = page_state(query_args).lang
        return (
            html.Main(html.H1(translate("http.not_found", lang)), id="main"),
            {"title": translate("http.not_found_title", lang)},
        )
    # register_page leaves the layout to Dash's page import, which this app does not use.
    layout = page.get("layout") or sys.modules[page["module"]].layout
    content = layout(**query_args) if callable(layout) else layout
    return content, {"title": page["title"]}


Blocks = Callable[[charts.Frames], dict[str, Component | list | None]]


@dataclass(frozen=True)
class InPlaceView:
    blocks: Blocks | None
    year_area: DataArea | None


# What each view redraws in place, declared by its page module at import (never changed by a
# callback; the app factory registers one data callback per entry).
IN_PLACE_VIEWS: dict[Route, InPlaceView] = {}


def in_place_callback(
    view: Route, *, blocks: Blocks | None = None, year_area: DataArea | None = None
) -> None:
    """Declare `view`'s data callback (registered by `register(app)`): for the query string in
    the view's store, every chart of the view that is on the page (the chart registry's, found
    by their ids), the view's `blocks`, and the filter bar's options and values, in one
    response."""
    IN_PLACE_VIEWS[view] = InPlaceView(blocks, year_area)


def register(app: dash.Dash) -> None:
    """The router's callbacks on `app` (per app, not Dash's global list: a process may build
    several apps, as the tests do)."""
    app.clientside_callback(
        GATE,
        Output(VIEW_KEY, "data"),
        Output(LAST_URL, "data"),
        Output(part_id(PartIds.QUERY, ALL, "query"), "data"),
        Input(LOCATION, "pathname"),
        Input(LOCATION, "search"),
        State(LAST_URL, "data"),
    )
    app.clientside_callback(
        "function(data) { if (data && data.title) { document.title = data.title; } return ''; }",
        Output(TITLE_SINK, "children"),
        Input(TITLE, "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(CONTENT, "children"),
        Output(TITLE, "data"),
        Input(VIEW_KEY, "data"),
        prevent_initial_call=True,
    )(render_view)
    # A table is built when its disclosure is first opened (its summary clicked, by mouse or
    # key).
    app.callback(
        Output(part_id(PartIds.TABLE, MATCH, MATCH), "children", allow_duplicate=True),
        Input(part_id(PartIds.TABLE_TOGGLE, MATCH, MATCH), "n_clicks"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(open_table)
    for view, declared in IN_PLACE_VIEWS.items():
        _register_view(app, view, declared.blocks, declared.year_area)
    filter_bar.register(app)


def _register_view(
    app: dash.Dash, view: Route, blocks: Blocks | None, year_area: DataArea | None
) -> None:
    @app.callback(
        Output(part_id(PartIds.GRAPH, view, ALL), "figure"),
        Output(part_id(PartIds.GRAPH, view, ALL), "style"),
        Output(part_id(PartIds.FIGURE, view, ALL), "hidden"),
        Output(part_id(PartIds.TITLE, view, ALL), "children"),
        Output(part_id(PartIds.SUMMARY, view, ALL), "children"),
        Output(part_id(PartIds.NOTE, view, ALL), "children"),
        Output(part_id(PartIds.TABLE, view, ALL), "children", allow_duplicate=True),
        Output(part_id(PartIds.BLOCK, view, ALL), "children"),
        Output({"type": FilterIds.URL_PARAM, "view": str(view), "param": ALL}, "options"),
        Output({"type": FilterIds.URL_PARAM, "view": str(view), "param": ALL}, "value"),
        Input(part_id(PartIds.QUERY, view, "query"), "data"),
        State(part_id(PartIds.TABLE_TOGGLE, view, ALL), "n_clicks"),
        prevent_initial_call=True,
    )
    def update(query: dict, table_clicks: list) -> tuple:
        outputs = dash.ctx.outputs_list
        query_args = parse_query((query or {}).get("search") or "")
        try:
            with shared_reading(current_engine()):
                state = page_state(query_args)
                return _view_update(state, outputs, table_clicks, blocks, year_area)
        except request_guard.DATABASE_DOWN_ERRORS as error:
            request_guard.log_database_down(error)
            return _database_down(outputs, normalise_language(_first(query_args.get("lang"))))


def _first(value: object) -> str | None:
    return (
        value[0] if isinstance(value, list) and value else value if isinstance(value, str) else None
    )


def _database_down(outputs: list, lang: str) -> tuple:
    """Every chart hidden behind the message that the database does not answer (the charts of
    the previous filters would no longer be true); the rest as it was."""
    keep = [[dash.no_update] * len(o) for o in outputs]
    message = html.P(translate("error.database_unavailable", lang), className="empty-result")
    keep[2] = [True] * len(outputs[2])
    keep[5] = [message] * len(outputs[5])
    return tuple(keep)


def _view_update(
    state: ViewState,
    outputs: list,
    table_clicks: list,
    blocks: Blocks | None,
    year_area: DataArea | None,
) -> tuple:
    frames = current_frames(state)
    # Every chart card has each part, so the graphs' ids name the charts on the page.
    built = [charts.build(o["id"]["name"], frames) for o in outputs[0]]
    drawn = [c is not None and not c.empty and c.figure is not None for c in built]
    made = blocks(frames) if blocks else {}
    keep = dash.no_update
    # The organisation is not redrawn in place (IN_PLACE): a change of it renders the view
    # anew, with its choices. Here they would only repeat what the page has (542 organisations
    # at national scale: two thirds of the response).
    choices = [
        (keep, keep)
        if o["id"]["param"] == PARAM_ORGANISATION
        else select_choices(state, o["id"]["param"], year_area)
        for o in outputs[8]
    ]
    return (
        [c.figure if d else keep for c, d in zip(built, drawn, strict=True)],
        [
            {"height": f"{graph_height(c.figure)}px"} if d else keep
            for c, d in zip(built, drawn, strict=True)
        ],
        [not d for d in drawn],
        [hyphenate(c.title, state.lang) if c else keep for c in built],
        [caption(c) if d else "" for c, d in zip(built, drawn, strict=True)],
        [
            None if d or c is None else html.P(c.summary, className="empty-result")
            for c, d in zip(built, drawn, strict=True)
        ],
        [
            _table(c) if clicks and clicks % 2 else keep
            for c, clicks in zip(_by_name(built, outputs[6]), table_clicks, strict=True)
        ],
        [made.get(o["id"]["name"], keep) for o in outputs[7]],
        [c[0] for c in choices],
        [c[1] for c in choices],
    )


def _by_name(
    built: list[charts.ChartData | None], wanted: list[dict]
) -> list[charts.ChartData | None]:
    """The built charts in the order of `wanted` (a card without a table has no toggle)."""
    found = {c.chart_id: c for c in built if c is not None}
    return [found.get(o["id"]["name"]) for o in wanted]


def _table(chart: charts.ChartData | None) -> object:
    if chart is None or chart.table is None or not chart.columns:
        return None
    return data_table(chart.table, list(chart.columns), caption=chart.title)


def open_table(clicks: int | None, search: str | None) -> object:
    if not clicks or not clicks % 2:
        return dash.no_update
    name = dash.ctx.triggered_id["name"]
    state: ViewState = page_state(parse_query(search or ""))
    return _table(charts.build(name, current_frames(state)))
