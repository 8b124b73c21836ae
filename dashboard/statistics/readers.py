"""Readers for the formats the statistics services answer in, into one `Dataset`.

- JSON-stat 2.0 (SSB PxWebApi v2 and the statbank API v1 `json-stat2`), JSON-stat 1.x (SSB v0/v1
  `json-stat`, Danmarks Statistik `jsonstat`): a thin reader of our own, because the JSON-stat
  libraries (pyjstat) turn every value into a float and drop the status of missing values, and
  we keep both the number exactly as the source wrote it and its status. Measured on the
  38 700-cell SSB 01106 file: `python -m bench.statistics`.
- CSV as SSB and Danmarks Statistik write it (`;`, quoted, UTF-8 with BOM or ISO-8859-1), one
  value column last (`INDHOLD`); Kolada values flattened to `geo,year,<kpi>`.
- Kolada v3 JSON pages (`values` of `{kpi, municipality, period, values: [{gender, value}]}`).
- Region lists: SSB Klass codes (JSON and CSV export), PxWeb table metadata, Danmarks Statistik
  classification exports; municipality renumbering from Klass `codeChanges`.
- Error bodies (SSB v2 `{"type", "title", "status"}`, Danmarks Statistik `{"errorTypeCode",
  "message"}`) are refused with the service's message.

Series are identified as `source:table:content`, with `:DIM=code` for every further dimension
of the table in the file's order (`ssb:07221:Boligindeks:Boligtype=01`); Kolada as
`kolada:<kpi>`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from dashboard.models import StatRegionKind
from dashboard.statistics import StatisticsError

SOURCES = ("ssb", "dst", "kolada")
SOURCE_NAMES = {
    "ssb": "Statistisk sentralbyrå",
    "dst": "Danmarks Statistik",
    "kolada": "Kolada",
}
# What the source's licence asks a reuser to print (SSB and DST: CC BY 4.0).
LICENCES = {
    "ssb": "CC BY 4.0 (Kilde: Statistisk sentralbyrå)",
    "dst": "CC BY 4.0 (Kilde: Danmarks Statistik)",
    "kolada": "Källa: Kolada (RKA)",
}
TABLE_WORD = {"ssb": "tabell", "dst": "tabel", "kolada": "KPI"}
# The source's whole-country code, for tables without a region dimension.
COUNTRY = {"ssb": ("EAK", "Landet"), "dst": ("000", "Hele landet"), "kolada": ("0000", "Riket")}
# Names by which the services call the source in JSON-stat's `source`.
_SOURCE_BY_NAME = {
    "statistisk sentralbyrå": "ssb",
    "statistics norway": "ssb",
    "danmarks statistik": "dst",
    "statistics denmark": "dst",
}
# SSB's symbols for a missing value (Danmarks Statistik writes `..` too); `-` is "nil".
MISSING_SYMBOLS = ("..", ".", ":", "-", "...")
REGION_DIMENSIONS = {"region", "område", "omrade", "kommune", "kommuner", "komk", "geo"}
TIME_DIMENSIONS = {"tid", "time", "år", "year", "kvartal", "måned", "period"}
_PERIOD = re.compile(r"\d{4}(?:[KQ][1-4]|M(?:0[1-9]|1[0-2])|H[12])?")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")
_CODE_PART = re.compile(r"[\w.\-]+")


@dataclass(frozen=True)
class Series:
    code: str
    source: str
    table_id: str
    content: str
    label: str
    unit: str | None = None
    decimals: int | None = None
    source_updated: str | None = None

    @property
    def source_note(self) -> str:
        """`Statistisk sentralbyrå, tabell 12134`: what the licence asks charts to print."""
        return f"{SOURCE_NAMES[self.source]}, {TABLE_WORD[self.source]} {self.table_id}"

    @property
    def licence(self) -> str:
        return LICENCES[self.source]


@dataclass(frozen=True)
class Region:
    code: str
    name: str | None
    kind: StatRegionKind


class Observation(NamedTuple):  # a tuple: tens of thousands per file, built fast
    series_code: str
    region_code: str
    period: str
    value: float | None
    value_text: str | None
    status: str | None


@dataclass(frozen=True)
class Renumbering:
    old_code: str
    new_code: str
    valid_from: dt.date


@dataclass
class Dataset:
    source: str
    format: str
    series: dict[str, Series] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    renumberings: list[Renumbering] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.series or self.regions or self.observations or self.renumberings)


class _NumberText(str):
    """A JSON number kept as the text the source wrote (`151`, `136.2`), told apart from a
    JSON string."""


# --- Series ids -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesId:
    source: str
    table_id: str
    content: str
    extra: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.source == "kolada":
            return f"kolada:{self.table_id}"
        parts = [self.source, self.table_id, self.content]
        parts += [f"{dim}={code}" for dim, code in self.extra]
        return ":".join(parts)


def parse_series_id(text: str) -> SeriesId:
    """`ssb:12134:KOSAG110000`, `ssb:07221:Boligindeks:Boligtype=01`, `kolada:N01951`."""
    parts = text.strip().split(":")
    source = parts[0].lower()
    if source == "kolada" and len(parts) == 2 and _CODE_PART.fullmatch(parts[1]):
        return SeriesId("kolada", parts[1].upper(), parts[1].upper())
    if source not in ("ssb", "dst") or len(parts) < 3:
        raise StatisticsError("stats.bad_series", value=text)
    extra = []
    for part in parts[3:]:
        dim, _, code = part.partition("=")
        if not (_CODE_PART.fullmatch(dim) and _CODE_PART.fullmatch(code)):
            raise StatisticsError("stats.bad_series", value=text)
        extra.append((dim, code))
    if not (_CODE_PART.fullmatch(parts[1]) and _CODE_PART.fullmatch(parts[2])):
        raise StatisticsError("stats.bad_series", value=text)
    return SeriesId(source, parts[1], parts[2], tuple(extra))


# --- Regions ----------------------------------------------------------------------------------


def region_kind(source: str, code: str) -> StatRegionKind:
    """What a source's region code stands for (KOSTRA: EAK, EKG07, EKA06; 4 digits: a kommune)."""
    upper = code.upper()
    if source == "ssb":
        if upper in ("EAK", "EAKUO", "TOTAL", "0"):
            return StatRegionKind.COUNTRY
        if re.fullmatch(r"EKG\d+", upper):
            return StatRegionKind.GROUP
        if re.fullmatch(r"EKA\d+|\d{2}", upper):
            return StatRegionKind.COUNTY
        if re.fullmatch(r"\d{4}", upper):
            return StatRegionKind.MUNICIPALITY
    elif source == "dst":
        if upper in ("000", "0"):
            return StatRegionKind.COUNTRY
        if re.fullmatch(r"08[1-5]", upper):
            return StatRegionKind.COUNTY
        if re.fullmatch(r"\d{3}", upper):
            return StatRegionKind.MUNICIPALITY
    elif source == "kolada":
        if upper == "0000":
            return StatRegionKind.COUNTRY
        if re.fullmatch(r"00\d\d", upper):
            return StatRegionKind.COUNTY
        if re.fullmatch(r"\d{4}", upper):
            return StatRegionKind.MUNICIPALITY
        if re.fullmatch(r"G\d+", upper):
            return StatRegionKind.GROUP
    return StatRegionKind.OTHER


