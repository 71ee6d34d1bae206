"""The whole calendar, pure: events' days each year, yearly plans rolling over until ended,
and a plan without phases announcing its own first and last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from campaign.deadlines import due_dates, reminders_on
from campaign.events import announcements_on, event_days, plan_changes_on
from campaign.plans import OPEN_END, Plan, PlanError, load_document
from tests.campaign.test_plans import PLANS, ROOT, plan

YEARLY = """\
code: hang-nam
name: Kế hoạch hằng năm
issuer: Công an tỉnh
scope: DEMO
starts: 07/4/2023
recurs: yearly
deadlines:
  - {code: bao-cao, yearly_before: 25/10, role: officer, level: commune,
     title: Báo cáo năm, deliverable: Báo cáo}
events:
  - {code: ngay-hoi, yearly: 19/8, name: {vi: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
     en: "National security day"}, quote: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc -19/8"}
  - {code: hoi-nghi, on: 15/12/2024, name: Hội nghị biểu dương, audience: commanders,
     kinds: [commune], announce_days: [3, 0]}
"""


def loaded(text: str) -> Plan:
    document = load_document(text)
    assert isinstance(document, Plan)
    return document


def test_a_yearly_plan_without_an_end_runs_until_ended() -> None:
    yearly = loaded(YEARLY)
    assert yearly.recurs == "yearly" and yearly.ends == OPEN_END and yearly.until_ended
    assert yearly.active_on(date(2031, 5, 1))
    deadline = yearly.deadlines[0]
    assert due_dates(deadline, yearly)[:4] == [date(y, 10, 24) for y in (2023, 2024, 2025, 2026)]
    # ended on 30/6/2026 (what storage makes of plans.ended_on): nothing after it
    ended = yearly.model_copy(update={"ends": date(2026, 6, 30)})
    assert due_dates(deadline, ended) == [date(y, 10, 24) for y in (2023, 2024, 2025)]
    assert not ended.active_on(date(2026, 7, 1)) and ended.active_on(date(2026, 6, 30))
    assert not ended.until_ended


def test_a_plan_with_neither_an_end_nor_recurs_is_refused() -> None:
    with pytest.raises(PlanError, match="ends"):
        load_document(YEARLY.replace("recurs: yearly\n", ""))


def test_yearly_events_fall_every_year_and_one_offs_once() -> None:
    yearly = loaded(YEARLY)
    ngay_hoi, hoi_nghi = yearly.events
    assert event_days(ngay_hoi, yearly, range(2023, 2027)) == [
        date(y, 8, 19) for y in (2023, 2024, 2025, 2026)
    ]
    assert event_days(hoi_nghi, yearly) == [date(2024, 12, 15)]
    ended = yearly.model_copy(update={"ends": date(2025, 8, 18)})
    assert event_days(ngay_hoi, ended)[-1] == date(2024, 8, 19)


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2040])
def test_an_event_is_announced_7_and_1_days_before_and_on_the_day(year: int) -> None:
    yearly = loaded(YEARLY)
    day = date(year, 8, 19)
    said = {
        offset: [(n.event.code, n.days_left) for n in announcements_on(yearly, day - offset)]
        for offset in (timedelta(days=d) for d in range(0, 10))
    }
    assert said[timedelta(days=7)] == [("ngay-hoi", 7)]
    assert said[timedelta(days=1)] == [("ngay-hoi", 1)]
    assert said[timedelta(days=0)] == [("ngay-hoi", 0)]
    assert all(not found for o, found in said.items() if o.days not in (0, 1, 7))


def test_announcements_across_the_new_year_and_the_event_s_own_days() -> None:
    yearly = loaded(YEARLY.replace("yearly: 19/8", "yearly: 02/01"))
    assert [(n.on, n.days_left) for n in announcements_on(yearly, date(2025, 12, 26))] == [
        (date(2026, 1, 2), 7)
    ]
    assert [n.days_left for n in announcements_on(yearly, date(2024, 12, 12))] == [3]


def test_events_are_checked_like_deadlines() -> None:
    both = YEARLY.replace("yearly: 19/8,", "yearly: 19/8, on: 19/8/2024,")
    with pytest.raises(PlanError, match="exactly one of: on"):
        load_document(both)
    with pytest.raises(PlanError, match="dd/mm"):
        load_document(YEARLY.replace("yearly: 19/8", "yearly: 31/2"))
    with pytest.raises(PlanError, match="hoi-nghi falls outside"):
        load_document(YEARLY.replace("on: 15/12/2024", "on: 15/12/2022"))
    with pytest.raises(PlanError, match=r"ngay-hoi'? is used twice"):
        load_document(YEARLY.replace("code: hoi-nghi", "code: ngay-hoi"))
    with pytest.raises(PlanError, match="audience"):
        load_document(YEARLY.replace("audience: commanders", "audience: leaders"))


def test_a_plan_without_phases_announces_its_first_and_last_day_only() -> None:
    whole = loaded(
        YEARLY.replace("recurs: yearly\n", "ends: 31/12/2023\n").replace(
            "on: 15/12/2024", "on: 15/12/2023"
        )
    )
    assert [c.moment for c in plan_changes_on(whole, date(2023, 4, 7))] == ["start"]
    assert [c.moment for c in plan_changes_on(whole, date(2023, 12, 31))] == ["end"]
    assert plan_changes_on(whole, date(2023, 6, 1)) == []
    # a yearly plan has no last day to announce until it is ended
    assert plan_changes_on(loaded(YEARLY), OPEN_END) == []
    phased = plan("2024-hai-duong-thi-dua-dac-biet.yaml")
    assert plan_changes_on(phased, phased.starts) == []  # its phases are announced instead


def test_dong_nai_s_yearly_plan_rolls_over_2024_to_2026() -> None:
    dong_nai = plan("2023-dong-nai-dien-hinh.yaml")
    assert dong_nai.recurs == "yearly" and dong_nai.until_ended
    for year in (2024, 2025, 2026):
        reminded = {
            r.deadline.code for r in reminders_on(dong_nai, date(year, 10, 24) - timedelta(days=7))
        }
        assert {"huyen-danh-gia", "bao-cao-ubnd-tinh"} <= reminded
        assert [r.deadline.code for r in reminders_on(dong_nai, date(year, 3, 31))] == [
            "chon-quy-1"
        ]


def test_every_event_of_a_shipped_plan_quotes_its_seed_and_falls_on_the_day_it_names() -> None:
    for path in sorted(PLANS.glob("20*.yaml")):
        document = load_document(path.read_text(encoding="utf-8"))
        if not isinstance(document, Plan):
            continue
        seed_path = ROOT.parent / document.source  # the seeds beside the checkout, if there
        text = (
            " ".join(seed_path.read_text(encoding="utf-8").split()) if seed_path.exists() else None
        )
        for event in document.events:
            days = event_days(event, document)
            assert days, (document.code, event.code)  # it falls inside the plan
            if event.quote is None:
                continue  # LS: the seed names the day without its date
            assert text is None or event.quote in text, (event.code, event.quote)
            day = days[0]
            assert f"{day.day}/{day.month}" in event.quote or f"{day:%d/%m}" in event.quote
