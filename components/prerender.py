"""The view as static HTML in the first response, so a phone paints the page before Dash runs.

    prerendered(pathname, search) -> str    the view's layout as HTML, in a <div id="prerendered">

Without it the first response is an empty page: the browser paints only when Dash's bundles have
loaded (about 800 kB), the renderer has run and the router callback has answered (Lighthouse
mobile: largest contentful paint 6.3 s). With it, the page is there once its CSS is: the same
`layout(**query_args)` as the router renders, written out as plain HTML by `to_html` (dash.html
tags as they are; links; a select with its options; each chart an empty box of its height, as
dcc.Graph shows it until plotly.js has drawn). assets/prerendered.js removes the copy in the
frame in which Dash has put the live view in its place, so nothing jumps or flashes.

The copy is `inert` and hidden from assistive technology (the live view follows it; it would be
read twice), and it has no ids (no id is on the page twice while both are there).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

from dash.development.base_component import Component

PRERENDERED_ID = "prerendered"

# Props of dash.html components that are not attributes (Dash's own bookkeeping).
_NOT_ATTRIBUTES = {
    "children",
    "id",
    "key",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "setProps",
    "style",
    "className",
}
_RENAMED = {
    "htmlFor": "for",
    "hrefLang": "hreflang",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "dateTime": "datetime",
    "accessKey": "accesskey",
    "contentEditable": "contenteditable",
    "spellCheck": "spellcheck",
    "autoComplete": "autocomplete",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area"}
# React adds "px" to unitless numbers except for these style properties.
_UNITLESS = {
    "flex",
    "flexGrow",
    "flexShrink",
    "fontWeight",
    "lineHeight",
    "opacity",
    "order",
    "zIndex",
    "zoom",
    "gridRow",
    "gridColumn",
}


def _css_name(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), name)


def _style(style: dict | None) -> str:
    if not style:
        return ""
    parts = []
    for name, value in style.items():
        if value is None:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value}px" if name not in _UNITLESS and value else str(value)
        parts.append(f"{_css_name(name)}:{value}")
    return ";".join(parts)


def _attributes(attrs: dict[str, object]) -> str:
    out = []
    for name, value in attrs.items():
        if value is None or value is False or value == "":
            continue
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{html_lib.escape(str(value), quote=True)}"')
    return "".join(out)


def _element(tag: str, attrs: dict[str, object], inner: str) -> str:
    if tag in _VOID:
        return f"<{tag}{_attributes(attrs)}>"
    return f"<{tag}{_attributes(attrs)}>{inner}</{tag}>"


def _html_component(props: dict, tag: str) -> str:
    attrs: dict[str, object] = {
        "class": props.get("className"),
        "style": _style(props.get("style")),
    }
    for name, value in props.items():
        if name in _NOT_ATTRIBUTES or isinstance(value, dict | list):
            continue
        attrs[_RENAMED.get(name, name)] = value
    return _element(tag, attrs, to_html(props.get("children")))


def _graph(props: dict) -> str:
    # dcc.Graph until plotly.js draws: a box of the chart's height (its style), no figure.
    classes = " ".join(filter(None, ["dash-graph", props.get("className")]))
    return _element("div", {"class": classes, "style": _style(props.get("style"))}, "")


def _link(props: dict) -> str:
    attrs = {
        "href": props.get("href"),
        "class": props.get("className"),
        "title": props.get("title"),
        "target": props.get("target"),
    }
    return _element("a", attrs, to_html(props.get("children")))


def _select(props: dict) -> str:
    # dash_bootstrap_components' Select: a native <select class="form-select">.
    size = props.get("size")
    classes = " ".join(
        filter(
            None, ["form-select", f"form-select-{size}" if size else None, props.get("className")]
        )
    )
    value = props.get("value")
    options = []
    for option in props.get("options") or []:
        if not isinstance(option, dict):
            option = {"label": option, "value": option}
        selected = option.get("value") == value and value is not None
        options.append(
            _element(
                "option",
                {
                    "value": option.get("value"),
                    "selected": selected,
                    "disabled": bool(option.get("disabled")),
                },
                html_lib.escape(str(option.get("label", ""))),
            )
        )
    attrs = {
        "class": classes,
        "style": _style(props.get("style")),
        "disabled": bool(props.get("disabled")),
        "aria-label": props.get("aria-label"),
    }
    return _element("select", attrs, "".join(options))


def _label(props: dict) -> str:
    classes = " ".join(filter(None, ["form-label", props.get("className")]))
    attrs = {"class": classes, "style": _style(props.get("style"))}
    return _element("label", attrs, to_html(props.get("children")))


_SPECIAL: dict[tuple[str, str], Callable[[dict], str]] = {
    ("dash_core_components", "Graph"): _graph,
    ("dash_core_components", "Link"): _link,
    ("dash_bootstrap_components", "Select"): _select,
    ("dash_bootstrap_components", "Label"): _label,
}


def to_html(node: object) -> str:
    """A Dash component tree as static HTML. Components without a visible static form
    (stores, the location, …) write nothing; unknown ones write their children."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return html_lib.escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component):
        return ""
    namespace, kind = node._namespace, node._type
    props = node.to_plotly_json()["props"]  # the props set, wildcards (data-*, aria-*) too
    if namespace == "dash_html_components":
        return _html_component(props, kind.lower())
    special = _SPECIAL.get((namespace, kind))
    if special is not None:
        return special(props)
    return to_html(props.get("children"))


def prerendered(content: object, content_class: str) -> str:
    """The view's HTML in the copy assets/prerendered.js replaces."""
    return (
        f'<div id="{PRERENDERED_ID}" inert aria-hidden="true">'
        f'<div class="{content_class}">{to_html(content)}</div></div>'
    )
