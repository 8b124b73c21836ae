"""The council-seminar deck: an ordered sequence of slides for the chosen sektor and year.

Used by presentation mode (one slide per screen) and by the deck export (one PDF page per
slide), so the seminar and its handout show the same thing in the same order:

0. the agenda: sections, sektorer and goals, with the slide each starts on;
1. status of the effect goals (all core areas in the filter);
2. per sektor, per core area, per goal: its indicators against target, then its theory of
   change (every goal all its slides: a wide filter makes a long deck, never a cut one; the
   presenter narrows it by sektor or core area from the agenda);
3. the service review: completion per sektor, then per part and the deadlines;
4. minuttjakt: hours against the goal, per sektor, the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard import figures, queries
from dashboard.charts import (
    INDICATOR_PREFIX,
    THEORY_OF_CHANGE_ID,
    ChartData,
    ChartRecord,
    Frames,
    registry,
    theory_of_change_title,
)
from dashboard.i18n import translate
from dashboard.models import DataArea
from dashboard.status import goal_statuses

# An indicator-heavy goal would make an unreadable slide: at most this many trends per slide.
TRENDS_PER_SLIDE = 2
# A deck longer than this is more than a seminar shows: the agenda offers to narrow it.
LARGE_DECK = 40
AGENDA = "agenda"  # the section of the agenda slide (no data area of its own)


@dataclass(frozen=True)
class Slide:
    """A screen of the deck: a title, the section it belongs to, and 0–2 charts by id (the
    agenda has none)."""

    title: str
    section: DataArea | str  # a data area, or AGENDA
    chart_ids: tuple[str, ...]
    goal: str | None = None  # the effect goal the charts belong to (theory of change needs it)
    sector: str | None = None  # the sektor (name) a goal's slides are under, for the agenda
    sector_code: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """A line of the agenda: a section (level 0), a sektor (1) or a goal (2), and the number
    of the slide it starts on."""

    text: str
    level: int
    slide: int
    sector_code: str | None = None


# The section title of each area's slides, and its name in the agenda.
SECTION_TITLE_KEYS = {
    DataArea.EFFECT_GOALS: "deck.goals_status",
    DataArea.SERVICE_REVIEW: "review.title",
    DataArea.SAVINGS: "savings.title",
}
SECTION_NAME_KEYS = {
    DataArea.EFFECT_GOALS: "effect.title",
    DataArea.SERVICE_REVIEW: "nav.service_review",
    DataArea.SAVINGS: "nav.savings",
}


def deck_slides(frames: Frames) -> list[Slide]:
    """The deck for this view: per area, the chart registry's slides (charts sharing a `slide`
    key, in registry order; a slide whose charts are all empty is left out), and after the
    effect goals' status, each goal's indicator and theory-of-change slides, by sektor. The
    agenda comes first when there is anything to show."""
    slides: list[Slide] = []
    for area in SECTION_TITLE_KEYS:
        slides += _registry_slides(frames, area)
        if area == DataArea.EFFECT_GOALS and not frames.indicator_status.empty:
            slides += _goal_slides(frames)
    if not slides:
        return []
    return [Slide(translate("deck.agenda", frames.lang), AGENDA, ()), *slides]


def _registry_slides(frames: Frames, area: DataArea) -> list[Slide]:
    groups: dict[str, list[ChartRecord]] = {}
    for record in registry():
        if record.area == area and record.slide:
            groups.setdefault(record.slide, []).append(record)
    title = translate(SECTION_TITLE_KEYS[area], frames.lang, year=frames.state.year_for(area))
    return [
        Slide(title, area, tuple(r.id for r in records))
        for records in groups.values()
        if not all(r.is_empty(frames) for r in records)
    ]


def _goal_slides(frames: Frames) -> list[Slide]:
    lang, indicators = frames.lang, frames.indicator_status
    slides: list[Slide] = []
    for goal, sector_code, sector in _goals_by_sector(frames, indicators):
        codes = indicators.loc[indicators["goal_code"] == goal.goal_code, "indicator_code"]
        trend_ids = [f"{INDICATOR_PREFIX}{code}" for code in codes]
        where = {"goal": goal.goal_code, "sector": sector, "sector_code": sector_code}
        for start in range(0, len(trend_ids), TRENDS_PER_SLIDE):
            slides.append(
                Slide(
                    f"{goal.core_area_name}: {goal.goal_text}",
                    DataArea.EFFECT_GOALS,
                    tuple(trend_ids[start : start + TRENDS_PER_SLIDE]),
                    **where,
                )
            )
        slides.append(
            Slide(
                theory_of_change_title(indicators, goal.goal_code, lang),
                DataArea.EFFECT_GOALS,
                (THEORY_OF_CHANGE_ID,),
                **where,
            )
        )
    return slides


def _goals_by_sector(frames: Frames, indicators: pd.DataFrame) -> list[tuple]:
    """(goal row, sektor code, sektor name) in agenda order: sektorer by name, their core areas
    by name, goals as the query orders them. A core area of several sektorer (tværgående) is
    shown once, under the first."""
    goals = goal_statuses(indicators)
    mapping = frames._query(
        DataArea.EFFECT_GOALS, queries.core_area_sectors, frames.filters(DataArea.EFFECT_GOALS)
    )
    first_sector: dict[str, tuple[str, str]] = {}
    for row in mapping.itertuples():
        first_sector.setdefault(row.core_area_code, (row.sector_code, row.sector_name))
    ordered = []
    for goal in goals.itertuples():
        code, name = first_sector.get(goal.core_area_code, ("", ""))
        ordered.append((name, goal.core_area_name, goal, code))
    # A stable sort: goals of one core area keep the query's order.
    ordered.sort(key=lambda item: (item[0] == "", item[0], item[1]))
    return [(goal, code or None, name or None) for name, _, goal, code in ordered]


def agenda(slides: list[Slide], lang: str) -> list[AgendaItem]:
    """The agenda's lines, from the slides themselves: where each section, sektor and goal
    starts."""
    items: list[AgendaItem] = []
    seen_sections: set[str] = set()
    seen_sectors: set[str | None] = set()
    seen_goals: set[str] = set()
    for number, slide in enumerate(slides, start=1):
        if slide.section == AGENDA:
            continue
        if slide.section not in seen_sections:
            seen_sections.add(slide.section)
            name = translate(SECTION_NAME_KEYS[slide.section], lang)
            items.append(AgendaItem(name, 0, number))
        if slide.goal and slide.goal not in seen_goals:
            if slide.sector not in seen_sectors:
                seen_sectors.add(slide.sector)
                name = slide.sector or translate("deck.no_sector", lang)
                items.append(AgendaItem(name, 1, number, slide.sector_code))
            seen_goals.add(slide.goal)
            items.append(AgendaItem(slide.title, 2, number, slide.sector_code))
    return items


def frames_for_slide(frames: Frames, slide: Slide) -> Frames:
    """The frames to build a slide's charts from: the same view, with the slide's goal."""
    if slide.goal == frames.state.goal:
        return frames
    other = Frames(
        frames.engine,
        replace(frames.state, goal=slide.goal),
        as_of=frames.as_of,
        cache=frames.cache,
    )
    # The queries already run do not depend on the goal: reuse them instead of running them again.
    other.__dict__.update(
        {k: v for k, v in vars(frames).items() if k not in ("engine", "state", "as_of", "cache")}
    )
    return other


def slide_figure(frames: Frames, chart: ChartData) -> figures.Figure | None:
    """A chart's figure as a slide shows it. The theory of change is laid out again for the
    slide's wide plot area (longer lines, so the boxes' text is larger there than a card's
    narrow layout scaled up would give); every other chart is its own figure."""
    if chart.figure is None or chart.chart_id != THEORY_OF_CHANGE_ID or chart.empty:
        return chart.figure
    steps, links = frames.theory_of_change(frames.state.goal)
    return figures.theory_of_change(steps, links, lang=frames.lang, fit=figures.SLIDE_DRAWING_PX)
