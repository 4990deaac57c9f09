"""Sharing: the owner adds people by email and removes them; a member may leave.

The person added gets a ``created`` conversation event (shared with you), the person removed
a ``deleted`` one (so their UI drops it and the real-time layer ends their subscriptions),
and everyone else an ``updated`` one.
"""

from __future__ import annotations

from sqlalchemy import select

from taskmate.auth.models import User
from taskmate.auth.service import normalise_email
from taskmate.chat.access import conversation_view, membership
from taskmate.chat.context import ChatContext
from taskmate.chat.models import Participant
from taskmate.chat.views import ParticipantView
from taskmate.errors import Conflict, NotFound


class ParticipantService:
    def __init__(self, ctx: ChatContext) -> None:
        self._ctx = ctx
        self._db = ctx.session

    async def add(self, conversation_id: str, email: str) -> tuple[ParticipantView, bool]:
        """The participant with this email, and whether they were added just now (adding
        someone who already takes part changes nothing)."""
        found = await membership(self._db, conversation_id, self._ctx.actor.user_id)
        found.require_writable_by_owner("add participants")
        user = await self._db.scalar(select(User).where(User.email == normalise_email(email)))
        if user is None:
            raise NotFound(
                f"No account uses the email {email}; ask them to sign up first, then add them."
            )
        existing = await self._db.get(Participant, (conversation_id, user.id))
        if existing is not None:
            return ParticipantView(user_id=user.id, name=user.name, role=existing.role), False
        now = self._ctx.now()
        self._db.add(
            Participant(
                conversation_id=conversation_id,
                user_id=user.id,
                role="member",
                last_read_seq=0,
                joined_at=now,
            )
        )
        found.conversation.updated_at = now
        await self._db.flush()
        view = await conversation_view(self._db, found.conversation)
        others = [p.user_id for p in view.participants if p.user_id != user.id]
        self._ctx.record_conversation(view, "created", [user.id])
        self._ctx.record_conversation(view, "updated", others)
        await self._ctx.commit()
        return ParticipantView(user_id=user.id, name=user.name, role="member"), True

    async def remove(self, conversation_id: str, user_id: str) -> None:
        """The owner removes a member; a member removes only themselves (leaves). The owner
        cannot leave: they delete the conversation instead."""
        actor = self._ctx.actor
        found = await membership(self._db, conversation_id, actor.user_id)
        found.require_active()
        if user_id == actor.user_id and found.is_owner:
            raise Conflict(
                "The owner cannot leave their own conversation; delete it to end it for everyone."
            )
        if user_id != actor.user_id:
            found.require_owner("remove other participants")
        leaving = await self._db.get(Participant, (conversation_id, user_id))
        if leaving is None:
            raise NotFound("That person does not take part in this conversation.")
        await self._db.delete(leaving)
        found.conversation.updated_at = self._ctx.now()
        await self._db.flush()
        view = await conversation_view(self._db, found.conversation)
        self._ctx.record_conversation(view, "deleted", [user_id])
        self._ctx.record_conversation(view, "updated", [p.user_id for p in view.participants])
        await self._ctx.commit()
