"""A chart card: heading, the chart, a one-sentence summary, the numbers as a table, and its
export menu (PNG, SVG, PDF snapshots with their context; the data as CSV and Excel).

The summary and the table are the chart's text alternative (reachable by keyboard: the table
sits in a <details> element). An empty result shows a sentence, not an empty axis.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import dcc, html

from components.filter_bar import crossfilter_id
from dashboard import export
from dashboard.charts import ChartData, Column
from dashboard.i18n import plotly_locale, translate
from dashboard.view_state import ViewState


def data_table(frame: pd.DataFrame, columns: list[Column], *, caption: str) -> html.Table:
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(c.header, scope="col") for c in columns])),
            html.Tbody(
                [
                    html.Tr([html.Td(c.cell(row)) for c in columns])
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
        # plotly's own PNG button draws a bare plot; the export menu's snapshots carry title,
        # filters, source and date.
        "modeBarButtonsToRemove": [
            "select2d",
            "lasso2d",
            "autoScale2d",
            "sendChartToCloud",
            "toImage",
        ],
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        "locale": locale,
        "locales": {locale: definition},
    }


# (format, query changes, catalogue key of the label, hint key) in menu order.
EXPORT_ITEMS: tuple[tuple[str, dict[str, str], str, str | None], ...] = (
    ("png", {"scale": "2"}, "export.png", "export.png_hint_2"),
    ("png", {"scale": "1"}, "export.png", "export.png_hint_1"),
    ("png", {"scale": "4"}, "export.png", "export.png_hint_4"),
    ("svg", {}, "export.svg", None),
    ("pdf", {}, "export.pdf", None),
    ("csv", {}, "export.csv", None),
    ("xlsx", {}, "export.xlsx", None),
)


def export_menu(chart: ChartData, state: ViewState) -> html.Details:
    """A disclosure with plain links: works by keyboard and without JavaScript, and each link
    is also the URL a manager can paste into the intranet."""
    lang, today = state.lang, dt.date.today()
    items = []
    for fmt, params, label_key, hint_key in EXPORT_ITEMS:
        label = translate(label_key, lang, scale=params.get("scale", ""))
        if hint_key:
            label = f"{label} – {translate(hint_key, lang)}"
        items.append(
            html.Li(
                html.A(
                    label,
                    href=export.export_href(state, chart.chart_id, fmt, **params),
                    download=export.file_name(
                        chart.file_stem or chart.chart_id,
                        fmt,
                        today,
                        scale=int(params["scale"]) if "scale" in params else None,
                    ),
                    className="export-link",
                )
            )
        )
    return html.Details(
        [
            html.Summary(
                translate("export.menu", lang),
                **{"aria-label": translate("export.menu_label", lang, title=chart.title)},
            ),
            html.Ul(items, className="export-list"),
        ],
        className="export-menu",
    )


def assessment(chart: ChartData, class_name: str) -> html.Span | None:
    """The written assessment that goes with the figures, a few lines at most ("…": the whole
    text is in the table)."""
    if not chart.note:
        return None
    return html.Span(" ".join(chart.note_lines), className=class_name)


def chart_card(
    chart: ChartData, *, state: ViewState, extra: object = None, show_table: bool = True
) -> html.Section:
    """`show_table=False` where `extra` already carries a better text alternative."""
    lang = state.lang
    heading_id = f"{chart.chart_id}-heading"
    alternative = None
    menu = None
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
                html.Figcaption(
                    [
                        chart.summary,
                        assessment(chart, "chart-assessment"),
                        html.Span(chart.source_note, className="chart-source")
                        if chart.source_note
                        else None,
                    ],
                    className="chart-summary",
                ),
            ],
            className="chart-figure",
        )
        menu = export_menu(chart, state)
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
        [
            html.Div(
                [html.H2(chart.title, id=heading_id, className="chart-title"), menu],
                className="chart-head",
            ),
            content,
            alternative,
            extra,
        ],
        className="chart-card",
        id=chart.chart_id,
        **{"aria-labelledby": heading_id},
    )
