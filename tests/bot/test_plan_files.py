"""`antt-bot plan load` as an administrator meets it with a faulty file: every problem listed
with its line, exit 1, and nothing loaded; and a stored plan that breaks a rule never stops
the bot."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from bot.cli import app
from campaign.demo_plan import CODE_PREFIX
from campaign.plans import Plan
from campaign.targets import judge
from storage import plans as stored_plans
from storage.database import Database
from storage.schema import plans
from storage.units import unit_id

runner = CliRunner()
PLANS = Path(__file__).resolve().parents[2] / "plans"
GOOD = PLANS / "2024-hai-duong-thi-dua-dac-biet.yaml"


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["demo"]).exit_code == 0  # the unit DEMO exists: only faults refuse
    return tmp_path


def load(env: Path, text: str, lang: str = "en") -> tuple[int, str]:
    """The English messages are pydantic's own words (the Vietnamese ones are checked apart)."""
    path = env / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", "load", str(path)], env={"ANTT_LANGUAGE": lang})
    return result.exit_code, result.output


def nothing_loaded() -> bool:
    """Nothing but the demo's own plan (`antt-bot demo` loads it) is listed."""
    listed = runner.invoke(app, ["plan", "list"]).output.splitlines()
    return bool(listed) and all(line.startswith(CODE_PREFIX) for line in listed)


# Each fault sits on the line its comment names; the file is otherwise a plan that loads.
FAULTY_PLAN = """\
code: thu-2026
name: Thử
issuer: Tỉnh
scope: DEMO
starts: 2025-13-40
ends: 31/12/2026
phases:
  - {code: dot-1, name: Đợt 1, starts: 2026-01-01 08:00, ends: 2026-06-31}
  - {code: dot-2, name: Đợt 2, starts: 2026-07-01 00:00:00, ends: 31/12/2026}
areas:
  - {code: tip, form: tip, points: "3", name: Tin}
  - {code: nguon-tin-qua-luc-luong-nong-cot-x, form: tip, points: 1, name: Tin}
targets:
  - {code: t1, description: x, level: team, period: month, kind: count, threshold: true, measure: manual}
deadlines:
  - {code: bao-cao-so-ket-dot-1-cap-xa-gui-huyen, title: x, role: officer, level: commune, deliverable: x, due: 1/1/2026}
  - {code: d2, title: x, role: officer, level: commune, deliverable: x, due: 1767225600}
  - {code: d3, title: x, role: officer, level: commune, deliverable: x, yearly: 1/1, remind_days: [7, 100000000]}
ends: 30/12/2026
"""


def test_every_fault_of_a_plan_file_is_listed_with_its_line_and_nothing_is_loaded(
    env: Path,
) -> None:
    code, output = load(env, FAULTY_PLAN)
    assert code == 1 and "nothing loaded" in output, output
    expected = [
        ("line 5: starts:", "no day '2025-13-40'"),  # YAML's date pattern, no such month
        ("line 8: phases.0.starts:", "19/8/2024"),  # a time where a day is wanted
        ("line 8: phases.0.ends:", "no day '2026-06-31'"),  # June has 30 days
        ("line 9: phases.1.starts:", "without a time"),  # a datetime, even at midnight
        ("line 11: areas.0.points:", "valid integer"),  # a text where a number is wanted
        ("line 12: areas.1.code:", "at most 32"),  # entries.content_area holds 32
        ("line 14: targets.0.threshold:", "valid number"),  # true is not a number
        ("line 16: deadlines.0.code:", "at most 31"),  # the /danop button key
        ("line 17: deadlines.1.due:", "not 1767225600"),  # a number is not a date
        ("line 18: deadlines.2.remind_days.1:", "less than or equal to 366"),
        ("line 19: ends is given twice", "first on line 6"),  # YAML would keep the last
    ]
    for where, why in expected:
        assert any(where in line and why in line for line in output.splitlines()), (where, output)
    assert "Traceback" not in output
    assert nothing_loaded()


def test_the_faults_are_said_in_vietnamese_by_default(env: Path) -> None:
    code, output = load(env, FAULTY_PLAN, lang="vi")
    assert code == 1 and "chưa nạp gì" in output, output
    expected = [
        "dòng 5: starts: không có ngày '2025-13-40'",
        "dòng 9: phases.1.starts: cần một ngày không kèm giờ",
        "dòng 11: areas.0.points: phải là số nguyên",
        "dòng 12: areas.1.code: quá dài (tối đa 32 ký tự)",
        "dòng 14: targets.0.threshold: phải là một số",
        "dòng 18: deadlines.2.remind_days.1: phải từ 366 trở xuống",
        "dòng 19: ends có hai lần (lần đầu ở dòng 6)",
    ]
    for line in expected:
        assert line in output, (line, output)
    assert "Input should" not in output and "line " not in output


FAULTY_GUIDE = """\
kind: grading
code: hd-thu-2026
name: Thử
issuer: Bộ
year_starts: 31/02
year_ends: 14/11
grades:
  - {code: hoan-thanh-xuat-sac-nhiem-vu-nam-x, name: Xuất sắc, above: 0.95}
  - {code: tot, name: Tốt, above: .nan}
top_share_of_second_max: "0.2"
minimum_active_months: 9
"""


def test_every_fault_of_a_grading_guide_is_listed_with_its_line(env: Path) -> None:
    code, output = load(env, FAULTY_GUIDE)
    assert code == 1 and "nothing loaded" in output, output
    expected = [
        ("line 5: year_starts:", "a day and month every year has"),  # no 31 February
        ("line 8: grades.0.code:", "at most 32"),  # grades.proposed holds 32
        ("line 9: grades.1.above:", "finite number"),
        ("line 10: top_share_of_second_max:", "valid number"),
    ]
    for where, why in expected:
        assert any(where in line and why in line for line in output.splitlines()), (where, output)
    assert nothing_loaded()
    code, output = load(env, FAULTY_GUIDE.split("grades:")[0] + "grades: []\n")
    assert code == 1 and "grades:" in output and "at least 1" in output, output
    assert nothing_loaded()


