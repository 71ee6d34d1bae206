"""Recognition levels compare as plans word them ("cấp huyện trở lên")."""

from __future__ import annotations

from campaign.recognition import LEVELS, at_least, level_label


def test_levels_are_ordered_and_named_in_both_languages() -> None:
    assert at_least("province_police", "district")
    assert at_least("district", "district")
    assert not at_least("commune", "district")
    assert level_label("province_steering", "vi") == "Ban Chỉ đạo 138 tỉnh"
    assert level_label("ministry", "en") == "Ministry of Public Security"
    assert len({level_label(level, "vi") for level in LEVELS}) == len(LEVELS)
