"""Thresholds and deadlines keep the plan's words: "trên 90%" is strictly over, "ít nhất" at
least; "trước ngày X" is due the day before X, "đến ngày X"/"hạn X" on X.

Every shipped plan is held against its seed text, table by table: a quote is the seed's own
words, the comparison and the due day are derived from those words here, independently of
the plan model, and every "trước ngày X" and "trên N%" of a seed must be carried by a plan.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from campaign.deadlines import overdue_on, reminders_on
from campaign.demo_plan import demo_plan, plan_yaml
from campaign.plans import DeadlineSpec, Plan, PlanError, TargetSpec, load_document
from campaign.targets import judge

ROOT = Path(__file__).resolve().parents[2]
PLAN_FILES = sorted(
    path for path in (ROOT / "plans").glob("*.yaml") if "huong-dan" not in path.name
)
# Deadlines the seed gives no date for: the file derives them (a phase's last day).
NOT_IN_THE_SEED = {
    ("hd-2024-thi-dua-dac-biet", "so-ket-dot-1"),
    ("hd-2024-thi-dua-dac-biet", "tong-ket-dot-2"),
    ("hd-2026-thi-dua-dac-biet", "so-ket-dot-1"),  # the 2024 plan's reviews, moved to 2026-27
    ("hd-2026-thi-dua-dac-biet", "tong-ket-dot-2"),
}


def shipped(path: Path) -> Plan:
    document = load_document(path.read_text(encoding="utf-8"))
    assert isinstance(document, Plan)
    return document


def seed_text_if_here(document: Plan) -> str | None:
    """The seed as plain words (emphasis marks dropped, whitespace collapsed), where the seeds
    lie beside this checkout; the quotes in the plan files are checked without them."""
    path = ROOT.parent / document.source
    if not path.exists():
        return None
    return " ".join(path.read_text(encoding="utf-8").replace("*", "").split())


def seed_text(document: Plan) -> str:
    text = seed_text_if_here(document)
    if text is None:
        pytest.skip(f"the seed text {document.source} is not beside this checkout")
    return text


def expected_due(quote: str, year: int) -> date:
    """The day the seed's words make a deadline due, in `year` for a yearly one."""
    if found := re.search(r"trước ngày (\d{1,2})/(\d{1,2})/(\d{4})", quote):
        day, month, in_year = (int(g) for g in found.groups())
        return date(in_year, month, day) - timedelta(days=1)
    if found := re.search(r"trước ngày (\d{1,2})/(\d{1,2})\b", quote):
        day, month = (int(g) for g in found.groups())
        return date(year, month, day) - timedelta(days=1)
    if found := re.search(r"trước tháng (\d{1,2})/(\d{4})", quote):
        month, in_year = (int(g) for g in found.groups())
        return date(in_year, month, 1) - timedelta(days=1)
    if found := re.search(r"(?:đến ngày|hạn) (\d{1,2})/(\d{1,2})(?:/(\d{4}))?", quote):
        day, month = int(found[1]), int(found[2])
        return date(int(found[3]) if found[3] else year, month, day)
    if "Quý I" in quote:
        return date(year, 3, 31)  # within the first quarter
    if found := re.search(r"(\d{1,2})/(\d{1,2})” hàng năm", quote):  # the day itself
        return date(year, int(found[2]), int(found[1]))
    raise AssertionError(f"no rule for the wording {quote!r}")


def expected_wording(quote: str) -> set[str]:
    """The plan-file keys that say what the seed's words say."""
    if re.search(r"trước ngày \d{1,2}/\d{1,2}/\d{4}", quote):
        return {"before"}
    if "trước ngày" in quote:
        return {"yearly_before"}
    if "trước tháng" in quote:
        return {"before_month"}
    return {"by", "due", "yearly", "yearly_by"}


def expected_comparison(quote: str) -> str:
    lowered = quote.lower()
    if re.search(r"\btrên \d+%", lowered):
        return "over"
    if re.search(r"\b(không có|không để)\b", lowered):
        return "at_most"
    return "at_least"  # "ít nhất", "không dưới", "trở lên", or a bare "80%"


def expected_threshold(quote: str) -> float | None:
    if found := re.search(r"(\d+)%", quote):
        return int(found[1]) / 100
    if found := re.search(r"ít nhất (?:từ )?(\d+)", quote):
        return float(found[1])
    if expected_comparison(quote) == "at_most":
        return 0.0
    return None


