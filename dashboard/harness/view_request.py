"""A view's data request exactly as the browser sends it (Dash's page router callback), and
helpers shared by the cache and scale-out tests."""

from __future__ import annotations

import datetime as dt
import json
import socket

from sqlalchemy import select, update

from dashboard.data_version import bump_data_version
from dashboard.db import get_engine, session_scope
from dashboard.ingest import demo
from dashboard.models import Organisation, SavingsBasis, SavingsRecord
from dashboard.routes import ViewId

NBSP = "\u00a0"
UPDATE_PATH = "/_dash-update-component"


ROUTER_INPUT = ViewId.KEY
CONTENT, TITLE = ViewId.CONTENT, ViewId.TITLE


def view_body(pathname: str = "/minuttjakt", search: str = "?year=2020") -> dict:
    """The router's request: a whole view for a URL (a first load, another view or language)."""
    return {
        "output": f"..{CONTENT}.children...{TITLE}.data..",
        "outputs": [
            {"id": CONTENT, "property": "children"},
            {"id": TITLE, "property": "data"},
        ],
        "inputs": [
            {
                "id": ROUTER_INPUT,
                "property": "data",
                "value": {"pathname": pathname, "search": search, "key": pathname + search},
            }
        ],
        "changedPropIds": [f"{ROUTER_INPUT}.data"],
        "parsedChangedPropsIds": [f"{ROUTER_INPUT}.data"],
    }


# A view's data callback: (output pattern type, property) in its order, then its input and state.
DATA_OUTPUTS = (
    (ViewId.GRAPH, "figure"),
    (ViewId.GRAPH, "style"),
    (ViewId.FIGURE, "hidden"),
    (ViewId.CHART_TITLE, "children"),
    (ViewId.SUMMARY, "children"),
    (ViewId.NOTE, "children"),
    (ViewId.TABLE, "children"),
    (ViewId.BLOCK, "children"),
    ("url-param", "options"),
    ("url-param", "value"),
)


def _ids_in(tree: object, found: dict[str, list[dict]]) -> None:
    if isinstance(tree, dict):
        component_id = tree.get("id")
        if isinstance(component_id, dict) and "type" in component_id:
            found.setdefault(component_id["type"], []).append(component_id)
        for value in tree.values():
            _ids_in(value, found)
    elif isinstance(tree, list):
        for value in tree:
            _ids_in(value, found)


def data_callback_output(dependencies: list[dict], view: str) -> str:
    """The `output` key of `view`'s data callback, from the app's /_dash-dependencies (as the
    renderer learns it)."""
    query_id = json.dumps(
        {"name": "query", "type": str(ViewId.QUERY), "view": view}, sort_keys=True
    )
    for callback in dependencies:
        inputs = callback.get("inputs") or []
        if inputs and _same_id(inputs[0]["id"], query_id):
            return callback["output"]
    raise LookupError(f"no data callback for {view}")


def _same_id(left: str, right: str) -> bool:
    try:
        return json.loads(left) == json.loads(right)
    except ValueError:
        return False


def data_body(view: str, search: str, layout: object, output: str) -> dict:
    """The request a filter change sends on `view` (its data callback, `output` from
    data_callback_output), for the parts found in `layout` (the router's response for the view,
    as JSON): what the renderer would send."""
    found: dict[str, list[dict]] = {}
    _ids_in(layout, found)

    def ids(kind: str) -> list[dict]:
        return [i for i in found.get(kind, []) if i.get("view") == view]

    query_id = {"name": "query", "type": str(ViewId.QUERY), "view": view}
    return {
        "output": output,
        "outputs": [
            [{"id": i, "property": prop} for i in ids(kind)] for kind, prop in DATA_OUTPUTS
        ],
        "inputs": [{"id": query_id, "property": "data", "value": {"search": search}}],
        "state": [
            [{"id": i, "property": "n_clicks", "value": None} for i in ids(ViewId.TABLE_TOGGLE)]
        ],
        "changedPropIds": [json.dumps(query_id, separators=(",", ":")) + ".data"],
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


def add_measured_hours(url: str, extra: float, *, bump: bool) -> None:
    """Change one 2020 measured savings record of the demo in one transaction; with `bump`
    the way an import does it: the savings version is bumped in the same transaction."""
    with session_scope(get_engine(url)) as session:
        org_id = session.scalar(
            select(Organisation.id).where(Organisation.code == demo.DEMO_ORGANISATION_CODE)
        )
        record_id = session.scalar(
            select(SavingsRecord.id)
            .where(
                SavingsRecord.basis == SavingsBasis.MEASURED,
                SavingsRecord.period.between(dt.date(2020, 1, 1), dt.date(2020, 12, 1)),
            )
            .order_by(SavingsRecord.id)
            .limit(1)
        )
        session.execute(
            update(SavingsRecord)
            .where(SavingsRecord.id == record_id)
            .values(hours=SavingsRecord.hours + extra)
        )
        if bump:
            bump_data_version(session, [org_id], ["savings"])
