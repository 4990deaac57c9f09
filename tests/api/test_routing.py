"""Every route reads JSON through the bounded reader, documents the errors it answers with,
and a 405 names every method its path takes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from taskmate.api.json_input import MAX_DEPTH
from taskmate.api.routing import ApiRoute
from tests.conftest import MakeUser
from tests.helpers import assert_error

JSON = {"Content-Type": "application/json"}


def test_every_route_is_an_api_route(app: FastAPI) -> None:
    routes = [context.original_route for context in iter_route_contexts(app.routes)]
    plain = [
        route.path
        for route in routes
        if isinstance(route, APIRoute) and not isinstance(route, ApiRoute)
    ]
    assert plain == []


@pytest.mark.parametrize(
    "body", ['{"title": ', "{'title': 'single quotes'}", '{"title": "a"} trailing', "\xff"]
)
async def test_malformed_json_is_a_400_bad_request(
    client: httpx.AsyncClient, make_user: MakeUser, body: str
) -> None:
    user = await make_user()
    response = await client.post(
        "/api/v1/tasks", content=body.encode("latin-1"), headers={**user.headers, **JSON}
    )
    error = assert_error(response, 400, "bad_request")
    assert "details" not in error


async def test_json_nested_past_the_bound_is_a_400_and_within_it_is_read(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    headers = {**user.headers, **JSON}
    deep = "[" * 100_000 + "]" * 100_000
    response = await client.post("/api/v1/tasks", content=deep, headers=headers)
    assert "deeper than 32" in assert_error(response, 400, "bad_request")["message"]
    nested = '{"title": "a", "labels": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    within = await client.post("/api/v1/tasks", content=nested, headers=headers)
    assert_error(within, 422, "validation_error")  # read, then refused by the schema


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/v1/tasks/1", "GET, PATCH, DELETE"),
        ("PUT", "/api/v1/me", "GET, PATCH, DELETE"),
        ("DELETE", "/api/v1/tasks", "GET, POST"),
        ("GET", "/api/v1/auth/login", "POST"),
    ],
)
async def test_a_405_allows_every_method_of_the_path(
    client: httpx.AsyncClient, method: str, path: str, allowed: str
) -> None:
    response = await client.request(method, path)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == allowed


def _operations(app: FastAPI) -> dict[tuple[str, str], dict[str, Any]]:
    paths: dict[str, dict[str, dict[str, Any]]] = app.openapi()["paths"]
    return {
        (method.upper(), path): operation
        for path, methods in paths.items()
        for method, operation in methods.items()
    }


def test_every_documented_error_has_the_protocol_envelope(app: FastAPI) -> None:
    operations = _operations(app)
    assert len(operations) > 40
    for key, operation in operations.items():
        errors = {status: body for status, body in operation["responses"].items() if status >= "4"}
        assert errors, key
        for body in errors.values():
            schema = body["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}, key


def test_errors_follow_from_the_route_and_its_declaration(app: FastAPI) -> None:
    def statuses(method: str, path: str) -> set[str]:
        return set(_operations(app)[(method, "/api/v1" + path)]["responses"])

    assert statuses("GET", "/me") == {"200", "401", "403", "503"}
    assert statuses("PATCH", "/tasks/{task_id}") == {
        "200", "400", "401", "403", "404", "413", "422", "503",
    }  # fmt: skip
    assert statuses("POST", "/auth/login") == {"200", "400", "401", "413", "422", "429", "503"}
    assert {"409", "429"} <= statuses("POST", "/conversations/{conversation_id}/messages")
