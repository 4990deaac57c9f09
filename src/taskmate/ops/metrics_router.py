"""``GET /metrics``: the Prometheus exposition, outside the OpenAPI schema.

With ``TASKMATE_METRICS_TOKEN`` set it requires ``Authorization: Bearer <token>``; unset, it
answers loopback clients only, and not requests a proxy forwarded (a reverse proxy on the
same host would otherwise make every visitor look local).
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute
from taskmate.auth.deps import bearer_token
from taskmate.config import Settings
from taskmate.errors import Forbidden, Unauthorized

router = APIRouter(include_in_schema=False, route_class=ApiRoute)

FORWARDED_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
LOOPBACK_ONLY = (
    "Metrics answer local clients only. Set TASKMATE_METRICS_TOKEN to scrape them from "
    "elsewhere, with Authorization: Bearer <token>."
)
BAD_TOKEN = "Send Authorization: Bearer with the value of TASKMATE_METRICS_TOKEN."


@router.get("/metrics")
async def metrics(request: Request, runtime: RuntimeDep) -> Response:
    _authorize(request, runtime.settings)
    body = generate_latest(runtime.metrics.collect())
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def _authorize(request: Request, settings: Settings) -> None:
    if settings.metrics_token is not None:
        expected = settings.metrics_token.get_secret_value().encode()
        sent = (bearer_token(request) or "").encode()
        if not hmac.compare_digest(sent, expected):
            raise Unauthorized(BAD_TOKEN)
        return
    if not _is_loopback(request) or any(name in request.headers for name in FORWARDED_HEADERS):
        raise Forbidden(LOOPBACK_ONLY)


def _is_loopback(request: Request) -> bool:
    if request.client is None:
        return False
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False
