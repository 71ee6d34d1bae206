"""Registrations, dossier items, ratings and commendations on SQLite and PostgreSQL: what the
services write is read back, one registration a unit, scheme and year, scoped to the unit's
line of command; the deadline waiting on a dossier through the /danop repository."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select

from campaign.roles import Role
from services import commendations, deliverables, registrations
from services.demo import DemoInvites
from services.ports import MemberView, NewCommendation, NewRegistration, Outcome
from services.refusals import Refused
from storage import plans as stored_plans
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import audit_log, members, ratings, units
from storage.schema import commendations as commendation_rows
from storage.sealing import Sealer
from tests.registry_plan import plan_text, registry_plan

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
DAY = date(2026, 3, 2)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def unit_id(conn: Connection, code: str) -> int:
    return int(conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one())


def person(conn: Connection, role: Role, unit: int | None = None) -> MemberView:
    query = select(members.c.id, members.c.full_name, members.c.unit_id).where(
        members.c.role == role.value
    )
    if unit is not None:
        query = query.where(members.c.unit_id == unit)
    row = conn.execute(query.order_by(members.c.id)).first()
    assert row is not None
    return MemberView(row.id, row.full_name, role, row.unit_id, "", "vi")


def add_village(conn: Connection) -> int:
    return int(
        conn.execute(
            insert(units)
            .values(
                code="DEMO-XA-THON",
                name="Thôn Đông",
                kind="village",
                parent_id=unit_id(conn, "DEMO-XA"),
                valid_from=date(2025, 7, 1),
                created_at=NOW,
            )
            .returning(units.c.id)
        ).scalar_one()
    )


async def test_registrations_dossiers_ratings_and_commendations_are_kept(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        stored_plans.save(conn, registry_plan(), plan_text(), NOW)
        officer, leader = person(conn, Role.OFFICER), person(conn, Role.LEADER)
        member = person(conn, Role.MEMBER, leader.unit_id)
        province = unit_id(conn, "DEMO")
        admin = MemberView(officer.id, "Quản trị", Role.ADMIN, province, "", "vi")
        village = add_village(conn)
        assert [u.name for u in repo.units_under(officer.unit_id, ["village", "commune"])] == [
            "Thôn Đông",
            "Xã Hòa Bình",
        ]
        made = registrations.register(
            repo, repo, officer, unit_id=village, scheme="an-toan-antt", day=DAY, now=NOW
        )
        assert (made.unit.chain[1], made.plan_code, made.outcome) == (
            officer.unit_id,
            "an-toan-2026",
            "pending",
        )
        # One a unit, scheme and year, even when two officers register it at once.
        again = NewRegistration("an-toan-antt", village, 2026, None, DAY, None, None, "", (), NOW)
        assert repo.add_registration(again) is None
        item = registrations.upload(
            repo, repo, repo, officer, made.id, "to-trinh", data=PNG, name="to trinh.png", now=NOW
        )
        shown = repo.document(officer, item.document_id or 0)
        assert shown is not None and (shown.owner_kind, shown.owner_id) == ("dossier_item", item.id)
        registrations.review(repo, repo, repo, admin, made.id, "to-trinh", "returned", "Mờ", NOW)
        statuses = [(i.item, i.status, i.note) for i in repo.dossier("registration", made.id)]
        assert statuses == [
            ("to-trinh", "returned", "Mờ"),
            ("bao-cao-ket-qua", "missing", ""),
            ("anh-hoat-dong", "missing", ""),
        ]
        outcome = Outcome("achieved", date(2026, 12, 1), "commune", "5/QĐ-UBND", "")
        done = registrations.record_outcome(repo, repo, repo, officer, made.id, outcome, NOW)
        assert (done.outcome, done.outcome_on, done.decision_no) == (
            "achieved",
            date(2026, 12, 1),
            "5/QĐ-UBND",
        )
        assert [r.id for r in repo.registrations_under(province, year=2026)] == [made.id]
        assert repo.registrations_under(province, year=2025) == []

        registrations.set_rating(
            repo,
            repo,
            admin,
            unit_id=village,
            scheme="phan-loai-510",
            year=2025,
            rating="kha",
            day=DAY,
            now=NOW,
        )
        registrations.set_rating(
            repo,
            repo,
            None,
            unit_id=village,
            scheme="phan-loai-510",
            year=2025,
            rating="xuat-sac",
            day=DAY,
            now=NOW,
        )
        rows = conn.execute(select(ratings.c.rating, ratings.c.rated_by)).all()
        assert [tuple(r) for r in rows] == [("xuat-sac", None)]

        proposed = commendations.record(
            repo,
            repo,
            repo,
            leader,
            NewCommendation(
                "member",
                member.id,
                "commune",
                "giay-khen",
                "Tuần tra tốt",
                DAY,
                None,
                None,
                "granted",
                None,
                None,
                None,
                NOW,
            ),
        )
        assert (proposed.status, proposed.subject_name) == ("proposed", member.full_name)
        commendations.decide(repo, repo, officer, proposed.id, "granted", on=DAY, now=NOW)
        mine = commendations.of_member(repo, member)
        assert [(c.form, c.status) for c in mine] == [("giay-khen", "granted")]
        assert [c.id for c in repo.commendations_under(province)] == [proposed.id]
        assert conn.execute(select(commendation_rows.c.entered_by)).scalar_one() == leader.id
        actions = set(conn.execute(select(audit_log.c.action)).scalars())
        assert {
            "registration.added",
            "dossier.uploaded",
            "dossier.returned",
            "registration.outcome",
            "rating.set",
            "commendation.added",
            "commendation.granted",
        } <= actions

    await database.run(work)


async def test_a_deadline_waiting_on_a_dossier_is_refused_until_it_is_complete(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        stored_plans.save(conn, registry_plan(), plan_text(), NOW)
        officer = person(conn, Role.OFFICER)
        december = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
        [item] = deliverables.open_deliverables(repo, officer, december.date())
        assert item.registration == "an-toan-antt"
        made = registrations.register(
            repo, repo, officer, unit_id=officer.unit_id, scheme="an-toan-antt", day=DAY, now=NOW
        )

        def submit() -> bool:
            return deliverables.mark_submitted(
                repo, repo, officer, item.key, None, chat=("web", "c"), now=december, registry=repo
            ).recorded

        for code in ("to-trinh", "bao-cao-ket-qua"):
            registrations.upload(
                repo, repo, repo, officer, made.id, code, data=PNG, name="a.png", now=NOW
            )
        with pytest.raises(Refused) as incomplete:
            submit()
        assert "còn thiếu: Ảnh hoạt động" in incomplete.value.reason.vi
        registrations.upload(
            repo, repo, repo, officer, made.id, "anh-hoat-dong", data=PNG, name="a.png", now=NOW
        )
        assert submit()

    await database.run(work)
