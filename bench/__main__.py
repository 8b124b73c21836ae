"""The benchmark harness: `python -m bench [--quick] [--skip-browser] [--skip-load] [--out FILE]`.

On a national-scale synthetic dataset (bench/synthetic.py; default 1 000 000 indicator values and
5 000 000 minuttjakt rows, `--quick` 50 000 and 200 000), on SQLite and, when TEST_DATABASE_URL
is set, on PostgreSQL, it measures after warm-up:

- the server time of a real filter change: the POST to /_dash-update-component the browser
  sends (the view's data callback, components/view_router.py), per view, each request with
  filters (organisation, sektor) not asked before, so no query-cache hit flatters the number;
  p50 and p95; beside it the whole view rendered anew (the router: a link to another view);
- the floor: the very SQL statements that request ran, replayed bare through the DB driver;
- a naive baseline: the whole tables read with pandas and aggregated in Python, as a callback
  without a query layer would; ours ÷ floor and baseline ÷ ours;
- the JSON payload per figure, raw and gzip;
- with Chromium: the time from navigation until every chart of the view is drawn, cold (new
  browser profile) and warm; what users do, as input event → last chart painted, read from
  in-page marks (the event's timestamp; the animation frame after the last change inside a
  chart): a filter change in a fresh page, the first change from all sectors to one, a steady
  series of changes in one page, and the drill-down click to a goal; and snapshot export time,
  cold and warm;
- 50 simulated users with think time against gunicorn on loopback: requests/s, p50/p95, errors.

Results are written as JSON (default bench/results/latest.json) and printed as a table. Numbers
come from this machine, in one run; compare ratios, not absolutes across machines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from bench import synthetic
from dashboard import migrate, models, serving
from dashboard.db import get_engine
from dashboard.harness.browser import launch
from dashboard.harness.server import Gunicorn
from dashboard.harness.view_request import (  # the POSTs the browser sends
    data_body,
    data_callback_output,
    view_body,
)

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "results" / "tmp"
VIEWS = {
    "overview": "/",
    "effect_goals": "/effektmal",
    "service_review": "/tjenestegjennomgang",
    "savings": "/minuttjakt",
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "n": len(values),
    }


# --- the dataset --------------------------------------------------------------------------------


def prepare_sqlite(size: synthetic.Size, log) -> str:
    TMP.mkdir(parents=True, exist_ok=True)
    path = TMP / f"bench-{size.indicator_values}-{size.savings_rows}.sqlite3"
    url = f"sqlite:///{path}"
    if not _is_complete(url, size):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        _generate(url, size, log)
    migrate.upgrade(url)  # a dataset from before the newest migration
    return url


def prepare_postgres(admin_url: str, size: synthetic.Size, log) -> str:
    name = f"bench_{size.indicator_values}_{size.savings_rows}"
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    if not _is_complete(url, size):
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        _generate(url, size, log)
        with get_engine(url).connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    migrate.upgrade(url)
    return url


def _is_complete(url: str, size: synthetic.Size) -> bool:
    try:
        with create_engine(url).connect() as conn:
            orgs = conn.execute(select(func.count()).select_from(models.Organisation)).scalar()
            done = conn.execute(
                select(func.count())
                .select_from(models.Organisation)
                .where(models.Organisation.code == synthetic.org_code(size.organisations - 1))
            ).scalar()
        return orgs == size.organisations and done == 1
    except Exception:  # no database or no schema yet
        return False


def _generate(url: str, size: synthetic.Size, log) -> None:
    log(f"generating {size} in {make_url(url).get_backend_name()} …")
    started = time.perf_counter()
    migrate.upgrade(url)
    counts = synthetic.generate(get_engine(url), size, log=log)
    if make_url(url).get_backend_name() == "sqlite":
        with get_engine(url).connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    log(f"generated in {time.perf_counter() - started:.0f} s: {counts}")


# --- server time of a filter change, the floor, the baseline, payloads ------------------------


class SqlRecorder:
    """Records the statements a request runs, to replay them bare (the floor)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append((statement, parameters))

    def take(self) -> list[tuple[str, object]]:
        taken, self.statements = self.statements, []
        return taken

    def replay_ms(self, statements: list[tuple[str, object]]) -> float:
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            started = time.perf_counter()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
            return (time.perf_counter() - started) * 1000
        finally:
            raw.close()


