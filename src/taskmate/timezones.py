"""IANA time zone names."""

from __future__ import annotations

import zoneinfo
from functools import cache


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(name: str) -> str:
    if name not in known_timezones():
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin")
    return name
