"""The server as `make serve` starts it (`gunicorn -c gunicorn.conf.py app:server`), in a process
group of its own, its standard output (the JSON log lines) in a file the test reads.

    with Gunicorn(database_url, log_path, env={...}) as server:
        server.get("/healthz")
        server.log_lines()    # every JSON line written so far, parsed
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from dashboard import settings
from dashboard.harness.view_request import UPDATE_PATH, free_port, readable, view_body

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


class Gunicorn:
    def __init__(
        self,
        database_url: str,
        log: Path | None,
        *,
        workers: int = 2,
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        full_env = settings.child_environment(
            **{
                "DATABASE_URL": database_url,
                "REDIS_URL": "",
                "WEB_CONCURRENCY": str(workers),
                # gunicorn refuses to start without a secret key (dashboard/web/security.py).
                "SECRET_KEY": secrets.token_urlsafe(48),
                **self._own_environment(),
                **(env or {}),  # the caller's values win
            }
        )
        # O_APPEND: nginx and gunicorn (make run) write the same file at once.
        self._out = log.open("ab") if log else open(os.devnull, "wb")
        self.process = subprocess.Popen(
            self._command(args),
            cwd=ROOT, env=full_env, stdout=self._out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind",
                f"127.0.0.1:{self.port}", *args, "app:server"]  # fmt: skip

    def _own_environment(self) -> dict[str, str]:
        return {}

    def __enter__(self) -> Gunicorn:
        self.wait_healthy()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def wait_healthy(self, timeout_s: float = 90) -> dict:
        """Until /healthz answers; its JSON."""
        found: dict = {}

        def healthy() -> bool:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                found.update(json.load(response))
            return True

        self.wait_until(healthy, timeout_s)
        return found

    def wait_until(self, ready, timeout_s: float = 60) -> None:
        """Until `ready()` is true; connection errors count as not yet."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                if ready():
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn not ready; see {self.log}")

    def workers(self) -> list[int]:
        """The worker processes' ids (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split())

    def show(
        self, search: str = "?year=2020", pathname: str = "/minuttjakt", timeout: float = 30
    ) -> tuple[int, str]:
        """A view's data request as the browser sends it: (status, readable body)."""
        request = urllib.request.Request(
            self.url + UPDATE_PATH,
            data=json.dumps(view_body(pathname=pathname, search=search)).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, readable(response.read().decode("utf-8"))

    def get(self, path: str, timeout: float = 10) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def log_text(self) -> str:
        self._out.flush()
        return self.log.read_text(errors="replace") if self.log else ""

    def log_lines(self) -> list[dict]:
        """Every JSON line of the log so far; a line that is not JSON is returned as
        {"unparsed": line} so a test can see it."""
        lines = []
        for line in self.log_text().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                lines.append({"unparsed": line})
        return lines

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._out.close()


class Served(Gunicorn):
    """The server as `make run` / `make serve` start it: `dashboard serve`, i.e. nginx on
    HOST:PORT in front of gunicorn (dashboard/serving.py)."""

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return [str(BIN / "dashboard"), "serve", *args]

    def _own_environment(self) -> dict[str, str]:
        return {"HOST": "127.0.0.1", "PORT": str(self.port)}
