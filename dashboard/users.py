"""Built-in users: add, list, disable, set a password, and check a login.

Passwords are stored only as werkzeug's salted hash (scrypt, `generate_password_hash`); they are
checked with `check_password_hash`, which compares in constant time. A login for a name that
does not exist still checks a hash, so the answer takes as long either way and does not tell
which names exist.

Guessing is limited twice over, and never by making a request thread wait: rate limits on
POST /logg-inn per address and per user name (dashboard/web/throttle.py, 429 with Retry-After),
and here MAX_FAILURES tries per user name *and address* before a short lock that doubles with
each further one (authenticate). Keyed on the address too, so whoever guesses at a known name
locks out only their own address, never the user's; the count lives in the database, claimed
in one UPDATE per try, so it holds exactly across workers and hosts.

Problems are raised as UserError with a catalogue key, so the CLI and the admin page say them
in the user's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from functools import cache

from sqlalchemy import Engine, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard import audit, settings
from dashboard.models import AppUser, LoginThrottle, Role, UserSession

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte "password" is work an attacker should not get
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MAX_FAILURES = 5  # tries per (user name, address) before a lock
LOCK_FIRST_SECONDS = 30  # the first lock; each further one twice as long …
LOCK_MAX_SECONDS = 15 * 60  # … up to this
FORGET_AFTER = dt.timedelta(days=1)


# A new password, a new role or disabling ends every session of the user, on every host.
ENDS_SESSIONS = {"password_changed", "role_changed", "user_disabled"}
SEEN_EVERY = dt.timedelta(seconds=60)  # last_seen_at is written at most this often
KEEP_ENDED = dt.timedelta(days=7)  # ended sessions stay listed this long, then go


class UserError(ValueError):
    """A refused change; `key` is the catalogue key that says why, `params` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class UserInfo:
    username: str
    role: Role
    created_at: dt.datetime | None
    disabled: bool
    session_token: str | None = None  # set by authenticate(start_session=True)


def _info(user: AppUser) -> UserInfo:
    return UserInfo(user.username, Role(user.role), user.created_at, user.disabled)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def normalise_username(name: str) -> str:
    return (name or "").strip().lower()


