"""The day and time an officer types to set a broadcast for later."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.broadcast import typed_moment

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 2, 11, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("25/12/2026 07:30", datetime(2026, 12, 25, 7, 30, tzinfo=ZONE)),
        (" 25/12/2026  7:30 ", datetime(2026, 12, 25, 7, 30, tzinfo=ZONE)),
        ("25/12 7h30", datetime(2026, 12, 25, 7, 30, tzinfo=ZONE)),
        ("3/12 8h", datetime(2026, 12, 3, 8, 0, tzinfo=ZONE)),
        ("19g 24/12/2026", datetime(2026, 12, 24, 19, 0, tzinfo=ZONE)),
        ("05/01 08:00", datetime(2027, 1, 5, 8, 0, tzinfo=ZONE)),  # the next 5 January
        ("02/12 10:00", datetime(2027, 12, 2, 10, 0, tzinfo=ZONE)),  # an hour ago: next year's
        ("02/12/2026 10:00", datetime(2026, 12, 2, 10, 0, tzinfo=ZONE)),  # said: refused later
    ],
)
def test_a_day_and_time_in_the_ways_officers_type_them(typed: str, moment: datetime) -> None:
    assert typed_moment(typed, NOW) == moment


@pytest.mark.parametrize(
    "typed", ["mai", "25/12/2026", "07:30", "31/02/2027 08:00", "25/12/2026 25:00", "25/12 7:75"]
)
def test_anything_else_is_not_a_moment(typed: str) -> None:
    assert typed_moment(typed, NOW) is None
