"""The import templates under data/templates/: an .xlsx per area and a CSV per table, with example
rows, and the column tables of data/templates/README.md, all generated from `import_schema`.

    .venv/bin/python -m dashboard.ingest.templates     # rewrites data/templates/

The example rows belong to the demo organisation (`demo`) and use its codes: rows the demo already
has are written with the demo's own values (importing a template into the demo database changes
none of them), the other rows are new. Each area workbook carries the organisation's sheets too,
so it imports on its own into an empty database or the demo's; the CSV files (one table each)
import in the order of their file names (organisation first). The CSV files are written as
Norwegian Excel's "CSV UTF-8" writes them: UTF-8 with BOM, `;` between cells, CRLF, decimal
comma, NBSP between thousands, dates as dd.mm.yyyy. Only the numbers in the effect-goal template
that DOMAIN.md cites are real; the rest is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from babel.numbers import format_decimal

from dashboard.ingest.schema import (
    AREAS,
    CHOICE_ALIASES,
    CODE_LENGTH,
    TABLES,
    Column,
    Table,
    Type,
    normalise_name,
)
from dashboard.settings import PROJECT_ROOT

TEMPLATE_DIR = PROJECT_ROOT / "data" / "templates"
# File names sort in import order, so `dashboard import data/templates/*.xlsx` works as it is.
WORKBOOKS = {
    "organisation": "1_organisasjon.xlsx",
    "effect_goals": "2_effektmal.xlsx",
    "service_review": "3_tjenestegjennomgang.xlsx",
    "savings": "4_minuttjakt.xlsx",
}
assert set(WORKBOOKS) == set(AREAS)
D = dt.date

# Rows by table, the values as a workbook holds them (numbers, dates, booleans, texts).
ROWS: dict[str, list[tuple]] = {
    # The demo's comparison regions (dashboard.ingest.demo): codes of its demo statistics.
    "sammenligning": [
        ("demo", "EKG07", "kostragruppe", 1),
        ("demo", "EAK", "land", 2),
        ("demo", "9998", "nabo", 3),
        ("demo", "9997", "nabo", 4),
    ],
    "organisasjoner": [("demo", "Demo kommune", "9999")],
    "sektorer": [
        ("demo", "oppvekst-skole", "Oppvekst skole"),
        ("demo", "oppvekst-barn-unge", "Oppvekst barn og unge"),
        ("demo", "helse-velferd", "Helse og velferd"),
        ("demo", "kultur-naering", "Kultur og næring"),
        ("demo", "organisasjon", "Organisasjon"),
    ],
    "kjerneområder": [
        ("demo", "arbeid", "Arbeid og aktivitet", "helse-velferd", False, 2011),
        (
            "demo",
            "hjemmetjenester",
            "Hjemmetjenester",
            "helse-velferd",
            False,
            2013,
        ),
        (
            "demo",
            "helse-trivsel",
            "Helse og trivsel",
            "oppvekst-skole, oppvekst-barn-unge, helse-velferd",
            True,
            2012,
        ),
    ],
    "enheter": [
        ("demo", "hjemmetjenesten", "Hjemmetjenesten", "helse-velferd"),
        ("demo", "tildelingskontoret", "Tildelingskontoret", "helse-velferd"),
        ("demo", "frivilligsentralen", "Frivilligsentralen", "kultur-naering"),
        ("demo", "okonomi", "Økonomi", "organisasjon"),
    ],
    "effektmål": [
        (
            "demo",
            "arbeid-unge",
            "arbeid",
            2014,
            "Flere unge arbeidsledige kommer i arbeid eller utdanning",
        ),
        (
            "demo",
            "hjemmetjenester-trygghet",
            "hjemmetjenester",
            2015,
            "Eldre med hjemmetjenester føler seg trygge i eget hjem",
        ),
    ],
    "indikatorer": [
        (
            "demo",
            "arbeid-unge-i1",
            "arbeid-unge",
            "Andel unge arbeidsledige i arbeid eller utdanning etter 6 måneder",
            "%",
            1,
            "høyere",
            41.5,
            2015,
            55.0,
            2026,
            None,
        ),
        (
            "demo",
            "arbeid-unge-i2",
            "arbeid-unge",
            "Gjennomsnittlig varighet av ledighet for unge",
            "dager",
            0,
            "lavere",
            120,
            2015,
            80,
            2026,
            None,
        ),
        (
            "demo",
            "hjemmetjenester-trygghet-i1",
            "hjemmetjenester-trygghet",
            "Andel brukere av hjemmetjenester som føler seg trygge",
            "%",
            1,
            "høyere",
            78.0,
            2016,
            88.0,
            2026,
            None,
        ),
    ],
    "indikatorverdier": [
        ("demo", "arbeid-unge-i1", 2016, 42.0, None),
        ("demo", "arbeid-unge-i1", 2018, 44.6, None),
        ("demo", "arbeid-unge-i1", 2020, 43.1, "Covid-19: færre praksisplasser"),
        ("demo", "arbeid-unge-i1", 2022, 48.2, None),
        ("demo", "arbeid-unge-i1", 2023, 49.5, None),
        ("demo", "arbeid-unge-i2", 2016, 118, None),
        ("demo", "arbeid-unge-i2", 2019, 109, None),
        ("demo", "arbeid-unge-i2", 2022, 101, None),
        ("demo", "hjemmetjenester-trygghet-i1", 2017, 79.5, None),
        ("demo", "hjemmetjenester-trygghet-i1", 2021, 82.0, None),
        ("demo", "hjemmetjenester-trygghet-i1", 2023, 84.4, "Ny brukerundersøkelse"),
    ],
    "endringsteori_steg": [
        ("demo", "arbeid-unge", "T1", "tiltak", "Fast jobbkonsulent fra første samtale", 1),
        ("demo", "arbeid-unge", "T2", "tiltak", "Arbeidspraksis i stedet for kurs", 2),
        (
            "demo",
            "arbeid-unge",
            "R1",
            "delresultat",
            "De unge får tidlig kontakt med arbeidslivet",
            3,
        ),
        (
            "demo",
            "arbeid-unge",
            "E",
            "effekt",
            "Flere unge arbeidsledige kommer i arbeid eller utdanning",
            4,
        ),
    ],
    "endringsteori_koblinger": [
        ("demo", "arbeid-unge", "T1", "R1", None),
        ("demo", "arbeid-unge", "T2", "R1", "Virksomhetene tar imot unge i praksis"),
        ("demo", "arbeid-unge", "R1", "E", None),
    ],
    "tjenestegjennomgang": [
        (
            "demo",
            "tildelingskontoret",
            2021,
            "internkontroll",
            D(2021, 6, 30),
            "levert",
            D(2021, 6, 28),
            None,
            None,
        ),
        (
            "demo",
            "tildelingskontoret",
            2021,
            "driftsbudsjett",
            D(2021, 8, 31),
            "levert",
            D(2021, 9, 3),
            1_250_000,
            "Økt behov for praktisk bistand",
        ),
        (
            "demo",
            "tildelingskontoret",
            2021,
            "investeringsbudsjett",
            D(2021, 8, 31),
            "pågår",
            None,
            400_000,
            None,
        ),
        (
            "demo",
            "tildelingskontoret",
            2021,
            "fornyelse",
            D(2021, 8, 31),
            "ikke startet",
            None,
            None,
            None,
        ),
        (
            "demo",
            "frivilligsentralen",
            2021,
            "internkontroll",
            D(2021, 6, 30),
            "pågår",
            None,
            None,
            "Venter på ny ROS-analyse",
        ),
        (
            "demo",
            "frivilligsentralen",
            2021,
            "driftsbudsjett",
            D(2021, 8, 31),
            "levert",
            D(2021, 8, 20),
            150_000,
            None,
        ),
    ],
    "prosesser": [
        (
            "demo",
            "tt-kort",
            "Behandling av søknad om TT-kort",
            "helse-velferd",
            "tildelingskontoret",
            "robot",
            "i produksjon",
            D(2021, 3, 1),
        ),
        (
            "demo",
            "frivillig-registrering",
            "Registrering av frivillige",
            "kultur-naering",
            "frivilligsentralen",
            "forenkle",
            "i produksjon",
            D(2021, 9, 1),
        ),
        (
            "demo",
            "vedtak-dobbeltforing",
            "Dobbel føring av vedtak i regneark",
            "helse-velferd",
            None,
            "fjerne",
            "idé",
            None,
        ),
    ],
    "sparte_timer": [
        ("demo", "tt-kort", D(2021, 3, 1), 12.5, "målt", 50),
        ("demo", "tt-kort", D(2021, 4, 1), 30.0, "målt", 120),
        ("demo", "tt-kort", D(2021, 5, 1), 37.5, "målt", 150),
        ("demo", "tt-kort", D(2021, 6, 1), 36.0, "målt", 144),
        ("demo", "frivillig-registrering", D(2021, 9, 1), 8.0, "estimert", None),
        ("demo", "frivillig-registrering", D(2021, 10, 1), 8.0, "estimert", None),
    ],
    "effektmål_vurderinger": [
        (
            "demo",
            "arbeid-unge",
            2022,
            "Flere unge er i arbeid, men målet for 2026 nås bare med flere praksisplasser",
        )
    ],
    "sparemål": [("demo", 2027, 14_000, None), ("demo", 2027, 2_600, "helse-velferd")],
}
assert set(ROWS) == {t.name for t in TABLES}


def file_stem(table: Table) -> str:
    """`05_effektmal`: ASCII, numbered in import order."""
    return f"{TABLES.index(table) + 1:02d}_{normalise_name(table.name)}"


# --- CSV, as Norwegian Excel writes it -------------------------------------------------------


def _csv_cell(column: Column, value: object) -> str:
    if value is None:
        return ""
    if column.type is Type.MONTH and isinstance(value, dt.date):
        return value.strftime("%m.%Y")
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float):
        if isinstance(value, int) and 1900 <= value <= 2100:
            return str(value)  # a year, not "2 021"
        return format_decimal(value, format="#,##0.##", locale="nb_NO")
    return str(value)


def csv_bytes(table: Table, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in ROWS[table.name]:
        writer.writerow([_csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])
    return buffer.getvalue().encode(encoding)


# --- Workbooks -------------------------------------------------------------------------------


def workbook_tables(area: str) -> list[Table]:
    """The sheets of an area's workbook: its own tables, after the organisation's (organisation,
    sectors, core areas, units) for every other area, so each workbook imports (and dry-runs)
    on its own, into an empty database as into the demo's, whose rows these are."""
    tables = [t for t in TABLES if t.area == area]
    if area != "organisation":
        tables = [t for t in TABLES if t.area == "organisation"] + tables
    return tables


