"""``/conversations`` and their items, over REST."""

from __future__ import annotations

import uuid
from typing import Any

from taskmate.client.models import Conversation, ConversationPage, Item, ItemPage, Sent
from taskmate.client.rest import Rest


class Conversations:
    def __init__(self, rest: Rest) -> None:
        self._rest = rest

    async def list(
        self, *, limit: int | None = None, cursor: str | None = None, q: str | None = None
    ) -> ConversationPage:
        """Most recently updated first."""
        params = {"limit": limit, "cursor": cursor, "q": q}
        return await self._rest.typed(ConversationPage, "GET", "/conversations", params=params)

    async def create(self, *, title: str | None = None, **fields: Any) -> Conversation:
        body = ({"title": title} if title else {}) | fields
        return await self._rest.typed(Conversation, "POST", "/conversations", body=body)

    async def get(self, conversation_id: str) -> Conversation:
        return await self._rest.typed(Conversation, "GET", f"/conversations/{conversation_id}")

    async def rename(self, conversation_id: str, title: str) -> Conversation:
        path = f"/conversations/{conversation_id}"
        return await self._rest.typed(Conversation, "PATCH", path, body={"title": title})

    async def delete(self, conversation_id: str) -> None:
        await self._rest.call("DELETE", f"/conversations/{conversation_id}")

    async def items(
        self,
        conversation_id: str,
        *,
        after_seq: int | None = None,
        before_position: int | None = None,
        limit: int | None = None,
    ) -> ItemPage:
        """The change feed (``after_seq``), or a page of the log (newest page by default)."""
        params = {"after_seq": after_seq, "before_position": before_position, "limit": limit}
        path = f"/conversations/{conversation_id}/items"
        return await self._rest.typed(ItemPage, "GET", path, params=params)

    async def changes(self, conversation_id: str, after_seq: int = 0) -> ItemPage:
        """Every item changed after ``after_seq``, in its latest state, following pages."""
        found: list[Item] = []
        while True:
            page = await self.items(conversation_id, after_seq=after_seq, limit=200)
            found.extend(page.items)
            after_seq = page.last_seq
            if not page.has_more:
                return ItemPage(items=found, last_seq=after_seq, has_more=False)

    async def send(
        self, conversation_id: str, content: str, *, client_id: str | None = None
    ) -> Sent:
        """``POST …/messages``; sending the same ``client_id`` again creates nothing."""
        body = {"client_id": client_id or str(uuid.uuid4()), "content": content}
        path = f"/conversations/{conversation_id}/messages"
        return await self._rest.typed(Sent, "POST", path, body=body)

    async def choose(self, conversation_id: str, item_id: str, option: str) -> Item:
        path = f"/conversations/{conversation_id}/items/{item_id}/choose"
        return await self._item("POST", path, {"option": option})

    async def undo(self, conversation_id: str, item_id: str) -> Item:
        return await self._item("POST", f"/conversations/{conversation_id}/items/{item_id}/undo")

    async def stop(self, conversation_id: str) -> bool:
        body = await self._rest.call("POST", f"/conversations/{conversation_id}/stop")
        return bool(body["stopped"])

    async def regenerate(self, conversation_id: str) -> str:
        body = await self._rest.call("POST", f"/conversations/{conversation_id}/regenerate")
        return str(body["generation_id"])

    async def _item(self, method: str, path: str, body: Any = None) -> Item:
        answer = await self._rest.call(method, path, body=body)
        return Item.model_validate(answer["item"])
