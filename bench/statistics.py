"""The JSON-stat reader against pyjstat: `python -m bench.statistics [--repeat N]`.

Reads SSB's 01106 answer (JSON-stat 1.x, 430 municipalities × 10 contents × 9 quarters = 38 700
cells, 180 missing) and the 07221 answer (JSON-stat 2.0, 288 cells), median of N runs each:
- ours: `dashboard.statistics.readers.read_bytes` (decode, parse with exact number texts, every
  cell with its series, region, period, number, text and status);
- pyjstat (when installed; not a dependency): `from_json_stat(..., naming="id")` to a DataFrame,
  which gives floats and no status, so it does less.
Prints the milliseconds and peak memory (tracemalloc) of each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from pathlib import Path

from dashboard.statistics.readers import read_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "statistics" / "ssb"
FILES = {
    "01106 (json-stat 1.x, 38 700 cells)": (
        FIXTURES / "01106_pxweb-v0_jsonstat1_befolkningsendringer_kvartal_430kommuner.json",
        "01106",
    ),
    "07221 (json-stat 2.0, 288 cells)": (
        FIXTURES / "07221_pxweb-v1_jsonstat2_boligprisindeks_regioner_2022K1-2023K4.json",
        None,
    ),
}


def _measure(run, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times) * 1000, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    try:
        from pyjstat import pyjstat
    except ImportError:
        pyjstat = None
    print(f"{'file':<38} {'reader':<8} {'median ms':>10} {'peak MiB':>9}")
    for name, (path, table) in FILES.items():
        data = path.read_bytes()
        ms, mib = _measure(lambda: read_bytes(data, table=table), args.repeat)  # noqa: B023
        print(f"{name:<38} {'ours':<8} {ms:>10.1f} {mib:>9.1f}")
        if pyjstat is not None:

            def run_pyjstat() -> None:
                pyjstat.from_json_stat(json.loads(data), naming="id")  # noqa: B023

            ms, mib = _measure(run_pyjstat, args.repeat)
            print(f"{name:<38} {'pyjstat':<8} {ms:>10.1f} {mib:>9.1f}")


if __name__ == "__main__":
    main()
