"""Static images of plotly figures (PNG, SVG, PDF) with kaleido v1 and the system Chromium.

One browser per process, started on the first export and reused (warm: ~0.1 s a PNG instead of
~1.5 s cold). It runs with MathJax off and plotly.js from the installed package, so an export
never touches the network.

kaleido's own `start_sync_server` serves one caller at a time through shared queues (two gunicorn
threads could receive each other's images) and waits forever when its browser has died; so the
`Kaleido` object runs here on an event loop of its own thread and every call waits for its own
future, with a timeout.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from dashboard import settings

log = logging.getLogger(__name__)

FORMATS = ("png", "svg", "pdf")
RENDER_TIMEOUT_S = 60


class RendererUnavailable(RuntimeError):
    """Chromium is missing or failed; the message says which, for the user and the log."""


class _Renderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None

    def _start(self) -> None:
        import kaleido

        path = settings.value("BROWSER_PATH")
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise RendererUnavailable(f"Chromium not found at BROWSER_PATH={path}")
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()
        k = kaleido.Kaleido(n=1, mathjax=False, path=path, timeout=RENDER_TIMEOUT_S)
        try:
            asyncio.run_coroutine_threadsafe(k.open(), loop).result(RENDER_TIMEOUT_S)
        except Exception as error:
            loop.call_soon_threadsafe(loop.stop)
            raise RendererUnavailable(f"Chromium at {path} did not start: {error}") from error
        self._loop, self._kaleido = loop, k
        log.info("kaleido: Chromium started (%s)", path)

    def stop(self) -> None:
        with self._lock:
            loop, k = self._loop, self._kaleido
            self._loop = self._kaleido = None
        if loop and k:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
            except Exception:  # a dead browser cannot be closed politely
                log.warning("kaleido: browser did not close cleanly", exc_info=True)
            loop.call_soon_threadsafe(loop.stop)

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def render(self, figure: dict, *, fmt: str, width: int, height: int, scale: float) -> bytes:
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}")
        with self._lock:
            if self._kaleido is None:
                self._start()
            loop, k = self._loop, self._kaleido
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        future = asyncio.run_coroutine_threadsafe(k.calc_fig(figure, opts=opts), loop)
        try:
            return future.result(RENDER_TIMEOUT_S)
        except (FutureTimeout, OSError, RuntimeError) as error:
            # The browser died or hung: drop it, so the next export starts a fresh one.
            future.cancel()
            self.stop()
            raise RendererUnavailable(f"Chromium failed to draw the image: {error}") from error


_RENDERER = _Renderer()


def render(figure: dict, *, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure (a plotly figure dict) as PNG, SVG or PDF bytes."""
    return _RENDERER.render(figure, fmt=fmt, width=width, height=height, scale=scale)


def is_warm() -> bool:
    return _RENDERER.running


def stop() -> None:
    """Close the browser (tests and benchmarks measure cold starts with it)."""
    _RENDERER.stop()
