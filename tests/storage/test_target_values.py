"""Entered target values on SQLite and PostgreSQL: one row per plan, target, unit and period
(a second saving replaces it, audited with before and after), closed periods read-only over a
unit's subtree, and who holds the role a reminder goes to."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from campaign.plans import load_document
from campaign.roles import Role
from campaign.target_values import EnteredValue
from services import documents, target_values
from services.demo import DemoInvites
from services.ports import MemberView
from services.refusals import Refused
from storage import plans as stored_plans
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import audit_log, members, units
from storage.schema import target_values as values_table
from storage.sealing import Sealer
from tests.campaign.test_target_values import PLAN
from tests.storage.test_documents import PDF_BYTES

NOW = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)
DAY = date(2027, 2, 1)  # in Đợt 1 (01/01–31/03/2027)


def officer(conn: Connection) -> MemberView:
    row = conn.execute(
        select(members.c.id, members.c.unit_id).where(members.c.role == Role.OFFICER.value)
    ).first()
    assert row is not None
    return MemberView(row.id, "Cán bộ mẫu", Role.OFFICER, row.unit_id, "Xã Hòa Bình", "vi")


def unit_id(conn: Connection, code: str) -> int:
    return int(conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one())


async def test_a_value_is_one_row_replaced_by_a_change_and_audited_before_and_after(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> None:
        stored_plans.save(conn, load_document(PLAN), PLAN, NOW)
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        me = officer(conn)
        found = target_values.tasks(repo, me, DAY)
        commune = [t for t in found if t.target.code == "khong-tai-pham"]
        assert [(t.duty, t.place.code, t.start, t.end) for t in commune] == [
            ("must", "DEMO-XA", date(2027, 1, 1), date(2027, 3, 31))
        ]
        # The teams' met target: the officer may enter it, for both teams.
        teams = [t.place.code for t in found if t.target.code == "thanh-vien"]
        assert teams == ["DEMO-XA-T1", "DEMO-XA-T2"]
        task = commune[0]
        target_values.enter(
            repo,
            repo,
            repo,
            me,
            task,
            EnteredValue(0.0),
            note="Không có",
            document_id=None,
            now=NOW,
        )
        task = target_values.find(repo, me, task.key, DAY)
        assert task.stored is not None and task.stored.value.value == 0.0
        saved = target_values.enter(
            repo, repo, repo, me, task, EnteredValue(2.0), note=None, document_id=None, now=NOW
        )
        assert saved.before is not None and saved.before.value.value == 0.0
        rows = conn.execute(select(values_table)).all()
        assert [(r.value, r.note, r.entered_by) for r in rows] == [(2.0, "Không có", me.id)]
        lines = conn.execute(
            select(audit_log.c.action, audit_log.c.details)
            .where(audit_log.c.target == "target_values")
            .order_by(audit_log.c.id)
        ).all()
        details = [d if isinstance(d, dict) else json.loads(d) for _, d in lines]
        assert [a for a, _ in lines] == ["target_value.entered", "target_value.changed"]
        assert details[0]["before"] is None and details[0]["after"]["value"] == 0.0
        assert (details[1]["before"]["value"], details[1]["after"]["value"]) == (0.0, 2.0)
        assert details[1]["after"]["note"] == "Không có"  # kept when not given anew

        # Evidence: kept for the unit, linked on saving, opened in its line of command only.
        task = target_values.find(repo, me, task.key, DAY)
        kept = target_values.keep_evidence(
            repo, repo, me, task, data=PDF_BYTES, name="bien-ban.pdf", now=NOW
        )
        target_values.enter(
            repo, repo, repo, me, task, EnteredValue(2.0), note=None, document_id=kept, now=NOW
        )
        row = conn.execute(select(values_table)).one()
        assert row.document_id == kept
        shown, data = documents.open_document(repo, repo, me, kept, NOW)
        assert (shown.owner_kind, shown.owner_id, data) == ("target_value", row.id, PDF_BYTES)
        team = MemberView(me.id, "Tổ trưởng", Role.LEADER, unit_id(conn, "DEMO-XA-T1"), "", "vi")
        with pytest.raises(Refused):
            documents.open_document(repo, repo, team, kept, NOW)

    await database.run(work)


async def test_a_closed_period_is_read_only_below_its_unit_only(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> None:
        stored_plans.save(conn, load_document(PLAN), PLAN, NOW)
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        me = officer(conn)
        # The officer closes team 1's period (above it), not the commune's own.
        with pytest.raises(Refused) as refused:
            target_values.close(repo, repo, me, "nhap-thu", date(2027, 1, 1), "DEMO-XA", NOW)
        assert refused.value.reason.get("vi").startswith("Chỉ quản trị viên")
        assert target_values.close(repo, repo, me, "nhap-thu", date(2027, 1, 1), "DEMO-XA-T1", NOW)
        assert not target_values.close(
            repo, repo, me, "nhap-thu", date(2027, 1, 1), "DEMO-XA-T1", NOW
        )
        found = {
            t.place.code: t
            for t in target_values.tasks(repo, me, DAY)
            if t.target.code == "thanh-vien"
        }
        assert found["DEMO-XA-T1"].closed is not None and found["DEMO-XA-T2"].closed is None
        with pytest.raises(Refused) as refused:
            target_values.enter(
                repo,
                repo,
                repo,
                me,
                found["DEMO-XA-T1"],
                EnteredValue(1.0, met=True),
                note=None,
                document_id=None,
                now=NOW,
            )
        assert "đã khóa sổ ngày 01/02/2027" in refused.value.reason.get("vi")
        target_values.enter(
            repo,
            repo,
            repo,
            me,
            found["DEMO-XA-T2"],
            EnteredValue(1.0, met=True),
            note=None,
            document_id=None,
            now=NOW,
        )
        assert conn.execute(select(func.count()).select_from(values_table)).scalar_one() == 1
        # The next phase is open again.
        april = {
            t.place.code: t
            for t in target_values.tasks(repo, me, date(2027, 4, 2))
            if t.target.code == "thanh-vien"
        }
        assert april["DEMO-XA-T1"].closed is None and april["DEMO-XA-T1"].stored is None
        # A province-wide closing covers every unit under it.
        assert target_values.close(repo, repo, None, "nhap-thu", date(2027, 1, 1), "DEMO", NOW)
        assert repo.closure_over("nhap-thu", date(2027, 1, 1), unit_id(conn, "DEMO-XA")) is not None

    await database.run(work)


async def test_reminders_name_the_units_not_entered_to_the_role_holding_them(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> list[Any]:
        stored_plans.save(conn, load_document(PLAN), PLAN, NOW)
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        conn.execute(members.update().values(joined_at=NOW))  # everyone registered
        return target_values.reminders(repo, date(2027, 3, 24))  # 7 days before Đợt 1 ends

    found = await database.run(work)
    shown = sorted((r.target.code, r.units, r.days_left) for r in found)
    assert ("khong-tai-pham", ("Xã Hòa Bình",), 7) in shown
    # The team target has no reminder days of its own: the default (7, 1) applies, and only
    # the team leader of Tây is on the roster.
    assert ("thanh-vien", ("Tổ bảo vệ ANTT thôn Tây",), 7) in shown


async def test_a_plan_ended_early_takes_no_value_after_its_last_day_at_the_cli(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    # `plan end` stores the row's last day; the document still says 30/06/2027. The CLI's
    # `target set` read the document's day alone and took values for a plan already over.
    def work(conn: Connection) -> None:
        stored_plans.save(conn, load_document(PLAN), PLAN, NOW)
        stored_plans.end(conn, "nhap-thu", date(2027, 2, 10), NOW)
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        task = target_values.admin_task(repo, "nhap-thu", "khong-tai-pham", "DEMO-XA", DAY)
        assert task.plan.ends == date(2027, 2, 10)
        with pytest.raises(Refused) as refused:
            target_values.admin_task(
                repo, "nhap-thu", "khong-tai-pham", "DEMO-XA", date(2027, 2, 11)
            )
        assert "11/02/2027" in refused.value.reason.get("vi")

    await database.run(work)
