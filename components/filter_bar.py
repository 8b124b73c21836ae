"""The filter bar shared by all views. Its state lives in the URL query string only.

A change rewrites `?sektor=…&kerneomrade=…&year=…` in the browser (a clientside callback, no
server trip; the Location pushes one history entry); components/view_router.py then redraws the
view in place, and back/forward and copied links reopen the same state. The bar stays mounted
across filter changes: the view's data callback sets its values and options from the URL.
"""

from __future__ import annotations

import json
from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, html

from dashboard.i18n import translate
from dashboard.models import DataArea
from dashboard.routes import Route, ViewId
from dashboard.view_state import (
    PARAM_CORE_AREA,
    PARAM_GOAL,
    PARAM_ORGANISATION,
    PARAM_SECTOR,
    PARAM_YEAR,
    ViewState,
)

LOCATION = ViewId.LOCATION  # components/view_router.py's Location


class FilterIds(StrEnum):
    """Pattern-matching id types owned by the filter bar."""

    URL_PARAM = "url-param"  # a control whose value is one query parameter


# The value of an "all" choice; it never reaches the URL (the parameter is removed instead).
ALL_VALUE = "all"


def url_param_id(param: str, view: Route | str) -> dict[str, str]:
    return {"type": FilterIds.URL_PARAM, "view": str(view), "param": param}


def dom_id(component_id: dict[str, str]) -> str:
    """The DOM id Dash gives a pattern-matching id (sorted keys, compact JSON), for <label for>."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


# Parameters that depend on another: choosing a new sektor drops a kerneområde and a goal.
DEPENDENTS = {
    PARAM_SECTOR: [PARAM_CORE_AREA, PARAM_GOAL],
    PARAM_CORE_AREA: [PARAM_GOAL],
    PARAM_ORGANISATION: [PARAM_SECTOR, PARAM_CORE_AREA, PARAM_GOAL],
}


def _select(param: str, view: Route, label: str, options: list[dict], value: str):
    control_id = url_param_id(param, view)
    return html.Div(
        [
            dbc.Label(label, html_for=dom_id(control_id), className="filter-label"),
            dbc.Select(id=control_id, options=options, value=value, className="filter-select"),
        ],
        className="filter-item",
    )


def select_choices(
    state: ViewState, param: str, year_area: DataArea | None = None
) -> tuple[list[dict], str]:
    """A filter's (options, value) for the view state: the "all" choice first."""
    lang, f = state.lang, state.filters
    if param == PARAM_ORGANISATION:
        # The first choice is the default organisation, as a URL without `org` shows it; it is
        # listed by its code as well only while the URL names it (the select then shows it).
        named = state.query.get(PARAM_ORGANISATION)
        default = state.organisations[0] if state.organisations else {"code": None, "name": ""}
        all_label = default["name"]
        options = [
            {"label": o["name"], "value": o["code"]}
            for o in state.organisations
            if o["code"] != default["code"] or named == default["code"]
        ]
        value = named
    elif param == PARAM_SECTOR:
        all_label = translate("filter.all_sectors", lang)
        options = [{"label": s["name"], "value": s["code"]} for s in state.sectors]
        value = f.sector
    elif param == PARAM_CORE_AREA:
        all_label = translate("filter.all_core_areas", lang)
        cross = translate("filter.cross_cutting", lang)
        options = [
            {
                "label": c["name"] + (f" ({cross})" if c["is_cross_cutting"] else ""),
                "value": c["code"],
            }
            for c in state.core_areas
        ]
        value = f.core_area
    elif param == PARAM_YEAR:
        # The years with data for the view's area (all areas on the overview), so a choice is
        # never an empty view; a year asked for by a link but without data stays, and says so.
        with_data = (
            set(state.years.get(year_area) or [])
            if year_area
            else {y for ys in state.years.values() for y in ys}
        )
        years = sorted(with_data | ({f.year} if f.year else set()), reverse=True)
        no_data = translate("filter.year_no_data", lang)
        all_label = translate("filter.newest_year", lang)
        if year_area and state.year_for(year_area):
            all_label = translate("filter.newest_year_is", lang, year=state.year_for(year_area))
        options = [
            {"label": str(y) if y in with_data else f"{y} ({no_data})", "value": str(y)}
            for y in years
        ]
        value = str(f.year or "")
    else:
        raise ValueError(f"not a filter: {param}")
    return [{"label": all_label, "value": ALL_VALUE}, *options], value or ALL_VALUE


