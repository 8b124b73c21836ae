"""HTTP routes a manager can link from the intranet:

    /export/<chart-id>.<png|svg|pdf|csv|xlsx>?<the view's filters>[&scale=1..4]
    /export/deck.pdf?<filters>

The query string is the view's own (the export menu links carry it), validated the same way; but
where a view quietly drops an unknown code, an export answers 400 and names it, because a link in
a budget paper should not silently show other numbers than it says. Unknown charts get 404,
a missing Chromium 503; never a stack trace.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from flask import Flask, Response, current_app, request, send_file

from dashboard import audit, charts, export, image_renderer, settings
from dashboard.db import get_engine
from dashboard.i18n import normalise_language, translate
from dashboard.view_state import PARAM_LANGUAGE, view_state
from dashboard.web import cache as web_cache

log = logging.getLogger(__name__)

CHART_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")  # trend-<indicator code>: I1
PARAM_SCALE = "scale"


POOL = "dashboard_export_pool"
RETRY_AFTER_S = 10


class PoolFull(Exception):
    """Every export slot and queue place of this worker is taken."""


class ExportPool:
    """Image exports (and the deck) of one worker process: at most `workers` drawn at once, at
    most `queue` more waiting; past that PoolFull at once (503), never a request thread that
    waits without end. Identical deck requests under way share one job. The threads are made
    on first use, in the worker (gunicorn forks after the app is imported)."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers + queue)
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._shared: dict[str, Future] = {}

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="export")
            return self._executor

    def submit(self, job: Callable[[], bytes], share_key: str | None = None) -> Future:
        if share_key is not None:
            with self._lock:
                running = self._shared.get(share_key)
            if running is not None:
                return running  # the same deck is being made: wait for that one
        if not self._slots.acquire(blocking=False):
            raise PoolFull
        future = self._pool().submit(job)
        future.add_done_callback(lambda _f: self._slots.release())
        if share_key is not None:
            with self._lock:
                self._shared[share_key] = future
            future.add_done_callback(lambda _f: self._forget(share_key, future))
        return future

    def _forget(self, key: str, future: Future) -> None:
        with self._lock:
            if self._shared.get(key) is future:
                del self._shared[key]


def _export_pool() -> ExportPool:
    return current_app.extensions[POOL]


def register_export_routes(server: Flask) -> None:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    server.extensions[POOL] = ExportPool(
        settings.value("EXPORT_WORKERS") or cpus or 1, settings.value("EXPORT_QUEUE")
    )
    server.add_url_rule(f"{export.EXPORT_PATH}/<name>", "export", _export, methods=["GET"])


def _message(status: int, key: str, lang: str, **params: object) -> Response:
    return Response(translate(key, lang, **params) + "\n", status=status, mimetype="text/plain")


def _export(name: str) -> Response:
    lang = normalise_language(request.args.get(PARAM_LANGUAGE))
    chart_id, _, fmt = name.rpartition(".")
    if fmt not in export.FORMATS or not CHART_ID.match(chart_id):
        return _message(404, "export.unknown_format", lang, formats=", ".join(export.FORMATS))
    if chart_id == export.DECK_ID and fmt != "pdf":
        return _message(404, "export.deck_pdf_only", lang)
    scale = request.args.get(PARAM_SCALE, str(export.DEFAULT_SCALE))
    # isascii: "²" and "①" are digits to str.isdigit, not to int().
    if not (scale.isascii() and scale.isdigit()) or int(scale) not in export.SCALES:
        return _message(400, "export.bad_scale", lang, scales=", ".join(map(str, export.SCALES)))
    engine = get_engine(current_app.config.get("DATABASE_URL"))
    state = view_state(request.args.to_dict(flat=False), engine=engine)
    if state.ignored:
        return _message(400, "export.bad_filter", lang, params=", ".join(state.ignored))
    frames = charts.Frames(engine, state, cache=web_cache.current())
    as_of = frames.as_of

    def _caption(chart: charts.ChartData) -> export.Caption:
        """What a file carries besides the chart: title, filters, source, date."""
        return export.caption_for(
            state,
            title=chart.title,
            area=charts.area_of(chart_id),
            as_of=as_of,
            source_note=chart.source_note,
        )

    try:
        if chart_id == export.DECK_ID:
            data = _deck(engine, frames)
            query = request.query_string.decode("utf-8", "replace")[:1000]
            audit.record(engine, "deck_export", detail=query)
            return _file(data, "pdf", export.deck_file_stem(state), as_of)
        if fmt in ("csv", "xlsx"):  # tables: cheap, drawn in the request
            chart = charts.build(chart_id, frames)
            if chart is None:
                return _message(404, "export.unknown_chart", lang, chart=chart_id)
            if fmt == "csv":
                return _file(export.table_csv(chart, lang), fmt, chart.file_stem, as_of)
            xlsx = export.table_xlsx(chart, _caption(chart), lang)
            return _file(xlsx, fmt, chart.file_stem, as_of)
        image_scale = int(scale) if fmt == "png" else 1

        def draw() -> tuple[bytes, str] | None:
            # The whole image, chart included, in the pool: a request past the pool's limit
            # is refused before it costs anything.
            chart = charts.build(chart_id, frames)
            if chart is None:
                return None
            data = export.render_snapshot(chart, _caption(chart), fmt=fmt, scale=image_scale)
            return data, chart.file_stem

        drawn = _export_pool().submit(draw).result(timeout=settings.value("REQUEST_TIMEOUT_S"))
        if drawn is None:
            return _message(404, "export.unknown_chart", lang, chart=chart_id)
        return _file(drawn[0], fmt, drawn[1], as_of, scale=image_scale)
    except image_renderer.RendererUnavailable as error:
        log.warning("image export unavailable: %s", error)
        return _message(503, "export.unavailable", lang)
    except (PoolFull, FutureTimeout):
        log.warning("image export refused: every export slot of this worker is busy")
        response = _message(503, "export.busy", lang)
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return response


def _deck(engine, frames: charts.Frames) -> bytes:
    """The deck PDF: from the query cache when this deck of this data was made before (Redis:
    by any worker or host, and after a restart), else made in the export pool, where identical
    requests under way share one job. The key holds the link's parameters and the
    organisation's data versions, so an import makes the next request build it anew."""
    args = sorted(request.args.items(multi=True))
    share_key = f"{engine.url}|{args}"

    def build() -> bytes:
        job = _export_pool().submit(lambda: export.deck_pdf(frames), share_key=share_key)
        return job.result(timeout=settings.value("REQUEST_TIMEOUT_S"))

    versions = frames.data_versions
    if frames.cache is None or versions is None:
        return build()
    key = frames.cache.key(
        engine,
        "deck-pdf",  # the cache key's query name
        organisation_id=versions.organisation_id,
        versions=versions.by_area,
        params=[f"{name}={value}" for name, value in args],
    )
    return frames.cache.get_or_compute(key, build)


def _file(
    data: bytes, fmt: str, stem: str, as_of: dt.date, *, scale: int | None = None
) -> Response:
    # Inline, so an intranet page can show the image with <img>; the name is what "save" uses.
    response = send_file(
        io.BytesIO(data),
        mimetype=export.MEDIA_TYPES[fmt],
        as_attachment=False,
        download_name=export.file_name(stem, fmt, as_of, scale=scale),
    )
    response.headers["Cache-Control"] = "private, max-age=60"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
