"""Assertions shared by the API tests."""

from __future__ import annotations

from typing import Any

import httpx


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is an error in the protocol's envelope; returns the ``error`` object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"], error
    return error


def error_fields(response: httpx.Response) -> set[str]:
    error = assert_error(response, 422, "validation_error")
    return {item["field"] for item in error["details"]["fields"]}
