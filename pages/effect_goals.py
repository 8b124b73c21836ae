"""Effektmål: status matrix sektor × kerneområde, drill-down to a goal's indicators and its
theory of change.

Levels, all from the URL: no kerneområde → the matrix; a kerneområde → its goals; `goal=` → the
goal's indicators (trend against baseline and target) beside its theory of change.
"""

from __future__ import annotations

from typing import NamedTuple

import dash
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from components.chart_card import chart_card
from components.chart_grid import chart_grid
from components.view_page import ViewPage, view_layout
from components.view_router import block, in_place_callback
from dashboard import charts, queries, theme
from dashboard.i18n import hyphenate, translate, translate_count
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.status import goal_statuses, rollup
from dashboard.view_state import PARAM_CORE_AREA, PARAM_GOAL, PARAM_SECTOR, ViewState

PATH = Route.EFFECT_GOALS
STATUSES = ("met", "on_track", "at_risk", "off_track", "no_data")

dash.register_page(__name__, path=PATH, title="Effektmål", order=1)


def layout(**query_args: object) -> Component:
    return view_layout(PAGE, query_args)


def _body(frames: charts.Frames) -> list:
    """The level the URL asks for: a goal, a core area's goals, or the sektor matrix."""
    state = frames.state
    indicators = frames.indicator_status
    goal = (
        state.goal if not indicators.empty and state.goal in set(indicators["goal_code"]) else None
    )
    children: list = [block(PATH, "breadcrumb", _breadcrumb(state, indicators, goal))]
    if goal:
        children.extend(_goal_view(frames, goal))
    elif state.filters.core_area and not indicators.empty:
        children.extend(_core_area_view(state, indicators))
    else:
        # The matrix level: its filters (sektor, year) are redrawn in place (_blocks).
        children.append(block(PATH, "matrix", _matrix(frames, indicators)))
        children.extend(chart_grid(frames, Route.EFFECT_GOALS))
    return children


def _indicators(frames: charts.Frames) -> pd.DataFrame:
    return frames.indicator_status if frames.state.filters.organisation else pd.DataFrame()


def _matrix(frames: charts.Frames, indicators: pd.DataFrame) -> html.Section | html.P:
    if indicators.empty:
        return html.P(translate("empty.effect_goals", frames.lang), className="empty-result")
    return _matrix_view(frames)


def _blocks(frames: charts.Frames) -> dict:
    """The matrix level's parts besides its charts, for an in-place filter change."""
    indicators = _indicators(frames)
    return {
        "breadcrumb": _breadcrumb(frames.state, indicators, None),
        "matrix": _matrix(frames, indicators),
    }


def status_badge(status: str, lang: str, *, suffix: str = "") -> html.Span:
    """Icon + word (+ optional count), coloured: never colour alone."""
    icon = theme.STATUS_STYLE[status][1]
    return html.Span(
        [
            html.Span(icon, className="status-icon", **{"aria-hidden": "true"}),
            f" {translate(f'status.{status}', lang)}{suffix}",
        ],
        className=f"status-badge status-{status}",
    )


def _breadcrumb(state: ViewState, indicators: pd.DataFrame, goal: str | None) -> html.Nav:
    lang = state.lang
    crumbs: list = [
        dcc.Link(
            translate("effect.all", lang),
            href=state.href(PATH, **{PARAM_SECTOR: None, PARAM_CORE_AREA: None, PARAM_GOAL: None}),
        )
    ]
    if state.filters.sector:
        name = next(s["name"] for s in state.sectors if s["code"] == state.filters.sector)
        crumbs.append(
            dcc.Link(name, href=state.href(PATH, **{PARAM_CORE_AREA: None, PARAM_GOAL: None}))
        )
    if state.filters.core_area:
        name = next(c["name"] for c in state.core_areas if c["code"] == state.filters.core_area)
        crumbs.append(dcc.Link(name, href=state.href(PATH, **{PARAM_GOAL: None})))
    if goal:
        crumbs.append(
            html.Span(indicators.loc[indicators["goal_code"] == goal, "goal_text"].iloc[0])
        )
    items = [html.Li(c, className="breadcrumb-item") for c in crumbs[:-1]]
    items.append(
        html.Li(crumbs[-1], className="breadcrumb-item active", **{"aria-current": "page"})
    )
    return html.Nav(
        html.Ol(items, className="breadcrumb"), **{"aria-label": translate("nav.breadcrumb", lang)}
    )


