"""The archive itself: encrypted round trip, a wrong passphrase, tampering, a newer version,
the key left out, the retention of the daily backup and its run recorded like other jobs'."""

from __future__ import annotations

import sqlite3
import tarfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, select

from bot.settings import Settings
from scheduler import backups as daily_job
from scheduler.runner import JobRunner
from storage import backup
from storage.backup import BackupError, Source
from storage.database import Database
from storage.migrate import upgrade
from storage.schema import job_runs

KEY = "s" * 40
PASSPHRASE = "ngựa vằn ăn cỏ lúc 2 giờ sáng"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Source, Path, Path]:
    """One bot's data dir (a migrated SQLite database, photos, a template) and two archives of
    it, plain and encrypted: made once for the module."""
    root = tmp_path_factory.mktemp("made")
    data = root / "data"
    (data / "attachments" / "ab").mkdir(parents=True)
    (data / "attachments" / "ab" / "ab12.jpg").write_bytes(b"\xff\xd8" + bytes(range(256)) * 600)
    (data / "mau-bao-cao").mkdir()
    (data / "mau-bao-cao" / "báo cáo quý.docx").write_bytes(b"letterhead")
    (data / "secret.key").write_text(KEY + "\n")
    url = f"sqlite:///{data / 'antt.db'}"
    upgrade(url)
    source = Source(data, url, KEY)
    plain = backup.make_backup(source, root / "plain.tar").path
    sealed = backup.make_backup(source, root / "sealed.tar.enc", passphrase=PASSPHRASE).path
    return source, plain, sealed


def _restore(archive: Path, into: Path, passphrase: str = "", key: str = KEY) -> Any:
    target = Source(into, f"sqlite:///{into / 'antt.db'}", key)
    return backup.restore_backup(archive, target, passphrase=passphrase)


def _refused(archive: Path, into: Path, passphrase: str = "") -> str:
    with pytest.raises(BackupError) as error:
        _restore(archive, into, passphrase)
    return error.value.said.key


def test_the_archive_leaves_the_key_out_and_lists_every_member(made: Any) -> None:
    _, plain, _ = made
    with tarfile.open(plain) as tar:
        names = tar.getnames()
    assert names[-1] == "manifest.json"
    assert "secret.key" not in names and "database/antt.db" in names
    assert "attachments/ab/ab12.jpg" in names and "mau-bao-cao/báo cáo quý.docx" in names


