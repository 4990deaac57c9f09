"""The REST layer: one ``httpx.AsyncClient``, bearer authentication, and every non-2xx
answer turned into a ``TaskmateError`` with the protocol's code and message."""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from taskmate.client.errors import TaskmateError

API = "/api/v1"
TIMEOUT = 30.0
Result = TypeVar("Result", bound=BaseModel)


def raise_for_error(response: httpx.Response) -> None:
    """Raises the protocol's error carried by a non-2xx response."""
    if response.is_success:
        return
    try:
        error = response.json()["error"]
        code, message = str(error["code"]), str(error["message"])
        details = error.get("details")
    except (ValueError, KeyError, TypeError):
        code, message, details = "http_error", f"The server answered {response.status_code}.", None
    raise TaskmateError(code, message, status=response.status_code, details=details)


class Rest:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._http = httpx.AsyncClient(
            base_url=self.base_url + API,
            timeout=timeout,
            transport=transport,
            headers=headers,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        """The JSON body of a 2xx answer (None when it has none)."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        query = {key: value for key, value in (params or {}).items() if value is not None}
        response = await self._http.request(method, path, json=body, params=query, headers=headers)
        raise_for_error(response)
        return response.json() if response.content else None

    async def typed(
        self,
        model: type[Result],
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Result:
        return model.model_validate(await self.call(method, path, body=body, params=params))
