"""Administrasjon (/admin), for admins: every import (who, when, which file, rows added and
changed), newest first, and the built-in users with forms to add, disable and enable them.

A form page (templates/admin.html). Each form posts with its CSRF token to its own route; a
change that worked redirects back to /admin with a message (so a reload does not post again),
one that did not answers 400 with the page and the reason. Users are disabled, never deleted;
an admin cannot disable themself (someone must be left to undo it). Changes go to the log
(dashboard.audit) with the admin's name.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, Response, redirect, request

from dashboard import audit, users
from dashboard.i18n import format_date, format_number, translate
from dashboard.ingest import importer
from dashboard.models import Role
from dashboard.routes import Route
from dashboard.view_state import ViewState
from dashboard.web import auth
from dashboard.web.forms import current_engine, page_response, request_state

# The forms' fields.
USERNAME, PASSWORD, ROLE, DISABLED, SESSION_ID = (
    "username",
    "password",
    "role",
    "disabled",
    "session",
)
# ?done= → the message it shows.
DONE = {
    "added": "admin.user_added",
    "disabled": "admin.user_disabled",
    "enabled": "admin.user_enabled",
    "role": "admin.user_role_changed",
    "session": "admin.session_ended",
}
IMPORT_COLUMNS = (
    "admin.col_when",
    "admin.col_file",
    "admin.col_area",
    "admin.col_read",
    "admin.col_added",
    "admin.col_changed",
    "admin.col_by",
)
USER_COLUMNS = (
    "admin.col_user",
    "admin.col_role",
    "admin.col_created",
    "admin.col_status",
    "admin.col_change_role",
    "admin.col_action",
)
SESSION_COLUMNS = (
    "admin.col_user",
    "admin.col_signed_in",
    "admin.col_last_seen",
    "admin.col_address",
    "admin.col_browser",
    "admin.col_action",
)
EVENT_COLUMNS = (
    "admin.col_when",
    "admin.col_event",
    "admin.col_by",
    "admin.col_target",
    "admin.col_detail",
    "admin.col_address",
)


def register(server: Flask) -> None:
    admin_only = auth.require_role(Role.ADMIN)
    server.add_url_rule(Route.ADMIN, "admin", admin_only(admin_page), methods=["GET"])
    server.add_url_rule(
        Route.ADMIN_ADD_USER, "admin_add_user", admin_only(add_user), methods=["POST"]
    )
    server.add_url_rule(
        Route.ADMIN_USER_STATUS, "admin_user_status", admin_only(user_status), methods=["POST"]
    )
    server.add_url_rule(
        Route.ADMIN_USER_ROLE, "admin_user_role", admin_only(user_role), methods=["POST"]
    )
    server.add_url_rule(Route.ADMIN_EVENTS_CSV, "admin_events_csv", admin_only(events_csv))
    server.add_url_rule(
        Route.ADMIN_END_SESSION, "admin_end_session", admin_only(end_session), methods=["POST"]
    )


def _done(state: ViewState, what: str, name: str) -> Response:
    return redirect(state.href(Route.ADMIN, done=what, name=name))


def add_user() -> Response:
    state = request_state()
    name = request.form.get(USERNAME, "")
    role = request.form.get(ROLE, "")
    try:
        user = users.add_user(
            current_engine(),
            name,
            request.form.get(PASSWORD, ""),
            role,
            by=auth.current_user().name,
        )
    except users.UserError as error:
        message = translate(error.key, state.lang, **error.params)
        return admin_page(error=message, status=400, username=name[:64], role=role)
    return _done(state, "added", user.username)


def user_status() -> Response:
    state = request_state()
    name = users.normalise_username(request.form.get(USERNAME, ""))
    disable = request.form.get(DISABLED) == "1"
    me = auth.current_user()
    if disable and me.source == "session" and name == me.name:
        return admin_page(error=translate("admin.not_yourself", state.lang), status=400)
    try:
        user = users.set_disabled(current_engine(), name, disable, by=me.name)
    except users.UserError as error:
        return admin_page(error=translate(error.key, state.lang, **error.params), status=400)
    return _done(state, "disabled" if disable else "enabled", user.username)


def user_role() -> Response:
    state = request_state()
    name = users.normalise_username(request.form.get(USERNAME, ""))
    me = auth.current_user()
    if me.source == "session" and name == me.name:  # someone must be left to undo it
        return admin_page(error=translate("admin.not_yourself", state.lang), status=400)
    try:
        user = users.set_role(current_engine(), name, request.form.get(ROLE, ""), by=me.name)
    except users.UserError as error:
        return admin_page(error=translate(error.key, state.lang, **error.params), status=400)
    return _done(state, "role", user.username)


def end_session() -> Response:
    state = request_state()
    sid = request.form.get(SESSION_ID, "")[:64]
    engine = current_engine()
    name = next((s.username for s in users.active_sessions(engine) if s.id == sid), "")
    if not name or not users.end_session_by_id(engine, sid, by=auth.current_user().name):
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
    state = request_state()
    lang = state.lang
    done_key = DONE.get(request.args.get("done", ""))
    done_name = users.normalise_username(request.args.get("name", ""))
    done = (
        translate(done_key, lang, name=done_name)
        if done_key and users.USERNAME.match(done_name)
        else None
    )
    engine = current_engine()
    runs = audit.recent_imports(engine)
    sessions = users.active_sessions(engine)
    events = audit.recent(engine)
    return page_response(
        "admin-page.html",
        state,
        path=Route.ADMIN,
        title=translate("admin.title", lang),
        status=status,
        error=error,
        done=done,
        sessions=[_session_row(s, lang) for s in sessions],
        sessions_caption=translate(
            "admin.sessions_caption", lang, count=format_number(len(sessions), lang)
        ),
        session_headers=[translate(key, lang) for key in SESSION_COLUMNS],
        end_session_action=state.href(Route.ADMIN_END_SESSION),
        events=[_event_row(event, lang) for event in events],
        events_caption=translate(
            "admin.events_caption", lang, count=format_number(len(events), lang)
        ),
        event_headers=[translate(key, lang) for key in EVENT_COLUMNS],
        events_csv_href=state.href(Route.ADMIN_EVENTS_CSV),
        role_action=state.href(Route.ADMIN_USER_ROLE),
        imports=[_import_row(run, lang) for run in runs],
        imports_caption=translate(
            "admin.imports_caption", lang, count=format_number(len(runs), lang)
        ),
        import_headers=[translate(key, lang) for key in IMPORT_COLUMNS],
        users=_user_rows(lang),
        user_headers=[translate(key, lang) for key in USER_COLUMNS],
        status_action=state.href(Route.ADMIN_USER_STATUS),
        add_action=state.href(Route.ADMIN_ADD_USER),
        username=username,
        roles=[
            {"value": r.value, "text": translate(f"role.{r}", lang), "selected": r.value == role}
            for r in Role
        ],
        password_label=translate("admin.new_password", lang, length=users.MIN_PASSWORD_LENGTH),
        min_password=users.MIN_PASSWORD_LENGTH,
    )


def _when(value: dt.datetime | None, lang: str) -> str:
    return f"{format_date(value.date(), lang)} {value:%H:%M}" if value else "–"


def _session_row(session, lang: str) -> dict[str, object]:
    return {
        "id": session.id,
        "name": session.username,
        "cells": [
            _when(session.created_at, lang),
            _when(session.last_seen_at, lang),
            session.address or "–",
            (session.user_agent or "–")[:80],
        ],
        "action": translate("admin.end_session", lang, name=session.username),
    }


def _event_row(event, lang: str) -> list[str]:
    return [
        _when(event.at, lang),
        translate(audit.ACTIONS.get(event.action, event.action), lang),
        event.actor,
        event.target or "–",
        event.detail or "–",
        event.address or "–",
    ]


def _import_row(run, lang: str) -> list[str]:
    return [
        _when(run.imported_at, lang),
        run.file_name,
        translate(importer.AREA_KEYS.get(run.area, "import.area_mixed"), lang),
        format_number(run.rows_read, lang),
        format_number(run.rows_added, lang),
        format_number(run.rows_changed, lang),
        run.imported_by or "–",
    ]


def _user_rows(lang: str) -> list[dict[str, object]]:
    me = auth.current_user()
    rows = []
    for user in users.list_users(current_engine()):
        myself = me.source == "session" and user.username == me.name  # never disable yourself
        key = "admin.enable" if user.disabled else "admin.disable"
        rows.append(
            {
                "name": user.username,
                "role": translate(f"role.{user.role}", lang),
                "created": _when(user.created_at, lang),
                "status": translate(
                    "admin.status_disabled" if user.disabled else "admin.status_active", lang
                ),
                "action": None if myself else translate(key, lang, name=user.username),
                "disable_value": "0" if user.disabled else "1",
                "role_value": str(user.role),
                "role_label": translate("admin.role_for", lang, name=user.username),
                "role_button": translate("admin.change_role", lang, name=user.username),
                "roles": [{"value": r.value, "text": translate(f"role.{r}", lang)} for r in Role],
            }
        )
    return rows
