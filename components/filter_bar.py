"""The filter bar shared by all views. Its state lives in the URL query string only.

A change rewrites `?sektor=…&kerneomrade=…&year=…` in the browser (a clientside callback, no
server trip); Dash's page router then renders the view for the new URL in one round trip, and
back/forward and copied links reopen the same state.
"""

from __future__ import annotations

import json
from enum import StrEnum

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, clientside_callback, html

from dashboard.i18n import translate
from dashboard.view_state import (
    PARAM_CORE_AREA,
    PARAM_GOAL,
    PARAM_ORGANISATION,
    PARAM_SECTOR,
    PARAM_YEAR,
    ViewState,
)

PAGES_LOCATION = "_pages_location"  # dash.page_container's Location


class FilterIds(StrEnum):
    """Pattern-matching id types owned by the filter bar."""

    URL_PARAM = "url-param"  # a control whose value is one query parameter
    CROSSFILTER = "crossfilter"  # a chart whose click sets one query parameter


# The value of an "all" choice; it never reaches the URL (the parameter is removed instead).
ALL_VALUE = "all"


def url_param_id(param: str) -> dict[str, str]:
    return {"type": FilterIds.URL_PARAM, "param": param}


def dom_id(component_id: dict[str, str]) -> str:
    """The DOM id Dash gives a pattern-matching id (sorted keys, compact JSON), for <label for>."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def crossfilter_id(param: str, chart: str) -> dict[str, str]:
    return {"type": FilterIds.CROSSFILTER, "param": param, "chart": chart}


# Parameters that depend on another: choosing a new sektor drops a kerneområde and a goal.
DEPENDENTS = {
    PARAM_SECTOR: [PARAM_CORE_AREA, PARAM_GOAL],
    PARAM_CORE_AREA: [PARAM_GOAL],
    PARAM_ORGANISATION: [PARAM_SECTOR, PARAM_CORE_AREA, PARAM_GOAL],
}


def _select(param: str, label: str, options: list[dict], value: str | None, all_label: str):
    control_id = url_param_id(param)
    return html.Div(
        [
            dbc.Label(label, html_for=dom_id(control_id), className="filter-label"),
            dbc.Select(
                id=control_id,
                options=[{"label": all_label, "value": ALL_VALUE}, *options],
                value=value or ALL_VALUE,
                className="filter-select",
            ),
        ],
        className="filter-item",
    )


def filter_bar(state: ViewState, *, year_area: str | None = None) -> html.Section:
    """The bar: organisation (only when there are several), sektor, kerneområde, year."""
    lang = state.lang
    f = state.filters
    items = []
    if len(state.organisations) > 1:
        items.append(
            _select(
                PARAM_ORGANISATION,
                translate("filter.organisation", lang),
                [{"label": o["name"], "value": o["code"]} for o in state.organisations],
                f.organisation,
                translate("filter.organisation_first", lang),
            )
        )
    items.append(
        _select(
            PARAM_SECTOR,
            translate("filter.sector", lang),
            [{"label": s["name"], "value": s["code"]} for s in state.sectors],
            f.sector,
            translate("filter.all_sectors", lang),
        )
    )
    cross = translate("filter.cross_cutting", lang)
    items.append(
        _select(
            PARAM_CORE_AREA,
            translate("filter.core_area", lang),
            [
                {
                    "label": c["name"] + (f" ({cross})" if c["is_cross_cutting"] else ""),
                    "value": c["code"],
                }
                for c in state.core_areas
            ],
            f.core_area,
            translate("filter.all_core_areas", lang),
        )
    )
    # The years with data for the view's area (all areas on the overview), so a choice is never
    # an empty view; a year asked for by a link but without data stays, and says so.
    with_data = (
        set(state.years.get(year_area) or [])
        if year_area
        else {y for ys in state.years.values() for y in ys}
    )
    years = sorted(with_data | ({f.year} if f.year else set()), reverse=True)
    no_data = translate("filter.year_no_data", lang)
    newest = translate("filter.newest_year", lang)
    if year_area and state.year_for(year_area):
        newest = translate("filter.newest_year_is", lang, year=state.year_for(year_area))
    items.append(
        _select(
            PARAM_YEAR,
            translate("filter.year", lang),
            [
                {"label": str(y) if y in with_data else f"{y} ({no_data})", "value": str(y)}
                for y in years
            ],
            str(f.year or ""),
            newest,
        )
    )
    return html.Section(
        [html.H2(translate("filter.heading", lang), className="visually-hidden"), *items],
        className="filter-bar",
        **{"aria-label": translate("filter.heading", lang)},
    )


clientside_callback(
    """
    function(values, ids) {
        const dependents = DEPENDENTS_JSON;
        const ctx = window.dash_clientside.callback_context;
        const params = new URLSearchParams(window.location.search);
        const changed = ctx.triggered_id ? ctx.triggered_id.param : null;
        ids.forEach(function(id, i) {
            const value = values[i];
            if (value === null || value === undefined || value === "" || value === ALL_VALUE) {
                params.delete(id.param);
            } else {
                params.set(id.param, value);
            }
        });
        if (changed && dependents[changed]) {
            dependents[changed].forEach(function(p) { params.delete(p); });
        }
        const search = params.toString();
        return search ? "?" + search : "";
    }
    """.replace("DEPENDENTS_JSON", json.dumps(DEPENDENTS)).replace(
        "ALL_VALUE", json.dumps(ALL_VALUE)
    ),
    Output(PAGES_LOCATION, "search"),
    Input(url_param_id(ALL), "value"),
    State(url_param_id(ALL), "id"),
    prevent_initial_call=True,
)

# A click on a bar or cell sets that filter; the browser's back button (or the chip's ✕) undoes it.
clientside_callback(
    """
    function(clicks, ids) {
        const ctx = window.dash_clientside.callback_context;
        const trig = ctx.triggered_id;
        if (!trig) { return window.dash_clientside.no_update; }
        const i = ids.findIndex(function(id) { return id.chart === trig.chart; });
        const click = clicks[i];
        if (!click || !click.points || !click.points.length) {
            return window.dash_clientside.no_update;
        }
        const value = click.points[0].customdata;
        if (value === undefined || value === null) { return window.dash_clientside.no_update; }
        const params = new URLSearchParams(window.location.search);
        (DEPENDENTS_JSON[trig.param] || []).forEach(function(p) { params.delete(p); });
        params.set(trig.param, Array.isArray(value) ? value[0] : value);
        return "?" + params.toString();
    }
    """.replace("DEPENDENTS_JSON", json.dumps(DEPENDENTS)),
    Output(PAGES_LOCATION, "search", allow_duplicate=True),
    Input(crossfilter_id(ALL, ALL), "clickData"),
    State(crossfilter_id(ALL, ALL), "id"),
    prevent_initial_call=True,
)
