"""All SQL is parameterised through SQLAlchemy: no value from a user ever becomes SQL text.

Two checks. The code is scanned: SQL text handed to SQLAlchemy or a DB-API cursor (`text()`,
`exec_driver_sql`, `literal_column`, `execute`) must be a plain string literal, never built by
f-string, `%`, `.format()` or `+` (ruff's S608 catches SELECT/INSERT/UPDATE/DELETE built that
way; this also covers DDL, PRAGMA and a variable passed to `text()`). And the running code is
watched: a marker in the URL, in an export link and in an imported file reaches the database
only as a bound parameter, never inside a statement's text.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import event, select

from app import create_app
from dashboard.db import get_engine, session_scope
from dashboard.harness.view_request import UPDATE_PATH, view_body
from dashboard.ingest import importer
from dashboard.models import CoreArea, EffectGoal, Organisation, Sector
from tests.small_fixture import load_small_fixture

ROOT = Path(__file__).resolve().parent.parent
SCANNED = sorted(
    [
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "components").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "bench").rglob("*.py"),
        ROOT / "app.py",
        ROOT / "gunicorn.conf.py",
    ]
)
SQL_CALLS = {
    "text",
    "exec_driver_sql",
    "literal_column",
    "execute",
    "executemany",
    "executescript",
}
# (file, the call's source) that build SQL from values no user gives, with the reason.
ALLOWED = {
    # The benchmark's own database, named by the benchmark (bench/__main__.py, not the app).
    ("bench/__main__.py", "text(f'DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')"),
    ("bench/__main__.py", "text(f'CREATE DATABASE \"{name}\"')"),
}


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _built_string(node: ast.AST) -> bool:
    """An f-string, `%`-formatting, `.format()`/`.join()` or `+` of strings: built from values."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(
            (isinstance(side, ast.Constant) and isinstance(side.value, str)) or _built_string(side)
            for side in (node.left, node.right)
        )
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"format", "join"}
    )


def sql_built_from_values(path: Path, root: Path = ROOT) -> list[str]:
    """The SQL calls in `path` whose SQL argument is not a string literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _call_name(node)
        if name not in SQL_CALLS:
            continue
        sql = node.args[0]
        if isinstance(sql, ast.Constant):
            continue
        # execute(select(...)), execute(insert(model), rows), execute(stmt): SQLAlchemy
        # constructs bind their values. Only text()-like calls take SQL as a string.
        if name in {"execute", "executemany"} and not _built_string(sql):
            continue
        if name == "text" and isinstance(node.func, ast.Attribute):
            # x.text(...) is e.g. ImportIssue.text(lang); only sqlalchemy's text() matters.
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in {"sa", "sqlalchemy"}):
                continue
        found.append((str(path.relative_to(root)), ast.unparse(node)))
    return [f"{file}: {source}" for file, source in found if (file, source) not in ALLOWED]


def test_the_scan_finds_sql_built_from_values(tmp_path):
    """The scanner itself: each way of building SQL from a value is caught, a literal is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy import text\n"
        "def f(conn, cursor, name, code):\n"
        "    conn.execute(text(f\"SELECT * FROM sector WHERE code = '{code}'\"))\n"
        "    conn.execute(text('SELECT * FROM sector WHERE code = %s' % code))\n"
        "    conn.execute(text('DROP TABLE ' + name))\n"
        "    conn.exec_driver_sql('PRAGMA {}'.format(name))\n"
        "    cursor.execute(f'DELETE FROM unit WHERE id = {code}')\n"
        "    conn.execute(text(name))\n"
        "    conn.execute(text('SELECT 1'))\n"
        "    conn.execute(text('SELECT * FROM sector WHERE code = :code'), {'code': code})\n"
    )
    assert len(sql_built_from_values(sample, root=tmp_path)) == 6


@pytest.mark.parametrize("path", SCANNED, ids=[str(p.relative_to(ROOT)) for p in SCANNED])
def test_no_sql_is_built_from_values(path):
    assert sql_built_from_values(path) == []