def wording_of(deadline: DeadlineSpec) -> str:
    given = [
        name
        for name in ("due", "by", "before", "before_month", "yearly", "yearly_by", "yearly_before")
        if getattr(deadline, name) is not None
    ]
    assert len(given) == 1
    return given[0]


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_every_deadline_falls_where_the_seed_words_put_it(path: Path) -> None:
    document = shipped(path)
    text = seed_text_if_here(document)
    for deadline in document.deadlines:
        if (document.code, deadline.code) in NOT_IN_THE_SEED:
            assert deadline.quote is None
            continue
        assert deadline.quote is not None, f"{deadline.code} does not quote the seed"
        assert text is None or deadline.quote in text, (deadline.code, deadline.quote)
        assert wording_of(deadline) in expected_wording(deadline.quote), deadline.code
        for year in range(document.starts.year, document.ends.year + 1):
            assert deadline.due_in(year) == expected_due(deadline.quote, year), (
                deadline.code,
                year,
            )


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_no_before_day_of_the_seed_is_left_out(path: Path) -> None:
    """Every "trước ngày X" / "trước tháng M" of the seed is some deadline's quoted words."""
    document = shipped(path)
    text = seed_text(document)
    quotes = [d.quote for d in document.deadlines if d.quote]
    # NA: Vinh's conference of Buddhist establishments ("trước tháng 02/2023", one former
    # city) is not a deliverable of this plan yet (issue 13: participants beyond communes).
    not_yet = {"na-2023-antq": {"trước tháng 02/2023"}}.get(document.code, set())
    for found in re.finditer(
        r"trước ngày \d{1,2}/\d{1,2}(?:/\d{4})?|trước tháng \d{1,2}/\d{4}", text
    ):
        if found[0] in not_yet:
            continue
        assert any(found[0] in quote for quote in quotes), found[0]


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_every_threshold_keeps_the_seed_comparison(path: Path) -> None:
    document = shipped(path)
    text = seed_text_if_here(document)
    for target in document.targets:
        assert target.compare is not None, f"{target.code}: the file must say how it compares"
        if target.quote is None:
            continue
        assert text is None or target.quote in text, (target.code, target.quote)
        assert target.compare == expected_comparison(target.quote), target.code
        threshold = expected_threshold(target.quote)
        if threshold is not None:
            assert target.threshold == pytest.approx(threshold), target.code


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_every_over_in_the_seed_is_strictly_over_in_the_plan(path: Path) -> None:
    document = shipped(path)
    text = seed_text(document)
    over = {t.quote for t in document.targets if t.quote and t.compare == "over"}
    for found in re.finditer(r"\btrên \d+%", text, flags=re.IGNORECASE):
        sentence = text[found.start() : text.find(";", found.start())]
        assert any(found[0] in quote and quote in text for quote in over), sentence


OLD_SHAPE = """\
code: cu-ke-hoach
name: Kế hoạch cũ
issuer: Tỉnh
scope: DEMO
starts: 1/1/2023
ends: 31/12/2023
targets:
  - {code: it-nhat, description: x, level: commune, period: plan, kind: count, threshold: 2,
     measure: manual}
  - {code: khong-vi-pham, description: x, level: commune, period: plan, kind: count,
     direction: at_most, threshold: 0, measure: manual}
  - {code: ti-le, description: x, level: commune, period: plan, kind: ratio,
     direction: at_least, threshold: 0.9, measure: manual}
deadlines:
  - {code: mot-lan, due: 18/01/2023, role: officer, level: commune, title: x, deliverable: x}
  - {code: hang-nam, yearly: 14/6, role: officer, level: commune, title: x, deliverable: x}
"""


def test_a_plan_stored_before_the_wording_still_loads_and_judges_as_before() -> None:
    document = load_document(OLD_SHAPE)
    assert isinstance(document, Plan)
    at_least, at_most, ratio = document.targets
    assert [t.comparison for t in document.targets] == ["at_least", "at_most", "at_least"]
    assert [judge(at_least, n).met for n in (1, 2, 3)] == [False, True, True]
    assert [judge(at_most, n).met for n in (0, 1)] == [True, False]
    assert judge(ratio, 9, 10).met and not judge(ratio, 8, 10).met  # 90% meets "≥ 90%"
    once, yearly = document.deadlines
    assert once.one_off == date(2023, 1, 18) and once.due_in(2023) == date(2023, 1, 18)
    assert yearly.one_off is None and yearly.due_in(2023) == date(2023, 6, 14)


