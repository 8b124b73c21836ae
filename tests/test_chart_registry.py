"""One record per chart: a chart added to the registry appears on its view, in the export
routes and in the seminar deck, with no other change (docs/adding-a-chart.md)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app import create_app
from dashboard import charts, figures
from dashboard.charts import ChartRecord, Column
from dashboard.db import get_engine
from dashboard.deck import deck_slides
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import view_state
from tests.small_fixture import load_small_fixture

# Hand-computed from tests/small_fixture.py: in 2020, P1 ran 100 + 150 times.
RUNS_2020 = {"P1": 250, "P2": 0}  # P2 only has estimated hours, no runs


def _runs_figure(frames: charts.Frames):
    frame = frames.savings_by_process
    return figures.savings_hours_bar(
        frame.assign(measured_hours=frame["runs"], estimated_hours=0),
        label_column="process_name",
        lang=frames.lang,
    )


RUNS_CHART = ChartRecord(
    id="savings-runs",
    area=DataArea.SAVINGS,
    title_key="col.runs",
    frames=("savings_by_process",),
    table=lambda f: f.savings_by_process[["process_code", "process_name", "runs"]],
    figure=_runs_figure,
    summary=lambda f: f"{int(f.savings_by_process['runs'].sum())} runs",
    columns=lambda lang: [Column("process_code", "code"), Column("runs", "runs", str)],
    file_word="minuttjakt_kjoringer",
    views=(Route.SAVINGS,),
    slide="savings-runs",
)


@pytest.fixture
def with_runs_chart(monkeypatch):
    monkeypatch.setattr(charts, "REGISTRY", (*charts.REGISTRY, RUNS_CHART))


@pytest.fixture
def fixture_url(sqlite_url):
    load_small_fixture(get_engine(sqlite_url))
    return sqlite_url


def test_every_record_reads_frames_that_exist_and_ids_are_unique():
    ids = [r.id for r in charts.registry()]
    assert len(ids) == len(set(ids))
    for record in charts.registry():
        assert all(hasattr(charts.Frames, name) for name in record.frames), record.id
        assert record.views, f"{record.id} is shown nowhere"


def test_a_new_record_appears_on_its_view(with_runs_chart, fixture_url):
    app = create_app(database_url=fixture_url)
    from pages import savings

    with app.server.test_request_context("/minuttjakt"):
        tree = savings.layout(year="2020")
    text = json.dumps(
        tree.to_plotly_json(),
        default=lambda v: v.to_plotly_json() if hasattr(v, "to_plotly_json") else str(v),
        ensure_ascii=False,
    )
    assert '"id": "savings-runs"' in text  # its card
    assert "250 runs" in text  # its summary, from the fixture's runs


def test_a_new_record_exports_its_data(with_runs_chart, fixture_url):
    client = create_app(database_url=fixture_url).server.test_client()
    response = client.get("/export/savings-runs.csv?year=2020")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["code", "runs"]
    assert {r[0]: int(r[1]) for r in rows[1:] if r[1] not in ("", "nan")} == RUNS_2020
    assert "minuttjakt_kjoringer" in response.headers["Content-Disposition"]


def test_a_new_record_gets_its_slide(with_runs_chart, fixture_url):
    engine = get_engine(fixture_url)
    frames = charts.Frames(engine, view_state({"year": ["2020"]}, engine=engine))
    slides = deck_slides(frames)
    mine = [s for s in slides if "savings-runs" in s.chart_ids]
    assert len(mine) == 1 and mine[0].section == DataArea.SAVINGS
    # After the other minuttjakt slides (registry order), before nothing else.
    assert slides.index(mine[0]) == len(slides) - 1


def test_without_the_record_nothing_of_it_shows(fixture_url):
    client = create_app(database_url=fixture_url).server.test_client()
    assert client.get("/export/savings-runs.csv?year=2020").status_code == 404
