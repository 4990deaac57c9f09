"""``taskmate doctor``: does this deployment's configuration work? Each finding says what was
checked, and when something is wrong, what to do. Nothing is written, and the language model
is not called (its configuration is only checked for plausibility)."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

from taskmate.config import MIN_SECRET_LENGTH, Settings, SettingsError
from taskmate.db.engine import Database
from taskmate.ops.checks import database_problem, migrations_problem, redis_problem

# The variables each provider's SDK reads when TASKMATE_LLM_API_KEY is not set.
PROVIDER_KEY_VARIABLES = {
    "openai": ("OPENAI_API_KEY",),
    "openai-responses": ("OPENAI_API_KEY",),
    "anthropic": ("ANTHROPIC_API_KEY",),
    "google": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
}


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    verdict: Verdict
    topic: str
    text: str


def _ok(topic: str, text: str) -> Finding:
    return Finding(verdict=Verdict.OK, topic=topic, text=text)


def _warn(topic: str, text: str) -> Finding:
    return Finding(verdict=Verdict.WARN, topic=topic, text=text)


def _fail(topic: str, text: str) -> Finding:
    return Finding(verdict=Verdict.FAIL, topic=topic, text=text)


async def examine(settings: Settings, *, workers: int) -> list[Finding]:
    findings = [_deployment(settings, workers), _secret(settings)]
    findings += await _database(settings, workers)
    findings.append(await _redis(settings))
    findings.append(_llm(settings))
    findings.append(_metrics(settings))
    return findings


def _deployment(settings: Settings, workers: int) -> Finding:
    try:
        settings.check_deployment(workers=workers)
    except SettingsError as error:
        return _fail("deployment", str(error))
    shape = f"{workers} worker{'s' if workers > 1 else ''}"
    return _ok("deployment", f"{shape}, {settings.env} mode, on {settings.host}:{settings.port}")


def _secret(settings: Settings) -> Finding:
    if settings.secret_key is None:
        return _ok("secret key", f"generated once into {settings.data_dir} (one process only)")
    if len(settings.secret_key.get_secret_value()) < MIN_SECRET_LENGTH:
        return _warn(
            "secret key",
            f"TASKMATE_SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters, which only a "
            "single development process accepts. Use 48 random characters or more.",
        )
    return _ok("secret key", "set, and long enough")


async def _database(settings: Settings, workers: int) -> list[Finding]:
    url = settings.resolved_database_url
    shown = make_url(url).render_as_string(hide_password=True)
    findings: list[Finding] = []
    if settings.is_sqlite:
        if workers > 1:
            findings.append(
                _warn("database", "workers on SQLite queue behind one writer: use PostgreSQL")
            )
        path = make_url(url).database
        if path and not await asyncio.to_thread(Path(path).exists):
            findings.append(
                _ok("database", f"{shown} does not exist yet: `taskmate serve` creates it")
            )
            return findings
        if path:
            findings.append(await asyncio.to_thread(_privacy, Path(path)))
    database = Database(url)
    try:
        problem = await database_problem(database)
        if problem:
            return [*findings, _fail("database", problem)]
        findings.append(_ok("database", f"{shown} is reachable"))
        behind = await migrations_problem(database)
    finally:
        await database.dispose()
    if behind is None:
        findings.append(_ok("schema", "at the newest migration"))
    elif settings.is_sqlite:
        findings.append(_ok("schema", "behind, and `taskmate serve` migrates SQLite first"))
    else:
        findings.append(_fail("schema", behind))
    return findings


def _privacy(database: Path) -> Finding:
    """Databases created before Taskmate made them private may still be readable by all."""
    shared = [path for path in (database.parent, database) if path.stat().st_mode & 0o077]
    if not shared:
        return _ok("files", "the database and its directory are private to this account")
    return _warn(
        "files",
        f"other accounts on this machine can open {', '.join(map(str, shared))}, which holds "
        f"password and token hashes: run chmod 700 {database.parent} and chmod 600 "
        f"{database}*",
    )


async def _redis(settings: Settings) -> Finding:
    if not settings.redis_url:
        return _ok("redis", "not configured: one process delivers live events in memory")
    problem = await redis_problem(settings.redis_url)
    if problem:
        return _fail("redis", problem)
    return _ok("redis", "reachable")


def _llm(settings: Settings) -> Finding:
    if settings.llm == "offline":
        return _ok("assistant", "the offline assistant (no language model)")
    provider, _, model = settings.llm.partition(":")
    if settings.llm_base_url:
        parts = urlsplit(settings.llm_base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            return _fail(
                "assistant",
                "TASKMATE_LLM_BASE_URL is not an http(s) URL, e.g. http://localhost:11434/v1",
            )
        if provider != "openai":
            return _warn(
                "assistant",
                "TASKMATE_LLM_BASE_URL is meant for openai:<model> (OpenAI-compatible servers)",
            )
    has_key = settings.llm_api_key is not None or any(
        os.environ.get(name) for name in PROVIDER_KEY_VARIABLES[provider]
    )
    if not has_key and not settings.llm_base_url:
        variables = " or ".join(("TASKMATE_LLM_API_KEY", *PROVIDER_KEY_VARIABLES[provider]))
        return _fail("assistant", f"{settings.llm} needs an API key: set {variables}")
    return _ok("assistant", f"{provider} model {model} (not called by this check)")


def _metrics(settings: Settings) -> Finding:
    if settings.metrics_token is not None:
        return _ok("metrics", "/metrics requires the bearer token TASKMATE_METRICS_TOKEN")
    return _ok("metrics", "/metrics answers local clients only (TASKMATE_METRICS_TOKEN unset)")
