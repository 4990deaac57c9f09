"""The pages (`/`, `/login`, `/signup`, `/chat`, `/chat/{id}`, `/settings`, `/offline`),
`/static`, the service worker `/sw.js` and the API pages `/docs` and `/redoc` (see
``api_docs``).

Pages are static HTML shells whose ES modules talk to the API. Whether someone is signed in
is decided here from the session cookie, so a signed-out visitor is redirected before any
script runs; an expired access token also counts as signed out, and the login page then
tries a silent refresh before asking for a password.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

from taskmate.api.routing import ApiRoute
from taskmate.api.runtime import Runtime
from taskmate.auth.cookies import ACCESS_COOKIE
from taskmate.errors import Unauthorized
from taskmate.web import api_docs
from taskmate.web.headers import add_page_headers, add_static_headers

STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False, route_class=ApiRoute)


class _StaticFiles(StaticFiles):
    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        add_static_headers(response.headers)
        return response


def _signed_in(request: Request) -> bool:
    token = request.cookies.get(ACCESS_COOKIE)
    if not token:
        return False
    runtime: Runtime = request.app.state.runtime
    try:
        runtime.tokens.decode_access(token)
    except Unauthorized:
        return False
    return True


def _page(request: Request, name: str) -> Response:
    response = FileResponse(STATIC_DIR / name, media_type="text/html")
    add_page_headers(response.headers, request.headers.get("host", ""))
    return response


def _signed_in_page(request: Request, name: str) -> Response:
    if _signed_in(request):
        return _page(request, name)
    query = request.url.query  # the dashboard's view (`/?view=today`) comes back too
    target = quote(f"{request.url.path}?{query}" if query else request.url.path, safe="/")
    return RedirectResponse(f"/login?next={target}", status_code=303)


@router.get("/")
async def dashboard(request: Request) -> Response:
    return _signed_in_page(request, "dashboard.html")


@router.get("/chat")
async def chat(request: Request) -> Response:
    return _signed_in_page(request, "chat.html")


@router.get("/chat/{conversation_id}")
async def conversation(request: Request, conversation_id: str) -> Response:
    return _signed_in_page(request, "chat.html")


@router.get("/settings")
async def settings(request: Request) -> Response:
    return _signed_in_page(request, "settings.html")


@router.get("/sw.js")
async def service_worker() -> Response:
    """At the root, because a worker's scope is at most the folder it is served from."""
    response = FileResponse(STATIC_DIR / "sw.js", media_type="text/javascript")
    add_static_headers(response.headers)
    return response


@router.get("/offline")
async def offline(request: Request) -> Response:
    """What the service worker shows when a page cannot load: public, as it holds nothing
    but scripts that read this browser's own storage."""
    return _page(request, "offline.html")


@router.get("/login")
async def login(request: Request) -> Response:
    return _page(request, "login.html")


@router.get("/signup")
async def signup(request: Request) -> Response:
    return _page(request, "signup.html")


def install_web(app: FastAPI) -> None:
    app.include_router(router)
    app.include_router(api_docs.router)
    # Before `/static`, whose mount would otherwise answer these paths too.
    app.mount(api_docs.ASSETS_PATH, _StaticFiles(directory=api_docs.ASSETS_DIR), name="api-docs")
    app.mount("/static", _StaticFiles(directory=STATIC_DIR), name="static")
