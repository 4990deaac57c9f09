"""The protocol's error envelope, the exceptions that produce it, and the handlers that send it."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException

logger = structlog.get_logger(__name__)


class AppError(Exception):
    """A failure a client can act on. Subclasses fix the status and the ``code``."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers


class BadRequest(AppError):
    """The request cannot be read at all (not JSON, nested too deep)."""

    status = 400
    code = "bad_request"


class ValidationFailed(AppError):
    status = 422
    code = "validation_error"

    @classmethod
    def field(cls, field: str, message: str) -> ValidationFailed:
        return cls(
            f"{field}: {message}", details={"fields": [{"field": field, "message": message}]}
        )


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"


class Forbidden(AppError):
    status = 403
    code = "forbidden"


class NotFound(AppError):
    status = 404
    code = "not_found"


class MethodNotAllowed(AppError):
    status = 405
    code = "method_not_allowed"


class Conflict(AppError):
    status = 409
    code = "conflict"


class ConversationFinalized(AppError):
    """A write to a conversation that was finalized: it is read-only for good."""

    status = 409
    code = "conversation_finalized"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"


class RateLimited(AppError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(
            message,
            details={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


class Unavailable(AppError):
    status = 503
    code = "unavailable"


DATABASE_UNAVAILABLE = (
    "The database is unreachable right now; nothing was saved. Try again shortly."
)
INTERNAL_ERROR = "Something went wrong on our side. It was logged; please try again."

HTTP_STATUS_CODES = {
    400: BadRequest.code,
    401: Unauthorized.code,
    403: Forbidden.code,
    404: NotFound.code,
    405: MethodNotAllowed.code,
    413: PayloadTooLarge.code,
    429: RateLimited.code,
}


class ErrorFields(BaseModel):
    code: str = Field(description="snake_case, such as not_found")
    message: str = Field(description="one sentence for a person")
    details: dict[str, Any] | None = Field(
        None, description='for validation_error: {"fields": [{"field", "message"}]}'
    )


class ErrorEnvelope(BaseModel):
    """The body of every non-2xx response (its schema in the OpenAPI document)."""

    error: ErrorFields


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _field_name(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _validation_fields(exc: RequestValidationError) -> list[dict[str, str]]:
    fields = []
    for error in exc.errors():
        message = str(error.get("msg", "is not valid"))
        fields.append({"field": _field_name(tuple(error.get("loc", ()))), "message": message})
    return fields


def error_response(error: AppError) -> JSONResponse:
    """The error in the protocol's envelope, for code outside FastAPI's handlers."""
    return _response(error.status, error.code, error.message, error.details, error.headers)


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(exc)


async def _request_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = _validation_fields(exc)
    summary = "; ".join(f"{item['field']}: {item['message']}" for item in fields[:3])
    return _response(
        422, ValidationFailed.code, f"The request is not valid ({summary}).", {"fields": fields}
    )


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and message == "Not Found":
        message = "There is nothing at this address."
    return _response(exc.status_code, code, message, headers=exc.headers)


def is_connection_failure(exc: Exception) -> bool:
    """The database (or its network) failed, rather than our code."""
    if isinstance(exc, InterfaceError | OSError):
        return True
    return isinstance(exc, OperationalError | DBAPIError) and bool(
        getattr(exc, "connection_invalidated", False)
        or "connect" in str(getattr(exc, "orig", "")).lower()
    )


async def _unhandled_error(request: Request, exc: Exception) -> JSONResponse:
    if is_connection_failure(exc):
        logger.error("database_unavailable", error=type(exc).__name__, path=request.url.path)
        return _response(503, Unavailable.code, DATABASE_UNAVAILABLE)
    logger.exception("unhandled_error", path=request.url.path, method=request.method)
    return _response(500, "internal_error", INTERNAL_ERROR)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unhandled_error)