# --- Values -----------------------------------------------------------------------------------


def _period(text: object) -> str:
    period = str(text).strip()
    if not _PERIOD.fullmatch(period):
        raise StatisticsError("stats.bad_period", value=period)
    return period.replace("Q", "K")


def _cell_value(raw: object, where: str) -> tuple[float | None, str | None]:
    """(number, the number's text as the source wrote it) of a JSON or CSV cell."""
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        raise StatisticsError("stats.not_number", where=where, value=str(raw))
    text = str(raw).strip()
    if not _NUMBER.fullmatch(text):
        raise StatisticsError("stats.not_number", where=where, value=text)
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise StatisticsError("stats.not_number", where=where, value=text)
    return number, text


def _observation(
    series: str, region: str, period: str, raw: object, status: str | None, where: str
) -> Observation:
    if isinstance(raw, str) and not raw.strip():  # an empty CSV cell: no value given
        raw = None
    if isinstance(raw, str) and raw.strip() in MISSING_SYMBOLS:
        status, raw = raw.strip(), None
        if status == "-":  # SSB's "nil": zero, and said so
            return Observation(series, region, period, 0.0, None, status)
    value, text = _cell_value(raw, where)
    status = status.strip() if isinstance(status, str) and status.strip() else None
    if value is None and status is None:
        status = ".."  # JSON-stat: null is a missing value; SSB's symbol for "not available"
    return Observation(series, region, period, value, text, status)


