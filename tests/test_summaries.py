"""The charts' one-sentence text alternatives, for the small fixture's numbers and for nothing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import queries, summaries
from dashboard.i18n import translate
from dashboard.queries import Filters
from dashboard.status import count_by_status, goal_statuses
from tests.small_fixture import ORG, load_small_fixture

NBSP = "\u00a0"
END_2021 = dt.date(2021, 12, 31)


@pytest.fixture
def db(engine):
    load_small_fixture(engine)
    return engine


def F(**kwargs) -> Filters:  # noqa: N802
    return Filters(organisation=ORG, **kwargs)


# --- Effect goals -----------------------------------------------------------------------------


def test_indicator_and_goal_status_sentences(db):
    indicators = queries.indicator_status(db, F(year=2022))
    counts = count_by_status(indicators)
    assert summaries.status_counts(counts, lang="nb", what="indicators") == (
        "4 indikatorer: 1 nådd, 1 i rute, 0 usikre, 1 ikke i rute og 1 uten data."
    )
    assert summaries.status_counts(counts, lang="en", what="indicators") == (
        "4 indicators: 1 met, 1 on track, 0 at risk, 1 off track and 1 without data."
    )
    goals = count_by_status(goal_statuses(indicators))  # G1 off_track, G2 met, G3 no_data
    assert summaries.status_counts(goals, lang="nb", what="goals") == (
        "3 mål: 1 nådd, 0 i rute, 0 usikre, 1 ikke i rute og 1 uten data."
    )
    assert summaries.status_counts(goals, lang="en", what="goals") == (
        "3 goals: 1 met, 0 on track, 0 at risk, 1 off track and 1 without data."
    )
    assert summaries.status_counts(goals, lang="da", what="goals") == (
        "3 mål: 1 nået, 0 på rette vej, 0 usikre, 1 ikke på rette vej og 1 uden data."
    )


def test_indicator_sentence_in_2021(db):
    counts = count_by_status(queries.indicator_status(db, F(year=2021)))
    assert summaries.status_counts(counts, lang="nb", what="indicators") == (
        "4 indikatorer: 0 nådd, 1 i rute, 0 usikre, 1 ikke i rute og 2 uten data."
    )


def test_large_counts_are_formatted():
    counts = {"met": 1200, "on_track": 0, "at_risk": 0, "off_track": 0, "no_data": 0}
    assert summaries.status_counts(counts, lang="nb", what="indicators").startswith(
        f"1{NBSP}200 indikatorer: 1{NBSP}200 nådd"
    )
    assert summaries.status_counts(counts, lang="en", what="indicators").startswith(
        "1,200 indicators: 1,200 met"
    )


# --- Service review ---------------------------------------------------------------------------


def test_review_sentence_at_year_end(db):
    completion = queries.review_completion(db, F(year=2021), as_of=END_2021)
    assert summaries.review_completion(completion, year=2021, lang="nb") == (
        "I 2021 er 2 av 4 deler levert (1 i tide); 2 er forsinket og 0 har fristen foran seg."
    )
    assert summaries.review_completion(completion, year=2021, lang="en") == (
        "In 2021, delivered: 2 of 4 parts (1 on time); 2 are late and 0 have their deadline ahead."
    )
    assert summaries.review_completion(completion, year=2021, lang="da") == (
        "I 2021 er 2 af 4 dele afleveret (1 til tiden); 2 er forsinket, og 0 har fristen foran sig."
    )


def test_review_sentence_before_the_august_deadline(db):
    completion = queries.review_completion(db, F(year=2021), as_of=dt.date(2021, 8, 1))
    assert summaries.review_completion(completion, year=2021, lang="nb") == (
        "I 2021 er 2 av 4 deler levert (1 i tide); 1 er forsinket og 1 har fristen foran seg."
    )


def test_budget_sentence(db):
    budget = queries.review_budget_totals(db, F(year=2021))
    assert summaries.review_budget(budget, lang="nb") == (
        f"2 budsjettinnspill: kr 1{NBSP}000{NBSP}000 til drift og "
        f"kr 5{NBSP}000{NBSP}000 til investering."
    )
    assert summaries.review_budget(budget, lang="en") == (
        "2 budget inputs: NOK 1,000,000 for operations and NOK 5,000,000 for investment."
    )
    assert summaries.review_budget(budget, lang="da") == (
        f"2 budgetinput: 1{NBSP}000{NBSP}000 NOK til drift og 5{NBSP}000{NBSP}000 NOK til anlæg."
    )
    # One side only: the other is 0 kroner, not missing.
    s1 = queries.review_budget_totals(db, F(year=2021, sector="S1"))
    assert summaries.review_budget(s1, lang="en") == (  # one input, not "1 inputs"
        "1 budget input: NOK 1,000,000 for operations and NOK 0 for investment."
    )


# --- Minuttjakt -------------------------------------------------------------------------------


def test_savings_sentence_with_goal(db):
    totals = queries.savings_totals(
        queries.savings_by_month(db, F(year=2020)),
        goal_hours=queries.savings_goal_hours(db, F(year=2020)),
    )
    text = summaries.savings_year(
        totals.measured_hours,
        totals.estimated_hours,
        goal=totals.goal_hours,
        year=2020,
        lang="nb",
    )
    assert text == (
        "I 2020 er 30 timer målt spart; i tillegg er 9 timer estimert (ikke lagt sammen). "
        "Kommunens mål er 100 timer, og 30\u00a0% er nådd."
    )
    assert "39" not in text  # never measured + estimated
    assert summaries.savings_year(30, 9, goal=100, year=2020, lang="en") == (
        "In 2020, 30 hours were measured as saved; another 9 hours are estimated (not added "
        "together). The municipality's goal is 100 hours, and 30% is reached."
    )


@pytest.mark.parametrize(
    ("sector", "lang", "expected"),
    [
        ("S1", "nb", "Målet for Skole er 40 timer, og 75\u00a0% er nådd."),
        ("S1", "da", "Målet for Skole er 40 timer, og 75\u00a0% er nået."),
        ("S1", "en", "The goal for Skole is 40 hours, and 75% is reached."),
        ("S2", "nb", "Helse har ikke eget mål for 2020."),
        ("S2", "da", "Helse har intet eget mål for 2020."),
        ("S2", "en", "Helse has no goal of its own for 2020."),
    ],
)
def test_a_sector_is_compared_with_its_own_goal_or_none(db, sector, lang, expected):
    """S1 has 40 h of its own; S2 has none and never borrows the municipality's 100 h."""
    filters = F(year=2020, sector=sector)
    totals = queries.savings_totals(
        queries.savings_by_month(db, filters),
        goal_hours=queries.savings_goal_hours(db, filters),
        level=queries.goal_level(filters),
        level_name=queries.level_name(db, filters),
    )
    text = summaries.savings_year(
        totals.measured_hours,
        totals.estimated_hours,
        goal=totals.goal_hours,
        year=2020,
        lang=lang,
        name=summaries.level_label(totals, lang),
    )
    assert text.endswith(expected)
    assert "100" not in text


