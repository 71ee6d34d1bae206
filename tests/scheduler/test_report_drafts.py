"""Report drafts on schedule (issue 15), with a driven clock: `ANTT_REPORT_DRAFT_DAYS` before a
report deadline each unit that has not submitted it gets its draft, once; the unit's officers
get the .docx (a link in the web chat, a pointer to the web chat on Zalo) and the annex."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlalchemy import Connection, func, insert, select

from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings, SettingsError, load_settings
from campaign.roles import Role
from scheduler.jobs import Drafting
from scheduler.outbox_sender import OutboxSender, Pace
from scheduler.runner import JobRunner
from services.demo import DemoInvites, ensure_demo, ensure_demo_extras
from storage import calendar
from storage.database import Database
from storage.repository import Repository
from storage.schema import identities, members, reports
from storage.units import unit_id
from tests.e2e.test_zalo import zalo_settings
from tests.fakes.zalo_api import FakeZalo
from tests.scheduler.test_jobs import at

DRAFT_DAYS = 5
ZALO_CHAT = "z-can-bo"


async def demo_plan_and_extras(app: Any, database: Database, settings: Settings) -> str:
    """The demo's plan (its sơ kết due 7 days from today) and its second commune: the plan's code."""
    conversation = app.state.conversation
    now = datetime.now(settings.zone)

    def make(conn: Connection) -> str:
        repository: Repository = conversation.repository(conn)
        made = ensure_demo(repository.work.units, now)
        ensure_demo_extras(repository, repository.work.units, now)
        assert made.plan is not None
        return made.plan[0]

    return await database.run(make)


async def zalo_officer(database: Database, settings: Settings) -> None:
    """A second officer of the demo commune, who last wrote to the bot on Zalo."""
    now = datetime.now(settings.zone)

    def seed(conn: Connection) -> None:
        commune = unit_id(conn, "DEMO-XA")
        officer = conn.execute(
            insert(members)
            .values(
                full_name="Cán Bộ Dùng Zalo",
                unit_id=commune,
                role=Role.OFFICER.value,
                active=True,
                language="vi",
                joined_at=now,
                created_at=now,
            )
            .returning(members.c.id)
        ).scalar_one()
        conn.execute(
            insert(identities).values(
                member_id=officer,
                channel="zalo",
                external_user_id=ZALO_CHAT,
                chat_id=ZALO_CHAT,
                last_used_at=now,
                unreachable=False,
            )
        )

    await database.run(seed)


async def drafted(database: Database) -> dict[str, int]:
    """Reports kept, by unit code."""

    def count(conn: Connection) -> dict[str, int]:
        found = {}
        for code in ("DEMO-XA", "DEMO-XA2"):
            found[code] = conn.execute(
                select(func.count())
                .select_from(reports)
                .where(reports.c.unit_id == unit_id(conn, code))
            ).scalar_one()
        return found

    return await database.run(count)


async def test_drafts_come_draft_days_before_the_deadline_once_to_the_officers_of_units_not_done(
    app: Any, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    plan = await demo_plan_and_extras(app, database, settings)
    conversation = app.state.conversation
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await zalo_officer(database, settings)
    today = datetime.now(settings.zone).date()
    due = today + timedelta(days=7)  # the demo's sơ kết đợt 1
    draft_day = due - timedelta(days=DRAFT_DAYS)

    def runner(days: int) -> JobRunner:
        return JobRunner(
            database,
            conversation.repository,
            settings.zone,
            conversation.now,
            drafting=Drafting(days),
        )

    jobs = runner(DRAFT_DAYS)
    # The second commune has already submitted its report: no draft for it.
    await database.run(
        lambda c: calendar.mark_done(
            c,
            plan_code=plan,
            deadline_code="so-ket-dot-1",
            due=due,
            unit_id=unit_id(c, "DEMO-XA2") or 0,
            member_id=1,
            file_token=None,
            now=at(settings, today, "09:00"),
        )
    )

    assert (
        await jobs.run_due("report_drafts", at(settings, draft_day - timedelta(days=1), "06:40"))
        == 0
    )
    assert await drafted(database) == {"DEMO-XA": 0, "DEMO-XA2": 0}
    assert (
        await jobs.run_due("report_drafts", at(settings, draft_day, "06:39")) is None
    )  # yesterday's
    asked = await jobs.run_due("report_drafts", at(settings, draft_day, "06:40"))
    assert asked == 1  # one unit's draft, asked of the render pool (file_jobs)
    assert await drafted(database) == {"DEMO-XA": 0, "DEMO-XA2": 0}
    # The leader's drawer drafts it in a worker, keeps it and sends it: the web chat's officer
    # the .docx and the annex; on Zalo the .docx.
    assert await conversation.drawer.sweep() == 1
    await conversation.drawer.drain()
    assert await drafted(database) == {"DEMO-XA": 1, "DEMO-XA2": 0}

    inbox = await officer.inbox()
    ready = [m for m in inbox if "Bot đã soạn sẵn bản dự thảo" in m["text"]]
    assert len(ready) == 1
    assert f"Hạn nộp: {due:%d/%m/%Y}" in ready[0]["text"] and "/danop" in ready[0]["text"]
    assert ready[0]["file_url"]
    got = await officer.client.get(ready[0]["file_url"])
    assert got.status_code == 200
    opened = Document(io.BytesIO(got.content))
    assert any("BÁO CÁO" in p.text for p in opened.paragraphs)
    assert any(m["file_url"] and "Phụ lục" in m["text"] for m in inbox)

    # Once: not again that day, nor on another day a shorter setting would draft it.
    assert await jobs.run_due("report_drafts", at(settings, draft_day, "18:00")) is None
    later = runner(DRAFT_DAYS - 1)
    assert await later.run_due("report_drafts", at(settings, due - timedelta(days=4), "06:40")) == 0
    assert await conversation.drawer.sweep() == 0
    assert await drafted(database) == {"DEMO-XA": 1, "DEMO-XA2": 0}
    assert len([m for m in await officer.inbox() if "Bot đã soạn sẵn" in m["text"]]) == 1

    # Zalo takes no file from a bot: its officer reads where to find it.
    zalo_api = FakeZalo()
    await zalo_api.start()
    zalo = ZaloChannel(Conversation(zalo_settings(settings, zalo_api), database))
    try:
        sender = OutboxSender(
            database, {"zalo": zalo.pieces}, {"zalo": Pace(100, 0)}, conversation.now
        )
        await sender.send_pending(timeout=60)
    finally:
        await zalo.client.close()
        await zalo_api.stop()
    sent = [body["text"] for method, body in zalo_api.sent if method == "sendMessage"]
    assert len(sent) == 1 and "Bot đã soạn sẵn bản dự thảo" in sent[0]
    assert "📎 mở trên trang trò chuyện web" in sent[0]


def test_the_draft_days_and_the_templates_folder_are_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    settings = load_settings(data_dir=tmp_path / "data")
    assert settings.report_draft_days == 5
    assert settings.report_templates_dir == tmp_path / "data" / "mau-bao-cao"
    monkeypatch.setenv("ANTT_REPORT_DRAFT_DAYS", "3")
    monkeypatch.setenv("ANTT_REPORT_TEMPLATES", str(tmp_path / "mau"))
    settings = load_settings(data_dir=tmp_path / "data")
    assert (settings.report_draft_days, settings.report_templates_dir) == (3, tmp_path / "mau")
    monkeypatch.setenv("ANTT_REPORT_DRAFT_DAYS", "-1")
    with pytest.raises(SettingsError, match="ANTT_REPORT_DRAFT_DAYS"):
        load_settings(data_dir=tmp_path / "data")
