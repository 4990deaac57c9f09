"""Schemathesis over the OpenAPI schema: no generated input makes the server fail (5xx), and
every answer is one the document describes: its status code, content type and body."""

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Err
from schemathesis.python import asgi

from taskmate.app import create_app
from taskmate.config import Settings
from tests.conftest import TEST_SECRET

EXAMPLES_PER_OPERATION = 25
# Logging out (here or everywhere) would end the session the fuzzer authenticates with, and
# test nothing more.
SKIPPED = {("POST", "/api/v1/auth/logout"), ("POST", "/api/v1/auth/logout-everywhere")}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_generated_input_gets_documented_answers_and_no_server_error(
    database_url: str, tmp_path: Path
) -> None:
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
            def documented_answer(case: schemathesis.Case[Any]) -> None:
                response = case.call(session=http, headers=headers)
                case.validate_response(response, checks=CHECKS)

            documented_answer()
            checked.append(operation.path)
    assert len(checked) >= 10