class _AreaRow(NamedTuple):
    core_area_code: str
    core_area_name: str
    status: str
    goals: int


def _matrix_view(frames: charts.Frames) -> html.Section:
    state, lang = frames.state, frames.lang
    goals = goal_statuses(frames.indicator_status)
    mapping = _core_area_sectors(state, frames)
    sectors = list(dict.fromkeys((code, name) for code, name, _ in mapping))
    # Per core area (by name): its goals' least favourable status and how many goals it has.
    by_area: dict[tuple[str, str], list[str]] = {}
    for code, name, status in zip(
        goals["core_area_code"], goals["core_area_name"], goals["status"], strict=True
    ):
        by_area.setdefault((code, name), []).append(status)
    core = [
        _AreaRow(code, name, rollup(found), len(found))
        for (code, name), found in sorted(by_area.items(), key=lambda item: item[0][1])
    ]
    linked = {(sector, core_area) for sector, _, core_area in mapping}
    header = html.Tr(
        [html.Th(translate("col.core_area", lang), scope="col")]
        + [html.Th(name, scope="col") for _, name in sectors]
    )
    rows = []
    shown = 0  # goals counted over the cells: a cross-cutting goal counts once per sector
    for area in core:
        cells = [html.Th(area.core_area_name, scope="row")]
        for sector_code, _ in sectors:
            if (sector_code, area.core_area_code) not in linked:
                cells.append(html.Td("", className="matrix-empty"))
                continue
            href = state.href(
                PATH, **{PARAM_SECTOR: sector_code, PARAM_CORE_AREA: area.core_area_code}
            )
            goals_text = translate_count("count.goals", area.goals, lang)
            shown += int(area.goals)
            badge = status_badge(str(area.status), lang, suffix=f" · {goals_text}")
            cells.append(html.Td(dcc.Link(badge, href=href, className="matrix-link")))
        rows.append(html.Tr(cells))
    year = state.year_for(DataArea.EFFECT_GOALS)
    return html.Section(
        [
            html.H2(
                hyphenate(translate("effect.matrix_title", lang, year=year), lang),
                className="chart-title",
                id="matrix-heading",
            ),
            html.P(translate("effect.matrix_help", lang), className="chart-summary"),
            html.P(_matrix_total(len(goals), shown, lang), className="matrix-total"),
            html.Div(
                html.Table([html.Thead(header), html.Tbody(rows)], className="table status-matrix"),
                className="table-wrap",
            ),
            _status_legend(lang),
        ],
        className="chart-card",
        id="effect-matrix",
        **{"aria-labelledby": "matrix-heading"},
    )


def _core_area_sectors(state: ViewState, frames: charts.Frames) -> list[tuple[str, str, str]]:
    """(sector_code, sector_name, core_area_code): from the view state's filter options, read
    for this request already."""
    f = state.filters
    if state.options is not None:
        return state.options.core_area_sectors(f.sector, f.core_area)
    mapping = queries.core_area_sectors(frames.engine, f)
    return list(
        zip(mapping["sector_code"], mapping["sector_name"], mapping["core_area_code"], strict=True)
    )


def _matrix_total(goals: int, shown: int, lang: str) -> str:
    """How many goals there are, and (when cross-cutting core areas repeat theirs in each of
    their sectors) what the cells add up to instead: the reader's sum must not surprise."""
    total = translate_count("count.goals", goals, lang)
    if shown == goals:
        return translate("effect.matrix_total", lang, goals=total)
    return translate(
        "effect.matrix_total_repeated",
        lang,
        goals=total,
        cells=translate_count("count.goals", shown, lang),
    )


def _status_legend(lang: str) -> html.Details:
    return html.Details(
        [
            html.Summary(translate("effect.rule_title", lang)),
            html.Ul(
                [
                    html.Li([status_badge(s, lang), " ", translate(f"rule.{s}", lang)])
                    for s in STATUSES
                ]
            ),
        ],
        className="status-legend",
    )


