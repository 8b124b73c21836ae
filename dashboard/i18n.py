"""The translation layer: every string a user sees, and every number, date and amount.

Strings live in JSON catalogues under `dashboard/locales/` (one per language, the same keys in each;
a test fails when they differ). Numbers, dates and money are formatted by Babel with the locale's
own rules, so nb/da write `3 389` and `2,5` and en writes `3,389` and `2.5`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

import pyphen
from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberPattern, format_decimal, parse_pattern

from dashboard import settings

LANGUAGES: Final = ("nb", "da", "en")
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
_BABEL_LOCALE = {"nb": "nb_NO", "da": "da_DK", "en": "en_GB"}
# Numbers: CLDR gives Danish a `.` thousands mark, but Danish municipal documents (and our users)
# write `3 389` like Norwegian, so da formats numbers with the nb rules (same decimal comma).
_NUMBER_LOCALE = {"nb": "nb_NO", "da": "nb_NO", "en": "en_GB"}


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else (tampered input too) gives the default."""
    if lang in LANGUAGES:
        return lang  # type: ignore[return-value]
    return settings.value("DEFAULT_LANGUAGE")


# A catalogue entry is a text, or a plural entry: the text per CLDR plural category of the
# language ({"one": "{count} mål", "other": "{count} mål"}), as gettext's msgstr[n] are.
Entry = str | dict[str, str]


