"""Jinja2 for the pages Flask serves itself (dashboard/web/templates): one environment with
autoescaping, the page's translator, and the sub-path the app is served under."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from flask import current_app, has_app_context
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from dashboard.i18n import translate


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("dashboard.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,  # a misspelt name in a template is an error, not ""
        trim_blocks=True,
        lstrip_blocks=True,
    )


def url_prefix() -> str:
    """The sub-path the app is served under ("/" or e.g. "/styring/")."""
    return current_app.config.get("URL_PREFIX", "/") if has_app_context() else "/"


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **params)` in the templates: the catalogue text in the page's language."""

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    return t


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
