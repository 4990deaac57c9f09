"""`/docs` and `/redoc`: the API pages (Swagger UI, ReDoc) from files shipped in a package,
so they work on a network without the internet.

FastAPI's Swagger page starts Swagger UI with one inline script; its hash goes into this
page's policy, so the page needs no `'unsafe-inline'` and every other page keeps its own
policy.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse, Response

from taskmate.api.routing import ApiRoute
from taskmate.web.headers import add_page_headers

ASSETS_PATH = "/static/api-docs"  # mounted by install_web
# fastapi-offline keeps Swagger UI's bundle and stylesheet, ReDoc's bundle and a favicon here.
ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))

REDOC_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{assets}/favicon.png">
</head>
<body>
<redoc spec-url="{spec}"></redoc>
<script src="{assets}/redoc.standalone.js"></script>
</body>
</html>
"""

REDOC_ALLOWS = {"style-src": ("'unsafe-inline'",), "worker-src": ("blob:",)}

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)

router = APIRouter(include_in_schema=False, route_class=ApiRoute)


def inline_script_sources(html: str) -> tuple[str, ...]:
    """CSP sources (`'sha256-…'`) that allow exactly the inline scripts of ``html``."""
    digests = (hashlib.sha256(script.encode()).digest() for script in _INLINE_SCRIPT.findall(html))
    return tuple(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


@router.get("/docs")
async def swagger_ui(request: Request) -> Response:
    app: FastAPI = request.app
    assert app.openapi_url is not None
    page = get_swagger_ui_html(
        openapi_url=app.openapi_url,
        title=f"{app.title} API",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        oauth2_redirect_url=None,
    )
    html = bytes(page.body).decode()
    add_page_headers(
        page.headers, request.headers.get("host", ""), {"script-src": inline_script_sources(html)}
    )
    return page


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc's bundle (styled-components) adds `<style>` elements as it renders, with no
    nonce it can be handed (its `nonce` option never reaches them), so this page alone
    allows inline styles; its search runs in a worker it makes from a blob. Scripts stay
    limited to the site's own files, and the page shows nothing but this server's schema."""
    app: FastAPI = request.app
    assert app.openapi_url is not None
    title = html.escape(f"{app.title} API reference")
    page = HTMLResponse(
        REDOC_PAGE.format(title=title, assets=ASSETS_PATH, spec=html.escape(app.openapi_url))
    )
    add_page_headers(page.headers, request.headers.get("host", ""), REDOC_ALLOWS)
    return page
