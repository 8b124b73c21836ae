"""A view's charts, laid out from the chart registry: half-width charts two to a row,
full-width charts a row each, in the registry's order. A page adds its own parts (a KPI card
beside the first chart, a list after a given chart) without naming the charts themselves."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from components.chart_card import chart_card
from dashboard import charts
from dashboard.routes import Route


def chart_grid(
    frames: charts.Frames,
    view: Route,
    *,
    lead: Component | None = None,
    after: dict[str, Component] | None = None,
) -> list[Component]:
    """Chart cards for every record shown on `view`; `lead` sits beside the first chart,
    `after[chart_id]` follows that chart's row."""
    rows: list[Component] = []
    pending: list[Component] = []

    def flush() -> None:
        if pending:
            rows.append(html.Div(list(pending), className="chart-grid"))
            pending.clear()

    for index, record in enumerate(charts.for_view(view)):
        card = chart_card(record.build(frames), state=frames.state)
        if index == 0 and lead is not None:
            rows.append(html.Div([lead, card], className="overview-area"))
        elif record.full_width:
            flush()
            rows.append(card)
        else:
            pending.append(card)
            if len(pending) == 2:
                flush()
        if after and record.id in after:
            flush()
            rows.append(after[record.id])
    flush()
    return rows
