"""A view's data request exactly as the browser sends it (Dash's page router callback), and
helpers shared by the cache and scale-out tests."""

from __future__ import annotations

import json
import socket

NBSP = "\u00a0"
UPDATE_PATH = "/_dash-update-component"


def view_body(pathname: str = "/minuttjakt", search: str = "?year=2020") -> dict:
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.search"],
        "parsedChangedPropsIds": ["_pages_location.search"],
    }


def readable(response_text: str) -> str:
    """The callback's JSON with its \\u escapes undone, so "3 389" can be searched for."""
    return json.dumps(json.loads(response_text), ensure_ascii=False)


def hours(value: int) -> str:
    """How nb writes a whole number of hours: 3389 -> '3 389' (no-break space)."""
    text = f"{value:,}".replace(",", NBSP)
    return text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
