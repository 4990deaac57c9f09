"""Field types shared by the API's bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, PlainSerializer
from pydantic_core import PydanticCustomError


def format_timestamp(value: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` and fixed microseconds, so timestamps also sort as text."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


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
