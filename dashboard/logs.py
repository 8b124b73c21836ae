"""Logging for every entry point: one JSON object per line on standard output.

    configure(stream)      `python app.py` (stdout) and the CLI (stderr: its stdout is its output)
    config()               the dictConfig gunicorn.conf.py hands gunicorn (logconfig_dict)
    bind(**fields)         fields every line of this request (or command) carries: request_id,
                           user, path, address; reset(token) ends them

Each line has `time`, `level`, `logger` and `message`, the bound fields, and whatever `extra=` a
call gives (an audit line: `event`, `actor`, `target`). Standard output, because a container
platform, systemd's journal or a log shipper all read it; nothing is written to files here.

The bound fields live in a ContextVar, so the threads of one gunicorn worker each see only their
own request's; nothing of them is kept between requests.
"""

from __future__ import annotations

import logging
import logging.config
from contextvars import ContextVar, Token
from typing import Any

from dashboard import settings

_fields: ContextVar[dict[str, Any]] = ContextVar("dashboard_log_fields", default={})  # noqa: B039 - never mutated, replaced


def bind(**fields: Any) -> Token:
    """Add `fields` to every line logged in this context until reset(token)."""
    return _fields.set({**_fields.get(), **{k: v for k, v in fields.items() if v is not None}})


def reset(token: Token) -> None:
    _fields.reset(token)


def bound(name: str, default: Any = None) -> Any:
    """A field bound in this context (the audit trail reads the request id and the address)."""
    return _fields.get().get(name, default)


class ContextFields(logging.Filter):
    """Puts the bound fields on every record (a field the call gave in `extra=` wins)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in _fields.get().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        return True


def config(stream: str = "stdout") -> dict:
    """`stream`: "stdout" for servers; "stderr" for the CLI, whose standard output is the
    command's own output (a CSV, a report)."""
    level = settings.value("LOG_LEVEL")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFields}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
                "json_ensure_ascii": False,
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": f"ext://sys.{stream}",
                "formatter": "json",
                "filters": ["context"],
            }
        },
        "root": {"level": level, "handlers": ["stdout"]},
        # gunicorn's own loggers go through the same handler (propagate to the root) instead
        # of its plain-text ones; the access log is dashboard.request (web/request_log.py),
        # which knows the user and the request id.
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
            # Audit lines are kept whatever LOG_LEVEL says.
            "dashboard.audit": {"level": "INFO", "handlers": [], "propagate": True},
            # werkzeug's own request lines (python app.py) repeat dashboard.request's.
            "werkzeug": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }


def configure(stream: str = "stdout") -> None:
    logging.config.dictConfig(config(stream))
