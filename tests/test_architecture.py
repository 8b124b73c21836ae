"""The layers import only downwards: dashboard → components → pages → app, and pages never import
`app` or each other (pages receive what they need through components.context)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "dashboard": {"components", "pages", "app"},
    "components": {"pages", "app"},
    "pages": {"app", "pages"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_from_a_layer_above_it(layer):
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & FORBIDDEN[layer])
        for path in (ROOT / layer).rglob("*.py")
        if _imports(path) & FORBIDDEN[layer]
    }
    assert offenders == {}


def test_callbacks_and_pages_do_not_use_plotly_express():
    # go.Figure is ten times cheaper to build; figure building is the hot path.
    for folder in ("dashboard", "components", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert (
                "import plotly.express" not in text and "from plotly import express" not in text
            ), path
