"""The VAPID key pair: generated once into the data directory (private), or from the
environment; Web Push stays off where instances could not share a generated pair."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from taskmate.config import Settings, SettingsError
from taskmate.notify.vapid import KEY_FILE_NAME, load_vapid_keys, private_key_text, public_key_of
from tests.conftest import MakeUser
from tests.helpers import assert_error

STRONG = "x" * 48


def test_generated_once_into_a_private_file(tmp_path: Path) -> None:
    first = load_vapid_keys(Settings(data_dir=tmp_path))
    again = load_vapid_keys(Settings(data_dir=tmp_path))
    assert first is not None and again is not None
    assert first.public_key == again.public_key
    assert (tmp_path / KEY_FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_read_from_the_environment(tmp_path: Path) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    settings = Settings(
        data_dir=tmp_path,
        vapid_private_key=private_key_text(private),
        vapid_public_key=public_key_of(private),
        vapid_subject="mailto:ops@example.org",
    )
    keys = load_vapid_keys(settings)
    assert keys is not None
    assert (keys.public_key, keys.subject) == (public_key_of(private), "mailto:ops@example.org")
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_a_public_key_of_another_pair_is_refused(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        vapid_private_key=private_key_text(ec.generate_private_key(ec.SECP256R1())),
        vapid_public_key=public_key_of(ec.generate_private_key(ec.SECP256R1())),
    )
    with pytest.raises(SettingsError, match="TASKMATE_VAPID_PUBLIC_KEY"):
        load_vapid_keys(settings)


def test_a_malformed_private_key_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, vapid_private_key="not-a-key")
    with pytest.raises(SettingsError, match="TASKMATE_VAPID_PRIVATE_KEY"):
        load_vapid_keys(settings)


def test_no_generated_pair_where_instances_could_not_share_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, env="production", secret_key=STRONG)
    assert load_vapid_keys(settings) is None
    assert not (tmp_path / KEY_FILE_NAME).exists()


@pytest.mark.parametrize("settings_overrides", [{"env": "production"}])
async def test_web_push_is_off_without_keys_there(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    error = assert_error(
        await client.get("/api/v1/push/key", headers=user.headers), 404, "not_found"
    )
    assert error["message"] == "Browser notifications are not set up on this server."
