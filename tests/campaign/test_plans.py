"""Plans as data: every shipped plan against its seed text, and every kind of bad plan file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from campaign.plans import (
    ComputedSpec,
    CountSpec,
    GradingGuide,
    MeasureSpec,
    Plan,
    PlanError,
    load_document,
)

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"


def plan(name: str) -> Plan:
    document = load_document((PLANS / name).read_text(encoding="utf-8"))
    assert isinstance(document, Plan)
    return document


def seed(document: Plan) -> str:
    path = ROOT.parent / document.source
    if not path.exists():
        pytest.skip(f"the seed text {document.source} is not beside this checkout")
    return " ".join(path.read_text(encoding="utf-8").split())


def written(day: date) -> list[str]:
    """The ways a Vietnamese document writes a date."""
    return [
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month:02d}/{day.year}",
        f"{day.day:02d}/{day.month}/{day.year}",
    ]


def in_text(text: str, day: date) -> bool:
    return any(form in text for form in written(day))


def test_hai_duong_2024_phases_areas_and_targets_follow_the_seed() -> None:
    document = plan("2024-hai-duong-thi-dua-dac-biet.yaml")
    text = seed(document)
    first, second = document.phases
    assert (first.starts, first.ends) == (date(2024, 8, 19), date(2025, 2, 3))
    assert (second.starts, second.ends) == (date(2025, 2, 4), date(2025, 8, 19))
    assert "Từ ngày 19/8/2024 - 03/02/2025" in text and "Từ ngày 04/02 - 19/8/2025" in text
    assert "95 năm Ngày thành lập Đảng" in first.theme and "95 năm Ngày thành lập Đảng" in text
    assert {a.code for a in document.areas} == {
        "tip",
        "incident",
        "model",
        "fire_rescue",
        "resident_info",
        "reintegration",
        "patrol",
        "good_deed",
    }  # the seven content areas; the first holds tips and presence at incidents
    names = {a.code: a.name.vi for a in document.areas}
    assert names["fire_rescue"] == "Chữa cháy, cứu nạn, cứu hộ"  # commas kept, not cut
    targets = {t.code: t for t in document.targets}
    assert targets["nguon-tin-qua-luc-luong"].threshold == 0.8 and "80% nguồn tin" in text
    assert targets["mo-hinh"].threshold == 3 and "ít nhất 03 mô hình" in text
    assert targets["thong-tin-nhan-khau"].threshold == 0.9 and "trên 90% thông tin" in text
    monthly = targets["viec-tot-hang-thang"]
    assert (monthly.level, monthly.period, monthly.threshold) == ("team", "month", 1)
    # "01 việc tốt hoặc cá nhân được biểu dương": good deeds plus commendations granted
    assert monthly.measure == MeasureSpec(
        computed=ComputedSpec(
            count="entries",
            area="good_deed",
            plus=CountSpec(count="commendations", where={"status": "granted"}),
        )
    )
    in_time = {"in_time": "yes"}
    present = targets["co-mat-vu-viec"].measure.computed
    assert present is not None and present.where == in_time and present.out_of is not None
    fire = targets["pccc-co-mat"].measure.computed
    assert fire is not None and (fire.area, fire.where) == ("fire_rescue", in_time)
    asked = next(a for a in document.areas if a.code == "fire_rescue").content_area()
    assert "in_time" in [field.key for field in asked.fields]  # the plan's own question
    entered = [t.code for t in document.targets if t.measure.entered is not None]
    assert entered == [
        "nguon-tin-qua-luc-luong",
        "khong-vi-pham-kinh-doanh-co-dieu-kien",
        "khong-vu-khi-vat-lieu-no",
        "khong-tai-pham",
        "khong-tai-nan-nghiem-trong",
        "thanh-vien-khong-vi-pham",
    ]  # what no data in the bot shows; every other target is computed
    assert "mỗi tháng thực hiện ít nhất 01 việc tốt" in text
    patrol = targets["tuan-tra-toan-luc-luong"].measure.computed
    assert patrol == ComputedSpec(
        count="participants", area="patrol", out_of=CountSpec(count="members")
    )
    assert "100% lực lượng tham gia bảo vệ ANTT ở cơ sở tham gia hỗ trợ" in text
    assert [d.due for d in document.deadlines] == [first.ends, second.ends]
    assert document.phase_on(date(2025, 2, 3)) == first
    assert document.phase_on(date(2025, 2, 4)) == second
    assert document.phase_on(date(2025, 8, 20)) is None


def test_thai_binh_2023() -> None:
    document = plan("2023-thai-binh-antq.yaml")
    text = seed(document)
    assert (document.starts, document.ends) == (date(2023, 1, 1), date(2023, 12, 31))
    assert "Từ tháng 01/2023 đến tháng 12/2023" in text
    deadlines = {d.code: d for d in document.deadlines}
    # "trước ngày 18/01/2023": due the day before
    assert deadlines["ke-hoach-dang-ky"].due_in(2023) == date(2023, 1, 17)
    assert "trước ngày 18/01/2023" in text
    # "Ngày hội … -19/8 hàng năm" is a day announced to everyone, every year, not a deliverable
    assert "ngay-hoi-19-8" not in deadlines
    (ngay_hoi,) = document.events
    assert (ngay_hoi.yearly, ngay_hoi.audience) == ("19/8", "everyone") and "19/8" in text
    thresholds = {t.code: t.threshold for t in document.targets}
    assert thresholds["xuat-sac"] == 0.05 and thresholds["kha"] == 0.5
    assert "5% đơn vị đạt phân loại Xuất sắc, 50% đơn vị đạt phân loại Khá" in text
    assert thresholds["xa-dat-an-toan"] == 0.8 and "trên 80% thôn" in text.lower()
    targets = {t.code: t for t in document.targets}
    assert targets["xa-dat-an-toan"].comparison == "over"  # "trên": strictly more
    assert not targets["xa-dat-an-toan"].meets(0.8) and targets["xa-dat-an-toan"].meets(0.81)


def test_nghe_an_2023() -> None:
    document = plan("2023-nghe-an-antq.yaml")
    text = seed(document)
    deadlines = {d.code: d for d in document.deadlines}
    # "trước ngày X" is due the day before X
    assert deadlines["ke-hoach"].due_in(2023) == date(2023, 1, 30) and "31/01/2023" in text
    assert deadlines["dang-ky-mo-hinh"].due_in(2023) == date(2023, 1, 30)
    assert deadlines["bao-cao-6-thang"].due_in(2023) == date(2023, 6, 13)
    assert re.search(r"trước ngày 14/6|trước ngày 14/06", text)
    assert deadlines["bao-cao-nam"].due_in(2023) == date(2023, 12, 13)
    assert "trước ngày 14/12" in text
    assert deadlines["kiem-tra-co-so"].due_in(2023) == date(2023, 9, 14)
    assert "trước ngày 15/9/2023" in text
    # "trước tháng 8/2023" is due the last day of July
    assert deadlines["kiem-tra-kl44"].due_in(2023) == date(2023, 7, 31)
    thresholds = {t.code: t.threshold for t in document.targets}
    assert thresholds["cong-an-phuong-dien-hinh"] == 15 and "15 " in text
    assert (
        thresholds["camera-do-thi"],
        thresholds["camera-nong-thon-moi"],
        thresholds["camera-mien-nui"],
    ) == (1.0, 0.7, 0.5)
    assert "70%" in text and "50%" in text


def test_lang_son_2022() -> None:
    document = plan("2022-lang-son-cong-tac-trong-tam.yaml")
    text = seed(document)
    deadlines = {d.code: d for d in document.deadlines}
    assert deadlines["ke-hoach"].due_in(2022) == date(2022, 2, 9) and "10/02/2022" in text
    assert deadlines["bao-cao-6-thang"].due_in(2022) == date(2022, 5, 14)
    assert "trước ngày 15/5" in text
    assert deadlines["bao-cao-nam"].due_in(2022) == date(2022, 11, 14)
    assert "trước ngày 15/11" in text
    assert {t.code: t.threshold for t in document.targets}["mo-hinh-moi"] == 2


def test_dong_nai_2023() -> None:
    document = plan("2023-dong-nai-dien-hinh.yaml")
    text = seed(document)
    assert document.issued == date(2023, 4, 7) and "ngày 07 tháng 4 năm 2023" in text
    deadlines = {d.code: d for d in document.deadlines}
    # every "trước ngày dd/mm" of this yearly plan is due the day before, every year
    assert deadlines["xa-danh-gia"].due_in(2024) == date(2024, 10, 14) and "15/10" in text
    assert deadlines["huyen-danh-gia"].due_in(2024) == date(2024, 10, 24)
    assert deadlines["bao-cao-ubnd-tinh"].due_in(2024) == date(2024, 10, 24)
    assert "trước ngày 25/10" in text
    assert deadlines["tinh-cong-nhan"].due_in(2024) == date(2024, 11, 4) and "05/11" in text
    assert "biên bản" in deadlines["xa-danh-gia"].deliverable.vi


def test_grading_guide_2026() -> None:
    guide = load_document((PLANS / "2026-huong-dan-01-hd-bca-v05.yaml").read_text(encoding="utf-8"))
    assert isinstance(guide, GradingGuide)
    assert [g.code for g in guide.grades] == ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]
    assert guide.grades[0].above == 0.95
    assert (guide.year_starts, guide.year_ends) == ("15/11", "14/11")
    assert guide.top_share_of_second_max == 0.2 and guide.minimum_active_months == 9
    assert guide.leader_not_above_team


BAD_PLAN = """\
code: Bad Code
name: Thử
issuer: Tỉnh
scope: DEMO
starts: 19/8/2024
ends: 01/01/2024
phases:
  - code: p1
    name: Đợt 1
    starts: 01/02/2024
    ends: 01/01/2024