# --- Reading a file ---------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or ISO-8859-1, read exactly; anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # ISO-8859-1 decodes any byte; C1 controls (0x80-0x9F) mean it was something else
    # (Windows-1252, a mix): not readable exactly.
    if re.search(rb"[\x80-\x9f]", data):
        raise StatisticsError("stats.encoding")
    return data.decode("iso-8859-1")


def parse_json(text: str) -> Any:
    """JSON with every number kept as the text the source wrote, so `show` prints it as given."""
    try:
        return json.loads(text, parse_float=_NumberText, parse_int=_NumberText)
    except json.JSONDecodeError as error:
        raise StatisticsError("stats.not_json", reason=str(error)) from error


def read_file(
    path: Path, *, source: str | None = None, table: str | None = None, series: str | None = None
) -> Dataset:
    return read_bytes(path.read_bytes(), source=source, table=table, series=series)


def read_bytes(
    data: bytes, *, source: str | None = None, table: str | None = None, series: str | None = None
) -> Dataset:
    """Any format above, recognised by its content (never by the file name)."""
    if source is not None and source not in SOURCES:
        raise StatisticsError("stats.bad_source", value=source)
    text = decode(data)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return read_json(parse_json(stripped), source=source, table=table)
    return read_csv(text, source=source, series=series)


def read_json(document: Any, *, source: str | None = None, table: str | None = None) -> Dataset:
    if not isinstance(document, dict):
        raise StatisticsError("stats.unknown_format")
    _refuse_error_body(document)
    if document.get("class") == "dataset" or (
        "dimension" in document and "value" in document and "id" in document
    ):
        return read_jsonstat2(document, source=source, table=table)
    bundle = [v for v in document.values() if isinstance(v, dict) and "dimension" in v]
    if bundle and "value" in bundle[0]:
        if len(bundle) > 1:
            raise StatisticsError("stats.several_datasets", count=len(bundle))
        return read_jsonstat1(bundle[0], source=source, table=table)
    if isinstance(document.get("codes"), list):
        return _read_klass_codes(document["codes"])
    if isinstance(document.get("codeChanges"), list):
        return _read_klass_changes(document["codeChanges"])
    if isinstance(document.get("variables"), list) and "title" in document:
        return _read_pxweb_metadata(document, source=source)
    if isinstance(document.get("values"), list) and all(
        isinstance(v, dict) and "kpi" in v for v in document["values"]
    ):
        return read_kolada_page(document)
    if isinstance(document.get("variables"), list) and "id" in document:
        raise StatisticsError("stats.metadata_only", table=str(document.get("id")))
    raise StatisticsError("stats.unknown_format")


def _refuse_error_body(document: dict) -> None:
    # SSB PxWebApi v2 (RFC 7807 problem details) and Danmarks Statistik's error answer.
    if "title" in document and "status" in document and "dimension" not in document:
        raise StatisticsError(
            "stats.error_body",
            title=str(document.get("title")),
            status=str(document.get("status")),
            kind=str(document.get("type", "")),
        )
    if "errorTypeCode" in document or ("message" in document and len(document) <= 3):
        raise StatisticsError(
            "stats.error_body",
            title=str(document.get("message", "")),
            status=str(document.get("errorTypeCode", "")),
            kind="Danmarks Statistik",
        )


# --- JSON-stat --------------------------------------------------------------------------------


def read_jsonstat2(
    document: dict, *, source: str | None = None, table: str | None = None
) -> Dataset:
    return _read_jsonstat(
        document,
        ids=document.get("id"),
        sizes=document.get("size"),
        roles=document.get("role") or {},
        source=source,
        table=table,
        fmt="json-stat 2.0",
    )


def read_jsonstat1(
    dataset: dict, *, source: str | None = None, table: str | None = None
) -> Dataset:
    dimension = dataset.get("dimension") or {}
    return _read_jsonstat(
        dataset,
        ids=dimension.get("id"),
        sizes=dimension.get("size"),
        roles=dimension.get("role") or {},
        source=source,
        table=table,
        fmt="json-stat 1.x",
    )


