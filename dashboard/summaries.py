"""One-sentence text alternatives for the charts: pure functions of the same frames.

Every chart card shows one of these under its chart (and a table of the numbers), so what the
chart says can be read without seeing it.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from dashboard.i18n import format_money, format_number, rounded, translate, translate_count
from dashboard.queries import GoalLevel, SavingsTotals
from dashboard.status import count_sums


def status_counts(counts: dict[str, int], *, lang: str, what: str) -> str:
    """`what` is 'goals' or 'indicators': the sentence names what it counts."""
    total = sum(counts.values())
    if not total:
        return translate("empty.effect_goals", lang)
    return translate(
        f"summary.{what}_status",
        lang,
        total=translate_count(f"count.{what}", total, lang),
        met=format_number(counts["met"], lang),
        on_track=format_number(counts["on_track"], lang),
        at_risk=format_number(counts["at_risk"], lang),
        off_track=format_number(counts["off_track"], lang),
        no_data=format_number(counts["no_data"], lang),
    )


def review_completion(completion: pd.DataFrame, *, year: int | None, lang: str) -> str:
    if completion.empty:
        return translate("empty.service_review", lang)
    by_outcome = count_sums(completion["outcome"], completion["tasks"])
    total = sum(by_outcome.values())
    delivered = by_outcome.get("delivered_on_time", 0) + by_outcome.get("delivered_late", 0)
    return translate(
        "summary.review",
        lang,
        year=year,
        total=translate_count("count.parts", total, lang),
        delivered=format_number(delivered, lang),
        on_time=format_number(int(by_outcome.get("delivered_on_time", 0)), lang),
        late=translate_count("count.late", int(by_outcome.get("late", 0)), lang),
        pending=translate_count("count.pending", int(by_outcome.get("pending", 0)), lang),
    )


def review_budget(budget: pd.DataFrame, *, lang: str) -> str:
    if budget.empty:
        return translate("empty.budget", lang)
    # Summed per part in plain Python (pandas' groupby cost 0.7 ms on every filter change);
    # fsum: exact, whatever the order of the rows.
    amounts: dict[str, list[float]] = {}
    for part, amount in zip(budget["part"], budget["amount_nok"], strict=True):
        if amount is not None and amount == amount:  # NaN is not equal to itself
            amounts.setdefault(part, []).append(float(amount))
    return translate(
        "summary.budget",
        lang,
        operating=format_money(math.fsum(amounts.get("budget_operating", [])), lang),
        investment=format_money(math.fsum(amounts.get("budget_investment", [])), lang),
        inputs=translate_count("count.budget_inputs", sum(int(n) for n in budget["inputs"]), lang),
    )


def level_label(totals: SavingsTotals, lang: str) -> str | None:
    """The sector or core area whose goal a view shows (None: the organisation's own)."""
    if totals.level is GoalLevel.ORGANISATION:
        return None
    return totals.level_name or translate(f"level.{totals.level}", lang)


def savings_goal(
    shown_hours: float,
    goal: float | None,
    *,
    year: int | None,
    lang: str,
    name: str | None = None,
    prefix: str = "summary",
) -> str:
    """The goal of the level shown and how much of it is reached (from the hours as shown), or
    that this level has no goal: `name` is the sector's or core area's, None for the
    organisation. `prefix` is "summary" (a sentence) or "kpi" (a card line)."""
    if not goal:
        if name:
            return translate(f"{prefix}.savings_no_goal", lang, name=name, year=year or "")
        return translate(f"{prefix}.savings_no_goal_org", lang, year=year or "")
    key = f"{prefix}.savings_goal_of" if name else f"{prefix}.savings_goal"
    return translate(
        key,
        lang,
        name=name or "",
        goal=format_number(goal, lang),
        share=format_number(100 * rounded(shown_hours) / goal, lang),
    )


def savings_year(
    measured: float,
    estimated: float,
    *,
    goal: float | None,
    year: int | None,
    lang: str,
    name: str | None = None,
) -> str:
    if not measured and not estimated:
        return translate("empty.savings", lang)
    text = translate(
        "summary.savings",
        lang,
        year=year,
        measured=translate_count("count.hours", measured, lang),
        estimated=translate_count("count.hours", estimated, lang),
    )
    return text + " " + savings_goal(measured, goal, year=year, lang=lang, name=name)


def hours_ranking(
    frame: pd.DataFrame, *, label_column: str, lang: str, noun: str = "count.processes"
) -> str:
    """`noun` names what the rows are (`count.sectors`, `count.processes`)."""
    if frame.empty:
        return translate("empty.savings", lang)
    top = frame.sort_values("measured_hours", ascending=False).iloc[0]
    return translate(
        "summary.hours_ranking",
        lang,
        count=translate_count(noun, len(frame), lang),
        top=top[label_column],
        top_hours=translate_count("count.hours", top["measured_hours"], lang),
        measured=translate_count("count.hours", frame["measured_hours"].sum(), lang),
        estimated=translate_count("count.hours", frame["estimated_hours"].sum(), lang),
    )


def pipeline(frame: pd.DataFrame, *, lang: str) -> str:
    if frame.empty:
        return translate("empty.pipeline", lang)
    by_stage = count_sums(frame["stage"], frame["processes"])
    return translate(
        "summary.pipeline",
        lang,
        total=translate_count("count.processes", sum(by_stage.values()), lang),
        **{
            stage: format_number(by_stage.get(stage, 0), lang)
            for stage in ("idea", "in_development", "in_production", "retired")
        },
    )


ASSESSMENT_LINE_CHARS = 90
ASSESSMENT_MAX_LINES = 3


def assessment_lines(
    text: str, *, width: int = ASSESSMENT_LINE_CHARS, max_lines: int = ASSESSMENT_MAX_LINES
) -> list[str]:
    """A written assessment as a few wrapped lines; longer text ends in "…" (the whole text is
    in the chart's table)."""
    return textwrap.wrap(" ".join(text.split()), width=width, max_lines=max_lines, placeholder=" …")


def latest_assessment(values: pd.DataFrame, indicator: pd.Series, lang: str) -> str | None:
    """ "Vurdering 2023: …" : the assessment written with the latest value shown, if any."""
    if pd.isna(indicator["latest_period"]) or values.empty:
        return None
    latest = values[values["period"] == int(indicator["latest_period"])]
    if latest.empty:
        return None
    comment = latest.iloc[0]["comment"]
    if not isinstance(comment, str) or not comment.strip():
        return None
    return translate(
        "effect.assessment",
        lang,
        year=int(indicator["latest_period"]),
        text=" ".join(comment.split()),
    )


def change_since(
    current: float,
    previous: float | None,
    *,
    previous_year: int,
    lang: str,
    higher_is_better: bool = True,
    noun: str = "count.hours",
) -> str | None:
    """The change since last year as a leader reads it: arrow, amount with its noun and a word
    that says whether that is better ("▲ 1 398 timer mer enn 2020: bedre"), the direction
    taken into account (lower is better: a fall is better). None without last year's figure.
    Worked out from the figures as shown (whole numbers)."""
    if previous is None:
        return None
    change = rounded(current) - rounded(previous)
    if change == 0:
        return translate("change.same", lang, year=previous_year)
    better = (change > 0) == higher_is_better
    return translate(
        "change.up" if change > 0 else "change.down",
        lang,
        amount=translate_count(noun, abs(change), lang),
        year=previous_year,
        verdict=translate("change.better" if better else "change.worse", lang),
    )


# --- Comparison with other municipalities (official statistics) -------------------------------


def comparison(comparison: pd.DataFrame, row: pd.Series, lang: str) -> str:
    """ "In 2025 Demo kommune had 1,7 %: lower than KOSTRA-gruppe 7 (2,3 %) and Landet (2,6 %)."
    for the newest year the municipality has a figure."""
    own = comparison[(comparison["kind"] == "own") & comparison["value"].notna()]
    if own.empty:
        return ""
    latest = own.sort_values("period").iloc[-1]
    year = int(latest["period"])
    unit = row["unit_of_measure"]
    parts = []
    for other in comparison[
        (comparison["kind"] != "own") & (comparison["period"] == year)
    ].itertuples():
        if pd.isna(other.value):
            parts.append(translate("compare.missing", lang, name=other.region_name))
            continue
        if round(float(latest["value"]), 1) == round(float(other.value), 1):
            word = "same"
        else:
            word = "higher" if latest["value"] > other.value else "lower"
        parts.append(
            translate(
                f"compare.{word}",
                lang,
                name=other.region_name,
                value=format_number(other.value, lang, decimals=1),
                unit=unit,
            )
        )
    if not parts:
        return ""
    return translate(
        "compare.sentence",
        lang,
        name=latest["region_name"],
        year=year,
        value=format_number(latest["value"], lang, decimals=1),
        unit=unit,
        comparisons="; ".join(parts),
    )


def peer_rank(latest: pd.DataFrame, own_code: str, row: pd.Series, lang: str, year: int) -> str:
    """ "Demo kommune is 2nd of 3 compared municipalities in 2025 (best first); …" """
    ranked = latest[latest["kind"].isin(["own", "peer"]) & latest["value"].notna()]
    ranked = ranked.sort_values("value", ascending=row["direction"] != "higher")
    codes = list(ranked["region_code"])
    own_name = latest.loc[latest["region_code"] == own_code, "region_name"].iloc[0]
    text = translate(
        "compare.rank",
        lang,
        name=own_name,
        rank=codes.index(own_code) + 1,
        count=len(codes),
        year=year,
        direction=translate(f"direction.{row['direction']}", lang),
    )
    gone = latest[latest["kind"].isin(["peer"]) & latest["value"].isna()]
    if not gone.empty:
        text += " " + translate(
            "compare.peers_missing", lang, names=", ".join(gone["region_name"].astype(str))
        )
    return text
