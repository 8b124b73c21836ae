"""Import memory and time: `python -m bench.import_memory [--database-url URL] [--out FILE]`.

Each case runs `dashboard.ingest.importer.import_file` in a fresh Python process and reports that
process's peak resident memory (ru_maxrss: the interpreter and its libraries included) and the
import's wall time. The files are made here, into a temporary folder:

- `empty-rows.xlsx`: a workbook of 92 KB holding two data rows and 10 000 000 empty rows (60 MB
  of sheet XML, within both size caps); target ≤ 300 MB;
- `sparte_timer.csv`: 1 200 000 valid rows of hours saved, about 49 MB, as Norwegian Excel
  writes CSV (`;`, CRLF, decimal comma); target ≤ 500 MB;
- `sparte_timer_100k.xlsx`: 100 000 valid rows as a workbook.

Each is imported for real (not a dry run) into a fresh migrated database (SQLite in the temporary
folder unless --database-url names an empty one) that holds the organisation, sector and 250
processes the rows refer to. Numbers come from this machine, in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "import_memory.json"
HEADER = ["organisasjon", "prosess", "måned", "timer", "grunnlag", "kjøringer"]
PROCESSES = 250
EMPTY_ROWS = 10_000_000
CSV_ROWS = 1_200_000
XLSX_ROWS = 100_000
TARGETS_MB = {"empty-rows.xlsx": 300, "sparte_timer.csv": 500}


def _rows(count: int):
    """Distinct (process, month, basis) keys: 250 processes × 2 400 months × 2 bases."""
    for n in range(count):
        process, rest = divmod(n, 4800)
        month, basis = divmod(rest, 2)
        year, month = divmod(month, 12)
        yield [
            "benchkommun",
            f"p{process:03d}",
            f"{month + 1:02d}.{1900 + year}",
            f"{n % 97},5",
            "målt" if basis == 0 else "estimert",
            str(n % 1000) if basis == 0 else "",
        ]


def make_files(folder: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    files: dict[str, Path] = {}
    base = folder / "base.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "sparte_timer"
    for row in [HEADER, *_rows(2)]:
        sheet.append(row)
    workbook.save(base)
    path = files["empty-rows.xlsx"] = folder / "empty-rows.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(item.filename, "w", force_zip64=True) as out:
                out.write(head)
                block = b"<row/>" * 100_000  # what some generators pad a sheet with
                for _ in range(EMPTY_ROWS // 100_000):
                    out.write(block)
                out.write(b"</sheetData>" + tail)
    path = files["sparte_timer.csv"] = folder / "sparte_timer.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(";".join(HEADER) + "\r\n")
        for row in _rows(CSV_ROWS):
            out.write(";".join(row) + "\r\n")
    path = files["sparte_timer_100k.xlsx"] = folder / "sparte_timer_100k.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("sparte_timer")
    sheet.append(HEADER)
    for row in _rows(XLSX_ROWS):
        sheet.append(row)
    workbook.save(path)
    return files


def prepare_database(url: str, folder: Path) -> None:
    from sqlalchemy import create_engine

    from dashboard import migrate
    from dashboard.ingest import importer

    migrate.upgrade(url)
    engine = create_engine(url)
    setup = folder / "setup.csv"
    for name, lines in (
        ("organisasjoner.csv", ["organisasjon;navn", "benchkommun;Benchmark kommune"]),
        ("sektorer.csv", ["organisasjon;sektor;navn", "benchkommun;s1;Sektor"]),
        (
            "prosesser.csv",
            ["organisasjon;prosess;navn;sektor;type;fase"]
            + [f"benchkommun;p{n:03d};Prosess {n};s1;robot;idé" for n in range(PROCESSES)],
        ),
    ):
        setup = folder / name
        setup.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        report = importer.import_file(setup, engine)
        assert report.ok, report.describe()
    engine.dispose()


def run_case(path: Path, url: str) -> dict[str, object]:
    """In this (fresh) process: import `path` and measure."""
    from sqlalchemy import create_engine

    from dashboard.ingest import importer

    engine = create_engine(url)
    start = time.perf_counter()
    report = importer.import_file(path, engine)
    seconds = time.perf_counter() - start
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1e6, 2),
        "ok": report.ok,
        "rows_read": report.rows_read,
        "rows_added": report.rows_added,
        "errors": report.describe().splitlines()[:3] if not report.ok else [],
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a tmp dir)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--case", help=argparse.SUPPRESS)  # internal: one case, in a child
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(Path(args.case), args.url)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        files = make_files(folder)
        for name, path in files.items():
            url = args.database_url or f"sqlite:///{folder / (path.stem + '.sqlite3')}"
            prepare_database(url, folder)
            child = subprocess.run(
                [sys.executable, "-m", "bench.import_memory", "--case", str(path), "--url", url],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "IMPORT_MAX_ROWS": os.environ.get("IMPORT_MAX_ROWS", "")}
                if os.environ.get("IMPORT_MAX_ROWS")
                else None,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            result["target_mb"] = TARGETS_MB.get(name)
            results.append(result)
            target = f"(target ≤ {result['target_mb']} MB)" if result["target_mb"] else ""
            print(
                f"{name:<24} {result['size_mb']:>7} MB  {result['rows_read']:>9} rows  "
                f"{result['seconds']:>6} s  peak RSS {result['peak_rss_mb']:>7} MB {target}"
                + ("" if result["ok"] else f"  NOT OK: {result['errors']}"),
                flush=True,
            )
            if args.database_url:
                break  # one empty database given: one case (the rows would collide)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {"machine": platform.platform(), "python": platform.python_version(), "cases": results},
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
