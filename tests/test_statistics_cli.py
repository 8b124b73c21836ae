"""`dashboard statistics import|fetch|list|show`, through the real command line entry point, on
SQLite and PostgreSQL. fetch talks HTTP to a stub server on loopback that replays the recorded
answers (no machine here reaches the services): SSB PxWebApi v2 with a 429 first, Danmarks
Statistik's POST /data, and Kolada pages linked by next_url, built from the Kolada fixture."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.statistics import commands
from dashboard.statistics.fetch import Fetcher, RateLimit
from dashboard.statistics.store import series_values
from tests.small_fixture import dump

FIXTURES = Path(__file__).parent / "fixtures" / "statistics"
KOSTRA = FIXTURES / "constructed" / "kostra_12134_pxwebapi-v2_jsonstat2.json"
ERROR = FIXTURES / "constructed" / "ssb_v2_error_parameter.json"
STRAF42 = FIXTURES / "dst" / "STRAF42_api-v1_data_jsonstat_HERKOMST1-00_2023.json"
KOLADA_CSV = FIXTURES / "kolada" / "kolada-derived_N01951_by-geo-year_ddf-scrape-2024-08-30.csv"


def _hash(engine) -> str:
    return hashlib.sha256(repr(dump(engine)).encode()).hexdigest()


def _run(monkeypatch, db_url: str, *argv: str, capsys) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", db_url)
    code = cli.main(["statistics", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_and_show_csv_prints_values_as_the_source_gave_them(
    engine, db_url, monkeypatch, capsys
):
    code, out, err = _run(monkeypatch, db_url, "import", str(KOSTRA), capsys=capsys)
    assert code == 0, err
    assert "15" in out
    code, out, _ = _run(
        monkeypatch, db_url, "show", "ssb:12134:KOSAG110000", "--format", "csv", capsys=capsys
    )
    assert code == 0
    lines = out.splitlines()
    # Read from the file: 3314 has 66605, 67120, 70211; 1108 has 61000.5 in 2022; 3236 2024 `..`
    assert "3314;2022;66605" in lines
    assert "3314;2024;70211" in lines
    assert "1108;2022;61000.5" in lines
    assert "3236;2024;.." in lines
    assert len(lines) == 15
    code, out, _ = _run(
        monkeypatch,
        db_url,
        "show",
        "ssb:12134:KOSAG110000",
        "--region",
        "3314",
        "--period",
        "2023",
        "--format",
        "csv",
        capsys=capsys,
    )
    assert out == "3314;2023;67120\n"
    code, out, _ = _run(monkeypatch, db_url, "show", "ssb:12134:KOSAG110000", capsys=capsys)
    assert "Øvre Eiker" in out and "Statistisk sentralbyrå, tabell 12134" in out
    code, out, _ = _run(monkeypatch, db_url, "list", capsys=capsys)
    assert out.startswith("ssb:12134:KOSAG110000\tFrie inntekter i kroner per innbygger")


def test_an_error_body_is_refused_and_the_database_is_unchanged(
    engine, db_url, monkeypatch, capsys
):
    _run(monkeypatch, db_url, "import", str(KOSTRA), capsys=capsys)
    before = _hash(engine)
    code, out, err = _run(monkeypatch, db_url, "import", str(ERROR), capsys=capsys)
    assert code == 1 and out == ""
    assert "Non-existent value 9999 for variable KOKkommuneregion0000" in err
    assert _hash(engine) == before


def test_dry_run_and_one_transaction_per_file(engine, db_url, monkeypatch, capsys, tmp_path):
    before = _hash(engine)
    code, out, _ = _run(monkeypatch, db_url, "import", "--dry-run", str(KOSTRA), capsys=capsys)
    assert code == 0 and _hash(engine) == before
    broken = tmp_path / "broken.json"
    broken.write_text(KOSTRA.read_text(encoding="utf-8").replace("67120", '"67 120"'))
    code, out, err = _run(monkeypatch, db_url, "import", str(broken), str(KOSTRA), capsys=capsys)
    assert code == 1
    assert "broken.json" in err and "67 120" in err
    # The good file after the broken one is stored whole; nothing of the broken one.
    rows = series_values(engine, "ssb:12134:KOSAG110000", regions=["3314"])
    assert [r.as_given for r in rows] == ["66605", "67120", "70211"]


def test_show_an_unknown_series(engine, db_url, monkeypatch, capsys):
    code, _, err = _run(monkeypatch, db_url, "show", "ssb:1:NOPE", capsys=capsys)
    assert code == 1 and "ssb:1:NOPE" in err


# --- fetch against a stub server on loopback ----------------------------------------------------


def _kolada_pages(base: str) -> list[dict]:
    """Kolada v3 /data pages in the documented shape, with values read from the fixture."""
    with KOLADA_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geo"] in ("0180", "1280", "0140")]
    rows = [r for r in rows if r["year"] in ("1994", "2021", "2022")]
    entries = [
        {
            "kpi": "N01951",
            "municipality": r["geo"],
            "period": int(r["year"]),
            "values": [
                {
                    "gender": "T",
                    "count": 1,
                    "status": "",
                    "value": float(r["n01951"]) if r["n01951"] else None,
                }
            ],
        }
        for r in rows
    ]
    half = len(entries) // 2
    return [
        {"count": half, "values": entries[:half], "next_url": f"{base}/kolada/page2"},
        {"count": len(entries) - half, "values": entries[half:], "next_url": None},
    ]


class _Stub:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        self.ssb_429_left = 1
        self.ssb_error = False
        self.base = ""

    def handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                stub.requests.append(("GET", self.path, b""))
                path = urllib.parse.urlsplit(self.path).path
                if path == "/ssb/tables/12134/data":
                    if stub.ssb_429_left:
                        stub.ssb_429_left -= 1
                        return self._send(429, b"", {"Retry-After": "1"})
                    if stub.ssb_error:
                        return self._send(400, ERROR.read_bytes())
                    return self._send(200, KOSTRA.read_bytes())
                if path.startswith("/kolada/data/kpi/N01951/"):
                    return self._send(200, json.dumps(_kolada_pages(stub.base)[0]).encode())
                if path == "/kolada/page2":
                    return self._send(200, json.dumps(_kolada_pages(stub.base)[1]).encode())
                return self._send(404, b'{"message": "not found"}')

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stub.requests.append(("POST", self.path, body))
                if self.path == "/dst/data" and json.loads(body)["table"] == "STRAF42":
                    return self._send(200, STRAF42.read_bytes())
                return self._send(400, b'{"errorTypeCode": "TABLE-NOTFOUND", "message": "no"}')

        return Handler


@pytest.fixture
def stub() -> Iterator[_Stub]:
    state = _Stub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    state.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _fetcher(stub: _Stub, slept: list[float], **kwargs) -> Fetcher:
    import time

    def sleep(seconds: float) -> None:  # really waits, and remembers how long
        slept.append(seconds)
        time.sleep(seconds)

    urls = {"ssb": f"{stub.base}/ssb", "dst": f"{stub.base}/dst", "kolada": f"{stub.base}/kolada"}
    return Fetcher(urls=urls, sleep=sleep, **kwargs)


def test_fetch_ssb_waits_out_a_429_and_stores_the_answer(engine, stub):
    slept: list[float] = []
    out, err = io.StringIO(), io.StringIO()
    code = commands.fetch(
        engine,
        "ssb:12134:KOSAG110000",
        ["3314,3236,1108", "EKG07,EAK"],
        ["2022-2024"],
        fetcher=_fetcher(stub, slept),
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    assert slept == [1.0]  # Retry-After: 1
    assert len(stub.requests) == 2
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(stub.requests[-1][1]).query)
    assert query["valueCodes[ContentsCode]"] == ["KOSAG110000"]
    assert query["valueCodes[Tid]"] == ["2022,2023,2024"]
    assert query["valueCodes[KOKkommuneregion0000]"] == ["3314,3236,1108,EKG07,EAK"]
    assert query["outputFormat"] == ["json-stat2"]
    rows = series_values(engine, "ssb:12134:KOSAG110000", regions=["3314"])
    assert [r.as_given for r in rows] == ["66605", "67120", "70211"]


def test_fetch_ssb_error_answer_is_refused_and_nothing_stored(engine, stub):
    stub.ssb_429_left, stub.ssb_error = 0, True
    before = _hash(engine)
    err = io.StringIO()
    code = commands.fetch(
        engine,
        "ssb:12134:KOSAG110000",
        ["9999"],
        ["2024"],
        fetcher=_fetcher(stub, []),
        out=io.StringIO(),
        err=err,
    )
    assert code == 1
    assert "Non-existent value 9999" in err.getvalue()
    assert _hash(engine) == before


def test_fetch_ssb_splits_an_extract_above_the_cell_limit(engine, stub):
    stub.ssb_429_left = 0
    fetcher = _fetcher(stub, [], max_cells=6)  # 3 periods: 2 regions per extract
    dataset = fetcher.fetch(
        "ssb:12134:KOSAG110000", ["3314", "3236", "1108", "EKG07", "EAK"], ["2022", "2023", "2024"]
    )
    regions = [
        urllib.parse.parse_qs(urllib.parse.urlsplit(r[1]).query)[
            "valueCodes[KOKkommuneregion0000]"
        ][0]
        for r in stub.requests
    ]
    assert regions == ["3314,3236", "1108,EKG07", "EAK"]
    assert "ssb:12134:KOSAG110000" in dataset.series


def test_the_rate_limit_waits_before_the_31st_query_in_a_minute():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limit = RateLimit(30, clock=lambda: now[0], sleep=sleep)
    for _ in range(30):
        limit.wait()
        now[0] += 0.5
    assert slept == []
    limit.wait()
    assert slept == [pytest.approx(45.0)]  # the first was sent at 0, now is 15


def test_fetch_dst_posts_the_query_and_stores_the_figure(engine, stub):
    code = commands.fetch(
        engine,
        "dst:STRAF42:STRAF42:HERKOMST1=00",
        None,
        ["2023"],
        fetcher=_fetcher(stub, []),
        out=io.StringIO(),
        err=io.StringIO(),
    )
    assert code == 0
    method, path, body = stub.requests[-1]
    assert (method, path) == ("POST", "/dst/data")
    sent = json.loads(body)
    assert sent["table"] == "STRAF42" and sent["format"] == "JSONSTAT"
    assert {"code": "HERKOMST1", "values": ["00"]} in sent["variables"]
    assert {"code": "Tid", "values": ["2023"]} in sent["variables"]
    [row] = series_values(engine, "dst:STRAF42:STRAF42:HERKOMST1=00")
    assert (row.region_code, row.period, row.as_given) == ("000", "2023", "233454")


def test_fetch_kolada_follows_next_url(engine, stub):
    code = commands.fetch(
        engine,
        "kolada:N01951",
        ["0180,1280,0140"],
        ["1994,2021,2022"],
        fetcher=_fetcher(stub, []),
        out=io.StringIO(),
        err=io.StringIO(),
    )
    assert code == 0
    assert [r[1] for r in stub.requests] == [
        "/kolada/data/kpi/N01951/municipality/0180,1280,0140/year/1994,2021,2022",
        "/kolada/page2",
    ]
    rows = {(r.region_code, r.period): r for r in series_values(engine, "kolada:N01951")}
    assert len(rows) == 9
    # From the fixture: 0180 2022 984748.0, 1280 2022 357377.0, 0140 1994 empty.
    assert rows[("0180", "2022")].value == 984748.0
    assert rows[("1280", "2022")].value == 357377.0
    assert rows[("0140", "1994")].value is None and rows[("0140", "1994")].status == ".."


def test_kolada_next_url_to_another_host_is_not_followed(engine, stub):
    fetcher = _fetcher(stub, [])
    fetcher.urls["kolada"] = fetcher.urls["kolada"].replace("127.0.0.1", "localhost")
    before = _hash(engine)
    err = io.StringIO()
    code = commands.fetch(
        engine, "kolada:N01951", ["0180"], ["2022"], fetcher=fetcher, out=io.StringIO(), err=err
    )
    assert code == 1 and "127.0.0.1" in err.getvalue()
    assert _hash(engine) == before