def _categories(name: str, dim: dict, size: int) -> tuple[list[str], dict[str, str]]:
    """The category codes of a dimension in index order, and their labels."""
    category = dim.get("category") or {}
    labels = {str(k): str(v) for k, v in (category.get("label") or {}).items()}
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda item: int(item[1]))]
        if sorted(int(v) for v in index.values()) != list(range(len(index))):
            raise StatisticsError(
                "stats.bad_dimension", dimension=name, count=len(index), size=size
            )
    elif len(labels) == 1:
        codes = list(labels)
    else:
        raise StatisticsError("stats.bad_dimension", dimension=name, count=len(labels), size=size)
    if len(codes) != size:
        raise StatisticsError("stats.bad_dimension", dimension=name, count=len(codes), size=size)
    return codes, labels


def _role(roles: dict, role: str, ids: list[str], names: set[str]) -> str | None:
    given = roles.get(role)
    if isinstance(given, list) and given and given[0] in ids:
        return given[0]
    for dim in ids:
        lowered = dim.lower()
        if lowered in names or (role == "geo" and lowered.startswith("kokkommuneregion")):
            return dim
    return None


def _source_of(document: dict, source: str | None) -> str:
    if source:
        return source
    named = _SOURCE_BY_NAME.get(str(document.get("source", "")).strip().lower())
    if named is None:
        raise StatisticsError("stats.no_source")
    return named


def _table_of(document: dict, table: str | None) -> str:
    if table:
        return table
    px = (document.get("extension") or {}).get("px") or {}
    if px.get("tableid"):
        return str(px["tableid"])
    found = re.match(r"\s*(\w+):\s", str(document.get("label", "")))
    if found:
        return found.group(1)
    raise StatisticsError("stats.no_table")


def _read_jsonstat(
    document: dict,
    *,
    ids: Any,
    sizes: Any,
    roles: dict,
    source: str | None,
    table: str | None,
    fmt: str,
) -> Dataset:
    if not (isinstance(ids, list) and isinstance(sizes, list) and len(ids) == len(sizes)):
        raise StatisticsError("stats.unknown_format")
    sizes = [int(s) for s in sizes]
    dims = document.get("dimension") or {}
    source = _source_of(document, source)
    table_id = _table_of(document, table)
    categories = {}
    for name, size in zip(ids, sizes, strict=True):
        if not isinstance(dims.get(name), dict):
            raise StatisticsError("stats.bad_dimension", dimension=name, count=0, size=size)
        categories[name] = _categories(name, dims[name], size)

    geo = _role(roles, "geo", ids, REGION_DIMENSIONS)
    time = _role(roles, "time", ids, TIME_DIMENSIONS)
    metric = _role(roles, "metric", ids, {"contentscode", "contents"})
    if time is None:
        raise StatisticsError("stats.no_time_dimension", dimensions=", ".join(ids))
    extra = [d for d in ids if d not in (geo, time, metric)]

    # Series: one per content and combination of the further dimensions.
    metric_codes, metric_labels = categories[metric] if metric else ([table_id], {})
    units = ((dims.get(metric) or {}).get("category") or {}).get("unit") or {} if metric else {}
    px = (document.get("extension") or {}).get("px") or {}
    series_by_key: dict[tuple, str] = {}
    dataset = Dataset(source=source, format=fmt)
    extra_choices = [[(d, c) for c in categories[d][0]] for d in extra]
    for content in metric_codes:
        unit = units.get(content) or {}
        decimals = unit.get("decimals", px.get("decimals"))
        for combo in itertools.product(*extra_choices):
            sid = SeriesId(source, table_id, content, tuple(combo))
            label = " – ".join(
                [metric_labels.get(content) or str(document.get("label") or content)]
                + [categories[d][1].get(c, c) for d, c in combo]
            )
            series = Series(
                code=str(sid),
                source=source,
                table_id=table_id,
                content=content,
                label=label,
                unit=str(unit["base"]) if unit.get("base") else None,
                decimals=int(decimals) if decimals is not None else None,
                source_updated=str(document["updated"]) if document.get("updated") else None,
            )
            dataset.series[series.code] = series
            series_by_key[(content, combo)] = series.code

    if geo:
        region_codes, region_labels = categories[geo]
        for code in region_codes:
            dataset.regions[code] = Region(code, region_labels.get(code), region_kind(source, code))
    else:
        code, name = COUNTRY[source]
        dataset.regions[code] = Region(code, name, StatRegionKind.COUNTRY)

    total = math.prod(sizes)
    values = document.get("value")
    if isinstance(values, list):
        if len(values) != total:
            raise StatisticsError(
                "stats.size_mismatch", count=len(values), cells=total, size=str(sizes)
            )
        value_at = values.__getitem__
    elif isinstance(values, dict):
        value_at = lambda i: values.get(str(i))  # noqa: E731 (sparse values)
    else:
        raise StatisticsError("stats.unknown_format")
    status = document.get("status")
    if isinstance(status, str):
        status_at = lambda _i: status  # noqa: E731 (one status for every cell)
    elif isinstance(status, list):
        status_at = lambda i: status[i] if i < len(status) else None  # noqa: E731
    elif isinstance(status, dict):
        status_at = lambda i: status.get(str(i))  # noqa: E731
    else:
        status_at = lambda _i: None  # noqa: E731

    positions = {d: i for i, d in enumerate(ids)}
    for name in ids:
        if len(set(categories[name][0])) != len(categories[name][0]):
            raise StatisticsError(
                "stats.bad_dimension", dimension=name, count=len(categories[name][0]), size="?"
            )
    periods = {code: _period(code) for code in categories[time][0]}
    if len(set(periods.values())) != len(periods):  # 2024Q1 and 2024K1 are one period
        raise StatisticsError("stats.duplicate_cell", region="*", period="*", where=time)
    # Series by the codes of the metric and further dimensions, in the order `ids` has them.
    series_dims = [d for d in ids if d in extra or d == metric]
    series_of: dict[tuple, str] = {}
    for (content, combo), code in series_by_key.items():
        chosen = dict(combo) | ({metric: content} if metric else {})
        series_of[tuple(chosen[d] for d in series_dims)] = code
    series_key = (
        (lambda cell: tuple(cell[positions[d]] for d in series_dims))
        if series_dims
        else (lambda _cell: ())
    )
    only_series = series_of[()] if not series_dims else None
    geo_at = positions[geo] if geo else None
    time_at = positions[time]
    country = COUNTRY[source][0]
    append = dataset.observations.append
    for index, cell in enumerate(itertools.product(*(categories[d][0] for d in ids))):
        series_code = only_series or series_of[series_key(cell)]
        region = cell[geo_at] if geo_at is not None else country
        period = periods[cell[time_at]]
        raw, cell_status = value_at(index), status_at(index)
        if type(raw) is _NumberText and cell_status is None:
            # A JSON number's own text (parse_float/parse_int): no pattern check needed.
            number = float(raw)
            if math.isfinite(number):
                append(Observation(series_code, region, period, number, raw, None))
                continue
        append(_observation(series_code, region, period, raw, cell_status, f"value[{index}]"))
    return dataset


