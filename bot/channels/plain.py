"""Rendering for channels without buttons (Zalo, SMS-like): choices become a numbered menu.

The core accepts the number or the label typed back, so nothing else is needed.
"""

from __future__ import annotations

from dataclasses import replace

from handlers.messages import Outgoing


def numbered(message: Outgoing) -> str:
    if not message.choices:
        return message.text
    menu = "\n".join(f"{n}. {choice.label}" for n, choice in enumerate(message.choices, start=1))
    return f"{message.text}\n\n{menu}"


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks where possible, then at spaces."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def merged(replies: list[Outgoing], limit: int) -> list[Outgoing]:
    """Fold plain texts into the message that follows them ("Đã lưu…" + the menu becomes one
    message): fewer bubbles for the member, fewer API calls (Zalo counts them monthly)."""
    result: list[Outgoing] = []
    for reply in replies:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not previous.choices
            and not previous.asks_location
            and not previous.image_url
            and not previous.file_url
            and not reply.image_url
            and not reply.file_url
            and not previous.ephemeral  # kept apart: never queued, never folded into what is
            and not reply.ephemeral
            and len(previous.text) + 2 + len(reply.text) <= limit
        ):
            result[-1] = replace(reply, text=f"{previous.text}\n\n{reply.text}")
        else:
            result.append(reply)
    return result
