"""Minuttjakt: hours saved by robotising, simplifying and removing work processes.

Measured hours (counted robot runs) and estimated hours are always shown apart, in separate
traces, columns and sentences, and never added together.
"""

from __future__ import annotations

import dash
from dash import html

from components.chart_grid import chart_grid
from components.context import current_frames, page_state
from components.filter_bar import filter_bar
from components.presentation import presentation
from components.savings_kpi import savings_kpi_card
from components.shell import shell
from components.view_router import block, in_place_callback
from dashboard.charts import Frames
from dashboard.i18n import translate
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import ViewState

PATH = Route.SAVINGS

dash.register_page(__name__, path=PATH, title="Minuttjakt", order=3)


def layout(**query_args: object) -> html.Div:
    state = page_state(query_args)
    if state.present:
        return presentation(current_frames(state), path=PATH)
    lang = state.lang
    year = state.year_for(DataArea.SAVINGS)
    children: list = [
        block(PATH, "heading", _heading(state)),
        html.P(translate("savings.intro", lang), className="page-intro"),
    ]
    bar = filter_bar(state, view=PATH, year_area=DataArea.SAVINGS)
    if not state.filters.organisation or not year:
        children.append(html.P(translate("empty.savings", lang), className="empty-result"))
        return shell(state, path=PATH, children=children, filter_bar=bar)
    frames = current_frames(state)
    kpi = block(PATH, "kpi", _kpi(frames))
    children += chart_grid(frames, Route.SAVINGS, lead=kpi)
    return shell(state, path=PATH, children=children, filter_bar=bar)


def _heading(state: ViewState) -> html.H1:
    year = state.year_for(DataArea.SAVINGS)
    return html.H1(translate("savings.title", state.lang, year=year or ""), className="page-title")


def _kpi(frames: Frames) -> html.Section:
    year = frames.state.year_for(DataArea.SAVINGS)
    return savings_kpi_card(frames.savings_totals, year=year, lang=frames.lang)


def _blocks(frames: Frames) -> dict:
    return {"heading": _heading(frames.state), "kpi": _kpi(frames)}


in_place_callback(PATH, blocks=_blocks, year_area=DataArea.SAVINGS)
