"""Oversikt: one KPI card and one chart per area, for the active filters."""

from __future__ import annotations

import datetime as dt

import dash
from dash import html

from components.chart_card import Column, chart_card
from components.context import (
    PARAM_CORE_AREA,
    PARAM_SECTOR,
    ViewState,
    current_engine,
    view_state,
)
from components.filter_bar import filter_bar
from components.kpi_card import kpi_card, status_line
from components.savings_kpi import savings_kpi_card
from components.shell import shell
from dashboard import figures, queries, summaries, theme
from dashboard.i18n import format_number, translate
from dashboard.status import count_by_status, goal_statuses

PATH = "/"

dash.register_page(__name__, path=PATH, title="Oversikt", order=0)


def layout(**query_args: object) -> html.Div:
    state = view_state(query_args)
    lang = state.lang
    children: list = [html.H1(translate("overview.title", lang), className="page-title")]
    if not state.filters.organisation:
        children.append(html.P(translate("empty.no_data", lang), className="empty-result"))
        return shell(state, path=PATH, children=children)
    engine = current_engine()
    children.append(
        html.Div(
            [
                _effect_goal_section(state, engine),
                _review_section(state, engine),
                _savings_section(state, engine),
            ],
            className="overview-grid",
        )
    )
    return shell(state, path=PATH, children=children, filter_bar=filter_bar(state))


def _effect_goal_section(state: ViewState, engine) -> html.Div:
    lang = state.lang
    filters = state.filters_for("effect_goals")
    indicators = queries.indicator_status(engine, filters)
    goals = goal_statuses(indicators)
    counts = count_by_status(goals)
    lines = [
        status_line(
            theme.STATUS_STYLE[s][1],
            translate(f"status.{s}", lang),
            format_number(counts[s], lang),
            status=s,
        )
        for s in ("met", "on_track", "at_risk", "off_track", "no_data")
        if counts[s] or s != "no_data"
    ]
    card = kpi_card(
        format_number(len(goals), lang),
        label=translate("kpi.goals", lang, year=filters.year or ""),
        href=state.href("/effektmal"),
        link_text=translate("kpi.goals_link", lang),
        breakdown=html.Ul(lines, className="status-lines"),
        tone="bad" if counts["off_track"] else "good",
    )
    figure = figures.status_counts_bar(indicators, lang=lang)
    chart = chart_card(
        figure,
        chart_id="overview-indicator-status",
        title=translate("chart.indicator_status", lang, year=filters.year or ""),
        summary=summaries.status_counts(count_by_status(indicators), lang=lang, what="indicators"),
        lang=lang,
        empty=indicators.empty,
        table=indicators,
        crossfilter_param=None if state.filters.core_area else PARAM_CORE_AREA,
        columns=[
            Column("core_area_name", translate("col.core_area", lang)),
            Column("indicator_name", translate("col.indicator", lang)),
            Column(
                "latest_value",
                translate("col.latest_value", lang),
                lambda v: format_number(v, lang, decimals=1),
            ),
            Column(
                "target_value",
                translate("col.target", lang),
                lambda v: format_number(v, lang, decimals=1),
            ),
            Column(
                "status", translate("col.status", lang), lambda s: translate(f"status.{s}", lang)
            ),
        ],
    )
    return html.Div([card, chart], className="overview-area")


def _review_section(state: ViewState, engine) -> html.Div:
    lang = state.lang
    filters = state.filters_for("service_review")
    completion = queries.review_completion(engine, filters, as_of=dt.date.today())
    by_outcome = completion.groupby("outcome")["tasks"].sum() if not completion.empty else {}
    not_started = int(completion.loc[completion["status"] == "not_started", "tasks"].sum())
    delivered = int(by_outcome.get("delivered_on_time", 0) + by_outcome.get("delivered_late", 0))
    late = int(by_outcome.get("late", 0))
    card = kpi_card(
        f"{format_number(delivered, lang)} / {format_number(int(completion['tasks'].sum()), lang)}",
        label=translate("kpi.review", lang, year=filters.year or ""),
        details=[
            translate("kpi.review_late", lang, count=format_number(late, lang)),
            translate("kpi.review_not_started", lang, count=format_number(not_started, lang)),
        ],
        href=state.href("/tjenestegjennomgang"),
        link_text=translate("kpi.review_link", lang),
        icon="✖" if late else "✔",
        tone="bad" if late else "good",
    )
    chart = chart_card(
        figures.review_completion_bar(completion, by="sector", lang=lang),
        chart_id="overview-review",
        title=translate("chart.review_by_sector", lang, year=filters.year or ""),
        summary=summaries.review_completion(completion, year=filters.year, lang=lang),
        lang=lang,
        empty=completion.empty,
        table=completion,
        columns=[
            Column("sector_name", translate("col.sector", lang)),
            Column("part", translate("col.part", lang), lambda p: translate(f"part.{p}", lang)),
            Column(
                "outcome", translate("col.outcome", lang), lambda o: translate(f"outcome.{o}", lang)
            ),
            Column("tasks", translate("col.tasks", lang), lambda v: format_number(v, lang)),
        ],
        crossfilter_param=None if state.filters.sector else PARAM_SECTOR,
    )
    return html.Div([card, chart], className="overview-area")


def _savings_section(state: ViewState, engine) -> html.Div:
    lang = state.lang
    filters = state.filters_for("savings")
    year = filters.year
    months = queries.savings_by_month(engine, filters) if year else None
    totals = queries.savings_totals(months, goal_hours=queries.savings_goal_hours(engine, filters))
    measured, estimated, goal = totals.measured_hours, totals.estimated_hours, totals.goal_hours
    card = savings_kpi_card(totals, year=year, lang=lang, href=state.href("/minuttjakt"))
    through = _through_month(year)
    chart = chart_card(
        figures.savings_cumulative(
            months, goal_hours=goal, year=year, lang=lang, through_month=through
        )
        if months is not None
        else None,
        chart_id="overview-savings",
        title=translate("chart.savings_cumulative", lang, year=year or ""),
        summary=summaries.savings_year(measured, estimated, goal=goal, year=year, lang=lang),
        lang=lang,
        empty=not (measured or estimated),
        table=months,
        columns=_month_columns(lang),
    )
    return html.Div([card, chart], className="overview-area")


def _through_month(year: int | None) -> int | None:
    today = dt.date.today()
    return today.month if year == today.year else None


def _month_columns(lang: str) -> list[Column]:
    return [
        Column("month", translate("col.month", lang), lambda m: translate(f"month.{m}", lang)),
        Column(
            "measured_hours", translate("basis.measured", lang), lambda v: format_number(v, lang)
        ),
        Column(
            "measured_cumulative",
            translate("col.measured_cumulative", lang),
            lambda v: format_number(v, lang),
        ),
        Column(
            "estimated_hours", translate("basis.estimated", lang), lambda v: format_number(v, lang)
        ),
    ]