def filter_bar(state: ViewState, *, view: Route, year_area: DataArea | None = None) -> html.Section:
    """The bar: organisation (only when there are several), sektor, kerneområde, year."""
    lang = state.lang
    labels = {
        PARAM_ORGANISATION: "filter.organisation",
        PARAM_SECTOR: "filter.sector",
        PARAM_CORE_AREA: "filter.core_area",
        PARAM_YEAR: "filter.year",
    }
    params = [PARAM_SECTOR, PARAM_CORE_AREA, PARAM_YEAR]
    if len(state.organisations) > 1:
        params.insert(0, PARAM_ORGANISATION)
    items = [
        _select(
            param, view, translate(labels[param], lang), *select_choices(state, param, year_area)
        )
        for param in params
    ]
    return html.Section(
        [html.H2(translate("filter.heading", lang), className="visually-hidden"), *items],
        className="filter-bar",
        **{"aria-label": translate("filter.heading", lang)},
    )


# A user's choice becomes the URL. A select whose value already is the URL's (mounted anew, or
# set by the view's data callback after Back/Forward) writes nothing: one action, one entry.
CHOICE_TO_URL = """
    function(values, ids) {
        const noUpdate = window.dash_clientside.no_update;
        const dependents = DEPENDENTS_JSON;
        const ctx = window.dash_clientside.callback_context;
        const trig = ctx.triggered_id;
        if (!trig || !trig.param) { return noUpdate; }
        const params = new URLSearchParams(window.location.search);
        const i = ids.findIndex(function(id) { return id.param === trig.param; });
        if (i < 0) { return noUpdate; }
        let value = values[i];
        if (value === null || value === undefined || value === "" || value === ALL_VALUE) {
            value = null;
        }
        if (value === params.get(trig.param)) { return noUpdate; }
        if (value === null) { params.delete(trig.param); } else { params.set(trig.param, value); }
        (dependents[trig.param] || []).forEach(function(p) { params.delete(p); });
        const search = params.toString();
        return search ? "?" + search : "";
    }
    """.replace("DEPENDENTS_JSON", json.dumps(DEPENDENTS)).replace(
    "ALL_VALUE", json.dumps(ALL_VALUE)
)

# A click on a bar or cell sets the filter its card names (data-crossfilter); Back undoes it.
CLICK_TO_URL = """
    function(clicks, ids) {
        const noUpdate = window.dash_clientside.no_update;
        const ctx = window.dash_clientside.callback_context;
        const trig = ctx.triggered_id;
        if (!trig) { return noUpdate; }
        const i = ids.findIndex(function(id) {
            return id.name === trig.name && id.view === trig.view;
        });
        const click = clicks[i];
        if (!click || !click.points || !click.points.length) { return noUpdate; }
        const card = document.getElementById(trig.name);
        const param = card && card.getAttribute("data-crossfilter");
        let value = click.points[0].customdata;
        if (!param || value === undefined || value === null) { return noUpdate; }
        value = String(Array.isArray(value) ? value[0] : value);
        const params = new URLSearchParams(window.location.search);
        if (params.get(param) === value) { return noUpdate; }
        (DEPENDENTS_JSON[param] || []).forEach(function(p) { params.delete(p); });
        params.set(param, value);
        return "?" + params.toString();
    }
    """.replace("DEPENDENTS_JSON", json.dumps(DEPENDENTS))


def register(app: Dash) -> None:
    """The bar's clientside callbacks on `app` (components/view_router.register calls it)."""
    app.clientside_callback(
        CHOICE_TO_URL,
        Output(LOCATION, "search"),
        Input({"type": FilterIds.URL_PARAM, "view": ALL, "param": ALL}, "value"),
        State({"type": FilterIds.URL_PARAM, "view": ALL, "param": ALL}, "id"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        CLICK_TO_URL,
        Output(LOCATION, "search", allow_duplicate=True),
        Input({"type": ViewId.GRAPH, "view": ALL, "name": ALL}, "clickData"),
        State({"type": ViewId.GRAPH, "view": ALL, "name": ALL}, "id"),
        prevent_initial_call=True,
    )