def _figures(node, found: list[dict]) -> None:
    """The figures in a callback's answer: in a layout (props.figure) or a data callback's
    outputs (figure lists)."""
    if isinstance(node, dict):
        figure = node.get("figure")
        if isinstance(figure, dict) and "data" in figure:
            found.append(figure)
        elif isinstance(figure, list):
            found += [f for f in figure if isinstance(f, dict) and "data" in f]
        props = node.get("props")
        if isinstance(props, dict) and isinstance(props.get("figure"), dict):
            found.append(props["figure"])
        for key, value in node.items():
            if key != "figure":
                _figures(value, found)
    elif isinstance(node, list):
        for value in node:
            _figures(value, found)


def _search(view: str, organisation: str, sector: str) -> str:
    year = {"service_review": "&year=2021", "savings": "&year=2025"}.get(view, "")
    return f"?org={organisation}" + (f"&sektor={sector}" if sector else "") + year


def measure_views(url: str, size: synthetic.Size, runs: int, log) -> dict:
    from app import create_app

    engine = get_engine(url)
    client = create_app(database_url=url).server.test_client()
    serving.freeze_heap()  # as gunicorn.conf.py does before it forks the workers
    dependencies = client.get("/_dash-dependencies").get_json()
    recorder = SqlRecorder(engine)
    results = {}
    org_count = size.organisations
    for v, (view, path) in enumerate(VIEWS.items()):
        # The view as the browser has it (its parts' ids), and its data callback.
        _, layout = _post(client, path, _search(view, synthetic.org_code(0), "helse-velferd"))
        change = _data_request(dependencies, path, layout)
        # Warm-up: the process, the connection pool, the OS page cache.
        for i in range(5):
            search = _search(view, synthetic.org_code(i % org_count), "helse-velferd")
            _post(client, path, search)
            _post(client, path, search, change)
        recorder.take()
        ours, floor, whole, payload_raw, payload_gzip, figures_count = [], [], [], [], [], []
        for i in range(runs):
            # A filter not asked before in this run: another organisation and sektor each time.
            organisation = synthetic.org_code((v * runs + i + 7) % org_count)
            sector = synthetic.SECTORS[i % len(synthetic.SECTORS)][0]
            elapsed, response = _post(client, path, _search(view, organisation, sector), change)
            ours.append(elapsed)
            floor.append(recorder.replay_ms(recorder.take()))
            # The whole view anew (a link from another view), for another organisation again.
            other = synthetic.org_code((v * runs + i + 7 + org_count // 2) % org_count)
            whole.append(_post(client, path, _search(view, other, sector))[0])
            recorder.take()
            found: list[dict] = []
            _figures(response, found)
            figures_count.append(len(found))
            for figure in found:
                raw = json.dumps(figure, separators=(",", ":")).encode()
                payload_raw.append(len(raw))
                payload_gzip.append(len(gzip.compress(raw)))
        results[view] = {
            "ours": summary(ours),
            "floor": summary(floor),
            "ours_over_floor_p50": round(statistics.median(ours) / statistics.median(floor), 2),
            "ours_over_floor_p95": round(percentile(ours, 95) / percentile(floor, 95), 2),
            "ours_minus_floor_p95_ms": round(percentile(ours, 95) - percentile(floor, 95), 2),
            "whole_view": summary(whole),
            "round_trips_per_filter_change": 1,
            "figures": max(figures_count),
            "figure_json_bytes_max": max(payload_raw, default=0),
            "figure_gzip_bytes_max": max(payload_gzip, default=0),
            "figure_gzip_bytes_median": int(statistics.median(payload_gzip or [0])),
        }
        log(f"  {view:15} ours p50 {results[view]['ours']['p50_ms']:7.1f} ms  "
            f"p95 {results[view]['ours']['p95_ms']:7.1f}  floor p50 "
            f"{results[view]['floor']['p50_ms']:6.1f}")  # fmt: skip
    event.remove(engine, "before_cursor_execute", recorder._record)
    return results


def _data_request(dependencies: list[dict], path: str, layout: dict):
    output = data_callback_output(dependencies, path)
    return lambda search: data_body(path, search, layout, output)


def _post(client, path: str, search: str, body_for=None) -> tuple[float, dict]:
    """The router's request for the view (or, with `body_for`, the view's data callback)."""
    body = body_for(search) if body_for else view_body(path, search)
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=body)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}{search}: HTTP {response.status_code}")
    return elapsed, response.get_json()


