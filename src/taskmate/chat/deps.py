"""Dependencies of the chat routes: services for the caller, and ids from the path."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated

import structlog
from fastapi import Depends, Request

from taskmate.api.deps import RuntimeDep, SessionDep
from taskmate.auth.deps import ChatUser
from taskmate.chat.actions import ItemActions
from taskmate.chat.context import Actor, ChatContext
from taskmate.chat.conversations import ConversationService
from taskmate.chat.errors import conversation_not_found, item_not_found
from taskmate.chat.handoff import local_runner
from taskmate.chat.hooks import undo_handlers
from taskmate.chat.messages import MessageService
from taskmate.chat.participants import ParticipantService
from taskmate.chat.reading import ReadingService
from taskmate.errors import NotFound


def chat_context(session: SessionDep, runtime: RuntimeDep, user: ChatUser) -> ChatContext:
    return ChatContext(
        session,
        actor=Actor(user_id=user.id, name=user.name),
        clock=runtime.clock,
        publisher=runtime.events,
    )


ChatContextDep = Annotated[ChatContext, Depends(chat_context)]


def conversation_service(ctx: ChatContextDep) -> ConversationService:
    return ConversationService(ctx)


def participant_service(ctx: ChatContextDep) -> ParticipantService:
    return ParticipantService(ctx)


def message_service(ctx: ChatContextDep, runtime: RuntimeDep, request: Request) -> MessageService:
    return MessageService(ctx, limiter=runtime.limiter, runner=local_runner(request.app.state))


def item_actions(ctx: ChatContextDep, request: Request) -> ItemActions:
    return ItemActions(ctx, undo_handlers=undo_handlers(request.app.state))


def reading_service(ctx: ChatContextDep) -> ReadingService:
    return ReadingService(ctx)


ConversationServiceDep = Annotated[ConversationService, Depends(conversation_service)]
ParticipantServiceDep = Annotated[ParticipantService, Depends(participant_service)]
MessageServiceDep = Annotated[MessageService, Depends(message_service)]
ItemActionsDep = Annotated[ItemActions, Depends(item_actions)]
ReadingServiceDep = Annotated[ReadingService, Depends(reading_service)]


def _uuid(raw: str, not_found: Callable[[], NotFound]) -> str:
    """Ids in paths are UUIDs, in their canonical spelling; anything else is not found."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise not_found() from None


async def conversation_id_path(conversation_id: str) -> str:
    """Async, so that the log context it binds reaches the endpoint (no worker thread)."""
    canonical = _uuid(conversation_id, conversation_not_found)
    structlog.contextvars.bind_contextvars(conversation_id=canonical)
    return canonical


def item_id_path(item_id: str) -> str:
    return _uuid(item_id, item_not_found)


def user_id_path(user_id: str) -> str:
    return _uuid(user_id, lambda: NotFound("That person does not take part in this conversation."))


ConversationId = Annotated[str, Depends(conversation_id_path)]
ItemId = Annotated[str, Depends(item_id_path)]
UserId = Annotated[str, Depends(user_id_path)]
