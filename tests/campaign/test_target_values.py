"""Entered targets, as rules: what a typed value means (the way officers type it), whose turn
it is, and when a reminder is due."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest

from campaign.catalogs import Said
from campaign.plans import Plan, load_document
from campaign.roles import Role
from campaign.target_values import (
    EnteredValue,
    Seat,
    Way,
    duty,
    may_close,
    read_value,
    reminder_due,
    way_of,
)

PLAN = """\
code: nhap-thu
name: Kế hoạch nhập chỉ tiêu
issuer: Công an tỉnh
scope: DEMO
starts: 01/01/2027
ends: 30/06/2027
phases:
  - {code: dot-1, name: Đợt 1, starts: 01/01/2027, ends: 31/03/2027}
  - {code: dot-2, name: Đợt 2, starts: 01/04/2027, ends: 30/06/2027}
areas:
  - {code: tip, form: tip, points: 3, name: Nguồn tin}
targets:
  - code: khong-tai-pham
    description: Không để xảy ra tái phạm
    level: commune
    period: phase
    kind: count
    compare: at_most
    threshold: 0
    measure: {entered: {by: officer, remind_days: [7, 1]}}
  - code: nguon-tin
    description: 80% nguồn tin qua lực lượng
    level: commune
    period: phase
    kind: ratio
    threshold: 0.8
    measure: {entered: {by: officer, hint: {count: entries, area: tip}}}
  - code: thanh-vien
    description: Thành viên không vi phạm
    level: team
    period: phase
    kind: met
    measure: {entered: {by: leader}}
  - code: so-lieu
    description: Số liệu
    level: commune
    period: month
    kind: count
    measure: {entered: {as: value}}
  - code: cu
    description: Cũ
    level: commune
    period: year
    kind: count
    measure: manual
