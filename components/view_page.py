"""The preamble every view shares, written once: presentation mode when `?present=1`, the
heading, the intro, the filter bar, the "no data" sentence when there is nothing to show, and
the page shell around the view's own parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import html
from dash.development.base_component import Component

from components.context import current_frames, page_state
from components.filter_bar import filter_bar
from components.presentation import presentation
from components.shell import shell
from dashboard.charts import Frames
from dashboard.i18n import translate
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import ViewState


@dataclass(frozen=True)
class ViewPage:
    path: Route
    heading: Callable[[ViewState], Component]
    body: Callable[[Frames], list[Component]]  # the view's own parts, when it has data
    empty_key: str  # the sentence shown when it has none
    area: DataArea | None = None  # the area whose years the filter offers and the view needs
    intro_key: str | None = None
    needs_year: bool = True  # no year with data in `area`: nothing to show
    filters_when_empty: bool = True


def view_layout(page: ViewPage, query_args: dict[str, object]) -> Component:
    state = page_state(query_args)
    if state.present:
        return presentation(current_frames(state), path=page.path)
    lang = state.lang
    children: list[Component] = [page.heading(state)]
    if page.intro_key:
        children.append(html.P(translate(page.intro_key, lang), className="page-intro"))
    bar = filter_bar(state, view=page.path, year_area=page.area)
    has_data = bool(state.filters.organisation) and not (
        page.needs_year and page.area is not None and not state.year_for(page.area)
    )
    if not has_data:
        children.append(html.P(translate(page.empty_key, lang), className="empty-result"))
        return shell(
            state,
            path=page.path,
            children=children,
            filter_bar=bar if page.filters_when_empty else None,
        )
    children += page.body(current_frames(state))
    return shell(state, path=page.path, children=children, filter_bar=bar)
