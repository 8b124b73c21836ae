"""The council-seminar deck: an ordered sequence of slides for the chosen sektor and year.

Used by presentation mode (one slide per screen) and by the deck export (one PDF page per
slide), so the seminar and its handout show the same thing in the same order:

1. status of the effect goals (all core areas in the filter);
2. per core area, per goal: its indicators against target, then its theory of change;
3. the service review: completion per sektor, then per part and the deadlines;
4. minuttjakt: hours against the goal, per sektor, the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import plotly.graph_objects as go

from dashboard import figures
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
MAX_SLIDES = 40


@dataclass(frozen=True)
class Slide:
    """A screen of the deck: a title, the section it belongs to, and 1–2 charts by id."""

    title: str
    section: DataArea
    chart_ids: tuple[str, ...]
    goal: str | None = None  # the effect goal the charts belong to (theory of change needs it)


# The section title of each area's slides.
SECTION_TITLE_KEYS = {
    DataArea.EFFECT_GOALS: "deck.goals_status",
    DataArea.SERVICE_REVIEW: "review.title",
    DataArea.SAVINGS: "savings.title",
}


def deck_slides(frames: Frames) -> list[Slide]:
    """The deck for this view: per area, the chart registry's slides (charts sharing a `slide`
    key, in registry order; a slide whose charts are all empty is left out), and after the
    effect goals' status, each goal's indicator and theory-of-change slides."""
    slides: list[Slide] = []
    for area in SECTION_TITLE_KEYS:
        slides += _registry_slides(frames, area)
        if area == DataArea.EFFECT_GOALS and not frames.indicator_status.empty:
            slides += _goal_slides(frames)
    return _trim(slides)


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
    for goal in goal_statuses(indicators).itertuples():
        codes = indicators.loc[indicators["goal_code"] == goal.goal_code, "indicator_code"]
        trend_ids = [f"{INDICATOR_PREFIX}{code}" for code in codes]
        for start in range(0, len(trend_ids), TRENDS_PER_SLIDE):
            slides.append(
                Slide(
                    f"{goal.core_area_name}: {goal.goal_text}",
                    DataArea.EFFECT_GOALS,
                    tuple(trend_ids[start : start + TRENDS_PER_SLIDE]),
                    goal=goal.goal_code,
                )
            )
        slides.append(
            Slide(
                theory_of_change_title(indicators, goal.goal_code, lang),
                DataArea.EFFECT_GOALS,
                (THEORY_OF_CHANGE_ID,),
                goal=goal.goal_code,
            )
        )
    return slides


def _trim(slides: list[Slide]) -> list[Slide]:
    """Keep the deck to a seminar's length: when the filter is wide (all sektorer), drop goal
    slides from the end of the effect-goal section, never the review or minuttjakt slides."""
    if len(slides) <= MAX_SLIDES:
        return slides
    tail = [s for s in slides if s.section != DataArea.EFFECT_GOALS]
    head = [s for s in slides if s.section == DataArea.EFFECT_GOALS][: MAX_SLIDES - len(tail)]
    return head + tail


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


def slide_figure(frames: Frames, chart: ChartData) -> go.Figure | None:
    """A chart's figure as a slide shows it. The theory of change is laid out again for the
    slide's wide plot area (longer lines, so the boxes' text is larger there than a card's
    narrow layout scaled up would give); every other chart is its own figure."""
    if chart.figure is None or chart.chart_id != THEORY_OF_CHANGE_ID or chart.empty:
        return chart.figure
    steps, links = frames.theory_of_change(frames.state.goal)
    return figures.theory_of_change(steps, links, lang=frames.lang, fit=figures.SLIDE_DRAWING_PX)