"""


def plan() -> Plan:
    document = load_document(PLAN)
    assert isinstance(document, Plan)
    return document


@pytest.mark.parametrize(
    ("way", "typed", "value", "parts"),
    [
        ("count", "0", 0.0, (None, None)),
        ("count", " 12 ", 12.0, (None, None)),
        ("value", "0,5", 0.5, (None, None)),
        ("value", "0.5", 0.5, (None, None)),
        ("value", "-3", -3.0, (None, None)),
        ("ratio", "85%", 0.85, (None, None)),
        ("ratio", "85", 0.85, (None, None)),
        ("ratio", "85,5 %", 0.855, (None, None)),
        ("ratio", "17/20", 0.85, (17.0, 20.0)),
        ("ratio", "17 / 20", 0.85, (17.0, 20.0)),
    ],
)
def test_numbers_are_read_as_vietnamese_write_them(
    way: str, typed: str, value: float, parts: tuple[float | None, float | None]
) -> None:
    read = read_value(cast(Way, way), typed)
    assert isinstance(read, EnteredValue)
    assert read.value == pytest.approx(value)
    assert (read.numerator, read.denominator) == parts


@pytest.mark.parametrize(
    ("way", "typed", "key"),
    [
        ("count", "1,5", "target_value_bad_count"),
        ("count", "-1", "target_value_bad_count"),
        ("count", "12 hộ", "target_value_bad_count"),
        ("count", "1.234", "target_value_bad_count"),  # a thousands dot is read two ways
        ("value", "mười", "target_value_bad_number"),
        ("value", "1.234,5", "target_value_bad_number"),
        ("ratio", "120%", "target_value_bad_ratio"),
        ("ratio", "21/20", "target_value_bad_ratio"),
        ("ratio", "3/0", "target_value_bad_ratio"),
        ("ratio", "1/2/3", "target_value_bad_ratio"),
        ("met", "có lẽ", "target_value_bad_met"),
    ],
)
def test_a_bad_value_says_why(way: str, typed: str, key: str) -> None:
    read = read_value(cast(Way, way), typed)
    assert isinstance(read, Said) and read.key == key


@pytest.mark.parametrize(
    ("typed", "met"),
    [
        ("đạt", True),
        ("Đạt", True),
        ("dat", True),
        ("có", True),
        ("yes", True),
        ("không đạt", False),
        ("Không", False),
        ("chưa đạt", False),
        ("no", False),
    ],
)
def test_met_or_not_typed_in_either_language(typed: str, met: bool) -> None:
    read = read_value("met", typed)
    assert isinstance(read, EnteredValue)
    assert read.met is met and read.value == (1.0 if met else 0.0)


def test_values_are_shown_back_as_typed() -> None:
    assert EnteredValue(0.5).shown("value") == "0,5"
    assert EnteredValue(12.0).shown("count") == "12"
    assert EnteredValue(0.85).shown("ratio") == "85%"
    assert EnteredValue(0.85, numerator=17, denominator=20).shown("ratio") == "17/20 (85%)"


def test_the_way_is_the_plans_word_else_the_targets_kind() -> None:
    by_code = {t.code: t for t in plan().targets}
    assert way_of(by_code["khong-tai-pham"]) == "count"
    assert way_of(by_code["nguon-tin"]) == "ratio"
    assert way_of(by_code["thanh-vien"]) == "met"
    assert way_of(by_code["so-lieu"]) == "value"
    assert way_of(by_code["cu"]) == "count"  # "manual" reads as entered


PROVINCE, COMMUNE, TEAM, OTHER_COMMUNE = 1, 2, 3, 4
COMMUNE_SEAT = Seat(COMMUNE, "commune", (COMMUNE, PROVINCE))
TEAM_SEAT = Seat(TEAM, "team", (TEAM, COMMUNE, PROVINCE))


def test_whose_turn_it_is() -> None:
    by_code = {t.code: t for t in plan().targets}
    commune_target, team_target = by_code["khong-tai-pham"], by_code["thanh-vien"]
    # The commune's officer must enter the commune's; an admin above does it at the CLI.
    assert duty(Role.OFFICER, COMMUNE, commune_target, COMMUNE_SEAT, PROVINCE) == "must"
    assert duty(Role.ADMIN, PROVINCE, commune_target, COMMUNE_SEAT, PROVINCE) is None
    # Another commune's officer, a leader below, a unit of another level: not theirs.
    assert duty(Role.OFFICER, OTHER_COMMUNE, commune_target, COMMUNE_SEAT, PROVINCE) is None
    assert duty(Role.LEADER, TEAM, commune_target, COMMUNE_SEAT, PROVINCE) is None
    assert duty(Role.OFFICER, COMMUNE, commune_target, TEAM_SEAT, PROVINCE) is None
    # A team's target: its leader must, the commune's officer may, a member may not.
    assert duty(Role.LEADER, TEAM, team_target, TEAM_SEAT, PROVINCE) == "must"
    assert duty(Role.OFFICER, COMMUNE, team_target, TEAM_SEAT, PROVINCE) == "may"
    assert duty(Role.MEMBER, TEAM, team_target, TEAM_SEAT, PROVINCE) is None
    # Outside the plan's scope: nobody's.
    assert duty(Role.OFFICER, COMMUNE, commune_target, COMMUNE_SEAT, OTHER_COMMUNE) is None


def test_who_closes_a_period() -> None:
    assert may_close(Role.ADMIN, PROVINCE, COMMUNE_SEAT)
    assert may_close(Role.OFFICER, COMMUNE, TEAM_SEAT)  # the officer above the team
    assert not may_close(Role.OFFICER, COMMUNE, COMMUNE_SEAT)  # not their own commune's
    assert not may_close(Role.LEADER, TEAM, TEAM_SEAT)


def test_reminders_fall_the_plans_days_before_the_period_ends() -> None:
    document = plan()
    by_code = {t.code: t for t in document.targets}
    target = by_code["khong-tai-pham"]  # phase 1 ends 31/03, remind 7 and 1 days before
    assert reminder_due(target, document, date(2027, 3, 24))
    assert reminder_due(target, document, date(2027, 3, 30))
    assert not reminder_due(target, document, date(2027, 3, 25))
    assert not reminder_due(target, document, date(2027, 3, 31))
    assert reminder_due(target, document, date(2027, 6, 23))  # phase 2
    assert not reminder_due(target, document, date(2028, 3, 24))  # the plan is over
    assert not reminder_due(by_code["cu"], document, date(2027, 12, 24))
