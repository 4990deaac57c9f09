"""Conversations: create, list, read, rename, change the assistant's mode, finalize, delete,
restore.

Every method acts for the context's user, commits its own transaction and then publishes a
``conversation`` event on each participant's own channel.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.access import Membership, conversation_view, membership, owned
from taskmate.chat.context import ChatContext
from taskmate.chat.generations import request_stop
from taskmate.chat.listing import ConversationListing
from taskmate.chat.models import Conversation, Participant
from taskmate.chat.views import ConversationPage, ConversationView, ParticipantView
from taskmate.db.base import new_id
from taskmate.errors import Conflict
from taskmate.events import EventAction

# How long the owner can bring a deleted conversation back: an undo, not a trash.
RESTORE_WINDOW = timedelta(minutes=10)


class ConversationService:
    def __init__(self, ctx: ChatContext) -> None:
        self._ctx = ctx
        self._db: AsyncSession = ctx.session

    async def create(self, *, title: str | None, kind: str, assistant: str) -> ConversationView:
        actor, now = self._ctx.actor, self._ctx.now()
        conversation = Conversation(
            id=new_id(),
            title=title,
            kind=kind,
            status="active",
            assistant=assistant,
            owner_id=actor.user_id,
            last_seq=0,
            last_position=0,
            created_at=now,
            updated_at=now,
        )
        self._db.add(conversation)
        self._db.add(
            Participant(
                conversation_id=conversation.id,
                user_id=actor.user_id,
                role="owner",
                last_read_seq=0,
                joined_at=now,
            )
        )
        await self._db.flush()
        owner = ParticipantView(user_id=actor.user_id, name=actor.name, role="owner")
        view = ConversationView(conversation=conversation, participants=[owner])
        self._ctx.record_conversation(view, "created", [actor.user_id])
        await self._ctx.commit()
        return view

    async def listing(self, *, q: str | None, limit: int, cursor: str | None) -> ConversationPage:
        return await ConversationListing(self._db, self._ctx.actor.user_id).page(
            q=q, limit=limit, cursor=cursor
        )

    async def get(self, conversation_id: str) -> ConversationView:
        found = await self._membership(conversation_id)
        return await conversation_view(self._db, found.conversation)

    async def update(
        self, conversation_id: str, *, title: str | None = None, assistant: str | None = None
    ) -> ConversationView:
        """Changes what was given (None leaves a field as it is)."""
        found = await self._membership(conversation_id)
        found.require_writable_by_owner("rename it or change when the assistant answers")
        conversation = found.conversation
        if title is not None:
            conversation.title = title
        if assistant is not None:
            conversation.assistant = assistant
        if not self._db.is_modified(conversation):
            return await conversation_view(self._db, conversation)
        return await self._save(conversation, "updated")

    async def finalize(self, conversation_id: str) -> ConversationView:
        """Makes the conversation read-only for good, asking any generation to stop first.
        Finalizing it again changes nothing."""
        found = await self._membership(conversation_id)
        found.require_owner("finalize it")
        conversation = found.conversation
        if conversation.status == "finalized":
            return await conversation_view(self._db, conversation)
        conversation.status = "finalized"
        conversation.finalized_at = self._ctx.now()
        return await self._save(conversation, "updated")

    async def delete(self, conversation_id: str) -> None:
        """Soft delete, for every participant; works on finalized conversations too."""
        found = await self._membership(conversation_id)
        found.require_owner("delete it")
        found.conversation.deleted_at = self._ctx.now()
        await self._save(found.conversation, "deleted")

    async def restore(self, conversation_id: str) -> ConversationView:
        """Brings back a conversation deleted within ``RESTORE_WINDOW``, for every
        participant (a ``created`` event each); a live one is returned unchanged. Answers
        stopped by the deletion stay stopped."""
        conversation = await owned(self._db, conversation_id, self._ctx.actor.user_id)
        if conversation.deleted_at is None:
            return await conversation_view(self._db, conversation)
        if conversation.deleted_at < self._ctx.now() - RESTORE_WINDOW:
            raise Conflict("This conversation was deleted too long ago to be brought back.")
        conversation.deleted_at = None
        return await self._save(conversation, "created")

    async def _membership(self, conversation_id: str) -> Membership:
        return await membership(self._db, conversation_id, self._ctx.actor.user_id)

    async def _save(self, conversation: Conversation, action: EventAction) -> ConversationView:
        """Stamps and saves a change; a conversation that stops accepting answers (finalized
        or deleted) also asks its generations to stop, in the same transaction."""
        now = self._ctx.now()
        conversation.updated_at = now
        if conversation.status == "finalized" or conversation.deleted_at is not None:
            await request_stop(self._ctx, conversation.id)
        await self._db.flush()
        view = await conversation_view(self._db, conversation)
        self._ctx.record_conversation(view, action, [p.user_id for p in view.participants])
        await self._ctx.commit()
        return view
