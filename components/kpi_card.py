"""A KPI card: one number, what it means, and a link to the view behind it (a plain function)."""

from __future__ import annotations

from dash import dcc, html

from dashboard import theme
from dashboard.i18n import translate
from dashboard.status import TONE


def kpi_card(
    value: str,
    *,
    label: str,
    details: list[str | None] | None = None,
    breakdown: object = None,
    href: str | None = None,
    link_text: str | None = None,
    icon: str | None = None,
    tone: str = "neutral",
    status: str | None = None,
    lang: str | None = None,
) -> html.Section:
    """`value` is already formatted; `tone` (good, warning, bad, neutral) only styles the border,
    so the meaning is always in the words too. With a `status` (the worst the card shows: met,
    on_track, at_risk, off_track or no_data), border, icon and the status word follow it."""
    status_line_ = None
    if status is not None:
        icon, tone = theme.STATUS_STYLE[status][1], TONE[status]
        status_line_ = html.P(
            [
                html.Span(icon, className="status-icon", **{"aria-hidden": "true"}),
                " " + translate(f"status.{status}", lang),
            ],
            className=f"kpi-status status-{status}",
        )
        icon = None  # the icon sits beside its word, not before the number
    body = [
        html.H2(label, className="kpi-label"),
        html.P(
            [
                html.Span(icon, className="kpi-icon", **{"aria-hidden": "true"}) if icon else None,
                value,
            ],
            className="kpi-value" + (" kpi-value-empty" if status == "no_data" else ""),
        ),
        status_line_,
        breakdown,
        html.Ul([html.Li(d) for d in details if d], className="kpi-details") if details else None,
    ]
    if href:
        body.append(dcc.Link(link_text or label, href=href, className="kpi-link"))
    return html.Section(body, className=f"kpi-card kpi-{tone}")


def status_line(icon: str, word: str, count: str, *, status: str) -> html.Li:
    """One line of a status breakdown: icon, word and count, coloured by status class."""
    return html.Li(
        [
            html.Span(icon, className="status-icon", **{"aria-hidden": "true"}),
            f" {word}: ",
            html.Strong(count),
        ],
        className=f"status-line status-{status}",
    )
