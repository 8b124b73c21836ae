"""Pages Flask serves itself, as plain HTML: the login, import and admin forms.

They are built from the same dash.html components as the views (the page shell too) and written
out here as HTML, with no script at all. So they work without JavaScript, under the strictest
CSP, and need no Dash callback: behind REQUIRE_LOGIN an anonymous visitor reaches the login form
and nothing else, and a form posts to a plain Flask route that answers with the next page.

    document(children, *, lang, title) -> str   a whole page
    to_html(component) -> str                   one tree of components
    Void(tag, **attributes)                     an element dash.html lacks (<input>)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dash import dcc, html
from dash.development.base_component import Component
from flask import Response
from markupsafe import escape

from components.context import csrf_token
from components.shell import shell
from dashboard.i18n import translate
from dashboard.view_state import ViewState
from dashboard.web.security import CSRF_FIELD

VOID_TAGS = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr", "col", "source"})
RENAMED = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "hrefLang": "hreflang",
    "encType": "enctype",
    "autoComplete": "autocomplete",
    "autoFocus": "autofocus",
    "maxLength": "maxlength",
    "minLength": "minlength",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "dateTime": "datetime",
    "noValidate": "novalidate",
    "readOnly": "readonly",
    "accessKey": "accesskey",
}
BOOLEAN = frozenset(
    {"required", "checked", "disabled", "multiple", "selected", "hidden", "autofocus",
     "novalidate", "readonly", "open"}
)  # fmt: skip
SKIPPED = frozenset(
    {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key",
     "debounce", "persistence", "persisted_props", "persistence_type", "n_submit",
     "n_submit_timestamp", "n_blur", "n_blur_timestamp", "setProps"}
)  # fmt: skip
_CAPITAL = re.compile(r"(?<!^)[A-Z]")
STYLESHEETS = ("/assets/00-bootstrap.min.css", "/assets/style.css")


@dataclass
class Void:
    """An element without children that dash.html has no component for, e.g.
    Void("input", type="file", name="file", required=True)."""

    tag: str
    attributes: dict[str, object] = field(default_factory=dict)

    def __init__(self, tag: str, **attributes: object) -> None:
        self.tag = tag
        self.attributes = attributes


def _attribute_name(name: str) -> str:
    if name.startswith(("aria-", "data-")):
        return name
    return RENAMED.get(name, name.lower())


def _style(style: dict) -> str:
    return "; ".join(f"{_kebab(key)}: {value}" for key, value in style.items())


def _kebab(name: str) -> str:
    return _CAPITAL.sub(lambda m: "-" + m.group(0), name).lower()


def _attributes(props: dict[str, object]) -> str:
    parts = []
    for name, value in props.items():
        if name in SKIPPED or value is None or value is False:
            continue
        attribute = _attribute_name(name)
        if attribute in BOOLEAN:
            if value:
                parts.append(attribute)
            continue
        if isinstance(value, dict) and name == "style":
            value = _style(value)
        parts.append(f'{attribute}="{escape(str(value))}"')
    return "".join(" " + part for part in parts)


def _element(tag: str, props: dict[str, object], children: object) -> str:
    if tag in VOID_TAGS:
        return f"<{tag}{_attributes(props)}>"
    return f"<{tag}{_attributes(props)}>{to_html(children)}</{tag}>"


def to_html(node: object) -> str:
    if node is None or node is False:
        return ""
    if isinstance(node, str | int | float):
        return str(escape(str(node)))
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if isinstance(node, Void):
        return _element(node.tag, node.attributes, None)
    if isinstance(node, Component):
        namespace, kind = node._namespace, node._type  # noqa: SLF001 - Dash's own fields
        props = {name: getattr(node, name) for name in node._prop_names if hasattr(node, name)}
        props.update(
            {
                name: value
                for name, value in vars(node).items()
                if name.startswith(("aria-", "data-"))
            }
        )
        if namespace == "dash_html_components":
            return _element(kind.lower(), props, getattr(node, "children", None))
        if namespace == "dash_core_components" and kind == "Input":
            return _element("input", props, None)
    raise TypeError(f"{type(node).__name__} cannot be written as plain HTML")


def document(children: object, *, lang: str, title: str) -> str:
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in STYLESHEETS)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{links}\n</head>\n<body>\n"
        f"{to_html(children)}\n</body>\n</html>\n"
    )


def csrf_field() -> Component:
    """The hidden field that carries the form's CSRF token."""
    return dcc.Input(type="hidden", name=CSRF_FIELD, value=csrf_token())


def form_field(label: object, control: Component | Void) -> html.Div:
    """A form control under its label (the label's `for` is the control's id)."""
    control_id = control.attributes["id"] if isinstance(control, Void) else control.id
    return html.Div([html.Label(label, htmlFor=control_id), control], className="form-field")


def page_response(
    state: ViewState, *, path: str, title: str, children: list, status: int = 200
) -> Response:
    """A whole form page in the shell of the views, never stored by a cache."""
    body = [html.H1(title, className="page-title"), *children]
    tree = shell(state, path=path, children=body)
    page = document(tree, lang=state.lang, title=f"{title} – {translate('app.title', state.lang)}")
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
