"""/docs (Swagger UI) and /redoc served with their JS and CSS from an installed package, not a CDN, so the
documentation works without internet access (air-gapped deployments, a laptop on a train)."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """Create the app with docs_url=None and redoc_url=None, then call this."""
    directory = resources.files("fastapi_offline") / "static"
    title = f"{app.title} API"

    async def swagger(_request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=title,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
        )

    async def redoc(_request: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=title,
            redoc_js_url=f"{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS}/favicon.png",
            with_google_fonts=False,
        )

    app.router.routes.extend(
        [
            Route("/docs", swagger, methods=["GET"], include_in_schema=False),
            Route("/redoc", redoc, methods=["GET"], include_in_schema=False),
            Mount(ASSETS, StaticFiles(directory=str(directory)), name="docs-assets"),
        ]
    )
