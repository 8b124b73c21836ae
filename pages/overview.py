"""Oversikt: one KPI card and one chart per area, for the active filters."""

from __future__ import annotations

import dash
from dash import html
from dash.development.base_component import Component

from components.chart_card import chart_card
from components.chart_grid import data_updated
from components.kpi_card import kpi_card, status_line
from components.savings_kpi import savings_kpi_card
from components.view_page import ViewPage, view_layout
from components.view_router import block, in_place_callback
from dashboard import charts, summaries, theme
from dashboard.i18n import format_number, hyphenate, translate, translate_count
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.status import count_by_status, count_sums, goal_statuses, review_status, rollup

PATH = Route.OVERVIEW

dash.register_page(__name__, path=PATH, title="Oversikt", order=0)


def layout(**query_args: object) -> Component:
    return view_layout(PAGE, query_args)


def _body(frames: charts.Frames) -> list:
    state = frames.state
    children: list = []
    kpis = _blocks(frames)
    # One KPI card per area, beside that area's overview charts (the chart registry's).
    records = charts.for_view(Route.OVERVIEW)
    areas = [
        html.Div(
            [block(PATH, _kpi_block(area), kpis[_kpi_block(area)])]
            + [
                chart_card(r.build(frames), state=state, view=PATH)
                for r in records
                if r.area == area
            ],
            className="overview-area",
        )
        for area in CARDS
    ]
    updated = data_updated(frames)
    if updated is not None:
        children.append(updated)
    children.append(html.Div(areas, className="overview-grid"))
    return children


def _kpi_block(area: DataArea) -> str:
    return f"kpi-{area}"


def _blocks(frames: charts.Frames) -> dict[str, html.Section]:
    """The KPI cards (what a filter change redraws besides the charts)."""
    return {_kpi_block(area): card(frames) for area, card in CARDS.items()}


def _savings_card(frames: charts.Frames) -> html.Section:
    state = frames.state
    return savings_kpi_card(
        frames.savings_totals,
        year=state.year_for(DataArea.SAVINGS),
        lang=frames.lang,
        href=state.href(Route.SAVINGS),
    )


def _goals_card(frames: charts.Frames) -> html.Section:
    state, lang = frames.state, frames.lang
    goals = goal_statuses(frames.indicator_status)
    counts = count_by_status(goals)
    lines = [
        status_line(
            theme.STATUS_STYLE[s][1],
            translate(f"status.{s}", lang),
            format_number(counts[s], lang),
            status=s,
        )
        for s in ("met", "on_track", "at_risk", "off_track", "no_data")
        if counts[s] or s != "no_data"
    ]
    label = translate("kpi.goals", lang, year=state.year_for(DataArea.EFFECT_GOALS) or "")
    if goals.empty:
        return kpi_card(
            translate("empty.selection", lang), label=label, status="no_data", lang=lang
        )
    return kpi_card(
        translate_count("count.goals", len(goals), lang),  # goals, not indicators: say so
        label=label,
        details=[_latest_year_note(frames), _goals_change(frames, counts)],
        breakdown=html.Ul(lines, className="status-lines"),
        href=state.href(Route.EFFECT_GOALS),
        link_text=translate("kpi.goals_link", lang),
        status=rollup(goals["status"]),  # the worst status shown, with its word
        lang=lang,
    )


def _latest_year_note(frames: charts.Frames) -> str | None:
    """ "Nyeste tall er fra 2025": when the year asked has no values yet, the card shows each
    indicator's latest before it, and says so."""
    year = frames.state.year_for(DataArea.EFFECT_GOALS)
    latest = frames.indicator_status["latest_period"].dropna()
    if not year or latest.empty or int(latest.max()) >= year:
        return None
    return translate("kpi.latest_year_note", frames.lang, latest=int(latest.max()), year=year)


def _goals_change(frames: charts.Frames, counts: dict[str, int]) -> str | None:
    """Goals met or on track now against the year before (more is better)."""
    previous = frames.previous_goal_counts
    if previous is None:
        return None
    year = frames.state.year_for(DataArea.EFFECT_GOALS) or 0
    return translate(
        "kpi.goals_good_change",
        frames.lang,
        count=format_number(counts["met"] + counts["on_track"], frames.lang),
        change=summaries.change_since(
            counts["met"] + counts["on_track"],
            previous["met"] + previous["on_track"],
            previous_year=year - 1,
            lang=frames.lang,
            noun="count.goals",
        ),
    )


def _review_card(frames: charts.Frames) -> html.Section:
    state, lang, completion = frames.state, frames.lang, frames.review_completion
    by_outcome = count_sums(completion["outcome"], completion["tasks"])
    delivered = by_outcome.get("delivered_on_time", 0) + by_outcome.get("delivered_late", 0)
    late = by_outcome.get("late", 0)
    not_started = count_sums(completion["status"], completion["tasks"]).get("not_started", 0)
    label = translate("kpi.review", lang, year=state.year_for(DataArea.SERVICE_REVIEW) or "")
    status = review_status(completion)
    if status == "no_data":  # no parts at all: never "0 / 0" as a success
        return kpi_card(translate("empty.selection", lang), label=label, status=status, lang=lang)
    total = translate_count("count.parts", int(completion["tasks"].sum()), lang)
    return kpi_card(
        f"{format_number(delivered, lang)} / {total}",
        label=label,
        details=[
            translate("kpi.review_late", lang, count=format_number(late, lang)),
            translate("kpi.review_not_started", lang, count=format_number(not_started, lang)),
        ],
        href=state.href(Route.SERVICE_REVIEW),
        link_text=translate("kpi.review_link", lang),
        status=status,
        lang=lang,
    )


CARDS = {
    DataArea.EFFECT_GOALS: _goals_card,
    DataArea.SERVICE_REVIEW: _review_card,
    DataArea.SAVINGS: _savings_card,
}
in_place_callback(PATH, blocks=_blocks)


PAGE = ViewPage(
    path=PATH,
    heading=lambda state: html.H1(
        hyphenate(translate("overview.title", state.lang), state.lang), className="page-title"
    ),
    body=_body,
    empty_key="empty.no_data",
    filters_when_empty=False,
)
