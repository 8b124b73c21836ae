"""Tjenestens gjennomgang: who delivered what, what is late, what the budget inputs add up to."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import html

from components.chart_grid import chart_grid
from components.context import current_frames, page_state
from components.filter_bar import filter_bar
from components.presentation import presentation
from components.shell import shell
from dashboard.i18n import format_date, format_number, translate, translate_count
from dashboard.models import DataArea
from dashboard.routes import Route

PATH = Route.SERVICE_REVIEW
OUTSTANDING_GRID_ID = "review-outstanding-grid"

dash.register_page(__name__, path=PATH, title="Tjenestens gjennomgang", order=2)


def layout(**query_args: object) -> html.Div:
    state = page_state(query_args)
    if state.present:
        return presentation(current_frames(state), path=PATH)
    lang = state.lang
    year = state.year_for(DataArea.SERVICE_REVIEW)
    children: list = [
        html.H1(translate("review.title", lang, year=year or ""), className="page-title"),
        html.P(translate("review.intro", lang), className="page-intro"),
    ]
    bar = filter_bar(state, year_area=DataArea.SERVICE_REVIEW)
    if not state.filters.organisation or not year:
        children.append(html.P(translate("empty.service_review", lang), className="empty-result"))
        return shell(state, path=PATH, children=children, filter_bar=bar)
    frames = current_frames(state)
    outstanding = _outstanding_section(
        frames.review_outstanding, lang, has_parts=not frames.review_completion.empty
    )
    children += chart_grid(frames, Route.SERVICE_REVIEW, after={"review-timeline": outstanding})
    return shell(state, path=PATH, children=children, filter_bar=bar)


def _outstanding_section(outstanding: pd.DataFrame, lang: str, *, has_parts: bool) -> html.Section:
    """The sortable list of late and not-started parts (dash-ag-grid; sorts by keyboard too).
    Without any parts there is nothing delivered either: no data, never "all delivered"."""
    if not has_parts:
        body = html.P(translate("empty.selection", lang), className="empty-result")
    elif outstanding.empty:
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
    late = int((outstanding["days_late"] > 0).sum()) if not outstanding.empty else 0
    return html.Section(
        [
            html.H2(
                translate("review.outstanding_title", lang),
                className="chart-title",
                id="review-outstanding-heading",
            ),
            # Without parts the body says it ("Ingen data for dette utvalget"), once.
            html.P(
                translate(
                    "review.outstanding_summary",
                    lang,
                    count=translate_count("count.parts", len(outstanding), lang),
                    late=format_number(late, lang),
                ),
                className="chart-summary",
            )
            if has_parts
            else None,
            body,
        ],
        className="chart-card",
        id="review-outstanding",
        **{"aria-labelledby": "review-outstanding-heading"},
    )
