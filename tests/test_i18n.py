"""The translation layer: the three catalogues agree, every key the code asks for exists, and
numbers, money, dates and percentages are written the way each language writes them."""

from __future__ import annotations

import ast
import datetime as dt
import json
import math
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard import i18n, settings
from dashboard.charts import registry
from dashboard.figures import OUTCOME_ORDER
from dashboard.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    SOFT_HYPHEN,
    babel_locale,
    format_date,
    format_money,
    format_number,
    format_percent,
    hyphenate,
    normalise_language,
    plural_category,
    rounded,
    translate,
    translate_count,
)
from dashboard.models import (
    ChangeStepKind,
    Direction,
    ProcessKind,
    ProcessStage,
    ReviewPart,
    ReviewStatus,
    Role,
    SavingsBasis,
)
from dashboard.status import Status

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("dashboard", "components", "pages")
NBSP = "\u00a0"


def _values(enum) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


# Keys built at run time: the f-string's shape ({} for each placeholder) → the values it takes.
FAMILIES: dict[str, tuple[str, ...]] = {
    "status.{}": _values(Status),
    "rule.{}": _values(Status),
    "part.{}": _values(ReviewPart),
    "outcome.{}": ("delivered_on_time", "delivered_late", "late", "pending"),
    "kind.{}": _values(ProcessKind),
    "stage.{}": _values(ProcessStage),
    "basis.{}": _values(SavingsBasis),
    "review_status.{}": _values(ReviewStatus),
    "change.{}": _values(ChangeStepKind),
    "direction.{}": _values(Direction),
    "month.{}": tuple(str(m) for m in range(1, 13)),
    "summary.{}_status": ("goals", "indicators"),
    "chart.review_by_{}": ("sector", "part"),
    "role.{}": _values(Role),
    "stats.status_{}": ("missing", "not_applicable", "confidential", "nil", "other"),
    "compare.{}": ("higher", "lower", "same"),
    "level.{}": ("sector", "core_area"),
    "count.{}": ("goals", "indicators"),
    "upload.col_{}": ("file", "sheet", "row", "column", "value", "reason", "table", "read",
                      "added", "changed"),
    # Export file names: every chart record's first word.
    "file.{}": tuple(sorted({record.file_word for record in registry()})),
}


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)


def _raw_catalogue(lang: str) -> dict[str, str]:
    return json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))


CATALOGUES = {lang: _raw_catalogue(lang) for lang in LANGUAGES}


