"""Every failure leaves in the protocol's envelope, and nothing internal leaks."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI
from structlog.testing import capture_logs

from taskmate.app import create_app
from taskmate.config import Settings
from taskmate.errors import install_error_handlers
from tests.conftest import BASE_URL, TEST_SECRET
from tests.helpers import assert_error


async def test_unknown_route(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/v1/nothing-here"), 404, "not_found")


async def test_wrong_method(client: httpx.AsyncClient) -> None:
    assert_error(await client.delete("/api/v1/auth/login"), 405, "method_not_allowed")


async def test_body_over_one_mebibyte_by_length(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/login", content=b"x" * (1024 * 1024 + 1))
    assert_error(response, 413, "payload_too_large")


async def test_body_over_one_mebibyte_streamed(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(17):
            yield b" " * 65536

    response = await client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_error(response, 413, "payload_too_large")


async def test_a_bug_is_a_500_without_details() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    with capture_logs() as logs:
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
            response = await http.get("/boom")
    assert_error(response, 500, "internal_error")
    assert "hunter2" not in response.text
    assert [log["event"] for log in logs] == ["unhandled_error"]


async def test_unreachable_database_is_a_503(tmp_path: Path) -> None:
    settings = Settings(
        database_url="postgresql://nobody@127.0.0.1:1/none",
        data_dir=tmp_path,
        secret_key=TEST_SECRET,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
        response = await http.post(
            "/api/v1/auth/login", json={"email": "a@example.com", "password": "whatever1"}
        )
    error = assert_error(response, 503, "unavailable")
    assert "nothing was saved" in error["message"]
    await app.state.runtime.database.dispose()


async def test_validation_errors_name_the_fields(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/register", json={"email": 5})
    error = assert_error(response, 422, "validation_error")
    assert {field["field"] for field in error["details"]["fields"]} == {"email", "password"}
