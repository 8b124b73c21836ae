"""Importer data (/import): editors upload an .xlsx or .csv file and read the importer's report.

A form page Flask serves (components/static_page.py): the file goes in a multipart POST with
its CSRF token, is saved under its own name in a temporary folder of its own (so the report and
import_run name the file as the user knows it, and its suffix tells the importer what it is),
checked and, unless "only check" is ticked, imported in one transaction by
`dashboard.ingest.importer.import_file` with the user's name for import_run; the folder is
removed after.
The server refuses a body larger than IMPORT_MAX_FILE_MB (413 with a message) before this runs.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path, PurePosixPath

from dash import html
from flask import Flask, Response, request
from werkzeug.datastructures import FileStorage

from components.context import current_engine, current_user, page_state
from components.static_page import Void, csrf_field, form_field, page_response
from dashboard import settings
from dashboard.i18n import format_number, translate
from dashboard.ingest import importer
from dashboard.models import Role
from dashboard.routes import Route
from dashboard.web import auth

log = logging.getLogger(__name__)

PATH = Route.IMPORT
MAX_ROWS_SHOWN = 500
MAX_NAME_BYTES = 255
_UNSAFE = set('<>:"/\\|?*')


def register(server: Flask) -> None:
    server.add_url_rule(
        PATH, "import", auth.require_role(Role.EDITOR)(upload), methods=["GET", "POST"]
    )


def upload() -> Response:
    state = page_state(request.args.to_dict(flat=False))
    lang = state.lang
    result: list = []
    status = 200
    if request.method == "POST":
        file = request.files.get("file")
        if file is None or not file.filename:
            result = [
                html.P(
                    translate("upload.no_file", lang), className="alert alert-danger", role="alert"
                )
            ]
            status = 400
        else:
            dry_run = request.form.get("dry_run") == "1"
            report = _import(file, dry_run=dry_run)
            log.info(
                "web import of %s by %s: %s",
                report.file.name,
                current_user().name,
                "ok" if report.ok else f"{len(report.errors)} errors",
            )
            result = _report(report, lang)
    title = translate("upload.title", lang)
    children = [
        html.P(
            translate(
                "upload.intro",
                lang,
                limit=format_number(settings.value("IMPORT_MAX_FILE_MB"), lang),
            ),
            className="page-intro",
        ),
        _form(state),
        *result,
    ]
    return page_response(state, path=PATH, title=title, children=children, status=status)


def _form(state) -> html.Form:
    lang = state.lang
    return html.Form(
        [
            csrf_field(),
            form_field(
                translate("upload.file", lang),
                Void(
                    "input",
                    id="file",
                    name="file",
                    type="file",
                    accept=".xlsx,.csv",
                    required=True,
                    className="form-control",
                ),
            ),
            html.Div(
                [
                    Void(
                        "input",
                        id="dry_run",
                        name="dry_run",
                        type="checkbox",
                        value="1",
                        className="form-check-input",
                    ),
                    html.Label(
                        translate("upload.dry_run", lang),
                        htmlFor="dry_run",
                        className="form-check-label",
                    ),
                ],
                className="form-check form-field",
            ),
            html.Button(
                translate("upload.submit", lang), type="submit", className="btn btn-primary"
            ),
        ],
        action=state.href(PATH),
        method="post",
        encType="multipart/form-data",
        className="app-form",
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
            path, current_engine(), dry_run=dry_run, imported_by=current_user().name
        )


def _report(report: importer.ImportReport, lang: str) -> list:
    summary = report.describe(lang).splitlines()[0]
    children: list = [
        html.H2(translate("upload.result", lang)),
        html.P(
            summary,
            className="alert " + ("alert-success" if report.ok else "alert-danger"),
            role="status" if report.ok else "alert",
        ),
    ]
    if report.errors:
        children.append(_errors_table(report.errors, lang))
    elif report.tables:
        children.append(_tables_table(report, lang))
    if report.warnings:
        children += [
            html.H3(translate("upload.warnings", lang)),
            html.Ul([html.Li(text) for text in report.warning_lines(lang)]),
        ]
    return children


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _reason(issue: importer.ImportIssue, lang: str) -> str:
    params = {
        name: format_number(value, lang, decimals=1) if isinstance(value, float) else value
        for name, value in issue.params.items()
    }
    return translate(issue.reason, lang, **params)


def _errors_table(errors: list[importer.ImportIssue], lang: str) -> html.Div:
    headers = ("file", "sheet", "row", "column", "value", "reason")
    rows = [
        html.Tr(
            [
                html.Td(_cell(issue.file)),
                html.Td(_cell(issue.sheet if issue.sheet != issue.file else None)),  # CSV
                html.Td(_cell(issue.row)),
                html.Td(_cell(issue.column)),
                html.Td(_cell(issue.value)),
                html.Td(_reason(issue, lang)),
            ]
        )
        for issue in errors[:MAX_ROWS_SHOWN]
    ]
    caption = translate("upload.errors_caption", lang, count=format_number(len(errors), lang))
    if len(errors) > MAX_ROWS_SHOWN:
        caption += " " + translate(
            "upload.errors_cut", lang, shown=format_number(MAX_ROWS_SHOWN, lang)
        )
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(
                    html.Tr(
                        [html.Th(translate(f"upload.col_{h}", lang), scope="col") for h in headers]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm data-table",
        ),
        className="table-wrap",
    )


def _tables_table(report: importer.ImportReport, lang: str) -> html.Div:
    name = report.file.name
    rows = [
        html.Tr(
            [
                html.Th(t.table if t.sheet == name else t.sheet, scope="row"),
                html.Td(format_number(t.read, lang)),
                html.Td(format_number(t.added, lang)),
                html.Td(format_number(t.changed, lang)),
            ]
        )
        for t in report.tables
    ]
    headers = ("table", "read", "added", "changed")
    return html.Div(
        html.Table(
            [
                html.Caption(translate("upload.tables_caption", lang)),
                html.Thead(
                    html.Tr(
                        [html.Th(translate(f"upload.col_{h}", lang), scope="col") for h in headers]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm data-table",
        ),
        className="table-wrap",
    )
