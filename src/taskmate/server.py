"""How uvicorn serves the app: the one set of options ``taskmate serve`` and the tests use."""

from __future__ import annotations

from typing import Any

from taskmate.config import Settings

MAX_FRAME_BYTES = 256 * 1024  # larger WebSocket frames close the socket with 1009
# Seconds requests still running at shutdown get to finish; event streams never finish by
# themselves, so this is also how long they delay a shutdown (their clients reconnect).
GRACEFUL_SHUTDOWN_SECONDS = 5


def server_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` or ``uvicorn.Config``.

    permessage-deflate is off: it costs memory on every socket, and frames are small. To trade
    memory for bandwidth, run uvicorn directly with ``--ws-per-message-deflate true``.
    ``X-Forwarded-For`` is left to ``TASKMATE_TRUSTED_PROXIES`` (``api/client_ip.py``), so
    uvicorn's own proxy-header handling is off.
    """
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "ws": "websockets-sansio",
        "ws_max_size": MAX_FRAME_BYTES,
        "ws_per_message_deflate": False,
        "proxy_headers": False,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }
