"""Rate limits: per process in memory, and shared by every instance through Redis."""

import os
import uuid

import pytest
import redis

from taskmate.config import Settings
from taskmate.errors import RateLimited
from taskmate.ratelimit import RateLimiter
from tests.db_backends import service_missing

REDIS_URL = os.environ.get("TASKMATE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing("Redis", error)
    return REDIS_URL


async def test_the_limit_counts_each_key_separately() -> None:
    limiter = RateLimiter(Settings(rate_login_per_minute=2))
    for _ in range(2):
        await limiter.hit(limiter.login, "login-ip", "10.0.0.1", "sign-in attempts")
    await limiter.hit(limiter.login, "login-ip", "10.0.0.2", "sign-in attempts")
    with pytest.raises(RateLimited) as raised:
        await limiter.hit(limiter.login, "login-ip", "10.0.0.1", "sign-in attempts")
    details = raised.value.details
    assert details is not None
    assert 0 < details["retry_after"] <= 60


async def test_zero_disables_the_limit() -> None:
    limiter = RateLimiter(Settings(rate_login_per_minute=0))
    assert limiter.login is None
    for _ in range(100):
        await limiter.hit(limiter.login, "login-ip", "10.0.0.1", "sign-in attempts")


async def test_instances_share_the_limit_through_redis(redis_url: str) -> None:
    settings = Settings(rate_login_per_minute=3, redis_url=redis_url)
    first, second = RateLimiter(settings), RateLimiter(settings)
    key = uuid.uuid4().hex  # isolates this run from any other use of the Redis database
    for limiter in (first, second, first):
        await limiter.hit(limiter.login, "login-ip", key, "sign-in attempts")
    with pytest.raises(RateLimited):
        await second.hit(second.login, "login-ip", key, "sign-in attempts")
