"""Server-side sessions: the cookie only names a session the database keeps. A copy of the
cookie taken before a logout, a new password, a new role or disabling opens nothing afterwards
(302 to the login page; 401 on a callback with REQUIRE_LOGIN); idle and absolute lifetimes hold
even for a cookie re-signed with the real key; admins see the live sessions and end them."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import create_app
from dashboard import users
from dashboard.db import get_engine
from dashboard.harness.view_request import UPDATE_PATH, view_body
from dashboard.models import AuditEvent, UserSession
from dashboard.web import auth

PASSWORD = "correct horse battery"
COOKIE = "session"


@pytest.fixture
def app(db_url, monkeypatch):
    for name in ("REQUIRE_LOGIN", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REQUIRE_LOGIN", "1")
    engine = get_engine(db_url)
    users.add_user(engine, "ada", PASSWORD, "admin")
    users.add_user(engine, "kari", PASSWORD, "editor")
    return create_app(database_url=db_url, redis_url="")


def token_in(html: str) -> str:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html)
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def signed_in(app, name: str):
    client = app.server.test_client()
    page = client.get("/logg-inn")
    response = client.post(
        "/logg-inn",
        data={"username": name, "password": PASSWORD, "csrf_token": token_in(page.text)},
    )
    assert response.status_code == 302, response.text
    return client


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie."""
    thief = app.server.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return thief


def assert_out(client, path: str = "/import") -> None:
    page = client.get(path)
    assert page.status_code == 302
    assert unquote(page.headers["Location"]).startswith("/logg-inn")
    callback = client.post(UPDATE_PATH, json=view_body())
    assert callback.status_code == 401


def assert_in(client, path: str = "/import") -> None:
    assert client.get(path).status_code == 200
    assert client.post(UPDATE_PATH, json=view_body()).status_code == 200


def test_logout_ends_every_copy_of_the_cookie(app, db_url):
    kari = signed_in(app, "kari")
    copy = copy_of(app, kari)
    assert_in(copy)
    logout = kari.post("/logg-ut", data={"csrf_token": token_in(kari.get("/import").text)})
    assert logout.status_code == 302
    assert_out(copy)
    assert_out(kari)
    with Session(get_engine(db_url)) as session:
        assert session.scalar(select(UserSession.ended_at)) is not None
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["login", "logout"]


@pytest.mark.parametrize("change", ["password", "role", "disable"])
def test_a_new_password_role_or_disabling_ends_all_sessions(app, db_url, change):
    first, second = signed_in(app, "kari"), signed_in(app, "kari")
    copies = [copy_of(app, first), copy_of(app, second)]
    other = signed_in(app, "ada")
    for client in copies:
        assert_in(client)
    if change == "role":  # by an admin on /admin
        changed = other.post(
            "/admin/brukere/rolle",
            data={"csrf_token": token_in(other.get("/admin").text), "username": "kari",
                  "role": "viewer"},
        )  # fmt: skip
        assert changed.status_code == 302
    elif change == "password":
        users.set_password(get_engine(db_url), "kari", "another long password", by="ada")
    else:
        users.set_disabled(get_engine(db_url), "kari", True, by="ada")
    for client in (first, second, *copies):
        assert_out(client)
    assert_in(other, "/admin")  # the admin's own session goes on
    if change != "disable":
        fresh = app.server.test_client()
        password = "another long password" if change == "password" else PASSWORD
        page = fresh.get("/logg-inn")
        fresh.post("/logg-inn", data={"username": "kari", "password": password,
                                      "csrf_token": token_in(page.text)})  # fmt: skip
        assert fresh.get("/").status_code == 200


def _age(db_url: str, **columns: dt.timedelta) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Session(get_engine(db_url)) as session:
        session.execute(update(UserSession).values({k: now - v for k, v in columns.items()}))
        session.commit()


def test_an_idle_session_ends(app, db_url):
    kari = signed_in(app, "kari")
    _age(db_url, last_seen_at=dt.timedelta(minutes=119))
    assert_in(kari)  # and it is seen again now
    _age(db_url, last_seen_at=dt.timedelta(minutes=121))
    assert_out(kari)


def test_re_signing_cannot_extend_past_the_absolute_lifetime(app, db_url):
    kari = signed_in(app, "kari")
    token = app.server.session_interface.get_signing_serializer(app.server).loads(
        kari.get_cookie(COOKIE).value
    )[auth.SESSION_TOKEN]
    _age(db_url, created_at=dt.timedelta(hours=11, minutes=59))
    assert_in(kari)
    _age(db_url, created_at=dt.timedelta(hours=12, minutes=1))
    # A cookie freshly signed with the real key, for the same session: still out.
    forged = app.server.session_interface.get_signing_serializer(app.server).dumps(
        {auth.SESSION_TOKEN: token}
    )
    thief = app.server.test_client()
    thief.set_cookie(COOKIE, forged)
    assert_out(thief)


def test_admins_see_the_live_sessions_and_end_one(app, db_url):
    kari = signed_in(app, "kari")
    ada = signed_in(app, "ada")
    page = ada.get("/admin").text
    section = page.split("Aktive økter", 1)[1].split("Hendelseslogg", 1)[0]
    assert '<th scope="row">kari</th>' in section and '<th scope="row">ada</th>' in section
    [kari_session] = [s for s in users.active_sessions(get_engine(db_url)) if s.username == "kari"]
    ended = ada.post(
        "/admin/okter/avslutt",
        data={"csrf_token": token_in(page), "session": kari_session.id},
    )
    assert ended.status_code == 302
    assert "Økten til kari er avsluttet" in ada.get(ended.headers["Location"]).text
    assert_out(kari)
    assert [s.username for s in users.active_sessions(get_engine(db_url))] == ["ada"]
    again = ada.post(
        "/admin/okter/avslutt", data={"csrf_token": token_in(page), "session": kari_session.id}
    )
    assert again.status_code == 400
    with Session(get_engine(db_url)) as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (last.action, last.target, last.actor) == ("session_ended", "kari", "ada")


def test_the_cookie_holds_no_name_and_the_table_no_token(app, db_url):
    kari = signed_in(app, "kari")
    data = app.server.session_interface.get_signing_serializer(app.server).loads(
        kari.get_cookie(COOKIE).value
    )
    assert set(data) <= {auth.SESSION_TOKEN, "csrf_token"}
    with Session(get_engine(db_url)) as session:
        stored = session.scalars(select(UserSession.id)).all()
    assert data[auth.SESSION_TOKEN] not in stored and len(stored) == 1
