"""``Text`` refuses what is not text, and every request field on every transport uses it:
the walk over REST routes, WebSocket frames and MCP tool arguments fails when a new field
is a plain ``str`` (or a body number that takes ``true``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, EmailStr, Strict, TypeAdapter, ValidationError

from taskmate.api.runtime import Runtime
from taskmate.api.text import Text
from taskmate.chat.live.client_frames import ClientFrame
from taskmate.mcp.server import build_server
from tests.conftest import MakeUser
from tests.helpers import assert_error

TextAdapter = TypeAdapter(Annotated[str, Text(max_length=20)])


@pytest.mark.parametrize(
    "value", ["a\ud800b", "\udfff", "nul\x00", "bell\x07", "escape\x1b[31m", "c1\x85"]
)
def test_text_refuses_what_cannot_be_stored_or_shown(value: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TextAdapter.validate_python(value)
    [error] = raised.value.errors()
    assert error["type"] in {"text_encoding", "text_control"}


def test_text_keeps_layout_characters_and_every_language() -> None:
    value = "a\tb\nc\r\n🙂 é 中"
    assert TextAdapter.validate_python(value) == value


def test_a_secret_may_hold_control_characters_but_never_half_a_surrogate_pair() -> None:
    secret = TypeAdapter(Annotated[str, Text(max_length=20, controls=True)])
    assert secret.validate_python("p\x00ss\x07word") == "p\x00ss\x07word"
    with pytest.raises(ValidationError):
        secret.validate_python("pass\ud800word")


def test_text_bounds_count_code_points_and_show_in_the_schema() -> None:
    bounded = TypeAdapter(Annotated[str, Text(strip=True, min_length=2, max_length=3)])
    assert bounded.validate_python(" 🙂🙂🙂 ") == "🙂🙂🙂"
    with pytest.raises(ValidationError):
        bounded.validate_python("abcd")
    assert bounded.json_schema() == {"type": "string", "minLength": 2, "maxLength": 3}


# The walk --------------------------------------------------------------------------------


def _loose(annotation: Any, metadata: list[Any], where: str, *, body: bool) -> Iterator[str]:
    """Fields under ``annotation`` that are text without ``Text``, or, in a JSON body or
    frame, integers and booleans that are not strict (``true`` taken as 1)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        yield from _loose(base, [*metadata, *extra], where, body=body)
    elif annotation in (str, EmailStr):
        if not any(isinstance(item, Text) for item in metadata):
            yield f"{where}: text without Text"
    elif annotation in (int, bool):
        if body and not any(isinstance(item, Strict) and item.strict for item in metadata):
            yield f"{where}: {annotation.__name__} that is not strict"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from _model(annotation, where, body=body)
    elif origin is not Literal:
        for argument in get_args(annotation):
            yield from _loose(argument, [], where, body=body)


def _model(model: type[BaseModel], where: str, *, body: bool) -> Iterator[str]:
    for name, field in model.model_fields.items():
        yield from _loose(field.annotation, field.metadata, f"{where}.{name}", body=body)


def _dependant(dependant: Dependant, where: str) -> Iterator[str]:
    # Path parameters are ids checked by their dependencies: malformed is a 404, not a 422.
    for field in dependant.query_params + dependant.header_params + dependant.cookie_params:
        info = field.field_info
        yield from _loose(info.annotation, info.metadata, f"{where} {field.name}", body=False)
    for field in dependant.body_params:
        info = field.field_info
        yield from _loose(info.annotation, info.metadata, f"{where} {field.name}", body=True)
    for child in dependant.dependencies:
        yield from _dependant(child, where)


def _routes(app: FastAPI) -> list[APIRoute]:
    routes = [context.original_route for context in iter_route_contexts(app.routes)]
    return [route for route in routes if isinstance(route, APIRoute)]


def test_every_rest_parameter_and_body_field_is_text_or_a_strict_number(app: FastAPI) -> None:
    routes = _routes(app)
    assert len(routes) > 40
    loose = [
        problem
        for route in routes
        for problem in _dependant(route.dependant, f"{sorted(route.methods or ())} {route.path}")
    ]
    assert loose == []


def test_every_websocket_frame_field_is_text_or_a_strict_number() -> None:
    frames = get_args(ClientFrame)
    assert len(frames) == 10
    loose = [problem for frame in frames for problem in _model(frame, frame.__name__, body=True)]
    assert loose == []


def test_every_mcp_tool_argument_is_text(runtime: Runtime) -> None:
    async def nobody(_request: Any) -> Any:
        raise AssertionError("not called")

    server = build_server(runtime, nobody)
    tools = server._tool_manager.list_tools()
    assert len(tools) >= 10
    # Numbers stay lenient here: language models send "3" for 3, and the tools check ids.
    loose = [
        problem
        for tool in tools
        for problem in _model(tool.fn_metadata.arg_model, tool.name, body=False)
    ]
    assert loose == []


def test_the_walk_finds_a_plain_string_and_a_lenient_number() -> None:
    class Careless(BaseModel):
        name: str | None
        tags: list[str]
        seq: int

    assert list(_model(Careless, "Careless", body=True)) == [
        "Careless.name: text without Text",
        "Careless.tags: text without Text",
        "Careless.seq: int that is not strict",
    ]


# Over the transports ---------------------------------------------------------------------

LONE_SURROGATE = '"a\\ud800b"'  # JSON's own escape: valid JSON, not valid text


async def test_half_a_surrogate_pair_in_a_message_is_a_422_over_rest(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    created = await client.post("/api/v1/conversations", json={}, headers=user.headers)
    body = f'{{"client_id": "{uuid.uuid4()}", "content": {LONE_SURROGATE}}}'
    response = await client.post(
        f"/api/v1/conversations/{created.json()['id']}/messages",
        content=body,
        headers={**user.headers, "Content-Type": "application/json"},
    )
    error = assert_error(response, 422, "validation_error")
    assert [field["field"] for field in error["details"]["fields"]] == ["content"]


async def test_true_is_not_a_seq(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    created = await client.post("/api/v1/conversations", json={}, headers=user.headers)
    response = await client.post(
        f"/api/v1/conversations/{created.json()['id']}/read",
        json={"seq": True},
        headers=user.headers,
    )
    error = assert_error(response, 422, "validation_error")
    assert [field["field"] for field in error["details"]["fields"]] == ["seq"]
