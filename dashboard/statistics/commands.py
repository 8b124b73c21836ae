"""What `dashboard statistics import|fetch|list|show` do (dashboard/cli.py wires the parser).

Messages go through the translation layer in the DEFAULT_LANGUAGE; data lines (`show --format
csv`) are plain `region;period;value` with the value exactly as stored (as the source gave it).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from dashboard.i18n import format_number, translate
from dashboard.statistics import StatisticsError
from dashboard.statistics.fetch import Fetcher
from dashboard.statistics.readers import read_file
from dashboard.statistics.store import ImportSummary, get_series, import_dataset, list_series
from dashboard.statistics.store import series_values as stored_values


def _split(values: list[str] | None) -> list[str]:
    """`--regions 3314,EKG07 --regions EAK` → ['3314', 'EKG07', 'EAK']; `2015-2024` → years."""
    found: list[str] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            first, dash, last = part.partition("-")
            if dash and first.isdigit() and last.isdigit() and len(first) == len(last) == 4:
                if int(last) < int(first) or int(last) - int(first) > 200:
                    raise StatisticsError("stats.bad_period", value=part)
                found += [str(year) for year in range(int(first), int(last) + 1)]
            else:
                found.append(part)
    return list(dict.fromkeys(found))


def _report(name: str, summary: ImportSummary, dry_run: bool) -> str:
    key = "stats.cli_dry_run" if dry_run else "stats.cli_imported"
    return translate(
        key,
        None,
        file=name,
        read=format_number(summary.values_read),
        added=format_number(summary.values_added),
        changed=format_number(summary.values_changed),
        unchanged=format_number(summary.values_unchanged),
        series=format_number(summary.series_added),
        regions=format_number(summary.regions_added),
    )


def _progress(name: str, err: TextIO):
    def report(done: int, total: int) -> None:
        text = translate(
            "stats.cli_progress",
            None,
            file=name,
            done=format_number(done),
            total=format_number(total),
        )
        print(text, file=err, flush=True)

    return report


def import_files(
    engine: Engine,
    paths: list[str],
    *,
    dry_run: bool = False,
    source: str | None = None,
    table: str | None = None,
    series: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Each file in its own transaction; a refused file names why and stores nothing."""
    out = out or sys.stdout
    err = err or sys.stderr
    exit_code = 0
    for path in map(Path, paths):
        try:
            dataset = read_file(path, source=source, table=table, series=series)
            summary = import_dataset(
                engine, dataset, dry_run=dry_run, progress=_progress(path.name, err)
            )
        except (StatisticsError, OSError) as error:
            reason = error.text() if isinstance(error, StatisticsError) else str(error)
            print(translate("stats.cli_refused", None, file=path.name, reason=reason), file=err)
            exit_code = 1
            continue
        print(_report(path.name, summary, dry_run), file=out)
    return exit_code


def fetch(
    engine: Engine,
    series: str,
    regions: list[str] | None,
    periods: list[str] | None,
    *,
    region_dimension: str | None = None,
    dry_run: bool = False,
    fetcher: Fetcher | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    fetcher = fetcher or Fetcher(log=lambda line: print(line, file=err, flush=True))
    try:
        dataset = fetcher.fetch(
            series, _split(regions), _split(periods), region_dimension=region_dimension
        )
        summary = import_dataset(engine, dataset, dry_run=dry_run, progress=_progress(series, err))
    except StatisticsError as error:
        print(translate("stats.cli_refused", None, file=series, reason=error.text()), file=err)
        return 1
    print(_report(series, summary, dry_run), file=out)
    return 0


def list_all(engine: Engine, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    rows = list_series(engine)
    if not rows:
        print(translate("stats.cli_no_series", None), file=out)
    for row in rows:
        span = f"{row.first_period}–{row.last_period}" if row.values else "–"
        demo = f"  [{translate('stats.demo', None)}]" if row.is_demo else ""
        print(
            f"{row.code}\t{row.label}\t{row.unit or ''}\t{format_number(row.values)}\t{span}"
            f"\t{row.source_note}{demo}",
            file=out,
        )
    return 0


def show(
    engine: Engine,
    series: str,
    *,
    regions: list[str] | None = None,
    periods: list[str] | None = None,
    fmt: str = "table",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        rows = stored_values(engine, series, regions=_split(regions), periods=_split(periods))
    except StatisticsError as error:
        print(error.text(), file=err)
        return 1
    if fmt == "csv":
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        for row in rows:
            writer.writerow([row.region_code, row.period, row.as_given])
        return 0
    info = get_series(engine, series)
    assert info is not None  # stored_values found it
    print(f"{info.code}: {info.label}" + (f" ({info.unit})" if info.unit else ""), file=out)
    names = [row.region_name or "" for row in rows]
    width = max([len(n) for n in names] + [0])
    for row, name in zip(rows, names, strict=True):
        status = ""
        if row.status:
            status = "  " + translate(f"stats.status_{_status_key(row.status)}", None)
        print(
            f"{row.region_code:<8} {name:<{width}}  {row.period:<8} {row.as_given:>14}{status}",
            file=out,
        )
    print(translate("stats.source_line", None, source=info.source_note), file=out)
    return 0


STATUS_KEYS = {"..": "missing", ".": "not_applicable", ":": "confidential", "-": "nil"}


def _status_key(status: str | None) -> str:
    return STATUS_KEYS.get(status or "", "other")