def test_the_share_is_worked_out_from_the_hours_as_shown():
    # 30,5 h reads "31 timer", and its share of a 61 h goal is 31 / 61 = 51 % (not 30,5 / 61).
    assert "og 51\u00a0% er nådd" in summaries.savings_goal(30.5, 61, year=2026, lang="nb")
    text = summaries.savings_year(5310.5, 0, goal=None, year=2026, lang="nb")
    assert "5 311 timer" in text.replace("\u00a0", " ")


def test_savings_sentence_without_goal():
    """No goal is said, not left out (a reader would otherwise look for one)."""
    assert summaries.savings_year(7, 0, goal=None, year=2021, lang="nb") == (
        "I 2021 er 7 timer målt spart; i tillegg er 0 timer estimert (ikke lagt sammen). "
        "Det er ikke satt noe mål for 2021."
    )
    assert summaries.savings_year(0, 5, goal=0, year=2020, lang="en") == (
        "In 2020, 0 hours were measured as saved; another 5 hours are estimated (not added "
        "together). No goal is set for 2020."
    )
    assert summaries.savings_year(3389.4, 0, goal=None, year=2020, lang="nb").startswith(
        f"I 2020 er 3{NBSP}389 timer"
    )


def test_hours_ranking(db):
    by_sector = queries.savings_by_sector(db, F(year=2020))
    assert summaries.hours_ranking(
        by_sector, label_column="sector_name", lang="nb", noun="count.sectors"
    ) == (
        "2 sektorer i alt; mest målt: Skole med 30 timer. Sum målt: 30 timer; "
        "sum estimert: 9 timer."
    )
    by_process = queries.savings_by_process(db, F(year=2020))
    assert summaries.hours_ranking(by_process, label_column="process_name", lang="en") == (
        "2 processes in all; most measured: Fakturakontroll with 30 hours. "
        "Total measured: 30 hours; total estimated: 9 hours."
    )


