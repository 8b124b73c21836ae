"""Tjenestens gjennomgang: who delivered what, what is late, what the budget inputs add up to."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html
from dash.development.base_component import Component

from components.chart_grid import chart_grid
from components.view_page import ViewPage, view_layout
from components.view_router import block, in_place_callback
from dashboard.charts import Frames
from dashboard.i18n import format_date, format_number, hyphenate, translate, translate_count
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import ViewState

PATH = Route.SERVICE_REVIEW
OUTSTANDING_TABLE_ID = "review-outstanding-table"

dash.register_page(__name__, path=PATH, title="Tjenestens gjennomgang", order=2)


def layout(**query_args: object) -> Component:
    return view_layout(PAGE, query_args)


def _body(frames: Frames) -> list:
    outstanding = block(PATH, "outstanding", _outstanding(frames))
    return chart_grid(frames, Route.SERVICE_REVIEW, after={"review-timeline": outstanding})


def _heading(state: ViewState) -> html.H1:
    year = state.year_for(DataArea.SERVICE_REVIEW)
    title = translate("review.title", state.lang, year=year or "")
    return html.H1(hyphenate(title, state.lang), className="page-title")


def _outstanding(frames: Frames) -> html.Section:
    return _outstanding_section(
        frames.review_outstanding, frames.lang, has_parts=not frames.review_completion.empty
    )


def _blocks(frames: Frames) -> dict:
    return {"heading": _heading(frames.state), "outstanding": _outstanding(frames)}


def _outstanding_section(outstanding: pd.DataFrame, lang: str, *, has_parts: bool) -> html.Section:
    """The late and not-started parts, latest first: a plain table (a caption, column headers,
    read in order by screen readers and at 320 px; no grid library to load). Without any parts
    there is nothing delivered either: no data, never "all delivered"."""
    if not has_parts:
        body = html.P(translate("empty.selection", lang), className="empty-result")
    elif outstanding.empty:
        body = html.P(translate("review.nothing_outstanding", lang), className="empty-result")
    else:
        # Longest overdue first, then by deadline and unit: a stable sort in plain Python (as
        # pandas' sort_values sorts, for a fraction of its cost on a few dozen rows).
        columns = ("unit_name", "sector_name", "part", "status", "deadline", "days_late")
        ordered = sorted(
            zip(*(outstanding[c] for c in columns), strict=True),
            key=lambda row: (-row[5], row[4], row[0]),
        )
        headers = ["col.unit", "col.sector", "col.part", "col.status", "col.deadline"]
        rows = [
            html.Tr(
                [
                    html.Th(unit_name, scope="row"),
                    html.Td(sector_name),
                    html.Td(translate(f"part.{part}", lang)),
                    html.Td(
                        ("✖ " if days_late else "○ ") + translate(f"review_status.{status}", lang)
                    ),
                    html.Td(html.Time(format_date(deadline, lang), dateTime=deadline.isoformat())),
                    html.Td(format_number(int(days_late), lang), className="numeric"),
                ]
            )
            for unit_name, sector_name, part, status, deadline, days_late in ordered
        ]
        body = html.Div(
            html.Table(
                [
                    html.Caption(translate("review.outstanding_title", lang)),
                    html.Thead(
                        html.Tr(
                            [html.Th(translate(h, lang), scope="col") for h in headers]
                            + [
                                html.Th(
                                    translate("col.days_late", lang),
                                    scope="col",
                                    className="numeric",
                                    **{"aria-sort": "descending"},
                                )
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="table table-sm data-table outstanding-table",
                id=OUTSTANDING_TABLE_ID,
            ),
            className="table-wrap",
        )
    late = int((outstanding["days_late"] > 0).sum()) if not outstanding.empty else 0
    return html.Section(
        [
            html.H2(
                hyphenate(translate("review.outstanding_title", lang), lang),
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


in_place_callback(PATH, blocks=_blocks, year_area=DataArea.SERVICE_REVIEW)


PAGE = ViewPage(
    path=PATH,
    heading=lambda state: block(PATH, "heading", _heading(state)),
    body=_body,
    empty_key="empty.service_review",
    area=DataArea.SERVICE_REVIEW,
    intro_key="review.intro",
)
