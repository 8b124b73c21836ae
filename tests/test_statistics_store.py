"""The statistics store on SQLite and PostgreSQL: one transaction per file, upsert on series +
region + period, missing values apart from zeros, renumbered municipalities followed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from dashboard.statistics import StatisticsError
from dashboard.statistics.readers import read_bytes, read_file
from dashboard.statistics.store import import_dataset, list_series, predecessors, series_values
from tests.small_fixture import dump

FIXTURES = Path(__file__).parent / "fixtures" / "statistics"
KOSTRA = FIXTURES / "constructed" / "kostra_12134_pxwebapi-v2_jsonstat2.json"
P01106 = FIXTURES / "ssb" / "01106_pxweb-v0_jsonstat1_befolkningsendringer_kvartal_430kommuner.json"


def _hash(engine) -> str:
    return hashlib.sha256(repr(dump(engine)).encode()).hexdigest()


def test_import_then_again_changes_nothing(engine):
    data = read_file(KOSTRA)
    first = import_dataset(engine, data)
    assert (first.series_added, first.values_added, first.values_changed) == (1, 15, 0)
    assert first.regions_added == 5
    before = _hash(engine)
    again = import_dataset(engine, read_file(KOSTRA))
    assert (again.series_added, again.values_added, again.values_changed) == (0, 0, 0)
    assert again.values_unchanged == 15
    assert _hash(engine) == before


def test_values_are_stored_as_given_and_missing_is_not_zero(engine):
    import_dataset(engine, read_file(KOSTRA))
    rows = series_values(engine, "ssb:12134:KOSAG110000", regions=["3236"])
    assert [(r.period, r.value, r.as_given, r.status) for r in rows] == [
        ("2022", 58012.0, "58012", None),
        ("2023", 59880.0, "59880", None),
        ("2024", None, "..", ".."),
    ]
    assert rows[0].region_name == "Jevnaker"


def test_an_upsert_changes_only_what_changed(engine, tmp_path):
    import_dataset(engine, read_file(KOSTRA))
    text = KOSTRA.read_text(encoding="utf-8").replace("66605", "66606", 1)
    changed = tmp_path / "changed.json"
    changed.write_text(text, encoding="utf-8")
    summary = import_dataset(engine, read_file(changed))
    assert (summary.values_added, summary.values_changed, summary.values_unchanged) == (0, 1, 14)
    [row] = series_values(engine, "ssb:12134:KOSAG110000", regions=["3314"], periods=["2022"])
    assert row.as_given == "66606"


def test_dry_run_stores_nothing(engine):
    before = _hash(engine)
    summary = import_dataset(engine, read_file(KOSTRA), dry_run=True)
    assert summary.values_added == 15
    assert _hash(engine) == before


def test_a_failing_file_leaves_the_database_as_it_was(engine, tmp_path):
    import_dataset(engine, read_file(KOSTRA))
    before = _hash(engine)
    with pytest.raises(StatisticsError):
        import_dataset(engine, read_file(FIXTURES / "constructed" / "ssb_v2_error_parameter.json"))
    # A value too long for its column fails inside the transaction: nothing of it stays.
    text = KOSTRA.read_text(encoding="utf-8").replace('"2024"', '"2024M01"')
    bad = tmp_path / "bad.json"
    bad.write_text(text.replace("70211", "7" * 50, 1), encoding="utf-8")
    with pytest.raises(StatisticsError) as refused:
        import_dataset(engine, read_file(bad))
    assert refused.value.key == "stats.too_long"
    assert _hash(engine) == before


def test_a_series_follows_a_renumbered_municipality(engine):
    import_dataset(engine, read_file(P01106, table="01106"))
    import_dataset(
        engine, read_file(FIXTURES / "constructed" / "klass131_changes_0624_3048_3314.json")
    )
    assert predecessors(engine, "ssb", "3314") == ["3314", "3048", "0624"]
    rows = series_values(engine, "ssb:01106:Folketallet11", regions=["3314"])
    assert [(r.region_code, r.period, r.as_given) for r in rows][:2] == [
        ("3314", "2014K3", "18030"),
        ("3314", "2014K4", "18039"),
    ]
    assert len(rows) == 9
    assert predecessors(engine, "ssb", "1108") == ["1108", "1102"]
    assert predecessors(engine, "ssb", "1129") == ["1129"]


def test_region_names_are_not_spoilt_by_a_latin1_export(engine):
    # 5436 as Klass names it in UTF-8 (written here: the 2026 list has it as 5622).
    good = '"code";"name"\n"5436";"Porsanger - Porsáŋgu - Porsanki"\n'.encode()
    import_dataset(engine, read_bytes(good))
    import_dataset(
        engine, read_file(FIXTURES / "ssb" / "klass131_kommuner_2020_csv-export_latin1.csv")
    )
    with engine.connect() as conn:
        names = dict(
            conn.execute(text("SELECT code, name FROM stat_region WHERE source = 'ssb'")).all()
        )
    assert names["5436"] == "Porsanger - Porsáŋgu - Porsanki"
    assert names["5437"] == "Kárá?johka - Karasjok"  # nothing better known: as the file has it
    assert names["3048"] == "Øvre Eiker"


def test_list_series(engine):
    import_dataset(engine, read_file(KOSTRA))
    [row] = list_series(engine)
    assert (row.code, row.values, row.first_period, row.last_period) == (
        "ssb:12134:KOSAG110000",
        15,
        "2022",
        "2024",
    )
    assert row.source_note == "Statistisk sentralbyrå, tabell 12134"