# The naive baseline: what a callback without a query layer does: read whole tables, then pandas.


def _read(engine: Engine, table: str) -> pd.DataFrame:
    return pd.read_sql_table(table, engine)


def naive_savings(engine: Engine, organisation: str, sector: str, year: int) -> int:
    orgs = _read(engine, "organisation")
    org_id = int(orgs.loc[orgs["code"] == organisation, "id"].iloc[0])
    sectors = _read(engine, "sector")
    processes = _read(engine, "savings_process").merge(
        sectors[["id", "code", "name"]], left_on="sector_id", right_on="id", suffixes=("", "_s")
    )
    records = _read(engine, "savings_record").merge(
        processes, left_on="process_id", right_on="id", suffixes=("", "_p")
    )
    mine = records[(records["organisation_id"] == org_id) & (records["code_s"] == sector)]
    mine = mine[pd.to_datetime(mine["period"]).dt.year == year]
    by_month = mine.groupby([pd.to_datetime(mine["period"]).dt.month, "basis"])["hours"].sum()
    by_process = mine.groupby(["name", "basis"])["hours"].sum()
    pipeline = processes[processes["organisation_id"] == org_id].groupby("stage").size()
    return len(by_month) + len(by_process) + len(pipeline)


def naive_effect_goals(engine: Engine, organisation: str, sector: str) -> int:
    orgs = _read(engine, "organisation")
    org_id = int(orgs.loc[orgs["code"] == organisation, "id"].iloc[0])
    values = _read(engine, "indicator_value")
    indicators = _read(engine, "indicator")
    indicators = indicators[indicators["organisation_id"] == org_id]
    latest = values.sort_values("period").groupby("indicator_id").tail(1)
    merged = indicators.merge(latest, left_on="id", right_on="indicator_id", how="left")
    merged["achievement"] = (merged["value"] - merged["baseline_value"]) / (
        merged["target_value"] - merged["baseline_value"]
    )
    return int((merged["achievement"] >= 1).sum())


def naive_service_review(engine: Engine, organisation: str, sector: str, year: int) -> int:
    orgs = _read(engine, "organisation")
    org_id = int(orgs.loc[orgs["code"] == organisation, "id"].iloc[0])
    tasks = _read(engine, "service_review_task")
    units = _read(engine, "unit")
    merged = tasks.merge(units, left_on="unit_id", right_on="id")
    mine = merged[(merged["organisation_id"] == org_id) & (merged["year"] == year)]
    return len(mine.groupby(["sector_id", "part", "status"]).size())


