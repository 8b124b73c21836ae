"""What an import file may contain: the tables, their columns, and how a cell becomes a value.

One `Table` per sheet (xlsx) or file (csv). Rows refer to each other by codes (natural keys), never
by database ids, and every row names its organisation. The column headers are Norwegian; Danish
alternatives are accepted, and headers, table names and allowed values are matched without regard
to case, spaces/hyphens/underscores or æ/ø/å versus ae/o/a. `data/templates/README.md` documents
all of it; its column tables are generated from this module (`dashboard.ingest.templates`).

Cells are parsed with libraries: numbers with Babel (Norwegian and Danish number formats), dates
with `datetime.strptime` (and real date cells from openpyxl). A parser raises `CellError` with a
catalogue key; the importer turns that into an error with file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal
from openpyxl.utils.datetime import from_excel
from sqlalchemy import ColumnElement, select

from dashboard.models import (
    ChangeLink,
    ChangeStep,
    ChangeStepKind,
    ComparisonKind,
    ComparisonRegion,
    CoreArea,
    Direction,
    EffectGoal,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Organisation,
    ProcessKind,
    ProcessStage,
    ReviewPart,
    ReviewStatus,
    SavingsBasis,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    Unit,
    ValueOrigin,
    core_area_sector,
)
from dashboard.statistics import StatisticsError
from dashboard.statistics.readers import parse_series_id

CODE_LENGTH = 64
YEAR_RANGE = (1900, 2100)
INT_MAX = 2_147_483_647  # PostgreSQL INTEGER


class CellError(ValueError):
    """A cell that cannot become a value: `reason` is a catalogue key, `params` fill it."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


# --- Names -----------------------------------------------------------------------------------

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e"})


@lru_cache(maxsize=4096)  # the same few spellings over and over in a large file
def normalise_name(text: object) -> str:
    """A header, table name or allowed value as compared: `Kjerneområde ` → `kjerneomrade`,
    `I produksjon` → `i_produksjon`. NFC first, so a decomposed å (macOS) folds too."""
    folded = unicodedata.normalize("NFC", str(text)).strip().lower().translate(_FOLD)
    return re.sub(r"[\s\-_]+", "_", folded).strip("_")


# --- Cell parsers ----------------------------------------------------------------------------

_MINUS = "\u2212"  # Babel writes nb numbers with a real minus sign, but does not parse it
_NBSP = "\u00a0"


