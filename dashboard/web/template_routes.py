"""The import templates for download: /maler/<file>, for the links on the import page.

Only the files of a fixed allow-list are served (the area workbooks, the CSV file per table and
the README that documents them, all under data/templates/): the name in the URL is looked up in
that list, never joined to a path, so `../` or any other name is a 404.
"""

from __future__ import annotations

from flask import Flask, Response, abort, send_file

from dashboard.ingest import templates
from dashboard.ingest.schema import TABLES
from dashboard.routes import Route

README = "README.md"
MEDIA_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


def allowed_files() -> dict[str, str]:
    """URL name → path under data/templates/, in the order the import page lists them."""
    files = {name: name for name in templates.WORKBOOKS.values()}
    files |= {
        f"{templates.file_stem(table)}.csv": f"csv/{templates.file_stem(table)}.csv"
        for table in TABLES
    }
    files[README] = README
    return files


ALLOWED = allowed_files()


def register(server: Flask) -> None:
    server.add_url_rule(f"{Route.TEMPLATES}/<name>", "templates", _template, methods=["GET"])


def _template(name: str) -> Response:
    relative = ALLOWED.get(name)
    if relative is None:
        abort(404)
    path = templates.TEMPLATE_DIR / relative
    if not path.is_file():
        abort(404)
    suffix = path.suffix.lower()
    response = send_file(
        path,
        mimetype=MEDIA_TYPES[suffix],
        as_attachment=suffix != ".md",
        download_name=name,
        max_age=300,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
