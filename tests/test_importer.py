"""The importer on real files: the templates, CSV files as Norwegian Excel writes them, and files
with every kind of error. The database tests run on SQLite and (with TEST_DATABASE_URL) on
PostgreSQL through the `engine` fixture.

Most bad-file tests start from the small fixture (tests/small_fixture.py): organisation `test`,
sectors S1 and S2, units U1 (S1) and U2 (S2), goals G1–G3, indicators I1–I4, steps T1, T2, R1, E1
of G1, processes P1 (S1, U1) and P2 (S2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select

from dashboard import cli, queries
from dashboard.data_version import current_versions
from dashboard.db import get_engine
from dashboard.ingest import demo, importer
from dashboard.ingest import templates as import_templates
from dashboard.ingest.schema import (
    CellError,
    parse_date,
    parse_month,
    parse_number,
    table_by_headers,
    table_by_name,
)
from dashboard.models import (
    ChangeLink,
    CoreArea,
    ImportRun,
    Indicator,
    IndicatorValue,
    Organisation,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    Unit,
    core_area_sector,
)
from tests.small_fixture import dump

TEMPLATES = Path(import_templates.TEMPLATE_DIR)
WORKBOOKS = [TEMPLATES / name for name in import_templates.WORKBOOKS.values()]
CSV_FILES = sorted((TEMPLATES / "csv").glob("*.csv"))
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _norwegian(monkeypatch):
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)




# --- Helpers ---------------------------------------------------------------------------------




def sqlite_sha(engine: Engine) -> str | None:
    """sha256 of the SQLite file after every connection is closed (the WAL checkpointed)."""
    if engine.dialect.name != "sqlite":
        return None
    engine.dispose()
    return hashlib.sha256(Path(engine.url.database).read_bytes()).hexdigest()


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def issues(report: importer.ImportReport) -> list[tuple]:
    """(sheet, row, column, value, reason) of every error."""
    return [(e.sheet, e.row, e.column, e.value, e.reason) for e in report.errors]


def count(engine: Engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def run(path: Path, engine: Engine, **kwargs) -> importer.ImportReport:
    return importer.import_file(path, engine, **kwargs)


# --- Good files ------------------------------------------------------------------------------


def test_the_xlsx_templates_import_into_an_empty_database(engine):
    reports = [run(path, engine) for path in WORKBOOKS]
    assert [r.ok for r in reports] == [True] * 4, [r.describe() for r in reports]
    # Row counts by hand from the templates: 1 + 5 + 3 + 4 + 4,
    # 2 + 3 + 11 + 4 + 3 + 1 (a goal's assessment), 6, 3 + 6 + 2; the other workbooks carry
    # the organisation's 17 rows too (unchanged once imported).
    assert [(r.area, r.rows_read, r.rows_added, r.rows_changed) for r in reports] == [
        ("organisation", 17, 17, 0),
        ("effect_goals", 17 + 24, 24, 0),
        ("service_review", 17 + 6, 6, 0),
        ("savings", 17 + 11, 11, 0),
    ]
    assert [(t.table, t.read) for t in reports[0].tables] == [
        ("organisasjoner", 1),
        ("sektorer", 5),
        ("kjerneområder", 3),
        ("enheter", 4),
        ("sammenligning", 4),
    ]
    assert count(engine, Sector) == 5 and count(engine, Unit) == 4
    assert count(engine, core_area_sector) == 1 + 1 + 3
    assert count(engine, IndicatorValue) == 11 and count(engine, ChangeLink) == 3
    assert count(engine, ServiceReviewTask) == 6 and count(engine, SavingsRecord) == 6

    with engine.connect() as conn:
        org = conn.execute(select(Organisation.name, Organisation.is_demo)).one()
        assert tuple(org) == ("Demo kommune", False)
        area = conn.execute(
            select(CoreArea.is_cross_cutting, CoreArea.introduced_budget_year).where(
                CoreArea.code == "helse-trivsel"
            )
        ).one()
        assert tuple(area) == (True, 2012)
        sectors = (
            conn.execute(
                select(Sector.code)
                .join(core_area_sector, core_area_sector.c.sector_id == Sector.id)
                .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
                .where(CoreArea.code == "helse-trivsel")
                .order_by(Sector.code)
            )
            .scalars()
            .all()
        )
        assert sectors == ["helse-velferd", "oppvekst-barn-unge", "oppvekst-skole"]
        indicator = conn.execute(
            select(
                Indicator.direction,
                Indicator.baseline_value,
                Indicator.baseline_year,
                Indicator.target_value,
                Indicator.target_year,
                Indicator.unit_of_measure,
            ).where(Indicator.code == "arbeid-unge-i1")
        ).one()
        assert tuple(indicator) == ("higher", 41.5, 2015, 55.0, 2026, "%")
        value = conn.execute(
            select(IndicatorValue.value, IndicatorValue.comment)
            .join(Indicator)
            .where(Indicator.code == "arbeid-unge-i1", IndicatorValue.period == 2020)
        ).one()
        assert tuple(value) == (43.1, "Covid-19: færre praksisplasser")
        task = conn.execute(
            select(
                ServiceReviewTask.status,
                ServiceReviewTask.deadline,
                ServiceReviewTask.submitted_on,
                ServiceReviewTask.amount_nok,
            )
            .join(Unit)
            .where(Unit.code == "tildelingskontoret", ServiceReviewTask.part == "budget_operating")
        ).one()
        assert tuple(task) == ("submitted", dt.date(2021, 8, 31), dt.date(2021, 9, 3), 1_250_000)
        process = conn.execute(
            select(SavingsProcess.kind, SavingsProcess.stage, SavingsProcess.go_live, Unit.code)
            .join(Unit, SavingsProcess.unit_id == Unit.id)
            .where(SavingsProcess.code == "tt-kort")
        ).one()
        assert tuple(process) == (
            "automate",
            "in_production",
            dt.date(2021, 3, 1),
            "tildelingskontoret",
        )
        record = conn.execute(
            select(SavingsRecord.hours, SavingsRecord.basis, SavingsRecord.runs).where(
                SavingsRecord.period == dt.date(2021, 3, 1)
            )
        ).one()
        assert tuple(record) == (12.5, "measured", 50)
        goals = conn.execute(
            select(Sector.code, SavingsGoal.year, SavingsGoal.hours)
            .outerjoin(Sector, Sector.id == SavingsGoal.sector_id)
            .order_by(SavingsGoal.hours)
        ).all()
        assert [tuple(g) for g in goals] == [("helse-velferd", 2027, 2600), (None, 2027, 14000)]
        runs = conn.execute(
            select(
                ImportRun.file_name,
                ImportRun.area,
                ImportRun.rows_read,
                ImportRun.rows_added,
                ImportRun.rows_changed,
            ).order_by(ImportRun.id)
        ).all()
        assert [tuple(r) for r in runs] == [
            ("1_organisasjon.xlsx", "organisation", 17, 17, 0),
            ("2_effektmal.xlsx", "effect_goals", 41, 24, 0),
            ("3_tjenestegjennomgang.xlsx", "service_review", 23, 6, 0),
            ("4_minuttjakt.xlsx", "savings", 28, 11, 0),
        ]


def test_an_import_bumps_the_data_version_of_what_it_changed(engine, tmp_path):
    """The query caches key on these versions (dashboard.data_version)."""
    run(WORKBOOKS[0], engine)
    versions = current_versions(engine, "demo")
    assert versions.by_area == {
        "organisation": 1,
        "effect_goals": 0,
        "service_review": 0,
        "savings": 0,
    }
    run(WORKBOOKS[3], engine)
    run(WORKBOOKS[0], engine)  # changes nothing: no bump
    assert current_versions(engine, "demo").of("organisation", "savings") == {
        "organisation": 1,
        "savings": 1,
    }
    run(
        write_csv(
            tmp_path / "sektorer.csv", ["organisasjon;sektor;navn", "demo;organisasjon;Stab"]
        ),
        engine,
    )
    run(WORKBOOKS[1], engine, dry_run=True)  # a dry run: no bump
    assert current_versions(engine, "demo").of("organisation", "effect_goals") == {
        "organisation": 2,
        "effect_goals": 0,
    }


def test_the_csv_templates_hold_the_same_data_as_the_workbooks(engine):
    for path in CSV_FILES:
        assert run(path, engine).ok, path
    from_csv = dump(engine, skip=("import_run", "audit_event"))
    for path in WORKBOOKS:
        report = run(path, engine)
        assert report.ok and (report.rows_added, report.rows_changed) == (0, 0), report.describe()
    assert dump(engine, skip=("import_run", "audit_event")) == from_csv


def test_the_templates_import_into_the_demo_database_without_changing_demo_rows(engine):
    demo.load_demo(engine)
    reports = [run(path, engine) for path in WORKBOOKS]
    assert all(r.ok for r in reports)
    # The organisation template's demo rows are the demo's own: only the two new units are added.
    assert [(r.rows_added, r.rows_changed) for r in reports] == [(2, 0), (24, 0), (6, 0), (11, 0)]


NB_PROCESSES = [
    "organisasjon;prosess;navn;sektor;enhet;type;fase;i_produksjon_fra",
    "test;P3;Søknad om særskilt tilrettelegging;S1;U1;robot;i produksjon;15.02.2021",
    "test;P4;Ærlig økonomirapport;S2;;forenkle;i utvikling;",
]
NB_RECORDS = [
    "organisasjon;prosess;måned;timer;grunnlag;kjøringer",
    f"test;P3;02.2021;1{NBSP}200,5;målt;3{NBSP}000",
    "test;P3;03.2021;1 200,25;målt;",
    "test;P3;01.04.2021;2,5;estimert;",
    "test;P1;2021-05;0;MÅLT;12",
]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_csv_as_norwegian_excel_writes_it(small, tmp_path, encoding):
    processes = write_csv(tmp_path / "prosesser.csv", NB_PROCESSES, encoding)
    records = write_csv(tmp_path / "sparte_timer.csv", NB_RECORDS, encoding)
    assert (run(processes, small).rows_added, run(records, small).rows_added) == (2, 4)
    with small.connect() as conn:
        names = conn.execute(
            select(
                SavingsProcess.code,
                SavingsProcess.name,
                SavingsProcess.stage,
                SavingsProcess.go_live,
                SavingsProcess.unit_id,
            )
            .where(SavingsProcess.code.in_(["P3", "P4"]))
            .order_by(SavingsProcess.code)
        ).all()
        assert [tuple(n)[:4] for n in names] == [
            ("P3", "Søknad om særskilt tilrettelegging", "in_production", dt.date(2021, 2, 15)),
            ("P4", "Ærlig økonomirapport", "in_development", None),
        ]
        assert names[1].unit_id is None
        rows = conn.execute(
            select(
                SavingsProcess.code,
                SavingsRecord.period,
                SavingsRecord.hours,
                SavingsRecord.basis,
                SavingsRecord.runs,
            )
            .join(SavingsProcess)
            .where(SavingsRecord.period >= dt.date(2021, 2, 1))
            .order_by(SavingsRecord.period)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("P3", dt.date(2021, 2, 1), 1200.5, "measured", 3000),
        ("P3", dt.date(2021, 3, 1), 1200.25, "measured", None),
        ("P3", dt.date(2021, 4, 1), 2.5, "estimated", None),
        ("P1", dt.date(2021, 5, 1), 0.0, "measured", 12),
    ]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # Comma-separated with the decimal comma quoted, as Excel does it.
        (["organisasjon,år,timer", 'test,2022,"1 500,5"', "test,2023,1600"], "sparemål.csv"),
        (["organisasjon\tår\ttimer", "test\t2022\t1 500,5", "test\t2023\t1600"], "mål.csv"),
        # Excel's "sep=" line; the file named freely: recognised by its headers.
        (["sep=;", "organisasjon;år;timer", "test;2022;1.500,5", "test;2023;1600"], "x.csv"),
    ],
)
def test_other_separators(small, tmp_path, lines, name):
    """Also: a file without the (newer) `sektor` column imports, as the municipality's goals."""
    report = run(write_csv(tmp_path / name, lines), small)
    assert report.ok and report.rows_added == 2, report.describe()
    with small.connect() as conn:
        goals = conn.execute(
            select(SavingsGoal.year, SavingsGoal.hours)
            .where(SavingsGoal.sector_id.is_(None))
            .order_by(SavingsGoal.year)
        ).all()
    assert [tuple(g) for g in goals] == [(2020, 100.0), (2022, 1500.5), (2023, 1600.0)]