def _nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


WHOLE_FILE_FAULTS = [
    # (text, the line of the problem, what the message says)
    (f"code: thu-2026\nname: Thử\nissuer: {_nested(5000)}\n", "line 3:", "nested more than"),
    ("code: thu-2026\nname: &a [*a]\n", "line 2:", "inside its own anchor"),
    (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in itertools.pairwise("abcdefgh")
        )
        + "code: *h\n",
        "line ",
        "values",
    ),  # a "billion laughs": ten to the eighth values from nine lines
    ("code: thu-2026\nname: Thử\nissuer: \x00\n", "line 3:", "not allowed"),
    ("code: thu-2026\nname: [Thử\nissuer: T\n", "line 3:", "not valid YAML"),
    ("code: 0x_\n", "line 1: code:", "pattern"),  # PyYAML reads it as a number, and fails
    ("- 2026-06-31\n", "line 1:", "a plan is a mapping"),
]


def test_a_file_broken_as_a_whole_is_refused_with_its_line_never_a_traceback(env: Path) -> None:
    for text, where, why in WHOLE_FILE_FAULTS:
        code, output = load(env, text)
        assert code == 1 and "nothing loaded" in output, (text[:60], output)
        assert any(where in line and why in line for line in output.splitlines()), (where, output)
    assert nothing_loaded()


def test_a_stored_plan_that_no_longer_validates_is_left_out_not_fatal(
    env: Path, database_url: str
) -> None:
    """A plan loaded under looser rules (or edited in the database) breaks no message: it is
    left out of what units see, and `plan show` says why."""
    result = runner.invoke(app, ["plan", "load", str(GOOD), "--scope", "DEMO"])
    assert result.exit_code == 0, result.output
    broken = GOOD.read_text(encoding="utf-8").replace("starts: 19/8/2024", "starts: 2024-13-40", 1)
    database = Database(database_url)
    try:
        database.run_blocking(lambda c: c.execute(update(plans).values(document=broken)))
        stored_plans.forget_cached()
        team = database.run_blocking(lambda c: unit_id(c, "DEMO-XA-T1"))
        assert team is not None
        areas = database.run_blocking(
            lambda c: stored_plans.areas_for_unit(c, team, date(2024, 9, 1))
        )
    finally:
        database.close()
    assert areas == ()  # left out: the unit is served as if no plan ran
    result = runner.invoke(app, ["plan", "show", "hd-2024-thi-dua-dac-biet"])
    assert result.exit_code == 2 and "không còn hợp lệ" in result.output, result.output
    assert "dòng 12: starts: không có ngày '2024-13-40'" in result.output


def older_shape(text: str) -> str:
    """The plan as files were written before thresholds and deadlines kept the seed's words:
    no `quote`, no `compare` (`direction: at_most` for "không có"), `due`/`yearly` only."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(("quote:", "#"))]
    kept = "\n".join(
        line.replace("compare: at_most", "direction: at_most")
        for line in lines
        if line.strip() not in ("compare: at_least", "compare: over")
    )
    assert "compare" not in kept and "quote" not in kept and "before" not in kept
    return kept + "\n"


def test_a_plan_stored_in_the_older_shape_still_reads_and_judges_as_before(
    env: Path, database_url: str
) -> None:
    """Stored plans are parsed again on every read: a document of the older shape must load."""
    result = runner.invoke(app, ["plan", "load", str(GOOD), "--scope", "DEMO"])
    assert result.exit_code == 0, result.output
    older = older_shape(GOOD.read_text(encoding="utf-8"))
    database = Database(database_url)
    try:
        database.run_blocking(lambda c: c.execute(update(plans).values(document=older)))
        stored_plans.forget_cached()
        found = database.run_blocking(
            lambda c: stored_plans.document(c, "hd-2024-thi-dua-dac-biet")
        )
    finally:
        database.close()
    assert found is not None
    document, _ = found
    assert isinstance(document, Plan)
    comparisons = {t.code: t.comparison for t in document.targets}
    assert comparisons["khong-tai-pham"] == "at_most"
    assert comparisons["thong-tin-nhan-khau"] == "at_least"  # what it was: ≥ 90%
    assert judge(document.targets[0], 8, 10).met  # 80% meets "80%"
    assert [d.due for d in document.deadlines] == [date(2025, 2, 3), date(2025, 8, 19)]
    result = runner.invoke(app, ["plan", "show", "hd-2024-thi-dua-dac-biet"])
    assert result.exit_code == 0 and "03/02/2025" in result.output, result.output


def test_a_file_far_too_large_is_refused_in_vietnamese_words(env: Path) -> None:
    """Not "tối đa 1,000,000 characters": the limit in Vietnamese digits and words."""
    code, output = load(env, "name: x\n" + "# " + "x" * 1_000_000 + "\n", lang="vi")
    assert code == 1 and "chưa nạp gì" in output, output
    assert "dòng 1: một tệp kế hoạch chứa tối đa 1.000.000 ký tự" in output, output
    assert "characters" not in output
    code, output = load(env, "name: x\n" + "# " + "x" * 1_000_000 + "\n", lang="en")
    assert "line 1: a plan file holds at most 1,000,000 characters" in output, output
    many = "name: x\nareas: [" + ",".join(["1"] * 100_001) + "]\n"
    code, output = load(env, many, lang="vi")
    assert code == 1 and "dòng 2: quá 100.000 giá trị (tính cả alias)" in output, output