def test_pipeline_sentence(db):
    pipeline = queries.process_pipeline(db, F())
    assert summaries.pipeline(pipeline, lang="nb") == (
        "2 prosesser: 0 idéer, 1 under utvikling, 1 i produksjon og 0 avsluttet."
    )
    assert summaries.pipeline(pipeline, lang="en") == (
        "2 processes: 0 ideas, 1 in development, 1 in production and 0 retired."
    )


# --- Nothing to say ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_empty_results_say_so(db, lang):
    nothing = Filters(organisation="nope", year=2021)
    zero_counts = count_by_status(queries.indicator_status(db, nothing))
    assert summaries.status_counts(zero_counts, lang=lang, what="goals") == translate(
        "empty.effect_goals", lang
    )
    assert summaries.review_completion(
        queries.review_completion(db, nothing, as_of=END_2021), year=2021, lang=lang
    ) == translate("empty.service_review", lang)
    assert summaries.review_budget(
        queries.review_budget_totals(db, nothing), lang=lang
    ) == translate("empty.budget", lang)
    months = queries.savings_by_month(db, nothing)
    assert summaries.savings_year(
        months["measured_hours"].sum(),
        months["estimated_hours"].sum(),
        goal=100,
        year=2021,
        lang=lang,
    ) == translate("empty.savings", lang)
    assert summaries.hours_ranking(
        queries.savings_by_sector(db, nothing), label_column="sector_name", lang=lang
    ) == translate("empty.savings", lang)
    assert summaries.pipeline(queries.process_pipeline(db, nothing), lang=lang) == translate(
        "empty.pipeline", lang
    )


def test_empty_sentences_in_norwegian():
    empty = pd.DataFrame(columns=["sector_code", "outcome", "tasks"])
    assert summaries.review_completion(empty, year=2021, lang="nb") == (
        "Ingen oppgaver i tjenestens gjennomgang passer til de valgte filtrene."
    )
    assert summaries.savings_year(0, 0, goal=None, year=2021, lang="nb") == (
        "Ingen sparte timer er registrert for de valgte filtrene."
    )
    zero = {"met": 0, "on_track": 0, "at_risk": 0, "off_track": 0, "no_data": 0}
    assert summaries.status_counts(zero, lang="nb", what="indicators") == (
        "Ingen effektmål passer til de valgte filtrene."
    )


def test_a_long_assessment_is_wrapped_to_a_few_lines_with_an_ellipsis():
    text = "Covid-19: hoteller og campingpladser lukket i foråret. " * 20
    lines = summaries.assessment_lines(text)
    assert len(lines) == summaries.ASSESSMENT_MAX_LINES
    assert all(len(line) <= summaries.ASSESSMENT_LINE_CHARS for line in lines)
    assert lines[-1].endswith("…")
    assert summaries.assessment_lines("Kort.") == ["Kort."]


@pytest.mark.parametrize(
    ("current", "previous", "higher", "lang", "expected"),
    [
        (4782, 3389, True, "nb", "▲ 1\u00a0393 timer mer enn 2020: bedre"),
        (7, 30, True, "nb", "▼ 23 timer færre enn 2020: dårligere"),
        (7, 30, True, "en", "▼ 23 hours fewer than 2020: worse"),
        (7, 8, True, "da", "▼ 1 time færre end 2020: dårligere"),
        # Lower is better (absence, waiting time): a fall is an improvement.
        (21, 22, False, "nb", "▼ 1 time færre enn 2020: bedre"),
        (30.4, 29.6, True, "nb", "● Uendret fra 2020"),  # 30 and 30 as shown
    ],
)
def test_change_since_last_year_is_direction_aware(current, previous, higher, lang, expected):
    assert (
        summaries.change_since(
            current, previous, previous_year=2020, lang=lang, higher_is_better=higher
        )
        == expected
    )
    assert summaries.change_since(current, None, previous_year=2020, lang=lang) is None
