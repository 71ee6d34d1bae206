"""Target periods and judgements."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from campaign.catalogs import Said
from campaign.facts import FactValue, all_match, fact_by_key, in_force, parse_value
from campaign.plans import Plan, PlanError, TargetSpec, load_document
from campaign.targets import (
    Measured,
    Progress,
    group,
    how_measured,
    judge,
    judge_measured,
    period,
    roll_up,
)

DOCUMENT = load_document("""\
code: chi-tieu
name: Thử chỉ tiêu
issuer: Tỉnh
scope: DEMO
starts: 19/8/2024
ends: 19/8/2025
phases:
  - {code: d1, name: Đợt 1, starts: 19/8/2024, ends: 03/02/2025}
  - {code: d2, name: Đợt 2, starts: 04/02/2025, ends: 19/8/2025}
areas:
  - {code: good_deed, form: good_deed, points: 2, name: Việc tốt}
  - {code: patrol, form: patrol, points: 2, name: Tuần tra}
targets:
  - {code: monthly, description: x, level: team, period: month, kind: count, threshold: 1, measure: entries:good_deed}
  - {code: everyone, description: x, level: team, period: phase, kind: ratio, threshold: 1.0, measure: members_with:patrol}
  - {code: none, description: x, level: commune, period: plan, kind: count, direction: at_most, threshold: 0, measure: manual}
  - {code: yearly, description: x, level: commune, period: year, kind: count, threshold: 3, measure: entries:patrol}
""")
assert isinstance(DOCUMENT, Plan)
PLAN: Plan = DOCUMENT
MONTHLY, EVERYONE, NONE, YEARLY = PLAN.targets


def test_periods() -> None:
    assert period(MONTHLY, PLAN, date(2025, 2, 14)) == (date(2025, 2, 1), date(2025, 2, 28))
    assert period(MONTHLY, PLAN, date(2024, 8, 25)) == (date(2024, 8, 19), date(2024, 8, 31))
    assert period(EVERYONE, PLAN, date(2025, 2, 3)) == (date(2024, 8, 19), date(2025, 2, 3))
    assert period(EVERYONE, PLAN, date(2025, 2, 4)) == (date(2025, 2, 4), date(2025, 8, 19))
    assert period(YEARLY, PLAN, date(2025, 5, 1)) == (date(2025, 1, 1), date(2025, 8, 19))
    assert period(NONE, PLAN, date(2025, 5, 1)) == (date(2024, 8, 19), date(2025, 8, 19))


def test_judgements() -> None:
    assert judge(MONTHLY, 1).met is True and judge(MONTHLY, 0).met is False
    assert judge(EVERYONE, 3, 4).shown == "75% (3/4)" and judge(EVERYONE, 3, 4).met is False
    assert judge(EVERYONE, 4, 4).met is True
    # A ratio over nothing (no incident in the period, a team with nobody) is neither met nor
    # failed: "100% of incidents" fails nobody where there was none.
    nothing = judge(EVERYONE, 0, 0)
    assert (nothing.met, nothing.empty, nothing.value) == (None, True, None)
    assert judge(NONE, None).met is None and judge(NONE, None).shown == "—"
    assert judge(NONE, 0).met is True and judge(NONE, 1).met is False  # "no violations"


def target(**fields: object) -> TargetSpec:
    base: dict[str, object] = {
        "code": "t",
        "description": "x",
        "level": "commune",
        "period": "year",
        "kind": "ratio",
        "threshold": 0.9,
        "measure": {"computed": {"count": "entries", "out_of": {"count": "members"}}},
    }
    return TargetSpec.model_validate(base | fields)


def test_over_is_strict_and_at_least_is_not_at_the_boundary() -> None:
    over, at_least = target(compare="over"), target(compare="at_least")
    assert judge(over, 9, 10).met is False  # "trên 90%": 90% is not over
    assert judge(at_least, 9, 10).met is True
    assert judge(over, 91, 100).met is True


def test_half_years_run_january_to_june_and_july_to_december() -> None:
    half = target(period="half")
    plan = PLAN.model_copy(update={"starts": date(2024, 1, 1), "ends": date(2025, 12, 31)})
    assert period(half, plan, date(2025, 6, 30)) == (date(2025, 1, 1), date(2025, 6, 30))
    assert period(half, plan, date(2025, 7, 1)) == (date(2025, 7, 1), date(2025, 12, 31))


def units(spec: TargetSpec, *numbers: tuple[float, float]) -> list[tuple[Measured, Progress]]:
    measured = [Measured(value=a, out_of=b) for a, b in numbers]
    return [(m, judge_measured(spec, m)) for m in measured]


def test_roll_up_every_share_sum_and_pooled() -> None:
    three = ((10, 10), (9, 10), (1, 10))  # 100%, 90%, 10% against "at least 90%"
    every = target(compare="at_least")
    rolled = roll_up(every, units(every, *three))
    assert (rolled.met, rolled.shown, rolled.units_met) == (False, "2/3 (67%)", (2, 3))
    share = target(compare="at_least", rollup="share", rollup_share=0.6)
    assert roll_up(share, units(share, *three)).met is True
    assert roll_up(share, units(share, (1, 10), (1, 10), (10, 10))).met is False
    pooled = target(compare="at_least", rollup="pooled")
    result = roll_up(pooled, units(pooled, *three))
    assert (result.value, result.met) == (20 / 30, False)
    assert roll_up(pooled, units(pooled, (10, 10), (17, 20))).met is True
    counted = target(kind="count", threshold=12, rollup="sum", measure="entries:good_deed")
    rows = [(Measured(value=5), judge(counted, 5)), (Measured(value=7), judge(counted, 7))]
    summed = roll_up(counted, rows)
    assert (summed.value, summed.met, summed.units_met) == (12, True, (0, 2))


def test_units_with_nothing_to_count_are_left_out_of_a_roll_up() -> None:
    every = target(compare="at_least")
    rolled = roll_up(every, units(every, (10, 10), (0, 0), (9, 10)))
    assert (rolled.met, rolled.units_met) == (True, (2, 2))
    nothing = roll_up(every, units(every, (0, 0), (0, 0)))
    assert (nothing.met, nothing.empty) == (None, True)
    pooled = target(compare="at_least", rollup="pooled")
    assert roll_up(pooled, units(pooled, (0, 0), (0, 0))).empty


def test_registry_filters_are_worded_not_shown_as_codes() -> None:
    plan = load_document("""\
