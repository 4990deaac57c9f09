"""The commands that talk to a server use the client tests' server (offline assistant,
story on demand) and account; the other command tests ask for none of these."""

from __future__ import annotations

from tests.client import conftest as client_fixtures

database_url = client_fixtures.database_url
settings_overrides = client_fixtures.settings_overrides
assistant = client_fixtures.assistant
assistant_policy = client_fixtures.assistant_policy
listener = client_fixtures.listener
server = client_fixtures.server
account = client_fixtures.account
