"""What a service says when its rules refuse a request."""

from __future__ import annotations

from campaign.localized import Localized


class Refused(Exception):
    """A request the feature's rules refuse (not a commander, an entry decided elsewhere, an
    unknown unit). `reason` is a catalog message with its values (`campaign.catalogs.said`),
    worded in the reader's language by whichever door asked: the chat, the CLI, the console."""

    def __init__(self, reason: Localized) -> None:
        super().__init__(reason.vi)
        self.reason = reason


class NothingToShow(Refused):
    """Not a refusal of the person but an empty state (no plan running over their unit): a
    page says it as information, the chat as it says any refusal."""
