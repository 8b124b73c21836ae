"""A chart card: heading, the chart, a one-sentence summary and the numbers as a table.

The summary and the table are the chart's text alternative (reachable by keyboard: the table
sits in a <details> element). An empty result shows a sentence, not an empty axis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from components.filter_bar import crossfilter_id
from dashboard.i18n import translate


@dataclass(frozen=True)
class Column:
    """A table column: frame column, header text, and how to format a cell."""

    key: str
    header: str
    format: Callable[[object], str] = str


def data_table(frame: pd.DataFrame, columns: Sequence[Column], *, caption: str) -> html.Table:
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(c.header, scope="col") for c in columns])),
            html.Tbody(
                [
                    html.Tr([html.Td(c.format(row[c.key])) for c in columns])
                    for row in frame.to_dict("records")
                ]
            ),
        ],
        className="table table-sm data-table",
    )


def graph_config(filename: str) -> dict:
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
    }


def chart_card(
    figure: go.Figure | None,
    *,
    chart_id: str,
    title: str,
    summary: str,
    lang: str,
    table: pd.DataFrame | None = None,
    columns: Sequence[Column] = (),
    empty: bool = False,
    crossfilter_param: str | None = None,
    extra: object = None,
) -> html.Section:
    heading_id = f"{chart_id}-heading"
    if empty or figure is None:
        content = html.P(summary, className="empty-result")
        alternative = None
    else:
        graph_id = (
            crossfilter_id(crossfilter_param, chart_id)
            if crossfilter_param
            else f"{chart_id}-graph"
        )
        content = html.Figure(
            [
                dcc.Graph(
                    id=graph_id,
                    figure=figure,
                    config=graph_config(chart_id),
                    className="chart-graph",
                ),
                html.Figcaption(summary, className="chart-summary"),
            ],
            className="chart-figure",
        )
        alternative = None
        if table is not None and columns:
            alternative = html.Details(
                [
                    html.Summary(translate("chart.show_table", lang)),
                    html.Div(data_table(table, columns, caption=title), className="table-wrap"),
                ],
                className="chart-table",
            )
    return html.Section(
        [html.H2(title, id=heading_id, className="chart-title"), content, alternative, extra],
        className="chart-card",
        id=chart_id,
        **{"aria-labelledby": heading_id},
    )
