"""The levels at which models, typical units and people are recognised, in order, so that a
plan's "được Ban Chỉ đạo 138 hoặc Công an cấp huyện trở lên ghi nhận" is a comparison. Pure."""

from __future__ import annotations

from campaign.catalogs import text
from campaign.localized import Language

# Lowest first. `district` is the level before 01/7/2025 (huyện: its Ban Chỉ đạo 138, its
# police), kept for older plans and the recognitions made then.
LEVELS = (
    "commune",  # UBND, Ban Chỉ đạo or Công an cấp xã
    "district",  # cấp huyện (before 01/7/2025)
    "province_police",  # Công an tỉnh
    "province_steering",  # Ban Chỉ đạo 138 (phòng, chống tội phạm) tỉnh
    "province_committee",  # UBND tỉnh, Chủ tịch UBND tỉnh
    "ministry",  # Bộ Công an (Cục V05)
)


def is_level(level: str) -> bool:
    return level in LEVELS


def at_least(level: str, floor: str) -> bool:
    """`level` is `floor` or above it ("cấp huyện trở lên")."""
    return LEVELS.index(level) >= LEVELS.index(floor)


def level_label(level: str, lang: Language) -> str:
    return text("recognition_level", lang, level=level)