def measure_baseline(url: str, size: synthetic.Size, runs: int) -> dict:
    engine = get_engine(url)
    organisation, sector = synthetic.org_code(size.organisations // 2), "helse-velferd"
    cases = {
        "effect_goals": lambda: naive_effect_goals(engine, organisation, sector),
        "service_review": lambda: naive_service_review(engine, organisation, sector, 2021),
        "savings": lambda: naive_savings(engine, organisation, sector, 2025),
    }
    cases["overview"] = lambda: (
        cases["effect_goals"](),
        cases["service_review"](),
        cases["savings"](),
    )
    results = {}
    for view, case in cases.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            case()
            times.append((time.perf_counter() - started) * 1000)
        results[view] = summary(times)
    return results


# --- the browser, exports, many users ---------------------------------------------------------


# In-page marks: the input event's timestamp, and the animation frame after each change inside a
# chart (Plotly drawing); input → painted is the last such frame minus the input.
MARKS = """
window.__bench = {input: null, paints: []};
["change", "click"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    // (Playwright's select_option dispatches the change event itself: not isTrusted.)
    window.__bench.input = event.timeStamp;
    window.__bench.paints = [];
  }, true);
});
new MutationObserver(function (records) {
  var inChart = records.some(function (r) {
    var el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    // Not a paint: dcc.Graph's "dash-graph--pending" class (no style) on the chart while it
    // asks Plotly to fit the chart to its box, 50 + 100 ms after the box changed height (a
    // filter change whose figure is taller or shorter, as all sectors → one). Counted, it put
    // 200–400 ms on that change that nobody sees: the chart's own DOM does not change.
    if (r.type === "attributes" && r.attributeName === "class" && el
        && el.classList.contains("js-plotly-plot")) { return false; }
    return el && el.closest && el.closest(".js-plotly-plot");
  });
  if (inChart && window.__bench.input !== null) {
    requestAnimationFrame(function (t) { window.__bench.paints.push(t); });
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
READY = """() => !document.querySelector('[data-dash-is-loading="true"]')
    && document.querySelectorAll('.chart-graph').length > 0
    && Array.from(document.querySelectorAll('.chart-graph'))
           .every(g => g.querySelector('.main-svg'))"""


def _painted(page, action) -> float:
    """input → last chart painted (ms, from the page's own clock) for `action`, once the page
    has been quiet (no new paint) for 400 ms."""
    action()
    page.wait_for_function("() => window.__bench.paints.length > 0", timeout=30_000)
    page.wait_for_function(READY, timeout=30_000)
    count = -1
    while True:
        page.wait_for_timeout(400)
        now = page.evaluate("window.__bench.paints.length")
        if now == count:
            break
        count = now
    return page.evaluate("Math.max(...window.__bench.paints) - window.__bench.input")


def measure_browser(base: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    ready = READY
    sector_select = 'select[id*="\\"param\\":\\"sektor\\""]'
    sectors = [code for code, _ in synthetic.SECTORS]
    results = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for view, path in VIEWS.items():
            search = _search(view, synthetic.org_code(1), "helse-velferd")
            cold, warm, change, fresh, all_to_one, steady, drill = [], [], [], [], [], [], []
            for run in range(runs):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.add_init_script(MARKS)
                page = context.new_page()
                for bucket in (cold, warm):  # a new profile, then the same one again
                    started = time.perf_counter()
                    page.goto(base + path + search)
                    page.wait_for_function(ready, timeout=30_000)
                    bucket.append((time.perf_counter() - started) * 1000)
                # A filter change as a user makes it, in this fresh page: the harness's total
                # (until every chart is drawn anew) and input → painted from the page's marks.
                others = [code for code in sectors if code != "helse-velferd"]
                sector = others[run % len(others)]
                started = time.perf_counter()
                fresh.append(
                    _painted(page, partial(page.select_option, sector_select, value=sector))
                )
                change.append((time.perf_counter() - started) * 1000)
                # A steady series of changes in the same page.
                for step in range(1, 7):
                    following = others[(run + step) % len(others)]
                    choose = partial(page.select_option, sector_select, value=following)
                    steady.append(_painted(page, choose))
                # The most common first change: from all sectors to one.
                page.goto(base + path + _search(view, synthetic.org_code(2), ""))
                page.wait_for_function(ready, timeout=30_000)
                choose = partial(page.select_option, sector_select, value=sector)
                all_to_one.append(_painted(page, choose))
                if path == "/effektmal":  # the drill-down: a matrix cell, then a goal
                    page.locator(".status-matrix .matrix-link").first.click()
                    page.wait_for_selector(".goal-list .goal-title a", timeout=30_000)
                    link = page.locator(".goal-list .goal-title a").first
                    drill.append(_painted(page, link.click))
                context.close()
            results[view] = {
                "cold": summary(cold),
                "warm": summary(warm),
                "filter_change": summary(change),
                "input_to_painted": {
                    "fresh_page_change": summary(fresh),
                    "all_to_one_sector": summary(all_to_one),
                    "steady_changes": summary(steady),
                    **({"drill_down_to_goal": summary(drill)} if drill else {}),
                },
            }
        browser.close()
    return results


def measure_exports(url: str, runs: int) -> dict:
    from app import create_app
    from dashboard import image_renderer

    client = create_app(database_url=url).server.test_client()
    path = "/export/savings-by-sector.png?org=" + synthetic.org_code(3) + "&year=2025"
    cold = []
    for _ in range(3):
        image_renderer.stop()
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        cold.append((time.perf_counter() - started) * 1000)
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        warm.append((time.perf_counter() - started) * 1000)
    image_renderer.stop()
    return {"png_scale_2": {"cold": summary(cold), "warm": summary(warm)}}


def measure_load(base: str, size: synthetic.Size, users: int, seconds: float) -> dict:
    """`users` threads, each: a filter change on a random view, then 1–3 s of think time."""
    import http.client

    latencies: list[float] = []
    errors: list[str] = []
    reconnects: list[int] = []
    lock = threading.Lock()
    host, port = base.removeprefix("http://").split(":")
    changes = _data_requests_over_http(host, int(port), size)
    deadline = time.monotonic() + seconds

    def user(number: int) -> None:
        rng = random.Random(number)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        time.sleep(rng.uniform(0, 2))  # users arrive over two seconds
        while time.monotonic() < deadline:
            view = rng.choice(list(VIEWS))
            search = _search(
                view,
                synthetic.org_code(rng.randrange(size.organisations)),
                rng.choice(synthetic.SECTORS)[0],
            )
            body = json.dumps(changes[view](search))  # a filter change: the data callback
            headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
            started = time.perf_counter()
            status, error = None, None
            for attempt in range(2):
                try:
                    conn.request("POST", "/_dash-update-component", body, headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    break
                except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                    # gunicorn closed the idle keep-alive connection during the think time;
                    # a browser opens a new one and sends again, without the user noticing.
                    conn.close()
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
                    with lock:
                        reconnects.append(attempt)
                except OSError as failure:
                    error = repr(failure)
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
                    break
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(error or f"HTTP {status}")
            time.sleep(rng.uniform(1, 3))

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "users": users,
        "seconds": round(wall, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / wall, 1),
        **summary(latencies),
        "errors": len(errors),
        "reconnects_after_keepalive_timeout": len(reconnects),
        "error_examples": errors[:5],
    }


def _data_requests_over_http(host: str, port: int, size: synthetic.Size) -> dict:
    """Per view, the data callback's request for a search (its parts from the view's layout)."""
    import http.client

    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("GET", "/_dash-dependencies")
    dependencies = json.loads(conn.getresponse().read())
    changes = {}
    for view, path in VIEWS.items():
        body = json.dumps(view_body(path, _search(view, synthetic.org_code(0), "helse-velferd")))
        conn.request("POST", "/_dash-update-component", body, {"Content-Type": "application/json"})
        layout = json.loads(conn.getresponse().read())
        changes[view] = _data_request(dependencies, path, layout)
    conn.close()
    return changes


# --- the report ---------------------------------------------------------------------------------


def run(args) -> dict:
    size = synthetic.QUICK if args.quick else synthetic.DEFAULT

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    backends = {} if args.skip_sqlite else {"sqlite": lambda: prepare_sqlite(size, log)}
    if os.environ.get("TEST_DATABASE_URL") and not args.skip_postgres:
        backends["postgresql"] = lambda: prepare_postgres(
            os.environ["TEST_DATABASE_URL"], size, log
        )
    report: dict = {
        "benchmark": "filter change, payload, browser, export, load",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "size": {
            "indicator_values": size.indicator_values,
            "savings_rows": size.savings_rows,
            "organisations": size.organisations,
        },
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
            "dash": _version("dash"),
            "plotly": _version("plotly"),
        },
        "backends": {},
    }
    for name, prepare in backends.items():
        log(f"[{name}] preparing the dataset")
        url = prepare()
        entry: dict = {}
        if not args.browser_only:
            log(f"[{name}] filter changes ({args.runs} per view)")
            views = measure_views(url, size, args.runs, log)
            log(f"[{name}] naive pandas baseline ({args.baseline_runs} per view)")
            baseline = measure_baseline(url, size, args.baseline_runs)
            for view, numbers in views.items():
                numbers["baseline"] = baseline[view]
                numbers["baseline_over_ours_p50"] = round(
                    baseline[view]["p50_ms"] / numbers["ours"]["p50_ms"], 1
                )
            entry["views"] = views
        if not (args.skip_load and args.skip_browser) and not (
            args.browser_only and args.skip_browser
        ):
            server = Gunicorn(url, None, args=("--access-logfile", "/dev/null"))
            server.wait_healthy()
            try:
                if not args.skip_browser:
                    log(f"[{name}] charts drawn in Chromium")
                    entry["browser"] = measure_browser(server.url, args.browser_runs)
                if not args.skip_load and not args.browser_only:
                    log(f"[{name}] {args.users} users for {args.load_seconds:.0f} s")
                    entry["load"] = measure_load(server.url, size, args.users, args.load_seconds)
            finally:
                server.stop()
        if not args.skip_browser and not args.browser_only and name == "sqlite":
            log(f"[{name}] snapshot exports")
            entry["exports"] = measure_exports(url, 20)
        report["backends"][name] = entry
    return report


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def print_table(report: dict) -> None:
    size = report["size"]
    print(
        f"\nsize: {size['indicator_values']:,} indicator values, {size['savings_rows']:,} "
        f"savings rows, {size['organisations']} organisations; dash {report['machine']['dash']}"
    )
    for backend, entry in report["backends"].items():
        if entry.get("views"):
            print(f"\n[{backend}] filter change, server time (ms)")
            print(
                f"{'view':15} {'p50':>7} {'p95':>7} {'floor50':>8} {'floor95':>8} {'ours/fl':>8} "
                f"{'naive50':>9} {'naive/ours':>10} {'figs':>5} {'gz max kB':>10}"
            )
        for view, v in entry.get("views", {}).items():
            print(
                f"{view:15} {v['ours']['p50_ms']:7.1f} {v['ours']['p95_ms']:7.1f} "
                f"{v['floor']['p50_ms']:8.1f} {v['floor']['p95_ms']:8.1f} "
                f"{v['ours_over_floor_p95']:8.2f} {v['baseline']['p50_ms']:9.0f} "
                f"{v['baseline_over_ours_p50']:10.1f} {v['figures']:5d} "
                f"{v['figure_gzip_bytes_max'] / 1000:10.1f}"
            )
        if "browser" in entry:
            print(f"[{backend}] all charts drawn after navigation (ms)")
            for view, b in entry["browser"].items():
                print(
                    f"{view:15} cold p50 {b['cold']['p50_ms']:7.0f}  p95 {b['cold']['p95_ms']:7.0f}"
                    f"   warm p50 {b['warm']['p50_ms']:7.0f}  p95 {b['warm']['p95_ms']:7.0f}"
                    f"   filter change p50 {b['filter_change']['p50_ms']:6.0f}"
                    f"  p95 {b['filter_change']['p95_ms']:6.0f}"
                )
        if "exports" in entry:
            e = entry["exports"]["png_scale_2"]
            print(
                f"[{backend}] PNG export: cold p50 {e['cold']['p50_ms']:.0f} ms, "
                f"warm p50 {e['warm']['p50_ms']:.0f} ms, p95 {e['warm']['p95_ms']:.0f} ms"
            )
        if "load" in entry:
            load = entry["load"]
            print(
                f"[{backend}] {load['users']} users, {load['seconds']} s: {load['requests']} "
                f"requests, {load['requests_per_s']}/s, p50 {load['p50_ms']:.0f} ms, "
                f"p95 {load['p95_ms']:.0f} ms, errors {load['errors']}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="50 000 / 200 000 rows")
    parser.add_argument("--runs", type=int, default=60, help="filter changes per view")
    parser.add_argument("--baseline-runs", type=int, default=3, help="naive baseline runs")
    parser.add_argument("--browser-runs", type=int, default=5, help="navigations per view")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=40)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument(
        "--skip-sqlite", action="store_true", help="PostgreSQL only (e.g. beside a SQLite run)"
    )
    parser.add_argument(
        "--browser-only",
        action="store_true",
        help="only the charts-drawn times (to compare dash versions: run it in each venv)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    report = run(args)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