# --- Kolada -----------------------------------------------------------------------------------


def read_kolada_page(document: dict) -> Dataset:
    """One page of Kolada's `/v3/data/…` answer; the total (gender T) of each value."""
    dataset = Dataset(source="kolada", format="kolada json")
    for n, entry in enumerate(document["values"]):
        kpi = str(entry.get("kpi", "")).upper()
        region = str(entry.get("municipality") or entry.get("municipality_id") or "")
        if not (_CODE_PART.fullmatch(kpi) and _CODE_PART.fullmatch(region)):
            raise StatisticsError("stats.kolada_entry", where=f"values[{n}]")
        period = _period(entry.get("period"))
        code = str(SeriesId("kolada", kpi, kpi))
        dataset.series.setdefault(code, Series(code, "kolada", kpi, kpi, label=kpi))
        dataset.regions.setdefault(region, Region(region, None, region_kind("kolada", region)))
        totals = [v for v in entry.get("values") or [] if str(v.get("gender", "T")) == "T"]
        if len(totals) > 1:
            raise StatisticsError("stats.duplicate_cell", region=region, period=period, where="")
        for value in totals:
            dataset.observations.append(
                _observation(
                    code,
                    region,
                    period,
                    value.get("value"),
                    value.get("status"),
                    f"values[{n}]",
                )
            )
    return dataset


# --- CSV --------------------------------------------------------------------------------------


def _rows(text: str, delimiter: str) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise StatisticsError("stats.csv_error", reason=str(error)) from error
    return [row for row in rows if any(cell.strip() for cell in row)]


