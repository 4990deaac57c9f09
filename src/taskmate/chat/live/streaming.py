"""The text so far of messages still streaming, from the generation runner's stream store.

Between checkpoints a streaming message's text lives outside the database
(``chat.stream_store``). A live subscriber must get such a message "with its content so far",
so whoever wires the runner registers its store on the app
(``app.state.chat_stream_store``); without one, subscribers get the last checkpoint.
"""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import State

STREAM_STORE_STATE = "chat_stream_store"


class TextSoFar(Protocol):
    async def read(self, item_id: str) -> str | None:
        """The message's text so far, or None when the store does not hold it."""
        ...


class CheckpointsOnly:
    async def read(self, item_id: str) -> str | None:
        return None


def text_so_far(state: State) -> TextSoFar:
    registered: TextSoFar = getattr(state, STREAM_STORE_STATE, CheckpointsOnly())
    return registered
