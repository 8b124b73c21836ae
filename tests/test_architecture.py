"""The layers import only downwards, and the web frameworks stay at the edges.

    models, db, settings … queries, charts, figures, summaries, view_state (the domain: `dashboard`)
      ← dashboard.ingest   (writes into the models; nothing above it)
      ← dashboard.web      (the Flask and HTTP side)
      ← components ← pages ← app

Pages never import `app` or each other (they get what they need through components.context);
the benchmarks never import the tests (harness code both use lives in a package of its own).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The entry points sit above every layer: they wire it all together.
ENTRY_POINTS = {"dashboard/cli.py"}

# Layer of a module (by its dotted name), from the bottom up.
LAYERS = [
    "dashboard",
    "dashboard.ingest",
    "dashboard.web",
    "components",
    "pages",
    "app",
    "dashboard.harness",  # starts the app as production does, for the tests and benchmarks
]

# Frameworks of the HTTP side, never imported by the domain or the importer.
WEB_FRAMEWORKS = {
    "flask",
    "dash",
    "werkzeug",
    "flask_caching",
    "flask_wtf",
    "flask_limiter",
    "dash_ag_grid",
    "dash_bootstrap_components",
    "gunicorn",
}
WEB_LAYERS = {"dashboard.web", "components", "pages", "app", "dashboard.harness"}
# Password hashing (scrypt) is the one piece of werkzeug the domain may use: it is not HTTP.
ALLOWED = {"werkzeug.security"}


def _module_name(rel: str) -> str:
    parts = list(Path(rel).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer_of(module: str) -> str | None:
    """The most specific layer a dotted module name belongs to."""
    best = None
    for layer in LAYERS:
        if module == layer or module.startswith(layer + "."):
            if best is None or len(layer) > len(best):
                best = layer
    return best


def _under(module: str, packages: set[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _imports(source: str) -> set[str]:
    """Every module named by an import statement, anywhere in the file (lazy imports too)."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from dashboard import ingest` names the package dashboard.ingest
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _sources(*folders: str) -> dict[str, str]:
    """{path relative to the root: source} of every module under `folders` but migrations."""
    paths: list[Path] = []
    for folder in folders:
        target = ROOT / folder
        paths += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in paths
        if "migrations" not in p.parts
    }


def layer_violations(sources: dict[str, str]) -> dict[str, list[str]]:
    """Imports of a module from a layer above the importing module's own layer."""
    offenders: dict[str, list[str]] = {}
    for rel, source in sources.items():
        if rel in ENTRY_POINTS:
            continue
        own = _layer_of(_module_name(rel))
        if own is None:
            continue
        rank = LAYERS.index(own)
        bad = sorted(
            name
            for name in _imports(source)
            if (layer := _layer_of(name)) is not None and LAYERS.index(layer) > rank
        )
        if own == "pages":  # pages never import each other
            bad += sorted(n for n in _imports(source) if n.split(".")[0] == "pages")
        if bad:
            offenders[rel] = bad
    return offenders


def framework_violations(sources: dict[str, str]) -> dict[str, list[str]]:
    """Imports of Flask, Dash and friends outside the web layers."""
    offenders: dict[str, list[str]] = {}
    for rel, source in sources.items():
        if rel in ENTRY_POINTS:
            continue
        layer = _layer_of(_module_name(rel))
        if layer in WEB_LAYERS or layer is None:
            continue
        bad = sorted(
            n
            for n in _imports(source)
            if n.split(".")[0] in WEB_FRAMEWORKS and not _under(n, ALLOWED)
        )
        if bad:
            offenders[rel] = bad
    return offenders


def test_no_layer_imports_from_a_layer_above_it():
    assert layer_violations(_sources("dashboard", "components", "pages", "app.py")) == {}


def test_no_flask_or_dash_outside_the_web_layers():
    assert framework_violations(_sources("dashboard")) == {}


def imports_from_tests(sources: dict[str, str]) -> dict[str, list[str]]:
    """Imports from the test suite."""
    found = {
        rel: sorted(n for n in _imports(source) if n.split(".")[0] == "tests")
        for rel, source in sources.items()
    }
    return {rel: names for rel, names in found.items() if names}


def test_the_benchmarks_never_import_the_tests():
    assert imports_from_tests(_sources("bench")) == {}


# --- the checks themselves fail where they should -------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("dashboard/queries.py", "from flask import request\n", "framework"),
        ("dashboard/ingest/importer.py", "import dash\n", "framework"),
        ("dashboard/queries.py", "from dashboard.web import auth\n", "layer"),
        ("dashboard/charts.py", "from dashboard import ingest\n", "layer"),
        ("dashboard/ingest/demo/__init__.py", "from components import shell\n", "layer"),
        ("dashboard/web/auth.py", "from pages import login\n", "layer"),
        ("components/shell.py", "import app\n", "layer"),
        ("pages/overview.py", "from pages import savings\n", "layer"),
    ],
)
def test_the_checks_catch_a_planted_import(module, source, expected):
    planted = {module: source + (ROOT / module).read_text(encoding="utf-8")}
    check = framework_violations if expected == "framework" else layer_violations
    assert check(planted) != {}
    assert check({module: (ROOT / module).read_text(encoding="utf-8")}) == {}


def test_the_bench_check_catches_an_import_from_tests():
    planted = {"bench/export.py": "from tests.view_request import view_body\n"}
    assert "tests.view_request" in imports_from_tests(planted)["bench/export.py"]


def test_callbacks_and_pages_do_not_use_plotly_express():
    # go.Figure is ten times cheaper to build; figure building is the hot path.
    for folder in ("dashboard", "components", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert (
                "import plotly.express" not in text and "from plotly import express" not in text
            ), path
