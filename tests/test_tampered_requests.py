"""Tampered callback requests: whatever is POSTed to /_dash-update-component, the answer is a 4xx
or the normal view, never a 500 or a stack trace, and the database is the same afterwards.

The browser sends one request per view (dashboard/harness/view_request.py); these are that
request with its values, types, sizes, ids, JSON or content type changed.
dashboard/web/request_guard.py checks the shape; dashboard/view_state.py drops values the database
does not know.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, func, inspect, select

from app import create_app
from dashboard.db import get_engine
from dashboard.harness.view_request import (
    UPDATE_PATH,
    data_body,
    data_callback_output,
    view_body,
)
from dashboard.models import Base
from tests.small_fixture import load_small_fixture

VIEW = "view"  # 200 and the view's content
REFUSED = "4xx"


def _with_input(index: int, value: object) -> dict:
    """The router's input with its pathname (0) or search (1) replaced by `value`."""
    body = view_body(pathname="/minuttjakt", search="?year=2020")
    body["inputs"][0]["value"][("pathname", "search")[index]] = value
    return body


def _with_value(value: object) -> dict:
    body = view_body(pathname="/minuttjakt", search="?year=2020")
    body["inputs"][0]["value"] = value
    return body


def _with(**changes: object) -> dict:
    body = view_body(pathname="/minuttjakt", search="?year=2020")
    body.update(changes)
    return body


def _search(search: str, pathname: str = "/minuttjakt") -> dict:
    return view_body(pathname=pathname, search=search)


def _without(key: str) -> dict:
    body = view_body()
    del body[key]
    return body


def _outputs(outputs: object) -> dict:
    body = view_body()
    body["outputs"] = outputs
    return body


def _input_id(index: int, component: object, prop: str | None = None) -> dict:
    body = view_body()
    body["inputs"][index]["id"] = component
    if prop is not None:
        body["inputs"][index]["property"] = prop
    return body


SQL = [
    "' OR 1=1--",
    "'; DROP TABLE sector; --",
    "; DROP TABLE sector;",
    '" OR ""="',
    "1; DELETE FROM savings_record",
    "test' UNION SELECT code, name FROM organisation --",
]


@dataclass(frozen=True)
class Case:
    name: str
    expected: str  # VIEW or REFUSED
    body: bytes | Callable[[], object]
    content_type: str = "application/json"

    def data(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body()).encode()


