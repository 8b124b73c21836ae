"""The Dash app, built by a factory. `gunicorn app:server` serves it.

    create_app(database_url=None, redis_url=None) -> dash.Dash

The database URL defaults to the DATABASE_URL setting; pages read it from the Flask config,
so an app never shares state with another through module globals. The query cache is the app's
own too (in-process, or the Redis at redis_url / the REDIS_URL setting; "" forces in-process).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import dash
from flask import request
from flask.logging import default_handler
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from components import prerender, view_router
from dashboard import logs, settings
from dashboard.i18n import translate
from dashboard.web import (
    assets,
    auth,
    deadline,
    request_guard,
    request_log,
    security,
    template_routes,
    throttle,
)
from dashboard.web import cache as query_cache
from dashboard.web.export_routes import register_export_routes
from dashboard.web.forms import admin, data_import, login
from dashboard.web.health import register_health_route

ROOT = Path(__file__).resolve().parent
VIEW_PAGES = ("overview", "effect_goals", "service_review", "savings", "accessibility")

# Dash has no `lang` option: the document language is set here (nb by default) and kept in step
# with ?lang= by assets/lang.js. Dash's scripts sit in a <div>, not Dash's default <footer>, so
# the page has one contentinfo landmark (axe: landmark-no-duplicate-contentinfo).
INDEX_STRING = """<!DOCTYPE html>
<html lang="{default_lang}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <div class="dash-scripts">
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </div>
    </body>
</html>"""


def create_app(
    database_url: str | None = None,
    redis_url: str | None = None,
    url_prefix: str | None = None,
) -> dash.Dash:
    settings.check()  # a bad setting is refused here, naming it, not on the first view
    prefix = settings.url_prefix(url_prefix) if url_prefix else settings.value("URL_PREFIX")
    app = dash.Dash(
        __name__,
        # The views register themselves with dash.register_page (imported below); Dash's own
        # pages router is not used (components/view_router.py is the router).
        use_pages=False,
        # Bootstrap's CSS is served from assets/ (no CDN: intranets and CI have no internet).
        assets_folder=str(ROOT / "assets"),
        suppress_callback_exceptions=True,
        title="Styringsdashboard",
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": translate("app.description", settings.value("DEFAULT_LANGUAGE")),
            },
        ],
        # flask-compress: the index, assets and callback JSON (a view's figures: hundreds of kB)
        # go out compressed when the browser accepts it (gzip, br, zstd; at fast levels).
        compress=True,
        # A database that does not answer: the view says so instead of failing silently.
        on_error=request_guard.callback_error,
        # Under a sub-path the browser asks for /styring/…; the app itself routes "/…" and the
        # prefix is taken off by the dispatcher below (so Flask's routes stay as they are).
        requests_pathname_prefix=prefix,
        routes_pathname_prefix="/",
    )
    # Log lines go through the handlers dashboard/logs.py configures (gunicorn, the CLI), not
    # Flask's own stderr handler; every request is logged with its id and user.
    app.server.logger.removeHandler(default_handler)
    request_log.register(app.server)
    deadline.register(app.server)
    app.index_string = INDEX_STRING.format(default_lang=settings.value("DEFAULT_LANGUAGE"))
    app.server.config["DATABASE_URL"] = database_url or settings.get_database_url()
    app.server.config["URL_PREFIX"] = prefix
    # Not dash.page_container: its router renders the whole page again for every change of the
    # query string. components/view_router.py renders a page for a new view and redraws a
    # view's charts in place for a filter change (the pages' layout functions stay).
    for view in VIEW_PAGES:  # after the app exists: dash.register_page needs its config
        importlib.import_module(f"pages.{view}")
    app.layout = view_router.ROOT
    _prerender_views(app)
    view_router.register(app)
    query_cache.init_app(
        app.server, redis_url=settings.value("REDIS_URL") if redis_url is None else redis_url
    )
    register_export_routes(app.server)
    template_routes.register(app.server)
    register_health_route(app.server)
    assets.register(app.server)
    request_guard.register(app)
    # Access and security (docs/security.md): secret key, cookies, CSRF, headers,
    # error pages; the form pages; then who the user is, and REQUIRE_LOGIN.
    security.configure(app)
    for form_page in (login, data_import, admin):
        form_page.register(app.server)
    throttle.register(
        app.server, "login", settings.value("REDIS_URL") if redis_url is None else redis_url
    )
    routes = app.config.routes_pathname_prefix
    auth.register(
        app,
        public_endpoints={"login"},
        static_endpoints={
            routes.replace("/", "_").replace(".", "_") + "dash_assets.static",
            routes + "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
            routes + "_favicon.ico",
            "healthz",
            "robots",
            "favicon",
        },
    )
    if prefix != "/":
        server = app.server
        server.wsgi_app = DispatcherMiddleware(  # type: ignore[method-assign]
            NotFound(), {prefix.rstrip("/"): server.wsgi_app}
        )
    return app


def _prerender_views(app: dash.Dash) -> None:
    """The first response carries the view as static HTML (components/prerender.py): a phone
    paints it before Dash's bundles have loaded and the router has answered."""
    interpolate = app.interpolate_index
    content_class = next(
        c.className for c in view_router.ROOT.children if c.id == view_router.CONTENT
    )
    logger = app.server.logger

    def interpolate_index(**kwargs: str) -> str:
        try:
            query = request.query_string.decode("utf-8", "replace")
            content, _ = view_router.render_view(
                {
                    "pathname": request.script_root + request.path,
                    "search": f"?{query}" if query else "",
                }
            )
            html = prerender.prerendered(content, content_class)
        except request_guard.DATABASE_DOWN_ERRORS as error:  # the live view says so
            request_guard.log_database_down(error)
            html = ""
        except Exception:  # the live view still comes (and says what is wrong)
            logger.exception("prerendering the view failed")
            html = ""
        kwargs["app_entry"] = html + kwargs.get("app_entry", "")
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]


app = create_app()
server = app.server

if __name__ == "__main__":
    logs.configure()
    app.run(host=settings.value("HOST"), port=settings.value("PORT"), debug=False)