code: so-dang-ky
name: Thử
issuer: Tỉnh
scope: DEMO
starts: 1/1/2026
ends: 31/12/2026
targets:
  - code: mo-hinh
    description: x
    level: commune
    period: year
    kind: count
    measure:
      computed:
        count: models
        scheme: tu-quan
        where: {status: [active, effective], event: recognised, event_level: [district, ministry]}
  - code: khen
    description: x
    level: team
    period: month
    kind: count
    measure: {computed: {count: commendations, where: {status: granted, subject_kind: member}}}
""")
    assert isinstance(plan, Plan)
    models, commended = (how_measured(t, plan) for t in plan.targets)
    assert models.get("vi") == (
        "đếm mô hình “Tự quản về ANTT” có “trạng thái” = Đang hoạt động, Hiệu quả, “có việc” = Được"
        " công nhận, “ở cấp” = Cấp huyện (trước 01/7/2025), Bộ Công an"
    )
    assert commended.get("en") == (
        "counting commendations with “status” = Granted, “commended” = a person"
    )


def test_a_roll_up_waits_for_units_not_entered_unless_already_failed() -> None:
    entered = target(kind="met", threshold=1.0, measure="manual")
    met, unknown = Measured(met=True), Measured(missing=True)
    waiting = [(met, judge_measured(entered, met)), (unknown, judge_measured(entered, unknown))]
    assert roll_up(entered, waiting).met is None
    failed = Measured(met=False)
    assert roll_up(entered, [*waiting, (failed, judge_measured(entered, failed))]).met is False
    assert judge_measured(entered, unknown).missing


def test_per_former_district_pools_its_communes() -> None:
    values = {1: Measured(3, 10), 2: Measured(6, 10), 3: Measured(9, 10)}
    assert group(values, {100: [1, 2], 200: [3]}) == {
        100: Measured(9, 20),
        200: Measured(9, 10),
    }


def test_the_value_in_force_is_the_latest_set_on_or_before_the_day() -> None:
    history = [(date(2025, 1, 1), 100), (date(2026, 1, 1), 120), (date(2025, 7, 1), 110)]
    assert in_force(history, date(2024, 12, 31)) is None
    assert in_force(history, date(2025, 6, 30)) == 100
    assert in_force(history, date(2025, 7, 1)) == 110
    assert in_force(history, date(2027, 1, 1)) == 120


def test_facts_are_read_as_typed_and_refused_otherwise() -> None:
    terrain, cameras, coastal = (fact_by_key(k) for k in ("terrain", "cameras", "coastal"))
    assert terrain is not None and cameras is not None and coastal is not None
    assert parse_value(terrain, "Miền núi") == FactValue(text="mountain")
    assert parse_value(terrain, "urban") == FactValue(text="urban")
    assert parse_value(cameras, "1.250") == FactValue(num=1250.0)
    assert parse_value(cameras, "12,500") == FactValue(num=12500.0)
    assert isinstance(parse_value(cameras, "1,5"), Said)  # a decimal, not thousands
    assert isinstance(parse_value(cameras, "99999999999"), Said)
    assert parse_value(coastal, "có") == FactValue(text="yes")
    refused = parse_value(cameras, "12 cái")
    assert isinstance(refused, Said) and "không phải một số đếm" in refused.get("vi")
    assert isinstance(parse_value(terrain, "cao nguyên"), Said)
    facts = {"terrain": FactValue(text="midland"), "cameras": FactValue(num=3)}
    assert all_match(facts, {"terrain": ("urban", "lowland", "midland"), "cameras": ">0"})
    assert not all_match(facts, {"coastal": True})  # not set: not coastal


def test_how_a_target_is_measured_in_words() -> None:
    plan = load_document("""\
