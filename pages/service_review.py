"""Tjenestens gjennomgang: who delivered what, what is late, what the budget inputs add up to."""

from __future__ import annotations

import datetime as dt

import dash
import dash_ag_grid as dag
from dash import html

from components.chart_card import Column, chart_card
from components.context import PARAM_SECTOR, current_engine, view_state
from components.filter_bar import filter_bar
from components.shell import shell
from dashboard import figures, queries, summaries
from dashboard.i18n import format_date, format_money, format_number, translate

PATH = "/tjenestegjennomgang"
OUTSTANDING_GRID_ID = "review-outstanding-grid"

dash.register_page(__name__, path=PATH, title="Tjenestens gjennomgang", order=2)


def layout(**query_args: object) -> html.Div:
    state = view_state(query_args)
    lang = state.lang
    filters = state.filters_for("service_review")
    year = filters.year
    children: list = [
        html.H1(translate("review.title", lang, year=year or ""), className="page-title"),
        html.P(translate("review.intro", lang), className="page-intro"),
    ]
    if not filters.organisation or not year:
        children.append(html.P(translate("empty.service_review", lang), className="empty-result"))
        return shell(state, path=PATH, children=children, filter_bar=filter_bar(state))
    engine = current_engine()
    today = dt.date.today()
    completion = queries.review_completion(engine, filters, as_of=today)
    deadlines = queries.review_deadlines(engine, filters)
    outstanding = queries.review_outstanding(engine, filters, as_of=today)
    budget = queries.review_budget_totals(engine, filters)
    completion_columns = [
        Column("sector_name", translate("col.sector", lang)),
        Column("part", translate("col.part", lang), lambda p: translate(f"part.{p}", lang)),
        Column(
            "status", translate("col.status", lang), lambda s: translate(f"review_status.{s}", lang)
        ),
        Column(
            "outcome", translate("col.outcome", lang), lambda o: translate(f"outcome.{o}", lang)
        ),
        Column("tasks", translate("col.tasks", lang), lambda v: format_number(v, lang)),
    ]
    summary = summaries.review_completion(completion, year=year, lang=lang)
    children += [
        html.Div(
            [
                chart_card(
                    figures.review_completion_bar(completion, by="sector", lang=lang),
                    chart_id="review-by-sector",
                    title=translate("chart.review_by_sector", lang, year=year),
                    summary=summary,
                    lang=lang,
                    empty=completion.empty,
                    table=completion,
                    columns=completion_columns,
                    crossfilter_param=None if state.filters.sector else PARAM_SECTOR,
                ),
                chart_card(
                    figures.review_completion_bar(completion, by="part", lang=lang),
                    chart_id="review-by-part",
                    title=translate("chart.review_by_part", lang, year=year),
                    summary=summary,
                    lang=lang,
                    empty=completion.empty,
                    table=completion,
                    columns=completion_columns,
                ),
            ],
            className="chart-grid",
        ),
        chart_card(
            figures.review_timeline(deadlines, year=year, lang=lang),
            chart_id="review-timeline",
            title=translate("chart.review_timeline", lang, year=year),
            summary=translate(
                "review.timeline_summary",
                lang,
                deadlines=", ".join(
                    f"{translate(f'part.{row.part}', lang)} {format_date(row.deadline, lang)}"
                    for row in deadlines.itertuples()
                ),
            )
            if not deadlines.empty
            else translate("empty.service_review", lang),
            lang=lang,
            empty=deadlines.empty,
            table=deadlines,
            columns=[
                Column("part", translate("col.part", lang), lambda p: translate(f"part.{p}", lang)),
                Column("deadline", translate("col.deadline", lang), lambda d: format_date(d, lang)),
                Column("tasks", translate("col.tasks", lang), lambda v: format_number(v, lang)),
                Column(
                    "delivered_by_deadline",
                    translate("col.delivered_by_deadline", lang),
                    lambda v: format_number(v, lang),
                ),
            ],
        ),
        _outstanding_section(outstanding, lang),
        chart_card(
            figures.review_budget_bar(budget, lang=lang),
            chart_id="review-budget",
            title=translate("chart.review_budget", lang, year=year),
            summary=summaries.review_budget(budget, lang=lang),
            lang=lang,
            empty=budget.empty,
            table=budget,
            columns=[
                Column("sector_name", translate("col.sector", lang)),
                Column("part", translate("col.part", lang), lambda p: translate(f"part.{p}", lang)),
                Column(
                    "amount_nok", translate("col.amount", lang), lambda v: format_money(v, lang)
                ),
                Column("inputs", translate("col.inputs", lang), lambda v: format_number(v, lang)),
            ],
        ),
    ]
    return shell(
        state,
        path=PATH,
        children=children,
        filter_bar=filter_bar(state, year_area="service_review"),
    )


def _outstanding_section(outstanding, lang: str) -> html.Section:
    """The sortable list of late and not-started parts (dash-ag-grid; sorts by keyboard too)."""
    heading = translate("review.outstanding_title", lang)
    if outstanding.empty:
        body = html.P(translate("review.nothing_outstanding", lang), className="empty-result")
    else:
        rows = [
            {
                "unit": row.unit_name,
                "sector": row.sector_name,
                "part": translate(f"part.{row.part}", lang),
                "status": ("✖ " if row.days_late else "○ ")
                + translate(f"review_status.{row.status}", lang),
                "deadline": row.deadline.isoformat(),
                "deadline_text": format_date(row.deadline, lang),
                "days_late": int(row.days_late),
            }
            for row in outstanding.itertuples()
        ]
        body = dag.AgGrid(
            id=OUTSTANDING_GRID_ID,
            rowData=rows,
            columnDefs=[
                {"field": "unit", "headerName": translate("col.unit", lang)},
                {"field": "sector", "headerName": translate("col.sector", lang)},
                {"field": "part", "headerName": translate("col.part", lang)},
                {"field": "status", "headerName": translate("col.status", lang)},
                {
                    "field": "deadline",
                    "headerName": translate("col.deadline", lang),
                    "valueFormatter": {"function": "params.data.deadline_text"},
                },
                {
                    "field": "days_late",
                    "headerName": translate("col.days_late", lang),
                    "sort": "desc",
                    "type": "numericColumn",
                },
            ],
            defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1},
            dashGridOptions={
                "domLayout": "autoHeight",
                "pagination": len(rows) > 25,
                "paginationPageSize": 25,
                "ensureDomOrder": True,
            },
            className="ag-theme-alpine",
            style={"width": "100%"},
        )
    return html.Section(
        [
            html.H2(heading, className="chart-title", id="review-outstanding-heading"),
            html.P(
                translate(
                    "review.outstanding_summary",
                    lang,
                    count=format_number(len(outstanding), lang),
                    late=format_number(
                        int((outstanding["days_late"] > 0).sum()) if not outstanding.empty else 0,
                        lang,
                    ),
                ),
                className="chart-summary",
            ),
            body,
        ],
        className="chart-card",
        id="review-outstanding",
        **{"aria-labelledby": "review-outstanding-heading"},
    )
