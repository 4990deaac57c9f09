"""Schemathesis over the OpenAPI schema: no generated input makes the server fail (5xx)."""

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Err
from schemathesis.python import asgi

from taskmate.app import create_app
from taskmate.config import Settings
from tests.conftest import TEST_SECRET

EXAMPLES_PER_OPERATION = 25
# Logging out would end the session the fuzzer authenticates with, and test nothing more.
SKIPPED = {("POST", "/api/v1/auth/logout")}


def test_no_server_error_on_generated_input(database_url: str, tmp_path: Path) -> None:
    app = create_app(Settings(database_url=database_url, data_dir=tmp_path, secret_key=TEST_SECRET))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    with asgi.get_client(app) as http:  # type: ignore[arg-type]  # FastAPI is an ASGI app
        registered = http.post(
            "/api/v1/auth/register", json={"email": "fuzz@example.com", "password": "fuzz-fuzz"}
        )
        headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
        http.post("/api/v1/projects", json={"name": "Fuzz"}, headers=headers)
        http.post("/api/v1/tasks", json={"title": "Fuzz"}, headers=headers)
        operations = []
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                raise result.err()
            operations.append(result.ok())
        checked = []
        for operation in operations:
            if (operation.method.upper(), operation.path) in SKIPPED:
                continue

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,  # the same inputs every run: a failure here reproduces
                suppress_health_check=list(HealthCheck),
            )
            def no_server_error(case: schemathesis.Case[Any]) -> None:
                response = case.call(session=http, headers=headers)
                assert response.status_code < 500, (case.method, case.path, response.text)

            no_server_error()
            checked.append(operation.path)
    assert len(checked) >= 10