def _check_username(name: str) -> str:
    name = normalise_username(name)
    if not USERNAME.match(name):
        raise UserError("users.bad_username")
    return name


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError("users.password_too_short", length=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError("users.password_too_long", length=MAX_PASSWORD_LENGTH)


def _role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise UserError("users.bad_role", roles=", ".join(r.value for r in Role)) from None


def add_user(
    engine: Engine, username: str, password: str, role: str | Role, *, by: str | None = None
) -> UserInfo:
    """A new user; `by` (default: the bound user) goes into the audit trail."""
    name = _check_username(username)
    _check_password(password)
    user = AppUser(
        username=name,
        password_hash=generate_password_hash(password),
        role=_role(role),
        disabled=False,
    )
    with Session(engine, expire_on_commit=False) as session:
        if session.scalar(select(AppUser.id).where(AppUser.username == name)) is not None:
            raise UserError("users.exists", name=name)
        session.add(user)
        audit.add(session, "user_added", target=name, detail=f"role={user.role}", actor=by)
        try:
            session.commit()
        except IntegrityError:  # added at the same moment by someone else
            raise UserError("users.exists", name=name) from None
        session.refresh(user)
        return _info(user)


def _change(
    engine: Engine,
    username: str,
    action: str,
    *,
    by: str | None,
    detail: str | None = None,
    **values: object,
) -> UserInfo:
    """Change a user and record `action` in the audit trail, in one transaction."""
    name = normalise_username(username)
    with Session(engine, expire_on_commit=False) as session:
        user = session.scalar(select(AppUser).where(AppUser.username == name))
        if user is None:
            raise UserError("users.not_found", name=name)
        for column, value in values.items():
            setattr(user, column, value)
        if action in ENDS_SESSIONS:
            _end_all_sessions(session, user.id)
        audit.add(session, action, target=name, detail=detail, actor=by)
        session.commit()
        return _info(user)


def set_disabled(
    engine: Engine, username: str, disabled: bool = True, *, by: str | None = None
) -> UserInfo:
    action = "user_disabled" if disabled else "user_enabled"
    return _change(engine, username, action, by=by, disabled=disabled)


def set_password(
    engine: Engine, username: str, password: str, *, by: str | None = None
) -> UserInfo:
    """A new password (ends every session of the user)."""
    _check_password(password)
    return _change(
        engine,
        username,
        "password_changed",
        by=by,
        password_hash=generate_password_hash(password),
    )


def set_role(engine: Engine, username: str, role: str | Role, *, by: str | None = None) -> UserInfo:
    new = _role(role)
    return _change(engine, username, "role_changed", by=by, detail=f"role={new}", role=new)


def list_users(engine: Engine) -> list[UserInfo]:
    with Session(engine) as session:
        return [_info(u) for u in session.scalars(select(AppUser).order_by(AppUser.username))]


def active_user(engine: Engine, username: str) -> UserInfo | None:
    """The user when it exists and is not disabled (asked on every request of a signed-in user,
    so disabling someone takes effect at once)."""
    with Session(engine) as session:
        user = session.scalar(
            select(AppUser).where(
                AppUser.username == normalise_username(username), AppUser.disabled.is_(False)
            )
        )
        return _info(user) if user else None


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


def authenticate(
    engine: Engine,
    username: str,
    password: str,
    *,
    start_session: bool = False,
    address: str | None = None,
    user_agent: str | None = None,
) -> UserInfo | None:
    """The user when the password is right, the account not disabled and this name not locked
    for this address; with `start_session`, a new session is started in the same transaction
    and its token is the result's session_token (the only place it exists besides the cookie).

    Each attempt first claims one of MAX_FAILURES tries for (name, address) in one UPDATE, and
    only a claimed try has its password checked: of 20 wrong guesses at once, exactly
    MAX_FAILURES are checked, on any number of workers and hosts. The fifth failure locks the
    pair for lock_seconds(n) (30 s, doubling with each lock, at most 15 min); a right password
    clears it. A name that does not exist goes the same way (a hash is checked all the same),
    so the answers do not tell which names exist."""
    name = normalise_username(username)[:64]
    password = (password or "")[:MAX_PASSWORD_LENGTH]
    place = (address or "?")[:64]
    if not _claim_try(engine, name, place):
        with Session(engine) as session:
            audit.add(session, "login_failed", target=name, detail="locked", actor=name or "?")
            session.commit()
        return None
    with Session(engine) as session:
        user = session.scalar(select(AppUser).where(AppUser.username == name)) if name else None
        if user is None:
            check_password_hash(_dummy_hash(), password)  # the same time as a real check
            right = False
        else:
            right = check_password_hash(user.password_hash, password)
        if not right:
            _failed(session, name, place)
            audit.add(session, "login_failed", target=name, actor=name or "?")
            session.commit()
            return None
        if user.disabled:
            audit.add(session, "login_failed", target=name, detail="disabled", actor=name)
            session.commit()
            return None
        session.execute(
            delete(LoginThrottle).where(
                LoginThrottle.username == name, LoginThrottle.address == place
            )
        )
        token = (
            _start_session(session, user.id, _now(), address, user_agent) if start_session else None
        )
        audit.add(session, "login", target=name, actor=name)
        session.commit()
        return replace(_info(user), session_token=token)


def lock_seconds(locks: int) -> int:
    """How long the `locks`-th lock of a (name, address) lasts: 30 s, 60 s, 120 s … 15 min."""
    return min(LOCK_FIRST_SECONDS * 2 ** max(locks - 1, 0), LOCK_MAX_SECONDS)


def _claim_try(engine: Engine, name: str, place: str) -> bool:
    """Take one try for (name, place) unless MAX_FAILURES are taken or it is locked. One
    conditional UPDATE (the row is locked while it runs), committed at once, so concurrent
    attempts each see the others' tries."""
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    now = _now()
    key = (LoginThrottle.username == name, LoginThrottle.address == place)
    with Session(engine) as session:
        session.execute(
            insert(LoginThrottle)
            .values(username=name, address=place, failures=0, locks=0, updated_at=now)
            .on_conflict_do_nothing()
        )
        claimed = session.execute(
            update(LoginThrottle)
            .where(
                *key,
                LoginThrottle.failures < MAX_FAILURES,
                or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until <= now),
            )
            .values(failures=LoginThrottle.failures + 1, updated_at=now)
        ).rowcount
        session.commit()
    return claimed == 1