CASES = [
    Case("the browser's own request", VIEW, lambda: view_body()),
    # Values not among the options: the view drops them and says so.
    Case("unknown sector, core area, year", VIEW,
         lambda: _search("?sektor=finnes-ikke&kerneomrade=nei&year=1800&org=x&goal=G9")),
    Case("unknown language and parameters", VIEW, lambda: _search("?lang=xx&foo=bar&__proto__=1")),
    Case("a parameter given twice", VIEW, lambda: _search("?sektor=S1&sektor=S2&year=2020&year=x")),
    Case("a unicode digit as year", VIEW, lambda: _search("?year=%C2%B2")),
    Case("a 3000-digit year", VIEW, lambda: _search("?year=" + "9" * 3000)),
    Case("presentation with unicode digits", VIEW,
         lambda: _search("?present=1&slide=%C2%B2&auto=%C2%B9%C2%B9")),
    Case("an unknown path", VIEW, lambda: _search("?year=2020", pathname="/../../etc/passwd")),
    Case("a path that is not a path", REFUSED, lambda: _search("", pathname="javascript:alert(1)")),
    Case("a search without its question mark", VIEW, lambda: _search("year=2020&sektor=S1")),
    *(
        Case(f"SQL in {param}: {sql}", VIEW, lambda p=param, s=sql: _search(f"?{p}={s}"))
        for param in ("sektor", "kerneomrade", "year", "org", "goal", "lang")
        for sql in SQL
    ),
    Case("SQL in the path", VIEW, lambda: _search("", pathname="/'; DROP TABLE sector; --")),
    # Wrong types where a string is expected.
    Case("search is a number", REFUSED, lambda: _with_input(1, 2020)),
    Case("search is a list", REFUSED, lambda: _with_input(1, ["?year=2020"])),
    Case("search is an object", REFUSED, lambda: _with_input(1, {"year": 2020})),
    Case("search is null", REFUSED, lambda: _with_input(1, None)),
    Case("search is true", REFUSED, lambda: _with_input(1, True)),
    Case("pathname is a number", REFUSED, lambda: _with_input(0, 5)),
    Case("pathname is null", REFUSED, lambda: _with_input(0, None)),
    Case("pathname is an object", REFUSED, lambda: _with_input(0, {"$ne": ""})),
    Case("the router's input is a string", REFUSED, lambda: _with_value("?year=2020")),
    Case("the router's input is null", REFUSED, lambda: _with_value(None)),
    Case("the router's input is a list", REFUSED, lambda: _with_value(["/", "?year=2020"])),
    Case("the router's input without search", REFUSED, lambda: _with_value({"pathname": "/"})),
    Case("inputs is an object", REFUSED, lambda: _with(inputs={"a": 1})),
    Case("inputs is a string", REFUSED, lambda: _with(inputs="x")),
    Case("inputs missing", REFUSED, lambda: _without("inputs")),
    Case("an input is a number", REFUSED, lambda: _with(inputs=[1, 2])),
    Case("one input too many", REFUSED,
         lambda: _with(inputs=[*view_body()["inputs"], view_body()["inputs"][0]])),
    Case("one input too few", REFUSED, lambda: _with(inputs=[])),
    Case("an input of another component", REFUSED, lambda: _input_id(0, "other")),
    Case("an input id that is an object", REFUSED, lambda: _input_id(0, {"type": "x"})),
    Case("an input of another property", REFUSED,
         lambda: _input_id(0, "view-key", "modified_timestamp")),
    Case("state where there is none", REFUSED, lambda: _with(state=[{"id": "a", "property": "b"}])),
    Case("state is a number", REFUSED, lambda: _with(state=3)),
    Case("changedPropIds with an object", REFUSED, lambda: _with(changedPropIds=[{"a": 1}])),
    Case("changedPropIds is a string", REFUSED, lambda: _with(changedPropIds="x")),
    Case("output is a number", REFUSED, lambda: _with(output=5)),
    Case("output is a list", REFUSED, lambda: _with(output=["view-content.children"])),
    Case("output missing", REFUSED, lambda: _without("output")),
    # Unknown output ids.
    Case("an unknown output", REFUSED, lambda: _with(output="nothing.children")),
    Case("a clientside callback's output", REFUSED, lambda: _with(output="view-location.search")),
    Case("unknown ids in outputs", REFUSED,
         lambda: _outputs([{"id": "x", "property": "children"}, {"id": "y", "property": "data"}])),
    Case("outputs missing", REFUSED, lambda: _without("outputs")),
    Case("outputs is a string", REFUSED, lambda: _outputs("view-content.children")),
    Case("a third output", REFUSED,
         lambda: _outputs([*view_body()["outputs"], {"id": "z", "property": "children"}])),
    # Huge bodies and values.
    Case("100 000 inputs", REFUSED, lambda: _with(inputs=[view_body()["inputs"][0]] * 100_000)),
    Case("100 000 changedPropIds", REFUSED, lambda: _with(changedPropIds=["x.y"] * 100_000)),
    Case("a 5 MB search", REFUSED, lambda: _with_input(1, "?year=" + "9" * 5_000_000)),
    Case("a 5 MB body of whitespace", REFUSED, b" " * 5_000_000),
    Case("a 10 kB search", REFUSED, lambda: _with_input(1, "?sektor=" + "x" * 10_000)),
    Case("deeply nested JSON", REFUSED, b"[" * 50_000 + b"]" * 50_000),
    # Not JSON, or not said to be.
    Case("malformed JSON", REFUSED, b'{"output": "view-content.children", "inputs": ['),
    Case("JSON that is a list", REFUSED, b"[1, 2, 3]"),
    Case("JSON that is a string", REFUSED, b'"hello"'),
    Case("JSON null", REFUSED, b"null"),
    Case("an empty body", REFUSED, b""),
    Case("NaN in JSON", REFUSED, b'{"output": NaN}'),
    Case("invalid UTF-8", REFUSED, b'{"output": "\xff\xfe"}'),
    Case("text/plain", REFUSED, lambda: view_body(), "text/plain"),
    Case("a form", REFUSED, b"output=x&inputs=y", "application/x-www-form-urlencoded"),
    Case("no content type", REFUSED, lambda: view_body(), ""),
    Case("multipart", REFUSED, b"--b\r\n\r\nx\r\n--b--", "multipart/form-data; boundary=b"),
]


@pytest.fixture(scope="module")
def tamper_url(tmp_path_factory, sqlite_template) -> Iterator[str]:
    path = tmp_path_factory.mktemp("tamper") / "small.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    load_small_fixture(get_engine(url))
    yield url
    get_engine(url).dispose()


@pytest.fixture(scope="module")
def client(tamper_url):
    return create_app(database_url=tamper_url, redis_url="").server.test_client()


def post(client, case: Case):
    headers = {"Content-Type": case.content_type} if case.content_type else {}
    return client.post(UPDATE_PATH, data=case.data(), headers=headers)


