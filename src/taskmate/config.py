"""Settings from the environment (prefix ``TASKMATE_``) and an optional ``.env`` file."""

from __future__ import annotations

import ipaddress
import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from taskmate.private_files import private_file

ENV_PREFIX = "TASKMATE_"
MIN_SECRET_LENGTH = 32
SECRET_FILE_NAME = "secret_key"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class SettingsError(Exception):
    """The configuration cannot work; the message names the variable to fix."""


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    database_url: str | None = None
    data_dir: Path = Path("./data")
    redis_url: str | None = None
    secret_key: SecretStr | None = None
    env: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    trusted_proxies: Annotated[list[IPNetwork], NoDecode] = Field(default_factory=list)
    signups: Literal["open", "closed"] = "open"
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    rate_messages_per_minute: int = Field(default=30, ge=0)
    rate_login_per_minute: int = Field(default=10, ge=0)
    rate_mcp_per_minute: int = Field(default=120, ge=0)
    max_connections_per_user: int = Field(default=20, ge=1)
    llm: str = "offline"
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(default=60, gt=0, le=600)
    llm_retries: int = Field(default=2, ge=0, le=10)
    offline_typing_seconds: float = Field(default=0.8, ge=0, le=10)
    metrics_token: SecretStr | None = None
    token: SecretStr | None = None  # the personal access token `taskmate mcp` acts with
    shutdown_timeout: float = Field(default=30, ge=0)
    vapid_public_key: str | None = None
    vapid_private_key: SecretStr | None = None
    vapid_subject: str = "mailto:taskmate@localhost"
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: object) -> object:
        value = _split_commas(value)
        if isinstance(value, list):
            return [str(origin).rstrip("/") for origin in value]
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _parse_proxies(cls, value: object) -> object:
        return _split_commas(value)

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_log_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        scheme, sep, rest = value.strip().partition("://")
        if not sep:
            raise ValueError("expected a URL such as postgresql://user@host/db or sqlite:///path")
        drivers = {
            "postgres": "postgresql+psycopg",
            "postgresql": "postgresql+psycopg",
            "postgresql+psycopg": "postgresql+psycopg",
            "sqlite": "sqlite+aiosqlite",
            "sqlite+aiosqlite": "sqlite+aiosqlite",
        }
        if scheme not in drivers:
            raise ValueError(f"unsupported database {scheme!r}: use postgresql:// or sqlite://")
        return f"{drivers[scheme]}://{rest}"

    @field_validator("llm")
    @classmethod
    def _check_llm(cls, value: str) -> str:
        providers = ("openai", "openai-responses", "anthropic", "google")
        provider, sep, model = value.partition(":")
        if value == "offline" or (sep and provider in providers and model):
            return value
        raise ValueError(
            f"unknown model {value!r}: expected 'offline' or '<provider>:<model>' with provider "
            "one of " + ", ".join(providers) + ", such as openai:gpt-4o-mini"
        )

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'taskmate.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def origins(self) -> list[str]:
        """The Origin allow-list: the configured one, else the server's own origin."""
        if self.allowed_origins:
            return self.allowed_origins
        hosts = LOOPBACK_HOSTS - {"::1"} if self.host in LOOPBACK_HOSTS else {self.host}
        return sorted(f"http://{host}:{self.port}" for host in hosts)

    def secret_key_required_because(self, *, workers: int = 1) -> str | None:
        if self.redis_url:
            return "TASKMATE_REDIS_URL is set"
        if not self.is_sqlite:
            return "the database is not SQLite"
        if workers > 1:
            return "more than one worker runs"
        if self.env == "production":
            return "TASKMATE_ENV is production"
        return None

    def check_deployment(self, *, workers: int = 1) -> None:
        """Refuse combinations that cannot work safely, before anything starts."""
        if workers > 1 and not self.redis_url:
            raise SettingsError(
                f"--workers {workers} needs TASKMATE_REDIS_URL: workers share live events "
                "through Redis. Set it, or run a single worker."
            )
        reason = self.secret_key_required_because(workers=workers)
        if reason and self.secret_key is None:
            raise SettingsError(
                f"TASKMATE_SECRET_KEY must be set because {reason}. Generate one with: "
                'python -c "import secrets; print(secrets.token_urlsafe(48))"'
            )
        weak = (
            self.secret_key is not None
            and len(self.secret_key.get_secret_value()) < MIN_SECRET_LENGTH
        )
        if reason and weak:
            raise SettingsError(
                f"TASKMATE_SECRET_KEY is too weak because {reason}: use at least "
                f"{MIN_SECRET_LENGTH} random characters."
            )

    def signing_key(self) -> str:
        """The key that signs tokens: explicit, or generated once into the data directory."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / SECRET_FILE_NAME
        if path.exists():
            return path.read_text().strip()
        key = secrets.token_urlsafe(48)
        private_file(path).write_text(key)
        return key


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation failures into messages that name the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            problems.append(f"{ENV_PREFIX}{field.upper()}: {error['msg']}")
        raise SettingsError("Invalid configuration: " + "; ".join(problems)) from None
