"""Message text at rest: AES-256-GCM with a key that lives only in the OS keyring (docs/privacy.md).

The key is 32 random bytes, base64 under KEY_NAME through companion.secrets; no keyring, no stored
text (turning history-text on then fails: fail closed). A blob is: version byte 0x01 | 12-byte
random nonce | ciphertext+tag, with the row (slug, time, surface) as associated data, so a blob
copied onto another row does not decrypt.
"""

import base64
import os
from contextlib import suppress

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_NAME = "outreach-history-key"
_VERSION = b"\x01"


class KeyUnavailable(Exception):
    """No secure keyring could give (or keep) the history key; the message says why."""


def load_key(create: bool) -> bytes | None:
    """The history key from the keyring, made and saved first when `create` and there is none (else
    None). Raises KeyUnavailable when the keyring cannot be reached."""
    from companion import secrets  # imports keyring: only when text is stored or read

    try:
        value = secrets.get_secret(KEY_NAME)
        if value:
            key = base64.b64decode(value)
            if len(key) != 32:
                raise KeyUnavailable("the history key in the keyring is malformed")
            return key
        if not create:
            return None
        key = AESGCM.generate_key(bit_length=256)
        secrets.set_secret(KEY_NAME, base64.b64encode(key).decode("ascii"))
        if secrets.get_secret(KEY_NAME) is None:  # e.g. a null backend that drops writes
            raise KeyUnavailable("the keyring did not keep the history key")
        return key
    except KeyUnavailable:
        raise
    except Exception as exc:  # keyring raises many types; all mean "no secure store here"
        raise KeyUnavailable(f"no usable keyring ({type(exc).__name__})") from exc


def delete_key() -> None:
    """Remove the key from the keyring (after the texts it protected are gone)."""
    from companion import secrets

    with suppress(Exception):  # nothing to delete, or no keyring: either way no key remains that we could use
        secrets.delete_secret(KEY_NAME)


def aad(slug: str, sent_ms: int, surface: str) -> bytes:
    return f"{slug}\x00{sent_ms}\x00{surface}".encode("utf-8")


class TextCipher:
    def __init__(self, key: bytes):
        self._aead = AESGCM(key)

    def encrypt(self, text: str, associated: bytes) -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + self._aead.encrypt(nonce, text.encode("utf-8"), associated)

    def decrypt(self, blob: bytes, associated: bytes) -> str | None:
        """The text, or None when the blob is not ours or was tampered with."""
        if len(blob) < 29 or blob[:1] != _VERSION:
            return None
        try:
            return self._aead.decrypt(blob[1:13], blob[13:], associated).decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            return None