def test_ruff_flags_sql_built_by_string_formatting_outside_the_tests():
    """S608 stays on (pyproject.toml), for every file but the tests' own set-up SQL."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert "S608" in lint["select"]
    ignored = {f for f, rules in lint.get("per-file-ignores", {}).items() if "S608" in rules}
    assert ignored <= {"tests/*"}


# --- at run time -----------------------------------------------------------------------------

MARKER = "zq'\"; DROP TABLE sector; --x9"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


class Statements:
    """Every statement text an engine sends, and its parameters."""

    def __init__(self, engine) -> None:
        self.texts: list[str] = []
        self.params: list[str] = []
        self._engine = engine
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.texts.append(statement)
        self.params.extend(_strings(parameters))

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._seen)


@pytest.fixture
def watched(db_url):
    """The small fixture plus a sector, core area and goal whose codes are the marker: valid
    codes, so the views and exports query with them."""
    engine = get_engine(db_url)
    load_small_fixture(engine)
    with session_scope(engine) as session:
        org = session.scalar(select(Organisation).where(Organisation.code == "test"))
        sector = Sector(organisation=org, code=MARKER, name="Sektor " + MARKER)
        area = CoreArea(organisation_id=org.id, code=MARKER, name="Område", sectors=[sector])
        session.add_all([sector, area])
        session.flush()
        session.add(
            EffectGoal(organisation_id=org.id, core_area=area, code="G9", text=MARKER,
                       adopted_budget_year=2020)
        )
    statements = Statements(engine)
    yield db_url, engine, statements
    statements.close()


def _assert_only_bound(statements: Statements, marker: str) -> None:
    assert statements.texts, "nothing was queried"
    inlined = [t for t in statements.texts if marker in t or "DROP TABLE" in t]
    assert inlined == []
    assert any(marker in p for p in statements.params)  # it did reach the database, bound


def test_url_values_reach_the_database_only_as_parameters(watched):
    db_url, _engine, statements = watched
    client = create_app(database_url=db_url, redis_url="").server.test_client()
    for path in ("/", "/effektmal", "/tjenestegjennomgang", "/minuttjakt"):
        for search in (
            "?" + urlencode({"sektor": MARKER, "kerneomrade": MARKER, "year": "2021"}),
            "?" + urlencode({"kerneomrade": MARKER, "goal": "G9", "lang": MARKER}),
            "?" + urlencode({"org": MARKER, "sektor": MARKER + "x", "goal": MARKER}),
        ):
            response = client.post(UPDATE_PATH, json=view_body(pathname=path, search=search))
            assert response.status_code == 200
    _assert_only_bound(statements, "zq'")


def test_export_links_reach_the_database_only_as_parameters(watched):
    db_url, _engine, statements = watched
    client = create_app(database_url=db_url, redis_url="").server.test_client()
    for chart in ("savings-by-process", "indicator-status", "review-budget"):
        response = client.get(f"/export/{chart}.csv", query_string={"sektor": MARKER})
        assert response.status_code == 200
    response = client.get("/export/theory-of-change.csv", query_string={"goal": MARKER})
    assert response.status_code == 400  # not a goal's code as view_state knows them
    response = client.get("/export/trend-I1.csv", query_string={"year": "2022"})
    assert response.status_code == 200
    _assert_only_bound(statements, "zq'")


def test_imported_values_reach_the_database_only_as_parameters(watched, tmp_path):
    _db_url, engine, statements = watched
    path = tmp_path / "sektorer.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["organisasjon", "sektor", "navn"])
        writer.writerows([["test", "S1", MARKER], ["test", "S9", MARKER]])
    report = importer.import_file(path, engine)
    assert report.ok, report.describe()
    _assert_only_bound(statements, "zq'")
    assert sum("zq'" in p for p in statements.params) >= 2
    # Codes may hold only letters, digits, `-`, `_` and `.` (issue 12): the marker is refused.
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";").writerows(
            [["organisasjon", "sektor", "navn"], ["test", "S9" + MARKER, "x"]]
        )
    report = importer.import_file(path, engine)
    assert [e.reason for e in report.errors] == ["import.bad_code"]