@cache
def catalogue(lang: str) -> dict[str, Entry]:
    with open(LOCALES_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def _entry(key: str, lang: str) -> Entry:
    found = catalogue(lang).get(key)
    if found is None:
        found = catalogue("en").get(key, key)
    return found


def translate(key: str, lang: str | None = None, /, **params: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `params`.

    A key missing from the catalogue is a bug; it shows as the key itself (so it is visible)
    rather than crashing a page in production. The catalogue test catches it first.
    """
    lang = normalise_language(lang)
    text = _entry(key, lang)
    if isinstance(text, dict):  # a plural entry read without a count: its general form
        text = text["other"]
    return text.format(**params) if params else text


def plural_category(count: float | Decimal, lang: str | None = None) -> str:
    """The CLDR plural category (`one`, `other`, …) of `count` in the language, by Babel."""
    return _plural_category(str(abs(count)), normalise_language(lang))


# Keyed on the number as written: Decimal("1") and Decimal("1.0") are equal, but CLDR rules
# read the visible fraction digits ("1 time", "1,0 timer").
@lru_cache(maxsize=1024)
def _plural_category(count: str, lang: str) -> str:
    return babel_locale(lang).plural_form(Decimal(count))


def translate_count(
    key: str,
    count: float,
    lang: str | None = None,
    /,
    *,
    decimals: int = 0,
    **params: object,
) -> str:
    """A text that counts something: the plural form of `key` for `count` by the language's
    plural rules (never "1 goals"), with `{count}` written as `format_number` writes it. The
    form follows the number as shown (1,0 is "1,0 timer" in nb, 0,5 "0,5 time" in da)."""
    lang = normalise_language(lang)
    entry = _entry(key, lang)
    shown = rounded(count, decimals)
    if isinstance(entry, dict):
        # CLDR rules look at the visible fraction digits, so pass the number as written.
        written = Decimal(repr(shown)).quantize(Decimal(1).scaleb(-decimals))
        category = plural_category(written, lang)
        entry = entry.get(category, entry["other"])
    return entry.format(count=format_number(shown, lang, decimals=decimals), **params)


SOFT_HYPHEN = "\u00ad"
# Words shorter than this stay whole: any line holds them.
HYPHENATE_FROM = 10
_LONG_WORD = re.compile(rf"[^\W\d_]{{{HYPHENATE_FROM},}}")


def hyphenate(text: str, lang: str | None = None) -> str:
    """`text` with soft hyphens (U+00AD) at the hyphenation points of its long words, by the
    language's patterns (pyphen: LibreOffice's). A browser breaks such a word there, with a
    hyphen, only when it does not fit its line ("Tjeneste-gjennomgang" on a phone, not
    "Tjenestegjennomg-ang"); on a wide screen nothing shows. For what is shown, never for what
    is exported or compared."""
    return _hyphenated(text, normalise_language(lang))


@lru_cache(maxsize=4096)
def _hyphenated(text: str, lang: str) -> str:
    dictionary = _hyphenation(lang)
    return _LONG_WORD.sub(lambda m: _with_points(m.group(0), dictionary), text)


def _with_points(word: str, dictionary: pyphen.Pyphen) -> str:
    """`word` with a soft hyphen at each of its points that leaves two letters or more on each
    side (the Danish patterns find "Tje-ne-s-te-gen-nem-gang": no line starts with "s-")."""
    kept, last = [], 0
    for point in dictionary.positions(word):
        if getattr(point, "data", None):  # a point that changes the spelling: not for us
            continue
        if point - last >= 2 and len(word) - point >= 2:
            kept.append(int(point))
            last = point
    pieces = [word[a:b] for a, b in zip([0, *kept], [*kept, len(word)], strict=True)]
    return SOFT_HYPHEN.join(pieces)


@cache
def _hyphenation(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_BABEL_LOCALE[lang])


def babel_locale(lang: str | None) -> Locale:
    return _locale(_BABEL_LOCALE[normalise_language(lang)])


# Babel parses a locale name and a number pattern anew on every call: once per process instead
# (a view formats some hundred numbers).
@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def rounded(value: float, decimals: int = 0) -> float:
    """`value` as `format_number` shows it: half away from zero (9 558,5 → 9 559, as a reader
    rounds; Babel alone would round half to even, 9 558). Derived figures (kroner, årsverk,
    shares) are computed from this, so what the page shows adds up."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(value: float | int | None, lang: str | None = None, *, decimals: int = 0) -> str:
    """`3 389` in nb/da, `3,389` in en; an empty value is an en dash, never a zero."""
    if value is None or value != value:  # None or NaN
        return "–"
    return _formatted(repr(float(value)), normalise_language(lang), decimals)


# A view writes some hundred numbers, many of them again on the next filter change (years,
# counts, the same totals): 12 µs a number through Babel, 0.6 µs once kept. Pure, so kept per
# process, keyed on the number's text (what is quantized).
@lru_cache(maxsize=4096)
def _formatted(value: str, lang: str, decimals: int) -> str:
    exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if not exact:  # -0.4 rounds to zero: "0", not Babel's "-0"
        exact = exact.copy_abs()
    return format_decimal(
        exact, format=_number_pattern(decimals), locale=_locale(_NUMBER_LOCALE[lang])
    )


def format_percent(value: float | None, lang: str | None = None, *, decimals: int = 1) -> str:
    """A value already in percent (74.3 → `74,3 %` in nb/da)."""
    if value is None or value != value:
        return "–"
    number = format_number(value, lang, decimals=decimals)
    return f"{number}\u00a0%" if normalise_language(lang) != "en" else f"{number}%"


def format_money(value: float | None, lang: str | None = None) -> str:
    """`kr 1 200 000` in nb, `1 200 000 kr.` in da, `NOK 1,200,000` in en (whole kroner)."""
    if value is None or value != value:
        return "–"
    return translate("format.money", lang, amount=format_number(round(value), lang))


def format_date(value: dt.date | None, lang: str | None = None) -> str:
    """`12.05.2025` in nb/da, `12/05/2025` in en."""
    if value is None:
        return "–"
    lang = normalise_language(lang)
    return _babel_format_date(
        value, format="short" if lang == "en" else "dd.MM.yyyy", locale=babel_locale(lang)
    )


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's `separators` (decimal mark, then thousands mark) for the locale."""
    symbols = _locale(_NUMBER_LOCALE[normalise_language(lang)]).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


# Plotly's own interface texts (modebar buttons, notices), by their English source text, and the
# catalogue key that translates each.
_PLOTLY_TEXTS = {
    "Download plot as a PNG": "plotly.download_png",
    "Zoom": "plotly.zoom",
    "Pan": "plotly.pan",
    "Zoom in": "plotly.zoom_in",
    "Zoom out": "plotly.zoom_out",
    "Reset axes": "plotly.reset_axes",
    "Autoscale": "plotly.autoscale",
    "Double-click to zoom back out": "plotly.double_click",
    "Taking snapshot - this may take a few seconds": "plotly.snapshot_taking",
    "Snapshot succeeded": "plotly.snapshot_done",
}


def plotly_locale(lang: str | None) -> tuple[str, dict]:
    """(locale name, locale definition) for plotly's `config.locales`: interface texts from the
    catalogue, month and day names and number separators from Babel."""
    from babel.dates import get_day_names, get_month_names

    lang = normalise_language(lang)
    locale = babel_locale(lang)
    separators = plotly_separators(lang)

    def names(kind: dict) -> list[str]:
        return [kind[i] for i in sorted(kind)]

    days = get_day_names("wide", locale=locale)
    short_days = get_day_names("abbreviated", locale=locale)
    # plotly wants Sunday first; Babel numbers Monday 0 … Sunday 6.
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    definition = {
        "dictionary": {text: translate(key, lang) for text, key in _PLOTLY_TEXTS.items()},
        "format": {
            "days": [days[i] for i in sunday_first],
            "shortDays": [short_days[i] for i in sunday_first],
            "months": names(get_month_names("wide", locale=locale)),
            "shortMonths": names(get_month_names("abbreviated", locale=locale)),
            "date": "%d.%m.%Y" if lang != "en" else "%d/%m/%Y",
            "decimal": separators[0],
            "thousands": separators[1],
        },
    }
    return lang, definition


# --- Units of indicators ------------------------------------------------------------------------

# How an import may write the three units the dashboard formats itself (compared folded).
_PERCENT_UNITS = {"%", "prosent", "procent", "percent", "pct", "pct."}
_COUNT_UNITS = {"antall", "antal", "count", "stk", "stk.", "number"}
_MONEY_UNITS = {"kr", "kr.", "nok", "kroner"}


def unit_kind(unit: object) -> str | None:
    """`percent`, `count`, `money` (kroner) or None (any other unit, shown as written)."""
    text = str(unit or "").strip().lower()
    if text in _PERCENT_UNITS:
        return "percent"
    if text in _COUNT_UNITS:
        return "count"
    if text in _MONEY_UNITS:
        return "money"
    return None


def default_decimals(unit: object) -> int:
    """Counts and kroner whole, percentages and other units with one decimal."""
    return 0 if unit_kind(unit) in ("count", "money") else 1


def indicator_decimals(unit: object, decimals: object) -> int:
    """The indicator's own decimals, or its unit's default when it has none."""
    if decimals is None or decimals != decimals:  # None or NaN (pandas)
        return default_decimals(unit)
    return int(decimals)  # type: ignore[arg-type]


def format_quantity(
    value: float | None, unit: object, lang: str | None = None, *, decimals: int | None = None
) -> str:
    """A value with its unit as the language writes it: `57,5 %` (en `57.5%`), `31 768` for a
    count (the indicator's name says what is counted), `kr 1 200` (da/en `NOK`), otherwise
    `12,5 dager`. Empty is an en dash, never a zero."""
    if value is None or value != value:
        return "–"
    kind = unit_kind(unit)
    places = default_decimals(unit) if decimals is None else decimals
    if kind == "percent":
        return format_percent(value, lang, decimals=places)
    number = format_number(value, lang, decimals=places)
    if kind == "count":
        return number
    if kind == "money":
        return translate("format.money", lang, amount=number)
    return f"{number}\u00a0{str(unit).strip()}" if str(unit or "").strip() else number


def unit_label(unit: object, lang: str | None = None) -> str:
    """An axis title for the unit: `%`, `Antall`/`Antal` (English: none), `kr`/`NOK`, or the
    unit as written."""
    kind = unit_kind(unit)
    lang = normalise_language(lang)
    if kind == "percent":
        return "%"
    if kind == "count":
        return "" if lang == "en" else translate("unit.count_axis", lang)
    if kind == "money":
        return translate("unit.money", lang)
    return str(unit or "").strip()
