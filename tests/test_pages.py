"""The views' layout functions (what the router callback calls), on the small fixture.

They are called the way Dash calls them: with the URL's query arguments, inside a request of an
app whose DATABASE_URL points at the fixture.
"""

from __future__ import annotations

import json

import pytest
from dash import html

from app import create_app
from dashboard.db import get_engine
from tests.small_fixture import load_small_fixture


@pytest.fixture
def fixture_app(sqlite_url):
    from dashboard.db import get_engine

    load_small_fixture(get_engine(sqlite_url))
    return create_app(database_url=sqlite_url)


def render(app, module: str, **query_args) -> str:
    import importlib

    page = importlib.import_module(f"pages.{module}")
    with app.server.test_request_context("/"):
        tree = page.layout(**query_args)
    return json.dumps(tree.to_plotly_json(), default=_plain, ensure_ascii=False)


def _plain(value):
    if hasattr(value, "to_plotly_json"):
        return value.to_plotly_json()
    return str(value)


def test_overview_shows_the_three_areas_for_the_fixture(fixture_app):
    text = render(fixture_app, "overview", year="2021")
    assert "Effektmål 2021" in text
    assert "Tjenestens gjennomgang 2021: deler levert" in text
    assert "2 / 4" in text  # U1's two parts delivered out of four
    assert "Målte sparte timer 2021" in text
    assert "7 timer" in text  # P1's measured hours in January 2021


def test_overview_in_english_and_danish(fixture_app):
    assert "Measured hours saved 2020" in render(fixture_app, "overview", year="2020", lang="en")
    assert "30 hours" in render(fixture_app, "overview", year="2020", lang="en")
    assert "Målte sparede timer 2020" in render(fixture_app, "overview", year="2020", lang="da")


def test_a_tampered_link_is_cleaned_and_said(fixture_app):
    text = render(fixture_app, "overview", sektor="'; DROP TABLE sector; --", year="abc",
                  lang="xx", unknown=["a", "b"])
    assert "Lenken inneholdt filtre som ikke finnes lenger" in text
    assert "sektor, year" in text
    # The table is still there: the next render sees the sector.
    assert "Skole" in render(fixture_app, "overview")


def test_sector_filter_reaches_every_area(fixture_app):
    text = render(fixture_app, "savings", year="2020", sektor="S2")
    assert "0 timer" in text  # S2 has no measured hours, only estimated
    assert "Vaktplan" in text and "Fakturakontroll" not in text


def test_a_sector_view_compares_with_the_sector_goal(fixture_app):
    """S1's 30 h against S1's own 40 h; S2 has no goal and says so, never the municipality's."""
    s1 = render(fixture_app, "savings", year="2020", sektor="S1")
    assert "Mål for Skole: 40 timer (75\u00a0% nådd)" in s1
    assert "100 timer" not in s1
    s2 = render(fixture_app, "savings", year="2020", sektor="S2")
    assert "Ingen egne mål for Helse i 2020" in s2 and "100 timer" not in s2
    whole = render(fixture_app, "savings", year="2020")
    assert "Kommunens mål: 100 timer (30\u00a0% nådd)" in whole
    danish = render(fixture_app, "savings", year="2020", sektor="S2", lang="da")
    assert "Intet eget mål for Helse i 2020" in danish


def test_no_data_is_said_neutrally_never_as_success(fixture_app):
    """2019 has no service-review parts: not "Alle deler er levert", not "✔ 0 / 0"."""
    review = render(fixture_app, "service_review", year="2019")
    assert "Ingen data for dette utvalget" in review
    assert "Alle deler er levert" not in review
    overview = render(fixture_app, "overview", year="2019")
    card = overview[overview.index("Tjenestens gjennomgang 2019") :][:600]
    assert "Ingen data for dette utvalget" in card and "kpi-neutral" in overview
    assert "0 / 0" not in overview
    assert "Mangler data" in card  # the status word beside the icon


def test_card_border_and_word_follow_the_worst_status(fixture_app):
    # 2021: two parts late → the review card is red with "Ikke i rute"; in 2022 the goals are
    # G1 off track, G2 met, G3 without data → worst shown is off track.
    text = render(fixture_app, "overview", year="2022")
    assert "kpi-card kpi-bad" in text and "status-off_track" in text
    assert "3 mål" in text  # the card counts goals and says so


def test_the_matrix_says_cross_cutting_goals_repeat(fixture_app):
    matrix = render(fixture_app, "effect_goals", year="2022")
    # G3 (cross-cutting X) is shown under S1 and S2: 3 goals, cells add up to 4.
    assert "I alt 3 mål." in matrix and "summerer til 4 mål" in matrix
    english = render(fixture_app, "effect_goals", year="2022", lang="en")
    assert "3 goals in all." in english and "1 goal" in english and "1 goals" not in english


def test_the_assessment_sits_under_the_chart_and_on_the_slide(fixture_app):
    query = {"year": "2021", "sektor": "S1", "kerneomrade": "A", "goal": "G1"}
    goal = render(fixture_app, "effect_goals", **query)
    assert "chart-assessment" in goal and "Vurdering 2021: Ny metode" in goal
    slides = [render(fixture_app, "effect_goals", present="1", slide=str(n), **query)
              for n in range(1, 8)]
    assert any("present-assessment" in s and "Vurdering 2021: Ny metode" in s for s in slides)


