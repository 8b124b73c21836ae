"""The page shell: skip link, header with navigation and language switch, main, footer."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from dash import html

from components.context import csrf_token, current_user
from components.view_router import query_store
from dashboard.i18n import LANGUAGES, format_date, translate
from dashboard.routes import LANGUAGE_NAMES, NAV, ROLE_NAV, VIEWS, Route
from dashboard.view_state import PARAM_GOAL, PARAM_LANGUAGE, PARAM_PRESENT, ViewState
from dashboard.web.forms import login_href
from dashboard.web.security import CSRF_FIELD

MAIN_ID = "main"


def shell(state: ViewState, *, path: str, children: list, filter_bar: object = None) -> html.Div:
    lang = state.lang
    nav_links = [
        html.Li(
            html.A(
                translate(key, lang),
                href=state.href(target, **{PARAM_GOAL: None}),
                **{"data-spa": "1", "data-keep-query": "1"},
                className="nav-link" + (" active" if target == path else ""),
                **({"aria-current": "page"} if target == path else {}),
            ),
            className="nav-item",
        )
        for target, key in NAV
    ]
    user = current_user()
    nav_links += [
        html.Li(
            html.A(
                translate(key, lang),
                href=state.href(target, **{PARAM_GOAL: None}),
                className="nav-link" + (" active" if target == path else ""),
                **({"aria-current": "page"} if target == path else {}),
            ),
            className="nav-item",
        )
        for target, key, role in ROLE_NAV
        if user.has(role)
    ]
    language_links = [
        html.Li(
            html.A(
                code.upper(),
                href=state.href(path, **{PARAM_LANGUAGE: code}),
                **{"data-spa": "1", "data-keep-query": "1"},
                lang=code,
                hrefLang=code,
                title=LANGUAGE_NAMES[code],
                className="lang-link" + (" active" if code == lang else ""),
                **({"aria-current": "true"} if code == lang else {}),
            )
        )
        for code in LANGUAGES
    ]
    org_name = next(
        (o["name"] for o in state.organisations if o["code"] == state.filters.organisation), ""
    )
    header = html.Header(
        [
            html.Div(
                [
                    html.Span(translate("app.title", lang), className="brand"),
                    html.Span(org_name, className="org-name"),
                    html.Span(
                        translate("demo.badge", lang),
                        className="demo-badge",
                        title=translate("demo.explanation", lang),
                    )
                    if state.is_demo
                    else None,
                ],
                className="brand-row",
            ),
            html.Nav(
                html.Ul(nav_links, className="nav"),
                className="main-nav",
                **{"aria-label": translate("nav.label", lang)},
            ),
            _account(state, path, user),
            # Presentation mode exists for the views only.
            html.A(
                translate("present.enter", lang),
                href=state.href(path, **{PARAM_PRESENT: "1"}),
                className="present-enter lang-link",
                **{"data-spa": "1", "data-keep-query": "1"},
            )
            if path in VIEWS
            else None,
            html.Nav(
                html.Ul(language_links, className="lang-list"),
                className="lang-nav",
                **{"aria-label": translate("nav.language", lang)},
            ),
        ],
        className="app-header",
    )
    notices = []
    if state.ignored:
        notices.append(
            html.P(
                translate("notice.ignored_params", lang, params=", ".join(state.ignored)),
                className="notice",
                role="status",
            )
        )
    return html.Div(
        [
            html.A(translate("nav.skip", lang), href=f"#{MAIN_ID}", className="skip-link"),
            header,
            filter_bar,
            # Printed pages: the filters and the date as one line (assets/responsive.js
            # writes it from the filters as they are when printing; hidden on screen).
            html.P(
                className="print-header",
                **{
                    "aria-hidden": "true",
                    "data-printed": translate(
                        "print.printed", lang, date=format_date(dt.date.today(), lang)
                    ),
                    "data-scroll-hint": translate("table.scroll_hint", lang),
                },
            ),
            *notices,
            html.Main(children, id=MAIN_ID, tabIndex="-1", className="app-main"),
            # The store the view's in-place filter changes arrive in (components/view_router).
            query_store(path, urlencode(state.query)) if path in VIEWS else None,
            html.Footer(
                [
                    html.P(translate("footer.source", lang)),
                    html.P(
                        html.A(
                            translate("footer.accessibility", lang),
                            href=state.href(Route.ACCESSIBILITY, **{PARAM_GOAL: None}),
                            **{"data-spa": "1", "data-keep-query": "1"},
                        )
                    ),
                    html.P(translate("demo.explanation", lang)) if state.is_demo else None,
                ],
                className="app-footer",
            ),
        ],
        className="app-shell",
        lang=lang,
        # The query the links above were built with: links.js keeps them in step with the URL
        # while the view changes in place.
        **{"data-query": urlencode(state.query)},
    )


def _account(state: ViewState, path: str, user) -> html.Div:
    """Who is signed in, with a button to sign out; or a link to the login page."""
    lang = state.lang
    if not user.is_authenticated:
        if path == Route.LOGIN:
            return html.Div(className="account")
        return html.Div(
            html.A(
                translate("auth.login_link", lang),
                href=login_href(state, state.href(path)),  # back to this very view
                className="lang-link account-link",
                **{"data-login-next": "1"},
            ),
            className="account",
        )
    who = html.Span(
        translate(
            "auth.signed_in_as", lang, name=user.name, role=translate(f"role.{user.role}", lang)
        ),
        className="account-name",
    )
    if user.source != "session":  # single sign-on: signing out is the proxy's business
        return html.Div(who, className="account")
    return html.Div(
        [
            who,
            # The token rides on the button (a submit button sends its name and value), which
            # dash.html can draw; it has no <input>.
            html.Form(
                html.Button(
                    translate("auth.logout", lang),
                    type="submit",
                    name=CSRF_FIELD,
                    value=csrf_token(),
                    className="lang-link logout",
                ),
                # back to this view afterwards, in this language
                action=state.href(Route.LOGOUT, next=state.href(path)),
                method="post",
                className="logout-form",
            ),
        ],
        className="account",
    )
