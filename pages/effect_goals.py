"""Effektmål: status matrix sektor × kerneområde, drill-down to a goal's indicators and its
theory of change.

Levels, all from the URL: no kerneområde → the matrix; a kerneområde → its goals; `goal=` → the
goal's indicators (trend against baseline and target) beside its theory of change.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from components.chart_card import Column, chart_card
from components.context import (
    PARAM_CORE_AREA,
    PARAM_GOAL,
    PARAM_SECTOR,
    ViewState,
    current_engine,
    view_state,
)
from components.filter_bar import filter_bar
from components.shell import shell
from dashboard import figures, queries, summaries, theme
from dashboard.i18n import format_number, translate
from dashboard.status import count_by_status, goal_statuses, rollup

PATH = "/effektmal"

dash.register_page(__name__, path=PATH, title="Effektmål", order=1)


def layout(**query_args: object) -> html.Div:
    state = view_state(query_args)
    lang = state.lang
    engine = current_engine()
    filters = state.filters_for("effect_goals")
    indicators = queries.indicator_status(engine, filters) if filters.organisation else None
    goal_code = query_args.get(PARAM_GOAL)
    goal_code = goal_code if isinstance(goal_code, str) else None
    children: list = [
        html.H1(translate("effect.title", lang), className="page-title"),
        _breadcrumb(state, indicators, goal_code),
    ]
    if indicators is None or indicators.empty:
        children.append(html.P(translate("empty.effect_goals", lang), className="empty-result"))
    elif goal_code and goal_code in set(indicators["goal_code"]):
        children.extend(_goal_view(state, engine, indicators, goal_code))
    elif state.filters.core_area:
        children.extend(_core_area_view(state, indicators))
    else:
        children.extend(_matrix_view(state, engine, indicators))
    return shell(
        state, path=PATH, children=children, filter_bar=filter_bar(state, year_area="effect_goals")
    )


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


def _breadcrumb(state: ViewState, indicators: pd.DataFrame | None, goal_code: str | None):
    lang = state.lang
    crumbs = [
        dcc.Link(
            translate("effect.all", lang),
            href=state.href(PATH, **{PARAM_SECTOR: None, PARAM_CORE_AREA: None}),
        )
    ]
    if state.filters.sector:
        name = next(s["name"] for s in state.sectors if s["code"] == state.filters.sector)
        crumbs.append(dcc.Link(name, href=state.href(PATH, **{PARAM_CORE_AREA: None})))
    if state.filters.core_area:
        name = next(c["name"] for c in state.core_areas if c["code"] == state.filters.core_area)
        crumbs.append(dcc.Link(name, href=state.href(PATH)))
    if goal_code and indicators is not None and goal_code in set(indicators["goal_code"]):
        crumbs.append(html.Span(goal_code))
    items = [html.Li(c, className="breadcrumb-item") for c in crumbs]
    items[-1] = html.Li(crumbs[-1], className="breadcrumb-item active", **{"aria-current": "page"})
    return html.Nav(
        html.Ol(items, className="breadcrumb"), **{"aria-label": translate("nav.breadcrumb", lang)}
    )


def _matrix_view(state: ViewState, engine, indicators: pd.DataFrame) -> list:
    lang = state.lang
    goals = goal_statuses(indicators)
    mapping = queries.core_area_sectors(engine, state.filters)
    sectors = mapping[["sector_code", "sector_name"]].drop_duplicates()
    core = goals.groupby(["core_area_code", "core_area_name"], sort=False).agg(
        status=("status", rollup), goals=("goal_code", "count")
    )
    core = core.reset_index().sort_values("core_area_name")
    linked = set(zip(mapping["sector_code"], mapping["core_area_code"], strict=True))
    header = html.Tr(
        [html.Th(translate("col.core_area", lang), scope="col")]
        + [html.Th(name, scope="col") for name in sectors["sector_name"]]
    )
    rows = []
    for area in core.itertuples():
        cells = [html.Th(area.core_area_name, scope="row")]
        for sector in sectors.itertuples():
            if (sector.sector_code, area.core_area_code) not in linked:
                cells.append(html.Td("", className="matrix-empty"))
                continue
            href = state.href(
                PATH, **{PARAM_SECTOR: sector.sector_code, PARAM_CORE_AREA: area.core_area_code}
            )
            goals_text = translate("effect.goal_count", lang, count=area.goals)
            cells.append(
                html.Td(
                    dcc.Link(
                        status_badge(str(area.status), lang, suffix=f" · {goals_text}"),
                        href=href,
                        className="matrix-link",
                    )
                )
            )
        rows.append(html.Tr(cells))
    matrix = html.Section(
        [
            html.H2(
                translate("effect.matrix_title", lang, year=state.year_for("effect_goals")),
                className="chart-title",
                id="matrix-heading",
            ),
            html.P(translate("effect.matrix_help", lang), className="chart-summary"),
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
    chart = chart_card(
        figures.status_counts_bar(indicators, lang=lang),
        chart_id="effect-indicator-status",
        title=translate("chart.indicator_status", lang, year=state.year_for("effect_goals")),
        summary=summaries.status_counts(count_by_status(indicators), lang=lang, what="indicators"),
        lang=lang,
        table=indicators,
        columns=_indicator_columns(lang),
        crossfilter_param=PARAM_CORE_AREA,
    )
    return [matrix, chart]


def _status_legend(lang: str) -> html.Details:
    return html.Details(
        [
            html.Summary(translate("effect.rule_title", lang)),
            html.Ul(
                [
                    html.Li([status_badge(s, lang), " ", translate(f"rule.{s}", lang)])
                    for s in ("met", "on_track", "at_risk", "off_track", "no_data")
                ]
            ),
        ],
        className="status-legend",
    )


def _core_area_view(state: ViewState, indicators: pd.DataFrame) -> list:
    lang = state.lang
    goals = goal_statuses(indicators)
    cards = []
    for goal in goals.itertuples():
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


def _goal_view(state: ViewState, engine, indicators: pd.DataFrame, goal_code: str) -> list:
    lang = state.lang
    filters = state.filters_for("effect_goals")
    mine = indicators[indicators["goal_code"] == goal_code]
    goal_status = rollup(mine["status"])
    series = queries.indicator_series(engine, filters, goal_code=goal_code)
    steps, links = queries.theory_of_change(engine, filters.organisation, goal_code)
    trend_cards = []
    for row in mine.itertuples():
        values = series[series["indicator_code"] == row.indicator_code]
        indicator = pd.Series(row._asdict())
        trend_cards.append(
            chart_card(
                figures.indicator_trend(values, indicator, lang=lang),
                chart_id=f"indicator-{row.indicator_code}",
                title=row.indicator_name,
                summary=_indicator_sentence(row, lang),
                lang=lang,
                table=values,
                columns=[
                    Column("period", translate("col.year", lang)),
                    Column(
                        "value",
                        translate("col.value", lang),
                        lambda v: format_number(v, lang, decimals=1),
                    ),
                    Column(
                        "comment",
                        translate("col.comment", lang),
                        lambda c: c if isinstance(c, str) else "",
                    ),
                ],
                extra=status_badge(row.status, lang),
            )
        )
    change = chart_card(
        figures.theory_of_change(steps, links, lang=lang),
        chart_id="theory-of-change",
        title=translate("effect.theory_of_change", lang),
        summary=translate("effect.theory_summary", lang, steps=len(steps), links=len(links)),
        lang=lang,
        empty=steps.empty,
        extra=_change_text(steps, links, lang),
    )
    goal_text = mine["goal_text"].iloc[0]
    return [
        html.Div(
            [html.H2(goal_text, className="goal-heading"), status_badge(goal_status, lang)],
            className="goal-header",
        ),
        html.Div(
            [
                html.Div(trend_cards, className="goal-indicators-col"),
                html.Div(change, className="goal-change-col"),
            ],
            className="goal-grid",
        ),
        _status_legend(lang),
    ]


def _indicator_sentence(row, lang: str) -> str:
    if row.latest_value is None or pd.isna(row.latest_value):
        return translate("effect.indicator_no_data", lang, name=row.indicator_name)
    return translate(
        "effect.indicator_sentence",
        lang,
        name=row.indicator_name,
        value=format_number(row.latest_value, lang, decimals=1),
        unit=row.unit_of_measure,
        year=int(row.latest_period),
        target=format_number(row.target_value, lang, decimals=1),
        target_year=row.target_year,
        baseline=format_number(row.baseline_value, lang, decimals=1),
        baseline_year=row.baseline_year,
        direction=translate(f"direction.{row.direction}", lang),
        status=translate(f"status.{row.status}", lang),
    )


def _change_text(steps: pd.DataFrame, links: pd.DataFrame, lang: str) -> html.Details:
    """The theory of change as text: each step and where it leads (the diagram's alternative)."""
    text_of = dict(zip(steps["code"], steps["text"], strict=True))
    items = []
    for step in steps.itertuples():
        outgoing = links[links["from_code"] == step.code]
        leads = [
            html.Li(
                translate("effect.leads_to", lang, target=text_of.get(link.to_code, ""))
                + (
                    f" ({translate('effect.assumption', lang)}: {link.assumption})"
                    if isinstance(link.assumption, str) and link.assumption
                    else ""
                )
            )
            for link in outgoing.itertuples()
        ]
        items.append(
            html.Li(
                [
                    html.Strong(translate(f"change.{step.kind}", lang) + ": "),
                    step.text,
                    html.Ul(leads) if leads else None,
                ]
            )
        )
    return html.Details(
        [html.Summary(translate("effect.theory_as_text", lang)), html.Ol(items)],
        className="chart-table",
    )


def _indicator_columns(lang: str) -> list[Column]:
    return [
        Column("core_area_name", translate("col.core_area", lang)),
        Column("goal_text", translate("col.goal", lang)),
        Column("indicator_name", translate("col.indicator", lang)),
        Column(
            "baseline_value",
            translate("col.baseline", lang),
            lambda v: format_number(v, lang, decimals=1),
        ),
        Column(
            "latest_value",
            translate("col.latest_value", lang),
            lambda v: format_number(None if pd.isna(v) else v, lang, decimals=1),
        ),
        Column(
            "target_value",
            translate("col.target", lang),
            lambda v: format_number(v, lang, decimals=1),
        ),
        Column("status", translate("col.status", lang), lambda s: translate(f"status.{s}", lang)),
    ]
