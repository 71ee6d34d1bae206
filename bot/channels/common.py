"""What the messenger adapters share: stable secrets and the webhook check."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from urllib.parse import quote

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


def disposition(kind: str, name: str) -> str:
    """A Content-Disposition header for a file named `name`: headers are Latin-1 only, so a
    Vietnamese name ("Biên bản họp.pdf") goes as RFC 6266's filename*, with an ASCII fallback
    (marks dropped) for old clients."""
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(
        "_" if ch in '"\\' or not ch.isprintable() else ch
        for ch in bare
        if ch.isascii() or unicodedata.category(ch) != "Mn"
    )
    plain = plain.encode("ascii", "replace").decode().replace("?", "_")
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
