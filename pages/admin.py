"""Administrasjon (/admin), for admins: every import (who, when, which file, rows added and
changed), newest first, and the built-in users with forms to add, disable and enable them.

A form page Flask serves (components/static_page.py). Each form posts with its CSRF token to
its own route; a change that worked redirects back to /admin with a message (so a reload does
not post again), one that did not answers 400 with the page and the reason. Users are disabled,
never deleted; an admin cannot disable themself (someone must be left to undo it). Changes go to
the log (dashboard.audit) with the admin's name.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html
from flask import Flask, Response, redirect, request

from components.context import current_engine, current_user, page_state
from components.static_page import csrf_field, form_field, page_response
from dashboard import audit, users
from dashboard.i18n import format_date, format_number, translate
from dashboard.ingest import importer
from dashboard.models import Role
from dashboard.routes import Route
from dashboard.web import auth

PATH = Route.ADMIN
ADD_PATH = "/admin/brukere"
STATUS_PATH = "/admin/brukere/status"
ROLE_PATH = "/admin/brukere/rolle"
EVENTS_CSV_PATH = "/admin/hendelser.csv"
END_SESSION_PATH = "/admin/okter/avslutt"
SESSION_ID = "session"
# The forms' fields.
USERNAME, PASSWORD, ROLE, DISABLED = "username", "password", "role", "disabled"
# ?done= → the message it shows.
DONE = {
    "added": "admin.user_added",
    "disabled": "admin.user_disabled",
    "enabled": "admin.user_enabled",
    "role": "admin.user_role_changed",
    "session": "admin.session_ended",
}


def register(server: Flask) -> None:
    admin_only = auth.require_role(Role.ADMIN)
    server.add_url_rule(PATH, "admin", admin_only(admin_page), methods=["GET"])
    server.add_url_rule(ADD_PATH, "admin_add_user", admin_only(add_user), methods=["POST"])
    server.add_url_rule(STATUS_PATH, "admin_user_status", admin_only(user_status), methods=["POST"])
    server.add_url_rule(ROLE_PATH, "admin_user_role", admin_only(user_role), methods=["POST"])
    server.add_url_rule(EVENTS_CSV_PATH, "admin_events_csv", admin_only(events_csv))
    server.add_url_rule(
        END_SESSION_PATH, "admin_end_session", admin_only(end_session), methods=["POST"]
    )


def _state():
    return page_state(request.args.to_dict(flat=False))


def _done(state, what: str, name: str) -> Response:
    query = {**state.query, "done": what, "name": name}
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return redirect(f"{PATH}?{urlencode(clean)}")


def add_user() -> Response:
    state = _state()
    name = request.form.get(USERNAME, "")
    role = request.form.get(ROLE, "")
    try:
        user = users.add_user(
            current_engine(), name, request.form.get(PASSWORD, ""), role, by=current_user().name
        )
    except users.UserError as error:
        message = translate(error.key, state.lang, **error.params)
        return admin_page(error=message, status=400, username=name[:64], role=role)
    return _done(state, "added", user.username)


def user_status() -> Response:
    state = _state()
    name = users.normalise_username(request.form.get(USERNAME, ""))
    disable = request.form.get(DISABLED) == "1"
    me = current_user()
    if disable and me.source == "session" and name == me.name:
        return admin_page(error=translate("admin.not_yourself", state.lang), status=400)
    try:
        user = users.set_disabled(current_engine(), name, disable, by=me.name)
    except users.UserError as error:
        return admin_page(error=translate(error.key, state.lang, **error.params), status=400)
    return _done(state, "disabled" if disable else "enabled", user.username)


def user_role() -> Response:
    state = _state()
    name = users.normalise_username(request.form.get(USERNAME, ""))
    me = current_user()
    if me.source == "session" and name == me.name:  # someone must be left to undo it
        return admin_page(error=translate("admin.not_yourself", state.lang), status=400)
    try:
        user = users.set_role(current_engine(), name, request.form.get(ROLE, ""), by=me.name)
    except users.UserError as error:
        return admin_page(error=translate(error.key, state.lang, **error.params), status=400)
    return _done(state, "role", user.username)


def end_session() -> Response:
    state = _state()
    sid = request.form.get(SESSION_ID, "")[:64]
    name = next((s.username for s in users.active_sessions(current_engine()) if s.id == sid), "")
    if not name or not users.end_session_by_id(current_engine(), sid, by=current_user().name):
        return admin_page(error=translate("admin.no_such_session", state.lang), status=400)
    return _done(state, "session", name)


def events_csv() -> Response:
    response = Response(audit.events_csv(current_engine()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="hendelseslogg.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


def admin_page(
    error: str | None = None, status: int = 200, username: str = "", role: str = "editor"
) -> Response:
    state = _state()
    lang = state.lang
    children: list = [html.P(translate("admin.intro", lang), className="page-intro")]
    done = DONE.get(request.args.get("done", ""))
    done_name = users.normalise_username(request.args.get("name", ""))
    if error:
        children.append(html.P(error, className="alert alert-danger", role="alert"))
    elif done and users.USERNAME.match(done_name):
        children.append(
            html.P(
                translate(done, lang, name=done_name),
                className="alert alert-success",
                role="status",
            )
        )
    children += [
        html.H2(translate("admin.sessions_heading", lang)),
        _sessions_table(state),
        html.H2(translate("admin.events_heading", lang)),
        _events_table(state),
        html.H2(translate("admin.imports_heading", lang)),
        _imports_table(lang),
        html.H2(translate("admin.users_heading", lang)),
        _users_table(state),
        html.H2(translate("admin.add_heading", lang)),
        _add_form(state, username, role),
    ]
    title = translate("admin.title", lang)
    return page_response(state, path=PATH, title=title, children=children, status=status)


def _when(value, lang: str) -> str:
    return f"{format_date(value.date(), lang)} {value:%H:%M}" if value else "–"


def _table(caption: str, headers: list[str], rows: list, lang: str) -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                html.Tbody(rows),
            ],
            className="table table-sm data-table",
        ),
        className="table-wrap",
    )


def _sessions_table(state) -> html.Div:
    lang = state.lang
    sessions = users.active_sessions(current_engine())
    if not sessions:
        return html.P(translate("admin.no_sessions", lang), className="empty-result")
    headers = [
        translate("admin.col_user", lang),
        translate("admin.col_signed_in", lang),
        translate("admin.col_last_seen", lang),
        translate("admin.col_address", lang),
        translate("admin.col_browser", lang),
        translate("admin.col_action", lang),
    ]
    rows = [
        html.Tr(
            [
                html.Th(s.username, scope="row"),
                html.Td(_when(s.created_at, lang)),
                html.Td(_when(s.last_seen_at, lang)),
                html.Td(s.address or "–"),
                html.Td((s.user_agent or "–")[:80]),
                html.Td(
                    html.Form(
                        [
                            csrf_field(),
                            dcc.Input(type="hidden", name=SESSION_ID, value=s.id),
                            html.Button(
                                translate("admin.end_session", lang, name=s.username),
                                type="submit",
                                className="btn btn-sm btn-outline-danger",
                            ),
                        ],
                        action=state.href(END_SESSION_PATH),
                        method="post",
                    )
                ),
            ]
        )
        for s in sessions
    ]
    caption = translate("admin.sessions_caption", lang, count=format_number(len(sessions), lang))
    return _table(caption, headers, rows, lang)


def _events_table(state) -> html.Div:
    lang = state.lang
    events = audit.recent(current_engine())
    link = html.P(html.A(translate("admin.events_csv", lang), href=state.href(EVENTS_CSV_PATH)))
    if not events:
        return html.Div([html.P(translate("admin.no_events", lang), className="empty-result")])
    headers = [
        translate("admin.col_when", lang),
        translate("admin.col_event", lang),
        translate("admin.col_by", lang),
        translate("admin.col_target", lang),
        translate("admin.col_detail", lang),
        translate("admin.col_address", lang),
    ]
    rows = [
        html.Tr(
            [
                html.Td(_when(event.at, lang)),
                html.Td(translate(audit.ACTIONS.get(event.action, event.action), lang)),
                html.Td(event.actor),
                html.Td(event.target or "–"),
                html.Td(event.detail or "–"),
                html.Td(event.address or "–"),
            ]
        )
        for event in events
    ]
    caption = translate("admin.events_caption", lang, count=format_number(len(events), lang))
    return html.Div([link, _table(caption, headers, rows, lang)])


def _imports_table(lang: str) -> html.Div:
    runs = audit.recent_imports(current_engine())
    if not runs:
        return html.P(translate("admin.no_imports", lang), className="empty-result")
    headers = [
        translate("admin.col_when", lang),
        translate("admin.col_file", lang),
        translate("admin.col_area", lang),
        translate("admin.col_read", lang),
        translate("admin.col_added", lang),
        translate("admin.col_changed", lang),
        translate("admin.col_by", lang),
    ]
    rows = [
        html.Tr(
            [
                html.Td(_when(run.imported_at, lang)),
                html.Td(run.file_name),
                html.Td(translate(importer.AREA_KEYS.get(run.area, "import.area_mixed"), lang)),
                html.Td(format_number(run.rows_read, lang)),
                html.Td(format_number(run.rows_added, lang)),
                html.Td(format_number(run.rows_changed, lang)),
                html.Td(run.imported_by or "–"),
            ]
        )
        for run in runs
    ]
    caption = translate("admin.imports_caption", lang, count=format_number(len(runs), lang))
    return _table(caption, headers, rows, lang)


def _users_table(state) -> html.Div:
    lang = state.lang
    everyone = users.list_users(current_engine())
    if not everyone:
        return html.P(translate("admin.no_users", lang), className="empty-result")
    headers = [
        translate("admin.col_user", lang),
        translate("admin.col_role", lang),
        translate("admin.col_created", lang),
        translate("admin.col_status", lang),
        translate("admin.col_change_role", lang),
        translate("admin.col_action", lang),
    ]
    me = current_user()
    rows = []
    for user in everyone:
        key = "admin.enable" if user.disabled else "admin.disable"
        myself = me.source == "session" and user.username == me.name  # never disable yourself
        rows.append(
            html.Tr(
                [
                    html.Th(user.username, scope="row"),
                    html.Td(translate(f"role.{user.role}", lang)),
                    html.Td(_when(user.created_at, lang)),
                    html.Td(
                        translate(
                            "admin.status_disabled" if user.disabled else "admin.status_active",
                            lang,
                        )
                    ),
                    html.Td(None if myself else _role_form(state, user)),
                    html.Td(
                        None
                        if myself
                        else html.Form(
                            [
                                csrf_field(),
                                dcc.Input(type="hidden", name=USERNAME, value=user.username),
                                dcc.Input(
                                    type="hidden",
                                    name=DISABLED,
                                    value="0" if user.disabled else "1",
                                ),
                                html.Button(
                                    translate(key, lang, name=user.username),
                                    type="submit",
                                    className="btn btn-sm btn-outline-secondary",
                                ),
                            ],
                            action=state.href(STATUS_PATH),
                            method="post",
                        )
                    ),
                ]
            )
        )
    return _table(translate("admin.users_caption", lang), headers, rows, lang)


def _role_form(state, user: users.UserInfo) -> html.Form:
    """Another role for `user`: ends the user's sessions (dashboard/users.py)."""
    lang = state.lang
    field_id = f"role-{user.username}"
    return html.Form(
        [
            csrf_field(),
            dcc.Input(type="hidden", name=USERNAME, value=user.username),
            html.Label(
                translate("admin.role_for", lang, name=user.username),
                htmlFor=field_id,
                className="visually-hidden",
            ),
            html.Select(
                [
                    html.Option(translate(f"role.{r}", lang), value=r, selected=r == user.role)
                    for r in Role
                ],
                id=field_id,
                name=ROLE,
                className="form-select form-select-sm d-inline-block w-auto me-1",
            ),
            html.Button(
                translate("admin.change_role", lang, name=user.username),
                type="submit",
                className="btn btn-sm btn-outline-secondary",
            ),
        ],
        action=state.href(ROLE_PATH),
        method="post",
    )


def _add_form(state, username: str, role: str) -> html.Form:
    lang = state.lang
    options = [
        html.Option(translate(f"role.{r}", lang), value=r.value, selected=r.value == role)
        for r in Role
    ]
    return html.Form(
        [
            csrf_field(),
            form_field(
                translate("auth.username", lang),
                dcc.Input(
                    id="new-username",
                    name=USERNAME,
                    type="text",
                    value=username,
                    required=True,
                    maxLength=64,
                    autoComplete="off",
                    className="form-control",
                ),
            ),
            form_field(
                translate("admin.col_role", lang),
                html.Select(options, id="new-role", name=ROLE, className="form-select"),
            ),
            form_field(
                translate("admin.new_password", lang, length=users.MIN_PASSWORD_LENGTH),
                dcc.Input(
                    id="new-password",
                    name=PASSWORD,
                    type="password",
                    required=True,
                    minLength=users.MIN_PASSWORD_LENGTH,
                    autoComplete="new-password",
                    className="form-control",
                ),
            ),
            html.Button(translate("admin.add", lang), type="submit", className="btn btn-primary"),
        ],
        action=state.href(ADD_PATH),
        method="post",
        className="app-form",
    )
