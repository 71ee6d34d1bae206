"""What the messenger adapters share: stable secrets and the webhook check."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request


def derived(secret_key: str, purpose: str, length: int = 32) -> str:
    """A stable value from the secret key: survives restarts, so a registered webhook stays valid."""
    digest = hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).hexdigest()
    return digest[:length]


def require_secret(request: Request, header: str, expected: str) -> None:
    """Refuse a webhook call without the secret the platform was given (constant-time compare)."""
    given = request.headers.get(header, "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "bad secret token")
