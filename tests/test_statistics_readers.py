"""The statistics readers on the services' recorded answers (tests/fixtures/statistics, copied
from shared/fixtures with their provenance) and on small constructed files. The expected values,
statuses and names below were read by hand from the files, not computed by the readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.models import StatRegionKind
from dashboard.statistics import StatisticsError
from dashboard.statistics.readers import parse_series_id, read_bytes, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "statistics"
SSB = FIXTURES / "ssb"
DST = FIXTURES / "dst"
KOLADA = FIXTURES / "kolada"
MADE = FIXTURES / "constructed"


def _cells(dataset) -> dict[tuple[str, str, str], tuple]:
    return {
        (o.series_code, o.region_code, o.period): (o.value, o.value_text, o.status)
        for o in dataset.observations
    }


def test_ssb_jsonstat2_07221_values_missing_and_names():
    data = read_file(SSB / "07221_pxweb-v1_jsonstat2_boligprisindeks_regioner_2022K1-2023K4.json")
    assert data.format == "json-stat 2.0"
    assert set(data.series) == {
        "ssb:07221:Boligindeks:Boligtype=01",
        "ssb:07221:Boligindeks:Boligtype=02",
        "ssb:07221:Boligindeks:Boligtype=03",
    }
    series = data.series["ssb:07221:Boligindeks:Boligtype=01"]
    assert series.label == "Prisindeks for brukte boliger – Eneboliger"
    assert (series.unit, series.decimals, series.table_id) == ("indeks", 1, "07221")
    assert series.source_note == "Statistisk sentralbyrå, tabell 07221"
    assert len(data.observations) == 288
    cells = _cells(data)
    one = "ssb:07221:Boligindeks:Boligtype=01"
    assert cells[(one, "TOTAL", "2022K1")] == (136.2, "136.2", None)
    assert cells[(one, "001", "2022K1")] == (156.2, "156.2", None)
    # The source wrote `151`, not `151.0`: kept as written.
    assert cells[(one, "001", "2023K3")] == (151.0, "151", None)
    # value[176..183] are null with status `..`: Innlandet (007), Småhus (02), every quarter.
    two = "ssb:07221:Boligindeks:Boligtype=02"
    for quarter in ("2022K1", "2022K4", "2023K4"):
        assert cells[(two, "007", quarter)] == (None, None, "..")
        assert cells[(two, "010", quarter)] == (None, None, "..")
        assert cells[(two, "011", quarter)] == (None, None, "..")
    assert sum(o.status == ".." for o in data.observations) == 24
    assert sum(o.value == 0 for o in data.observations) == 0
    assert data.regions["TOTAL"].name == "Hele landet"
    assert data.regions["TOTAL"].kind == StatRegionKind.COUNTRY
    assert data.regions["011"].name == "Nord-Norge"


def test_ssb_jsonstat1_01106_needs_its_table_and_reads_430_municipalities():
    path = SSB / "01106_pxweb-v0_jsonstat1_befolkningsendringer_kvartal_430kommuner.json"
    with pytest.raises(StatisticsError) as refused:
        read_file(path)  # JSON-stat 1.x from v0 does not name its table
    assert refused.value.key == "stats.no_table"
    data = read_file(path, table="01106")
    assert data.format == "json-stat 1.x"
    assert len(data.series) == 10 and len(data.regions) == 430
    assert len(data.observations) == 38700
    cells = _cells(data)
    assert data.regions["0624"].name == "Øvre Eiker"
    assert data.regions["0624"].kind == StatRegionKind.MUNICIPALITY
    assert data.regions["1102"].name == "Sandnes"
    assert data.regions["1901"].name == "Harstad (-2012)"
    folk = "ssb:01106:Folketallet11"
    assert data.series[folk].label == "Population at the end of the quarter"
    assert data.series[folk].unit == "persons"
    assert cells[(folk, "0624", "2014K3")] == (18030.0, "18030", None)
    assert cells[(folk, "0624", "2016K3")] == (18530.0, "18530", None)
    assert cells[("ssb:01106:Fodte2", "1102", "2014K3")] == (303.0, "303", None)
    assert cells[("ssb:01106:Fodte2", "0532", "2016K3")] == (22.0, "22", None)
    # 180 cells with status `.`: Harstad (-2012) and Bjarkøy (-2012), every content and quarter.
    missing = [o for o in data.observations if o.status is not None]
    assert len(missing) == 180
    assert {o.region_code for o in missing} == {"1901", "1915"}
    assert all(o.value is None and o.status == "." for o in missing)


def test_dst_jsonstat1_and_csv_give_the_same_series_and_value():
    from_json = read_file(DST / "STRAF42_api-v1_data_jsonstat_HERKOMST1-00_2023.json")
    assert from_json.source == "dst"
    series = "dst:STRAF42:STRAF42:HERKOMST1=00"
    assert list(from_json.series) == [series]
    assert from_json.series[series].label == "Decisions, total – Total"
    assert from_json.series[series].source_note == "Danmarks Statistik, tabel STRAF42"
    # No region dimension: the figure is the whole country's.
    assert _cells(from_json) == {(series, "000", "2023"): (233454.0, "233454", None)}
    csv_path = DST / "STRAF42_api-v1_data_csv_HERKOMST1-00_2023.csv"
    with pytest.raises(StatisticsError) as refused:
        read_file(csv_path)
    assert refused.value.key == "stats.no_series"
    from_csv = read_file(csv_path, series=series)
    assert _cells(from_csv) == {(series, "000", "2023"): (233454.0, "233454", None)}


def test_a_csv_column_the_series_id_does_not_name_is_refused():
    csv_path = DST / "STRAF42_api-v1_data_csv_HERKOMST1-00_2023.csv"
    with pytest.raises(StatisticsError) as refused:
        read_file(csv_path, series="dst:STRAF42:STRAF42")
    assert refused.value.key == "stats.columns_not_in_series"
    assert "HERKOMST1" in str(refused.value)


def test_dst_tableinfo_holds_nothing_to_store():
    with pytest.raises(StatisticsError) as refused:
        read_file(DST / "STRAF42_api-v1_tableinfo_da.json")
    assert refused.value.key == "stats.metadata_only"
    assert "STRAF42" in str(refused.value)


def test_dst_municipality_groups():
    data = read_file(DST / "kommunegrupper_komgrp_dst-classification.csv")
    assert data.source == "dst" and not data.observations
    assert data.regions["461"].name == "Odense"
    assert data.regions["461"].kind == StatRegionKind.MUNICIPALITY
    assert data.regions["101"].name == "København"
    assert data.regions["1"].name == "Hovedstadskommuner"
    assert data.regions["1"].kind == StatRegionKind.GROUP
    assert sum(r.kind == StatRegionKind.GROUP for r in data.regions.values()) == 5
    assert sum(r.kind == StatRegionKind.MUNICIPALITY for r in data.regions.values()) == 98


def test_kolada_flattened_csv():
    data = read_file(KOLADA / "kolada-derived_N01951_by-geo-year_ddf-scrape-2024-08-30.csv")
    assert list(data.series) == ["kolada:N01951"]
    assert data.series["kolada:N01951"].source_note == "Kolada, KPI N01951"
    cells = _cells(data)
    kpi = "kolada:N01951"
    assert cells[(kpi, "0000", "2022")] == (10521556.0, "10521556.0", None)
    assert cells[(kpi, "0180", "2022")] == (984748.0, "984748.0", None)
    assert cells[(kpi, "1280", "2022")] == (357377.0, "357377.0", None)
    assert cells[(kpi, "0140", "1998")] == (7724.0, "7724.0", None)
    # Empty cells (0140 before 1998, 0330 in 1994) are missing values, not zeros.
    assert cells[(kpi, "0140", "1994")] == (None, None, "..")
    assert cells[(kpi, "0330", "1994")] == (None, None, "..")
    assert sum(o.value is None for o in data.observations) == 12
    assert data.regions["0000"].kind == StatRegionKind.COUNTRY
    assert data.regions["0001"].kind == StatRegionKind.COUNTY
    assert data.regions["0180"].kind == StatRegionKind.MUNICIPALITY


def test_klass_codes_json_2026():
    data = read_file(SSB / "klass131_codesAt_2026-01-01_api-v1.json")
    assert len(data.regions) == 358 and not data.observations
    assert data.regions["3314"].name == "Øvre Eiker"
    assert data.regions["3236"].name == "Jevnaker"
    assert data.regions["1108"].name == "Sandnes"
    assert data.regions["0301"].name == "Oslo - Oslove"


def test_klass_csv_latin1_with_ragged_rows():
    data = read_file(SSB / "klass131_kommuner_2020_csv-export_latin1.csv")
    assert len(data.regions) == 357
    assert data.regions["3048"].name == "Øvre Eiker"  # ISO-8859-1 Ø read as Ø
    assert data.regions["1108"].name == "Sandnes"
    # Letters outside Latin-1 came out of SSB's export as `?`: read as the file has them.
    assert data.regions["5436"].name == "Porsanger - Porsá?gu - Porsanki"


def test_kostra_metadata_region_dimension():
    data = read_file(
        SSB / "kostra_areal-formalsbygg_pxweb-v0_table-metadata_KOKkommuneregion0000.json"
    )
    assert len(data.regions) == 467
    assert data.regions["EAK"].name == "Landet"
    assert data.regions["EAK"].kind == StatRegionKind.COUNTRY
    assert data.regions["EAKUO"].name == "Landet uten Oslo"
    assert data.regions["EKG07"].name == "KOSTRA-gruppe 7"
    assert data.regions["EKG07"].kind == StatRegionKind.GROUP
    assert data.regions["EKA06"].name == "Buskerud"
    assert data.regions["EKA06"].kind == StatRegionKind.COUNTY
    assert data.regions["0624"].name == "Øvre Eiker"


def test_a_query_file_is_not_an_answer():
    with pytest.raises(StatisticsError) as refused:
        read_file(SSB / "07221_pxweb-v1_query_json-stat2.json")
    assert refused.value.key == "stats.unknown_format"


def test_three_dimensions_in_a_non_default_order_with_sparse_values():
    data = read_file(MADE / "jsonstat2_three_dims_time_first.json")
    cells = _cells(data)
    # index = time * 6 + content * 3 + region (id: Tid, ContentsCode, Region)
    assert cells[("ssb:99999:Andel", "0301", "2023")] == (12.5, "12.5", None)
    assert cells[("ssb:99999:Andel", "4601", "2023")] == (14.0, "14.0", None)
    assert cells[("ssb:99999:Andel", "3314", "2023")] == (9.75, "9.75", None)
    assert cells[("ssb:99999:Antall", "0301", "2023")] == (700.0, "700", None)
    assert cells[("ssb:99999:Antall", "3314", "2023")] == (20.0, "20", None)
    assert cells[("ssb:99999:Andel", "0301", "2024")] == (12.9, "12.9", None)
    assert cells[("ssb:99999:Andel", "4601", "2024")] == (None, None, ":")
    assert cells[("ssb:99999:Andel", "3314", "2024")] == (10.1, "10.1", None)
    assert cells[("ssb:99999:Antall", "0301", "2024")] == (710.0, "710", None)
    # A real zero with SSB's "nil" status stays a zero and keeps its status.
    assert cells[("ssb:99999:Antall", "4601", "2024")] == (0.0, "0", "-")
    assert data.series["ssb:99999:Andel"].decimals == 1
    assert data.regions["4601"].name == "Bergen"


def test_kostra_answer_with_kokkommuneregion():
    data = read_file(MADE / "kostra_12134_pxwebapi-v2_jsonstat2.json")
    cells = _cells(data)
    series = "ssb:12134:KOSAG110000"
    assert data.series[series].label == "Frie inntekter i kroner per innbygger"
    assert cells[(series, "3314", "2022")] == (66605.0, "66605", None)
    assert cells[(series, "3236", "2024")] == (None, None, "..")
    assert cells[(series, "1108", "2023")] == (63110.2, "63110.2", None)
    assert data.regions["EKG07"].kind == StatRegionKind.GROUP


def test_ssb_error_body_is_refused_with_its_message():
    with pytest.raises(StatisticsError) as refused:
        read_file(MADE / "ssb_v2_error_parameter.json")
    assert refused.value.key == "stats.error_body"
    message = str(refused.value)
    assert "Non-existent value 9999 for variable KOKkommuneregion0000" in message
    assert "400" in message and "Parameter error" in message


def test_klass_changes_keep_renumberings_and_the_continuing_municipality():
    data = read_file(MADE / "klass131_changes_0624_3048_3314.json")
    pairs = {(r.old_code, r.new_code) for r in data.renumberings}
    assert ("0624", "3048") in pairs and ("3048", "3314") in pairs
    assert ("1102", "1108") in pairs  # Sandnes goes on under 1108
    assert ("1129", "1108") not in pairs  # Forsand merged in: not Sandnes' past


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (
            b'{"dataset": {"dimension": {"id": ["Tid"], "size": [2], "Tid": {"category": '
            b'{"index": ["2023", "2024"]}}}, "value": [1], "source": "Statistics Norway"}}',
            "stats.no_table",
        ),
        (
            b'{"class": "dataset", "source": "Statistisk sentralbyr\xc3\xa5", "label": "1: x", '
            b'"id": ["Tid"], "size": [2], "dimension": {"Tid": {"category": {"index": ["2023", '
            b'"2024"]}}}, "value": [1]}',
            "stats.size_mismatch",
        ),
        (
            b'{"class": "dataset", "source": "Statistisk sentralbyr\xc3\xa5", "label": "1: x", '
            b'"id": ["Tid"], "size": [1], "dimension": {"Tid": {"category": {"index": ["20x3"]}}}, '
            b'"value": [1]}',
            "stats.bad_period",
        ),
        (
            b'{"class": "dataset", "source": "Statistisk sentralbyr\xc3\xa5", "label": "1: x", '
            b'"id": ["Tid"], "size": [1], "dimension": {"Tid": {"category": {"index": ["2023"]}}}, '
            b'"value": ["12 345"]}',
            "stats.not_number",
        ),
        (
            b'{"class": "dataset", "source": "Statistisk sentralbyr\xc3\xa5", "label": "1: x", '
            b'"id": ["Tid"], "size": [1], "dimension": {"Tid": {"category": {"index": ["2023"]}}}, '
            b'"value": [1e999]}',
            "stats.not_number",
        ),
        (b"geo,year,n01951\n0180,2022,12\n0180,2022,13\n", "stats.duplicate_cell"),
        (b"geo,year,n01951\n0180,2022,1.2.3\n", "stats.not_number"),
        (b"HERKOMST1;TID;INDHOLD\r\nTotal;2023;1\r\nI alt;2023;2\r\n", "stats.several_values"),
        (
            b'{"errorTypeCode": "EXTRACT-NOTALLOWED", "message": "Too many cells"}',
            "stats.error_body",
        ),
        (b'{"foo": [1]}', "stats.unknown_format"),
        (b"\x80\x81;x\n", "stats.encoding"),
        (b"{not json", "stats.not_json"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, key):
    with pytest.raises(StatisticsError) as refused:
        read_bytes(data, series="dst:STRAF42:STRAF42:HERKOMST1=00")
    assert refused.value.key == key
    assert refused.value.text("nb") != key  # a sentence, in every language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ssb:12134:KOSAG110000", "ssb:12134:KOSAG110000"),
        ("ssb:07221:Boligindeks:Boligtype=01", "ssb:07221:Boligindeks:Boligtype=01"),
        ("kolada:n01951", "kolada:N01951"),
        ("dst:STRAF42:STRAF42:HERKOMST1=00", "dst:STRAF42:STRAF42:HERKOMST1=00"),
    ],
)
def test_series_ids(text, expected):
    assert str(parse_series_id(text)) == expected


@pytest.mark.parametrize(
    "text", ["", "ssb", "ssb:12134", "scb:1:2", "ssb:12134:KOS AG", "ssb:1:2:Dim", "kolada:"]
)
def test_bad_series_ids(text):
    with pytest.raises(StatisticsError):
        parse_series_id(text)