def _code_files():
    app = ROOT / "app.py"
    if app.exists():
        yield app
    for folder in CODE_DIRS:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _is_translate(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    func = node.func
    names = ("translate", "translate_count")
    return (isinstance(func, ast.Name) and func.id in names) or (
        isinstance(func, ast.Attribute) and func.attr in names
    )


def _shape(joined: ast.JoinedStr) -> str:
    parts = []
    for value in joined.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{}")
    return "".join(parts)


def _used_keys() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(literal keys, f-string shapes) passed to translate(), each with where it is used."""
    literal: dict[str, list[str]] = {}
    shapes: dict[str, list[str]] = {}
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not _is_translate(node):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                literal.setdefault(key.value, []).append(where)
            elif isinstance(key, ast.JoinedStr):
                shapes.setdefault(_shape(key), []).append(where)
    return literal, shapes


# --- The catalogues ---------------------------------------------------------------------------


def _texts(entry: str | dict[str, str]) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def test_catalogues_are_valid_flat_json_of_strings_or_plural_entries():
    """A plural entry has exactly the language's CLDR plural categories (Babel's), so every
    count finds its form."""
    for lang, catalogue in CATALOGUES.items():
        assert catalogue, lang
        categories = set(babel_locale(lang).plural_form.tags) | {"other"}
        for key, entry in catalogue.items():
            assert isinstance(key, str)
            if isinstance(entry, dict):
                assert set(entry) == categories, f"{lang} {key}"
            assert all(isinstance(t, str) and t.strip() for t in _texts(entry)), f"{lang} {key}"


def test_plural_entries_are_plural_in_every_language():
    plural = {
        lang: {k for k, v in c.items() if isinstance(v, dict)} for lang, c in CATALOGUES.items()
    }
    assert plural["nb"] and plural["nb"] == plural["da"] == plural["en"]


def test_catalogues_have_exactly_the_same_keys():
    nb = set(CATALOGUES["nb"])
    for lang in ("da", "en"):
        keys = set(CATALOGUES[lang])
        assert sorted(nb - keys) == [], f"missing in {lang}"
        assert sorted(keys - nb) == [], f"only in {lang}"


def _placeholders(entry: str | dict[str, str]) -> set[str]:
    return {
        field
        for text in _texts(entry)
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    }


def test_placeholders_are_the_same_in_every_language():
    differing = {}
    for key, text in CATALOGUES["nb"].items():
        by_lang = {lang: _placeholders(CATALOGUES[lang].get(key, text)) for lang in LANGUAGES}
        if len({frozenset(p) for p in by_lang.values()}) > 1:
            differing[key] = by_lang
    assert differing == {}


def test_placeholders_are_plain_names():
    for lang, catalogue in CATALOGUES.items():
        for key, entry in catalogue.items():
            for name in _placeholders(entry):
                assert re.fullmatch(r"[a-z_]+", name), f"{lang} {key}: {{{name}}}"


# --- Every key the code uses ------------------------------------------------------------------


def test_the_scan_finds_the_calls():
    literal, shapes = _used_keys()
    assert len(literal) > 50
    assert {"status.{}", "part.{}", "outcome.{}"} <= set(shapes)


def test_every_literal_key_exists_in_every_catalogue():
    literal, _ = _used_keys()
    missing = {
        f"{lang}: {key}": where
        for key, where in literal.items()
        for lang in LANGUAGES
        if key not in CATALOGUES[lang]
    }
    assert missing == {}


def test_every_built_key_belongs_to_a_known_family():
    """A new f-string key shape must be added to FAMILIES (with its values) so it is checked.
    Shapes with no literal text before the first placeholder (f"{prefix}.{value}") cannot be
    checked from the source; the families themselves are all checked below."""
    _, shapes = _used_keys()
    unknown = {
        shape: where
        for shape, where in shapes.items()
        if shape not in FAMILIES and not shape.startswith("{}")
    }
    assert unknown == {}


@pytest.mark.parametrize("shape", sorted(FAMILIES))
def test_every_value_of_every_family_exists_in_every_catalogue(shape):
    missing = [
        f"{lang}: {shape.format(value)}"
        for value in FAMILIES[shape]
        for lang in LANGUAGES
        if shape.format(value) not in CATALOGUES[lang]
    ]
    assert missing == []


def test_the_outcome_family_is_what_the_figures_draw():
    assert set(FAMILIES["outcome.{}"]) == set(OUTCOME_ORDER)


def test_key_like_constants_exist():
    """Keys kept in constants (e.g. the navigation's ("/", "nav.overview")) and passed on."""
    prefixes = {key.split(".", 1)[0] for key in CATALOGUES["nb"]}
    missing, checked = [], 0
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                skip.update(id(child) for child in ast.walk(node))
            if isinstance(node, ast.Call) and (
                getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            ).startswith("ForeignKey"):  # "unit.id" is a column, not a text
                skip.update(id(child) for child in ast.walk(node))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", node.value)
                and node.value.split(".", 1)[0] in prefixes
            ):
                checked += 1
                if node.value not in CATALOGUES["nb"]:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert checked > 50
    assert missing == []


def test_translate_fills_placeholders():
    assert translate("kpi.savings_goal_of", "nb", name="Skole", goal="40", share="75") == (
        "Mål for Skole: 40 timer (75\u00a0% nådd)"
    )
    assert translate("nav.overview", "da") == CATALOGUES["da"]["nav.overview"]


def test_translate_of_a_missing_key(monkeypatch):
    # Shown as the key (visible, not a crash); a key missing in one language falls back to en.
    assert translate("no.such_key", "nb") == "no.such_key"
    fake = {"nb": {}, "da": {}, "en": {"only.english": "English {n}"}}
    monkeypatch.setattr(i18n, "catalogue", lambda lang: fake[lang])
    assert translate("only.english", "nb", n=1) == "English 1"


# --- Formats ----------------------------------------------------------------------------------


def test_format_number():
    assert format_number(3389, "nb") == f"3{NBSP}389"
    assert format_number(3389, "da") == f"3{NBSP}389"
    assert format_number(3389, "en") == "3,389"
    assert format_number(2.5, "da", decimals=1) == "2,5"
    assert format_number(2.5, "nb", decimals=1) == "2,5"
    assert format_number(2.5, "en", decimals=1) == "2.5"
    assert format_number(1234567.891, "nb", decimals=2) == f"1{NBSP}234{NBSP}567,89"
    assert format_number(0, "nb") == "0"  # a real zero stays a zero
    assert format_number(12.0, "nb", decimals=1) == "12,0"
    assert format_number(3389.6, "nb") == f"3{NBSP}390"


