"""The one reader of JSON that clients send: REST bodies and WebSocket frames.

It bounds what reaching the parser may cost. Past ``max_bytes`` it is a 413; nested past
``max_depth`` (Python's parser recurses, and 100,000 ``[`` raised ``RecursionError``) or
not JSON at all, a 400 ``bad_request`` saying where. The nesting is measured before parsing,
from the brackets outside strings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from taskmate.errors import BadRequest, PayloadTooLarge

MAX_DEPTH = 32
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)  # escapes included
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonLimits:
    what: str  # "body" or "frame", for the messages
    max_bytes: int
    max_depth: int = MAX_DEPTH


BODY = JsonLimits(what="body", max_bytes=1024 * 1024)
FRAME = JsonLimits(what="frame", max_bytes=256 * 1024)


def read_json(data: str | bytes, limits: JsonLimits) -> Any:
    """The JSON value in ``data``; raises ``PayloadTooLarge`` or ``BadRequest``."""
    size = len(data.encode() if isinstance(data, str) else data)
    if size > limits.max_bytes:
        raise PayloadTooLarge(
            f"The {limits.what} is {size} bytes; at most {limits.max_bytes} are read."
        )
    try:
        text = data.decode() if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise BadRequest(
            f"The {limits.what} is not UTF-8 (byte {error.start}); send JSON as UTF-8."
        ) from None
    if _depth(text) > limits.max_depth:
        raise BadRequest(
            f"The {limits.what} nests arrays and objects deeper than {limits.max_depth} "
            "levels; send flatter JSON."
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(
            f"The {limits.what} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from None


def _depth(text: str) -> int:
    """How deep the brackets outside strings nest; every step runs in C (regular
    expressions, ``map``, ``accumulate``, ``max``), so a 1 MiB body costs milliseconds."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