def test_sector_savings_goals_sit_beside_the_municipality_s(small, tmp_path):
    lines = [
        "organisasjon;år;timer;sektor",
        "test;2021;80;",
        "test;2021;50;S1",
        "test;2021;20;S2",
    ]
    report = run(write_csv(tmp_path / "sparemål.csv", lines), small)
    assert report.ok and report.rows_added == 3, report.describe()
    filters = queries.Filters(organisation="test", year=2021)
    assert queries.savings_goal_hours(small, filters) == 80
    assert queries.savings_goal_hours(small, replace(filters, sector="S1")) == 50
    assert queries.savings_goal_hours(small, replace(filters, sector="S2")) == 20
    # Re-importing the same file changes nothing; an unknown sector is named with its row.
    assert run(write_csv(tmp_path / "sparemål.csv", lines), small).rows_added == 0
    bad = run(write_csv(tmp_path / "sparemål.csv", [lines[0], "test;2021;5;S9"]), small)
    assert not bad.ok
    assert [(e.row, e.column, e.value) for e in bad.errors] == [(2, "sektor", "S9")]


def test_a_goal_s_overall_assessment_per_year(small, tmp_path):
    lines = [
        "organisasjon;effektmål;år;vurdering",
        "test;G1;2022;Lesingen går fram, fraværet ikke",
        "test;G9;2022;Finnes ikke",
    ]
    bad = run(write_csv(tmp_path / "effektmål_vurderinger.csv", lines), small)
    assert not bad.ok and [(e.row, e.column, e.value) for e in bad.errors] == [
        (3, "effektmål", "G9")
    ]
    report = run(write_csv(tmp_path / "effektmål_vurderinger.csv", lines[:2]), small)
    assert report.ok and report.rows_added == 1, report.describe()
    assert queries.goal_assessment(small, "test", "G1", 2022) == "Lesingen går fram, fraværet ikke"
    assert queries.goal_assessment(small, "test", "G1", 2021) is None  # another year: none


