"""Thái Bình 2023 (seed 000) and Nghệ An 2023 (seed 001) in full: every target of the seed is in
its plan file with the seed's words, comparison, threshold, level and period, and says how it
is measured (computed from which data, or entered by whom). Then each plan runs on a small unit
tree on a day in 2023 (SQLite, and PostgreSQL when set) and gives each target a value and met
or not met, from registrations, ratings, models, facts, deliverables and entered values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, insert

from campaign.facts import FactValue
from campaign.plans import Plan, TargetSpec, load_document
from campaign.targets import Progress
from services.ports import TargetView
from storage import targets
from storage.database import Database
from storage.facts import set_fact
from storage.schema import (
    deliverables,
    members,
    model_events,
    models,
    ratings,
    registrations,
    target_values,
    unit_groups,
    units,
)

ROOT = Path(__file__).resolve().parents[2]
TB = ROOT / "plans" / "2023-thai-binh-antq.yaml"
NA = ROOT / "plans" / "2023-nghe-an-antq.yaml"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2023, 10, 1, 3, 0, tzinfo=UTC)
DAY = date(2023, 10, 1)  # a simulated day of both plans' year


def shipped(path: Path) -> Plan:
    document = load_document(path.read_text(encoding="utf-8"))
    assert isinstance(document, Plan)
    return document


def seed_text_if_here(plan: Plan) -> str | None:
    """The seed as plain words (emphasis marks dropped, whitespace collapsed), where the seeds
    lie beside this checkout."""
    path = ROOT.parent / plan.source
    if not path.exists():
        return None
    return " ".join(path.read_text(encoding="utf-8").replace("*", "").split())


@dataclass(frozen=True)
class Row:
    """One row of docs/plans-research.md §1.1–1.2 as the plan file must carry it."""

    seed_row: str  # TB1, NA16...
    level: str
    period: str
    compare: str
    threshold: float
    measured: str  # "computed:<count>" or "entered:<role>"
    per: str | None = None
    applies_to: tuple[str, ...] = ()  # the facts that select the units carrying it


ALL_KINDS = ("village", "commune", "agency", "enterprise", "school")
THAI_BINH = {
    "dang-ky-an-toan": Row("TB1", "province", "year", "at_least", 1.0, "computed:registrations"),
    "xa-dat-an-toan": Row("TB2", "province", "year", "over", 0.8, "computed:registrations"),
    "co-quan-dat-an-toan": Row("TB3", "province", "year", "over", 0.8, "computed:registrations"),
    "xuat-sac": Row("TB4", "province", "year", "at_least", 0.05, "computed:ratings"),
    "kha": Row("TB5", "province", "year", "at_least", 0.5, "computed:ratings"),
    "tieu-chi-ntm": Row("TB6", "province", "year", "at_least", 0.8, "computed:units"),
    "giao-uoc-thi-dua": Row("TB7", "agency", "year", "at_least", 1.0, "entered:officer"),
    "dang-ky-an-toan-moi-huyen": Row(
        "TB8", "commune", "year", "at_least", 1.0, "computed:registrations", "former_district"
    ),
}
NGHE_AN = {
    "kiem-tra-kl44": Row("NA1", "province", "year", "at_least", 1, "computed:deliverables"),
    "kiem-tra-co-so": Row("NA2", "commune", "year", "at_least", 1, "computed:deliverables"),
    "ngay-hoi-diem-tinh": Row("NA3", "province", "year", "at_least", 1, "computed:registrations"),
    "ngay-hoi-diem-moi-huyen": Row(
        "NA4", "commune", "year", "at_least", 1, "computed:registrations", "former_district"
    ),
    "ngay-hoi-diem-moi-xa": Row("NA5", "commune", "year", "at_least", 1, "computed:registrations"),
    "duy-tri-xa-dien-hinh": Row("NA6", "province", "year", "at_least", 1, "entered:officer"),
    "xa-dien-hinh-moi-huyen": Row(
        "NA7", "commune", "year", "at_least", 1, "computed:registrations", "former_district"
    ),
    "cong-an-phuong-dien-hinh": Row(
        "NA9", "province", "year", "at_least", 15, "computed:registrations"
    ),
    "cua-lo-kieu-mau": Row("NA10", "province", "year", "at_least", 1, "entered:officer"),
    "dang-ky-mo-hinh": Row(
        "NA11", "commune", "year", "at_least", 1, "computed:models", "former_district"
    ),
    "de-nghi-toan-quoc": Row("NA12", "province", "year", "at_least", 2, "computed:models"),
    "sach-ma-tuy-bien-gioi": Row(
        "NA14", "commune", "year", "at_least", 1, "computed:models", None, ("border",)
    ),
    "mo-hinh-tuyen-bien": Row(
        "NA15", "commune", "year", "at_least", 1, "computed:models", None, ("coastal",)
    ),
    "camera-do-thi": Row("NA16", "province", "year", "at_least", 1.0, "computed:units"),
    "camera-nong-thon-moi": Row("NA17", "province", "year", "at_least", 0.7, "computed:units"),
    "camera-mien-nui": Row("NA18", "province", "year", "at_least", 0.5, "computed:units"),
}
PLANS = [pytest.param(TB, THAI_BINH, id="thai-binh"), pytest.param(NA, NGHE_AN, id="nghe-an")]


def how(target: TargetSpec) -> str:
    if target.measure.entered is not None:
        return f"entered:{target.measure.entered.by.value}"
    assert target.measure.computed is not None
    return f"computed:{target.measure.computed.count}"


@pytest.mark.parametrize(("path", "table"), PLANS)
def test_every_seed_target_is_in_the_plan_as_the_research_table_reads_it(
    path: Path, table: dict[str, Row]
) -> None:
    plan = shipped(path)
    assert {t.code for t in plan.targets} == set(table)
    text = seed_text_if_here(plan)
    for target in plan.targets:
        row = table[target.code]
        assert target.quote is not None, f"{row.seed_row} does not quote the seed"
        assert text is None or target.quote in text, (row.seed_row, target.quote)
        shape = (target.level, target.period, target.comparison, target.threshold, how(target))
        assert shape == (row.level, row.period, row.compare, row.threshold, row.measured), (
            row.seed_row
        )
        assert target.per == row.per, row.seed_row
        facts = tuple(target.applies_to.where) if target.applies_to else ()
        assert facts == row.applies_to, row.seed_row


@pytest.mark.parametrize("path", [TB, NA])
def test_registrations_and_deadlines_reach_the_kinds_the_seed_names(path: Path) -> None:
    """Every registry count names a declared scheme; agencies register and report with the
    communes; the province police's own tasks are addressed to the province."""
    plan = shipped(path)
    text = seed_text_if_here(plan)
    declared = {r.scheme: r for r in plan.registrations}
    for registration in plan.registrations:
        assert registration.quote is not None
        assert text is None or registration.quote in text, registration.scheme
    for target in plan.targets:
        computed = target.measure.computed
        if computed is not None and computed.count == "registrations":
            assert computed.scheme in declared, target.code
            assert set(computed.kinds) <= set(declared[computed.scheme].kinds), target.code
    assert plan.districts is not None and plan.districts.rule == "former_district"
    assert all(d.addressees for d in plan.deadlines), "older role/level left"
    reporting = {kind for d in plan.deadlines for kind in d.kinds}
    assert {"commune", "agency"} <= reporting