code: cach-tinh
name: Thử
issuer: Tỉnh
scope: DEMO
starts: 1/1/2026
ends: 31/12/2026
areas:
  - {code: incident, form: incident, points: 2, name: Vụ việc}
targets:
  - code: kip-thoi
    description: x
    level: commune
    period: year
    kind: ratio
    compare: at_least
    threshold: 1.0
    measure:
      computed: {count: entries, area: incident, where: {in_time: yes}, out_of: {count: entries, area: incident}}
  - {code: nhap, description: x, level: commune, period: year, kind: met, measure: manual}
  - code: camera
    description: x
    level: province
    period: year
    kind: ratio
    measure:
      computed:
        count: units
        kinds: [commune]
        where: {terrain: [urban, lowland], cameras: ">0"}
        out_of: {count: units, kinds: [commune], where: {terrain: [urban, lowland]}}
""")
    assert isinstance(plan, Plan)
    in_time, entered, cameras = (how_measured(t, plan) for t in plan.targets)
    assert in_time.get("vi") == (
        "đếm mục “Vụ việc” đã xác minh có “Có mặt kịp thời” = Có ÷ mục “Vụ việc” đã xác minh"
    )
    assert entered.get("vi") == "do Cán bộ Công an xã nhập"
    assert cameras.get("en").startswith(
        "counting units (commune) with “Terrain” = Urban, Lowland, “Security cameras installed” = >0 ÷ units"
    )


def test_a_plan_counting_per_former_district_must_declare_the_mapping() -> None:
    text = """\
code: theo-huyen
name: Thử
issuer: Tỉnh
scope: DEMO
starts: 1/1/2026
ends: 31/12/2026
targets:
  - {code: mh, description: x, level: commune, period: year, kind: count, measure: manual, per: former_district}
"""
    with pytest.raises(PlanError) as refused:
        load_document(text)
    assert "districts" in refused.value.lines("vi")[0]
    declared = load_document(text + "districts: {rule: former_district}\n")
    assert isinstance(declared, Plan) and declared.districts is not None


def test_a_registry_filter_on_an_unknown_column_is_refused_at_load() -> None:
    with pytest.raises(ValidationError) as refused:
        target(measure={"computed": {"count": "models", "where": {"colour": "red"}}})
    assert "colour" in str(refused.value) and "status" in str(refused.value)


def test_a_unit_filter_on_an_unknown_fact_is_refused_at_load() -> None:
    with pytest.raises(ValidationError) as refused:
        target(measure={"computed": {"count": "units", "where": {"ven_bien": True}}})
    assert "ven_bien" in str(refused.value) and "coastal" in str(refused.value)
    with pytest.raises(ValidationError):
        target(measure="manual", applies_to={"kinds": ["commune"], "where": {"bien": True}})
    assert target(measure="manual", applies_to={"where": {"coastal": True}}).applies_to