areas:
  - {code: tip, form: nope, points: 3, name: Tin}
  - {code: tip, form: tip, points: -1, name: Tin}
targets:
  - {code: t1, description: x, level: team, period: month, kind: ratio, threshold: 80, measure: entries:good_deed}
deadlines:
  - {code: d1, title: x, role: officer, level: commune, deliverable: x, yearly: 30/02}
  - {code: d2, title: x, role: officer, level: commune, deliverable: x, due: 01/01/2024, yearly: 1/1}
  - {code: d3, title: x, role: captain, level: commune, deliverable: x, due: 01/01/2024}
colour: red
"""


def test_a_bad_plan_reports_every_error_with_its_line() -> None:
    with pytest.raises(PlanError) as raised:
        load_document(BAD_PLAN)
    problems = raised.value.problems
    text = "\n".join(problems)
    expected = [
        ("line 1: code:", "pattern"),
        ("line 8: phases.0:", "end before it starts"),
        ("line 13: areas.0:", "unknown form 'nope'"),
        ("line 14: areas.1.points:", "greater than or equal to 0"),
        ("line 16: targets.0:", "between 0 and 1"),
        ("line 18: deadlines.0:", "dd/mm"),
        ("line 19: deadlines.1:", "exactly one of due"),
        ("line 20: deadlines.2.role:", "member"),
        ("line 21: colour:", "Extra inputs"),
    ]
    for where, why in expected:
        assert any(p.startswith(where) and why in p for p in problems), (where, why, text)


def test_cross_field_errors_are_listed_together() -> None:
    broken = BAD_PLAN.replace("code: Bad Code", "code: ok-code").replace("form: nope", "form: tip")
    broken = broken.replace("points: -1", "points: 1").replace("threshold: 80", "threshold: 0.8")
    broken = broken.replace("yearly: 30/02", "yearly: 30/01").replace(
        "role: captain", "role: officer"
    )
    broken = broken.replace("code: d3", "code: d4")
    broken = broken.replace(", yearly: 1/1", "").replace("colour: red\n", "")
    broken = broken.replace("    ends: 01/01/2024\n", "    ends: 01/03/2024\n")
    with pytest.raises(PlanError) as raised:
        load_document(broken)
    (problem,) = raised.value.problems
    assert "the plan ends before it starts" in problem
    assert "area code 'tip' is used twice" in problem
    assert "target t1 measures unknown area 'good_deed'" in problem


def test_yaml_syntax_errors_name_the_line() -> None:
    with pytest.raises(PlanError) as raised:
        load_document("code: x\nname: [unclosed\nissuer: y\n")
    assert raised.value.problems[0].startswith("line 3: not valid YAML")
