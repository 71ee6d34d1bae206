"""Invite codes and entry reference codes."""

from __future__ import annotations

import re
import secrets

# No 0/O or 1/I/L: codes are read aloud and typed on phones.
INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
INVITE_LENGTH = 8
_INVITE_RE = re.compile(rf"^[{INVITE_ALPHABET}]{{{INVITE_LENGTH}}}$")


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def normalize_invite_code(text: str) -> str | None:
    """The canonical code if `text` looks like one (spaces, dashes and case forgiven), else None.

    Confusable characters are not silently rewritten: a code with 0/O/1/I/L cannot be valid.
    """
    candidate = re.sub(r"[\s\-_.]", "", text).upper()
    return candidate if _INVITE_RE.match(candidate) else None


# A code inside a pasted message ("Mã mời: KSK2RQPR (hết hạn …)"), written as the bot writes
# codes: upper-case, a word of its own. Lower-case words are never taken for one, so a
# sentence is not counted as a wrong guess.
_PASTED_RE = re.compile(rf"(?<!\w)[{INVITE_ALPHABET}]{{{INVITE_LENGTH}}}(?!\w)")


def invite_code_in(text: str) -> str | None:
    """The code typed alone (spaces, dashes and case forgiven) or, failing that, the one
    code-shaped word of a pasted message; None if there is none or several."""
    code = normalize_invite_code(text)
    if code is not None:
        return code
    pasted = _PASTED_RE.findall(text)
    return pasted[0] if len(pasted) == 1 else None


def looks_like_invite_code(text: str) -> bool:
    candidate = re.sub(r"[\s\-_.]", "", text).upper()
    alone = len(candidate) == INVITE_LENGTH and candidate.isalnum()
    return alone or invite_code_in(text) is not None


def reference_code(prefix: str, year: int, number: int) -> str:
    """NT-2026-000123: prefix of the content area, year of creation, sequence within the year."""
    return f"{prefix}-{year}-{number:06d}"
