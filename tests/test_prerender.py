"""The first response carries the view as static HTML (components/prerender.py): painted before
Dash runs, inert, hidden from assistive technology, without ids; a view that cannot be
prerendered still gets its page (Dash renders it)."""

from __future__ import annotations

import re

from dash import dcc, html

from app import create_app
from components import prerender
from dashboard.db import get_engine
from tests.small_fixture import load_small_fixture


def _copy(page: str) -> str:
    match = re.search(
        r'<div id="prerendered" inert aria-hidden="true">(.*?)<div id="react-entry-point"',
        page,
        re.S,
    )
    assert match, page[:500]
    return match.group(1)


def test_the_index_carries_the_view_as_html(sqlite_url):
    load_small_fixture(get_engine(sqlite_url))
    client = create_app(database_url=sqlite_url).server.test_client()
    page = client.get("/minuttjakt?lang=en").get_data(as_text=True)
    copy = _copy(page)
    assert "<main" in copy and "<h1" in copy and 'class="app-shell"' in copy
    assert "<select" in copy and 'class="dash-graph' in copy
    assert " id=" not in copy  # the live view has the ids; never two on the page


def test_a_view_that_fails_to_prerender_still_gets_its_page(sqlite_url, monkeypatch):
    from components import view_router

    def broken(_view):
        raise RuntimeError("boom")

    app = create_app(database_url=sqlite_url)
    monkeypatch.setattr(view_router, "render_view", broken)
    response = app.server.test_client().get("/")
    assert response.status_code == 200
    assert 'id="prerendered"' not in response.get_data(as_text=True)


def test_to_html_escapes_and_writes_static_forms():
    tree = html.Div(
        [
            html.A("a<b", href="/x?a=1&b=2", **{"data-spa": "1"}),
            dcc.Graph(id={"type": "g"}, style={"height": "300px"}, className="chart-graph"),
            dcc.Store(id="s", data=1),
            html.P("hidden", hidden=True),
        ],
        id="root",
        style={"marginTop": 4},
    )
    assert prerender.to_html(tree) == (
        '<div style="margin-top:4px"><a href="/x?a=1&amp;b=2" data-spa="1">a&lt;b</a>'
        '<div class="dash-graph chart-graph" style="height:300px"></div>'
        "<p hidden>hidden</p></div>"
    )
