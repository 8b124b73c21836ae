"""No text reaches users without the translation layer.

Scans the code that builds what users see (components, pages, figure builders, chart catalogue)
for string literals with letters handed to a Dash component as content, or to a plotly trace or
layout as a visible text. Such a string would show the same words in nb, da and en.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = sorted(
    [
        *(ROOT / "components").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        ROOT / "dashboard" / "figures.py",
        ROOT / "dashboard" / "charts.py",
        ROOT / "dashboard" / "summaries.py",
    ]
)
COMPONENT_MODULES = {"html", "dcc", "dbc", "dag"}
# Keyword arguments whose value users read (or hear, for aria-label).
VISIBLE_KEYWORDS = {
    "children",
    "title",
    "label",
    "placeholder",
    "headerName",
    "text",
    "name",
    "summary",
    "caption",
    "alt",
}


def _has_words(value: object) -> bool:
    """Letters outside markup (`<b>`, `<br>`) and placeholders (`%{y}`)."""
    if not isinstance(value, str):
        return False
    bare = re.sub(r"<[^>]*>|%\{[^}]*\}|\{[^}]*\}|<extra>|</extra>", "", value)
    return any(ch.isalpha() for ch in bare)


def _literal_texts(node: ast.AST) -> list[str]:
    """String constants with letters in `node` itself, or directly in a list/tuple it is."""
    if isinstance(node, ast.Constant) and _has_words(node.value):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [t for element in node.elts for t in _literal_texts(element)]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and _has_words(v.value)]
    return []


def _offenders(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        is_component = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in COMPONENT_MODULES
        )
        is_plotly = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id == "go" or func.attr in {"add_annotation", "update_layout"})
        )
        if not (is_component or is_plotly):
            continue
        candidates = list(call.args) if is_component else []
        candidates += [kw.value for kw in call.keywords if kw.arg in VISIBLE_KEYWORDS]
        for node in candidates:
            for text in _literal_texts(node):
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}: {text!r}")
    return found


def test_the_scan_finds_an_untranslated_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from dash import html\nimport plotly.graph_objects as go\n"
        "html.P('Hei verden')\nhtml.P(translate('x'))\ngo.Bar(name='Timer')\n"
        "html.Span(['✔', ' · '])\n",
        encoding="utf-8",
    )
    assert len(_offenders_at(sample)) == 2


def _offenders_at(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return _offenders(path)
    finally:
        ROOT = saved


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_no_user_visible_literal_bypasses_the_translation_layer(path):
    assert _offenders(path) == []
