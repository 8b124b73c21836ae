"""Long cache lifetimes for fingerprinted assets.

Dash links every file of assets/ with `?m=<modification time>`, so a changed file gets a new URL:
such a request can be cached for a year and never asked again (Dash does the same for its own
fingerprinted component bundles). A request without the fingerprint keeps Flask's revalidation.
"""

from __future__ import annotations

from flask import Flask, Response, request

ONE_YEAR_S = 31_536_000


def register(server: Flask) -> None:
    @server.after_request
    def _cache_fingerprinted_assets(response: Response) -> Response:
        endpoint = request.endpoint or ""
        if (
            endpoint.endswith("dash_assets.static")
            and request.args.get("m")
            and response.status_code == 200
        ):
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR_S
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response
