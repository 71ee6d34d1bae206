"""Report periods: which report deadline a period code picks, the days its figures cover and
the period before, and the error that lists the plan's reports when a code picks none or
several."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaign.demo_plan import todays_demo_plan
from campaign.periods import PeriodError, code_for, code_window, resolve
from campaign.plans import Plan, load_document

ROOT = Path(__file__).resolve().parents[2]
NGHE_AN = ROOT / "plans" / "2023-nghe-an-antq.yaml"
LANG_SON = ROOT / "plans" / "2022-lang-son-cong-tac-trong-tam.yaml"
HD_2026 = ROOT / "plans" / "2026-thi-dua-dac-biet.yaml"


def _plan(path: Path) -> Plan:
    plan = load_document(path.read_text(encoding="utf-8"))
    assert isinstance(plan, Plan)
    return plan


def _in_year(plan: Plan, year: int) -> Plan:
    """A yearly-report plan run again in `year` (its yearly deadlines fall in it)."""
    return plan.model_copy(update={"starts": date(year, 1, 1), "ends": date(year, 12, 31)})


def test_the_demo_made_on_2_december_2026_resolves_its_second_half_to_the_phase_review() -> None:
    plan, _ = todays_demo_plan(date(2026, 12, 2), "HD")
    period = resolve(plan, "2026-H2", "commune")
    assert (period.deadline.code, period.due) == ("so-ket-dot-1", date(2026, 12, 9))
    first = plan.phases[0]
    assert (period.window.starts, period.window.ends) == (first.starts, first.ends)
    assert period.label.get("vi") == "Đợt 1"
    assert period.previous is None  # the first phase has none before it
    # The same report by its phase, by its year, by its quarter, in lower case
    for code in ("dot-1", "2026", "2026-Q4", "2026-h2"):
        assert resolve(plan, code, "commune").deadline.code == "so-ket-dot-1", code
    assert code_for(plan, period.deadline, period.due, "commune") == "2026-H2"


@pytest.mark.parametrize("made", [date(2026, 1, 10), date(2026, 3, 1), date(2026, 6, 20)])
def test_a_demo_made_in_the_first_half_resolves_that_first_half(made: date) -> None:
    plan, _ = todays_demo_plan(made, "HD")
    period = resolve(plan, f"{made.year}-H1", "commune")
    assert period.deadline.code == "so-ket-dot-1"
    assert period.due.month <= 6
    assert (period.due - made).days == 7


def test_a_half_year_with_no_report_due_in_it_picks_the_report_of_its_figures() -> None:
    """The 2026–27 plan reviews Đợt 1 (19/08/2026–03/02/2027) on 03/02/2027: asked for the
    report of 2026-H2, an officer means that review, whose figures lie mostly in it."""
    plan = _plan(HD_2026)
    period = resolve(plan, "2026-H2", "commune")
    assert (period.deadline.code, period.due) == ("so-ket-dot-1", date(2027, 2, 3))
    assert period.window.starts == date(2026, 8, 19)
    # A due date inside the period still decides first; a period over few of a report's
    # days picks nothing
    assert resolve(plan, "2027-H1", "commune").deadline.code == "so-ket-dot-1"
    assert resolve(plan, "2027-H2", "commune").deadline.code == "tong-ket-dot-2"
    with pytest.raises(PeriodError):
        resolve(plan, "2026-Q3", "commune")


def test_the_second_phase_compares_with_the_first() -> None:
    plan, _ = todays_demo_plan(date(2026, 12, 2), "HD")
    period = resolve(plan, "dot-2", "commune")
    assert period.deadline.code == "tong-ket-dot-2"
    assert period.previous is not None
    assert period.previous.code == "dot-1"
    assert period.previous.ends == plan.phases[0].ends


def test_a_yearly_report_of_seed_001_run_in_2026_is_due_13_december() -> None:
    plan = _in_year(_plan(NGHE_AN), 2026)
    period = resolve(plan, "2026-H2", "commune")
    assert (period.deadline.code, period.due) == ("bao-cao-nam", date(2026, 12, 13))
    assert (period.window.starts, period.window.ends) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period.label.get("vi") == "năm 2026"
    # The year before lies outside the plan: nothing to compare with
    assert period.previous is None
    half = resolve(plan, "2026-H1", "commune")
    assert (half.deadline.code, half.due) == ("bao-cao-6-thang", date(2026, 6, 13))
    assert (half.window.starts, half.window.ends) == (date(2026, 1, 1), date(2026, 6, 30))
    assert half.label.get("vi") == "6 tháng đầu năm 2026"
    assert half.label.get("en") == "first half of 2026"
    assert half.previous is None


def test_previous_periods_are_one_step_back_within_the_plan() -> None:
    plan = _plan(NGHE_AN).model_copy(
        update={"starts": date(2025, 1, 1), "ends": date(2026, 12, 31)}
    )
    year = resolve(plan, "2026-H2", "commune")
    assert year.previous is not None
    assert (year.previous.starts, year.previous.ends) == (date(2025, 1, 1), date(2025, 12, 31))
    half = resolve(plan, "2026-H1", "commune")
    assert half.previous is not None
    assert (half.previous.code, half.previous.starts) == ("2025-H2", date(2025, 7, 1))


def test_windows_are_clipped_to_the_plan() -> None:
    plan = _plan(NGHE_AN).model_copy(
        update={"starts": date(2026, 3, 15), "ends": date(2026, 12, 31)}
    )
    half = resolve(plan, "2026-H1", "commune")
    assert (half.window.starts, half.window.ends) == (date(2026, 3, 15), date(2026, 6, 30))


def test_a_code_picking_two_reports_asks_for_the_deadline_and_names_both() -> None:
    plan = _in_year(_plan(LANG_SON), 2026)
    with pytest.raises(PeriodError) as refused:
        resolve(plan, "2026", "commune")
    said = refused.value.reason.get("vi")
    assert "--deadline" in said
    assert "bao-cao-6-thang" in said and "14/05/2026" in said
    assert "bao-cao-nam" in said and "14/11/2026" in said
    assert "--deadline" in refused.value.reason.get("en")
    chosen = resolve(plan, "2026", "commune", deadline_code="bao-cao-nam")
    assert (chosen.deadline.code, chosen.due) == ("bao-cao-nam", date(2026, 11, 14))
    # Nghe An's province has two reviews due the same day
    with pytest.raises(PeriodError, match="--deadline"):
        resolve(_plan(NGHE_AN), "2023-H2", "province")


def test_a_code_picking_nothing_lists_the_reports_and_the_codes_that_pick_them() -> None:
    plan, _ = todays_demo_plan(date(2026, 12, 2), "HD")
    with pytest.raises(PeriodError) as refused:
        resolve(plan, "2026-H1", "commune")
    said = refused.value.reason.get("vi")
    assert "so-ket-dot-1" in said and "09/12/2026" in said and "2026-H2" in said
    assert "2026-12-09" not in said
    with pytest.raises(PeriodError) as bad:
        resolve(plan, "nửa năm", "commune")
    assert "YYYY-H1" in bad.value.reason.get("vi") and "dot-1" in bad.value.reason.get("vi")
    with pytest.raises(PeriodError) as unknown:
        resolve(plan, "2026-H2", "commune", deadline_code="bao-cao-nam")
    assert "so-ket-dot-1" in unknown.value.reason.get("en")
    # A report addressed to communes is no agency's report
    with pytest.raises(PeriodError):
        resolve(plan, "2026-H2", "agency")


def test_every_code_form_names_its_days() -> None:
    plan, _ = todays_demo_plan(date(2026, 12, 2), "HD")
    assert code_window(plan, "2026-H1") == (date(2026, 1, 1), date(2026, 6, 30))
    assert code_window(plan, "2026-H2") == (date(2026, 7, 1), date(2026, 12, 31))
    assert code_window(plan, "2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert code_window(plan, "2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert code_window(plan, "2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert code_window(plan, "dot-2") == (plan.phases[1].starts, plan.phases[1].ends)
    assert code_window(plan, "2026-H3") is None
    assert code_window(plan, "dot-9") is None
