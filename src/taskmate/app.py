"""``create_app()``: wires settings, database, routers, middleware and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, WebSocket
from fastapi.middleware.cors import CORSMiddleware
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from taskmate import __version__
from taskmate.api import export as export_router
from taskmate.api.drain import DRAIN_STATE, Drain
from taskmate.api.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from taskmate.api.routing import method_not_allowed
from taskmate.api.runtime import LivePolicy, Runtime
from taskmate.assistant import activity_router
from taskmate.assistant.wiring import AssistantPolicy, answering, register_undo
from taskmate.auth import me_router, tokens_router
from taskmate.auth import router as auth_router
from taskmate.auth.tokens import TokenCodec
from taskmate.broker import build_broker
from taskmate.chat import items_router as chat_items_router
from taskmate.chat import router as chat_router
from taskmate.chat import sse as chat_sse
from taskmate.chat.ws import router as chat_ws
from taskmate.config import Settings, load_settings
from taskmate.db.base import new_id
from taskmate.db.engine import Database
from taskmate.errors import install_error_handlers
from taskmate.mcp.http import PATH as MCP_PATH
from taskmate.mcp.http import McpEndpoint
from taskmate.notify import push_router, urls_router
from taskmate.notify.retry import RetryPolicy
from taskmate.notify.wiring import delivering, install_notify, notify_of, with_deliverers
from taskmate.observability.http_metrics import HttpMetricsMiddleware
from taskmate.observability.logging import configure_logging
from taskmate.observability.metrics import Metrics
from taskmate.ops import health, metrics_router
from taskmate.ops.collector import settle_after_startup
from taskmate.ops.levels import sample_levels
from taskmate.ratelimit import RateLimiter
from taskmate.reminders import notifications_router
from taskmate.reminders import router as reminders_router
from taskmate.reminders.wiring import ReminderPolicy, reminding
from taskmate.tasks import projects_router
from taskmate.tasks import router as tasks_router
from taskmate.web.router import install_web

API_PREFIX = "/api/v1"
LIVE_PATH = API_PREFIX + chat_ws.PATH


class TaskmateAPI(FastAPI):
    """Sends WebSocket connections to the live endpoint straight to it (see
    ``chat.ws.router``); everything else goes through the middleware and the router."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "websocket"
            and scope["path"].removeprefix(scope.get("root_path", "")) == LIVE_PATH
        ):
            scope["app"] = self
            await chat_ws.live_socket(WebSocket(scope, receive, send))
            return
        await super().__call__(scope, receive, send)


def build_runtime(settings: Settings, live: LivePolicy) -> Runtime:
    instance_id = new_id()
    metrics = Metrics()
    broker = build_broker(settings, instance_id=instance_id)
    broker.on_published = metrics.broker_published
    broker.on_delivered = metrics.broker_delivered
    return Runtime(
        settings=settings,
        database=Database(settings.resolved_database_url),
        events=broker,
        limiter=RateLimiter(settings, on_limited=metrics.limited),
        tokens=TokenCodec(settings.signing_key(), access_minutes=settings.access_token_minutes),
        instance_id=instance_id,
        live=live,
        metrics=metrics,
    )


def create_app(
    settings: Settings | None = None,
    *,
    live: LivePolicy | None = None,
    assistant: AssistantPolicy | None = None,
    reminders: ReminderPolicy | None = None,
    notify: RetryPolicy | None = None,
) -> FastAPI:
    """The app. ``live`` changes the live transports' timing and buffering (tests shrink
    them), ``assistant`` whether and how its generation runner answers messages,
    ``reminders`` whether its scheduler runs (and deliverers besides the app's own),
    ``notify`` how failing channels outside the app are retried; the defaults are the
    protocol's."""
    settings = settings or load_settings()
    settings.check_deployment()
    configure_logging(settings)
    runtime = build_runtime(settings, live or LivePolicy())
    reminder_policy = reminders or ReminderPolicy()
    mcp = McpEndpoint(runtime)

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[dict[str, Drain]]:
        settle_after_startup()
        await runtime.events.start()
        async with (
            answering(started.state, runtime, assistant or AssistantPolicy()),
            # Before the scheduler, so that it closes after the scheduler's last delivery.
            delivering(notify_of(started.state)),
            reminding(started.state, runtime, with_deliverers(reminder_policy, started.state)),
            runtime.metrics.sampling(),
            mcp.running(),
        ):
            yield {DRAIN_STATE: runtime.drain}  # for TaskmateServer's shutdown
        await runtime.events.close()
        await runtime.database.dispose()

    app = TaskmateAPI(
        title="Taskmate",
        version=__version__,
        summary="Tasks and a real-time assistant. Protocol: docs/protocol.md",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # taskmate.web serves /docs and /redoc from local files
        redoc_url=None,
    )
    app.state.runtime = runtime
    register_undo(app.state)
    install_notify(app.state, runtime, notify or RetryPolicy())
    install_error_handlers(app)
    app.add_exception_handler(405, method_not_allowed)
    app.add_middleware(BodySizeLimitMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.origins,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["Authorization", "Content-Type", "X-CSRF-Token", "Last-Event-ID"],
    )
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(HttpMetricsMiddleware, metrics=runtime.metrics)
    sample_levels(runtime)

    api = APIRouter(prefix=API_PREFIX)
    for router in (
        auth_router.router,
        me_router.router,
        tokens_router.router,
        export_router.router,
        tasks_router.router,
        activity_router.router,
        projects_router.router,
        reminders_router.router,
        notifications_router.router,
        chat_router.router,
        chat_items_router.router,
        chat_sse.router,
        push_router.router,
        urls_router.router,
    ):
        api.include_router(router)
    app.include_router(api)
    # A Route around an ASGI app (not a function) hands it the raw scope, every method.
    app.router.routes.append(Route(MCP_PATH, endpoint=mcp, include_in_schema=False))
    app.include_router(health.router)
    app.include_router(metrics_router.router)
    install_web(app)
    return app
