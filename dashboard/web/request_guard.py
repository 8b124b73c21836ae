"""Tampered requests and an unreachable database never end in a stack trace.

    register(app)          (app.py's create_app) guards Dash's callback endpoint and maps a
                           database that does not answer to 503 with a message
    callback_error(error)  Dash's `on_error`: the view says the database does not answer

Dash's /_dash-update-component takes any JSON and fails deep inside with KeyError, TypeError or
AttributeError (HTTP 500) when it is not the shape its renderer sends. The browser only ever
sends the requests of the view router (components/view_router.py; dashboard/harness/
view_request.py shows them), so before Dash
sees a body:

- it must be JSON (415), at most MAX_BODY_BYTES (413) and parse (400);
- its `output` must be a server-side callback (400: an unknown output, or a clientside one);
- its inputs, state and outputs must be the callback's own ids and properties, in order (400);
- the router's pathname and search and a view's query string must be text of at most
  MAX_URL_CHARS, the pathname one inside the app (400).

What passes is what the renderer sends; the values themselves (unknown codes, SQL text…) are
the view's business: dashboard.view_state drops what the database does not know, and every
query binds its values as parameters. Exceptions a body that passes the checks could still
raise in Dash's own handling of it (its ValueError, KeyError, TypeError…) answer 400 too, logged
with their traceback, never sent; one the view's code raises stays a 500 (a bug to fix).

A database that does not answer (restarted, network gone, pool exhausted) fails only the requests
under way: the view shows a message instead of its charts, any other route answers 503 with the
message, and the next request reconnects (pool_pre_ping, dashboard/db.py).
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import parse_qs

import dash
from dash import html
from dash.exceptions import DependencyException
from flask import Flask, Response, abort, g, request
from sqlalchemy import exc as sa_exc

from dashboard.i18n import normalise_language, translate
from dashboard.routes import ViewId
from dashboard.view_state import PARAM_LANGUAGE

log = logging.getLogger(__name__)

UPDATE_ENDPOINT = "_dash-update-component"
# A view's request is about 500 bytes; 64 kB leaves room and refuses megabyte bodies unread.
MAX_BODY_BYTES = 64 * 1024
MAX_URL_CHARS = 4096
# The renderer's requests nest about 6 deep; a view's filter values never more than 10.
MAX_DEPTH = 32
# The inputs that carry a URL (components/view_router.py): the router's store {pathname, search,
# key} and a view's query store {search}. (Their ids, not imported: web is below components.)
ROUTER_INPUT = ViewId.KEY
ROUTER_OUTPUT = ViewId.CONTENT
QUERY_INPUT_TYPE = ViewId.QUERY
# The exceptions Dash's dispatch raises for a body it cannot use (RecursionError: JSON nested
# thousands deep).
BAD_INPUT_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)
# Set when the callback itself raised (not Dash reading the request): that stays a 500.
CALLBACK_RAISED = "dashboard_callback_raised"
# A database that does not answer: refused or dropped connections, an exhausted pool.
DATABASE_DOWN_ERRORS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


class BadCallbackRequest(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def register(app: dash.Dash) -> None:
    server: Flask = app.server
    endpoint = app.config.routes_pathname_prefix + UPDATE_ENDPOINT
    dispatch = server.view_functions[endpoint]

    def guarded_dispatch(*args: Any, **kwargs: Any) -> Any:
        try:
            check_callback_request(app)
        except BadCallbackRequest as bad:
            return _plain(bad.status, bad.reason)
        try:
            return dispatch(*args, **kwargs)
        except BAD_INPUT_ERRORS:
            if g.get(CALLBACK_RAISED):
                raise  # the callback itself failed: a bug, a 500 with its trace in the log
            log.warning("callback request refused: Dash could not use it", exc_info=True)
            return _plain(400, "bad callback request")

    server.view_functions[endpoint] = guarded_dispatch
    _guard_component_suites(app)
    _serialise_dash_setup(app)
    _known_pages_only(app)
    for error in DATABASE_DOWN_ERRORS:
        server.register_error_handler(error, _database_down)


def _guard_component_suites(app: dash.Dash) -> None:
    """A request for a script Dash does not serve (an unknown library or file under
    /_dash-component-suites/) is a 404, not a 500 with a traceback in the log."""
    prefix = app.config.routes_pathname_prefix
    endpoint = prefix + "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"
    serve = app.server.view_functions[endpoint]

    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return serve(*args, **kwargs)
        except (DependencyException, KeyError, ValueError, OSError):
            return _plain(404, "not found")

    app.server.view_functions[endpoint] = guarded


def _serialise_dash_setup(app: dash.Dash) -> None:
    """Dash sets up its script registry in a before_request hook that marks itself done
    *before* it has run: a second request on another thread at that moment found no library
    registered ("dash is not a registered library", 500). Here the first request runs it under
    a lock and the others wait for it to finish."""
    funcs = app.server.before_request_funcs.setdefault(None, [])
    setup = next(f for f in funcs if getattr(f, "__func__", None) is dash.Dash._setup_server)
    lock = threading.Lock()
    done = threading.Event()

    def setup_once() -> None:
        if done.is_set():
            return
        with lock:
            if done.is_set():
                return
            try:
                setup()
            except BaseException:
                app._got_first_request["setup_server"] = False  # try again next request
                raise
            done.set()

    funcs[funcs.index(setup)] = setup_once


def _known_pages_only(app: dash.Dash) -> None:
    """Dash answers every unknown path with its page shell (200); here an unknown path, and a
    robots.txt, get their own answer: 404 with the error page."""
    prefix = app.config.routes_pathname_prefix
    catch_all = prefix + "<path:path>"
    # Browsers ask /favicon.ico of pages that name no icon (the form pages): Dash's icon.
    app.server.add_url_rule(
        prefix + "favicon.ico", "favicon", app.server.view_functions[prefix + "_favicon.ico"]
    )

    @app.server.before_request
    def _unknown_path() -> None:
        if request.endpoint != catch_all:
            return
        path = "/" + (request.view_args or {}).get("path", "").strip("/")
        known = {str(page["path"]).rstrip("/") or "/" for page in dash.page_registry.values()}
        if path not in known:
            abort(404)


def check_callback_request(app: dash.Dash) -> dict:
    """The request's JSON body when it has the shape the renderer sends; else BadCallbackRequest."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BadCallbackRequest(413, "request body too large")
    if not request.is_json:
        raise BadCallbackRequest(415, "expected application/json")
    request.max_content_length = MAX_BODY_BYTES  # also for a body without Content-Length
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes: no body the renderer sends
        raise BadCallbackRequest(400, "malformed JSON") from None
    if not isinstance(body, dict) or _depth(body) > MAX_DEPTH:
        raise BadCallbackRequest(400, "malformed JSON")
    output = body.get("output")
    callback = app.callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:
        raise BadCallbackRequest(400, "unknown callback output")
    _check_props(body.get("inputs"), callback["inputs"], "inputs")
    _check_props(body.get("state", []), callback["state"], "state")
    outputs = callback["output"]
    expected = [o.to_dict() for o in (outputs if isinstance(outputs, list) else [outputs])]
    sent = body.get("outputs")
    _check_props(sent if isinstance(sent, list) else [sent], expected, "outputs")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise BadCallbackRequest(400, "bad changedPropIds")
    for item in body["inputs"]:
        if not isinstance(item, dict):
            continue
        if item["id"] == ROUTER_INPUT:
            value = item.get("value")
            _check_url_part(value, "pathname")
            _check_url_part(value, "search")
            # Dash raises for a path outside the app (UnsupportedRelativePath).
            if not value["pathname"].startswith(app.config.requests_pathname_prefix):
                raise BadCallbackRequest(400, "bad pathname")
        elif isinstance(item["id"], dict) and item["id"].get("type") == QUERY_INPUT_TYPE:
            _check_url_part(item.get("value"), "search")
    return body


