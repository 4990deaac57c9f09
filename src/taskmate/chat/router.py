"""``/conversations``: create, list, read, change, finalize, delete, restore, and share."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from taskmate.api.routing import ApiRoute, errors
from taskmate.chat.deps import ConversationId, ConversationServiceDep, ParticipantServiceDep, UserId
from taskmate.chat.render import (
    ConversationOut,
    ParticipantOut,
    conversation_out,
    conversation_summary_out,
    participant_out,
)
from taskmate.chat.schemas import (
    ConversationCreate,
    ConversationPageOut,
    ConversationPatch,
    ConversationQuery,
    ParticipantIn,
)

router = APIRouter(prefix="/conversations", tags=["conversations"], route_class=ApiRoute)
FINALIZED = errors(409)  # conversation_finalized, and conflicts of the action


@router.post("", status_code=201)
async def create_conversation(
    body: ConversationCreate, conversations: ConversationServiceDep
) -> ConversationOut:
    view = await conversations.create(title=body.title, kind=body.kind, assistant=body.assistant)
    return conversation_out(view)


@router.get("")
async def list_conversations(
    conversations: ConversationServiceDep, query: Annotated[ConversationQuery, Query()]
) -> ConversationPageOut:
    page = await conversations.listing(q=query.q or None, limit=query.limit, cursor=query.cursor)
    return ConversationPageOut(
        items=[conversation_summary_out(summary) for summary in page.items],
        next_cursor=page.next_cursor,
    )


@router.get("/{conversation_id}")
async def read_conversation(
    conversations: ConversationServiceDep, conversation_id: ConversationId
) -> ConversationOut:
    return conversation_out(await conversations.get(conversation_id))


@router.patch("/{conversation_id}", responses=FINALIZED)
async def update_conversation(
    body: ConversationPatch, conversations: ConversationServiceDep, conversation_id: ConversationId
) -> ConversationOut:
    view = await conversations.update(conversation_id, title=body.title, assistant=body.assistant)
    return conversation_out(view)


@router.delete("/{conversation_id}", status_code=204)
async def delete_conversation(
    conversations: ConversationServiceDep, conversation_id: ConversationId
) -> Response:
    await conversations.delete(conversation_id)
    return Response(status_code=204)


@router.post("/{conversation_id}/restore", responses=errors(409))
async def restore_conversation(
    conversations: ConversationServiceDep, conversation_id: ConversationId
) -> ConversationOut:
    """The owner undoes a delete, within minutes (409 after)."""
    return conversation_out(await conversations.restore(conversation_id))


@router.post("/{conversation_id}/finalize")
async def finalize_conversation(
    conversations: ConversationServiceDep, conversation_id: ConversationId
) -> ConversationOut:
    return conversation_out(await conversations.finalize(conversation_id))


@router.post("/{conversation_id}/participants", status_code=201, responses=FINALIZED)
async def add_participant(
    body: ParticipantIn,
    participants: ParticipantServiceDep,
    conversation_id: ConversationId,
    response: Response,
) -> ParticipantOut:
    """201 when the person was added, 200 when they already took part."""
    participant, added = await participants.add(conversation_id, body.email)
    if not added:
        response.status_code = 200
    return participant_out(participant)


@router.delete("/{conversation_id}/participants/{user_id}", status_code=204, responses=FINALIZED)
async def remove_participant(
    participants: ParticipantServiceDep, conversation_id: ConversationId, user_id: UserId
) -> Response:
    await participants.remove(conversation_id, user_id)
    return Response(status_code=204)
