"""Roster headers as communes write them, found whatever their case, marks and punctuation."""

from __future__ import annotations

from datetime import date

import pytest

from campaign.roster import column_of, parse_day


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("STT", "number"), ("Số TT", "number"), ("TT", "number"),
        ("Họ và tên", "name"), ("HỌ VÀ TÊN", "name"), ("Ho ten", "name"), ("Họ, tên", "name"),
        ("Họ và tên thành viên", "name"),
        ("Ngày sinh", "birth"), ("Ngày, tháng, năm sinh", "birth"), ("Năm sinh", "birth"),
        ("Chức vụ", "role"), ("Vai trò", "role"), ("Chức vụ/Vai trò", "role"),
        ("Chức danh", "role"),
        ("Số điện thoại", "phone"), ("SĐT", "phone"), ("Số ĐT", "phone"), ("Điện thoại", "phone"),
        ("Đơn vị", "unit"), ("Tổ", "unit"), ("Đơn vị/Tổ", "unit"), ("Đơn vị / Tổ", "unit"),
        ("Tên tổ", "unit"),
        ("Ngày vào tổ", "joined"), ("NGÀY VÀO TỔ (dd/mm/yyyy)", "joined"),
        ("Ngày tham gia", "joined"), ("Ngày gia nhập", "joined"),
        ("Ghi chú", None), ("Địa chỉ", None), ("", None),
    ],
)  # fmt: skip
def test_headers_are_recognised(header: str, column: str | None) -> None:
    assert column_of(header) == column


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01/03/2024", date(2024, 3, 1)), ("1/3/2024", date(2024, 3, 1)),
        ("01-03-2024", date(2024, 3, 1)), ("01.03.2024", date(2024, 3, 1)),
        ("2024-03-01", date(2024, 3, 1)), ("2024-03-01 00:00:00", date(2024, 3, 1)),
        ("31/02/2024", None), ("03/2024", None), ("hôm qua", None),
    ],
)  # fmt: skip
def test_joining_days_are_read_as_communes_write_them(text: str, day: date | None) -> None:
    assert parse_day(text) == day
