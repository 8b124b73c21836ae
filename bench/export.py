"""Export benchmark: cold and warm time per format, on the demo data, through the HTTP route.

    python -m bench.export [--runs N] [--cold-runs N] [--out bench/results/export.json]

Cold: the first image after the process's Chromium was closed (kaleido starts it again). Warm:
the same browser reused, as the app does after its first export. Medians and p95 of each, in
milliseconds, printed as a table and written as JSON.

The seminar deck: through the route for one sektor and for every sektor, and as the plain
function `deck_pdf` for the first 16 and 40 slides of the every-sektor deck (targets: ≤ 3 s and
≤ 6 s warm, < 1 MB for 16 slides).
"""

from __future__ import annotations

import argparse
import json
import os
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
DECKS = (
    ("deck pdf (Kultur og næring)", "/export/deck.pdf?sektor=kultur-naering"),
    ("deck pdf (every sektor)", "/export/deck.pdf"),
)
DECK_SLIDES = (16, 40)


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
    deck_names = {name for name, _ in DECKS}
    for name, path in (*CASES, *DECKS):
        is_image = not path.split("?")[0].endswith((".csv", ".xlsx"))
        cold: list[float] = []
        for _ in range(cold_runs if is_image else 0):
            image_renderer.stop()
            cold.append(_time(client, path)[0])
        warm, size = [], 0
        _time(client, path)  # warm-up
        for _ in range(runs if name not in deck_names else max(3, runs // 5)):
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
    results += _deck_slices(client.application, url, runs=max(3, runs // 5))
    image_renderer.stop()
    return {
        "benchmark": "export",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        # The load average says how busy the machine was (shared machines vary by 3-5x).
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        },
        "results": results,
    }


def _deck_slices(server, url: str, *, runs: int) -> list[dict]:
    """deck_pdf for the first N slides of the every-sektor deck: what a deck of N slides costs
    (queries from the app's query cache after the first run, as in the app)."""
    from dashboard import charts, export
    from dashboard.deck import deck_slides
    from dashboard.view_state import view_state
    from dashboard.web import cache as web_cache

    engine = get_engine(url)
    with server.app_context():
        query_cache = web_cache.current()
    results = []
    for count in DECK_SLIDES:

        def build(count: int = count) -> tuple[float, int, int]:
            frames = charts.Frames(engine, view_state({}, engine=engine), cache=query_cache)
            start = time.perf_counter()
            slides = deck_slides(frames)[:count]
            data = export.deck_pdf(frames, slides=slides)
            return (time.perf_counter() - start) * 1000, len(data), len(slides)

        build()  # warm-up
        timings = [build() for _ in range(runs)]
        warm = [t for t, _, _ in timings]
        results.append(
            {
                "case": f"deck_pdf, {timings[0][2]} slides",
                "path": f"deck_pdf(first {count} slides of the every-sektor deck)",
                "bytes": timings[-1][1],
                "cold_median_ms": None,
                "warm_median_ms": statistics.median(warm),
                "warm_p95_ms": _p95(warm),
                "warm_runs": len(warm),
                "cold_runs": 0,
            }
        )
    return results


def _cpus() -> int:
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
    print(f"load average at the end: {report['machine']['load_average']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
