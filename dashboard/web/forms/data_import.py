"""Importer data (/import): editors upload an .xlsx or .csv file and read the importer's report.

A form page (templates/import.html): the file goes in a multipart POST with its CSRF token, is
saved under its own name in a temporary folder of its own (so the report and import_run name the
file as the user knows it, and its suffix tells the importer what it is), checked and, unless
"only check" is ticked, imported in one transaction by `dashboard.ingest.importer.import_file`
with the user's name for import_run; the folder is removed after. The server refuses a body
larger than IMPORT_MAX_FILE_MB (413 with a message) before this runs.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path, PurePosixPath

from flask import Flask, Response, request
from werkzeug.datastructures import FileStorage

from dashboard import settings
from dashboard.i18n import format_number, translate
from dashboard.ingest import importer
from dashboard.models import Role
from dashboard.routes import Route
from dashboard.web import auth, template_routes
from dashboard.web.forms import current_engine, page_response, request_state

log = logging.getLogger(__name__)

MAX_ROWS_SHOWN = 500
MAX_NAME_BYTES = 255
_UNSAFE = set('<>:"/\\|?*')
ERROR_COLUMNS = ("file", "sheet", "row", "column", "value", "reason")
TABLE_COLUMNS = ("table", "read", "added", "changed")


def register(server: Flask) -> None:
    server.add_url_rule(
        Route.IMPORT, "import", auth.require_role(Role.EDITOR)(upload), methods=["GET", "POST"]
    )


def upload() -> Response:
    state = request_state()
    lang = state.lang
    report, no_file, status = None, False, 200
    if request.method == "POST":
        file = request.files.get("file")
        if file is None or not file.filename:
            no_file, status = True, 400
        else:
            result = _import(file, dry_run=request.form.get("dry_run") == "1")
            log.info(
                "web import of %s by %s: %s",
                result.file.name,
                auth.current_user().name,
                "ok" if result.ok else f"{len(result.errors)} errors",
            )
            report = report_context(result, lang)
    limit = format_number(settings.value("IMPORT_MAX_FILE_MB"), lang)
    return page_response(
        "import-page.html",
        state,
        path=Route.IMPORT,
        title=translate("upload.title", lang),
        status=status,
        intro=translate("upload.intro", lang, limit=limit),
        action=state.href(Route.IMPORT),
        no_file=no_file,
        report=report,
        templates=[
            (name, state.href(f"{Route.TEMPLATES}/{name}")) for name in template_routes.ALLOWED
        ],
    )


def safe_file_name(name: str) -> str:
    """The upload's own name without any folder part or character a file system minds."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in _UNSAFE).strip()
    if not base or base.startswith("."):
        return "upload" + PurePosixPath("upload" + base).suffix.lower()
    return _cut_to_bytes(base, MAX_NAME_BYTES)


def _cut_to_bytes(name: str, limit: int) -> str:
    """At most `limit` bytes in UTF-8 (file systems count bytes: 130 × «æ» is 260), cut at a
    character, keeping the suffix that tells the importer what the file is."""
    if len(name.encode()) <= limit:
        return name
    suffix = PurePosixPath(name).suffix[:16]
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = limit - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore") + suffix


def _import(file: FileStorage, *, dry_run: bool) -> importer.ImportReport:
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        path = Path(folder) / safe_file_name(file.filename or "")
        file.save(path)
        return importer.import_file(
            path, current_engine(), dry_run=dry_run, imported_by=auth.current_user().name
        )


def report_context(report: importer.ImportReport, lang: str) -> dict[str, object]:
    """The importer's report as the template shows it: summary, errors or tables, warnings."""
    name = report.file.name
    errors = [
        [
            _cell(issue.file),
            _cell(issue.sheet if issue.sheet != issue.file else None),  # a CSV has no sheet
            _cell(issue.row),
            _cell(issue.column),
            _cell(issue.value),
            _reason(issue, lang),
        ]
        for issue in report.errors[:MAX_ROWS_SHOWN]
    ]
    count = max(report.error_count, len(report.errors))  # errors past 1 000 are only counted
    caption = translate("upload.errors_caption", lang, count=format_number(count, lang))
    if len(report.errors) > MAX_ROWS_SHOWN:
        shown = format_number(MAX_ROWS_SHOWN, lang)
        caption += " " + translate("upload.errors_cut", lang, shown=shown)
    return {
        "ok": report.ok,
        "summary": report.describe(lang).splitlines()[0],
        "errors": errors,
        "errors_caption": caption,
        "error_headers": [translate(f"upload.col_{h}", lang) for h in ERROR_COLUMNS],
        "tables": [
            [
                t.table if t.sheet == name else t.sheet,
                format_number(t.read, lang),
                format_number(t.added, lang),
                format_number(t.changed, lang),
            ]
            for t in report.tables
        ],
        "table_headers": [translate(f"upload.col_{h}", lang) for h in TABLE_COLUMNS],
        "warnings": report.warning_lines(lang),
    }


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _reason(issue: importer.ImportIssue, lang: str) -> str:
    params = {
        name: format_number(value, lang, decimals=1) if isinstance(value, float) else value
        for name, value in issue.params.items()
    }
    return translate(issue.reason, lang, **params)