def test_reimport_changes_nothing(engine):
    for path in WORKBOOKS:
        run(path, engine)
    before = dump(engine, skip=("import_run", "audit_event"))
    again = [run(path, engine) for path in WORKBOOKS]
    assert [(r.rows_added, r.rows_changed) for r in again] == [(0, 0)] * 4
    assert "0 lagt til, 0 endret, 17 uendret" in again[0].describe()
    assert dump(engine, skip=("import_run", "audit_event")) == before
    assert count(engine, ImportRun) == 8  # every import is recorded, also one that changes nothing


def test_dry_run_changes_nothing(engine):
    before, sha = dump(engine), sqlite_sha(engine)
    report = run(WORKBOOKS[0], engine, dry_run=True)
    assert report.ok and report.dry_run and report.rows_added == 17
    assert report.describe().startswith(
        "1_organisasjon.xlsx: prøvekjøring (organisasjon), ingenting er endret. 17 rader lest: "
        "17 ville blitt lagt til, 0 endret, 0 uendret."
    )
    assert dump(engine) == before
    assert sqlite_sha(engine) == sha


def test_changed_rows_are_updated_and_core_area_sectors_replaced(small, tmp_path):
    path = write_xlsx(
        tmp_path / "endring.xlsx",
        {
            "Kjerneområder": [
                ["Organisasjon", "Kjerneområde", "Navn", "Sektorer", "Tverrgående"],
                ["test", "X", "Integration", "S2", "nei"],  # was S1 + S2, cross-cutting
                ["test", "A", "Læring", "S1", None],  # unchanged
            ],
            "sektorer": [
                ["organisasjon", "sektor", "navn"],
                ["test", "S1", "Skole og barnehage"],
            ],
        },
    )
    report = run(path, small)
    assert (report.rows_added, report.rows_changed) == (0, 2), report.describe()
    with small.connect() as conn:
        assert conn.execute(select(Sector.name).where(Sector.code == "S1")).scalar_one() == (
            "Skole og barnehage"
        )
        links = (
            conn.execute(
                select(Sector.code)
                .join(core_area_sector, core_area_sector.c.sector_id == Sector.id)
                .join(CoreArea, CoreArea.id == core_area_sector.c.core_area_id)
                .where(CoreArea.code == "X")
            )
            .scalars()
            .all()
        )
        cross = conn.execute(select(CoreArea.is_cross_cutting).where(CoreArea.code == "X"))
        assert links == ["S2"] and cross.scalar_one() is False


