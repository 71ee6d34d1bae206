"""How an entry's time is written to people: one helper for every card, list and notice.

When it happened ("Xảy ra") comes from the entry's own answers (campaign.areas.ContentArea.
happened); when it was logged ("Ghi lúc") is added where it helps a commander. Both are
dd/mm/yyyy HH:MM in the bot's zone (`turn.now`'s)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea
from campaign.when import format_datetime
from handlers.asking import Turn


def area_for(turn: Turn, code: str) -> ContentArea | None:
    return next((a for a in (*turn.areas, *DEFAULT_AREAS) if a.code == code), None)


def happened(turn: Turn, area_code: str, details: dict[str, Any], occurred_at: datetime) -> str:
    local = occurred_at.astimezone(turn.now.tzinfo)
    area = area_for(turn, area_code)
    return area.happened(details, local) if area is not None else format_datetime(local)


def logged(turn: Turn, created_at: datetime) -> str:
    return format_datetime(created_at, turn.now.tzinfo)


def time_lines(
    turn: Turn,
    area_code: str,
    details: dict[str, Any],
    occurred_at: datetime,
    created_at: datetime | None = None,
) -> list[str]:
    """The labelled lines of a card: "Xảy ra: …" and, given, "Ghi lúc: …"."""
    lines = [turn.t("entry_happened", when=happened(turn, area_code, details, occurred_at))]
    if created_at is not None:
        lines.append(turn.t("entry_logged", when=logged(turn, created_at)))
    return lines