def read_csv(text: str, *, source: str | None = None, series: str | None = None) -> Dataset:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line else ","
    rows = _rows(text, delimiter)
    if not rows:
        raise StatisticsError("stats.empty_file")
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    if delimiter == "," and len(header) == 3 and lowered[:2] == ["geo", "year"]:
        return _read_kolada_csv(header, rows[1:])
    if {"code", "name"} <= set(lowered):
        return _read_region_csv(header, rows[1:], source or "ssb", "code", "name", "level")
    if {"kode", "titel", "niveau"} <= set(lowered):
        return _read_region_csv(header, rows[1:], source or "dst", "kode", "titel", "niveau")
    return _read_statbank_csv(header, rows[1:], series)


def _check_length(row: list[str], header: list[str], number: int) -> None:
    # Klass exports leave trailing empty fields off (ragged rows); more fields is an error.
    if len(row) > len(header):
        raise StatisticsError("stats.row_length", row=number, count=len(row), header=len(header))


def _read_kolada_csv(header: list[str], rows: list[list[str]]) -> Dataset:
    kpi = header[2].upper()
    if not _CODE_PART.fullmatch(kpi):
        raise StatisticsError("stats.bad_series", value=header[2])
    code = str(SeriesId("kolada", kpi, kpi))
    dataset = Dataset(source="kolada", format="kolada csv")
    dataset.series[code] = Series(code, "kolada", kpi, kpi, label=kpi)
    seen = set()
    for number, row in enumerate(rows, start=2):
        if len(row) != 3:
            raise StatisticsError("stats.row_length", row=number, count=len(row), header=3)
        region, period = row[0].strip(), _period(row[1])
        if not _CODE_PART.fullmatch(region):
            raise StatisticsError("stats.bad_region", row=number, value=region)
        if (region, period) in seen:
            raise StatisticsError(
                "stats.duplicate_cell", region=region, period=period, where=f"row {number}"
            )
        seen.add((region, period))
        dataset.regions.setdefault(region, Region(region, None, region_kind("kolada", region)))
        dataset.observations.append(
            _observation(code, region, period, row[2], None, f"row {number}, {header[2]}")
        )
    return dataset


def _read_region_csv(
    header: list[str],
    rows: list[list[str]],
    source: str,
    code_col: str,
    name_col: str,
    level_col: str,
) -> Dataset:
    lowered = [h.lower() for h in header]
    at = {name: lowered.index(name) for name in (code_col, name_col, level_col) if name in lowered}
    dataset = Dataset(source=source, format="classification csv")
    for number, row in enumerate(rows, start=2):
        _check_length(row, header, number)
        cells = row + [""] * (len(header) - len(row))
        code = cells[at[code_col]].strip()
        if not _CODE_PART.fullmatch(code):
            raise StatisticsError("stats.bad_region", row=number, value=code)
        name = cells[at[name_col]].strip() or None
        kind = region_kind(source, code)
        # Danmarks Statistik's classification: level 1 are the groups of level 2's kommuner.
        if source == "dst" and level_col in at and cells[at[level_col]].strip() == "1":
            kind = StatRegionKind.GROUP
        dataset.regions[code] = Region(code, name, kind)
    return dataset


def _read_statbank_csv(header: list[str], rows: list[list[str]], series: str | None) -> Dataset:
    """Long CSV: dimension columns, then the value (SSB's last column, DST's `INDHOLD`)."""
    if series is None:
        raise StatisticsError("stats.no_series")
    sid = parse_series_id(series)
    if len(header) < 2:
        raise StatisticsError("stats.unknown_format")
    names = [h.lower() for h in header[:-1]]
    time = next((i for i, n in enumerate(names) if n in TIME_DIMENSIONS), None)
    geo = next(
        (
            i
            for i, n in enumerate(names)
            if n in REGION_DIMENSIONS or n.startswith("kokkommuneregion")
        ),
        None,
    )
    if time is None:
        raise StatisticsError("stats.no_time_dimension", dimensions=", ".join(header[:-1]))
    others = [i for i in range(len(header) - 1) if i not in (time, geo)]
    # A further column must hold one value: the series id names it (`:DIM=code`).
    if sorted(header[i] for i in others) != sorted(dim for dim, _ in sid.extra):
        raise StatisticsError(
            "stats.columns_not_in_series",
            columns=", ".join(header[i] for i in others) or "-",
            series=str(sid),
        )
    dataset = Dataset(source=sid.source, format="statbank csv")
    code = str(sid)
    dataset.series[code] = Series(code, sid.source, sid.table_id, sid.content, label=code)
    seen_other: dict[int, set[str]] = {i: set() for i in others}
    seen = set()
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise StatisticsError(
                "stats.row_length", row=number, count=len(row), header=len(header)
            )
        for i in others:
            seen_other[i].add(row[i].strip())
            if len(seen_other[i]) > 1:
                raise StatisticsError(
                    "stats.several_values",
                    column=header[i],
                    values=", ".join(sorted(seen_other[i])),
                )
        if geo is None:
            region, name = COUNTRY[sid.source]
        else:
            region, name = _split_region(row[geo].strip())
        if not _CODE_PART.fullmatch(region):
            raise StatisticsError("stats.bad_region", row=number, value=row[geo])
        period = _period(row[time])
        if (region, period) in seen:
            raise StatisticsError(
                "stats.duplicate_cell", region=region, period=period, where=f"row {number}"
            )
        seen.add((region, period))
        dataset.regions.setdefault(region, Region(region, name, region_kind(sid.source, region)))
        where = f"row {number}, {header[-1]}"
        dataset.observations.append(_observation(code, region, period, row[-1], None, where))
    return dataset