# --- Bad rows --------------------------------------------------------------------------------


def test_every_kind_of_bad_row_in_one_workbook(small, tmp_path):
    path = write_xlsx(
        tmp_path / "feil.xlsx",
        {
            "enheter": [
                ["organisasjon", "enhet", "navn", "sektor"],
                ["test", "U3", "Ny enhet", "S1"],  # good: defines U3 for the processes below
                ["test", "U4", None, "S9"],
                ["test", "U3", "Dobbel", "S2"],
                ["nope", "U5", "X", "S9"],
            ],
            "kjerneområder": [
                ["organisasjon", "kjerneområde", "navn", "sektorer", "tverrgående"],
                ["test", "Z", "Ny", "S1, S7", "kanskje"],
            ],
            "prosesser": [
                [
                    "organisasjon",
                    "prosess",
                    "navn",
                    "sektor",
                    "enhet",
                    "type",
                    "fase",
                    "i_produksjon_fra",
                ],
                ["test", "P3", "Ny", "S1", "U3", "robot", "i produksjon", dt.date(2021, 2, 1)],
                ["test", "P4", "X", "S1", None, "robotx", "idé", "31.02.2021"],
                ["test", "P5", "X", "S1", "U2", "robot", "idé", None],
                ["test", "P6", "X", "S2", None, "forenkle", "i produksjon", None],
                ["test", "P7", "X", "S1", "U9", "robot", "idé", None],
            ],
            "sparte_timer": [
                ["organisasjon", "prosess", "måned", "timer", "grunnlag", "kjøringer"],
                ["test", "P3", "01.2021", "12,5", "målt", 10],
                ["test", "P1", "13.2021", "-3", "målt", "2,5"],
                ["test", "P9", "02.2021", "abc", "gjettet", None],
                ["test", "P1", "03.2021", -1.5, "målt", -2],
            ],
        },
    )
    before, sha = dump(small), sqlite_sha(small)
    report = run(path, small)
    assert not report.ok
    allowed_kind = "automate (automatisere, robot), simplify (forenkle), remove (fjerne)"
    assert issues(report) == [
        ("enheter", 3, "navn", None, "import.required"),
        ("enheter", 3, "sektor", "S9", "import.unknown_sector"),
        ("enheter", 4, "organisasjon, enhet", "test, U3", "import.duplicate_key"),
        ("enheter", 5, "organisasjon", "nope", "import.unknown_organisation"),
        ("kjerneområder", 2, "sektorer", "S7", "import.unknown_sector"),
        ("kjerneområder", 2, "tverrgående", "kanskje", "import.not_boolean"),
        ("prosesser", 3, "type", "robotx", "import.not_allowed"),
        ("prosesser", 3, "i_produksjon_fra", "31.02.2021", "import.not_date"),
        ("prosesser", 4, "enhet", "U2", "import.unit_other_sector"),
        ("prosesser", 5, "i_produksjon_fra", None, "import.go_live_required"),
        ("prosesser", 6, "enhet", "U9", "import.unknown_unit"),
        ("sparte_timer", 3, "måned", "13.2021", "import.not_month"),
        ("sparte_timer", 3, "timer", "-3", "import.negative"),
        ("sparte_timer", 3, "kjøringer", "2,5", "import.not_integer"),
        ("sparte_timer", 4, "prosess", "P9", "import.unknown_process"),
        ("sparte_timer", 4, "timer", "abc", "import.not_number"),
        ("sparte_timer", 4, "grunnlag", "gjettet", "import.not_allowed"),
        ("sparte_timer", 5, "timer", "-1.5", "import.negative"),
        ("sparte_timer", 5, "kjøringer", "-2", "import.negative"),
    ]
    by_row = {(e.sheet, e.row, e.column): e for e in report.errors}
    assert by_row["enheter", 4, "organisasjon, enhet"].params == {"first": 2}
    assert by_row["prosesser", 3, "type"].params == {"allowed": allowed_kind}
    assert by_row["prosesser", 4, "enhet"].params == {"sector": "S2"}
    text = report.describe()
    assert text.splitlines()[0] == "feil.xlsx: ikke importert, 19 feil. Ingenting er endret."
    assert (
        "  feil.xlsx, ark «sparte_timer», rad 3, kolonne «timer», verdi «-3»: kan ikke være negativ"
    ) in text.splitlines()
    assert (
        "  feil.xlsx, ark «enheter», rad 4, kolonne «organisasjon, enhet», verdi «test, U3»: "
        "den samme nøkkelen står allerede i rad 2"
    ) in text.splitlines()
    assert dump(small) == before
    assert sqlite_sha(small) == sha