def _instructions(area: str) -> list[str]:
    tables = [t.name for t in workbook_tables(area)]
    return [
        "Importmal for styringsdashboardet / Import template for the management dashboard",
        "",
        "Ett ark per tabell: " + ", ".join(tables) + ".",
        "Rad 1 er kolonneoverskriftene; ikke endre dem. Slett eksempelradene og fyll inn egne.",
        "Eksempelradene hører til demoorganisasjonen «demo» og er demodata.",
        "Alle kolonner er beskrevet i data/templates/README.md.",
        "",
        "Importer:  dashboard import FIL.xlsx   (prøv først med --dry-run)",
        "En fil med feil endrer ingenting; alle feil vises med ark, rad, kolonne og verdi.",
    ]


def write_workbook(area: str, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    guide = workbook.active
    guide.title = "veiledning"
    for line in _instructions(area):
        guide.append([line])
    guide.column_dimensions["A"].width = 100
    for table in workbook_tables(area):
        sheet = workbook.create_sheet(table.name)
        sheet.append([c.header for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in ROWS[table.name]:
            sheet.append(list(row))
        for index, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(14, min(60, len(column.header) + 4))
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if column.type is Type.DATE:
                    cell.number_format = "DD.MM.YYYY"
                elif column.type is Type.MONTH:
                    cell.number_format = "MM.YYYY"
                elif column.type is Type.NUMBER:
                    cell.number_format = "# ##0.##"
        sheet.freeze_panes = "A2"
    # A fixed date keeps the file the same from run to run.
    workbook.properties.created = workbook.properties.modified = dt.datetime(2026, 1, 1)
    workbook.save(path)


# --- README column tables --------------------------------------------------------------------

_TYPE_TEXT = {
    Type.CODE: f"code: 1–{CODE_LENGTH} letters (æøå and Sámi letters too), digits, `-`, `_`, `.`",
    Type.CODES: "codes (as above) separated by commas",
    Type.TEXT: "text",
    Type.INT: "whole number",
    Type.YEAR: "year, 1900–2100",
    Type.NUMBER: "number: decimal comma, space or NBSP between thousands (`1 200,5`)",
    Type.DATE: "date `dd.mm.yyyy` (also `yyyy-mm-dd`), or a date cell",
    Type.MONTH: "month `mm.yyyy`, or a date (cell) in the month",
    Type.BOOL: "`ja`/`nei` (also `nej`, `x`, `1`/`0`, `yes`/`no`)",
    Type.CHOICE: "one of the allowed values",
}


def _type_text(column: Column) -> str:
    text = _TYPE_TEXT[column.type]
    if column.type is Type.TEXT:
        text = f"text, at most {column.max_length} characters"
    if column.minimum == 0:
        text += ", ≥ 0"
    return text


def _allowed_text(column: Column) -> str:
    if column.choices is None:
        return ""
    return "; ".join(
        f"`{member.value}`"
        + "".join(f", `{a}`" for a in CHOICE_ALIASES[column.choices][member.value])
        for member in column.choices
    )


def column_tables() -> str:
    """The generated part of data/templates/README.md."""
    parts: list[str] = []
    for area in AREAS:
        parts.append(f"### {WORKBOOKS[area]}\n")
        for table in (t for t in TABLES if t.area == area):
            names = f"`{table.name}`" + "".join(f" (da: `{a}`)" for a in table.aliases)
            key = ", ".join(f"`{table.column(f).header}`" for f in table.key)
            parts.append(
                f"#### {table.name}\n\n{table.doc}\n\nSheet or CSV file name: {names}; "
                f"example file `csv/{file_stem(table)}.csv`. One row per {key}.\n\n"
                "| column | da | required | type / format | allowed values | example | meaning |\n"
                "|---|---|---|---|---|---|---|"
            )
            for column in table.columns:
                danish = ", ".join(f"`{a}`" for a in column.aliases)
                parts.append(
                    f"| `{column.header}` | {danish} | {'yes' if column.required else 'no'} | "
                    f"{_type_text(column)} | {_allowed_text(column)} | `{column.example}` | "
                    f"{column.doc} |"
                )
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


_START, _END = "<!-- columns:start -->", "<!-- columns:end -->"


def readme_text(current: str) -> str:
    """`current` with the generated column tables between the markers."""
    pattern = re.compile(re.escape(_START) + ".*?" + re.escape(_END), re.DOTALL)
    return pattern.sub(lambda _: f"{_START}\n{column_tables()}{_END}", current)


def write_all(directory: Path = TEMPLATE_DIR) -> None:
    (directory / "csv").mkdir(parents=True, exist_ok=True)
    for area, name in WORKBOOKS.items():
        write_workbook(area, directory / name)
    for table in TABLES:
        (directory / "csv" / f"{file_stem(table)}.csv").write_bytes(csv_bytes(table))
    readme = directory / "README.md"
    if readme.exists():
        readme.write_text(readme_text(readme.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    write_all()
    print(f"Templates written to {TEMPLATE_DIR}")
