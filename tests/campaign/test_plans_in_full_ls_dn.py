"""Lạng Sơn 2022 and Đồng Nai (yearly from 2023) in full: every target of their seeds quotes the
seed's words and is computed from the registry or entered by the province's officer, "mỗi
huyện" counted per former district; then each plan run on a small unit tree (SQLite, and
PostgreSQL when set) on a simulated day, Đồng Nai in 2024 and again in 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, insert

from campaign.facts import FactValue
from campaign.plans import CountSpec, Plan, TargetSpec, load_document
from campaign.roles import Role
from campaign.targets import Progress
from services import deliverables, registrations
from services.ports import MemberView, TargetView
from services.refusals import Refused
from storage import plans as stored_plans
from storage import targets
from storage.database import Database
from storage.facts import set_fact
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import (
    commendations,
    members,
    model_events,
    models,
    target_values,
    unit_groups,
    units,
)
from storage.sealing import Sealer

ROOT = Path(__file__).resolve().parents[2]
LANG_SON = ROOT / "plans" / "2022-lang-son-cong-tac-trong-tam.yaml"
DONG_NAI = ROOT / "plans" / "2023-dong-nai-dien-hinh.yaml"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def loaded(path: Path) -> Plan:
    document = load_document(path.read_text(encoding="utf-8"))
    assert isinstance(document, Plan)
    return document


def seed_text(document: Plan) -> str:
    """The seed as plain words (emphasis marks dropped, whitespace collapsed)."""
    path = ROOT.parent / document.source
    if not path.exists():
        pytest.skip(f"the seed text {document.source} is not beside this checkout")
    return " ".join(path.read_text(encoding="utf-8").replace("*", "").split())


# code: (level, period, compare, threshold, per, measured) — docs/plans-research.md §1.4–1.5.
LANG_SON_TABLE: dict[str, tuple[str, str, str, float, str | None, str]] = {
    "dia-ban-phat-dong": ("commune", "year", "at_least", 2, "former_district", "computed"),  # LS1
    "so-ket-cong-an-phuong-dien-hinh": ("province", "year", "at_least", 1, None, "entered"),
    "xa-dien-hinh-nhat-tien": ("province", "year", "at_least", 1, None, "entered"),  # LS3
    "mo-hinh-moi": ("commune", "year", "at_least", 2, "former_district", "computed"),  # LS4
    "nhan-rong": ("commune", "year", "at_least", 1, "former_district", "computed"),  # LS5
    "mo-hinh-xa-nong-thon-moi": ("commune", "year", "at_least", 1, None, "computed"),  # LS6
    "mo-hinh-tu-quan": ("province", "year", "at_least", 4, None, "computed"),  # LS7
    "nhan-rong-tu-quan": ("province", "year", "at_least", 2, None, "computed"),  # LS8
    "ky-niem-chuong": ("province", "year", "at_least", 1, None, "computed"),  # LS9
}
DONG_NAI_TABLE: dict[str, tuple[str, str, str, float, str | None, str]] = {
    "chon-co-quan-quy-1": ("province", "year", "at_least", 1, None, "computed"),  # DN1
    "dang-ky-hang-nam": ("commune", "year", "at_least", 1, "former_district", "computed"),  # DN2
    "dang-ky-co-quan-hang-nam": (
        "commune",
        "year",
        "at_least",
        1,
        "former_district",
        "computed",
    ),  # DN3
}


def row(target: TargetSpec) -> tuple[str, str, str, float, str | None, str]:
    measured = "computed" if target.measure.computed is not None else "entered"
    return (target.level, target.period, target.comparison, target.threshold, target.per, measured)


@pytest.mark.parametrize(
    ("path", "table"), [(LANG_SON, LANG_SON_TABLE), (DONG_NAI, DONG_NAI_TABLE)], ids=["ls", "dn"]
)
def test_every_target_is_the_seed_s_in_its_words_and_measured(
    path: Path, table: dict[str, tuple[str, str, str, float, str | None, str]]
) -> None:
    document = loaded(path)
    assert {t.code: row(t) for t in document.targets} == table
    assert document.districts is not None and document.districts.rule == "former_district"
    text = seed_text(document)
    for target in document.targets:
        assert target.quote is not None and target.quote in text, target.code
        entered = target.measure.entered
        if entered is not None:  # entered by the province's own officer, met or not
            assert (entered.by, entered.as_, target.kind) == (Role.OFFICER, "met", "met")
    for registration in document.registrations:
        assert registration.quote is not None and registration.quote in text


def test_lang_son_counts_the_registry_per_former_district() -> None:
    document = loaded(LANG_SON)
    by_code = {t.code: t for t in document.targets}
    text = seed_text(document)
    campaign = by_code["dia-ban-phat-dong"].measure.computed
    assert campaign is not None and (campaign.count, campaign.scheme) == (
        "registrations",
        "phat-dong-tap-trung",
    )
    assert set(document.registrations[0].kinds) == {"commune", "village"}
    new, copied = by_code["mo-hinh-moi"].measure.computed, by_code["nhan-rong"].measure.computed
    assert new is not None and new.where["origin"] == "new" and new.where["event"] == "built"
    assert copied is not None and copied.where["origin"] == "replicated"
    new_rural = by_code["mo-hinh-xa-nong-thon-moi"].applies_to
    assert new_rural is not None and dict(new_rural.where) == {"new_rural_target_year": 2022}
    assert "về đích năm 2022 phải xây dựng ít nhất 01 mô hình" in text
    for code in ("mo-hinh-tu-quan", "nhan-rong-tu-quan"):
        agencies = by_code[code].applies_to
        assert agencies is not None and set(agencies.kinds) == {"agency", "enterprise", "school"}
        assert by_code[code].rollup == "sum"  # the province judged on their sum
    medal = by_code["ky-niem-chuong"].measure.computed
    assert medal is not None and medal.count == "commendations"
    assert (medal.where["level"], medal.where["form"]) == ("ministry", "ky-niem-chuong")
    deadlines = {d.code: d for d in document.deadlines}
    assert deadlines["ke-hoach"].kinds == ("agency",) and "Các Sở, ban, ngành" in text
    assert deadlines["bao-cao-nam"].kinds == ("commune",)


def test_dong_nai_recognition_dossier_and_calendar() -> None:
    document = loaded(DONG_NAI)
    text = seed_text(document)
    assert document.recurs == "yearly" and document.until_ended
    schemes = {r.scheme: r for r in document.registrations}
    assert set(schemes["dien-hinh-xa"].kinds) == {"commune"}
    assert set(schemes["dien-hinh-co-quan"].kinds) == {"agency", "enterprise", "school"}
    for registration in schemes.values():  # (1) tờ trình, (2) báo cáo kết quả, (3) biên bản họp
        assert [i.code for i in registration.dossier] == [
            "to-trinh",
            "bao-cao-ket-qua",
            "bien-ban-hop",
        ]
    assert "(1) Tờ trình hoặc đề xuất" in text and "(3) Biên bản họp xét" in text
    deadlines = {d.code: d for d in document.deadlines}
    assert (deadlines["xa-danh-gia"].registration, deadlines["xa-danh-gia"].kinds) == (
        "dien-hinh-xa",
        ("commune",),
    )
    assert deadlines["huyen-danh-gia"].registration == "dien-hinh-co-quan"
    assert set(deadlines["huyen-danh-gia"].kinds) == {"agency", "enterprise", "school"}
    assert deadlines["chon-quy-1"].kinds == ("province",)
    assert deadlines["tinh-cong-nhan"].kinds == ("province",)
    for year in (2024, 2026):
        assert deadlines["chon-quy-1"].due_in(year) == date(year, 3, 31)
        assert deadlines["xa-danh-gia"].due_in(year) == date(year, 10, 14)
        assert deadlines["huyen-danh-gia"].due_in(year) == date(year, 10, 24)
        assert deadlines["tinh-cong-nhan"].due_in(year) == date(year, 11, 4)
    picked = document.targets[0].measure.computed
    assert picked is not None and picked.where == {"level": "province_police"}
    assert "Quý I hàng năm lựa chọn ít nhất 01 cơ quan" in text


# --- on a database


def _key(key: Any) -> int:
    return int(key[0])


class Units:
    """A province, two former districts (kind district, closed as grouping only), communes
    grouped under them, and the other units a plan names."""

    def __init__(self, conn: Connection, province: str, now: datetime) -> None:
        self.conn, self.now = conn, now
        self.province = self.add(province, "province", None, f"Tỉnh {province}")
        self.east = self.add(f"{province}-HD", "district", self.province, "Huyện Đông")
        self.west = self.add(f"{province}-HT", "district", self.province, "Huyện Tây")

    def add(self, code: str, kind: str, parent: int | None, name: str) -> int:
        values: dict[str, Any] = {"code": code, "name": name, "kind": kind, "parent_id": parent}
        values |= {"valid_from": date(2020, 1, 1), "created_at": self.now}
        return _key(self.conn.execute(insert(units).values(**values)).inserted_primary_key)

    def commune(self, code: str, name: str, district: int) -> int:
        commune = self.add(code, "commune", self.province, name)
        self.conn.execute(
            insert(unit_groups).values(
                scheme="former-district",
                group_unit_id=district,
                unit_id=commune,
                valid_from=date(2020, 1, 1),
                source="import",
            )
        )
        return commune

    def officer(self, unit_id: int, name: str) -> MemberView:
        values = {"full_name": name, "unit_id": unit_id, "role": "officer", "active": True}
        member = _key(
            self.conn.execute(
                insert(members).values(**values, created_at=self.now)
            ).inserted_primary_key
        )
        return MemberView(member, name, Role.OFFICER, unit_id, "", "vi")


def shown(view: TargetView) -> list[tuple[str, float | None, bool | None]]:
    return [(name, progress.value, progress.met) for name, progress in view.units]


def mine(view: TargetView) -> tuple[str, float | None, bool | None]:
    assert view.mine is not None
    name, progress = view.mine
    return (name, progress.value, progress.met)


def progress_of(view: TargetView) -> Progress:
    assert view.mine is not None
    return view.mine[1]


REFERENCES = iter(range(1, 10_000))


def model(conn: Connection, unit_id: int, origin: str, event: str, on: date, now: datetime) -> None:
    values: dict[str, Any] = {
        "reference": f"SMH-{on.year}-{next(REFERENCES):06d}",
        "category": "model",
        "scheme": "tu-quan",
        "name": f"Mô hình {next(REFERENCES)}",
        "unit_id": unit_id,
        "started_on": on,
        "origin": origin,
        "status": "active",
        "status_on": on,
        "created_at": now,
    }
    made = _key(conn.execute(insert(models).values(**values)).inserted_primary_key)
    conn.execute(
        insert(model_events).values(model_id=made, kind=event, happened_on=on, created_at=now)
    )


async def test_lang_son_2022_per_former_district_and_per_unit(
    database: Database, tmp_path: Path
) -> None:
    now = datetime(2022, 12, 1, 3, 0, tzinfo=UTC)
    day = date(2022, 12, 1)

    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        tree = Units(conn, "LS", now)
        an = tree.commune("LS-AN", "Xã An", tree.east)
        binh = tree.commune("LS-BINH", "Xã Bình", tree.east)
        chau = tree.commune("LS-CHAU", "Xã Châu", tree.west)
        village = tree.add("LS-CHAU-T1", "village", chau, "Thôn Một")
        tree.add("LS-AN-TO", "team", an, "Tổ Một")
        agency = tree.add("LS-SO", "agency", tree.province, "Sở Giáo dục")
        school = tree.add("LS-AN-TH", "school", an, "Trường Tiểu học An")
        text = LANG_SON.read_text(encoding="utf-8")
        plan = loaded(LANG_SON)
        stored_plans.save(conn, plan, text, now)
        by_code = {t.code: t for t in plan.targets}

        def view(code: str, viewer: int) -> TargetView:
            return targets.view(conn, plan, by_code[code], viewer, day, ZONE)

        # LS1: Huyện Đông registers two areas, Huyện Tây one (its village); 2021's is not 2022's.
        for unit_id in (an, binh, village):
            registrations.register(
                repo, repo, None, unit_id=unit_id, scheme="phat-dong-tap-trung", day=day, now=now
            )
        concentrated = view("dia-ban-phat-dong", tree.province)
        assert shown(concentrated) == [("Huyện Đông", 2, True), ("Huyện Tây", 1, False)]
        assert (
            progress_of(concentrated).met is False
            and progress_of(concentrated).shown == "1/2 (50%)"
        )
        assert mine(view("dia-ban-phat-dong", chau)) == ("Huyện Tây", 1, False)  # its district's

        # LS4/LS5: models launched in 2022; one built in 2021 is not "xây dựng mới" this year.
        model(conn, an, "new", "built", date(2022, 3, 1), now)
        model(conn, school, "new", "built", date(2022, 4, 1), now)  # a school of Xã An's
        model(conn, chau, "new", "built", date(2022, 5, 1), now)
        model(conn, chau, "new", "built", date(2021, 5, 1), now)
        model(conn, chau, "replicated", "replicated", date(2022, 6, 1), now)
        assert shown(view("mo-hinh-moi", tree.province)) == [
            ("Huyện Đông", 2, True),  # Xã An's own and its school's
            ("Huyện Tây", 1, False),
        ]
        assert shown(view("nhan-rong", tree.province)) == [
            ("Huyện Đông", 0, False),
            ("Huyện Tây", 1, True),
        ]

        # LS6: only the communes picked for the new-rural standard in 2022 carry it, each.
        for unit_id in (binh, chau):
            set_fact(
                conn,
                unit_id,
                "new_rural_target_year",
                FactValue(num=2022),
                date(2022, 1, 1),
                set_by=None,
                source="cli",
                note="",
                now=now,
            )
        assert shown(view("mo-hinh-xa-nong-thon-moi", tree.province)) == [
            ("Xã Bình", 0, False),
            ("Xã Châu", 2, True),
        ]

        # LS7: agencies, enterprises and schools, summed for the province (4 needed).
        for _ in range(2):
            model(conn, agency, "new", "built", date(2022, 7, 1), now)
        agencies = view("mo-hinh-tu-quan", tree.province)
        assert shown(agencies) == [("Sở Giáo dục", 2, False), ("Trường Tiểu học An", 1, False)]
        assert (progress_of(agencies).value, progress_of(agencies).met) == (3, False)
        model(conn, agency, "new", "built", date(2022, 8, 1), now)
        assert progress_of(view("mo-hinh-tu-quan", tree.province)).met is True

        # LS9: a medal dossier proposed to the Ministry for a member of Xã An.
        medal = view("ky-niem-chuong", tree.province)
        assert mine(medal) == ("Tỉnh LS", 0, False)
        officer = tree.officer(an, "Cán bộ An")
        conn.execute(
            insert(commendations).values(
                subject_kind="member",
                subject_id=officer.id,
                level="ministry",
                form="ky-niem-chuong",
                decided_on=date(2022, 9, 1),
                status="proposed",
                created_at=now,
            )
        )
        assert mine(view("ky-niem-chuong", tree.province)) == ("Tỉnh LS", 1, True)

        # LS2/LS3: entered met or not by the province's officer; nothing entered, nothing judged.
        assert progress_of(view("xa-dien-hinh-nhat-tien", tree.province)).missing
        conn.execute(
            insert(target_values).values(
                plan_code=plan.code,
                target_code="so-ket-cong-an-phuong-dien-hinh",
                unit_id=tree.province,
                period_start=date(2022, 1, 1),
                period_end=date(2022, 12, 31),
                met=True,
                entered_at=now,
            )
        )
        assert progress_of(view("so-ket-cong-an-phuong-dien-hinh", tree.province)).met is True

    await database.run(work)


async def test_dong_nai_rolls_over_2024_to_2026_with_its_dossier(
    database: Database, tmp_path: Path
) -> None:
    start = datetime(2024, 1, 1, 3, 0, tzinfo=UTC)

    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        tree = Units(conn, "DN", start)
        an = tree.commune("DN-AN", "Phường An", tree.east)
        tree.commune("DN-BINH", "Xã Bình", tree.east)
        chau = tree.commune("DN-CHAU", "Xã Châu", tree.west)
        tree.add("DN-AN-TO", "team", an, "Tổ Một")
        provincial = tree.add("DN-BV", "agency", tree.province, "Bệnh viện tỉnh")
        enterprise = tree.add("DN-AN-DN", "enterprise", an, "Công ty An Phát")
        school = tree.add("DN-CHAU-TH", "school", chau, "Trường THCS Châu")
        officer_an = tree.officer(an, "Cán bộ An")
        officer_enterprise = tree.officer(enterprise, "Bảo vệ An Phát")
        text = DONG_NAI.read_text(encoding="utf-8")
        plan = loaded(DONG_NAI)
        stored_plans.save(conn, plan, text, start)
        by_code = {t.code: t for t in plan.targets}

        def register(unit_id: int, scheme: str, on: date, level: str | None = None) -> int:
            made = registrations.register(
                repo, repo, None, unit_id=unit_id, scheme=scheme, day=on, now=start, level=level
            )
            return made.id

        def view(code: str, day: date) -> TargetView:
            return targets.view(conn, plan, by_code[code], tree.province, day, ZONE)

        # 2024: the province picks its hospital in Q1; Huyện Đông a commune, Huyện Tây a school.
        register(provincial, "dien-hinh-co-quan", date(2024, 2, 20), "province_police")
        commune_2024 = register(an, "dien-hinh-xa", date(2024, 3, 5))
        register(school, "dien-hinh-co-quan", date(2024, 3, 10))
        # 2026: the other way round, and the province has picked nobody yet.
        register(chau, "dien-hinh-xa", date(2026, 2, 1))
        enterprise_2026 = register(enterprise, "dien-hinh-co-quan", date(2026, 2, 1))
        in_2024, in_2026 = date(2024, 12, 1), date(2026, 12, 1)
        assert mine(view("chon-co-quan-quy-1", in_2024)) == ("Tỉnh DN", 1, True)
        assert mine(view("chon-co-quan-quy-1", in_2026)) == ("Tỉnh DN", 0, False)
        assert shown(view("dang-ky-hang-nam", in_2024)) == [
            ("Huyện Đông", 1, True),
            ("Huyện Tây", 0, False),
        ]
        assert shown(view("dang-ky-hang-nam", in_2026)) == [
            ("Huyện Đông", 0, False),
            ("Huyện Tây", 1, True),
        ]
        assert shown(view("dang-ky-co-quan-hang-nam", in_2024)) == [
            ("Huyện Đông", 0, False),
            ("Huyện Tây", 1, True),  # the school of Xã Châu
        ]
        assert shown(view("dang-ky-co-quan-hang-nam", in_2026)) == [
            ("Huyện Đông", 1, True),  # the enterprise of Phường An
            ("Huyện Tây", 0, False),
        ]

        # The commune's dossier deadline (due 14/10 each year) counts only with all 3 documents.
        def submit(member: MemberView, code: str, day: date) -> bool:
            when = datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)
            [item] = [
                i
                for i in deliverables.open_deliverables(repo, member, day)
                if i.deadline_code == code
            ]
            return deliverables.mark_submitted(
                repo, repo, member, item.key, None, chat=("web", "c"), now=when, registry=repo
            ).recorded

        def upload(member: MemberView, registration: int, item: str) -> None:
            registrations.upload(
                repo, repo, repo, member, registration, item, data=PNG, name="a.png", now=start
            )

        october_2024 = date(2024, 10, 10)
        for item in ("to-trinh", "bao-cao-ket-qua"):
            upload(officer_an, commune_2024, item)
        with pytest.raises(Refused) as incomplete:
            submit(officer_an, "xa-danh-gia", october_2024)
        assert "Biên bản họp" in incomplete.value.reason.vi
        upload(officer_an, commune_2024, "bien-ban-hop")
        assert submit(officer_an, "xa-danh-gia", october_2024)
        # 2026: Phường An did not register again: its deadline cannot count as submitted.
        with pytest.raises(Refused):
            submit(officer_an, "xa-danh-gia", date(2026, 10, 10))
        # The enterprise's own dossier for the province (due 24/10/2026).
        october_2026 = date(2026, 10, 20)
        with pytest.raises(Refused):
            submit(officer_enterprise, "huyen-danh-gia", october_2026)
        for item in ("to-trinh", "bao-cao-ket-qua", "bien-ban-hop"):
            upload(officer_enterprise, enterprise_2026, item)
        assert submit(officer_enterprise, "huyen-danh-gia", october_2026)
        done = targets.count(
            conn,
            plan,
            CountSpec(count="deliverables"),
            an,
            targets.Window.of(date(2024, 1, 1), date(2026, 12, 31), ZONE),
        )
        assert done == 2  # Phường An's 2024 dossier and its enterprise's 2026 one

    await database.run(work)