def test_effect_goal_rows(small, tmp_path):
    path = write_xlsx(
        tmp_path / "mål.xlsx",
        {
            "indikatorer": [
                [
                    "organisasjon",
                    "indikator",
                    "effektmål",
                    "navn",
                    "måleenhet",
                    "retning",
                    "utgangsverdi",
                    "utgangsår",
                    "målverdi",
                    "målår",
                ],
                ["test", "I5", "G1", "Navn", "%", "høyere", 10, 2020, 20, 2019],
                ["test", "I6", "G9", "Navn", "%", "opp", "1,2,3", 1899, 20, 2025],
            ],
            "indikatorverdier": [
                ["organisasjon", "indikator", "år", "verdi", "kommentar"],
                ["test", "I5", 2021, "15,5", None],  # I5 is in the file (though it has an error)
                ["test", "I99", 2021, 1, None],
            ],
            "endringsteori_koblinger": [
                ["organisasjon", "effektmål", "fra_steg", "til_steg", "forutsetning"],
                ["test", "G1", "T1", "T1", None],
                ["test", "G1", "T1", "X9", None],
                ["test", "G9", "T1", "R1", None],
                ["test", "G1", "T2", "R1", "Ny forutsetning"],  # exists: a change, no error
            ],
        },
    )
    report = run(path, small)
    assert issues(report) == [
        ("indikatorer", 2, "målår", "2019", "import.target_before_baseline"),
        ("indikatorer", 3, "effektmål", "G9", "import.unknown_goal"),
        ("indikatorer", 3, "retning", "opp", "import.not_allowed"),
        ("indikatorer", 3, "utgangsverdi", "1,2,3", "import.not_number"),
        ("indikatorer", 3, "utgangsår", "1899", "import.not_year"),
        ("indikatorverdier", 3, "indikator", "I99", "import.unknown_indicator"),
        ("endringsteori_koblinger", 2, "til_steg", "T1", "import.self_link"),
        ("endringsteori_koblinger", 3, "til_steg", "X9", "import.unknown_step"),
        ("endringsteori_koblinger", 4, "effektmål", "G9", "import.unknown_goal"),
    ]
    assert report.errors[0].text("en") == (
        'mål.xlsx, sheet "indikatorer", row 2, column "målår", value "2019": '
        "the target year (2019) must be after the baseline year (2020)"
    )
    assert report.errors[0].text("da") == (
        "mål.xlsx, ark »indikatorer«, række 2, kolonne »målår«, værdi »2019«: "
        "målåret (2019) skal ligge efter udgangsåret (2020)"
    )


def test_service_review_rules_and_row_numbers_past_a_blank_line(small, tmp_path):
    path = write_csv(
        tmp_path / "tjenestegjennomgang.csv",
        [
            "organisasjon;enhet;år;del;frist;status;levert_dato;beløp_kr;kommentar",
            "test;U1;2022;internkontroll;30.06.2022;levert;;;",
            "test;U1;2022;driftsbudsjett;31.08.2022;pågår;01.09.2022;1 000;",
            "test;U2;2022;fornyelse;31.08.2022;ikke startet;;500;",
            "test;U2;2022;internkontroll;2022-06-30;ferdig;;;",
            "",
            "test;U2;2022;internkontroll;30.06.2022;pågår;;;",
            "test;U2;1800;internkontroll;30.06.2022;pågår;;;",
            "test;U2;2022;driftsbudsjett;31.06.2022;levert;30.08.2022;2,5;;x",
        ],
        "cp1252",
    )
    report = run(path, small)
    name = "tjenestegjennomgang.csv"
    assert issues(report) == [
        (name, 2, "levert_dato", None, "import.submitted_without_date"),
        (name, 3, "levert_dato", "01.09.2022", "import.date_without_submitted"),
        (name, 4, "beløp_kr", "500", "import.amount_not_budget"),
        (name, 5, "status", "ferdig", "import.not_allowed"),
        (
            name,
            7,
            "organisasjon, enhet, år, del",
            "test, U2, 2022, internkontroll",
            "import.duplicate_key",
        ),
        (name, 8, "år", "1800", "import.not_year"),
        (name, 9, None, None, "import.too_many_cells"),
        (name, 9, "frist", "31.06.2022", "import.not_date"),
    ]
    # For a CSV file the sheet is the file: named once.
    assert report.errors[0].text() == (
        "tjenestegjennomgang.csv, rad 2, kolonne «levert_dato»: "
        "status er levert, men levert-datoen mangler"
    )


