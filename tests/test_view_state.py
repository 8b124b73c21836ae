"""The view state of the two demo organisations: the default one is not named in the URL, a
named one stays named, and the organisation filter offers the default as its first choice."""

from __future__ import annotations

import pytest

from components.filter_bar import ALL_VALUE, select_choices
from dashboard.ingest import demo
from dashboard.view_state import PARAM_ORGANISATION, view_state


@pytest.fixture
def loaded(engine):
    demo.load_demo(engine)
    return engine


def test_the_default_organisation_is_the_norwegian_demo_and_stays_unnamed(loaded):
    state = view_state({"sektor": "helse-velferd"}, engine=loaded)
    assert state.filters.organisation == "demo"
    assert PARAM_ORGANISATION not in state.query and not state.ignored
    options, value = select_choices(state, PARAM_ORGANISATION)
    assert value == ALL_VALUE
    assert options == [
        {"label": "Demo kommune", "value": ALL_VALUE},
        {"label": "Demo Kommune (DK)", "value": "demo-dk"},
    ]


def test_a_named_organisation_stays_named_and_has_its_own_codes(loaded):
    danish = view_state({"org": "demo-dk", "lang": "da", "sektor": "born-unge"}, engine=loaded)
    assert danish.filters.organisation == "demo-dk" and danish.query["org"] == "demo-dk"
    assert danish.filters.sector == "born-unge"
    assert select_choices(danish, PARAM_ORGANISATION)[1] == "demo-dk"
    # A Norwegian sector code means nothing in the Danish organisation: dropped, and said.
    other = view_state({"org": "demo-dk", "sektor": "helse-velferd"}, engine=loaded)
    assert other.filters.sector is None and other.ignored == ["sektor"]
    # The default organisation named explicitly stays named (the link says so).
    named = view_state({"org": "demo"}, engine=loaded)
    assert named.query["org"] == "demo"
    assert select_choices(named, PARAM_ORGANISATION)[1] == "demo"


def test_an_unknown_organisation_falls_back_to_the_default_and_says_so(loaded):
    state = view_state({"org": "finnes-ikke"}, engine=loaded)
    assert state.filters.organisation == "demo"
    assert state.ignored == ["org"] and "org" not in state.query


def test_the_organisation_list_is_cached_until_one_is_added(loaded):
    from cachelib import SimpleCache
    from sqlalchemy import event

    from dashboard.cache import QueryCache
    from dashboard.data_version import bump_data_version
    from dashboard.db import session_scope
    from dashboard.models import Organisation

    cache = QueryCache(SimpleCache(), where="in-process")
    statements: list[str] = []
    event.listen(loaded, "before_cursor_execute", lambda *a: statements.append(a[2]))
    first = view_state({}, engine=loaded, cache=cache)
    reads = sum("FROM organisation ORDER BY" in s for s in statements)
    again = view_state({}, engine=loaded, cache=cache)
    assert sum("FROM organisation ORDER BY" in s for s in statements) == reads == 1
    assert again.organisations == first.organisations
    with session_scope(loaded) as session:
        org = Organisation(code="ny", name="Ny kommune", is_demo=False)
        session.add(org)
        session.flush()
        bump_data_version(session, [org.id], ["organisation"])
    names = [o["name"] for o in view_state({}, engine=loaded, cache=cache).organisations]
    assert names == ["Demo kommune", "Demo Kommune (DK)", "Ny kommune"]
