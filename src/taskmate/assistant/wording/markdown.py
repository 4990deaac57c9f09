"""User text (task titles, list names) inside a Markdown reply, shown as the text it is.

Chat messages are CommonMark (``chat/markdown.py``): a title like ``[win](https://x)`` or
``*urgent*`` would become a link or emphasis, and one starting with ``#`` or ``1.`` a heading or
a list when it begins a list item. Backslash escapes keep every such character literal; line
breaks become spaces so a title cannot start a block of its own.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>&])")
_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")


def escaped(text: str) -> str:
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)
