"""``Text``: the one way a request spells a text field, on every transport.

``Annotated[str, Text(max_length=200)]`` is a string that can be stored and sent on: it
refuses, with a 422 naming the field, what would otherwise fail deep inside (a lone
surrogate such as ``"\\ud800"`` cannot be encoded as UTF-8 by the database, the Markdown
renderer or the JSON encoder; PostgreSQL text cannot hold U+0000) and control characters,
which no person types (tab, line feed and carriage return are text). Lengths count code
points. ``tests/api/test_text_fields.py`` fails when a request field is a ``str`` without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import EmailStr, GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

SURROGATE = re.compile("[\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """``max_length`` is required so that every field says its bound (``None``: a service
    checks it, as message content's 413). ``strip`` trims surrounding whitespace before the
    length checks. ``controls`` lets control characters through (passwords: a secret is
    hashed, never shown or stored as text); lone surrogates are refused even then."""

    max_length: int | None
    min_length: int = 0
    strip: bool = False
    controls: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] == "str":
            schema = core_schema.str_schema(
                min_length=self.min_length or None,
                max_length=self.max_length,
                strip_whitespace=self.strip or None,
            )
        return core_schema.no_info_before_validator_function(self._check, schema)

    def _check(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the string schema says what was expected
        if found := SURROGATE.search(value):
            raise PydanticCustomError(
                "text_encoding",
                f"contains U+{ord(found.group()):04X}, half of a surrogate pair, which is "
                "not text; send valid Unicode (UTF-8)",
            )
        if self.controls:
            return value
        if found := CONTROL.search(value):
            raise PydanticCustomError(
                "text_control", f"cannot contain the control character U+{ord(found.group()):04X}"
            )
        return value


Email = Annotated[EmailStr, Text(max_length=320)]