def _core_area_view(state: ViewState, indicators: pd.DataFrame) -> list:
    lang = state.lang
    cards = []
    for goal in goal_statuses(indicators).itertuples():
        mine = indicators[indicators["goal_code"] == goal.goal_code]
        cards.append(
            html.Li(
                [
                    html.H2(
                        dcc.Link(
                            goal.goal_text, href=state.href(PATH, **{PARAM_GOAL: goal.goal_code})
                        ),
                        className="goal-title",
                    ),
                    status_badge(str(goal.status), lang),
                    html.Ul(
                        [
                            html.Li([status_badge(row.status, lang), " ", row.indicator_name])
                            for row in mine.itertuples()
                        ],
                        className="goal-indicators",
                    ),
                ],
                className="goal-card",
            )
        )
    return [
        html.P(translate("effect.goals_help", lang)),
        html.Ul(cards, className="goal-list"),
        _status_legend(lang),
    ]


def _goal_assessment(frames: charts.Frames, goal: str) -> html.P | None:
    text = frames.goal_assessment(goal)
    return html.P(text, className="goal-assessment") if text else None


def _goal_view(frames: charts.Frames, goal: str) -> list:
    lang, indicators = frames.lang, frames.indicator_status
    mine = indicators[indicators["goal_code"] == goal]
    trend_cards = []
    for row in mine.itertuples():
        chart = charts.build(f"{charts.INDICATOR_PREFIX}{row.indicator_code}", frames)
        trend_cards.append(
            chart_card(chart, state=frames.state, view=PATH, extra=status_badge(row.status, lang))
        )
        # Fed from official statistics: where the municipality stands among its peers.
        peers = charts.build(f"{charts.PEERS_PREFIX}{row.indicator_code}", frames)
        if peers is not None:
            trend_cards.append(chart_card(peers, state=frames.state, view=PATH))
    change = charts.build(charts.THEORY_OF_CHANGE_ID, frames)
    return [
        html.Div(
            [
                html.H2(hyphenate(mine["goal_text"].iloc[0], lang), className="goal-heading"),
                status_badge(rollup(mine["status"]), lang),
            ],
            className="goal-header",
        ),
        _goal_assessment(frames, goal),
        html.Div(
            [
                html.Div(trend_cards, className="goal-indicators-col"),
                html.Div(
                    chart_card(
                        change,
                        state=frames.state,
                        view=PATH,
                        extra=_change_text(change, lang),
                        show_table=False,
                    ),
                    className="goal-change-col",
                ),
            ],
            className="goal-grid",
        ),
        _status_legend(lang),
    ]


def _change_text(change: charts.ChartData, lang: str) -> html.Details:
    """The theory of change as text: each step and where it leads (the diagram's alternative)."""
    items = []
    table = change.table if change.table is not None else pd.DataFrame()
    for (kind, text), group in table.groupby(["kind", "text"], sort=False):
        leads = [
            html.Li(
                translate("effect.leads_to", lang, target=row.leads_to)
                + (
                    f" ({translate('effect.assumption', lang)}: {row.assumption})"
                    if row.assumption
                    else ""
                )
            )
            for row in group.itertuples()
            if row.leads_to
        ]
        items.append(
            html.Li(
                [
                    html.Strong(translate(f"change.{kind}", lang) + ": "),
                    text,
                    html.Ul(leads) if leads else None,
                ]
            )
        )
    return html.Details(
        [html.Summary(translate("effect.theory_as_text", lang)), html.Ol(items)],
        className="chart-table change-text",
    )


in_place_callback(PATH, blocks=_blocks, year_area=DataArea.EFFECT_GOALS)


PAGE = ViewPage(
    path=PATH,
    heading=lambda state: html.H1(
        hyphenate(translate("effect.title", state.lang), state.lang), className="page-title"
    ),
    body=_body,
    empty_key="empty.effect_goals",
    area=DataArea.EFFECT_GOALS,
    needs_year=False,  # the matrix says itself when a year has no values
)