def test_an_encrypted_archive_round_trip(made: Any, tmp_path: Path) -> None:
    source, _, sealed = made
    assert backup.is_encrypted(sealed)
    assert b"letterhead" not in sealed.read_bytes()
    restored = _restore(sealed, tmp_path / "back", PASSPHRASE)
    assert restored.key == "opens" and restored.kind == "sqlite"
    photo = "attachments/ab/ab12.jpg"
    assert (tmp_path / "back" / photo).read_bytes() == (source.data_dir / photo).read_bytes()
    assert (tmp_path / "back" / "mau-bao-cao" / "báo cáo quý.docx").read_bytes() == b"letterhead"
    with sqlite3.connect(tmp_path / "back" / "antt.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_wrong_or_missing_passphrase_is_refused(made: Any, tmp_path: Path) -> None:
    _, _, sealed = made
    assert _refused(sealed, tmp_path / "a", "not the passphrase") == "backup_wrong_passphrase"
    assert _refused(sealed, tmp_path / "b") == "backup_needs_passphrase"
    assert not (tmp_path / "a" / "antt.db").exists()


def _flip(path: Path, at: int, out: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    out.write_bytes(bytes(data))
    return out


def test_a_tampered_or_cut_archive_is_refused(made: Any, tmp_path: Path) -> None:
    _, plain, sealed = made
    with tarfile.open(plain) as tar:
        photo = tar.getmember("attachments/ab/ab12.jpg")
    changed = _flip(plain, photo.offset_data + 100, tmp_path / "changed.tar")
    assert _refused(changed, tmp_path / "a") == "backup_damaged"
    changed = _flip(sealed, sealed.stat().st_size // 2, tmp_path / "changed.tar.enc")
    assert _refused(changed, tmp_path / "b", PASSPHRASE) == "backup_damaged"
    cut = tmp_path / "cut.tar.enc"
    cut.write_bytes(sealed.read_bytes()[: backup.CHUNK * 3])
    assert _refused(cut, tmp_path / "c", PASSPHRASE) == "backup_damaged"
    assert not (tmp_path / "a" / "antt.db").exists()


def test_a_backup_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer"
    newer.mkdir()
    with sqlite3.connect(newer / "antt.db") as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.execute("INSERT INTO alembic_version VALUES ('0999_from_the_future')")
    archive = backup.make_backup(
        Source(newer, f"sqlite:///{newer / 'antt.db'}", KEY), tmp_path / "newer.tar"
    ).path
    assert _refused(archive, tmp_path / "back") == "backup_newer_version"


def test_a_data_dir_in_use_needs_yes_and_the_key_can_go_along(made: Any, tmp_path: Path) -> None:
    source, plain, _ = made
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x")
    assert _refused(plain, tmp_path / "used") == "backup_target_not_empty"
    with_key = backup.make_backup(source, tmp_path / "k.tar", with_key=True).path
    restored = _restore(with_key, tmp_path / "keyed", key="")
    assert (tmp_path / "keyed" / "secret.key").read_text().strip() == KEY
    assert restored.key == "opens"
    assert (tmp_path / "keyed" / "secret.key").stat().st_mode & 0o077 == 0
    assert _restore(plain, tmp_path / "keyless", key="").key == "missing"


def test_pg_dump_older_than_the_server_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "_tool_major", lambda tool: 15)
    with pytest.raises(BackupError) as error:
        backup._check_client("/usr/bin/pg_dump", 17)
    assert error.value.said.values == {"tool": "/usr/bin/pg_dump", "client": 15, "server": 17}
    environment = backup._libpq_environment(make_url("postgresql://antt:pw@db:5433/antt"))
    assert (environment["PGPASSWORD"], environment["PGPORT"]) == ("pw", "5433")


def test_the_daily_backup_keeps_the_newest(made: Any, tmp_path: Path) -> None:
    source, _, _ = made
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "antt-20260101-023000.tar.part").write_bytes(b"cut short")
    (folder / "notes.txt").write_text("not ours")
    daily = daily_job.Daily(source, folder, keep=3)
    start = datetime(2026, 3, 1, 2, 30)
    for day in range(5):
        assert daily_job.run_daily(daily, start + timedelta(days=day)) is not None
    kept = sorted(path.name for path in folder.iterdir())
    assert kept == [
        "antt-20260303-023000.tar",
        "antt-20260304-023000.tar",
        "antt-20260305-023000.tar",
        "notes.txt",
    ]


async def test_the_daily_job_is_recorded_like_the_others(
    settings: Settings, database: Database, tmp_path: Path
) -> None:
    assert daily_job.daily_backup(settings) == ()  # off without a folder
    on = settings.model_copy(update={"backup_dir": tmp_path / "daily", "backup_at": "02:30"})
    specs = daily_job.daily_backup(on)
    assert specs[0].cron == {"hour": 2, "minute": 30}
    from bot.conversation import Conversation

    conversation = Conversation(settings, database)
    now = datetime(2026, 3, 2, 3, 0, tzinfo=settings.zone)
    runner = JobRunner(database, conversation.repository, settings.zone, lambda: now, specs)
    assert await runner.run_due("backup", now) == 0
    assert await runner.run_due("backup", now) is None  # once per slot
    assert [p.name for p in (tmp_path / "daily").iterdir()] == ["antt-20260302-023000.tar"]
    runs = await database.run(lambda c: c.execute(select(job_runs.c.job, job_runs.c.slot)).all())
    assert [tuple(run) for run in runs] == [("backup", "2026-03-02T02:30:00+07:00")]
    assert runner.tally == {("backup", "ok"): 1}
    # A backup that cannot be made fails the job's run (the alert on its last success fires).
    (tmp_path / "daily").rename(tmp_path / "kept")
    (tmp_path / "daily").write_text("a file where the folder was")
    with pytest.raises(daily_job.BackupFailed):
        await runner.run_due("backup", now + timedelta(days=1))
    assert runner.tally[("backup", "failed")] == 1


def test_no_restore_under_a_running_bot(made: Any, tmp_path: Path) -> None:
    import fcntl
    import os

    _, plain, _ = made
    running = tmp_path / "running"
    running.mkdir()
    descriptor = os.open(running / "antt.db.scheduler.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as scheduler/leader.py holds it
    try:
        target = Source(running, f"sqlite:///{running / 'antt.db'}", KEY)
        with pytest.raises(BackupError) as error:
            backup.restore_backup(plain, target, overwrite=True)
        assert error.value.said.key == "backup_bot_running"
    finally:
        os.close(descriptor)


def test_no_restore_under_a_running_web_process(made: Any, tmp_path: Path) -> None:
    """A web process leads nothing; replacing the file under it would leave it writing to the
    deleted one (its turns lost, the restored data never seen)."""
    import os

    _, plain, _ = made
    running = tmp_path / "running"
    running.mkdir()
    url = f"sqlite:///{running / 'antt.db'}"
    descriptor = backup.hold_serving_lock(url)  # as `antt-bot run --role web` holds it
    assert descriptor is not None
    try:
        with pytest.raises(BackupError) as error:
            backup.restore_backup(plain, Source(running, url, KEY), overwrite=True)
        assert error.value.said.key == "backup_bot_running"
    finally:
        os.close(descriptor)
    assert backup.hold_serving_lock("sqlite://") is None


def test_an_older_backup_is_migrated_up(tmp_path: Path) -> None:
    older = tmp_path / "older"
    older.mkdir()
    url = f"sqlite:///{older / 'antt.db'}"
    upgrade(url, "0021")
    archive = backup.make_backup(Source(older, url, KEY), tmp_path / "older.tar").path
    restored = _restore(archive, tmp_path / "back")
    assert restored.revision == "0021"
    with sqlite3.connect(tmp_path / "back" / "antt.db") as connection:
        (head,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    assert head == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert "file_jobs" in tables  # made by 0022