def test_format_money():
    assert format_money(1_200_000, "nb") == f"kr 1{NBSP}200{NBSP}000"
    # The amounts are Norwegian kroner: "kr." would read as Danish kroner in Danish.
    assert format_money(1_200_000, "da") == f"1{NBSP}200{NBSP}000 NOK"
    assert format_money(1_200_000, "en") == "NOK 1,200,000"
    assert format_money(999.6, "nb") == f"kr 1{NBSP}000"  # whole kroner
    assert format_money(0, "nb") == "kr 0"


def test_format_date():
    day = dt.date(2025, 5, 12)
    assert format_date(day, "nb") == "12.05.2025"
    assert format_date(day, "da") == "12.05.2025"
    assert format_date(day, "en") == "12/05/2025"


def test_format_percent():
    assert format_percent(2.5, "nb") == f"2,5{NBSP}%"
    assert format_percent(2.5, "da") == f"2,5{NBSP}%"
    assert format_percent(2.5, "en") == "2.5%"
    assert format_percent(74.25, "nb", decimals=0) == f"74{NBSP}%"


@pytest.mark.parametrize("empty", [None, math.nan, float("nan")])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_empty_values_are_a_dash(empty, lang):
    assert format_number(empty, lang) == "–"
    assert format_number(empty, lang, decimals=1) == "–"
    assert format_percent(empty, lang) == "–"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_money_and_no_date_are_a_dash(lang):
    assert format_money(None, lang) == "–"
    assert format_date(None, lang) == "–"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_money_as_nan_is_a_dash(lang):
    assert format_money(math.nan, lang) == "–"


# --- Unknown or tampered languages ------------------------------------------------------------

TAMPERED = ["xx", "", None, "NB", "nb-NO", "<script>alert(1)</script>", "en'; --", "se"]


@pytest.mark.parametrize("lang", TAMPERED)
def test_an_unknown_language_falls_back_to_nb(lang):
    assert normalise_language(lang) == "nb"
    assert translate("nav.overview", lang) == CATALOGUES["nb"]["nav.overview"]
    assert format_number(3389, lang) == f"3{NBSP}389"
    assert format_number(2.5, lang, decimals=1) == "2,5"
    assert format_money(1_200_000, lang) == f"kr 1{NBSP}200{NBSP}000"
    assert format_date(dt.date(2025, 5, 12), lang) == "12.05.2025"
    assert format_percent(2.5, lang) == f"2,5{NBSP}%"
    assert i18n.plotly_separators(lang) == "," + NBSP


def test_the_default_language_setting(monkeypatch):
    monkeypatch.setenv("DEFAULT_LANGUAGE", "da")
    assert normalise_language("xx") == "da"
    assert normalise_language("en") == "en"
    assert translate("nav.overview", None) == CATALOGUES["da"]["nav.overview"]
    # A bad value is refused at start (settings.check), never silently replaced.
    monkeypatch.setenv("DEFAULT_LANGUAGE", "klingon")
    assert any(line.startswith("DEFAULT_LANGUAGE=") for line in settings.problems())


def test_format_date_follows_the_default_language(monkeypatch):
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    day = dt.date(2025, 5, 12)
    assert format_number(3389, "xx") == "3,389"  # numbers follow the default …
    assert format_date(day, "xx") == format_date(day, "en") == "12/05/2025"  # … dates do not


# --- Plural forms (Babel's CLDR rules) --------------------------------------------------------

PLURALS = {
    # key: {lang: (0, 1, 2)}
    "count.goals": {
        "nb": ("0 mål", "1 mål", "2 mål"),
        "da": ("0 mål", "1 mål", "2 mål"),
        "en": ("0 goals", "1 goal", "2 goals"),
    },
    "count.indicators": {
        "nb": ("0 indikatorer", "1 indikator", "2 indikatorer"),
        "da": ("0 indikatorer", "1 indikator", "2 indikatorer"),
        "en": ("0 indicators", "1 indicator", "2 indicators"),
    },
    "count.hours": {
        "nb": ("0 timer", "1 time", "2 timer"),
        "da": ("0 timer", "1 time", "2 timer"),
        "en": ("0 hours", "1 hour", "2 hours"),
    },
    "count.processes": {
        "nb": ("0 prosesser", "1 prosess", "2 prosesser"),
        "da": ("0 processer", "1 proces", "2 processer"),
        "en": ("0 processes", "1 process", "2 processes"),
    },
}


