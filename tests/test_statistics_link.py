"""Indicators fed from the statistics store, through real import files (CSV as Norwegian Excel
writes it) and the recorded/constructed statistics answers, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from dashboard.data_version import current_versions
from dashboard.ingest import importer
from dashboard.models import (
    ComparisonKind,
    ComparisonRegion,
    Indicator,
    IndicatorValue,
    Organisation,
)
from dashboard.statistics.readers import read_bytes, read_file
from dashboard.statistics.store import import_dataset

FIXTURES = Path(__file__).parent / "fixtures" / "statistics"
KOSTRA = FIXTURES / "constructed" / "kostra_12134_pxwebapi-v2_jsonstat2.json"
CHANGES = FIXTURES / "constructed" / "klass131_changes_0624_3048_3314.json"


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig") + b"\r\n")
    return path


def _import(path: Path, engine) -> importer.ImportReport:
    report = importer.import_file(path, engine)
    assert report.ok, report.describe()
    return report


def _organisation(tmp_path: Path, engine, *, region: str | None = "3314", series: str = "") -> None:
    org_header = "organisasjon;navn" + (";kommunenummer" if region is not None else "")
    org_row = "ovre-eiker;Øvre Eiker kommune" + (f";{region}" if region is not None else "")
    _import(_csv(tmp_path / "organisasjoner.csv", [org_header, org_row]), engine)
    _import(
        _csv(tmp_path / "sektorer.csv", ["organisasjon;sektor;navn", "ovre-eiker;okonomi;Økonomi"]),
        engine,
    )
    _import(
        _csv(
            tmp_path / "kjerneomrader.csv",
            ["organisasjon;kjerneområde;navn;sektorer", "ovre-eiker;okonomi;Økonomi;okonomi"],
        ),
        engine,
    )
    _import(
        _csv(
            tmp_path / "effektmal.csv",
            [
                "organisasjon;effektmål;kjerneområde;vedtatt_budsjettår;tekst",
                "ovre-eiker;frie-inntekter;okonomi;2022;Sunn økonomi",
            ],
        ),
        engine,
    )
    header = (
        "organisasjon;indikator;effektmål;navn;måleenhet;retning;utgangsverdi;utgangsår;"
        "målverdi;målår"
    )
    row = (
        "ovre-eiker;fi;frie-inntekter;Frie inntekter per innbygger;kr;høyere;60 000;2021;"
        "70 000;2026"
    )
    if series:
        header, row = header + ";serie", row + f";{series}"
    _import(_csv(tmp_path / "indikatorer.csv", [header, row]), engine)


def _values(engine) -> list[tuple[int, float, str]]:
    with engine.connect() as conn:
        return [
            (period, value, str(origin))
            for period, value, origin in conn.execute(
                select(IndicatorValue.period, IndicatorValue.value, IndicatorValue.origin)
                .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                .where(Indicator.code == "fi")
                .order_by(IndicatorValue.period)
            )
        ]


def test_an_indicator_takes_its_values_from_the_store_and_a_manual_value_wins(engine, tmp_path):
    _organisation(tmp_path, engine, series="ssb:12134:KOSAG110000")
    assert _values(engine) == []  # nothing in the store yet
    summary = import_dataset(engine, read_file(KOSTRA))
    assert summary.indicator_values == 3
    # Read from the file: 3314 has 66605, 67120, 70211 in 2022–2024.
    assert _values(engine) == [
        (2022, 66605.0, "statistics"),
        (2023, 67120.0, "statistics"),
        (2024, 70211.0, "statistics"),
    ]
    _import(
        _csv(
            tmp_path / "indikatorverdier.csv",
            [
                "organisasjon;indikator;år;verdi;kommentar",
                "ovre-eiker;fi;2023;67 500;Eget regnskap",
            ],
        ),
        engine,
    )
    assert _values(engine)[1] == (2023, 67500.0, "manual")
    # A statistics import afterwards (the June revision) never overwrites the manual value.
    revised = KOSTRA.read_text(encoding="utf-8").replace("67120", "67130").replace("66605", "66700")
    import_dataset(engine, read_bytes(revised.encode()))
    assert _values(engine) == [
        (2022, 66700.0, "statistics"),
        (2023, 67500.0, "manual"),
        (2024, 70211.0, "statistics"),
    ]


def test_a_figure_gone_missing_is_removed_never_zero(engine, tmp_path):
    _organisation(tmp_path, engine, series="ssb:12134:KOSAG110000")
    import_dataset(engine, read_file(KOSTRA))
    text = KOSTRA.read_text(encoding="utf-8")
    gone = text.replace('"status": {\n  "5": ".."\n }', '"status": {"5": "..", "2": ".."}').replace(
        "70211", "null"
    )
    assert gone != text
    import_dataset(engine, read_bytes(gone.encode()))
    assert [v[0] for v in _values(engine)] == [2022, 2023]


def test_the_cache_version_moves_when_the_store_changes_an_indicator(engine, tmp_path):
    _organisation(tmp_path, engine, series="ssb:12134:KOSAG110000")
    before = current_versions(engine, "ovre-eiker").of("effect_goals")["effect_goals"]
    import_dataset(engine, read_file(KOSTRA))
    after = current_versions(engine, "ovre-eiker").of("effect_goals")["effect_goals"]
    assert after == before + 1
    import_dataset(engine, read_file(KOSTRA))  # the same again: nothing changed, no bump
    assert current_versions(engine, "ovre-eiker").of("effect_goals")["effect_goals"] == after


def test_values_under_an_earlier_municipality_number_are_followed(engine, tmp_path):
    _organisation(tmp_path, engine, series="ssb:12134:KOSAG110000")
    # The same answer, but 2022–2023 published under the 2020–2023 number 3048.
    text = KOSTRA.read_text(encoding="utf-8").replace('"3314"', '"3048"')
    import_dataset(engine, read_bytes(text.encode()))
    assert _values(engine) == []
    import_dataset(engine, read_file(CHANGES))
    assert [v[:2] for v in _values(engine)] == [(2022, 66605.0), (2023, 67120.0), (2024, 70211.0)]


def test_old_files_without_the_new_columns_still_import(engine, tmp_path):
    _organisation(tmp_path, engine, region=None)
    with engine.connect() as conn:
        assert conn.execute(select(Organisation.region_code)).scalar_one() is None
        assert conn.execute(select(Indicator.series_code)).scalar_one() is None
    import_dataset(engine, read_file(KOSTRA))
    assert _values(engine) == []


def test_comparison_regions_and_a_bad_series_id(engine, tmp_path):
    _organisation(tmp_path, engine)
    _import(
        _csv(
            tmp_path / "sammenligning.csv",
            [
                "organisasjon;region;type;rekkefølge",
                "ovre-eiker;EKG07;kostragruppe;1",
                "ovre-eiker;EAK;land;2",
                "ovre-eiker;3236;nabo;",
            ],
        ),
        engine,
    )
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                ComparisonRegion.region_code, ComparisonRegion.kind, ComparisonRegion.position
            ).order_by(ComparisonRegion.region_code)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("3236", ComparisonKind.PEER, 0),
        ("EAK", ComparisonKind.COUNTRY, 2),
        ("EKG07", ComparisonKind.GROUP, 1),
    ]
    bad = _csv(
        tmp_path / "indikatorer.csv",
        [
            "organisasjon;indikator;effektmål;navn;måleenhet;retning;utgangsverdi;utgangsår;"
            "målverdi;målår;serie",
            "ovre-eiker;fi;frie-inntekter;Frie inntekter;kr;høyere;1;2021;2;2026;ssb:12134",
        ],
    )
    report = importer.import_file(bad, engine)
    assert not report.ok
    text = report.describe("en")
    assert "serie" in text and "ssb:12134" in text and "Not a series id" in text
