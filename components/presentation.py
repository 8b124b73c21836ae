"""Presentation mode for the council's seminar: one slide of the deck per screen.

Opened from any view with `?present=1` (the filters stay in the URL); `slide=N` is the slide and
`auto=S` advances every S seconds, `loop=1` starts again after the last slide (a foyer
screen). The first slide is the agenda, each line a link to the slide it names. No filter
chrome, a type scale readable from 5 m, high contrast, the active filters as subtitle.
assets/presentation.js moves with the keyboard (arrows, Space, PageUp/PageDown – what
presentation clickers send), pauses auto-advance on input, and Esc goes back to the same view.
Each slide is one server round trip, so a 4K screen gets charts drawn for its size, not a
scaled bitmap.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from components.chart_card import assessment, graph_config
from dashboard import charts, export
from dashboard.deck import (
    AGENDA,
    LARGE_DECK,
    Slide,
    agenda,
    deck_slides,
    frames_for_slide,
    slide_figure,
)
from dashboard.i18n import format_number, translate
from dashboard.models import DataArea
from dashboard.routes import AREA_OF_VIEW
from dashboard.view_state import (
    PARAM_AUTO,
    PARAM_CORE_AREA,
    PARAM_GOAL,
    PARAM_LOOP,
    PARAM_PRESENT,
    PARAM_SECTOR,
    PARAM_SLIDE,
    ViewState,
    describe_filters,
)

DEFAULT_AUTO_SECONDS = 30
SLIDE_FONT_SIZE = 22


def presentation(frames: charts.Frames, *, path: str) -> html.Div:
    state, lang = frames.state, frames.lang
    slides = deck_slides(frames)
    exit_href = state.href(path, **{PARAM_PRESENT: None, PARAM_SLIDE: None, PARAM_AUTO: None})
    if not slides:
        return _frame(
            state,
            [html.P(translate("present.empty", lang), className="empty-result")],
            exit_href=exit_href,
            area=AREA_OF_VIEW.get(path) or DataArea.EFFECT_GOALS,
        )
    number = _slide_number(state, slides, path)
    slide = slides[number - 1]

    def href(n: int, **changes: str | None) -> str:
        return state.href(path, **{PARAM_SLIDE: str(n), PARAM_GOAL: None, **changes})

    auto = state.auto
    last = len(slides)
    # With loop=1 the last slide's "next" is the first: auto-advance never stops.
    next_number = number + 1 if number < last else (1 if state.loop else None)
    controls = html.Nav(
        [
            html.A(
                ["← ", translate("present.previous", lang)],
                href=href(max(number - 1, 1)),
                className="present-button",
                id="present-previous",
                **{"data-spa": "1"},
                **({"aria-disabled": "true"} if number == 1 else {}),
            ),
            html.P(
                translate("present.slide_of", lang, number=number, total=len(slides)),
                className="present-count",
                **{"aria-live": "polite"},
            ),
            html.A(
                [translate("present.next", lang), " →"],
                href=href(next_number or number),
                className="present-button",
                id="present-next",
                **{"data-spa": "1"},
                **({"aria-disabled": "true"} if next_number is None else {}),
            ),
            html.A(
                translate("present.auto_off", lang)
                if auto
                else translate("present.auto_on", lang, seconds=DEFAULT_AUTO_SECONDS),
                href=href(number, **{PARAM_AUTO: None if auto else str(DEFAULT_AUTO_SECONDS)}),
                className="present-button",
                id="present-auto",
                **{"data-spa": "1"},
            ),
            html.A(
                translate("present.loop_off" if state.loop else "present.loop_on", lang),
                href=href(number, **{PARAM_LOOP: None if state.loop else "1"}),
                className="present-button",
                id="present-loop",
                **{"data-spa": "1"},
            )
            if auto
            else None,
            html.Button(
                translate("present.fullscreen", lang),
                id="present-fullscreen",
                className="present-button",
                type="button",
            ),
            html.A(
                translate("export.deck", lang),
                href=export.export_href(
                    state, export.DECK_ID, "pdf", **{PARAM_SLIDE: None, PARAM_AUTO: None}
                ),
                className="present-button",
                id="present-deck-pdf",
                download=export.file_name(export.deck_file_stem(state), "pdf", dt.date.today()),
            ),
            html.A(
                translate("present.exit", lang),
                href=exit_href,
                className="present-button",
                id="present-exit",
                **{"data-spa": "1"},
            ),
        ],
        className="present-controls",
        **{"aria-label": translate("present.controls", lang)},
    )
    if slide.section == AGENDA:
        body = _agenda_body(state, slides, path=path, href=href)
    else:
        body = _slide_body(frames, slide)
    # A goal's slides carry its overall assessment for the year under the title.
    verdict = frames.goal_assessment(slide.goal) if slide.goal else None
    return _frame(
        state,
        [
            html.H1(slide.title, className="present-title"),
            html.P(verdict, className="present-goal-assessment") if verdict else None,
            body,
            controls,
        ],
        exit_href=exit_href,
        area=slide.section if slide.section != AGENDA else DataArea.EFFECT_GOALS,
        data={
            "data-next": href(next_number) if next_number else "",
            "data-previous": href(number - 1) if number > 1 else "",
            "data-auto": str(auto or ""),
        },
    )


def _frame(
    state: ViewState, children: list, *, exit_href: str, area: str, data: dict | None = None
) -> html.Div:
    lang = state.lang
    subtitle = html.P(describe_filters(state, area=area), className="present-subtitle")
    demo = html.P(translate("demo.badge", lang), className="demo-badge") if state.is_demo else None
    return html.Div(
        [html.Header([subtitle, demo], className="present-top"), html.Main(children, id="main")],
        className="presentation",
        lang=lang,
        **{"data-exit": exit_href, **(data or {})},
    )


def _slide_number(state: ViewState, slides: list[Slide], path: str) -> int:
    if state.slide:
        return min(state.slide, len(slides))
    section = AREA_OF_VIEW.get(path)
    first = next((i for i, s in enumerate(slides, 1) if s.section == section), 1)
    # The deck's first section starts with its agenda.
    return 1 if all(s.section == AGENDA for s in slides[: first - 1]) else first


def _agenda_body(state: ViewState, slides: list[Slide], *, path: str, href) -> html.Div:
    """The agenda: sections, sektorer and goals, each a link to the slide it starts on. A deck
    longer than a seminar shows offers the same deck for one sektor."""
    lang = state.lang
    items = [
        html.Li(
            html.A(
                [
                    html.Span(item.text, className="agenda-text"),
                    html.Span(
                        translate("deck.slide_number", lang, number=item.slide),
                        className="agenda-slide",
                    ),
                ],
                href=href(item.slide),
                **{"data-spa": "1"},
            ),
            className=f"agenda-level-{item.level}",
        )
        for item in agenda(slides, lang)
    ]
    narrow = None
    if len(slides) > LARGE_DECK and not state.filters.sector and state.sectors:
        narrow = html.Div(
            [
                html.P(translate("deck.large", lang, slides=len(slides))),
                html.Ul(
                    [
                        html.Li(
                            html.A(
                                sector["name"],
                                href=state.href(
                                    path,
                                    **{
                                        PARAM_SECTOR: sector["code"],
                                        PARAM_CORE_AREA: None,
                                        PARAM_SLIDE: "1",
                                        PARAM_GOAL: None,
                                    },
                                ),
                                className="present-button",
                                **{"data-spa": "1"},
                            )
                        )
                        for sector in state.sectors
                    ],
                    className="agenda-sectors",
                ),
            ],
            className="agenda-narrow",
        )
    return html.Div(
        [
            narrow,
            html.Nav(
                html.Ul(items, className="agenda-list"),
                **{"aria-label": translate("deck.agenda_label", lang)},
            ),
        ],
        className="present-body present-agenda",
    )


def _slide_body(frames: charts.Frames, slide: Slide) -> html.Div:
    lang = frames.lang
    slide_frames = frames_for_slide(frames, slide)
    items = []
    for chart_id in slide.chart_ids:
        chart = charts.build(chart_id, slide_frames)
        if chart is None:
            continue
        if chart.empty or chart.figure is None:
            items.append(html.P(chart.summary, className="empty-result"))
            continue
        figure = slide_figure(slide_frames, chart)
        layout = {k: v for k, v in figure["layout"].items() if k not in ("height", "title")}
        layout.update(
            autosize=True,
            font={**layout.get("font", {}), "size": SLIDE_FONT_SIZE},
            margin={**layout.get("margin", {}), "t": 48, "b": 24, "l": 24, "r": 24},
        )
        figure = {**figure, "layout": layout}
        items.append(
            html.Figure(
                [
                    # The theory of change's title is the slide's: not twice.
                    html.H2(chart.title, className="present-chart-title")
                    if chart.title != slide.title
                    else None,
                    dcc.Graph(
                        figure=figure,
                        config={**graph_config(chart.file_stem, lang), "displayModeBar": False},
                        className="present-graph",
                        id=f"present-{chart.chart_id}",
                    ),
                    html.Figcaption(
                        [
                            chart.summary,
                            assessment(chart, "present-assessment"),
                            " " + chart.source_note if chart.source_note else None,
                        ],
                        className="present-summary",
                    ),
                ],
                className="present-chart",
            )
        )
    layout = "present-one" if len(items) == 1 else "present-two"
    return html.Div(
        items,
        className=f"present-body {layout}",
        **{"data-charts": format_number(len(items), lang)},
    )
