"""Encryption at rest for informants: Fernet with a key derived from ANTT_SECRET_KEY.

An informant's answer is sealed the moment the chat accepts it (`seal_text`): the chat state
of a tip being typed holds only the token, so no row, WAL page or dump ever has it in clear.
The saved entry's informants are sealed again together (`seal`), as one record.
"""

from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# A sealed answer in a chat state: the prefix tells it from a plain value of an older version.
ANSWER_PREFIX = "sealed:v1:"


class SealedUnderAnotherKey(ValueError):
    """A sealed record the secret key at hand does not open: the database came from a backup
    restored without the key it was sealed under."""


class Sealer:
    def __init__(self, secret_key: str) -> None:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"antt-bot informants v1"
        ).derive(secret_key.encode("utf-8"))
        self._fernet = Fernet(base64.urlsafe_b64encode(derived))

    def seal(self, values: dict[str, str]) -> bytes:
        return self._fernet.encrypt(json.dumps(values, ensure_ascii=False).encode("utf-8"))

    def open(self, token: bytes) -> dict[str, str]:
        try:
            plain = self._fernet.decrypt(token)
        except InvalidToken as exc:  # another key: see SealedUnderAnotherKey
            raise SealedUnderAnotherKey("sealed under another secret key") from exc
        opened: dict[str, str] = json.loads(plain)
        return opened

    def seal_text(self, value: str) -> str:
        return ANSWER_PREFIX + self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open_text(self, sealed: str) -> str:
        """The answer behind `seal_text`'s token; a value that is not one is returned as it is
        (a state saved before answers were sealed)."""
        if not is_sealed_text(sealed):
            return sealed
        try:
            return self._fernet.decrypt(sealed.removeprefix(ANSWER_PREFIX)).decode("utf-8")
        except InvalidToken as exc:  # another key: the answer cannot be recovered
            raise SealedUnderAnotherKey("sealed answer under another secret key") from exc


def is_sealed_text(value: object) -> bool:
    return isinstance(value, str) and value.startswith(ANSWER_PREFIX)