def parse_number(value: object) -> float:
    """A number as Norwegian, Danish or English Excel writes it: `2,5`, `1 200,50` (space, NBSP or
    narrow NBSP between thousands), `1.200,50`; `2.5` from systems that write a decimal point.

    A dot is a Danish thousands separator when groups of three digits follow it (`1.200` is
    1 200), otherwise a decimal point (`2.5`); Babel's strict mode makes that call."""
    if isinstance(value, bool):
        raise CellError("import.not_number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(_MINUS, "-").replace(" ", _NBSP).replace("\u202f", _NBSP)
        number = float(_parse_decimal_text(text))
    if not math.isfinite(number):
        raise CellError("import.not_number")
    return number


_NB, _DA, _EN = (Locale.parse(name) for name in ("nb_NO", "da_DK", "en_GB"))


# Every form data/templates/README.md documents, and no other (spaces already made NBSP, the
# minus sign made "-"): Babel alone would also take `1e3`, `1,234.5` and `12,`.
NUMBER_FORMS = re.compile(
    r"""-?(?:
        \d+(?:,\d+)?                          # 2   2,5   1200,50
      | \d{1,3}(?:\xa0\d{3})+(?:,\d+)?        # 1 200   1 200,50 (space, NBSP, narrow NBSP)
      | \d{1,3}(?:\.\d{3})+(?:,\d+)?          # 1.200   1.200,50 (Danish)
      | \d+\.\d+                             # 2.5 (a decimal point)
    )""",
    re.VERBOSE,
)


@lru_cache(maxsize=65_536)  # real columns repeat their values (hours, runs, amounts)
def _parse_decimal_text(text: str) -> Decimal:
    if text.isascii() and text.isdigit():
        return Decimal(text)  # the common case, no locale involved
    if not NUMBER_FORMS.fullmatch(text):
        raise CellError("import.not_number")
    # nb_NO: decimal comma and NBSP groups. With a dot in it: da_DK (dot groups), then en_GB.
    locales = (_NB,) if "." not in text else (_DA, _EN)
    for locale in locales:
        try:
            return parse_decimal(text, locale=locale, strict=True)
        except NumberFormatError:
            continue
    raise CellError("import.not_number")


def parse_int(value: object) -> int:
    number = parse_number(value)
    if not number.is_integer() or abs(number) > INT_MAX:
        raise CellError("import.not_integer")
    return int(number)


def parse_year(value: object) -> int:
    try:
        year = parse_int(value)
    except CellError:
        raise CellError("import.not_year") from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise CellError("import.not_year")
    return year


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_MONTH_FORMATS = ("%m.%Y", "%Y-%m")


def parse_date(value: object) -> dt.date:
    """`dd.mm.yyyy` (also `dd.mm.yy` and ISO `yyyy-mm-dd`), or a date cell from a workbook."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell that lost its date format shows as Excel's day number (45000 = 2023-03-15).
        if 1 <= value < 2958466:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        raise CellError("import.not_date")
    return _parse_date_text(str(value).strip())


@lru_cache(maxsize=65_536)
def _parse_date_text(text: str) -> dt.date:
    for pattern in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if YEAR_RANGE[0] <= day.year <= YEAR_RANGE[1]:
            return day
    raise CellError("import.not_date")


@lru_cache(maxsize=4096)
def _parse_month_text(text: str) -> dt.date | None:
    for pattern in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_month(value: object) -> dt.date:
    """The first day of a month: `mm.yyyy`, `yyyy-mm`, or any date in the month."""
    if isinstance(value, str):
        month = _parse_month_text(value.strip())
        if month is not None:
            return month
    try:
        day = parse_date(value)
    except CellError:
        raise CellError("import.not_month") from None
    return day.replace(day=1)


_TRUE = {"ja", "j", "yes", "y", "true", "sann", "sand", "x", "1"}
_FALSE = {"nei", "nej", "n", "no", "false", "usann", "falsk", "0"}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = normalise_name(value)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("import.not_boolean")


def as_text(value: object) -> str:
    """A cell as text: workbook numbers without a spurious `.0`, dates as dd.mm.yyyy."""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


# Accepted spellings of the stored values (the English codes): Norwegian first, then Danish.
CHOICE_ALIASES: dict[type[enum.StrEnum], dict[str, tuple[str, ...]]] = {
    Direction: {"higher": ("høyere", "højere"), "lower": ("lavere",)},
    ChangeStepKind: {
        "intervention": ("tiltak", "indsats"),
        "intermediate_result": ("delresultat", "mellemresultat"),
        "effect": ("effekt",),
    },
    ReviewPart: {
        "internal_control": ("internkontroll", "intern kontrol"),
        "budget_operating": ("driftsbudsjett", "driftsbudget"),
        "budget_investment": ("investeringsbudsjett", "anlægsbudget"),
        "renewal_need": ("fornyelse", "fornyelsesbehov"),
    },
    ReviewStatus: {
        "not_started": ("ikke startet", "ikke påbegyndt"),
        "in_progress": ("pågår", "i gang"),
        "submitted": ("levert", "afleveret"),
    },
    ProcessKind: {
        "automate": ("automatisere", "robot"),
        "simplify": ("forenkle",),
        "remove": ("fjerne",),
    },
    ProcessStage: {
        "idea": ("idé",),
        "in_development": ("i utvikling", "i udvikling"),
        "in_production": ("i produksjon", "i drift", "i produktion"),
        "retired": ("avviklet", "afviklet"),
    },
    SavingsBasis: {"measured": ("målt",), "estimated": ("estimert", "estimeret")},
    ComparisonKind: {
        "group": ("kostragruppe", "kommunegruppe", "gruppe"),
        "country": ("land", "landet", "hele landet"),
        "peer": ("nabo", "sammenlignbar", "kommune"),
    },
}


@cache
def choice_lookup(kind: type[enum.StrEnum]) -> dict[str, str]:
    """normalised spelling → stored value."""
    lookup: dict[str, str] = {}
    for member in kind:
        for spelling in (member.value, *CHOICE_ALIASES[kind][member.value]):
            lookup[normalise_name(spelling)] = member.value
    return lookup


def choice_text(kind: type[enum.StrEnum]) -> str:
    """`higher (høyere, højere), lower (lavere)`: what an error lists as allowed."""
    return ", ".join(
        f"{member.value} ({', '.join(CHOICE_ALIASES[kind][member.value])})" for member in kind
    )


_CODE_SEPARATORS = re.compile(r"[,;|\n]+")
CODE_PUNCTUATION = "-_."


def parse_code(value: object) -> str:
    """A code as stored: letters of any alphabet (æøå, Sámi áčđŋšŧž …), digits, `-`, `_` and
    `.`, 1–64 characters. Codes end up in links, file names and headers, so anything else (a
    quote, `<`, `/`, a space, a line break or other control character) is refused with the
    rule, never cleaned silently. The cell is already trimmed of blanks around it."""
    code = unicodedata.normalize("NFC", as_text(value))
    if len(code) > CODE_LENGTH:
        raise CellError("import.too_long", max=CODE_LENGTH)
    if not code or not all(
        char in CODE_PUNCTUATION or unicodedata.category(char) in _CODE_CATEGORIES for char in code
    ):
        raise CellError("import.bad_code", max=CODE_LENGTH)
    return code


# Letters (upper, lower, title, modifier, other) and decimal digits.
_CODE_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"})


# --- Columns and tables ----------------------------------------------------------------------


class Type(enum.StrEnum):
    CODE = "code"
    CODES = "codes"  # a list of codes in one cell
    TEXT = "text"
    INT = "int"
    YEAR = "year"
    NUMBER = "number"
    DATE = "date"
    MONTH = "month"
    BOOL = "bool"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    header: str  # as in the templates
    field: str  # the record's field: a model attribute, or a code a reference resolves
    type: Type
    required: bool
    doc: str  # English, for data/templates/README.md
    example: str
    aliases: tuple[str, ...] = ()  # Danish headers
    max_length: int | None = None
    choices: type[enum.StrEnum] | None = None
    minimum: float | None = None  # 0 for hours, runs, positions

    def names(self) -> set[str]:
        return {normalise_name(name) for name in (self.header, *self.aliases)}

    def parse(self, value: object) -> Any:
        """The stored value of a non-empty cell, or CellError."""
        kind = self.type
        if kind is Type.CODE:
            return parse_code(value)
        if kind is Type.TEXT:
            text = as_text(value)
            limit = self.max_length or CODE_LENGTH
            if len(text) > limit:
                raise CellError("import.too_long", max=limit)
            return text
        if kind is Type.CODES:
            parts = [c.strip() for c in _CODE_SEPARATORS.split(as_text(value)) if c.strip()]
            if not parts:
                raise CellError("import.required")
            codes = [parse_code(part) for part in parts]
            return tuple(dict.fromkeys(codes))  # order kept for messages, duplicates dropped
        if kind is Type.CHOICE:
            assert self.choices is not None
            found = choice_lookup(self.choices).get(normalise_name(as_text(value)))
            if found is None:
                raise CellError("import.not_allowed", allowed=choice_text(self.choices))
            return found
        if kind is Type.BOOL:
            return parse_bool(value)
        if kind is Type.DATE:
            return parse_date(value)
        if kind is Type.MONTH:
            return parse_month(value)
        if kind is Type.YEAR:
            return parse_year(value)
        number: float | int = parse_int(value) if kind is Type.INT else parse_number(value)
        if self.minimum is not None and number < self.minimum:
            raise CellError("import.negative")
        return number


@dataclass(frozen=True)
class Ref:
    """A reference by code to another table's natural key. `fields` are this record's fields that
    form the target's key, in the target's key order; `column` is the model's foreign key (None:
    checked only, e.g. the organisation of a table without an organisation_id)."""

    target: str
    fields: tuple[str, ...]
    column: str | None
    reason: str  # catalogue key of "unknown …"


@dataclass(frozen=True)
class Link:
    """A many-to-many field kept in a link table (a core area's sectors)."""

    field: str
    table: Any
    owner_column: str
    target_column: str
    target: str
    reason: str


Record = dict[str, Any]
Lookup = Callable[[str, tuple], Mapping[str, Any] | None]
# (field to blame, catalogue key, params)
Problem = tuple[str, str, dict[str, object]]


@dataclass(frozen=True)
class Table:
    name: str  # the sheet or file name that identifies it
    area: str
    model: Any
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the natural key, as record fields
    refs: tuple[Ref, ...]
    scope: Callable[[Sequence[int]], ColumnElement[bool] | None]  # rows of these organisations
    aliases: tuple[str, ...] = ()  # Danish table names
    link: Link | None = None
    checks: tuple[Callable[[Record, Lookup], list[Problem]], ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)  # for empty optional cells
    # Fields every imported row writes, not columns of the file (a value's origin: manual).
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {normalise_name(name) for name in (self.name, *self.aliases)}

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    @property
    def ref_fields(self) -> set[str]:
        return {f for ref in self.refs for f in ref.fields}

    @property
    def plain_fields(self) -> tuple[str, ...]:
        """Fields stored as they are in a model column of the same name."""
        skip = self.ref_fields | ({self.link.field} if self.link else set())
        return tuple(c.field for c in self.columns if c.field not in skip) + tuple(self.fixed)


# --- Common columns --------------------------------------------------------------------------


def _org_column() -> Column:
    return Column(
        "organisasjon",
        "organisation",
        Type.CODE,
        True,
        "Code of the organisation (municipality) the row belongs to; defined in `organisasjoner` "
        "or already in the database.",
        "demo",
        aliases=("organisation",),
    )


ORG_REF = Ref("organisasjoner", ("organisation",), "organisation_id", "import.unknown_organisation")
ORG_CHECK = Ref("organisasjoner", ("organisation",), None, "import.unknown_organisation")
GOAL_REF = Ref("effektmål", ("organisation", "goal"), "effect_goal_id", "import.unknown_goal")


def _name(
    max_length: int = 200, doc: str = "Name as shown in the dashboard.", example: str = ""
) -> Column:
    return Column("navn", "name", Type.TEXT, True, doc, example, max_length=max_length)


def _comment(example: str = "") -> Column:
    return Column(
        "kommentar",
        "comment",
        Type.TEXT,
        False,
        "Free text shown with the value.",
        example,
        max_length=10_000,
    )


def _by_org(model: Any) -> Callable[[Sequence[int]], ColumnElement[bool]]:
    return lambda org_ids: model.organisation_id.in_(org_ids)


def _owned_by(column: Any, parent: Any) -> Callable[[Sequence[int]], ColumnElement[bool]]:
    """Rows whose `column` points at a `parent` row of the organisations (the values of their
    indicators, the tasks of their units, …)."""
    return lambda org_ids: column.in_(select(parent.id).where(parent.organisation_id.in_(org_ids)))


# --- Checks across columns -------------------------------------------------------------------


MAX_DECIMALS = 4


def _target_after_baseline(record: Record, _lookup: Lookup) -> list[Problem]:
    problems: list[Problem] = []
    if record["target_year"] <= record["baseline_year"]:
        params = {"target": record["target_year"], "baseline": record["baseline_year"]}
        problems.append(("target_year", "import.target_before_baseline", params))
    if record.get("decimals") is not None and record["decimals"] > MAX_DECIMALS:
        problems.append(("decimals", "import.too_many_decimals", {"max": MAX_DECIMALS}))
    return problems


_BUDGET_PARTS = {ReviewPart.BUDGET_OPERATING.value, ReviewPart.BUDGET_INVESTMENT.value}


def _review_rules(record: Record, _lookup: Lookup) -> list[Problem]:
    problems: list[Problem] = []
    submitted = record["status"] == ReviewStatus.SUBMITTED.value
    if submitted and record["submitted_on"] is None:
        problems.append(("submitted_on", "import.submitted_without_date", {}))
    if not submitted and record["submitted_on"] is not None:
        problems.append(("submitted_on", "import.date_without_submitted", {}))
    if record["amount_nok"] is not None and record["part"] not in _BUDGET_PARTS:
        problems.append(("amount_nok", "import.amount_not_budget", {}))
    return problems


_LIVE_STAGES = {ProcessStage.IN_PRODUCTION.value, ProcessStage.RETIRED.value}


def _process_rules(record: Record, lookup: Lookup) -> list[Problem]:
    problems: list[Problem] = []
    if record["unit"] is not None:
        unit = lookup("enheter", (record["organisation"], record["unit"]))
        if unit is not None and unit["sector"] != record["sector"]:
            problems.append(("unit", "import.unit_other_sector", {"sector": unit["sector"]}))
    if record["stage"] in _LIVE_STAGES and record["go_live"] is None:
        problems.append(("go_live", "import.go_live_required", {}))
    return problems


def _series_id(record: Record, _lookup: Lookup) -> list[Problem]:
    if record.get("series_code") is None:
        return []
    try:
        parse_series_id(record["series_code"])
    except StatisticsError:
        return [("series_code", "import.bad_series", {})]
    return []


def _no_self_link(record: Record, _lookup: Lookup) -> list[Problem]:
    if record["from_step"] == record["to_step"]:
        return [("to_step", "import.self_link", {})]
    return []


# --- The tables, in the order they are written (a table only refers to earlier ones) ---------
# (`sammenligning` came last, so the numbered template files of the others kept their names.)

ORGANISATION, EFFECT_GOALS, SERVICE_REVIEW, SAVINGS = (
    "organisation",
    "effect_goals",
    "service_review",
    "savings",
)
AREAS = (ORGANISATION, EFFECT_GOALS, SERVICE_REVIEW, SAVINGS)

TABLES: tuple[Table, ...] = (
    Table(
        "organisasjoner",
        ORGANISATION,
        Organisation,
        "The organisations (municipalities). Needed once, before anything else of an organisation "
        "is imported.",
        (
            Column(
                "organisasjon",
                "code",
                Type.CODE,
                True,
                "Code of the organisation.",
                "demo",
                aliases=("organisation",),
            ),
            _name(example="Demo kommune"),
            Column(
                "kommunenummer",
                "region_code",
                Type.CODE,
                False,
                "The municipality's number in official statistics, as the source writes it: "
                "kommunenummer at SSB (`3314`), kommunekode at Danmarks Statistik (`461`), the "
                "Kolada id (`0180`). Indicators that name a series take their values for this "
                "region. Empty: no values from statistics, no comparison.",
                "3314",
                aliases=("kommunekode",),
                max_length=32,
            ),
        ),
        key=("code",),
        refs=(),
        scope=lambda org_ids: Organisation.id.in_(org_ids),
        aliases=("organisationer",),
    ),
    Table(
        "sektorer",
        ORGANISATION,
        Sector,
        "Sectors (nb: sektor/tjenesteområde, da: forvaltning).",
        (
            _org_column(),
            Column(
                "sektor",
                "code",
                Type.CODE,
                True,
                "Code of the sector.",
                "helse-velferd",
                aliases=("forvaltning",),
            ),
            _name(example="Helse og velferd"),
        ),
        key=("organisation", "code"),
        refs=(ORG_REF,),
        scope=_by_org(Sector),
        aliases=("forvaltninger",),
    ),
    Table(
        "kjerneområder",
        ORGANISATION,
        CoreArea,
        "Core areas (nb: kjerneområde, da: kerneområde) and the sectors each belongs to.",
        (
            _org_column(),
            Column(
                "kjerneområde",
                "code",
                Type.CODE,
                True,
                "Code of the core area.",
                "hjemmetjenester",
                aliases=("kerneområde",),
            ),
            _name(example="Hjemmetjenester"),
            Column(
                "sektorer",
                "sectors",
                Type.CODES,
                True,
                "Codes of the sectors it belongs to, separated by commas. The import replaces "
                "the core area's sectors with exactly these.",
                "oppvekst-skole, helse-velferd",
                aliases=("forvaltninger",),
            ),
            Column(
                "tverrgående",
                "is_cross_cutting",
                Type.BOOL,
                False,
                "Cross-cutting (tværgående) core area: `ja` or `nei`; empty is `nei`.",
                "nei",
                aliases=("tværgående",),
            ),
            Column(
                "innført_budsjettår",
                "introduced_budget_year",
                Type.YEAR,
                False,
                "Budget year the core area was introduced.",
                "2013",
                aliases=("indført_budgetår",),
            ),
        ),
        key=("organisation", "code"),
        refs=(ORG_REF,),
        scope=_by_org(CoreArea),
        aliases=("kerneområder",),
        link=Link(
            "sectors",
            core_area_sector,
            "core_area_id",
            "sector_id",
            "sektorer",
            "import.unknown_sector",
        ),
        defaults={"is_cross_cutting": False},
    ),
    Table(
        "enheter",
        ORGANISATION,
        Unit,
        "Units: the services (tjenester) and sections (seksjoner) that deliver the service review.",
        (
            _org_column(),
            Column(
                "enhet",
                "code",
                Type.CODE,
                True,
                "Code of the unit.",
                "hjemmetjenesten",
                aliases=("enhed",),
            ),
            _name(example="Hjemmetjenesten"),
            Column(
                "sektor",
                "sector",
                Type.CODE,
                True,
                "Code of the unit's sector.",
                "helse-velferd",
                aliases=("forvaltning",),
            ),
        ),
        key=("organisation", "code"),
        refs=(
            ORG_REF,
            Ref("sektorer", ("organisation", "sector"), "sector_id", "import.unknown_sector"),
        ),
        scope=_by_org(Unit),
        aliases=("enheder",),
    ),
    Table(
        "effektmål",
        EFFECT_GOALS,
        EffectGoal,
        "Effect goals the council adopted, one per row.",
        (
            _org_column(),
            Column("effektmål", "code", Type.CODE, True, "Code of the effect goal.", "arbeid-unge"),
            Column(
                "kjerneområde",
                "core_area",
                Type.CODE,
                True,
                "Code of its core area.",
                "arbeid",
                aliases=("kerneområde",),
            ),
            Column(
                "vedtatt_budsjettår",
                "adopted_budget_year",
                Type.YEAR,
                True,
                "Budget year the goal was adopted.",
                "2014",
                aliases=("vedtaget_budgetår",),
            ),
            Column(
                "tekst",
                "text",
                Type.TEXT,
                True,
                "The goal as the council wrote it.",
                "Flere unge arbeidsledige kommer i arbeid eller utdanning",
                max_length=10_000,
            ),
        ),
        key=("organisation", "code"),
        refs=(
            ORG_REF,
            Ref(
                "kjerneområder",
                ("organisation", "core_area"),
                "core_area_id",
                "import.unknown_core_area",
            ),
        ),
        scope=_by_org(EffectGoal),
    ),
    Table(
        "indikatorer",
        EFFECT_GOALS,
        Indicator,
        "Indicators of the effect goals, with baseline and target.",
        (
            _org_column(),
            Column(
                "indikator", "code", Type.CODE, True, "Code of the indicator.", "arbeid-unge-i1"
            ),
            Column("effektmål", "goal", Type.CODE, True, "Code of its effect goal.", "arbeid-unge"),
            _name(
                300, "Name of the indicator.", "Andel unge arbeidsledige i arbeid etter 6 måneder"
            ),
            Column(
                "måleenhet",
                "unit_of_measure",
                Type.TEXT,
                True,
                "Unit of measure shown with the values: `%` (also `prosent`), `antall` (a count; "
                "also `antal`), `kr` (kroner), or any other text such as `dager`, `timer`.",
                "%",
                aliases=("måleenhed",),
                max_length=32,
            ),
            Column(
                "desimaler",
                "decimals",
                Type.INT,
                False,
                "Decimals the values are shown with (0–4). Empty: by unit, 0 for counts and "
                "kroner, 1 for percentages and other units. Files without this column still "
                "import.",
                "1",
                aliases=("decimaler",),
                minimum=0,
            ),
            Column(
                "retning",
                "direction",
                Type.CHOICE,
                True,
                "Which way is better.",
                "høyere",
                choices=Direction,
            ),
            Column(
                "utgangsverdi",
                "baseline_value",
                Type.NUMBER,
                True,
                "Baseline value.",
                "41,5",
                aliases=("udgangsværdi",),
            ),
            Column(
                "utgangsår",
                "baseline_year",
                Type.YEAR,
                True,
                "Year of the baseline.",
                "2015",
                aliases=("udgangsår",),
            ),
            Column(
                "målverdi",
                "target_value",
                Type.NUMBER,
                True,
                "Target value.",
                "55",
                aliases=("målværdi",),
            ),
            Column(
                "målår",
                "target_year",
                Type.YEAR,
                True,
                "Year the target should be reached; after the baseline year.",
                "2026",
            ),
            Column(
                "serie",
                "series_code",
                Type.TEXT,
                False,
                "A statistics series the yearly values come from, `source:table:content` "
                "(`ssb:12134:KOSAG110000`, `dst:…`, `kolada:N01951`), for the organisation's "
                "kommunenummer. A value imported in `indikatorverdier` for the same year wins "
                "and is shown as a manual value. Empty: values from `indikatorverdier` only.",
                "ssb:12134:KOSAG110000",
                max_length=300,
            ),
        ),
        key=("organisation", "code"),
        refs=(
            ORG_REF,
            GOAL_REF,
        ),
        scope=_by_org(Indicator),
        checks=(_target_after_baseline, _series_id),
    ),
    Table(
        "indikatorverdier",
        EFFECT_GOALS,
        IndicatorValue,
        "Yearly values of the indicators. A year without a measurement has no row (never 0).",
        (
            _org_column(),
            Column(
                "indikator",
                "indicator",
                Type.CODE,
                True,
                "Code of the indicator.",
                "arbeid-unge-i1",
            ),
            Column("år", "period", Type.YEAR, True, "Year measured.", "2022"),
            Column(
                "verdi",
                "value",
                Type.NUMBER,
                True,
                "The measured value.",
                "48,2",
                aliases=("værdi",),
            ),
            _comment("Ny målemetode fra 2022"),
        ),
        key=("organisation", "indicator", "period"),
        refs=(
            ORG_CHECK,
            Ref(
                "indikatorer",
                ("organisation", "indicator"),
                "indicator_id",
                "import.unknown_indicator",
            ),
        ),
        scope=_owned_by(IndicatorValue.indicator_id, Indicator),
        aliases=("indikatorværdier",),
        fixed={"origin": ValueOrigin.MANUAL.value},
    ),
    Table(
        "endringsteori_steg",
        EFFECT_GOALS,
        ChangeStep,
        "The boxes of an effect goal's theory of change (nb: endringsteori, da: forandringsteori).",
        (
            _org_column(),
            Column("effektmål", "goal", Type.CODE, True, "Code of the effect goal.", "arbeid-unge"),
            Column(
                "steg",
                "code",
                Type.CODE,
                True,
                "Code of the step, unique within the goal.",
                "T1",
                aliases=("trin",),
            ),
            Column(
                "type",
                "kind",
                Type.CHOICE,
                True,
                "What the step is.",
                "tiltak",
                choices=ChangeStepKind,
            ),
            Column(
                "tekst",
                "text",
                Type.TEXT,
                True,
                "Text in the box.",
                "Fast jobkonsulent fra første samtale",
                max_length=10_000,
            ),
            Column(
                "rekkefølge",
                "position",
                Type.INT,
                False,
                "Order in the diagram (whole number ≥ 0); empty is 0.",
                "1",
                aliases=("rækkefølge",),
                minimum=0,
            ),
        ),
        key=("organisation", "goal", "code"),
        refs=(
            ORG_CHECK,
            GOAL_REF,
        ),
        scope=_owned_by(ChangeStep.effect_goal_id, EffectGoal),
        aliases=("forandringsteori_trin",),
        defaults={"position": 0},
    ),
    Table(
        "endringsteori_koblinger",
        EFFECT_GOALS,
        ChangeLink,
        "The arrows between the steps of one goal, with the critical assumption on the arrow.",
        (
            _org_column(),
            Column("effektmål", "goal", Type.CODE, True, "Code of the effect goal.", "arbeid-unge"),
            Column(
                "fra_steg",
                "from_step",
                Type.CODE,
                True,
                "Code of the step the arrow leaves.",
                "T1",
                aliases=("fra_trin",),
            ),
            Column(
                "til_steg",
                "to_step",
                Type.CODE,
                True,
                "Code of the step the arrow points to; not the same step.",
                "R1",
                aliases=("til_trin",),
            ),
            Column(
                "forutsetning",
                "assumption",
                Type.TEXT,
                False,
                "Critical assumption written on the arrow.",
                "Virksomhetene tar imot unge i praksis",
                aliases=("forudsætning",),
                max_length=10_000,
            ),
        ),
        key=("organisation", "goal", "from_step", "to_step"),
        refs=(
            ORG_CHECK,
            Ref("effektmål", ("organisation", "goal"), None, "import.unknown_goal"),
            Ref(
                "endringsteori_steg",
                ("organisation", "goal", "from_step"),
                "from_step_id",
                "import.unknown_step",
            ),
            Ref(
                "endringsteori_steg",
                ("organisation", "goal", "to_step"),
                "to_step_id",
                "import.unknown_step",
            ),
        ),
        scope=lambda org_ids: ChangeLink.from_step_id.in_(
            select(ChangeStep.id)
            .join(EffectGoal, ChangeStep.effect_goal_id == EffectGoal.id)
            .where(EffectGoal.organisation_id.in_(org_ids))
        ),
        aliases=("forandringsteori_pile",),
        checks=(_no_self_link,),
    ),
    Table(
        "tjenestegjennomgang",
        SERVICE_REVIEW,
        ServiceReviewTask,
        "Tjenestens gjennomgang: one row per unit, year and part.",
        (
            _org_column(),
            Column(
                "enhet",
                "unit",
                Type.CODE,
                True,
                "Code of the unit.",
                "tildelingskontoret",
                aliases=("enhed",),
            ),
            Column("år", "year", Type.YEAR, True, "Year of the review.", "2021"),
            Column(
                "del",
                "part",
                Type.CHOICE,
                True,
                "Which part of the review.",
                "internkontroll",
                choices=ReviewPart,
            ),
            Column("frist", "deadline", Type.DATE, True, "Deadline.", "30.06.2021"),
            Column(
                "status",
                "status",
                Type.CHOICE,
                True,
                "Where the answer stands.",
                "levert",
                choices=ReviewStatus,
            ),
            Column(
                "levert_dato",
                "submitted_on",
                Type.DATE,
                False,
                "Date submitted: filled in exactly when the status is `levert`.",
                "28.06.2021",
                aliases=("afleveret_dato",),
            ),
            Column(
                "beløp_kr",
                "amount_nok",
                Type.NUMBER,
                False,
                "Kroner the unit asks for; only for the budget parts.",
                "1 250 000",
                aliases=("beløb_kr",),
            ),
            _comment("Venter på ny ROS-analyse"),
        ),
        key=("organisation", "unit", "year", "part"),
        refs=(
            ORG_CHECK,
            Ref("enheter", ("organisation", "unit"), "unit_id", "import.unknown_unit"),
        ),
        scope=_owned_by(ServiceReviewTask.unit_id, Unit),
        aliases=("tjenestegennemgang",),
        checks=(_review_rules,),
    ),
    Table(
        "prosesser",
        SAVINGS,
        SavingsProcess,
        "Minuttjakt: the processes automated (robotised), simplified or removed.",
        (
            _org_column(),
            Column(
                "prosess",
                "code",
                Type.CODE,
                True,
                "Code of the process.",
                "tt-kort",
                aliases=("proces",),
            ),
            _name(300, "Name of the process.", "Behandling av søknad om TT-kort"),
            Column(
                "sektor",
                "sector",
                Type.CODE,
                True,
                "Code of the sector that owns it.",
                "helse-velferd",
                aliases=("forvaltning",),
            ),
            Column(
                "enhet",
                "unit",
                Type.CODE,
                False,
                "Code of the unit that owns it; must belong to the same sector.",
                "tildelingskontoret",
                aliases=("enhed",),
            ),
            Column(
                "type",
                "kind",
                Type.CHOICE,
                True,
                "What is done to the process.",
                "robot",
                choices=ProcessKind,
            ),
            Column(
                "fase",
                "stage",
                Type.CHOICE,
                True,
                "Where the process stands.",
                "i produksjon",
                choices=ProcessStage,
            ),
            Column(
                "i_produksjon_fra",
                "go_live",
                Type.DATE,
                False,
                "Date it went into production; required for `i produksjon` and `avviklet`.",
                "01.03.2021",
                aliases=("i_drift_fra",),
            ),
        ),
        key=("organisation", "code"),
        refs=(
            ORG_REF,
            Ref("sektorer", ("organisation", "sector"), "sector_id", "import.unknown_sector"),
            Ref("enheter", ("organisation", "unit"), "unit_id", "import.unknown_unit"),
        ),
        scope=_by_org(SavingsProcess),
        aliases=("processer",),
        checks=(_process_rules,),
    ),
    Table(
        "sparte_timer",
        SAVINGS,
        SavingsRecord,
        "Hours saved per process and month; measured (counted robot runs) and estimated hours are "
        "separate rows and never added together.",
        (
            _org_column(),
            Column(
                "prosess",
                "process",
                Type.CODE,
                True,
                "Code of the process.",
                "tt-kort",
                aliases=("proces",),
            ),
            Column(
                "måned",
                "period",
                Type.MONTH,
                True,
                "Month: `mm.yyyy`, or any date in the month (stored as the 1st).",
                "03.2021",
            ),
            Column(
                "timer",
                "hours",
                Type.NUMBER,
                True,
                "Hours saved that month (≥ 0).",
                "12,5",
                minimum=0,
            ),
            Column(
                "grunnlag",
                "basis",
                Type.CHOICE,
                True,
                "Measured or estimated.",
                "målt",
                aliases=("grundlag",),
                choices=SavingsBasis,
            ),
            Column(
                "kjøringer",
                "runs",
                Type.INT,
                False,
                "Number of robot runs that month (whole number ≥ 0).",
                "150",
                aliases=("kørsler",),
                minimum=0,
            ),
        ),
        key=("organisation", "process", "period", "basis"),
        refs=(
            ORG_CHECK,
            Ref("prosesser", ("organisation", "process"), "process_id", "import.unknown_process"),
        ),
        scope=_owned_by(SavingsRecord.process_id, SavingsProcess),
        aliases=("sparede_timer",),
    ),
    Table(
        "sparemål",
        SAVINGS,
        SavingsGoal,
        "The yearly goal for measured hours saved: the organisation's (no sector) or one "
        "sector's. A view compares with the goal of the level it shows and says so when that "
        "level has none; sector goals need not add up to the organisation's.",
        (
            _org_column(),
            Column("år", "year", Type.YEAR, True, "Year.", "2027"),
            Column(
                "timer",
                "hours",
                Type.NUMBER,
                True,
                "Goal in measured hours (≥ 0).",
                "14 000",
                minimum=0,
            ),
            Column(
                "sektor",
                "sector",
                Type.CODE,
                False,
                "Code of the sector the goal is for; empty: the whole organisation's goal. "
                "Files without this column still import (organisation goals).",
                "helse-velferd",
                aliases=("forvaltning",),
            ),
        ),
        key=("organisation", "year", "sector"),
        refs=(
            ORG_REF,
            Ref("sektorer", ("organisation", "sector"), "sector_id", "import.unknown_sector"),
        ),
        scope=_by_org(SavingsGoal),
    ),
    Table(
        "sammenligning",
        ORGANISATION,
        ComparisonRegion,
        "The regions an organisation compares itself with in official statistics: its KOSTRA "
        "group (or Danish kommunegruppe), the country, and named peer municipalities. Codes as "
        "the source writes them (`EKG07`, `EAK`, `3048`).",
        (
            _org_column(),
            Column(
                "region",
                "region_code",
                Type.CODE,
                True,
                "Region code as the statistics source writes it.",
                "EKG07",
                aliases=("område",),
                max_length=32,
            ),
            Column(
                "type",
                "kind",
                Type.CHOICE,
                True,
                "What the region is to the organisation: drawn and named differently.",
                "kostragruppe",
                choices=ComparisonKind,
            ),
            Column(
                "rekkefølge",
                "position",
                Type.INT,
                False,
                "Order in legends and tables (smallest first); empty: 0.",
                "1",
                aliases=("rækkefølge",),
                minimum=0,
            ),
        ),
        key=("organisation", "region_code"),
        refs=(ORG_REF,),
        scope=_by_org(ComparisonRegion),
        defaults={"position": 0},
    ),
)

# A goal's overall assessment for a year: last, so the existing tables keep their numbers.
TABLES += (
    Table(
        "effektmål_vurderinger",
        EFFECT_GOALS,
        GoalAssessment,
        "A goal's overall written assessment for a year, shown on the goal's page and its "
        "slide. Files without this table import as before.",
        (
            _org_column(),
            Column("effektmål", "goal", Type.CODE, True, "Code of the effect goal.", "arbeid-unge"),
            Column("år", "year", Type.YEAR, True, "Year assessed.", "2022"),
            Column(
                "vurdering",
                "text",
                Type.TEXT,
                True,
                "The overall assessment, a few sentences.",
                "Flere unge er i arbeid, men målet for 2026 nås bare med flere praksisplasser",
                max_length=10_000,
            ),
        ),
        key=("organisation", "goal", "year"),
        refs=(
            ORG_CHECK,
            GOAL_REF,
        ),
        scope=_owned_by(GoalAssessment.effect_goal_id, EffectGoal),
        aliases=("effektmål_vurdering",),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
TABLE_ORDER: dict[str, int] = {table.name: index for index, table in enumerate(TABLES)}
# Sheets the templates use for instructions; skipped without a warning.
INSTRUCTION_SHEETS = {normalise_name(n) for n in ("veiledning", "vejledning", "readme", "les meg")}


def _tokens(name: str) -> list[str]:
    return normalise_name(name).split("_")


def table_by_name(name: str) -> Table | None:
    """The table a sheet or file is named after: `Sparte timer`, `2021_sparte_timer` and
    `sparte-timer-2021` all name `sparte_timer`. None when no table or more than one fits."""
    tokens = _tokens(name)
    found = []
    for table in TABLES:
        for alias in table.names():
            wanted = alias.split("_")
            if any(
                tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) - len(wanted) + 1)
            ):
                found.append(table)
                break
    return found[0] if len(found) == 1 else None


def table_by_headers(headers: Sequence[str]) -> Table | None:
    """The table whose columns best fit these headers (most shared over all named), when at
    least half fit and no other table fits as well."""
    given = {normalise_name(h) for h in headers if h}
    scored = []
    for table in TABLES:
        names = [c.names() for c in table.columns]
        shared = sum(1 for n in names if n & given)
        union = len(names) + len(given) - shared
        scored.append((shared / union if union else 0.0, table))
    scored.sort(key=lambda pair: -pair[0])
    best, runner_up = scored[0], scored[1]
    if best[0] >= 0.5 and best[0] > runner_up[0]:
        return best[1]
    return None


def referenced_tables(names: Sequence[str]) -> list[str]:
    """These tables and every table they refer to, in write order."""
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        table = TABLES_BY_NAME[name]
        todo += [ref.target for ref in table.refs]
        if table.link:
            todo.append(table.link.target)
    return sorted(wanted, key=TABLE_ORDER.__getitem__)
