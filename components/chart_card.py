"""A chart card: heading, the chart, a one-sentence summary, the numbers as a table, and its
export menu (PNG, SVG, PDF snapshots with their context; the data as CSV and Excel).

The summary and the table are the chart's text alternative (reachable by keyboard: the table
sits in a <details> element). An empty result shows a sentence, not an empty axis.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import dcc, html

from dashboard import charts, export
from dashboard.charts import ChartData, Column
from dashboard.i18n import hyphenate, plotly_locale, translate
from dashboard.routes import Route
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
                    # the browser keeps the link's filters in step with the URL (links.js)
                    **{"data-keep-query": "1"},
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


def graph_height(figure: dict | None) -> int:
    """The height a chart reserves before Plotly draws it (its figure's, or Plotly's default), so
    the page does not move while drawing."""
    height = (figure or {}).get("layout", {}).get("height")
    return int(height or DEFAULT_GRAPH_HEIGHT)


DEFAULT_GRAPH_HEIGHT = 450  # plotly's own default


def caption(chart: ChartData) -> list:
    """Under a chart: its sentence, the written assessment, the source."""
    return [
        chart.summary,
        assessment(chart, "chart-assessment"),
        html.Span(chart.source_note, className="chart-source") if chart.source_note else None,
    ]


def chart_card(
    chart: ChartData,
    *,
    state: ViewState,
    view: Route,
    extra: object = None,
    show_table: bool = True,
) -> html.Section:
    """One chart's card. Every part the view's data callback updates has a fixed id (view,
    part, chart id), the same in every filter state: an empty result hides the chart and shows
    a sentence instead of replacing it, so a filter change never re-mounts a graph.
    `show_table=False` where `extra` already carries a better text alternative."""
    from components.view_router import PartIds, part_id  # the router imports this module

    lang = state.lang
    name = chart.chart_id
    heading_id = f"{name}-heading"
    empty = chart.empty or chart.figure is None
    record = charts.record(name)
    crossfilter = record.crossfilter if record is not None else None
    content = html.Figure(
        [
            # dcc.Graph draws nothing until its code has loaded: the box keeps the chart's
            # height until then (style.css drops it once Plotly has drawn), so nothing moves.
            html.Div(
                dcc.Graph(
                    id=part_id(PartIds.GRAPH, view, name),
                    figure=chart.figure if not empty else {},
                    config=graph_config(chart.file_stem or name, lang),
                    className="chart-graph" + (" crossfilter" if crossfilter else ""),
                    style={"height": f"{graph_height(chart.figure)}px"},
                ),
                className="chart-graph-box",
                style={"minHeight": f"{graph_height(chart.figure)}px"},
            ),
            html.Figcaption(
                caption(chart) if not empty else "",
                id=part_id(PartIds.SUMMARY, view, name),
                className="chart-summary",
            ),
        ],
        id=part_id(PartIds.FIGURE, view, name),
        className="chart-figure",
        hidden=empty,
    )
    note = html.Div(
        html.P(chart.summary, className="empty-result") if empty else None,
        id=part_id(PartIds.NOTE, view, name),
    )
    alternative = None
    if show_table and chart.columns:
        alternative = html.Details(
            [
                html.Summary(
                    translate("chart.show_table", lang),
                    id=part_id(PartIds.TABLE_TOGGLE, view, name),
                ),
                html.Div(id=part_id(PartIds.TABLE, view, name), className="table-wrap"),
            ],
            className="chart-table",
        )
    return html.Section(
        [
            html.Div(
                [
                    html.H2(
                        html.Span(
                            hyphenate(chart.title, lang), id=part_id(PartIds.TITLE, view, name)
                        ),
                        id=heading_id,
                        className="chart-title",
                    ),
                    export_menu(chart, state),
                ],
                className="chart-head",
            ),
            content,
            note,
            alternative,
            extra,
        ],
        className="chart-card",
        id=name,
        **{"aria-labelledby": heading_id},
        **({"data-crossfilter": crossfilter} if crossfilter else {}),
    )
