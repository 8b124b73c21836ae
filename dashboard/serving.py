"""`dashboard serve` (make run, make serve): nginx on HOST:PORT in front of gunicorn.

nginx (Debian's package; deploy/nginx.conf) buffers every request and response whole, so a
slow or stalled client never holds one of gunicorn's threads; gunicorn listens on a free port of
127.0.0.1 that only nginx uses, and trusts nginx's X-Forwarded-* (TRUSTED_PROXY_ADDRESSES
includes 127.0.0.1). Both run in the foreground of this process: a signal to it stops both, and
when either exits the other is stopped too, so a supervisor (systemd, a container) sees one
service.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard import settings

ROOT = settings.PROJECT_ROOT
TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
UPLOAD_OVERHEAD_MB = 1  # the form's other fields (dashboard/web/security.py)


def freeze_heap() -> None:
    """Move every object alive now (the imported app: ~200 000 of them) out of the cycle
    collector's reach, after one last collection of startup garbage.

    The collector's full pass walks every tracked object; over the app's startup heap it took
    87–166 ms here, inside a request, about one request in a hundred in the benchmark's runs
    (read with gc.callbacks). Frozen, a full pass walks only what the requests made since
    (4–8 ms). Before gunicorn forks its workers it also keeps the shared pages shared: a pass
    writes to every object it walks. Python's gc docs recommend it for forking servers
    (gc.freeze)."""
    gc.collect()
    gc.freeze()


def nginx_binary() -> str | None:
    for name in NGINX_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_local_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(run_dir: Path, *, listen: str, upstream: str) -> str:
    max_body = int(settings.value("IMPORT_MAX_FILE_MB")) + UPLOAD_OVERHEAD_MB + 1
    text = TEMPLATE.read_text(encoding="utf-8")
    values = {
        "run_dir": str(run_dir),
        "listen": listen,
        "upstream": upstream,
        "max_body_mb": str(max_body),
        "read_timeout": str(settings.value("REQUEST_TIMEOUT_S") + 10),
    }
    maps, headers = _identity_headers()
    values |= {"identity_maps": maps, "identity_headers": headers}
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    if os.geteuid() == 0:  # nginx's workers drop root; they need its temp folders
        text = "user nobody nogroup;\n" + text
    return text


def _wait_for_port(port: int, process: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)


def _identity_headers() -> tuple[str, str]:
    """nginx `geo`/`map` blocks and proxy_set_header lines that pass the single-sign-on
    headers on only from TRUSTED_PROXY_ADDRESSES (behind nginx the app sees only 127.0.0.1,
    so the check must happen here)."""
    names = [settings.value("TRUSTED_USER_HEADER"), settings.value("TRUSTED_ROLES_HEADER")]
    names = [name for name in names if name]
    if not names:
        return "", ""
    networks = settings.value("TRUSTED_PROXY_ADDRESSES")
    lines = ["    geo $dashboard_trusted_proxy {"]
    lines.append("        default 0;" if networks else "        default 1;")
    lines += [f"        {network} 1;" for network in networks]
    lines.append("    }")
    sets = []
    for name in names:
        variable = "$http_" + name.lower().replace("-", "_")
        safe = "$dashboard_" + name.lower().replace("-", "_")
        lines += [
            f"    map $dashboard_trusted_proxy {safe} {{",
            f"        1 {variable};",
            '        default "";',
            "    }",
        ]
        sets.append(f"            proxy_set_header {name} {safe};")
    return "\n".join(lines) + "\n", "\n".join(sets)


def _listen(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve(gunicorn_args: list[str] | None = None) -> int:
    """Run nginx and gunicorn until a signal or until one of them exits; its exit code."""
    nginx = nginx_binary()
    if nginx is None:
        print(
            "nginx is not installed: `make run` and `make serve` put nginx in front of gunicorn "
            "(a slow client must not hold an app thread). Install it: apt-get install nginx-light",
            file=sys.stderr,
        )
        return 1
    run_dir = Path(tempfile.mkdtemp(prefix="dashboard-nginx-"))
    run_dir.chmod(0o755)
    upstream_port = free_local_port()
    config = run_dir / "nginx.conf"
    config.write_text(
        nginx_config(
            run_dir,
            listen=_listen(settings.value("HOST"), settings.value("PORT")),
            upstream=f"127.0.0.1:{upstream_port}",
        ),
        encoding="utf-8",
    )
    proxies = settings.raw("TRUSTED_PROXY_ADDRESSES").strip()
    env = settings.child_environment(
        TRUSTED_PROXY_ADDRESSES=",".join(p for p in (proxies, "127.0.0.1/32") if p)
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    app_server = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "--bind",
         f"127.0.0.1:{upstream_port}", *(gunicorn_args or []), "app:server"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    _wait_for_port(upstream_port, app_server)  # no 502s while gunicorn boots
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(run_dir), "-e", "stderr"])
    children = (proxy, app_server)
    stopping = False

    def stop(_signum: int = 0, _frame: object = None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM if child is app_server else signal.SIGQUIT)
        for child in children:
            try:
                child.wait(timeout=40)
            except subprocess.TimeoutExpired:
                child.kill()
        shutil.rmtree(run_dir, ignore_errors=True)
    if stopping:
        return 0
    failed = [child.returncode for child in children if child.returncode not in (0, None)]
    return failed[0] if failed else 1
