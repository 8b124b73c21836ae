"""The minuttjakt KPI card: measured hours against the goal, in FTE and kroner, estimates apart."""

from __future__ import annotations

from dash import html

from components.kpi_card import kpi_card
from dashboard import summaries
from dashboard.i18n import format_money, format_number, translate
from dashboard.queries import SavingsTotals


def savings_kpi_card(
    totals: SavingsTotals, *, year: int | None, lang: str, href: str | None = None
) -> html.Section:
    """The settings used (hours per FTE, cost per hour) are printed on the card itself."""
    return kpi_card(
        translate("kpi.hours_value", lang, hours=format_number(totals.measured_hours, lang)),
        label=translate("kpi.savings", lang, year=year or ""),
        details=[
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
            translate(
                "kpi.savings_estimated", lang, hours=format_number(totals.estimated_hours, lang)
            ),
        ],
        href=href,
        link_text=translate("kpi.savings_link", lang) if href else None,
        icon="✔" if totals.goal_share and totals.goal_share >= 100 else None,
        tone="good" if totals.goal_share and totals.goal_share >= 100 else "neutral",
    )
