"""The form and error pages' templates: every text goes through the translation layer, and
Jinja2 escapes what the database and the request put in them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.web.rendering import render

TEMPLATES = Path(__file__).resolve().parent.parent / "dashboard" / "web" / "templates"


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_literal_text(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # comments
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)  # expressions and tags
    text = re.sub(r"<[^>]*>", "", text)  # HTML tags
    words = re.findall(r"[^\W\d_]{2,}", text)
    assert words == [], f"{path.name}: untranslated text {words}"


def test_values_are_escaped():
    html = render(
        "error-page.html",
        lang="nb",
        title="<script>alert(1)</script>",
        text='"><img src=x onerror=alert(1)>',
        home="/?a=1&b=2",
        home_text="Hjem",
        stylesheets=[],
    )
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert 'href="/?a=1&amp;b=2"' in html