def _split_region(cell: str) -> tuple[str, str | None]:
    """SSB's CSV with codes and texts writes `3314 Øvre Eiker`; a bare code has no name."""
    found = re.fullmatch(r"(\d{3,4}|EAK|EAKUO|EKA\d+|EKG\d+)\s+(.+)", cell)
    if found:
        return found.group(1), found.group(2)
    return cell, None


# --- Region lists and renumbering -------------------------------------------------------------


def _read_klass_codes(codes: list) -> Dataset:
    dataset = Dataset(source="ssb", format="klass json")
    for n, entry in enumerate(codes):
        code = str(entry.get("code", "")) if isinstance(entry, dict) else ""
        if not _CODE_PART.fullmatch(code):
            raise StatisticsError("stats.bad_region", row=n + 1, value=code)
        dataset.regions[code] = Region(code, entry.get("name") or None, region_kind("ssb", code))
    return dataset


def _read_klass_changes(changes: list) -> Dataset:
    """Klass `changes`: keep the renumberings, where one municipality goes on under a new
    number. In a merger only the old municipality that gives the new one its name carries its
    series over (Sandnes 1102 → 1108, not Forsand 1129); a split carries nothing."""
    dataset = Dataset(source="ssb", format="klass changes")
    pairs = []
    for n, entry in enumerate(changes):
        try:
            old, new = str(entry["oldCode"]), str(entry["newCode"])
            when = dt.date.fromisoformat(str(entry["changeOccurred"])[:10])
        except (KeyError, TypeError, ValueError) as error:
            raise StatisticsError("stats.bad_change", row=n + 1) from error
        pairs.append((old, new, when, entry.get("oldName"), entry.get("newName")))
    for old, new, when, old_name, new_name in pairs:
        same_day = [p for p in pairs if p[2] == when]
        if sum(p[0] == old for p in same_day) != 1:
            continue  # split between several new municipalities
        olds = [p for p in same_day if p[1] == new]
        if len(olds) > 1 and not (
            old_name and old_name == new_name and sum(p[3] == new_name for p in olds) == 1
        ):
            continue
        dataset.renumberings.append(Renumbering(old, new, when))
        dataset.regions.setdefault(new, Region(new, new_name, region_kind("ssb", new)))
    return dataset


def _read_pxweb_metadata(document: dict, *, source: str | None) -> Dataset:
    """A PxWeb table's metadata: the region variable's codes and names."""
    source = source or "ssb"
    dataset = Dataset(source=source, format="pxweb metadata")
    for variable in document["variables"]:
        name = str(variable.get("code", "")).lower()
        if name in REGION_DIMENSIONS or name.startswith("kokkommuneregion"):
            codes, texts = variable.get("values") or [], variable.get("valueTexts") or []
            if len(codes) != len(texts):
                raise StatisticsError(
                    "stats.bad_dimension",
                    dimension=variable.get("code"),
                    count=len(texts),
                    size=len(codes),
                )
            for code, text in zip(codes, texts, strict=True):
                dataset.regions[str(code)] = Region(
                    str(code), str(text), region_kind(source, str(code))
                )
    if not dataset.regions:
        raise StatisticsError("stats.metadata_only", table=str(document.get("title", "")))
    return dataset