def test_missing_required_column_and_empty_cells(small, tmp_path):
    path = write_csv(tmp_path / "sektorer.csv", ["Organisasjon;Navn", "test;", ";Helse"])
    report = run(path, small)
    assert issues(report) == [
        ("sektorer.csv", 1, "sektor", None, "import.missing_column"),
        ("sektorer.csv", 2, "Navn", None, "import.required"),
        ("sektorer.csv", 3, "Organisasjon", None, "import.required"),
    ]


def test_the_same_problem_on_many_rows_is_one_line(small, tmp_path):
    lines = ["organisasjon;sektor;navn"] + [f"tset;S{n};X" for n in range(3, 9)]
    lines[4] = "test;S6;"
    report = run(write_csv(tmp_path / "sektorer.csv", lines), small)
    assert [e.row for e in report.errors] == [2, 3, 4, 5, 6, 7]
    assert report.describe().splitlines() == [
        "sektorer.csv: ikke importert, 6 feil. Ingenting er endret.",
        "  sektorer.csv, rader 2–4, 6–7, kolonne «organisasjon», verdi «tset»: "
        "ukjent organisasjon: finnes verken i databasen eller i filen",
        "  sektorer.csv, rad 5, kolonne «navn»: må fylles ut",
    ]


def test_unknown_columns_are_warnings(small, tmp_path):
    path = write_csv(tmp_path / "sektorer.csv", ["organisasjon;sektor;navn;notat", "test;S3;Ny;x"])
    report = run(path, small)
    assert report.ok and report.rows_added == 1
    assert [(w.row, w.column, w.reason) for w in report.warnings] == [
        (1, "notat", "import.unknown_column")
    ]
    assert "Advarsel: sektorer.csv, rad 1, kolonne «notat»: ukjent kolonne" in report.describe()


