"""Pages Flask serves itself, as plain HTML from Jinja2 templates (dashboard/web/templates):
the login, import and admin forms, and the error pages.

They carry the views' page shell (header, navigation, language links, footer) with no script
at all, so they work without JavaScript, under the strictest CSP, and need no Dash callback:
behind REQUIRE_LOGIN an anonymous visitor reaches the login form and nothing else, and a form
posts to a plain Flask route that answers with the next page. Jinja2 escapes every value.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, has_app_context, request
from sqlalchemy import Engine

from dashboard.db import get_engine
from dashboard.i18n import LANGUAGES, translate
from dashboard.routes import LANGUAGE_NAMES, NAV, ROLE_NAV, STYLESHEETS, Route, href
from dashboard.view_state import PARAM_GOAL, PARAM_LANGUAGE, ViewState, view_state
from dashboard.web import auth, security
from dashboard.web.rendering import render, translator, url_prefix


def current_engine() -> Engine:
    url = current_app.config.get("DATABASE_URL") if has_app_context() else None
    return get_engine(url)


def request_state() -> ViewState:
    """The view state of this request's query string (language, organisation)."""
    return view_state(
        request.args.to_dict(flat=False), engine=current_engine(), prefix=url_prefix()
    )


def shell_context(state: ViewState, path: Route) -> dict[str, Any]:
    """What the page shell shows: navigation for this user, language links, account."""
    lang, user = state.lang, auth.current_user()

    def link(target: Route, key: str) -> dict[str, object]:
        return {
            "href": state.href(target, **{PARAM_GOAL: None}),
            "text": translate(key, lang),
            "active": target == path,
        }

    nav = [link(target, key) for target, key in NAV]
    nav += [link(target, key) for target, key, role in ROLE_NAV if user.has(role)]
    if user.is_authenticated:
        account = {
            "kind": "session" if user.source == "session" else "proxy",
            "who": translate(
                "auth.signed_in_as",
                lang,
                name=user.name,
                role=translate(f"role.{user.role}", lang),
            ),
            "logout_href": state.href(Route.LOGOUT),
        }
    elif path == Route.LOGIN:
        account = {"kind": "none"}
    else:
        back = state.href(path, **{PARAM_GOAL: None})
        account = {"kind": "login_link", "href": login_href(state, back)}
    return {
        "org_name": next(
            (o["name"] for o in state.organisations if o["code"] == state.filters.organisation),
            "",
        ),
        "is_demo": state.is_demo,
        "nav": nav,
        "account": account,
        "languages": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "href": state.href(path, **{PARAM_LANGUAGE: code}),
                "active": code == lang,
            }
            for code in LANGUAGES
        ],
        "notices": [translate("notice.ignored_params", lang, params=", ".join(state.ignored))]
        if state.ignored
        else [],
        "accessibility_href": state.href(Route.ACCESSIBILITY, **{PARAM_GOAL: None}),
    }


def login_href(state: ViewState, next_path: str) -> str:
    """The login page in the user's language, coming back to `next_path` afterwards."""
    return state.href(Route.LOGIN, **{"next": next_path, PARAM_GOAL: None})


def page_response(
    template: str,
    state: ViewState,
    *,
    path: Route,
    title: str,
    status: int = 200,
    **context: Any,
) -> Response:
    """A whole form page in the shell of the views, never stored by a cache."""
    page = render(
        template,
        lang=state.lang,
        t=translator(state.lang),
        title=title,
        stylesheets=[href(sheet, state.prefix) for sheet in STYLESHEETS],
        shell=shell_context(state, path),
        csrf_field=security.CSRF_FIELD,
        csrf_token=security.csrf_token(),
        **context,
    )
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