def _failed(session: Session, name: str, place: str) -> None:
    """A claimed try failed: at MAX_FAILURES tries the pair is locked (the next lock longer);
    one statement, so only one of the attempts at once sets it."""
    now = _now()
    row = session.execute(
        update(LoginThrottle)
        .where(
            LoginThrottle.username == name,
            LoginThrottle.address == place,
            LoginThrottle.failures >= MAX_FAILURES,
        )
        .values(failures=0, locks=LoginThrottle.locks + 1, updated_at=now)
        .returning(LoginThrottle.locks)
    ).first()
    if row is not None:
        session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.username == name, LoginThrottle.address == place)
            .values(locked_until=now + dt.timedelta(seconds=lock_seconds(row.locks)))
        )
    # Pairs nobody tried for a day are forgotten (the backoff starts again from 30 s).
    session.execute(delete(LoginThrottle).where(LoginThrottle.updated_at < now - FORGET_AFTER))


# --- sessions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    id: str  # the token's SHA-256: a handle for the admin page, never the token
    username: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    address: str | None
    user_agent: str | None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _limits() -> tuple[dt.timedelta, dt.timedelta]:
    return (
        dt.timedelta(minutes=settings.value("SESSION_IDLE_MINUTES")),
        dt.timedelta(hours=settings.value("SESSION_MAX_HOURS")),
    )


def _start_session(
    session: Session, user_id: int, now: dt.datetime, address: str | None, agent: str | None
) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            id=_token_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            address=(address or "")[:64] or None,
            user_agent=(agent or "")[:200] or None,
        )
    )
    # Sessions long over are deleted as new ones start (no job needed).
    _, longest = _limits()
    session.execute(delete(UserSession).where(UserSession.created_at < now - longest - KEEP_ENDED))
    return token


def _live(now: dt.datetime):
    idle, longest = _limits()
    return (
        UserSession.ended_at.is_(None),
        UserSession.created_at > now - longest,
        UserSession.last_seen_at > now - idle,
    )


def session_user(engine: Engine, token: str) -> UserInfo | None:
    """The user of a live session (not ended, not idle too long, not older than the absolute
    lifetime, user not disabled); else None. Asked on every request of a signed-in user."""
    if not token or len(token) > 200:
        return None
    now = _now()
    sid = _token_hash(token)
    with Session(engine) as session:
        row = session.execute(
            select(AppUser, UserSession.last_seen_at)
            .join(UserSession, UserSession.user_id == AppUser.id)
            .where(UserSession.id == sid, AppUser.disabled.is_(False), *_live(now))
        ).first()
        if row is None:
            return None
        user, last_seen = row
        if now - last_seen > SEEN_EVERY:
            session.execute(
                update(UserSession).where(UserSession.id == sid).values(last_seen_at=now)
            )
            session.commit()
        return _info(user)


def end_session(
    engine: Engine, token: str, *, action: str = "logout", by: str | None = None
) -> bool:
    """End the session of `token` (logout): every copy of its cookie is out. True when a live
    session was ended."""
    return _end(engine, _token_hash(token), action=action, by=by)


def end_session_by_id(engine: Engine, session_id: str, *, by: str | None = None) -> bool:
    """An admin ends a session by its id (the token's hash, as active_sessions lists it)."""
    return _end(engine, session_id, action="session_ended", by=by)


def _end(engine: Engine, sid: str, *, action: str, by: str | None) -> bool:
    now = _now()
    with Session(engine) as session:
        name = session.scalar(
            select(AppUser.username)
            .join(UserSession, UserSession.user_id == AppUser.id)
            .where(UserSession.id == sid, UserSession.ended_at.is_(None))
        )
        if name is None:
            return False
        session.execute(update(UserSession).where(UserSession.id == sid).values(ended_at=now))
        audit.add(session, action, target=name, actor=by or name)
        session.commit()
        return True


def _end_all_sessions(session: Session, user_id: int) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=_now())
    )


def active_sessions(engine: Engine) -> list[SessionInfo]:
    now = _now()
    with Session(engine) as session:
        rows = session.execute(
            select(UserSession, AppUser.username)
            .join(AppUser, UserSession.user_id == AppUser.id)
            .where(AppUser.disabled.is_(False), *_live(now))
            .order_by(UserSession.last_seen_at.desc())
        )
        return [
            SessionInfo(s.id, name, s.created_at, s.last_seen_at, s.address, s.user_agent)
            for s, name in rows
        ]
