"""The pure domain: codes, dates, roles, roster rows, content areas."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from campaign.areas import DEFAULT_AREAS, PATROL, TIP, FieldKind
from campaign.codes import INVITE_ALPHABET, new_invite_code, normalize_invite_code, reference_code
from campaign.normalize import fold
from campaign.roles import Role, parse_role
from campaign.roster import RosterRow, RowProblem, parse_row
from campaign.when import WhenError, parse_date, parse_datetime, parse_time, span_end

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)


def test_invite_codes_avoid_confusable_characters() -> None:
    codes = {new_invite_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 8 and set(code) <= set(INVITE_ALPHABET)
        assert not set(code) & set("01OIL")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abcd2345", "ABCD2345"),
        (" ABCD-2345 ", "ABCD2345"),
        ("abcd 2345", "ABCD2345"),
        ("ABCD234", None),
        ("ABCD23O5", None),
        ("ABCD2I45", None),
        ("xin chào", None),
    ],
)
def test_invite_code_typing_is_forgiven_but_not_guessed(typed: str, expected: str | None) -> None:
    assert normalize_invite_code(typed) == expected


def test_reference_code_format() -> None:
    assert reference_code("NT", 2026, 123) == "NT-2026-000123"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hôm nay", date(2026, 11, 23)),
        ("Hom qua", date(2026, 11, 22)),
        ("20/11/2026", date(2026, 11, 20)),
        ("1-9-26", date(2026, 9, 1)),
        ("3.2", date(2026, 2, 3)),
    ],
)
def test_dates_as_members_type_them(typed: str, expected: date) -> None:
    assert parse_date(typed, NOW.date()) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("24/11/2026", "future"),
        ("31/02/2026", "bad_date"),
        ("abc", "bad_date"),
        ("01/01/2020", "too_old"),
    ],
)
def test_bad_dates_say_why(typed: str, code: str) -> None:
    with pytest.raises(WhenError) as raised:
        parse_date(typed, NOW.date())
    assert raised.value.code == code


def test_times_and_moments() -> None:
    assert parse_time("7h") == time(7, 0)
    assert parse_time("19h30") == time(19, 30)
    assert parse_time("19:05") == time(19, 5)
    with pytest.raises(WhenError):
        parse_time("24:00")
    assert parse_datetime("hôm qua 22h", NOW) == datetime(2026, 11, 22, 22, 0, tzinfo=ZONE)
    assert parse_datetime("7:30 20/11", NOW) == datetime(2026, 11, 20, 7, 30, tzinfo=ZONE)
    with pytest.raises(WhenError) as raised:
        parse_datetime("11:00", NOW)  # later today
    assert raised.value.code == "future"


def test_night_patrol_ends_next_day() -> None:
    begin, end = span_end(date(2026, 11, 20), time(22, 0), time(2, 0))
    assert (end - begin).total_seconds() == 4 * 3600


def test_roles_by_code_or_vietnamese_name() -> None:
    assert parse_role("leader") is Role.LEADER
    assert parse_role("Tổ trưởng") is Role.LEADER
    assert parse_role("to pho") is Role.DEPUTY
    assert parse_role("Cán bộ Công an xã") is Role.OFFICER
    assert parse_role("chủ tịch") is None


def test_fold_removes_marks_including_d() -> None:
    assert fold("  Đội  TUẦN Tra ") == "doi tuan tra"


def test_roster_rows() -> None:
    row = parse_row(3, ["Xã Hòa Bình / Tổ thôn Đông", "Lê Văn A", "Tổ phó", "0912 345 678"])
    assert row == RosterRow(
        3, ("Xã Hòa Bình", "Tổ thôn Đông"), "Lê Văn A", Role.DEPUTY, "0912345678"
    )
    assert isinstance(parse_row(4, ["", "Lê Văn A", "", ""]), RowProblem)
    assert "vai trò" in parse_row(5, ["X", "Lê Văn A", "trưởng thôn", ""]).reason  # type: ignore[union-attr]
    assert "điện thoại" in parse_row(6, ["X", "Lê Văn A", "", "12ab"]).reason  # type: ignore[union-attr]


def test_areas_of_the_2024_plan() -> None:
    codes = [a.code for a in DEFAULT_AREAS]
    assert codes[:3] == ["tip", "patrol", "good_deed"]
    assert {"incident", "fire_rescue", "resident_info", "reintegration", "model"} <= set(codes)
    assert len({a.prefix for a in DEFAULT_AREAS}) == len(DEFAULT_AREAS)
    sealed = [f.key for f in TIP.fields if f.sealed]
    assert sealed == ["informant_name", "informant_contact"]
    assert all(f.only_if == {"source": "named"} for f in TIP.fields if f.sealed)
    assert any(f.kind is FieldKind.TEAMMATES for f in PATROL.fields)


def test_occurred_at_comes_from_the_answers() -> None:
    assert TIP.occurred_at({"when": "2026-11-20T07:30:00+07:00"}, NOW) == datetime(
        2026, 11, 20, 7, 30, tzinfo=ZONE
    )
    assert PATROL.occurred_at({"date": "2026-11-22", "start": "19:00"}, NOW) == datetime(
        2026, 11, 22, 19, 0, tzinfo=ZONE
    )


def test_when_an_entry_happened_is_written_one_way() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from campaign.areas import GOOD_DEED, PATROL, RESIDENT_INFO, TIP

    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    at = datetime(2026, 11, 23, 19, 30, tzinfo=zone)
    assert TIP.happened({"when": at.isoformat()}, at) == "23/11/2026 19:30"
    patrol = {"date": "2026-11-23", "start": "19:30", "end": "22:00"}
    assert PATROL.happened(patrol, at) == "23/11/2026 19:30–22:00"
    assert GOOD_DEED.happened({"date": "2026-11-23"}, at.replace(hour=0, minute=0)) == "23/11/2026"
    assert RESIDENT_INFO.happened({}, at) == "23/11/2026 19:30"  # no date asked: when logged


def test_typed_answers_name_labels_by_a_unique_part() -> None:
    from campaign.normalize import label_matches

    urgency = ["Bình thường", "Khẩn cấp — cần xử lý ngay"]
    for typed in ("khẩn cấp", "khan cap", "KHAN CAP", "  Khẩn  "):
        assert label_matches(typed, urgency) == [1]
    categories = ["An ninh chính trị", "Ma túy", "Trật tự, an toàn giao thông", "Khác"]
    assert label_matches("an", categories) == [0, 2]  # ambiguous: the caller asks which
    assert label_matches("ninh", categories) == [0]  # a word inside the label
    assert label_matches("nh", categories) == []  # inside a word: nothing
    assert label_matches("k", categories) == []  # one letter names too much
    assert label_matches("🚨 ma tuy", categories) == [1]
    confirm = ["✅ Xác nhận", "✅ Xác nhận cả 2 mục"]
    assert label_matches("xác nhận", confirm) == [0]  # a whole label wins over parts
    assert label_matches("qua", ["Bỏ qua"], partial=False) == []  # a note, not "Bỏ qua"
