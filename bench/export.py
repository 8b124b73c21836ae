"""Export benchmark: cold and warm time per format, on the demo data, through the HTTP route.

    python -m bench.export [--runs N] [--cold-runs N] [--out bench/results/export.json]

Cold: the first image after the process's Chromium was closed (kaleido starts it again). Warm:
the same browser reused, as the app does after its first export. Medians and p95 of each, in
milliseconds, printed as a table and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from dashboard import image_renderer, migrate
from dashboard.db import get_engine
from dashboard.ingest import demo

CASES = (
    ("png scale 1", "/export/savings-by-sector.png?year=2020&scale=1"),
    ("png scale 2", "/export/savings-by-sector.png?year=2020&scale=2"),
    ("svg", "/export/savings-by-sector.svg?year=2020"),
    ("pdf", "/export/savings-by-sector.pdf?year=2020"),
    ("csv", "/export/savings-by-process.csv?year=2020"),
    ("xlsx", "/export/savings-by-process.xlsx?year=2020"),
)
DECK = ("deck pdf (Kultur og næring)", "/export/deck.pdf?sektor=kultur-naering")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code} {response.get_data(as_text=True)}")
    return elapsed, len(response.data)


def run(runs: int, cold_runs: int) -> dict:
    from app import create_app

    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    migrate.upgrade(url)
    demo.load_demo(get_engine(url))
    client = create_app(database_url=url).server.test_client()
    results = []
    for name, path in (*CASES, DECK):
        is_image = not path.split("?")[0].endswith((".csv", ".xlsx"))
        cold: list[float] = []
        for _ in range(cold_runs if is_image else 0):
            image_renderer.stop()
            cold.append(_time(client, path)[0])
        warm, size = [], 0
        _time(client, path)  # warm-up
        for _ in range(runs if name != DECK[0] else max(3, runs // 5)):
            elapsed, size = _time(client, path)
            warm.append(elapsed)
        results.append(
            {
                "case": name,
                "path": path,
                "bytes": size,
                "cold_median_ms": statistics.median(cold) if cold else None,
                "warm_median_ms": statistics.median(warm),
                "warm_p95_ms": _p95(warm),
                "warm_runs": len(warm),
                "cold_runs": len(cold),
            }
        )
    image_renderer.stop()
    return {
        "benchmark": "export",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "results": results,
    }


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _print(report: dict) -> None:
    print(f"{'case':32} {'bytes':>9} {'cold ms':>9} {'warm p50':>9} {'warm p95':>9}")
    for r in report["results"]:
        cold = f"{r['cold_median_ms']:.0f}" if r["cold_median_ms"] is not None else "–"
        print(
            f"{r['case']:32} {r['bytes']:>9} {cold:>9} "
            f"{r['warm_median_ms']:>9.0f} {r['warm_p95_ms']:>9.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs per case")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts per image case")
    parser.add_argument("--out", type=Path, default=Path("bench/results/export.json"))
    args = parser.parse_args()
    report = run(args.runs, args.cold_runs)
    _print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