def test_a_file_that_fails_halfway_changes_nothing(small, tmp_path):
    lines = ["organisasjon;prosess;måned;timer;grunnlag;kjøringer"]
    for n in range(2000):  # 500 months × P1/P2 × measured/estimated
        month = dt.date(1990 + n // 4 // 12, n // 4 % 12 + 1, 1)
        process, basis = ("P1", "P2")[n % 2], ("målt", "estimert")[n // 2 % 2]
        lines.append(f"test;{process};{month:%m.%Y};{n},5;{basis};")
    lines[1001] = "test;P1;01.2050;x;målt;"
    lines.append("test;P8;01.2050;1;målt;")
    path = write_csv(tmp_path / "sparte_timer.csv", lines, "cp1252")
    before, sha = dump(small), sqlite_sha(small)
    report = run(path, small)
    assert issues(report) == [
        ("sparte_timer.csv", 1002, "timer", "x", "import.not_number"),
        ("sparte_timer.csv", 2002, "prosess", "P8", "import.unknown_process"),
    ]
    assert dump(small) == before
    assert sqlite_sha(small) == sha
    # The same file without the two bad rows imports completely.
    del lines[-1]
    lines[1001] = "test;P1;01.2050;1;målt;"
    report = run(write_csv(tmp_path / "sparte_timer.csv", lines), small)
    # The fixture's five records (2020–2021) are in the file too, with other hours: changed.
    assert report.ok and (report.rows_added, report.rows_changed) == (1995, 5)


def test_progress_is_reported_for_large_files(small, tmp_path):
    lines = ["organisasjon;år;timer"] + [f"test;{1900 + n % 200};{n}" for n in range(200)]
    calls: list[tuple] = []
    lines += [f"test;{1900 + n % 200};{n}" for n in range(10_000)]  # duplicates: read, not written
    run(write_csv(tmp_path / "sparemål.csv", lines), small, progress=lambda *a: calls.append(a))
    assert calls == [
        ("sparemål.csv", "read", 10_000, 10_200),
        ("sparemål.csv", "read", 10_200, 10_200),
    ]


def test_print_progress_writes_to_stderr(capsys):
    importer.print_progress("x.csv", "read", 50_000, 100_000)
    assert capsys.readouterr().err == f"x.csv: 50{NBSP}000 av 100{NBSP}000 rader lest (50 %)\n"


# --- Bad files -------------------------------------------------------------------------------


def _only_issue(report: importer.ImportReport) -> str:
    assert len(report.errors) == 1, report.describe()
    return report.errors[0].reason


def test_unknown_extension_empty_and_missing_files(engine, tmp_path):
    (tmp_path / "gammel.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "tom.csv").write_bytes(b"")
    (tmp_path / "bare_bom.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    (tmp_path / "tom.xlsx").write_bytes(b"")
    assert _only_issue(run(tmp_path / "gammel.xls", engine)) == "import.unknown_extension"
    assert _only_issue(run(tmp_path / "tom.csv", engine)) == "import.empty_file"
    assert _only_issue(run(tmp_path / "bare_bom.csv", engine)) == "import.empty_file"
    assert _only_issue(run(tmp_path / "tom.xlsx", engine)) == "import.empty_file"
    assert _only_issue(run(tmp_path / "finnes_ikke.csv", engine)) == "import.not_found"
    report = run(tmp_path / "gammel.xls", engine)
    assert report.describe() == (
        "gammel.xls: ikke importert, 1 feil. Ingenting er endret.\n"
        "  gammel.xls: filtypen «.xls» kan ikke importeres; bruk .xlsx eller .csv"
    )


def test_corrupt_workbooks(engine, tmp_path):
    (tmp_path / "tull.xlsx").write_bytes(b"PK\x03\x04 not really a zip" * 10)
    with zipfile.ZipFile(tmp_path / "zip.xlsx", "w") as archive:
        archive.writestr("notater.txt", "ikke en arbeidsbok")
    data = WORKBOOKS[0].read_bytes()  # a real workbook, cut in half
    (tmp_path / "halv.xlsx").write_bytes(data[: len(data) // 2])
    for name in ("tull.xlsx", "zip.xlsx", "halv.xlsx"):
        assert _only_issue(run(tmp_path / name, engine)) == "import.not_workbook", name


def test_too_large_file(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("IMPORT_MAX_FILE_MB", "0.0001")  # 104 bytes
    path = write_csv(tmp_path / "sektorer.csv", ["organisasjon;sektor;navn"] + ["test;S9;X"] * 20)
    report = run(path, engine)
    assert _only_issue(report) == "import.too_large"
    assert report.errors[0].text().startswith("sektorer.csv: filen er på 0,0 MB, mer enn grensen")


def _bomb(path: Path, megabytes: int) -> Path:
    """A real workbook with one more member of `megabytes` zeros (a few kB compressed)."""
    path.write_bytes(WORKBOOKS[0].read_bytes())
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/bomb.bin", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return path


def test_zip_bomb_disguised_as_xlsx(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("IMPORT_MAX_UNPACKED_MB", "2")
    path = _bomb(tmp_path / "bombe.xlsx", 3)
    assert path.stat().st_size < 100_000
    report = run(path, engine)
    assert _only_issue(report) == "import.zip_bomb"
    assert "pakkes ut til mer enn 2,0 MB" in report.describe()
    assert count(engine, Organisation) == 0


def test_zip_bomb_over_the_default_limit(tmp_path, sqlite_url):
    path = _bomb(tmp_path / "stor.xlsx", 501)
    assert path.stat().st_size < 2_000_000
    assert _only_issue(run(path, get_engine(sqlite_url))) == "import.zip_bomb"


def test_a_forged_zip_header_does_not_hide_the_real_size(tmp_path, monkeypatch, sqlite_url):
    """The zip says the member is 1 kB; it inflates to 3 MB. Refused either way: by counting the
    inflated bytes, or by zipfile's CRC check on the truncated member."""
    monkeypatch.setenv("IMPORT_MAX_UNPACKED_MB", "2")
    path = tmp_path / "falsk.xlsx"
    path.write_bytes(WORKBOOKS[0].read_bytes())
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/bomb.bin", bytes(3 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    name = b"xl/media/bomb.bin"
    local = data.index(b"PK\x03\x04" + data[4:4])  # first local header
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = local
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1024)
            at += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 2 * 1024 * 1024  # the forged size
    assert _only_issue(run(path, get_engine(sqlite_url))) in {
        "import.zip_bomb",
        "import.not_workbook",
    }


def test_unknown_table_and_bad_encoding(engine, tmp_path):
    unknown = write_csv(tmp_path / "budsjett.csv", ["konto;beløp", "1000;5"])
    assert _only_issue(run(unknown, engine)) == "import.unknown_table"
    (tmp_path / "sektorer.csv").write_bytes(b"organisasjon;sektor;navn\r\ntest;S1;\x81\x8d\r\n")
    assert _only_issue(run(tmp_path / "sektorer.csv", engine)) == "import.encoding"
    workbook = write_xlsx(tmp_path / "notater.xlsx", {"Ark1": [["hva", "hvem"], ["x", "y"]]})
    assert _only_issue(run(workbook, engine)) == "import.no_tables"


def test_unknown_sheets_are_skipped_with_a_warning(small, tmp_path):
    path = write_xlsx(
        tmp_path / "blandet.xlsx",
        {
            "Notater": [["hva", "hvem"], ["x", "y"]],
            "Sparemål 2030": [["organisasjon", "år", "timer"], ["test", 2030, 9000]],
        },
    )
    report = run(path, small)
    assert report.ok and report.rows_added == 1
    assert [(w.sheet, w.reason) for w in report.warnings] == [("Notater", "import.sheet_ignored")]


# --- The command line ------------------------------------------------------------------------


def test_cli_exit_codes(db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_engine.cache_clear()
    try:
        good = write_csv(tmp_path / "organisasjoner.csv", ["organisasjon;navn", "ny;Ny kommune"])
        bad = write_csv(tmp_path / "sektorer.csv", ["organisasjon;sektor;navn", "ukjent;S1;X"])
        assert cli.main(["import", str(bad)]) == 1
        assert cli.main(["import", str(good), "--dry-run"]) == 0
        assert cli.main(["import", str(good)]) == 0
        assert cli.main(["import", str(good), str(bad)]) == 1
        out = capsys.readouterr().out.splitlines()
        assert out[:3] == [
            "sektorer.csv: ikke importert, 1 feil. Ingenting er endret.",
            "  sektorer.csv, rad 2, kolonne «organisasjon», verdi «ukjent»: "
            "ukjent organisasjon: finnes verken i databasen eller i filen",
            "organisasjoner.csv: prøvekjøring (organisasjon), ingenting er endret. 1 rader lest: "
            "1 ville blitt lagt til, 0 endret, 0 uendret.",
        ]
        assert count(get_engine(db_url), Organisation) == 1
    finally:
        get_engine().dispose()
        get_engine.cache_clear()


# --- Parsing cells and naming tables ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", 2.5),
        ("1 200,50", 1200.5),
        (f"1{NBSP}200,50", 1200.5),
        ("1\u202f200,50", 1200.5),
        ("1.200,50", 1200.5),
        ("1.200", 1200.0),
        ("12.345.678", 12345678.0),
        ("2.5", 2.5),
        ("-3", -3.0),
        ("\u22123,5", -3.5),
        ("3389", 3389.0),
        (3389, 3389.0),
        (2.5, 2.5),
    ],
)
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "1,2,3", "12,5 %", "1 2,5", "", "nan", "inf", True, "1e3", "1,200.5", "12,"]
)
def test_not_numbers(text):
    with pytest.raises(CellError):
        parse_number(text)


def test_dates_and_months():
    assert parse_date("30.06.2021") == dt.date(2021, 6, 30)
    assert parse_date("2021-06-30") == dt.date(2021, 6, 30)
    assert parse_date(dt.datetime(2021, 6, 30, 0, 0)) == dt.date(2021, 6, 30)
    assert parse_date(45000) == dt.date(2023, 3, 15)  # a date cell without its date format
    for bad in ("31.02.2021", "30/06/2021", "juni 2021", "30.06.1800"):
        with pytest.raises(CellError):
            parse_date(bad)
    assert parse_month("03.2021") == dt.date(2021, 3, 1)
    assert parse_month("2021-03") == dt.date(2021, 3, 1)
    assert parse_month("15.03.2021") == dt.date(2021, 3, 1)
    assert parse_month(dt.datetime(2021, 3, 15)) == dt.date(2021, 3, 1)
    with pytest.raises(CellError):
        parse_month("13.2021")


def test_tables_are_found_by_name_or_headers():
    assert table_by_name("Sparte timer").name == "sparte_timer"
    assert table_by_name("2024-sparte_timer").name == "sparte_timer"
    assert table_by_name("03_kjerneomrader").name == "kjerneområder"
    assert table_by_name("Kerneområder").name == "kjerneområder"
    assert table_by_name("indikatorverdier").name == "indikatorverdier"
    assert table_by_name("effektmal_indikatorer") is None  # two tables: decided by headers
    assert table_by_name("budsjett") is None
    assert table_by_headers(["organisasjon", "år", "timer"]).name == "sparemål"
    assert table_by_headers(["Organisation", "Enhed", "Navn", "Forvaltning"]).name == "enheter"
    assert table_by_headers(["konto", "beløp"]) is None


# --- The templates ---------------------------------------------------------------------------


def test_the_templates_are_up_to_date(tmp_path):
    """data/templates/ is what `python -m dashboard.ingest.templates` writes."""
    (tmp_path / "README.md").write_text(
        (TEMPLATES / "README.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    import_templates.write_all(tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == (
        TEMPLATES / "README.md"
    ).read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [p.name for p in CSV_FILES]
    for path in CSV_FILES:
        assert (tmp_path / "csv" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in WORKBOOKS:
        fresh, committed = load_workbook(tmp_path / path.name), load_workbook(path)
        assert fresh.sheetnames == committed.sheetnames
        for sheet in fresh.sheetnames:
            assert [list(r) for r in fresh[sheet].values] == [
                list(r) for r in committed[sheet].values
            ], (path.name, sheet)


def test_every_column_is_documented():
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    from dashboard.ingest.schema import TABLES

    for table in TABLES:
        assert f"#### {table.name}\n" in readme
        for column in table.columns:
            assert f"| `{column.header}` |" in readme, (table.name, column.header)


def test_the_csv_templates_are_what_norwegian_excel_writes():
    data = (TEMPLATES / "csv" / "10_tjenestegjennomgang.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbforganisasjon;enhet;")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and f"1{NBSP}250{NBSP}000" in text and "30.06.2021" in text