def check(response, case: Case) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code < 500, f"{case.name}: {response.status_code} {text[:500]}"
    assert "Traceback" not in text and 'File "' not in text, case.name
    if case.expected == VIEW:
        assert response.status_code == 200, f"{case.name}: {response.status_code} {text[:300]}"
        response = json.loads(text)["response"]
        content = response.get("view-content", {}).get("children") or response
        assert content, case.name
    else:
        assert 400 <= response.status_code < 500, f"{case.name}: {response.status_code}"
        assert len(text) < 200, case.name  # a short message, not a page or a trace


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_tampered_callback_request_gets_a_4xx_or_the_normal_view(client, case):
    check(post(client, case), case)


def test_refusals_say_why_with_the_right_status(client):
    by_name = {c.name: c for c in CASES}
    assert post(client, by_name["a 5 MB search"]).status_code == 413
    assert post(client, by_name["text/plain"]).status_code == 415
    assert post(client, by_name["malformed JSON"]).status_code == 400
    response = post(client, by_name["an unknown output"])
    assert response.get_data(as_text=True) == "unknown callback output\n"


def test_a_body_without_content_length_is_bounded_too(client):
    """Chunked transfer: no Content-Length to refuse by; reading stops at the limit (werkzeug
    then hands over the first MAX_BODY_BYTES, which are not JSON: 400)."""
    body = b'{"output": "' + b"x" * 10_000_000 + b'"}'
    response = client.post(
        UPDATE_PATH,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code in (400, 413)


def test_a_tampered_link_is_dropped_and_said_in_the_view(client):
    response = post(client, CASES[1])
    text = json.dumps(response.get_json(), ensure_ascii=False)
    assert "Lenken inneholdt filtre som ikke finnes lenger" in text


# --- nothing changes in the database -------------------------------------------------------------


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every table and every row of it."""
    engine.dispose()  # a fresh connection sees what is committed, and nothing else is cached
    tables = sorted(inspect(engine).get_table_names())
    with engine.connect() as conn:
        rows = {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }
        counts = {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }
    return {"tables": [(name,) for name in tables], "counts": sorted(counts.items()), **rows}


def test_no_tampered_request_changes_the_database(db_url):
    """Every case against a fresh database of each kind (SQLite, PostgreSQL): tables and rows
    are the same afterwards."""
    engine = get_engine(db_url)
    load_small_fixture(engine)
    before = snapshot(engine)
    assert {"sector", "savings_record", "organisation"} <= {t for (t,) in before["tables"]}
    client = create_app(database_url=db_url, redis_url="").server.test_client()
    for case in CASES:
        check(post(client, case), case)
    assert snapshot(engine) == before
    # And the app still serves the view afterwards.
    check(post(client, CASES[0]), CASES[0])


def test_the_view_request_shapes_are_what_the_renderer_sends():
    """The cases start from dashboard/harness/view_request.py's body; a wrong starting point
    would make the
    REFUSED cases pass for the wrong reason."""
    body = copy.deepcopy(view_body())
    assert body["output"] == "..view-content.children...view-title.data.."
    assert [i["id"] for i in body["inputs"]] == ["view-key"]
    assert set(body["inputs"][0]["value"]) == {"pathname", "search", "key"}


def _data_body(client, search: object) -> dict:
    """A filter change's request on /minuttjakt (its data callback), with `search` as sent."""
    deps = client.get("/_dash-dependencies").get_json()
    layout = client.post(UPDATE_PATH, json=view_body("/minuttjakt", "?year=2020")).get_json()
    body = data_body("/minuttjakt", "?year=2020", layout, data_callback_output(deps, "/minuttjakt"))
    body["inputs"][0]["value"] = {"search": search} if search != "no dict" else "?year=2020"
    return body


@pytest.mark.parametrize(
    ("search", "status"),
    [
        ("?year=2020&sektor=S1", 200),
        ("?sektor='; DROP TABLE sector; --&year=1800", 200),
        ("?year=" + "9" * 3000, 200),
        ("?sektor=" + "x" * 10_000, 400),
        (2020, 400),
        (None, 400),
        ("no dict", 400),
    ],
)
def test_a_tampered_filter_change_gets_a_4xx_or_the_normal_answer(client, search, status):
    response = client.post(UPDATE_PATH, json=_data_body(client, search))
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_callback_that_fails_on_good_input_stays_a_500(tamper_url):
    """Only what Dash cannot read is the client's fault (400); a view that raises is a bug: 500,
    its traceback in the log and not in the body."""
    from dash import Input, Output

    app = create_app(database_url=tamper_url, redis_url="")

    @app.callback(Output("broken", "children"), Input("trigger", "value"))
    def broken(value):
        return {"a": 1}[value]  # KeyError for any other value

    body = {
        "output": "broken.children",
        "outputs": {"id": "broken", "property": "children"},
        "inputs": [{"id": "trigger", "property": "value", "value": "b"}],
        "changedPropIds": ["trigger.value"],
    }
    client = app.server.test_client()
    response = client.post(UPDATE_PATH, json=body)
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    body["inputs"][0]["value"] = "a"
    assert client.post(UPDATE_PATH, json=body).status_code == 200