def _depth(value: object, limit: int = 64) -> int:
    """How deep lists and objects nest in `value` (counted up to `limit`, without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _check_url_part(value: object, part: str) -> None:
    """`value[part]` is text of at most MAX_URL_CHARS."""
    text = value.get(part) if isinstance(value, dict) else None
    if not isinstance(text, str) or len(text) > MAX_URL_CHARS:
        raise BadCallbackRequest(400, f"bad {part}")


def _check_props(sent: object, expected: list[dict], what: str) -> None:
    """`sent` names the same components and properties as the callback's `expected`, in order.
    Pattern-matching ids (ALL) are lists of such items; their ids are objects."""
    if not isinstance(sent, list) or len(sent) != len(expected):
        raise BadCallbackRequest(400, f"bad {what}")
    for item, spec in zip(sent, expected, strict=True):
        wildcard = spec["id"].startswith("{")
        items = item if wildcard and isinstance(item, list) else [item]
        for one in items:
            if not isinstance(one, dict) or _prop(one.get("property")) != _prop(spec["property"]):
                raise BadCallbackRequest(400, f"bad {what}")
            if wildcard:
                if not isinstance(one.get("id"), dict):
                    raise BadCallbackRequest(400, f"bad {what}")
            elif one.get("id") != spec["id"]:
                raise BadCallbackRequest(400, f"bad {what}")


def _plain(status: int, text: str) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


# --- a database that does not answer ----------------------------------------------------------


def log_database_down(error: Exception) -> None:
    # The type only: the message may name hosts and users.
    log.warning("database unreachable: %s", type(error).__name__)


def _database_down(error: Exception) -> Response:
    log_database_down(error)
    lang = normalise_language(request.args.get(PARAM_LANGUAGE))
    response = _plain(503, translate("error.database_unavailable", lang))
    response.headers["Retry-After"] = "5"
    return response


def callback_error(error: Exception) -> Any:
    """Dash's `on_error` for callbacks: a database that does not answer becomes a message in the
    view (and the page store untouched); anything else is raised as before."""
    if not isinstance(error, DATABASE_DOWN_ERRORS):
        g.setdefault(CALLBACK_RAISED, True)
        raise error
    log_database_down(error)
    lang = _callback_language()
    outputs = dash.callback_context.outputs_list
    first = outputs[0] if isinstance(outputs, list) and outputs else outputs
    if not (isinstance(first, dict) and first.get("id") == ROUTER_OUTPUT):
        # Another callback (a table opened): nothing changes; a view's data callback shows the
        # message itself (components/view_router.py).
        return [dash.no_update] * len(outputs) if isinstance(outputs, list) else dash.no_update
    return [
        html.Main(
            html.Div(
                [
                    html.H1(translate("error.database_title", lang)),
                    html.P(translate("error.database_unavailable", lang)),
                ],
                className="alert alert-warning service-error",
                role="alert",
            ),
            lang=lang,
            className="container py-4",
        ),
        dash.no_update,
    ]


def _callback_language() -> str:
    search = ""
    try:
        view = dash.callback_context.inputs.get(f"{ROUTER_INPUT}.data") or {}
        search = view.get("search") or "" if isinstance(view, dict) else ""
    except Exception:  # noqa: BLE001 - no context: the default language
        search = ""
    values = parse_qs(search.lstrip("?")).get(PARAM_LANGUAGE) if isinstance(search, str) else None
    return normalise_language(values[0] if values else None)


def _prop(name: object) -> object:
    """A property without the "@<hash>" Dash gives an output that allows duplicates (the
    renderer sends it with, the callback map has it without, or the other way round)."""
    return name.split("@", 1)[0] if isinstance(name, str) else name
