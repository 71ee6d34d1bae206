"""Personal data past its retention (ANTT_RETAIN_*_DAYS) is deleted by the nightly housekeeping,
a batch a part: an old tip with its sealed informant, old audit lines, old photos, whose files
go only when no row names them any more (a file is kept once per SHA-256)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from bot.app import create_app
from bot.settings import Settings, load_settings
from services import housekeeping
from services.demo import DemoInvites
from storage.database import Database
from storage.files import PhotoFiles
from storage.schema import attachments, audit_log, entries, informants, job_runs
from tests.bot.test_web_flows import log_tip
from tests.conftest import WebUser


async def test_old_tips_audit_lines_and_photos_go_and_a_shared_file_stays(
    settings: Settings, database: Database, demo: DemoInvites, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in ("TIPS", "ATTACHMENTS", "AUDIT"):
        monkeypatch.setenv(f"ANTT_RETAIN_{kind}_DAYS", "30")
    monkeypatch.setattr(housekeeping, "BATCH", 2)  # several parts from a few rows
    configured = load_settings(
        data_dir=settings.data_dir, database_url=settings.database_url, secret_key="k" * 40
    )
    app = create_app(configured, database)
    now = datetime.now(settings.zone)
    old = now - timedelta(days=40)
    member = WebUser(app)
    await member.register(demo.member.code)
    await log_tip(member, named=True)
    await member.close()

    folder = PhotoFiles(configured.data_dir)
    shared, _ = folder.save_bytes(b"shared photo bytes", "image/jpeg")
    alone, _ = folder.save_bytes(b"a photo of its own", "image/jpeg")
    for digest in (shared, alone):  # written long ago
        path = folder.folder / digest[:2] / f"{digest}.jpg"
        os.utime(path, (old.timestamp(), old.timestamp()))

    def arrange(connection: Any) -> None:
        connection.execute(update(entries).values(created_at=old))
        connection.execute(update(audit_log).values(at=old))
        for digest, when in ((shared, old), (shared, now), (alone, old)):
            connection.execute(
                insert(attachments).values(
                    channel="web",
                    chat_id="retention",
                    sha256=digest,
                    content_type="image/jpeg",
                    size=18,
                    path=str(folder.folder / digest[:2] / f"{digest}.jpg"),
                    created_at=when,
                )
            )

    await database.run(arrange)
    old_lines = await database.run(
        lambda c: c.execute(select(func.count()).select_from(audit_log)).scalar_one()
    )
    assert old_lines >= 3

    assert await app.state.jobs.run_due("housekeeping", now) == 0

    def left(connection: Any) -> dict[str, Any]:
        return {
            "entries": connection.execute(select(func.count()).select_from(entries)).scalar(),
            "informants": connection.execute(select(func.count()).select_from(informants)).scalar(),
            "photos": connection.execute(select(attachments.c.sha256)).scalars().all(),
            "old_lines": connection.execute(
                select(func.count()).where(audit_log.c.at < now - timedelta(days=30))
            ).scalar(),
            "parts": set(
                connection.execute(
                    select(job_runs.c.slot).where(job_runs.c.job == "housekeeping")
                ).scalars()
            ),
        }

    found = await database.run(left)
    assert found["entries"] == 0 and found["informants"] == 0
    assert found["photos"] == [shared]
    assert found["old_lines"] == 0
    parts = {slot.partition("#")[2] for slot in found["parts"]}
    assert {"tidy", "tips:1", "attachments:1", "sweep"} <= parts
    assert f"audit:{-(-old_lines // 2)}" in parts  # a batch of 2 lines a part
    assert (folder.folder / shared[:2] / f"{shared}.jpg").exists()
    assert not (folder.folder / alone[:2] / f"{alone}.jpg").exists()
