"""Tilgjengelighetserklæring: what is met, what is not, and how to report a problem.

Norwegian public-sector web solutions (intranets included) must meet WCAG 2.1 and publish such a
statement; the text lives in the catalogues like every other string.
"""

from __future__ import annotations

import dash
from dash import html

from components.context import page_state
from components.shell import shell
from dashboard import settings
from dashboard.i18n import hyphenate, translate
from dashboard.routes import Route

PATH = Route.ACCESSIBILITY

dash.register_page(__name__, path=PATH, title="Tilgjengelighet", order=9)

MET = (
    "a11y.met.text_alternatives",
    "a11y.met.keyboard",
    "a11y.met.status",
    "a11y.met.contrast",
    "a11y.met.reflow",
    "a11y.met.language",
    "a11y.met.tested",
)
NOT_MET = ("a11y.not_met.hover", "a11y.not_met.pdf", "a11y.not_met.diagram")


def layout(**query_args: object) -> html.Div:
    state = page_state(query_args)
    lang = state.lang
    contact = settings.value("ACCESSIBILITY_CONTACT")
    children = [
        html.H1(hyphenate(translate("a11y.title", lang), lang), className="page-title"),
        html.P(translate("a11y.intro", lang), className="page-intro"),
        html.H2(translate("a11y.met_heading", lang)),
        html.Ul([html.Li(translate(key, lang)) for key in MET]),
        html.H2(translate("a11y.not_met_heading", lang)),
        html.Ul([html.Li(translate(key, lang)) for key in NOT_MET]),
        html.H2(translate("a11y.report_heading", lang)),
        html.P([translate("a11y.report", lang), " ", html.A(contact, href=f"mailto:{contact}")]),
        html.P(translate("a11y.authority", lang)),
    ]
    return shell(state, path=PATH, children=[html.Article(children, className="prose")])
