"""A view's charts, laid out from the chart registry: half-width charts two to a row,
full-width charts a row each, in the registry's order. A page adds its own parts (a KPI card
beside the first chart, a list after a given chart) without naming the charts themselves."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from components.chart_card import chart_card
from dashboard import charts
from dashboard.i18n import format_date, translate
from dashboard.models import DataArea
from dashboard.routes import Route


def data_updated(frames: charts.Frames, *areas: DataArea) -> html.P | None:
    """ "Data oppdatert 30.11.2026": when the view's data last changed (import or demo load)."""
    day = frames.updated(*areas)
    if day is None:
        return None
    return html.P(
        translate("data.updated", frames.lang, date=format_date(day, frames.lang)),
        className="data-updated",
    )


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

    records = charts.for_view(view)
    updated = data_updated(frames, *{r.area for r in records})
    if updated is not None:
        rows.append(updated)
    for index, record in enumerate(records):
        card = chart_card(record.build(frames), state=frames.state, view=view)
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
