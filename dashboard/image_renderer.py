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
import base64
import json
import logging
import os
import tempfile
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
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
        self._printer: _Printer | None = None

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
            printer, self._printer = self._printer, None
        if printer and printer._folder:
            printer._folder.cleanup()
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

    def print_pages(self, expression: str) -> bytes:
        with self._lock:
            if self._kaleido is None:
                self._start()
            loop, k = self._loop, self._kaleido
            if self._printer is None or self._printer.browser is not k:
                self._printer = _Printer(k)
            printer = self._printer
        future = asyncio.run_coroutine_threadsafe(printer.print(expression), loop)
        try:
            return future.result(RENDER_TIMEOUT_S)
        except (FutureTimeout, OSError, RuntimeError) as error:
            future.cancel()
            self.stop()
            raise RendererUnavailable(f"Chromium failed to print the document: {error}") from error


# The print tab's page: plotly.js from disk and dashboard/print_page.js (lays a document into
# the page, draws its figures, turns pattern fills into vector hatching, waits for the fonts).
PRINT_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title>'
    '<style id="page-style"></style><script src="PLOTLY"></script>'
    '<script src="PRINT_JS"></script></head><body></body></html>'
)
PRINT_JS = Path(__file__).with_name("print_page.js")


class _Printer:
    """One tab of the warm browser kept for printing, with plotly.js loaded once: each document
    is laid into it and printed (one at a time: the tab is the page being printed)."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self._tab: Any = None
        self._lock: asyncio.Lock | None = None
        self._folder: tempfile.TemporaryDirectory | None = None

    async def _open(self) -> Any:
        import plotly

        plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        self._folder = tempfile.TemporaryDirectory(prefix="dashboard-print-")
        path = Path(self._folder.name) / "print-page.html"
        page = PRINT_PAGE.replace("PLOTLY", plotly_js.as_uri())
        path.write_text(page.replace("PRINT_JS", PRINT_JS.as_uri()), encoding="utf-8")
        tab = await self.browser.create_tab("about:blank")
        _check(await tab.send_command("Page.enable"))
        loaded = tab.subscribe_once("Page.loadEventFired")
        _check(await tab.send_command("Page.navigate", params={"url": path.as_uri()}))
        await loaded
        return tab

    async def print(self, expression: str) -> bytes:
        """Evaluate `expression` (a call of layOut) in the print tab, then print the page."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._tab is None:
                self._tab = await self._open()
            tab = self._tab
            try:
                drawn = await tab.send_command(
                    "Runtime.evaluate",
                    params={
                        "expression": expression,
                        "awaitPromise": True,
                        "returnByValue": True,
                    },
                )
                _check(drawn)
                if "exceptionDetails" in drawn.get("result", {}):
                    details = drawn["result"]["exceptionDetails"]
                    raise RuntimeError(f"the document failed to draw: {details}")
                printed = await tab.send_command(
                    "Page.printToPDF",
                    params={"preferCSSPageSize": True, "printBackground": True},
                )
                _check(printed)
                return base64.b64decode(printed["result"]["data"])
            except BaseException:
                # A tab in an unknown state is not reused.
                self._tab = None
                await self.browser.close_tab(tab.target_id)
                raise
            finally:
                if self._tab is not None:
                    await tab.send_command(
                        "Runtime.evaluate",
                        params={"expression": "Plotly.purge && (document.body.innerHTML = '')"},
                    )


def _check(response: dict) -> None:
    if "error" in response:
        raise RuntimeError(f"DevTools: {response['error']}")


_RENDERER = _Renderer()


def render(figure: dict, *, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure (a plotly figure dict) as PNG, SVG or PDF bytes."""
    return _RENDERER.render(figure, fmt=fmt, width=width, height=height, scale=scale)


def print_pages(*, title: str, lang: str, css: str, body: str, figures: dict[str, str]) -> bytes:
    """An HTML document as one PDF, printed by the same warm Chromium in one pass (fonts
    embedded once, every page in one go): `body` with its print `css` (page size by @page),
    and each of `figures` (plotly figure JSON by element id) drawn into its element first."""
    document = json.dumps({"title": title, "lang": lang, "css": css, "body": body})
    drawn = ",".join(f"{json.dumps(key)}:{value}" for key, value in figures.items())
    return _RENDERER.print_pages(f"layOut({document}, {{{drawn}}})")


def is_warm() -> bool:
    return _RENDERER.running


def stop() -> None:
    """Close the browser (tests and benchmarks measure cold starts with it)."""
    _RENDERER.stop()
