"""The client's address, believing ``X-Forwarded-For`` only from trusted proxies."""

from __future__ import annotations

import ipaddress

from starlette.requests import HTTPConnection

from taskmate.config import IPNetwork


def _is_trusted(address: str, trusted: list[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_ip(connection: HTTPConnection, trusted: list[IPNetwork]) -> str:
    """Walk ``X-Forwarded-For`` from the right, skipping trusted proxies."""
    peer = connection.client.host if connection.client else "unknown"
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in connection.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _is_trusted(hop, trusted):
            return hop
    return peer
