"""Field types shared by the API's bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, PlainSerializer
from pydantic_core import PydanticCustomError


def format_timestamp(value: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` and fixed microseconds, so timestamps also sort as text."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _without_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "cannot contain the NUL character (U+0000)")
    return value


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("datetime_range", "is outside the supported range") from None


Timestamp = Annotated[
    datetime, PlainSerializer(format_timestamp, return_type=str, when_used="json")
]
# An instant sent by a client: it must name its offset (``Z`` or ``+01:00``).
TimestampIn = Annotated[AwareDatetime, AfterValidator(_in_utc)]
# PostgreSQL text cannot hold U+0000: refusing it up front makes it a 422 on every database
# instead of a 500 on one of them.
WithoutNul = AfterValidator(_without_nul)
