"""Shared fixtures. Every test that asks for ``client`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import delete

from taskmate.api.runtime import LivePolicy, Runtime
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.auth.models import User
from taskmate.auth.passwords import hash_password
from taskmate.auth.service import AuthService
from taskmate.config import Settings
from taskmate.db.models import Base
from taskmate.notify.retry import RetryPolicy
from taskmate.reminders.wiring import ReminderPolicy
from tests.db_backends import BACKENDS, migrated_database, service_missing
from tests.live_server import LiveServer, serving

TEST_SECRET = "test-secret-key-that-is-long-enough-for-every-hmac-0123456789abcdef"
PASSWORD = "correct horse battery"
BASE_URL = "http://127.0.0.1:8000"
REDIS_URL = os.environ.get("TASKMATE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Tests override settings by redefining this fixture (never by patching code)."""
    return {}


@pytest.fixture
def settings(database_url: str, tmp_path: Path, settings_overrides: dict[str, Any]) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "data_dir": tmp_path,
        "secret_key": TEST_SECRET,
        "rate_login_per_minute": 1000,
        "offline_typing_seconds": 0,  # tests that watch the stream turn it back on
    }
    values.update(settings_overrides)
    return Settings(**values)


@pytest.fixture
def live_policy() -> LivePolicy:
    """The live transports' timing; tests that must not wait redefine this fixture."""
    return LivePolicy()


@pytest.fixture
def redis_url() -> str:
    """The test Redis (a database of its own); skipped when unreachable, failed in CI."""
    try:
        with redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError as error:
        service_missing("Redis", error)
    return REDIS_URL


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    """The app's own runner stays off: most tests look at messages unanswered, or drive
    runners of their own. The assistant's tests redefine this fixture."""
    return AssistantPolicy(answer=False)


@pytest.fixture
def reminder_policy() -> ReminderPolicy:
    """The reminder scheduler runs as in production; tests that fire reminders by hand
    (``fire_due``) redefine this fixture."""
    return ReminderPolicy()


@pytest.fixture
def retry_policy() -> RetryPolicy:
    """How failing channels outside the app are retried; tests of retries redefine it with
    a ``sleep`` that records the waits instead of waiting."""
    return RetryPolicy()


@pytest.fixture
async def app(
    settings: Settings,
    live_policy: LivePolicy,
    assistant_policy: AssistantPolicy,
    reminder_policy: ReminderPolicy,
    retry_policy: RetryPolicy,
) -> AsyncIterator[FastAPI]:
    application = create_app(
        settings,
        live=live_policy,
        assistant=assistant_policy,
        reminders=reminder_policy,
        notify=retry_policy,
    )
    runtime: Runtime = application.state.runtime
    async with runtime.database.session(write=True) as session:
        for table in reversed(Base.metadata.sorted_tables):
            await session.execute(delete(table))
        await session.commit()
    async with LifespanManager(application):
        yield application


@pytest.fixture
async def server(app: FastAPI, settings: Settings) -> AsyncIterator[LiveServer]:
    """The test app behind a real uvicorn (its lifespan already runs in ``app``)."""
    async with serving(app, settings, lifespan=False) as live:
        yield live


@pytest.fixture
def runtime(app: FastAPI) -> Runtime:
    result: Runtime = app.state.runtime
    return result


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
        yield http


@dataclass(frozen=True, kw_only=True)
class Account:
    id: str
    email: str
    password: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


MakeUser = Callable[..., Awaitable[Account]]


@pytest.fixture
def make_user(runtime: Runtime, password_hash: str) -> MakeUser:
    """Creates an account with a bearer session, without paying for a fresh argon2 hash."""
    counter = 0

    async def make(*, email: str | None = None, name: str = "", timezone: str = "UTC") -> Account:
        nonlocal counter
        counter += 1
        email = email or f"user{counter}@example.com"
        async with runtime.database.session(write=True) as session:
            user = User(email=email, name=name, password_hash=password_hash, timezone=timezone)
            session.add(user)
            await session.flush()
            auth = AuthService(
                session,
                tokens=runtime.tokens,
                events=runtime.events,
                refresh_lifetime=timedelta(days=30),
                clock=runtime.clock,
            )
            issued = await auth.open_session(user, "bearer")
        return Account(
            id=issued.user.id,
            email=email,
            password=PASSWORD,
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
        )

    return make
