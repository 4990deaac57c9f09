"""Response headers for the web app: a strict Content-Security-Policy for pages, and
caching that suits files served as they are (no build step, so no hashed names)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from starlette.datastructures import MutableHeaders

# A Host header is attacker-controlled; only a plain host[:port] goes into the policy.
_PLAIN_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")

# Browsers revalidate every time; the ETag makes an unchanged file a 304 without a body.
STATIC_CACHE_CONTROL = "no-cache"


Sources = Mapping[str, tuple[str, ...]]


def content_security_policy(host: str, allow: Sources = MappingProxyType({})) -> str:
    """``allow``: sources a page needs besides the site's own files, by directive (its
    inline scripts' hashes in ``script-src``, say)."""
    sockets = f" ws://{host} wss://{host}" if _PLAIN_HOST.match(host) else ""
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "connect-src": f"'self'{sockets}",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    for directive, sources in allow.items():
        directives[directive] = " ".join((directives.get(directive, "'self'"), *sources))
    return "; ".join(f"{directive} {sources}" for directive, sources in directives.items())


def add_page_headers(
    headers: MutableHeaders, host: str, allow: Sources = MappingProxyType({})
) -> None:
    headers["Content-Security-Policy"] = content_security_policy(host, allow)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cache-Control"] = "no-store"


def add_static_headers(headers: MutableHeaders) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cache-Control"] = STATIC_CACHE_CONTROL