def test_nghe_an_province_tasks_go_to_the_province_police() -> None:
    plan = shipped(NA)
    to_province = {d.code for d in plan.deadlines if d.kinds == ("province",)}
    assert to_province == {
        "kiem-tra-kl44",
        "de-nghi-toan-quoc",
        "so-ket-dien-hinh",
        "so-ket-kieu-mau",
    }
    # The typical units are registered by 30/01/2023 ("trước ngày 31/01/2023").
    typical = plan.registration("dien-hinh-9745")
    assert typical is not None and typical.by == date(2023, 1, 30)


# --- the plans on a small unit tree, a day in 2023 ---


def _key(key: Any) -> int:
    return int(key[0])


class Tree:
    """A province with two communes of one former district, villages, an agency under Xã An, a
    school under Xã Bình, a team, and the province police's officer."""

    def __init__(self, conn: Connection, province_code: str) -> None:
        self.conn = conn
        self.province = self.unit(province_code, "province", None, "Tỉnh Thử")
        self.a = self.unit("XA", "commune", self.province, "Xã An")
        self.b = self.unit("XB", "commune", self.province, "Xã Bình")
        self.v1 = self.unit("XA-V1", "village", self.a, "Thôn Một")
        self.v2 = self.unit("XA-V2", "village", self.a, "Thôn Hai")
        self.v3 = self.unit("XB-V3", "village", self.b, "Thôn Ba")
        self.agency = self.unit("CQ", "agency", self.a, "Cơ quan Thử")
        self.school = self.unit("TH", "school", self.b, "Trường Thử")
        self.team = self.unit("XA-T1", "team", self.a, "Tổ Một")
        self.district = self.unit("H-CU", "district", self.province, "Huyện Cũ")
        self.every = [self.province, self.a, self.b, self.v1, self.v2, self.v3]
        self.every += [self.agency, self.school, self.team, self.district]
        for commune in (self.a, self.b):
            conn.execute(
                insert(unit_groups).values(
                    scheme="former-district",
                    group_unit_id=self.district,
                    unit_id=commune,
                    valid_from=date(2020, 1, 1),
                    source="import",
                )
            )
        officer = {"full_name": "Cán bộ tỉnh", "unit_id": self.province, "role": "officer"}
        inserted = conn.execute(insert(members).values(**officer, active=True, created_at=NOW))
        self.officer = _key(inserted.inserted_primary_key)

    def unit(self, code: str, kind: str, parent: int | None, name: str) -> int:
        row = {"code": code, "name": name, "kind": kind, "parent_id": parent}
        inserted = self.conn.execute(
            insert(units).values(**row, valid_from=date(2020, 1, 1), created_at=NOW)
        )
        return _key(inserted.inserted_primary_key)

    def fact(self, unit_id: int, key: str, value: FactValue) -> None:
        set_fact(
            self.conn,
            unit_id,
            key,
            value,
            date(2023, 1, 1),
            set_by=None,
            source="cli",
            note="",
            now=NOW,
        )

    def register(self, scheme: str, unit_id: int, outcome: str, level: str | None = None) -> None:
        row: dict[str, Any] = {"scheme": scheme, "unit_id": unit_id, "year": 2023}
        row |= {"registered_on": date(2023, 1, 20), "outcome": outcome, "level": level}
        self.conn.execute(insert(registrations).values(**row, created_at=NOW))

    def model(self, name: str, unit_id: int, scheme: str, status: str) -> int:
        row: dict[str, Any] = {"reference": f"SMH-2023-{name}", "name": name, "unit_id": unit_id}
        row |= {"category": "model", "scheme": scheme, "origin": "new", "status": status}
        row |= {"started_on": date(2022, 3, 1), "status_on": date(2023, 3, 1)}
        inserted = self.conn.execute(insert(models).values(**row, created_at=NOW))
        return _key(inserted.inserted_primary_key)

    def model_event(self, model_id: int, kind: str, on: date, level: str) -> None:
        row = {"model_id": model_id, "kind": kind, "happened_on": on, "level": level}
        self.conn.execute(insert(model_events).values(**row, created_at=NOW))

    def enter(self, plan: Plan, code: str, unit_id: int, **values: Any) -> None:
        row = {"plan_code": plan.code, "target_code": code, "unit_id": unit_id}
        row |= {"period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)}
        self.conn.execute(insert(target_values).values(**row, **values, entered_at=NOW))


def seen(conn: Connection, plan: Plan, code: str, viewer: int) -> TargetView:
    target = next(t for t in plan.targets if t.code == code)
    return targets.view(conn, plan, target, viewer, DAY, ZONE)


def mine(conn: Connection, plan: Plan, code: str, viewer: int) -> tuple[float | None, bool | None]:
    """The viewer's own value (or its roll-up) and met / not met."""
    shown = seen(conn, plan, code, viewer).mine
    assert shown is not None, code
    progress: Progress = shown[1]
    value = None if progress.value is None else round(progress.value, 3)
    return value, progress.met


def every_view_reads(conn: Connection, plan: Plan, tree: Tree) -> None:
    """Every unit sees every target on days of the plan's year, before and after it."""
    for viewer in tree.every:
        for day in (date(2022, 12, 31), date(2023, 1, 1), date(2023, 12, 31), date(2025, 6, 1)):
            report = targets.report(conn, plan, viewer, day, ZONE)
            assert [view.target.code for view in report.targets] == [t.code for t in plan.targets]


def below(conn: Connection, plan: Plan, code: str, viewer: int) -> list[tuple[str, bool | None]]:
    return [(name, p.met) for name, p in seen(conn, plan, code, viewer).units]


async def test_thai_binh_2023_gives_every_target_a_value_and_a_verdict(
    database: Database,
) -> None:
    def work(conn: Connection) -> None:
        plan = shipped(TB)
        tree = Tree(conn, plan.scope)
        # "An toàn về ANTT": 4 of 5 villages and communes achieved (80%: not "trên 80%"), the
        # agency achieved, the school withdrew.
        for unit_id in (tree.v1, tree.v2, tree.a, tree.b, tree.agency):
            tree.register("an-toan-antt", unit_id, "achieved")
        tree.register("an-toan-antt", tree.v3, "pending")
        tree.register("an-toan-antt", tree.school, "withdrawn")
        for unit_id, rating in ((tree.a, "xuat-sac"), (tree.b, "kha"), (tree.agency, "kha")):
            row = {"unit_id": unit_id, "scheme": "phan-loai-510", "year": 2023, "rating": rating}
            conn.execute(insert(ratings).values(**row, rated_on=date(2023, 9, 1)))
        tree.fact(tree.a, "ntm_antt_met", FactValue(text="yes"))
        tree.fact(tree.b, "ntm_antt_met", FactValue(text="no"))
        tree.enter(plan, "giao-uoc-thi-dua", tree.agency, numerator=50, denominator=50)
        tree.fact(tree.agency, "staff", FactValue(num=50))

        province = tree.province
        assert mine(conn, plan, "dang-ky-an-toan", province) == (round(6 / 7, 3), False)
        assert mine(conn, plan, "xa-dat-an-toan", province) == (0.8, False)  # strictly over
        assert mine(conn, plan, "co-quan-dat-an-toan", province) == (0.5, False)
        assert mine(conn, plan, "xuat-sac", province) == (round(1 / 7, 3), True)
        assert mine(conn, plan, "kha", province) == (round(2 / 7, 3), False)
        assert mine(conn, plan, "tieu-chi-ntm", province) == (0.5, False)
        # Entered by the agency's officer; the school has not entered yet.
        assert mine(conn, plan, "giao-uoc-thi-dua", tree.agency) == (1.0, True)
        assert below(conn, plan, "giao-uoc-thi-dua", province) == [
            ("Cơ quan Thử", True),
            ("Trường Thử", None),
        ]
        assert mine(conn, plan, "giao-uoc-thi-dua", province) == (0.5, None)
        # The former district: both communes, the agency registered, the school withdrew.
        assert [
            (n, p.value, p.met)
            for n, p in seen(conn, plan, "dang-ky-an-toan-moi-huyen", province).units
        ] == [("Huyện Cũ", 0.75, False)]
        # One more village achieving makes it over 80%.
        conn.execute(
            registrations.update()
            .where(registrations.c.unit_id == tree.v3)
            .values(outcome="achieved")
        )
        assert mine(conn, plan, "xa-dat-an-toan", province) == (1.0, True)
        every_view_reads(conn, plan, tree)

    await database.run(work)


async def test_nghe_an_2023_gives_every_target_a_value_and_a_verdict(database: Database) -> None:
    def work(conn: Connection) -> None:
        plan = shipped(NA)
        tree = Tree(conn, plan.scope)
        # Xã An: lowland, coastal, new-rural, cameras. Xã Bình: a mountain border commune
        # without cameras.
        for key, value in (
            ("terrain", FactValue(text="lowland")),
            ("coastal", FactValue(text="yes")),
            ("border", FactValue(text="no")),
            ("new_rural", FactValue(text="standard")),
            ("cameras", FactValue(num=12)),
        ):
            tree.fact(tree.a, key, value)
        for key, value in (
            ("terrain", FactValue(text="mountain")),
            ("border", FactValue(text="yes")),
            ("new_rural", FactValue(text="none")),
            ("cameras", FactValue(num=0)),
        ):
            tree.fact(tree.b, key, value)
        tree.register("ngay-hoi-diem", tree.a, "pending", level="province_police")
        tree.register("ngay-hoi-diem", tree.v1, "pending", level="commune")
        tree.register("dien-hinh-9745", tree.b, "pending")
        tree.register("dien-hinh-9745", tree.agency, "pending")
        tree.register("cong-an-phuong-kieu-mau", tree.a, "achieved")
        camera = tree.model("camera", tree.a, "camera", "effective")
        tree.model_event(camera, "proposed", date(2023, 6, 1), "province_police")
        tree.model_event(camera, "proposed", date(2023, 7, 15), "ministry")
        tree.model("sach-ma-tuy", tree.b, "sach-ma-tuy", "active")
        conn.execute(
            insert(deliverables).values(
                plan_code=plan.code,
                deadline_code="kiem-tra-kl44",
                due=date(2023, 7, 31),
                unit_id=tree.province,
                member_id=tree.officer,
                done_at=datetime(2023, 7, 20, 3, 0, tzinfo=UTC),
            )
        )
        tree.enter(plan, "cua-lo-kieu-mau", tree.province, met=True)

        province = tree.province
        # Deliverables: the province's inspection; no commune has reported its own.
        assert mine(conn, plan, "kiem-tra-kl44", province) == (1, True)
        assert below(conn, plan, "kiem-tra-co-so", province) == [
            ("Xã An", False),
            ("Xã Bình", False),
        ]
        # Registrations: the province's host commune, each commune's host village, each
        # former district's typical commune, the wards recognised.
        assert mine(conn, plan, "ngay-hoi-diem-tinh", province) == (1, True)
        assert mine(conn, plan, "ngay-hoi-diem-moi-huyen", tree.b) == (1, True)  # its district
        assert below(conn, plan, "ngay-hoi-diem-moi-xa", province) == [
            ("Xã An", True),
            ("Xã Bình", False),
        ]
        assert mine(conn, plan, "ngay-hoi-diem-moi-xa", province) == (0.5, False)
        assert mine(conn, plan, "xa-dien-hinh-moi-huyen", province) == (1.0, True)
        assert mine(conn, plan, "cong-an-phuong-dien-hinh", province) == (1, False)
        # Models and their events.
        assert mine(conn, plan, "dang-ky-mo-hinh", tree.a) == (1, True)
        assert mine(conn, plan, "de-nghi-toan-quoc", province) == (1, False)
        assert below(conn, plan, "sach-ma-tuy-bien-gioi", province) == [("Xã Bình", True)]
        assert below(conn, plan, "mo-hinh-tuyen-bien", province) == [("Xã An", True)]
        # Facts: cameras over the communes of each kind.
        assert mine(conn, plan, "camera-do-thi", province) == (1.0, True)
        assert mine(conn, plan, "camera-nong-thon-moi", province) == (1.0, True)
        assert mine(conn, plan, "camera-mien-nui", province) == (0.0, False)
        # Entered by the province police: one said, one not yet.
        assert mine(conn, plan, "cua-lo-kieu-mau", province) == (1.0, True)
        assert mine(conn, plan, "duy-tri-xa-dien-hinh", province) == (None, None)
        every_view_reads(conn, plan, tree)

    await database.run(work)
