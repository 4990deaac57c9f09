"""``/conversations/{id}/...``: the item log, sending, stop, regenerate, choices, undo, read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute, errors
from taskmate.chat.deps import (
    ConversationId,
    ItemActionsDep,
    ItemId,
    MessageServiceDep,
    ReadingServiceDep,
)
from taskmate.chat.render import item_out
from taskmate.chat.schemas import (
    ChooseIn,
    GenerationOut,
    ItemEnvelopeOut,
    ItemPageOut,
    ItemsQuery,
    MessageIn,
    ReadIn,
    SentOut,
    StoppedOut,
)
from taskmate.chat.views import ItemPage
from taskmate.errors import ValidationFailed

router = APIRouter(
    prefix="/conversations/{conversation_id}", tags=["conversations"], route_class=ApiRoute
)
FINALIZED = errors(409)  # conversation_finalized, and conflicts of the action


@router.get("/items")
async def list_items(
    reading: ReadingServiceDep,
    conversation_id: ConversationId,
    query: Annotated[ItemsQuery, Query()],
) -> ItemPageOut:
    """``after_seq``: the change feed, in ``seq`` order. ``before_position`` or neither:
    a page of history, in display order."""
    page: ItemPage
    if query.after_seq is not None:
        if query.before_position is not None:
            raise ValidationFailed.field(
                "before_position", "cannot be combined with after_seq; send one of them"
            )
        page = await reading.changes(conversation_id, after_seq=query.after_seq, limit=query.limit)
    else:
        page = await reading.history(
            conversation_id, before_position=query.before_position, limit=query.limit
        )
    return ItemPageOut(
        items=[item_out(view) for view in page.items],
        last_seq=page.last_seq,
        has_more=page.has_more,
    )


@router.post("/messages", status_code=201, responses=errors(409, 429))
async def send_message(
    body: MessageIn,
    runtime: RuntimeDep,
    messages: MessageServiceDep,
    conversation_id: ConversationId,
    response: Response,
) -> SentOut:
    """201 for a new message; 200 with the same body when the ``client_id`` was sent before."""
    sent = await messages.send(conversation_id, client_id=body.client_id, content=body.content)
    if sent.created:
        runtime.metrics.message_received("rest")
    else:
        response.status_code = 200
    return SentOut(item=item_out(sent.item), generation_id=sent.generation_id)


@router.post("/stop", responses=FINALIZED)
async def stop_generation(
    messages: MessageServiceDep, conversation_id: ConversationId
) -> StoppedOut:
    return StoppedOut(stopped=await messages.stop(conversation_id))


@router.post("/regenerate", status_code=202, responses=errors(409, 429))
async def regenerate_answer(
    messages: MessageServiceDep, conversation_id: ConversationId
) -> GenerationOut:
    return GenerationOut(generation_id=await messages.regenerate(conversation_id))


@router.post("/items/{item_id}/choose", responses=FINALIZED)
async def choose_option(
    body: ChooseIn, actions: ItemActionsDep, conversation_id: ConversationId, item_id: ItemId
) -> ItemEnvelopeOut:
    return ItemEnvelopeOut(
        item=item_out(await actions.choose(conversation_id, item_id, body.option))
    )


@router.post("/items/{item_id}/undo", responses=FINALIZED)
async def undo_tool_call(
    actions: ItemActionsDep, conversation_id: ConversationId, item_id: ItemId
) -> ItemEnvelopeOut:
    return ItemEnvelopeOut(item=item_out(await actions.undo(conversation_id, item_id)))


@router.post("/read", status_code=204)
async def mark_read(
    body: ReadIn, reading: ReadingServiceDep, conversation_id: ConversationId
) -> Response:
    await reading.mark_read(conversation_id, body.seq)
    return Response(status_code=204)
