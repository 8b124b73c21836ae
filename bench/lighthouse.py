"""Lighthouse on the views: `python -m bench.lighthouse [--base URL] [--out FILE]`
(`make lighthouse`).

Runs Lighthouse 12.2.3 (from the npm registry, through npx) in the system Chromium (CHROME_PATH,
default /usr/bin/chromium) against /, /effektmal, /tjenestegjennomgang and /minuttjakt, desktop
and mobile (Lighthouse's default mobile: a slow-4G, 4× CPU throttled phone), and prints
performance, cumulative layout shift and accessibility per view. Without --base it serves the
demo data with gunicorn on loopback itself (a fresh SQLite database under bench/results/tmp/).

Targets (issue 14): desktop performance ≥ 90, mobile ≥ 70, CLS < 0.1, accessibility 100.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.__main__ import TMP
from dashboard.harness.server import Gunicorn

LIGHTHOUSE = "lighthouse@12.2.3"
PATHS = ("/", "/effektmal", "/tjenestegjennomgang", "/minuttjakt")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def demo_database() -> str:
    from dashboard import migrate
    from dashboard.db import get_engine
    from dashboard.ingest import demo

    TMP.mkdir(parents=True, exist_ok=True)
    path = TMP / "lighthouse-demo.sqlite3"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    if demo.database_is_empty(get_engine(url)):
        demo.load_demo(get_engine(url))
    return url


def audit(url: str, form_factor: str, attempts: int = 3) -> dict:
    """One Lighthouse run; again (up to `attempts`) when Lighthouse could not record the trace
    (it then exits non-zero or reports no score, e.g. NO_NAVSTART)."""
    for attempt in range(1, attempts + 1):
        try:
            return _audit_once(url, form_factor)
        except (subprocess.CalledProcessError, TypeError, KeyError) as error:
            print(f"{url} {form_factor}: run {attempt} failed ({error!r})", file=sys.stderr)
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _audit_once(url: str, form_factor: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            "npx", "--yes", LIGHTHOUSE, url,
            "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ]  # fmt: skip
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("--base", help="a running app (default: gunicorn on the demo data)")
    parser.add_argument("--runs", type=int, default=1, help="runs per view and form factor")
    parser.add_argument("--out", type=Path, default=TMP.parent / "lighthouse.json")
    args = parser.parse_args()
    server = None
    if not args.base:
        server = Gunicorn(demo_database(), None, args=("--access-logfile", "/dev/null"))
        server.wait_healthy()
    base = args.base or server.url
    results: dict = {"lighthouse": LIGHTHOUSE.split("@")[1], "views": {}}
    try:
        for path in PATHS:
            for form_factor in ("desktop", "mobile"):
                runs = [audit(base + path, form_factor) for _ in range(args.runs)]
                # the median run by performance, as Lighthouse's own docs advise
                runs.sort(key=lambda r: r["performance"])
                results["views"].setdefault(path, {})[form_factor] = runs[len(runs) // 2]
                print(f"{path} {form_factor}: {runs[len(runs) // 2]}", file=sys.stderr)
    finally:
        if server:
            server.stop()
    print(f"\n{'view':22} {'desktop':>8} {'mobile':>7} {'CLS d/m':>13} {'a11y':>5}")
    for path, r in results["views"].items():
        d, m = r["desktop"], r["mobile"]
        print(
            f"{path:22} {d['performance']:8d} {m['performance']:7d} "
            f"{d['cls']:6.3f}/{m['cls']:.3f} {min(d['accessibility'], m['accessibility']):5d}"
        )
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
