"""Logg inn (/logg-inn) and logg ut (POST /logg-ut) for built-in users.

A form page Flask serves (components/static_page.py), not a Dash view: with REQUIRE_LOGIN=1 it
is the one page an anonymous visitor can open. Failed logins are limited without any wait in the
request (dashboard/web/throttle.py, dashboard/users.py), and the message never says whether the
name exists.
"""

from __future__ import annotations

from dash import dcc, html
from flask import Flask, Response, redirect, request

from components.context import current_user, page_state
from components.static_page import csrf_field, form_field, page_response
from dashboard import settings
from dashboard.i18n import translate
from dashboard.web import auth

PATH = auth.LOGIN_PATH
# The form's fields.
USERNAME, PASSWORD, NEXT = "username", "password", "next"


def register(server: Flask) -> None:
    server.add_url_rule(PATH, "login", login, methods=["GET", "POST"])
    server.add_url_rule(auth.LOGOUT_PATH, "logout", logout, methods=["POST"])


def login() -> Response:
    state = page_state(request.args.to_dict(flat=False))
    lang = state.lang
    next_path = auth.safe_next(request.values.get(NEXT))
    username = ""
    error = None
    if request.method == "POST":
        username = request.form.get(USERNAME, "")[:64]
        user = auth.authenticate(username, request.form.get(PASSWORD, ""))
        if user is not None:
            auth.login(user)
            return redirect(next_path)
        error = translate("auth.failed", lang)
    title = translate("auth.login_title", lang)
    user = current_user()
    if user.is_authenticated and request.method == "GET":
        children = [
            html.P(
                translate(
                    "auth.already_signed_in",
                    lang,
                    name=user.name,
                    role=translate(f"role.{user.role}", lang),
                )
            ),
            html.P(html.A(translate("auth.continue", lang), href=next_path)),
        ]
        return page_response(state, path=PATH, title=title, children=children)
    form = html.Form(
        [
            csrf_field(),
            dcc.Input(type="hidden", name=NEXT, value=next_path),
            form_field(
                translate("auth.username", lang),
                dcc.Input(
                    id="username",
                    name=USERNAME,
                    type="text",
                    value=username,
                    required=True,
                    maxLength=64,
                    autoComplete="username",
                    className="form-control",
                ),
            ),
            form_field(
                translate("auth.password", lang),
                dcc.Input(
                    id="password",
                    name=PASSWORD,
                    type="password",
                    required=True,
                    autoComplete="current-password",
                    className="form-control",
                ),
            ),
            html.Button(translate("auth.login", lang), type="submit", className="btn btn-primary"),
        ],
        action=state.href(PATH),
        method="post",
        className="app-form",
    )
    children = [html.P(translate("auth.login_intro", lang), className="page-intro")]
    if error:
        children.append(html.P(error, className="alert alert-danger", role="alert"))
    children.append(form)
    return page_response(state, path=PATH, title=title, children=children)


def logout() -> Response:
    auth.logout()  # ends the session in the database, with its audit event
    return redirect(PATH if settings.value("REQUIRE_LOGIN") else "/")
