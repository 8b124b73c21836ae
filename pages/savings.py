"""Minuttjakt: hours saved by robotising, simplifying and removing work processes.

Measured hours (counted robot runs) and estimated hours are always shown apart, in separate
traces, columns and sentences, and never added together.
"""

from __future__ import annotations

import datetime as dt

import dash
from dash import html

from components.chart_card import Column, chart_card
from components.context import PARAM_SECTOR, current_engine, view_state
from components.filter_bar import filter_bar
from components.savings_kpi import savings_kpi_card
from components.shell import shell
from dashboard import figures, queries, summaries
from dashboard.i18n import format_number, translate

PATH = "/minuttjakt"
TOP_PROCESSES = 15

dash.register_page(__name__, path=PATH, title="Minuttjakt", order=3)


def layout(**query_args: object) -> html.Div:
    state = view_state(query_args)
    lang = state.lang
    filters = state.filters_for("savings")
    year = filters.year
    children: list = [
        html.H1(translate("savings.title", lang, year=year or ""), className="page-title"),
        html.P(translate("savings.intro", lang), className="page-intro"),
    ]
    if not filters.organisation or not year:
        children.append(html.P(translate("empty.savings", lang), className="empty-result"))
        return shell(state, path=PATH, children=children, filter_bar=filter_bar(state))
    engine = current_engine()
    months = queries.savings_by_month(engine, filters)
    totals = queries.savings_totals(months, goal_hours=queries.savings_goal_hours(engine, filters))
    by_sector = queries.savings_by_sector(engine, filters)
    by_process = queries.savings_by_process(engine, filters)
    pipeline = queries.process_pipeline(engine, filters)
    hours_columns = [
        Column(
            "measured_hours", translate("basis.measured", lang), lambda v: format_number(v, lang)
        ),
        Column(
            "estimated_hours", translate("basis.estimated", lang), lambda v: format_number(v, lang)
        ),
    ]
    today = dt.date.today()
    through = today.month if year == today.year else None
    empty_year = not (totals.measured_hours or totals.estimated_hours)
    children += [
        html.Div(
            [
                savings_kpi_card(totals, year=year, lang=lang),
                chart_card(
                    figures.savings_cumulative(
                        months,
                        goal_hours=totals.goal_hours,
                        year=year,
                        lang=lang,
                        through_month=through,
                    ),
                    chart_id="savings-cumulative",
                    title=translate("chart.savings_cumulative", lang, year=year),
                    summary=summaries.savings_year(
                        totals.measured_hours,
                        totals.estimated_hours,
                        goal=totals.goal_hours,
                        year=year,
                        lang=lang,
                    ),
                    lang=lang,
                    empty=empty_year,
                    table=months,
                    columns=[
                        Column(
                            "month",
                            translate("col.month", lang),
                            lambda m: translate(f"month.{m}", lang),
                        ),
                        *hours_columns,
                    ],
                ),
            ],
            className="overview-area",
        ),
        html.Div(
            [
                chart_card(
                    figures.savings_hours_bar(
                        by_sector, label_column="sector_name", code_column="sector_code", lang=lang
                    ),
                    chart_id="savings-by-sector",
                    title=translate("chart.savings_by_sector", lang, year=year),
                    summary=summaries.hours_ranking(
                        by_sector, label_column="sector_name", lang=lang
                    ),
                    lang=lang,
                    empty=by_sector.empty,
                    table=by_sector,
                    columns=[Column("sector_name", translate("col.sector", lang)), *hours_columns],
                    crossfilter_param=None if state.filters.sector else PARAM_SECTOR,
                ),
                chart_card(
                    figures.process_pipeline(pipeline, lang=lang),
                    chart_id="savings-pipeline",
                    title=translate("chart.savings_pipeline", lang),
                    summary=summaries.pipeline(pipeline, lang=lang),
                    lang=lang,
                    empty=pipeline.empty,
                    table=pipeline,
                    columns=[
                        Column(
                            "stage",
                            translate("col.stage", lang),
                            lambda s: translate(f"stage.{s}", lang),
                        ),
                        Column(
                            "kind",
                            translate("col.kind", lang),
                            lambda k: translate(f"kind.{k}", lang),
                        ),
                        Column(
                            "processes",
                            translate("col.processes", lang),
                            lambda v: format_number(v, lang),
                        ),
                    ],
                ),
            ],
            className="chart-grid",
        ),
        chart_card(
            figures.savings_hours_bar(
                by_process, label_column="process_name", lang=lang, limit=TOP_PROCESSES
            ),
            chart_id="savings-by-process",
            title=translate("chart.savings_by_process", lang, year=year, limit=TOP_PROCESSES),
            summary=summaries.hours_ranking(by_process, label_column="process_name", lang=lang),
            lang=lang,
            empty=by_process.empty,
            table=by_process,
            columns=[
                Column("process_name", translate("col.process", lang)),
                Column("sector_name", translate("col.sector", lang)),
                Column("kind", translate("col.kind", lang), lambda k: translate(f"kind.{k}", lang)),
                Column(
                    "stage", translate("col.stage", lang), lambda s: translate(f"stage.{s}", lang)
                ),
                *hours_columns,
                Column("runs", translate("col.runs", lang), lambda v: format_number(v, lang)),
            ],
        ),
    ]
    return shell(
        state, path=PATH, children=children, filter_bar=filter_bar(state, year_area="savings")
    )
