"""Logg inn (/logg-inn) and logg ut (POST /logg-ut) for built-in users.

A form page (templates/login-page.html), not a Dash view: with REQUIRE_LOGIN=1 it is the one
page an anonymous visitor can open. Failed logins are limited without any wait in the request
(dashboard/web/throttle.py, dashboard/users.py), and the message never says whether the name
exists.
"""

from __future__ import annotations

from flask import Flask, Response, redirect, request

from dashboard import settings
from dashboard.i18n import translate
from dashboard.routes import Route
from dashboard.web import auth
from dashboard.web.forms import page_response, request_state

# The form's fields.
USERNAME, PASSWORD, NEXT = "username", "password", "next"


def register(server: Flask) -> None:
    server.add_url_rule(Route.LOGIN, "login", login, methods=["GET", "POST"])
    server.add_url_rule(Route.LOGOUT, "logout", logout, methods=["POST"])


def login() -> Response:
    state = request_state()
    lang = state.lang
    next_path = auth.safe_next(request.values.get(NEXT), state.prefix)
    username = ""
    error = None
    if request.method == "POST":
        username = request.form.get(USERNAME, "")[:64]
        user = auth.authenticate(username, request.form.get(PASSWORD, ""))
        if user is not None:
            auth.login(user)
            return redirect(next_path)
        error = translate("auth.failed", lang)
    user = auth.current_user()
    signed_in = None
    if user.is_authenticated and request.method == "GET":
        role = translate(f"role.{user.role}", lang)
        signed_in = translate("auth.already_signed_in", lang, name=user.name, role=role)
    return page_response(
        "login-page.html",
        state,
        path=Route.LOGIN,
        title=translate("auth.login_title", lang),
        signed_in=signed_in,
        next_path=next_path,
        error=error,
        username=username,
        action=state.href(Route.LOGIN),
    )


def logout() -> Response:
    state = request_state()
    auth.logout()  # ends the session in the database, with its audit event
    # Back to the view the user signed out from (the shell's form names it), in the same
    # language; behind REQUIRE_LOGIN the login page, which comes back there.
    came_from = request.args.get(NEXT)
    if settings.value("REQUIRE_LOGIN"):
        return redirect(state.href(Route.LOGIN, next=came_from))
    if came_from:
        return redirect(auth.safe_next(came_from, state.prefix))
    return redirect(state.href(Route.OVERVIEW))
