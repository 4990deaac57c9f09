"""HTTP latency by route template (``/api/v1/tasks/{task_id}``, never the raw path, so the
number of series stays bounded), measured to the response headers: an event stream counts
the time to open it, not its whole life."""

from __future__ import annotations

import time

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from taskmate.observability.metrics import UNMATCHED_ROUTE, Metrics


class HttpMetricsMiddleware:
    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        reported = False

        def report(status: int) -> None:
            nonlocal reported
            if reported:
                return
            reported = True
            self.metrics.request_served(
                scope["method"], _template(scope), status, time.perf_counter() - started
            )

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                report(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        except Exception:
            report(500)
            raise


def _template(scope: Scope) -> str:
    """The matched route's template, rebuilt from the path and its parameters (the route
    object alone lacks the prefixes of the routers it is included in)."""
    if not isinstance(scope.get("route"), BaseRoute):
        return UNMATCHED_ROUTE
    names = {str(value): name for name, value in scope.get("path_params", {}).items()}
    segments = scope["path"].split("/")
    return "/".join(f"{{{names[s]}}}" if s in names else s for s in segments)
