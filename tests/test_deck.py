"""The seminar deck with every sektor of the demo: every goal gets all its slides (no cut), and
the agenda names the page each sektor and goal starts on. The expected counts come from the
demo's own definition (dashboard/ingest/demo.py: each goal's indicators, each core area's
sektorer), not from the deck code; the pages are read back from the PDF the route serves.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata

import pytest
from pypdf import PdfReader

from app import create_app
from dashboard import charts, migrate
from dashboard.db import get_engine
from dashboard.deck import AGENDA, TRENDS_PER_SLIDE, agenda, deck_slides
from dashboard.ingest import demo
from dashboard.view_state import view_state

PAGE_PT = (1200, 675)  # 1600 × 900 CSS px


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("deck") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    demo.load_demo(get_engine(url))
    return url


def _text(page) -> str:
    # NFKC: the fonts set "ff"/"fi" as ligatures; whitespace as one space (titles wrap).
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


def _expected_goals() -> list[tuple[str, int, str]]:
    """(title, number of slides, sektor name) of every demo goal, from the demo's definition."""
    area_name = {code: name for code, name, *_ in demo.CORE_AREAS}
    area_sectors = {code: sectors for code, _, _, _, sectors in demo.CORE_AREAS}
    sector_name = dict(demo.SECTORS)
    expected = []
    for goal in demo.GOALS:
        trends = math.ceil(len(goal.indicators) / TRENDS_PER_SLIDE)
        # Under the first of its core area's sektorer, by name.
        sector = min(sector_name[code] for code in area_sectors[goal.core_area])
        expected.append((f"{area_name[goal.core_area]}: {goal.text}", trends + 1, sector))
    return expected


def test_the_deck_of_every_sector_has_every_goal_and_an_agenda_that_matches(demo_url, chromium):
    client = create_app(database_url=demo_url).server.test_client()
    response = client.get("/export/deck.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    reader = PdfReader(io.BytesIO(response.data))
    pages = [_text(page) for page in reader.pages]
    goals = _expected_goals()

    # Agenda, status, every goal's trend and theory slides, two review and two minuttjakt slides.
    assert len(pages) == 1 + 1 + sum(n for _, n, _ in goals) + 2 + 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == PAGE_PT

    agenda_page = pages[0]
    assert agenda_page.startswith("Agenda")
    first_of_sector: dict[str, int] = {}
    for title, count, sector in goals:
        on = [number for number, text in enumerate(pages, start=1) if text.startswith(title)]
        # All its slides, one after the other, the last its theory of change.
        assert len(on) == count, (title, on)
        assert on == list(range(on[0], on[0] + count)), (title, on)
        assert pages[on[-1] - 1].startswith(f"{title}: Endringsteori"), title
        assert f"Lysbilde {on[0]} av {len(pages)}" in pages[on[0] - 1]
        # The agenda names the page the goal starts on.
        listed = re.search(re.escape(title) + r" lysbilde (\d+)", agenda_page)
        assert listed and int(listed.group(1)) == on[0], (title, on[0], agenda_page)
        first_of_sector[sector] = min(first_of_sector.get(sector, on[0]), on[0])
    for sector, first in first_of_sector.items():
        listed = re.search(re.escape(sector) + r" lysbilde (\d+)", agenda_page)
        assert listed and int(listed.group(1)) == first, (sector, first)
    # The sections too: the service review and minuttjakt are the last four pages.
    sections = (("Tjenestens gjennomgang", len(pages) - 3), ("Minuttjakt", len(pages) - 1))
    for section, page in sections:
        listed = re.search(section + r" lysbilde (\d+)", agenda_page)
        assert listed and int(listed.group(1)) == page, (section, agenda_page)

    metadata = reader.metadata
    assert metadata.title == "Byrådsseminar" and metadata.author == "Demo kommune"
    assert "Alle sektorer" in metadata.subject


def test_a_large_deck_is_never_cut_and_offers_one_sector(demo_url):
    """More slides than a seminar shows: all of them stay; presentation mode's agenda offers
    the deck of one sektor instead (components/presentation.py)."""
    engine = get_engine(demo_url)
    slides = deck_slides(charts.Frames(engine, view_state({}, engine=engine)))
    assert len(slides) > 40
    goals = _expected_goals()
    assert len({s.goal for s in slides if s.goal}) == len(goals)
    assert slides[0].section == AGENDA and slides[0].chart_ids == ()
    items = agenda(slides, "nb")
    # Every line points at a slide that starts what it names.
    for item in items:
        slide = slides[item.slide - 1]
        if item.level == 2:
            assert slide.title == item.text
        assert slide.section != AGENDA
