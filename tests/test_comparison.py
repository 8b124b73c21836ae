"""Comparison with other municipalities in the charts and exports, on a municipality set up
through import files and the constructed KOSTRA answer (values read from the file), and on the
demo data (its demo series)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from app import create_app
from dashboard import charts, export, queries
from dashboard.db import get_engine
from dashboard.ingest import demo, importer
from dashboard.statistics.readers import read_file
from dashboard.statistics.store import import_dataset
from dashboard.view_state import view_state

KOSTRA = (
    Path(__file__).parent
    / "fixtures"
    / "statistics"
    / "constructed"
    / "kostra_12134_pxwebapi-v2_jsonstat2.json"
)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig") + b"\r\n")
    return path


@pytest.fixture
def kostra(sqlite_url, tmp_path):
    """Øvre Eiker (3314) with one indicator on ssb:12134:KOSAG110000, compared with KOSTRA group
    7, the country and Jevnaker (3236) and Sandnes (1108)."""
    engine = get_engine(sqlite_url)
    files = {
        "organisasjoner": ["organisasjon;navn;kommunenummer", "oe;Øvre Eiker kommune;3314"],
        "sektorer": ["organisasjon;sektor;navn", "oe;okonomi;Økonomi"],
        "kjerneomrader": ["organisasjon;kjerneområde;navn;sektorer", "oe;okonomi;Økonomi;okonomi"],
        "effektmal": [
            "organisasjon;effektmål;kjerneområde;vedtatt_budsjettår;tekst",
            "oe;fi;okonomi;2022;Sunn økonomi",
        ],
        "indikatorer": [
            "organisasjon;indikator;effektmål;navn;måleenhet;retning;utgangsverdi;utgangsår;"
            "målverdi;målår;serie",
            "oe;fi1;fi;Frie inntekter per innbygger;kr;høyere;60 000;2021;70 000;2026;"
            "ssb:12134:KOSAG110000",
        ],
        "sammenligning": [
            "organisasjon;region;type;rekkefølge",
            "oe;EKG07;kostragruppe;1",
            "oe;EAK;land;2",
            "oe;3236;nabo;3",
            "oe;1108;nabo;4",
        ],
    }
    for name, lines in files.items():
        report = importer.import_file(_csv(tmp_path / f"{name}.csv", lines), engine)
        assert report.ok, report.describe()
    import_dataset(engine, read_file(KOSTRA))
    return engine


def _frames(engine, **query):
    state = view_state({k: [v] for k, v in query.items()}, engine=engine)
    return charts.Frames(engine, state)


def test_the_comparison_frame_reads_the_store(kostra):
    info, frame = queries.indicator_comparison(kostra, "oe", "fi1")
    assert info.source_note == "Statistisk sentralbyrå, tabell 12134"
    latest = frame[frame["period"] == 2024].set_index("region_code")
    # Read from the file: 2024: 3314 70211, EKG07 64100, EAK 66850, 1108 64901.9, 3236 `..`.
    assert latest.loc["3314", "value"] == 70211 and latest.loc["3314", "kind"] == "own"
    assert latest.loc["EKG07", "value"] == 64100 and latest.loc["EKG07", "kind"] == "group"
    assert latest.loc["EAK", "value"] == 66850 and latest.loc["EAK", "kind"] == "country"
    assert latest.loc["1108", "value"] == 64901.9
    assert latest.loc["3236", "status"] == ".." and latest["value"].isna()["3236"]
    assert latest.loc["EKG07", "region_name"] == "KOSTRA-gruppe 7"


def test_trend_chart_draws_and_exports_the_comparison(kostra):
    chart = charts.build("trend-fi1", _frames(kostra, org="oe", lang="nb"))
    figure = go.Figure(chart.figure)  # read through plotly's objects
    names = [trace.name for trace in figure.data]
    assert names[:3] == ["Øvre Eiker", "KOSTRA-gruppe 7", "Landet"]
    dashes = {trace.name: trace.line.dash for trace in figure.data[:3]}
    assert dashes["KOSTRA-gruppe 7"] == "dash" and dashes["Landet"] == "dot"
    assert chart.source_note == "Kilde: Statistisk sentralbyrå, tabell 12134"
    assert (
        "I 2024 hadde Øvre Eiker 70\u00a0211,0 kr: høyere enn KOSTRA-gruppe 7 (64\u00a0100,0 kr); "
        "høyere enn Landet (66\u00a0850,0 kr); Jevnaker har ikke tall"
    ) in chart.summary
    rows = list(
        csv.reader(io.StringIO(export.table_csv(chart, "nb").decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:6] == ["År", "Øvre Eiker", "KOSTRA-gruppe 7", "Landet", "Jevnaker", "Sandnes"]
    by_year = {row[0]: row for row in rows[1:]}
    assert by_year["2024"][1:6] == ["70211,0", "64100,0", "66850,0", "", "64901,9"]
    assert by_year["2022"][6] == "offisiell statistikk"


def test_peer_chart_ranks_and_names_the_missing(kostra):
    chart = charts.build("peers-fi1", _frames(kostra, org="oe", lang="en"))
    figure = go.Figure(chart.figure)  # read through plotly's objects
    labels = list(figure.data[0].y)
    assert labels == ["◆ Øvre Eiker", "Sandnes", "Jevnaker –"]
    assert figure.data[0].x[2] is None  # no figure: no bar, never a zero
    # The municipality's own bar is marked by a pattern and ◆ too, not by its colour alone.
    assert list(figure.data[0].marker.pattern.shape) == ["/", "", ""]
    assert [t.name for t in figure.data[1:]] == [
        "KOSTRA-gruppe 7: 64,100.0",
        "Landet: 66,850.0",
    ]
    assert chart.summary.startswith("Øvre Eiker ranks 1 of 2 compared municipalities in 2024")
    assert "Jevnaker" in chart.summary


def test_an_unlinked_indicator_has_no_peer_chart(sqlite_url):
    engine = get_engine(sqlite_url)
    demo.load_demo(engine)
    frames = _frames(engine, org="demo")
    assert charts.build("peers-okonomistyring-1-i2", frames) is None
    linked = charts.build("peers-okonomistyring-1-i1", frames)
    assert linked is not None and "Demodata" in linked.source_note


def test_exports_carry_the_source_line(kostra, sqlite_url):
    client = create_app(database_url=sqlite_url).server.test_client()
    answer = client.get("/export/trend-fi1.xlsx?org=oe")
    assert answer.status_code == 200
    workbook = load_workbook(io.BytesIO(answer.data))
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert any("Kilde: Statistisk sentralbyrå, tabell 12134" in c for c in cells)
    assert "KOSTRA-gruppe 7" in cells
