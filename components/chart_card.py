"""A chart card: heading, the chart, a one-sentence summary and the numbers as a table.

The summary and the table are the chart's text alternative (reachable by keyboard: the table
sits in a <details> element). An empty result shows a sentence, not an empty axis.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from components.filter_bar import crossfilter_id
from dashboard.charts import ChartData, Column
from dashboard.i18n import plotly_locale, translate


def data_table(frame: pd.DataFrame, columns: list[Column], *, caption: str) -> html.Table:
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


def graph_config(filename: str, lang: str) -> dict:
    """Plotly's config: its own texts in the user's language, no logo, and no "Share chart"
    button (it would upload the municipality's numbers to Plotly's cloud)."""
    locale, definition = plotly_locale(lang)
    return {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "sendChartToCloud"],
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        "locale": locale,
        "locales": {locale: definition},
    }


def chart_card(
    chart: ChartData, *, lang: str, extra: object = None, show_table: bool = True
) -> html.Section:
    """`show_table=False` where `extra` already carries a better text alternative."""
    heading_id = f"{chart.chart_id}-heading"
    alternative = None
    if chart.empty or chart.figure is None:
        content = html.P(chart.summary, className="empty-result")
    else:
        graph_id = (
            crossfilter_id(chart.crossfilter_param, chart.chart_id)
            if chart.crossfilter_param
            else f"{chart.chart_id}-graph"
        )
        content = html.Figure(
            [
                dcc.Graph(
                    id=graph_id,
                    figure=chart.figure,
                    config=graph_config(chart.file_stem or chart.chart_id, lang),
                    className="chart-graph",
                ),
                html.Figcaption(chart.summary, className="chart-summary"),
            ],
            className="chart-figure",
        )
        if show_table and chart.table is not None and chart.columns:
            alternative = html.Details(
                [
                    html.Summary(translate("chart.show_table", lang)),
                    html.Div(
                        data_table(chart.table, list(chart.columns), caption=chart.title),
                        className="table-wrap",
                    ),
                ],
                className="chart-table",
            )
    return html.Section(
        [html.H2(chart.title, id=heading_id, className="chart-title"), content, alternative, extra],
        className="chart-card",
        id=chart.chart_id,
        **{"aria-labelledby": heading_id},
    )