def test_kpi_cards_say_the_change_since_last_year(fixture_app):
    # Minuttjakt 2021: 7 measured hours against 30 in 2020; 2022's goals against 2021's.
    text = render(fixture_app, "overview", year="2021")
    assert "▼ 23 timer færre enn 2020: dårligere" in text
    first = render(fixture_app, "overview", year="2020")
    # No minuttjakt records in 2019: no change in hours to state (goals have 2019 values).
    assert "timer færre enn 2019" not in first and "timer mer enn 2019" not in first
    goals = render(fixture_app, "overview", year="2022")
    assert "Nådd eller i rute:" in goals and "enn 2021" in goals


def test_the_year_filter_offers_the_years_of_the_view_s_area(fixture_app):
    import re

    def years(text: str) -> list[str]:
        return re.findall(r'"label": "(\d{4}(?: \(ingen data\))?)"', text)

    # Service review has 2021 only; minuttjakt 2020 and 2021; the overview every area's years.
    assert years(render(fixture_app, "service_review")) == ["2021"]
    assert years(render(fixture_app, "savings")) == ["2021", "2020"]
    asked = render(fixture_app, "service_review", year="2019")
    assert years(asked) == ["2021", "2019 (ingen data)"]
    assert "2018" in years(render(fixture_app, "overview"))


def test_each_view_says_when_its_data_was_updated(fixture_app, sqlite_url):
    import datetime as dt

    from dashboard.data_version import bump_data_version
    from dashboard.db import get_engine, session_scope
    from dashboard.i18n import format_date

    with session_scope(get_engine(sqlite_url)) as session:
        bump_data_version(session, [1], ["savings"])
    today = format_date(dt.datetime.now(dt.UTC).date(), "nb")
    assert f"Data oppdatert {today}" in render(fixture_app, "savings", year="2020")
    assert f"Data oppdatert {today}" in render(fixture_app, "overview")
    assert "Data oppdatert" not in render(fixture_app, "service_review")  # never changed since


def test_a_year_without_values_says_which_year_it_shows(fixture_app, sqlite_url):
    from sqlalchemy import delete

    from dashboard.db import get_engine
    from dashboard.models import IndicatorValue

    # Without I1's 2021 value, 2021 (a year of the review and minuttjakt) has no indicator
    # values: the goals card shows each indicator's latest before it, from 2020, and says so.
    with get_engine(sqlite_url).begin() as conn:
        conn.execute(delete(IndicatorValue).where(IndicatorValue.period == 2021))
    text = render(fixture_app, "overview", year="2021")
    assert "Ingen tall for 2021 ennå: viser nyeste tall, fra 2020" in text
    assert "Ingen tall for" not in render(fixture_app, "overview", year="2022")


def test_a_goal_s_overall_assessment_on_its_page_and_slides(fixture_app, sqlite_url):
    from dashboard.db import session_scope
    from dashboard.models import EffectGoal, GoalAssessment

    with session_scope(get_engine(sqlite_url)) as s:
        goal_id = s.query(EffectGoal.id).filter(EffectGoal.code == "G1").scalar()
        s.add(GoalAssessment(effect_goal_id=goal_id, year=2022, text="Lesingen går fram"))
    query = {"year": "2022", "sektor": "S1", "kerneomrade": "A", "goal": "G1"}
    page = render(fixture_app, "effect_goals", **query)
    assert "Samlet vurdering 2022: Lesingen går fram" in page
    slides = [render(fixture_app, "effect_goals", present="1", slide=str(n), **query)
              for n in range(1, 8)]
    assert any("present-goal-assessment" in s for s in slides)
    earlier = render(fixture_app, "effect_goals", **{**query, "year": "2021"})
    assert "Samlet vurdering" not in earlier  # 2022's verdict is not 2021's


def test_effect_goals_levels(fixture_app):
    matrix = render(fixture_app, "effect_goals", year="2022")
    assert "status-matrix" in matrix and "Ikke i rute" in matrix
    goals = render(fixture_app, "effect_goals", year="2022", sektor="S1", kerneomrade="A")
    assert "Flere elever lærer mer" in goals and "goal-list" in goals
    goal = render(fixture_app, "effect_goals", year="2022", sektor="S1", kerneomrade="A",
                  goal="G1")
    assert "theory-of-change" in goal and "trend-I1" in goal and "trend-I2" in goal
    assert "Foreldre deltar" in goal  # the assumption on an arrow, in the text alternative


def test_unknown_goal_falls_back_to_the_list(fixture_app):
    text = render(fixture_app, "effect_goals", kerneomrade="A", goal="<script>x</script>")
    assert "goal-list" in text


def test_service_review_lists_what_is_outstanding(fixture_app):
    text = render(fixture_app, "service_review", year="2021")
    assert "Hjemmetjenesten" in text
    assert "review-outstanding-table" in text


def test_empty_database_says_so(sqlite_url):
    app = create_app(database_url=sqlite_url)
    for module in ("overview", "effect_goals", "service_review", "savings"):
        text = render(app, module)
        assert "empty-result" in text, module


def test_layout_is_a_component_tree(fixture_app):
    import importlib

    page = importlib.import_module("pages.overview")
    with fixture_app.server.test_request_context("/"):
        assert isinstance(page.layout(), html.Div)
