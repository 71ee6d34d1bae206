"""A review of backups as an operator and an attacker would try them: what a failed restore
leaves, crafted archives (a sparse member that unpacks into far more than it weighs, names that
cross), a foreign file, and the backup folder after a backup that was killed or runs beside
the daily job's pruning."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from scheduler import backups as daily_job
from storage import backup
from storage.backup import BackupError, Said, Source
from storage.database import Database
from storage.migrate import upgrade
from tests.conftest import POSTGRES_URL, _admin_execute

KEY = "r" * 40
PASSPHRASE = "trăng rằm tháng tám"
SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """A migrated SQLite data dir with a few photos (so a backup says its progress)."""
    data = tmp_path_factory.mktemp("review") / "data"
    for index in range(4):
        folder = data / "attachments" / f"a{index}"
        folder.mkdir(parents=True)
        (folder / f"a{index}.jpg").write_bytes(bytes([index]) * 50_000)
    url = f"sqlite:///{data / 'antt.db'}"
    upgrade(url)
    return Source(data, url, KEY)


def _target(into: Path) -> Source:
    return Source(into, f"sqlite:///{into / 'antt.db'}", KEY)


def _refused(archive: Path, into: Path, passphrase: str = "") -> str:
    with pytest.raises(BackupError) as error:
        backup.restore_backup(archive, _target(into), passphrase=passphrase)
    return error.value.said.key


def test_a_failed_restore_takes_back_the_folders_it_made(source: Source, tmp_path: Path) -> None:
    sealed = backup.make_backup(source, tmp_path / "s.tar.enc", passphrase=PASSPHRASE).path
    into = tmp_path / "new" / "restore"
    assert _refused(sealed, into, "không phải cụm này") == "backup_wrong_passphrase"
    assert not (tmp_path / "new").exists()  # no empty data dir for the next try to trip on

    cut = tmp_path / "cut.tar.enc"
    cut.write_bytes(sealed.read_bytes()[: backup.CHUNK * 2])
    assert _refused(cut, into, PASSPHRASE) == "backup_damaged"
    assert not (tmp_path / "new").exists()

    # A folder that was there before (made empty for the restore) stays, as empty as it was.
    (tmp_path / "ready").mkdir()
    assert _refused(cut, tmp_path / "ready", PASSPHRASE) == "backup_damaged"
    assert list((tmp_path / "ready").iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cut.tar.enc", "ready", "s.tar.enc"]


def test_a_file_that_is_not_a_backup_is_named_so(tmp_path: Path) -> None:
    foreign = tmp_path / "photos.tar"
    with tarfile.open(foreign, "w") as tar:
        info = tarfile.TarInfo("holiday/beach.jpg")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"jpg"))
    assert _refused(foreign, tmp_path / "a") == "backup_not_an_archive"
    text = tmp_path / "notes.tar"
    text.write_text("chỉ là ghi chú\n")
    assert _refused(text, tmp_path / "b") == "backup_not_an_archive"


def _archive(
    path: Path, members: list[tuple[tarfile.TarInfo, bytes]], listed: dict[str, str]
) -> Path:
    """An archive crafted member by member, with a manifest listing `listed` (as an attacker
    who can write to the backup folder would make it: a plain archive is checked by its own
    hashes only)."""
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data))
        manifest = {
            "format": backup.FORMAT,
            "application": "antt-bot",
            "created_at": "2026-12-01T00:00:00+00:00",
            "database": "sqlite",
            "alembic_head": None,
            "members": listed,
        }
        body = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backup.MANIFEST)
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return path


def _member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def test_a_sparse_member_is_refused_before_it_fills_the_disk(
    source: Source, tmp_path: Path
) -> None:
    database = (source.data_dir / "antt.db").read_bytes()
    expanded = 32 * 1024 * 1024  # a real attack would say terabytes
    sparse = tarfile.TarInfo("attachments/ff/zeros.jpg")
    sparse.size = 512
    sparse.pax_headers = {
        "GNU.sparse.size": str(expanded),
        "GNU.sparse.map": f"{expanded - 512},512",
        "GNU.sparse.numblocks": "1",
        "GNU.sparse.name": "attachments/ff/zeros.jpg",
    }
    unpacked = hashlib.sha256(bytes(expanded)).hexdigest()
    listed = {
        backup.SQLITE_MEMBER: hashlib.sha256(database).hexdigest(),
        "attachments/ff/zeros.jpg": unpacked,
    }
    archive = _archive(
        tmp_path / "sparse.tar",
        [_member(backup.SQLITE_MEMBER, database), (sparse, bytes(512))],
        listed,
    )
    assert archive.stat().st_size < len(database) + 64 * 1024
    assert _refused(archive, tmp_path / "back") == "backup_damaged"
    assert not (tmp_path / "back").exists()


def test_member_names_that_cross_are_refused_not_a_traceback(
    source: Source, tmp_path: Path
) -> None:
    database = (source.data_dir / "antt.db").read_bytes()
    for order in (("attachments/a", "attachments/a/b"), ("attachments/a/b", "attachments/a")):
        members = [_member(backup.SQLITE_MEMBER, database)]
        members += [_member(name, b"x") for name in order]
        listed = {
            name: hashlib.sha256(data).hexdigest() for info, data in members for name in [info.name]
        }
        archive = _archive(tmp_path / "cross.tar", members, listed)
        assert _refused(archive, tmp_path / "back") == "backup_damaged"


KILLED_MID_BACKUP = """
import os, signal, sys
from pathlib import Path
from storage import backup
from storage.backup import Source

