"""Who may see and change a conversation. Every chat query starts here, scoped by the acting
user's participation: a conversation the user does not take part in, or a deleted one, is
simply not found (never "forbidden", which would reveal that it exists)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import User
from taskmate.chat.errors import conversation_finalized, conversation_not_found, owner_only
from taskmate.chat.models import Conversation, Participant
from taskmate.chat.views import ConversationView, ParticipantView


@dataclass(frozen=True, kw_only=True, slots=True)
class Membership:
    conversation: Conversation
    participant: Participant

    @property
    def is_owner(self) -> bool:
        return self.participant.role == "owner"

    def require_active(self) -> None:
        if self.conversation.status != "active":
            raise conversation_finalized()

    def require_owner(self, action: str) -> None:
        if not self.is_owner:
            raise owner_only(action)

    def require_writable_by_owner(self, action: str) -> None:
        """The conversation accepts writes at all (it is not finalized), and this one is the
        owner's to make."""
        self.require_active()
        self.require_owner(action)


async def membership(session: AsyncSession, conversation_id: str, user_id: str) -> Membership:
    row = (
        await session.execute(
            select(Conversation, Participant)
            .join(
                Participant,
                (Participant.conversation_id == Conversation.id) & (Participant.user_id == user_id),
            )
            .where(Conversation.id == conversation_id, Conversation.deleted_at.is_(None))
        )
    ).first()
    if row is None:
        raise conversation_not_found()
    return Membership(conversation=row.Conversation, participant=row.Participant)


async def owned(session: AsyncSession, conversation_id: str, user_id: str) -> Conversation:
    """The conversation ``user_id`` owns, deleted or not: for bringing one back. To anyone
    else it does not exist."""
    conversation = (
        await session.execute(
            select(Conversation)
            .join(
                Participant,
                (Participant.conversation_id == Conversation.id)
                & (Participant.user_id == user_id)
                & (Participant.role == "owner"),
            )
            .where(Conversation.id == conversation_id)
        )
    ).scalar_one_or_none()
    if conversation is None:
        raise conversation_not_found()
    return conversation


async def participants_of(
    session: AsyncSession, conversation_ids: Iterable[str]
) -> dict[str, list[ParticipantView]]:
    """The participants of each conversation, owner first, then by when they joined."""
    ids = list(conversation_ids)
    found: defaultdict[str, list[ParticipantView]] = defaultdict(list)
    if not ids:
        return found
    rows = await session.execute(
        select(Participant.conversation_id, Participant.user_id, Participant.role, User.name)
        .join(User, User.id == Participant.user_id)
        .where(Participant.conversation_id.in_(ids))
        .order_by(
            Participant.conversation_id,
            Participant.role.desc(),  # "owner" before "member"
            Participant.joined_at,
            Participant.user_id,
        )
    )
    for conversation_id, user_id, role, name in rows:
        found[conversation_id].append(ParticipantView(user_id=user_id, name=name, role=role))
    return found


async def conversation_view(session: AsyncSession, conversation: Conversation) -> ConversationView:
    participants = await participants_of(session, [conversation.id])
    return ConversationView(conversation=conversation, participants=participants[conversation.id])
