"""Response headers for the web app: a strict Content-Security-Policy for pages, and
caching that suits files served as they are (no build step, so no hashed names)."""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders

# A Host header is attacker-controlled; only a plain host[:port] goes into the policy.
_PLAIN_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")

# Browsers revalidate every time; the ETag makes an unchanged file a 304 without a body.
STATIC_CACHE_CONTROL = "no-cache"


def content_security_policy(host: str, scripts: tuple[str, ...] = ()) -> str:
    """``scripts``: sources allowed besides the site's own files (a page's inline hashes)."""
    sockets = f" ws://{host} wss://{host}" if _PLAIN_HOST.match(host) else ""
    return "; ".join(
        (
            "default-src 'self'",
            " ".join(("script-src 'self'", *scripts)),
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self'{sockets}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def add_page_headers(headers: MutableHeaders, host: str, scripts: tuple[str, ...] = ()) -> None:
    headers["Content-Security-Policy"] = content_security_policy(host, scripts)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cache-Control"] = "no-store"


def add_static_headers(headers: MutableHeaders) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cache-Control"] = STATIC_CACHE_CONTROL