def target(**fields: object) -> TargetSpec:
    base = {
        "code": "t",
        "description": "x",
        "level": "commune",
        "period": "plan",
        "kind": "ratio",
        "threshold": 0.9,
        "measure": "manual",
    }
    return TargetSpec.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("compare", "met"),
    [
        ("over", [False, False, True]),
        ("at_least", [False, True, True]),
        ("at_most", [True, True, False]),
        ("under", [True, False, False]),
        ("exactly", [False, True, False]),
    ],
)
def test_each_comparison_against_90_percent(compare: str, met: list[bool]) -> None:
    spec = target(compare=compare)
    assert [judge(spec, n, 100).met for n in (89, 90, 91)] == met


def test_compare_and_direction_together_are_refused_in_both_languages() -> None:
    text = OLD_SHAPE.replace("direction: at_most,", "direction: at_most, compare: under,")
    with pytest.raises(PlanError) as raised:
        load_document(text)
    assert "compare" in raised.value.problems[0] and "not both" in raised.value.problems[0]
    assert "không cho cả hai" in raised.value.lines("vi")[0]


def deadline(**fields: object) -> DeadlineSpec:
    base = {"code": "d", "title": "x", "role": "officer", "level": "commune", "deliverable": "x"}
    return DeadlineSpec.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("wording", "written", "due_2024"),
    [
        ("before", "18/01/2024", date(2024, 1, 17)),
        ("by", "18/01/2024", date(2024, 1, 18)),
        ("due", "18/01/2024", date(2024, 1, 18)),
        ("before", "1/3/2024", date(2024, 2, 29)),
        ("before_month", "8/2024", date(2024, 7, 31)),
        ("before_month", "1/2024", date(2023, 12, 31)),
        ("yearly_before", "14/6", date(2024, 6, 13)),
        ("yearly_before", "1/3", date(2024, 2, 29)),
        ("yearly_before", "1/1", date(2023, 12, 31)),
        ("yearly_by", "31/3", date(2024, 3, 31)),
        ("yearly", "31/3", date(2024, 3, 31)),
    ],
)
def test_each_wording_gives_its_due_day(wording: str, written: str, due_2024: date) -> None:
    assert deadline(**{wording: written}).due_in(2024) == due_2024


@pytest.mark.parametrize(
    "dates",
    [{}, {"before": "1/1/2024", "by": "1/1/2024"}, {"due": "1/1/2024", "yearly_before": "1/3"}],
)
def test_exactly_one_wording_of_the_day(dates: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="exactly one of due"):
        deadline(**dates)


@pytest.mark.parametrize("month", ["13/2024", "8-2024", "08/24", "1/1999"])
def test_before_month_is_a_month(month: str) -> None:
    with pytest.raises(ValueError, match="M/YYYY"):
        deadline(before_month=month)


def test_the_demo_moves_every_worded_day_and_drops_quotes_naming_the_old_ones() -> None:
    source = load_document(
        OLD_SHAPE.replace("role: officer", "role: officer, quote: q", 1)
        + '  - {code: truoc, before: 31/01/2023, quote: "trước ngày 31/01/2023", role: officer,'
        " level: commune, title: x, deliverable: x}\n"
        "  - {code: han, by: 15/03/2023, role: officer, level: commune, title: x, deliverable: x}\n"
        "  - {code: thang, before_month: 8/2023, role: officer, level: commune, title: x,"
        " deliverable: x}\n"
    )
    assert isinstance(source, Plan)
    moved = demo_plan(source, date(2027, 5, 5), "DEMO")
    shift = moved.starts - source.starts
    for old, new in zip(source.deadlines, moved.deadlines, strict=True):
        if old.one_off is None:
            assert new == old  # yearly: its day every year
            continue
        assert new.one_off == old.one_off + shift, old.code
        assert new.quote is None
    words = {d.code: wording_of(d) for d in moved.deadlines}
    assert words == {
        "mot-lan": "due",
        "hang-nam": "yearly",
        "truoc": "before",
        "han": "by",
        "thang": "due",
    }
    assert load_document(plan_yaml(moved)) == moved


def test_reminders_and_late_notices_follow_the_day_before() -> None:
    """Nghệ An's "trước ngày 14/6": reminded 7, 3, 1 days before 13/6 and on it; late on 14/6."""
    document = shipped(ROOT / "plans" / "2023-nghe-an-antq.yaml")
    reminded = {
        (r.deadline.code, r.days_left)
        for day in (date(2023, 6, 6), date(2023, 6, 13))
        for r in reminders_on(document, day)
    }
    assert reminded == {("bao-cao-6-thang", 7), ("bao-cao-6-thang", 0)}
    assert reminders_on(document, date(2023, 6, 14)) == []
    late = overdue_on(document, date(2023, 6, 14))
    assert [(r.deadline.code, r.due) for r in late] == [("bao-cao-6-thang", date(2023, 6, 13))]
