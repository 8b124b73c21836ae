"""Minuttjakt: hours saved by robotising, simplifying and removing work processes.

Measured hours (counted robot runs) and estimated hours are always shown apart, in separate
traces, columns and sentences, and never added together.
"""

from __future__ import annotations

import dash
from dash import html
from dash.development.base_component import Component

from components.chart_grid import chart_grid
from components.savings_kpi import savings_kpi_card
from components.view_page import ViewPage, view_layout
from components.view_router import block, in_place_callback
from dashboard.charts import Frames
from dashboard.i18n import hyphenate, translate
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import ViewState

PATH = Route.SAVINGS

dash.register_page(__name__, path=PATH, title="Minuttjakt", order=3)


def layout(**query_args: object) -> Component:
    return view_layout(PAGE, query_args)


def _body(frames: Frames) -> list:
    return chart_grid(frames, Route.SAVINGS, lead=block(PATH, "kpi", _kpi(frames)))


def _heading(state: ViewState) -> html.H1:
    year = state.year_for(DataArea.SAVINGS)
    title = translate("savings.title", state.lang, year=year or "")
    return html.H1(hyphenate(title, state.lang), className="page-title")


def _kpi(frames: Frames) -> html.Section:
    year = frames.state.year_for(DataArea.SAVINGS)
    return savings_kpi_card(frames.savings_totals, year=year, lang=frames.lang)


def _blocks(frames: Frames) -> dict:
    return {"heading": _heading(frames.state), "kpi": _kpi(frames)}


in_place_callback(PATH, blocks=_blocks, year_area=DataArea.SAVINGS)


PAGE = ViewPage(
    path=PATH,
    heading=lambda state: block(PATH, "heading", _heading(state)),
    body=_body,
    empty_key="empty.savings",
    area=DataArea.SAVINGS,
    intro_key="savings.intro",
)
