"""The minuttjakt KPI card: measured hours against the goal, in FTE and kroner, estimates apart."""

from __future__ import annotations

from dash import html

from components.kpi_card import kpi_card
from dashboard import summaries
from dashboard.i18n import format_money, format_number, translate, translate_count
from dashboard.queries import SavingsTotals
from dashboard.status import savings_status


def savings_kpi_card(
    totals: SavingsTotals, *, year: int | None, lang: str, href: str | None = None
) -> html.Section:
    """The settings used (hours per FTE, cost per hour) are printed on the card itself."""
    label = translate("kpi.savings", lang, year=year or "")
    status = savings_status(
        totals.measured_hours, totals.estimated_hours, totals.goal_share, year_over=totals.year_over
    )
    if status == "no_data":  # no hours at all: not "0 timer, 0 % nådd"
        return kpi_card(translate("empty.selection", lang), label=label, status=status, lang=lang)
    return kpi_card(
        translate_count("count.hours", totals.measured_hours, lang),
        label=label,
        details=[  # a line is left out where it has nothing to say (no change known)
            summaries.savings_goal(
                totals.measured_hours,
                totals.goal_hours,
                year=year,
                lang=lang,
                name=summaries.level_label(totals, lang),
                prefix="kpi",
            ),
            translate(
                "kpi.savings_fte",
                lang,
                fte=format_number(totals.fte, lang, decimals=1),
                hours_per_fte=format_number(totals.hours_per_fte, lang),
            ),
            translate(
                "kpi.savings_money",
                lang,
                money=format_money(totals.money_nok, lang),
                cost=format_money(totals.cost_per_hour_nok, lang),
            ),
            summaries.change_since(
                totals.measured_hours,
                totals.previous_hours,
                previous_year=(year or 0) - 1,
                lang=lang,
            ),
            translate(
                "kpi.savings_estimated",
                lang,
                hours=translate_count("count.hours", totals.estimated_hours, lang),
            ),
        ],
        href=href,
        link_text=translate("kpi.savings_link", lang) if href else None,
        status=status,
        lang=lang,
    )
