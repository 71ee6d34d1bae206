"""Rendering for channels without buttons (Zalo, SMS-like): choices become a numbered menu.

The core accepts the number or the label typed back, so nothing else is needed.
"""

from __future__ import annotations

from handlers.messages import Outgoing


def numbered(message: Outgoing) -> str:
    if not message.choices:
        return message.text
    menu = "\n".join(f"{n}. {choice.label}" for n, choice in enumerate(message.choices, start=1))
    return f"{message.text}\n\n{menu}"
