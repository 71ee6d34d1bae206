"""The measure builder on a real database (SQLite, and PostgreSQL when set): answers filtered
(a list meaning any of), who took part, sums and distinct names, units with their dated facts,
the registry, entered values, and the views /chitieu and `plan show` print."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert

from campaign.facts import FactValue
from campaign.plans import CountSpec, Plan, load_document
from campaign.targets import Measured
from storage import targets
from storage.database import Database
from storage.facts import facts_on, history, set_fact
from storage.schema import (
    commendations,
    deliverables,
    entries,
    entry_participants,
    members,
    model_events,
    models,
    ratings,
    registrations,
    target_values,
    unit_groups,
    units,
)

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
DAY = date(2026, 12, 1)
WINDOW = targets.Window.of(date(2026, 1, 1), date(2026, 12, 31), ZONE)

PLAN_TEXT = """\
code: do-luong
name: Kế hoạch đo lường
issuer: Công an tỉnh
scope: P
starts: 1/1/2026
ends: 31/12/2026
districts: {rule: former_district}
areas:
  - {code: incident, form: incident, points: 2, name: Vụ việc}
  - {code: patrol, form: patrol, points: 2, name: Tuần tra}
  - {code: resident_info, form: resident_info, points: 1, name: Nhân khẩu}
  - {code: reintegration, form: reintegration, points: 1, name: Tái hòa nhập}
targets:
  - code: kip-thoi
    description: 100% vụ việc có mặt kịp thời
    level: commune
    period: year
    kind: ratio
    threshold: 1.0
    measure:
      computed: {count: entries, area: incident, where: {in_time: yes}, out_of: {count: entries, area: incident}}
  - code: nhan-khau
    description: Trên 90% thông tin nhân khẩu
    level: commune
    period: year
    kind: ratio
    compare: over
    threshold: 0.9
    rollup: pooled
    measure:
      computed: {count: sum, area: resident_info, field: persons, out_of: {count: fact, field: residents}}
  - code: tai-hoa-nhap
    description: Hỗ trợ 100% người tái hòa nhập
    level: commune
    period: year
    kind: ratio
    measure:
      computed: {count: distinct, area: reintegration, field: person, out_of: {count: fact, field: released_prisoners}}
  - code: camera
    description: 100% xã đô thị, đồng bằng, trung du có camera
    level: province
    period: year
    kind: ratio
    measure:
      computed:
        count: units
        kinds: [commune]
        where: {terrain: [urban, lowland, midland], cameras: ">0"}
        out_of: {count: units, kinds: [commune], where: {terrain: [urban, lowland, midland]}}
  - code: tuan-tra
    description: 100% thành viên tuần tra
    level: team
    period: year
    kind: ratio
    rollup: share
    rollup_share: 0.5
    measure: members_with:patrol
  - code: mo-hinh
    description: Mỗi huyện ít nhất 01 mô hình hiệu quả
    level: commune
    period: year
    kind: count
    per: former_district
    measure:
      computed: {count: models, scheme: tu-quan, where: {status: [active, effective]}}
  - code: an-toan
    description: Đăng ký và đạt chuẩn an toàn về ANTT
    level: commune
    period: year
    kind: count
    measure:
      computed: {count: registrations, scheme: an-toan-antt, where: {outcome: achieved}, plus: {count: commendations, where: {subject_kind: member}}}
  - code: xep-loai
    description: Xã xếp loại xuất sắc
    level: commune
    period: year
    kind: count
    measure:
      computed: {count: ratings, scheme: phan-loai-510, where: {rating: xuat-sac}}
  - code: ven-bien
    description: Mỗi xã ven biển ít nhất 01 mô hình
    level: commune
    period: year
    kind: count
    applies_to: {kinds: [commune], where: {coastal: true}}
    measure:
      computed: {count: models}
  - code: khong-vi-pham
    description: Không có cơ sở vi phạm
    level: commune
    period: year
    kind: count
    compare: at_most
    threshold: 0
    measure: {entered: {by: officer}}
