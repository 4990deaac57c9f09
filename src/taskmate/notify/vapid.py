"""The server's VAPID key pair (RFC 8292), which push services check on every message.

From ``TASKMATE_VAPID_PRIVATE_KEY`` (and ``TASKMATE_VAPID_PUBLIC_KEY``, which must match),
else generated once into the data directory like the secret key. Browsers subscribe with
the public key, so every instance must sign with the same pair: where the secret key must
be set explicitly (several instances), the pair must be too, or Web Push stays off.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid  # type: ignore[import-untyped]

from taskmate.config import Settings, SettingsError
from taskmate.notify import base64url
from taskmate.private_files import private_file

KEY_FILE_NAME = "vapid_private_key"


@dataclass(frozen=True, kw_only=True)
class VapidKeys:
    signer: Vapid
    public_key: str  # the uncompressed P-256 point, base64url: the browser's applicationServerKey
    subject: str  # a mailto: or https: contact for the push services


def public_key_of(private: ec.EllipticCurvePrivateKey) -> str:
    point = private.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64url.encode(point)


def private_key_text(private: ec.EllipticCurvePrivateKey) -> str:
    return base64url.encode(private.private_numbers().private_value.to_bytes(32, "big"))


def _signer(private_text: str, source: str) -> Vapid:
    try:
        return Vapid.from_raw(private_text.strip().encode())
    except Exception as error:  # py_vapid raises whatever its parsing raised
        raise SettingsError(
            f"{source} is not a VAPID private key: expected the 32-byte P-256 key in "
            "URL-safe base64 (as web-push generate-vapid-keys prints it)."
        ) from error


def _generated_private_key(settings: Settings) -> str:
    path = settings.data_dir / KEY_FILE_NAME
    if path.exists():
        return path.read_text().strip()
    text = private_key_text(ec.generate_private_key(ec.SECP256R1()))
    private_file(path).write_text(text)
    return text


def load_vapid_keys(settings: Settings) -> VapidKeys | None:
    """The key pair, or ``None`` when Web Push cannot work on this deployment (see above)."""
    if settings.vapid_private_key is not None:
        signer = _signer(
            settings.vapid_private_key.get_secret_value(), "TASKMATE_VAPID_PRIVATE_KEY"
        )
    elif settings.secret_key_required_because() is None:
        signer = _signer(_generated_private_key(settings), str(settings.data_dir / KEY_FILE_NAME))
    else:
        return None
    public_key = public_key_of(signer.private_key)
    if settings.vapid_public_key is not None and settings.vapid_public_key.strip() != public_key:
        raise SettingsError(
            "TASKMATE_VAPID_PUBLIC_KEY does not belong to TASKMATE_VAPID_PRIVATE_KEY: set both "
            "from the same generated pair, or leave the public key unset."
        )
    return VapidKeys(signer=signer, public_key=public_key, subject=settings.vapid_subject)
