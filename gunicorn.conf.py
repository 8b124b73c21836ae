"""gunicorn settings for `make run` and production (`gunicorn -c gunicorn.conf.py app:server`).

Every value can be overridden on the command line (e.g. `--bind`, `-w`); what varies between
deployments comes from settings (dashboard/settings.py, docs/settings.md): HOST, PORT and
WEB_CONCURRENCY. Workers share nothing in memory that matters: the database and, with
REDIS_URL, the query cache are outside the process, so any worker on any host can answer any
request (no sticky sessions).
"""

import os

from dashboard import logs, serving, settings

# HOST/PORT: 127.0.0.1:8050 by default; 0.0.0.0 behind a load balancer.
settings.check_or_exit()  # a bad setting stops the server here, naming it
bind = f"{settings.value('HOST')}:{settings.value('PORT')}"

# Building a view's figures is CPU work under the GIL, so one process per CPU; WEB_CONCURRENCY
# overrides. Capped at 8 by default: each worker is ~130 MB (+ its own Chromium once it has
# drawn an export), and past that another host is the better way to grow.
_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = settings.value("WEB_CONCURRENCY") or min(max(_cpus, 2), 8)

# Sixteen threads per worker. nginx in front (make run/serve, dashboard/serving.py) hands a
# request over only once it has it whole, so no thread waits for a slow client; the heavy work
# (image exports, the deck) runs in a bounded pool per worker (EXPORT_WORKERS) whose waiters
# only sleep; so threads mostly wait for PostgreSQL or the pool, and a view still finds one
# free while exports are drawn. gthread keeps idle keep-alive connections out of the threads.
worker_class = "gthread"
threads = 16

# A worker whose master hears nothing from it for this long is stuck and is replaced. It does
# not end a long request (gthread never does): every request has its own deadline,
# REQUEST_TIMEOUT_S (dashboard/web/deadline.py: a watchdog, and statement_timeout on
# PostgreSQL).
timeout = 60

# On a restart or deploy (SIGTERM/SIGHUP), requests under way get this long to finish.
graceful_timeout = 30

# Replace each worker after about 1000 requests (the jitter keeps them from restarting all at
# once): bounds slow memory growth (allocator fragmentation, a long-lived Chromium) per worker.
# The worker's Chromium goes with it (kaleido closes it when its process exits; checked).
max_requests = 1000
max_requests_jitter = 100

# Preload: import the app (dash, pandas, plotly: ~2 s, ~130 MB) once in the master and fork it,
# so a worker replaced by max_requests starts at once and shares the imported code's memory.
# Safe because nothing opens a connection, a thread or a browser at import: database engines,
# the Redis connection pool and kaleido's Chromium (dashboard/image_renderer.py) are all made
# lazily, in each worker, on first use (tests/test_deployment.py holds this). The price: a
# code change needs a restart of gunicorn, not a HUP.
preload_app = True


def on_starting(_server):
    """Every start under gunicorn (make serve, make run, production) needs a real secret key:
    refuse an empty, placeholder or short one with a message, exit status 1 (docs/security.md,
    "Secret key"). Only the app made without gunicorn (tests, python app.py) may do without."""
    from dashboard.web import security

    security.require_secret_key()


def pre_fork(_server, _worker):
    """The preloaded app's heap frozen before each worker is forked (dashboard/serving.py,
    freeze_heap): the workers' garbage collector never walks it again."""
    serving.freeze_heap()


# gunicorn 27 opens a control socket by default; one machine may run several instances.
control_socket_disable = True

# Logs: one JSON object per line on standard output, gunicorn's own lines too (dashboard/logs.py).
# One line per request comes from the app (dashboard.request, with the request id and the
# user), so gunicorn's access log, which knows neither, stays off.
logconfig_dict = logs.config()
accesslog = None
