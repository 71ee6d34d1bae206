"""What the core and storage may know of a channel: its declared capabilities, never its name.

Channel plugins (bot/channels/registry.py) declare theirs when they are registered; the core
asks a capability ("which channels read their own mailbox?", "the smallest text limit") and
so never compares a channel's name. The built-in channels' capabilities are data read by
their module's name on the first question, so a process that never imported the plugins (a
job, the CLI) sees the same table as the app, without loading any adapter.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass

# Used only while no channel is declared (a core test that loads no plugin): the smallest
# limit of the built-in channels, so such a test sees what a deployed bot does.
UNDECLARED_TEXT_LIMIT = 2000


@dataclass(frozen=True)
class Capabilities:
    max_text: int | None  # the longest text one message carries (None: a page, any length)
    buttons: bool = False  # tappable choices; without them a numbered menu is typed back
    location: bool = False  # the person can share a place
    photo_upload: bool = False  # the bot sends a photo's bytes
    photo_by_url: bool = False  # the messenger fetches a photo from a public URL of ours
    edits: bool = False  # a sent message can be edited (the person's edits are reported)
    documents: bool = False  # the person can send the bot a file (a PDF, a spreadsheet)
    # The channel's page reads its outbox rows itself (the web chat): no lane sends them, and
    # a row in it has arrived as soon as it is queued.
    mailbox: bool = False


# Named, not imported: the core knows no channel type (and that module imports this one).
BUILT_IN_MODULE = "bot.channels.declared"

_declared: dict[str, Capabilities] = {}
_loading = threading.Lock()
_loaded = False


def _table() -> dict[str, Capabilities]:
    """The declared capabilities, the built-in channels' read in first."""
    global _loaded
    if not _loaded:
        with _loading:
            if not _loaded:
                built_in: dict[str, Capabilities] = importlib.import_module(
                    BUILT_IN_MODULE
                ).BUILT_IN
                for channel, declared in built_in.items():
                    _declared.setdefault(channel, declared)
                _loaded = True
    return _declared


def declare(channel: str, capabilities: Capabilities) -> None:
    """A plugin's capabilities, under the channel name its messages carry."""
    _table()[channel] = capabilities


def withdraw(channel: str) -> None:
    _table().pop(channel, None)


def capabilities(channel: str) -> Capabilities | None:
    return _table().get(channel)


def mailboxes() -> list[str]:
    """Channels whose page reads its own outbox rows."""
    return sorted(name for name, declared in _table().items() if declared.mailbox)


def smallest_text_limit() -> int:
    """The longest text every declared channel takes as one message (a broadcast's bound: it
    may reach a member on any of them)."""
    limits = [c.max_text for c in _table().values() if c.max_text is not None]
    return min(limits, default=UNDECLARED_TEXT_LIMIT)
