from pathlib import Path

import pytest

from taskmate.config import Settings, SettingsError, load_settings

STRONG = "k" * 40


def test_defaults_match_the_protocol(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.resolved_database_url == f"sqlite+aiosqlite:///{tmp_path}/data/taskmate.db"
    assert (settings.host, settings.port, settings.env, settings.signups) == (
        "127.0.0.1",
        8000,
        "development",
        "open",
    )
    assert (settings.access_token_minutes, settings.refresh_token_days) == (15, 30)
    assert (settings.rate_messages_per_minute, settings.rate_login_per_minute) == (30, 10)
    assert (settings.max_connections_per_user, settings.llm, settings.shutdown_timeout) == (
        20,
        "offline",
        30,
    )
    assert settings.origins == ["http://127.0.0.1:8000", "http://localhost:8000"]


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMATE_PORT", "9000")
    monkeypatch.setenv("TASKMATE_ALLOWED_ORIGINS", "https://a.example, https://b.example/")
    monkeypatch.setenv("TASKMATE_TRUSTED_PROXIES", "10.0.0.1,192.168.0.0/16")
    settings = load_settings()
    assert settings.port == 9000
    assert settings.origins == ["https://a.example", "https://b.example"]
    assert [str(network) for network in settings.trusted_proxies] == [
        "10.0.0.1/32",
        "192.168.0.0/16",
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db/tm", "postgresql+psycopg://u:p@db/tm"),
        ("postgresql://u@db/tm", "postgresql+psycopg://u@db/tm"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_urls_map_to_async_drivers(given: str, expected: str) -> None:
    assert Settings(database_url=given).resolved_database_url == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TASKMATE_PORT", "eighty"),
        ("TASKMATE_LLM", "gpt-4"),
        ("TASKMATE_DATABASE_URL", "mysql://db/tm"),
        ("TASKMATE_SIGNUPS", "sometimes"),
        ("TASKMATE_TRUSTED_PROXIES", "not-an-ip"),
    ],
)
def test_invalid_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        load_settings()


@pytest.mark.parametrize(
    ("overrides", "workers"),
    [
        ({"redis_url": "redis://127.0.0.1:6379"}, 1),
        ({"database_url": "postgresql://db/tm"}, 1),
        ({"env": "production"}, 1),
        ({"redis_url": "redis://127.0.0.1:6379"}, 4),
    ],
)
def test_explicit_strong_secret_required_outside_single_process_sqlite(
    overrides: dict[str, str], workers: int
) -> None:
    with pytest.raises(SettingsError, match="TASKMATE_SECRET_KEY"):
        Settings(**overrides).check_deployment(workers=workers)  # type: ignore[arg-type]
    with pytest.raises(SettingsError, match="too weak"):
        Settings(**overrides, secret_key="short").check_deployment(workers=workers)  # type: ignore[arg-type]
    Settings(**overrides, secret_key=STRONG).check_deployment(workers=workers)  # type: ignore[arg-type]


def test_workers_need_redis() -> None:
    with pytest.raises(SettingsError, match="TASKMATE_REDIS_URL"):
        Settings(secret_key=STRONG).check_deployment(workers=2)


def test_single_process_sqlite_generates_and_keeps_a_secret(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    settings.check_deployment()
    key = settings.signing_key()
    assert len(key) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert Settings(data_dir=tmp_path).signing_key() == key
