"""What a page needs from the request: its engine, and its view state read from the URL.

Pages never import `app`; the app factory puts the database URL in the Flask config, and this
module reads it during the request (so two app instances can serve two databases side by side).
"""

from __future__ import annotations

from sqlalchemy import Engine

from dashboard.charts import Frames
from dashboard.view_state import ViewState, view_state
from dashboard.web import auth, forms, security
from dashboard.web import cache as web_cache


def current_engine() -> Engine:
    return forms.current_engine()


def url_prefix() -> str:
    return forms.url_prefix()


def page_state(query_args: dict[str, object]) -> ViewState:
    """The view state of this request's URL; its filter options through the app's cache."""
    return view_state(
        query_args, engine=current_engine(), prefix=url_prefix(), cache=web_cache.current()
    )


def current_frames(state: ViewState) -> Frames:
    """The query results of this view, through the app's query cache."""
    return Frames(current_engine(), state, cache=web_cache.current())


def current_user() -> auth.CurrentUser:
    """The user of this request (dashboard/web/auth.py); anonymous outside a request."""
    return auth.current_user()


def csrf_token() -> str:
    """The CSRF token a form of this session sends back in its `csrf_token` field."""
    return security.csrf_token()