@pytest.mark.parametrize("key", sorted(PLURALS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_for_0_1_and_2(key, lang):
    assert tuple(translate_count(key, n, lang) for n in (0, 1, 2)) == PLURALS[key][lang]


def test_the_plural_form_follows_the_number_as_shown():
    # 1,4 hours shown as "1 time" (whole hours) is singular; 1,5 rounds to 2 and is plural.
    assert translate_count("count.hours", 1.4, "nb") == "1 time"
    assert translate_count("count.hours", 1.5, "nb") == "2 timer"
    # With a decimal shown, English CLDR says "1.0 hours"; Norwegian "1,0 time".
    assert translate_count("count.hours", 1, "en", decimals=1) == "1.0 hours"
    assert translate_count("count.hours", 1, "nb", decimals=1) == "1,0 time"
    assert translate_count("count.hours", 3389, "nb") == "3\u00a0389 timer"


def test_numbers_written_once_are_written_alike_again():
    """format_number and the plural rules keep what they worked out: equal numbers written
    differently never share it (1 and 1.0 in English CLDR)."""
    for _ in range(2):
        assert translate_count("count.hours", 1, "en", decimals=1) == "1.0 hours"
        assert translate_count("count.hours", 1, "en") == "1 hour"
        assert plural_category(Decimal("1.0"), "en") == "other"
        assert plural_category(Decimal("1"), "en") == "one"
        assert [format_number(v, "nb") for v in (0.0, -0.0, -0.4)] == ["0", "0", "0"]
        assert format_number(-0.04, "en", decimals=1) == "0.0"


def test_long_words_get_their_hyphenation_points_as_soft_hyphens():
    """For a phone: a long compound breaks where the language breaks it, never elsewhere."""
    shy = SOFT_HYPHEN
    assert hyphenate("Tjenestegjennomgang 2021", "nb") == (
        f"Tje{shy}neste{shy}gjen{shy}nom{shy}gang 2021"
    )
    assert hyphenate("Sygedagpengemodtagere", "da").split(shy)[:3] == ["Sy", "ge", "dag"]
    # The Danish patterns' "Tje-ne-s-te": no piece of one letter.
    pieces = hyphenate("Tjenestegennemgang pr. forvaltning", "da").replace(" ", shy).split(shy)
    assert min(len(p) for p in pieces if p.isalpha()) >= 2
    # Short words, numbers, entities and words with a hyphen of their own stay as they are.
    for text in ("Helse og velferd 2025", "Plan &amp; Byggeri", "SFO-plass", "", "12345678901"):
        assert hyphenate(text, "da") == text
    for lang in LANGUAGES:
        text = "Økonomistyring og administrasjonsavdelingen, Arbejdsmarkedsforvaltningen"
        assert hyphenate(text, lang).replace(shy, "") == text


def test_a_plural_entry_read_without_a_count_gives_its_general_form():
    assert translate("count.goals", "en") == "{count} goals"


def test_rounding_is_half_up_as_a_reader_rounds():
    assert format_number(9558.5, "nb") == "9\u00a0559" and rounded(9558.5) == 9559
    assert format_number(5310.5, "nb") == "5\u00a0311"
    assert format_number(2.45, "nb", decimals=1) == "2,5"  # the decimal as written, not 2.4499…
    assert rounded(-2.5) == -3


# --- Units and decimals by quantity -------------------------------------------------------------

UNITS = [
    # (value, unit, decimals, nb, da, en)
    (57.5, "%", None, "57,5\u00a0%", "57,5\u00a0%", "57.5%"),
    (31768.0, "antall", None, "31\u00a0768", "31\u00a0768", "31,768"),  # no unit word
    (4.14, "antall", 1, "4,1", "4,1", "4.1"),
    (39810000.0, "kr", None, "kr 39\u00a0810\u00a0000", "39\u00a0810\u00a0000 NOK",
     "NOK 39,810,000"),
    (12.25, "dager", None, "12,3\u00a0dager", "12,3\u00a0dager", "12.3\u00a0dager"),
    (None, "%", None, "–", "–", "–"),
]


@pytest.mark.parametrize(("value", "unit", "decimals", "nb", "da", "en"), UNITS)
def test_a_quantity_in_its_unit_and_decimals(value, unit, decimals, nb, da, en):
    from dashboard.i18n import format_quantity

    for lang, expected in (("nb", nb), ("da", da), ("en", en)):
        assert format_quantity(value, unit, lang, decimals=decimals) == expected


def test_default_decimals_and_axis_titles_by_unit():
    from dashboard.i18n import default_decimals, unit_label

    assert [default_decimals(u) for u in ("antall", "Antal", "kr", "%", "prosent", "dager")] == [
        0, 0, 0, 1, 1, 1,
    ]
    assert [unit_label("antall", lang) for lang in LANGUAGES] == ["Antall", "Antal", ""]
    assert [unit_label("kr", lang) for lang in LANGUAGES] == ["kr", "NOK", "NOK"]
    assert unit_label("%", "en") == "%" and unit_label("dager", "da") == "dager"