"""


def _key(key: Any) -> int:
    return int(key[0])


def the_plan() -> Plan:
    plan = load_document(PLAN_TEXT)
    assert isinstance(plan, Plan)
    return plan


def unit(conn: Connection, code: str, kind: str, parent: int | None, name: str = "") -> int:
    row: dict[str, Any] = {"code": code, "name": name or code, "kind": kind, "parent_id": parent}
    row |= {"valid_from": date(2025, 7, 1), "created_at": NOW}
    return _key(conn.execute(insert(units).values(**row)).inserted_primary_key)


def member(conn: Connection, unit_id: int, name: str, role: str = "member") -> int:
    row = {"full_name": name, "unit_id": unit_id, "role": role, "active": True}
    return _key(conn.execute(insert(members).values(**row, created_at=NOW)).inserted_primary_key)


COUNTER = iter(range(1, 10_000))


def entry(
    conn: Connection,
    member_id: int,
    unit_id: int,
    area: str,
    details: dict[str, Any],
    *,
    status: str = "verified",
    when: datetime = datetime(2026, 6, 1, 2, 0, tzinfo=UTC),
) -> int:
    n = next(COUNTER)
    row = {
        "reference": f"X-{n}",
        "member_id": member_id,
        "unit_id": unit_id,
        "content_area": area,
        "kind": area,
        "details": details,
        "occurred_at": when,
        "created_at": when,
        "status": status,
        "urgent": False,
        "delivery_key": f"k{n}",
    }
    return _key(conn.execute(insert(entries).values(**row)).inserted_primary_key)


class Tree:
    def __init__(self, conn: Connection) -> None:
        self.province = unit(conn, "P", "province", None, "Tỉnh Thử")
        self.a = unit(conn, "XA", "commune", self.province, "Xã An")
        self.b = unit(conn, "XB", "commune", self.province, "Xã Bình")
        self.a1 = unit(conn, "XA-T1", "team", self.a, "Tổ Một")
        self.a2 = unit(conn, "XA-T2", "team", self.a, "Tổ Hai")
        self.district = unit(conn, "H-CU", "district", self.province, "Huyện Cũ")
        self.officer = member(conn, self.a, "Cán bộ", "officer")
        self.hoa = member(conn, self.a1, "Hoa")
        self.binh = member(conn, self.a1, "Bình")
        self.cuong = member(conn, self.a2, "Cường")


def fact(conn: Connection, unit_id: int, key: str, value: FactValue, day: date) -> None:
    set_fact(conn, unit_id, key, value, day, set_by=None, source="cli", note="", now=NOW)


def measured(conn: Connection, code: str, unit_id: int) -> Measured:
    plan = the_plan()
    target = next(t for t in plan.targets if t.code == code)
    return targets.measure(conn, plan, target, unit_id, WINDOW)


async def test_answers_filter_entries_a_list_meaning_any_of(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        entry(conn, tree.hoa, tree.a1, "incident", {"in_time": "yes"})
        entry(conn, tree.cuong, tree.a2, "incident", {"in_time": "no"})
        entry(conn, tree.hoa, tree.a1, "incident", {"in_time": "yes"}, status="pending")
        entry(conn, tree.hoa, tree.a1, "incident", {"in_time": "yes"}, when=NOW.replace(2025))
        assert measured(conn, "kip-thoi", tree.a) == Measured(1, 2)  # the commune's subtree
        assert measured(conn, "kip-thoi", tree.a2) == Measured(0, 1)
        plan = the_plan()
        spec = plan.targets[0].measure.computed
        assert spec is not None
        either = spec.model_copy(update={"where": {"in_time": ("yes", "no")}})
        assert targets.count(conn, plan, either, tree.a, WINDOW) == 2
        entry(conn, tree.hoa, tree.a1, "resident_info", {"persons": 12})
        by_number = spec.model_copy(update={"area": "resident_info", "where": {"persons": 12}})
        assert targets.count(conn, plan, by_number, tree.a, WINDOW) == 1

    await database.run(work)


async def test_participants_sums_and_distinct_names(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        patrol = entry(conn, tree.hoa, tree.a1, "patrol", {})
        conn.execute(insert(entry_participants).values(entry_id=patrol, member_id=tree.binh))
        assert measured(conn, "tuan-tra", tree.a1) == Measured(2, 2)  # Bình was credited
        assert measured(conn, "tuan-tra", tree.a2) == Measured(0, 1)
        entry(conn, tree.hoa, tree.a1, "resident_info", {"persons": 40, "households": 10})
        entry(conn, tree.cuong, tree.a2, "resident_info", {"persons": 51})
        assert measured(conn, "nhan-khau", tree.a).missing  # residents not set: nothing to judge
        fact(conn, tree.a, "residents", FactValue(num=100), date(2026, 1, 1))
        fact(conn, tree.a, "residents", FactValue(num=200), date(2027, 1, 1))  # not yet in force
        assert measured(conn, "nhan-khau", tree.a) == Measured(91, 100)
        for name in ("Nguyễn Văn Tư", "nguyen van  tu", "Lê Thị Năm"):
            entry(conn, tree.hoa, tree.a1, "reintegration", {"person": name})
        fact(conn, tree.a, "released_prisoners", FactValue(num=3), date(2025, 7, 1))
        assert measured(conn, "tai-hoa-nhap", tree.a) == Measured(2, 3)

    await database.run(work)


async def test_units_counted_by_their_facts_in_force_at_the_period_end(
    database: Database,
) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        fact(conn, tree.a, "terrain", FactValue(text="midland"), date(2025, 7, 1))
        fact(conn, tree.b, "terrain", FactValue(text="lowland"), date(2025, 7, 1))
        fact(conn, tree.a, "cameras", FactValue(num=4), date(2026, 3, 1))
        fact(conn, tree.b, "cameras", FactValue(num=2), date(2027, 2, 1))  # after the year
        assert measured(conn, "camera", tree.province) == Measured(1, 2)
        fact(conn, tree.b, "terrain", FactValue(text="mountain"), date(2026, 6, 1))
        assert measured(conn, "camera", tree.province) == Measured(1, 1)
        in_force = facts_on(conn, [tree.a, tree.b], ["terrain", "cameras"], date(2026, 5, 1))
        assert in_force[tree.b] == {"terrain": FactValue(text="lowland")}
        assert [row.value for row in history(conn, tree.b) if row.key == "terrain"] == [
            FactValue(text="lowland"),
            FactValue(text="mountain"),
        ]

    await database.run(work)


async def test_registry_counts_and_entered_values(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        registered = {"year": 2026, "registered_on": date(2026, 2, 1), "created_at": NOW}
        conn.execute(
            insert(registrations),
            [
                {"scheme": "an-toan-antt", "unit_id": tree.a, "outcome": "achieved"} | registered,
                {"scheme": "an-toan-antt", "unit_id": tree.b, "outcome": "pending"} | registered,
                {"scheme": "giao-uoc", "unit_id": tree.a, "outcome": "achieved"} | registered,
            ],
        )
        commended: dict[str, Any] = {"level": "commune", "form": "giay-khen", "status": "granted"}
        commended |= {"decided_on": date(2026, 5, 1), "created_at": NOW}
        conn.execute(
            insert(commendations),
            [
                {"subject_kind": "member", "subject_id": tree.hoa} | commended,
                {"subject_kind": "unit", "subject_id": tree.a1} | commended,  # not a member
            ],
        )
        assert measured(conn, "an-toan", tree.a) == Measured(2, None)  # 1 + 1 commended
        assert measured(conn, "an-toan", tree.b) == Measured(0, None)
        for unit_id, year in ((tree.a, 2026), (tree.b, 2025)):
            conn.execute(
                insert(ratings).values(
                    unit_id=unit_id,
                    scheme="phan-loai-510",
                    year=year,
                    rating="xuat-sac",
                    rated_on=date(year, 11, 1),
                )
            )
        assert measured(conn, "xep-loai", tree.province) == Measured(1, None)
        assert measured(conn, "khong-vi-pham", tree.a).missing  # not entered
        conn.execute(
            insert(target_values).values(
                plan_code="do-luong",
                target_code="khong-vi-pham",
                unit_id=tree.a,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                value=0,
                entered_at=NOW,
            )
        )
        assert measured(conn, "khong-vi-pham", tree.a) == Measured(0, None)

    await database.run(work)


async def test_the_views_roll_up_and_group_per_former_district(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        model: dict[str, Any] = {
            "category": "model",
            "scheme": "tu-quan",
            "origin": "new",
            "created_at": NOW,
        }
        model |= {"started_on": date(2026, 3, 1), "status_on": date(2026, 3, 1)}
        conn.execute(
            insert(models),
            [
                {"reference": "MH-1", "name": "Camera", "unit_id": tree.a, "status": "effective"}
                | model,
                {"reference": "MH-2", "name": "Cũ", "unit_id": tree.b, "status": "dropped"} | model,
            ],
        )
        for commune in (tree.a, tree.b):
            conn.execute(
                insert(unit_groups).values(
                    scheme="former-district",
                    group_unit_id=tree.district,
                    unit_id=commune,
                    valid_from=date(2025, 7, 1),
                    source="import",
                )
            )
        plan = the_plan()
        by_code = {t.code: t for t in plan.targets}
        district = targets.view(conn, plan, by_code["mo-hinh"], tree.province, DAY, ZONE)
        assert [(name, p.value, p.met) for name, p in district.units] == [("Huyện Cũ", 1, True)]
        assert district.rolled_up and district.mine is not None
        assert district.mine[1].met is True
        # Xã Bình's own model was dropped, but its former district has Xã An's: it sees that.
        own = targets.view(conn, plan, by_code["mo-hinh"], tree.b, DAY, ZONE)
        assert own.mine is not None and not own.units
        assert (own.mine[0], own.mine[1].value, own.mine[1].met) == ("Huyện Cũ", 1, True)
        patrol = entry(conn, tree.hoa, tree.a1, "patrol", {})
        conn.execute(insert(entry_participants).values(entry_id=patrol, member_id=tree.binh))
        teams = targets.view(conn, plan, by_code["tuan-tra"], tree.a, DAY, ZONE)
        assert [(name, p.met) for name, p in teams.units] == [("Tổ Hai", False), ("Tổ Một", True)]
        assert teams.mine is not None and teams.mine[1].met is True  # share: half the teams
        above = targets.view(conn, plan, by_code["camera"], tree.a, DAY, ZONE)
        assert above.mine is not None and above.mine[0] == "Tỉnh Thử" and not above.units
        report = targets.report(conn, plan, tree.a1, DAY, ZONE)
        assert {view.target.code for view in report.targets} >= {"tuan-tra", "kip-thoi"}

    await database.run(work)


async def test_only_the_units_a_target_applies_to_carry_it(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        plan = the_plan()
        coastal = next(t for t in plan.targets if t.code == "ven-bien")
        nobody = targets.view(conn, plan, coastal, tree.province, DAY, ZONE)
        assert nobody.units == [] and nobody.mine is None
        fact(conn, tree.b, "coastal", FactValue(text="yes"), date(2026, 1, 1))
        fact(conn, tree.a, "coastal", FactValue(text="no"), date(2026, 1, 1))
        one = targets.view(conn, plan, coastal, tree.province, DAY, ZONE)
        assert [(name, p.value, p.met) for name, p in one.units] == [("Xã Bình", 0, False)]
        assert one.mine is not None and one.mine[1].shown == "0/1 (0%)"

    await database.run(work)


async def test_deliverables_and_models_with_an_event_in_the_period(database: Database) -> None:
    def work(conn: Connection) -> None:
        tree = Tree(conn)
        plan = the_plan()
        done = {"plan_code": "do-luong", "member_id": tree.officer, "done_at": NOW}
        conn.execute(
            insert(deliverables),
            [
                {"deadline_code": "bao-cao", "due": date(2026, 6, 30), "unit_id": tree.a} | done,
                {"deadline_code": "ke-hoach", "due": date(2026, 1, 30), "unit_id": tree.a} | done,
                {"deadline_code": "bao-cao", "due": date(2025, 12, 30), "unit_id": tree.a} | done,
            ],
        )
        reports = CountSpec(count="deliverables", where={"deadline": "bao-cao"})
        assert targets.count(conn, plan, reports, tree.a, WINDOW) == 1
        assert targets.count(conn, plan, CountSpec(count="deliverables"), tree.a, WINDOW) == 2
        model: dict[str, Any] = {"category": "model", "scheme": "tu-quan", "origin": "new"}
        model |= {"started_on": date(2025, 3, 1), "status_on": date(2025, 3, 1)}
        model |= {"created_at": NOW, "status": "active", "unit_id": tree.a}
        first = _key(
            conn.execute(
                insert(models).values(reference="MH-9", name="Tự quản", **model)
            ).inserted_primary_key
        )
        conn.execute(
            insert(model_events).values(
                model_id=first,
                kind="proposed",
                happened_on=date(2026, 9, 1),
                level="province_police",
                created_at=NOW,
            )
        )
        proposed = CountSpec(
            count="models", where={"event": "proposed", "event_level": "province_police"}
        )
        assert targets.count(conn, plan, proposed, tree.province, WINDOW) == 1
        earlier = targets.Window.of(date(2026, 1, 1), date(2026, 8, 31), ZONE)
        assert targets.count(conn, plan, proposed, tree.province, earlier) == 0
        elsewhere = CountSpec(
            count="models", where={"event": "proposed", "event_level": "ministry"}
        )
        assert targets.count(conn, plan, elsewhere, tree.province, WINDOW) == 0

    await database.run(work)