def say(said):
    if said.key == "backup_files":  # the database is copied, the archive not yet written
        os.kill(os.getpid(), signal.SIGKILL)

data, folder = Path(sys.argv[1]), Path(sys.argv[2])
source = Source(data, f"sqlite:///{data / 'antt.db'}", "k" * 40)
backup.make_backup(source, folder / "antt-20261201-023000.tar.enc", passphrase="p", say=say)
"""


def _database_copies(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and path.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER
    ]


def test_a_backup_killed_midway_leaves_no_database_copy_behind(
    source: Source, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_BACKUP, str(source.data_dir), str(folder)],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _database_copies(folder)  # the unencrypted copy a stopped bot leaves

    daily = daily_job.Daily(source, folder, keep=2, passphrase=PASSPHRASE)
    assert daily_job.run_daily(daily, datetime(2026, 12, 2, 2, 30)) is not None
    # The folder goes off site every day: no plain copy of the database may ride along.
    assert _database_copies(folder) == []
    assert sorted(path.name for path in folder.iterdir()) == ["antt-20261202-023000.tar.enc"]


def test_the_daily_pruning_leaves_a_backup_under_way_alone(source: Source, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    pruned: list[Path] = []

    def say(said: Said) -> None:
        if said.key == "backup_progress" and not pruned:  # the `.part` file is being written
            pruned.extend(backup.prune(folder, keep=1) or [Path("none")])

    made = backup.make_backup(source, folder / "antt-20261201-140000.tar", say=say)
    assert pruned == [Path("none")]
    assert made.path.is_file() and backup.archives(folder) == [made.path]
    with tarfile.open(made.path) as tar:
        assert backup.MANIFEST in tar.getnames()


def test_restored_files_are_the_owners_only(source: Source, tmp_path: Path) -> None:
    archive = backup.make_backup(source, tmp_path / "a.tar").path
    previous = os.umask(0o022)  # a library caller's usual umask, not the command line's 077
    try:
        backup.restore_backup(archive, _target(tmp_path / "back"))
    finally:
        os.umask(previous)
    photo = tmp_path / "back" / "attachments" / "a1" / "a1.jpg"
    assert photo.read_bytes() == bytes([1]) * 50_000
    for path in (photo, photo.parent, tmp_path / "back" / "antt.db"):
        assert path.stat().st_mode & 0o077 == 0, path


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="ANTT_TEST_POSTGRES_URL is not set")
async def test_no_restore_under_a_web_process_on_postgresql(tmp_path: Path) -> None:
    """A `--role web` process leads nothing (no advisory lock) but writes through its pool:
    `restore --yes` must not drop the tables under it."""
    assert POSTGRES_URL
    names = [f"review_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    urls = [
        make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        for name in names
    ]
    for name in names:
        await _admin_execute(f'CREATE DATABASE "{name}"')
    serving = Database(urls[1])
    try:
        await asyncio.to_thread(upgrade, urls[0])
        archive = await asyncio.to_thread(
            backup.make_backup, Source(tmp_path / "live", urls[0], KEY), tmp_path / "pg.tar"
        )
        # A turn's query: its pool keeps the connection open, as a web process's does.
        assert await serving.run(lambda c: c.execute(text("SELECT 1")).scalar()) == 1
        with pytest.raises(BackupError) as error:
            await asyncio.to_thread(
                backup.restore_backup,
                archive.path,
                Source(tmp_path / "back", urls[1], KEY),
                overwrite=True,
            )
        assert error.value.said.key == "backup_bot_running"
        assert not (tmp_path / "back").exists()
    finally:
        await serving.dispose()
        serving.close()
        for name in names:
            await _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restore_killed_midway_leaves_nothing_the_next_one_trips_on(
    source: Source, tmp_path: Path
) -> None:
    archive = backup.make_backup(source, tmp_path / "a.tar").path
    into = tmp_path / "back"
    left = into / ".antt-restore-k1ll3d" / "database"
    left.mkdir(parents=True)  # as a restore stopped by SIGKILL leaves its staging folder
    (left / "antt.db").write_bytes(SQLITE_HEADER + b"a decrypted copy")
    assert backup.restore_backup(archive, _target(into)).kind == "sqlite"
    assert not (into / ".antt-restore-k1ll3d").exists()
    assert _database_copies(into) == [into / "antt.db"]
