"""``ask_assistant``: one turn with the configured assistant, in a conversation of kind
``mcp`` that the user's MCP clients share (so "it" and "undo that" refer to earlier turns,
and the web app shows what was said). The message goes through the chat engine like any
other; whichever instance's runner answers, this waits until the generation ends or asks a
question, woken by the conversation's events and re-reading the database once a second in
case one was lost."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.api.runtime import Runtime
from taskmate.chat.context import Actor, ChatContext
from taskmate.chat.conversations import ConversationService
from taskmate.chat.messages import MessageService
from taskmate.chat.models import Conversation, Generation, Item, Participant
from taskmate.errors import Conflict, Unavailable
from taskmate.mcp.caller import McpCaller

MCP_KIND = "mcp"
TITLE = "Connected apps (MCP)"
RECHECK_SECONDS = 1.0
UNFINISHED = ("queued", "running")
Json = dict[str, Any]


@dataclass(kw_only=True, slots=True)
class Turn:
    """What the assistant said, changed and asks, for one message."""

    conversation_id: str
    status: str
    answer: str = ""
    changes: list[Json] = field(default_factory=list)
    question: Json | None = None

    def as_json(self) -> Json:
        return {
            "conversation_id": self.conversation_id,
            "status": self.status,
            "answer": self.answer,
            "changes": self.changes,
            "question": self.question,
        }

    def text(self) -> str:
        lines = [self.answer.strip() or "(The assistant gave no answer.)"]
        for change in self.changes:
            lines.append(f"- {change['tool']}: {change['summary']}")
        if self.question:
            options = ", ".join(option["label"] for option in self.question["options"])
            lines.append(
                f"The assistant asks: {self.question['text']} ({options}). "
                "Answer with ask_assistant, e.g. 'yes' or 'no'."
            )
        return "\n".join(lines)


class Asking:
    def __init__(self, runtime: Runtime, *, answer_seconds: float) -> None:
        self._runtime = runtime
        self._answer_seconds = answer_seconds

    async def ask(self, caller: McpCaller, message: str) -> Turn:
        runtime = self._runtime
        async with runtime.database.session(write=True) as session:
            ctx = ChatContext(
                session,
                actor=Actor(user_id=caller.user_id, name=caller.name),
                clock=runtime.clock,
                publisher=runtime.events,
            )
            conversation_id = await self._conversation(ctx)
            asked = await _pending_choice(ctx.session, conversation_id, caller.user_id)
            sent = await MessageService(ctx, limiter=runtime.limiter).send(
                conversation_id, client_id=uuid.uuid4(), content=message
            )
        if sent.generation_id is None:
            raise Conflict("The assistant does not answer in this conversation.")
        turn = await self._settled(conversation_id, sent.generation_id)
        if asked is not None and asked.generation_id and await self._answered(asked.id):
            # A typed answer to the question: the turn that asked it goes on, and its
            # message carries the answer (this message gets none of its own).
            return await self._settled(conversation_id, asked.generation_id, asked.position)
        return turn

    async def _answered(self, choice_id: str) -> bool:
        async with self._runtime.database.session() as session:
            status = await session.scalar(select(Item.status).where(Item.id == choice_id))
        return status == "chosen"

    async def _conversation(self, ctx: ChatContext) -> str:
        found = await ctx.session.scalar(
            select(Conversation.id)
            .join(Participant, Participant.conversation_id == Conversation.id)
            .where(
                Participant.user_id == ctx.actor.user_id,
                Conversation.owner_id == ctx.actor.user_id,
                Conversation.kind == MCP_KIND,
                Conversation.status == "active",
                Conversation.assistant == "always",
                Conversation.deleted_at.is_(None),
            )
            .order_by(Conversation.created_at.desc())
            .limit(1)
        )
        if found is not None:
            return found
        created = await ConversationService(ctx).create(
            title=TITLE, kind=MCP_KIND, assistant="always"
        )
        return created.conversation.id

    async def _settled(
        self, conversation_id: str, generation_id: str, after_position: int = -1
    ) -> Turn:
        changed = asyncio.Event()
        listening = await self._runtime.events.listen_conversation(
            conversation_id, lambda _event: changed.set()
        )
        deadline = time.monotonic() + self._answer_seconds
        try:
            while True:
                changed.clear()
                turn = await self._turn(conversation_id, generation_id, after_position)
                if turn is not None:
                    return turn
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Unavailable(
                        "The assistant did not answer in time; its answer will appear in the "
                        f"'{TITLE}' conversation in Taskmate."
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), min(RECHECK_SECONDS, left))
        finally:
            await listening.stop()

    async def _turn(
        self, conversation_id: str, generation_id: str, after_position: int
    ) -> Turn | None:
        """The turn once the generation ended or waits for an answer; None before. Only
        the tool calls and questions placed after ``after_position`` count."""
        async with self._runtime.database.session() as session:
            status = await session.scalar(
                select(Generation.status).where(Generation.id == generation_id)
            )
            items = await _items(session, generation_id)
        answer = next((item.content for item in items if item.type == "message"), "")
        items = [item for item in items if item.position > after_position]
        pending = [item for item in items if item.type == "choice" and item.status == "pending"]
        question = _question(pending[0]) if pending else None
        if status in UNFINISHED and question is None:
            return None
        changes = [_change(item) for item in items if item.type == "tool_call"]
        return Turn(
            conversation_id=conversation_id,
            status=status or "failed",
            answer=answer,
            changes=[change for change in changes if change is not None],
            question=question,
        )


async def _items(session: AsyncSession, generation_id: str) -> list[Item]:
    found = await session.scalars(
        select(Item).where(Item.generation_id == generation_id).order_by(Item.position)
    )
    return list(found)


async def _pending_choice(session: AsyncSession, conversation_id: str, user_id: str) -> Item | None:
    """The question the assistant is waiting for this user to answer, if any."""
    choice: Item | None = await session.scalar(
        select(Item)
        .where(
            Item.conversation_id == conversation_id,
            Item.type == "choice",
            Item.status == "pending",
        )
        .order_by(Item.position.desc())
        .limit(1)
    )
    if choice is None or choice.data.get("for_user_id") != user_id:
        return None
    return choice


def _change(item: Item) -> Json | None:
    data = item.data
    result = data.get("result") or {}
    if item.status != "succeeded" or data.get("name") in {"find_tasks", "list_projects"}:
        return None
    return {"tool": data.get("name"), "summary": result.get("summary", "")}


def _question(item: Item) -> Json:
    data = item.data
    options = [{"id": o["id"], "label": o["label"]} for o in data.get("options", [])]
    return {"text": data.get("text", ""), "options": options}
