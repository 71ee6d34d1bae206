"""Encryption at rest for informants: Fernet with a key derived from ANTT_SECRET_KEY."""

from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class Sealer:
    def __init__(self, secret_key: str) -> None:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"antt-bot informants v1"
        ).derive(secret_key.encode("utf-8"))
        self._fernet = Fernet(base64.urlsafe_b64encode(derived))

    def seal(self, values: dict[str, str]) -> bytes:
        return self._fernet.encrypt(json.dumps(values, ensure_ascii=False).encode("utf-8"))

    def open(self, token: bytes) -> dict[str, str]:
        opened: dict[str, str] = json.loads(self._fernet.decrypt(token))
        return opened
