"""A tip with its informant, logged through the web chat, survives `antt-bot backup`, a wiped
data dir (and a dropped PostgreSQL database), and `antt-bot restore` into a new data dir: the
commune officer finds the tip and reveals its informant. Restored under another secret key,
everything else is back and the reveal says the key is wrong."""

from __future__ import annotations

import asyncio
import shutil
import tarfile
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.settings import Settings
from services import tips
from services.demo import DemoInvites
from services.refusals import Refused
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import entries, files, members
from storage.sealing import Sealer
from tests.bot.test_web_flows import log_tip
from tests.conftest import POSTGRES_URL, _admin_execute

OFFICER = "Đỗ Văn Công"
WHY = "Cần gặp trực tiếp để xác minh thêm"
PHOTO = b"\xff\xd8\xff\xe0 a photo of the place \xff\xd9"
OTHER_KEY = "o" * 40


def _cli(args: list[str], env: dict[str, str], input_text: str | None = None) -> Any:
    base = {"ANTT_LANGUAGE": "en", "ANTT_DATABASE_URL": "", "ANTT_SECRET_KEY": ""}
    result = CliRunner().invoke(cli_app, args, env={**base, **env}, input=input_text)
    return result


@pytest.fixture
def new_database(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """Where the restore goes: the default SQLite file of the new data dir, or a fresh empty
    PostgreSQL database (named for this branch's throwaways)."""
    if settings.resolved_database_url.startswith("sqlite"):
        yield ""
        return
    assert POSTGRES_URL
    name = f"backup_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _wipe(settings: Settings, database: Database) -> None:
    """The data dir gone, and the database with it."""
    await database.dispose()
    shutil.rmtree(settings.data_dir)
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.database}{suffix}").unlink(missing_ok=True)
    else:
        await _admin_execute(f'DROP DATABASE "{url.database}" WITH (FORCE)')


def _reveal(url: str, key: str, data_dir: Path, settings: Settings, reference: str) -> Any:
    restored = Database(url)

    def work(connection: Any) -> Any:
        repo = Repository(connection, Sealer(key), PhotoFiles(data_dir), settings.zone)
        officer_id = connection.execute(
            select(members.c.id).where(members.c.full_name == OFFICER)
        ).scalar_one()
        officer = repo.active_member(officer_id)
        assert officer is not None
        assert connection.execute(
            select(entries.c.id).where(entries.c.reference == reference)
        ).scalar_one()
        return tips.reveal(repo, repo, officer, reference, WHY, datetime.now(settings.zone))

    try:
        return restored.run_blocking(work)
    finally:
        restored.close()


async def test_backup_wipe_restore_and_reveal(
    app: Any,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    tmp_path: Path,
    new_database: str,
) -> None:
    officer = users()
    await officer.register(demo.officer.code, OFFICER)
    member = users()
    await member.register(demo.member.code)
    reference = await log_tip(member, named=True)
    digest, _ = PhotoFiles(settings.data_dir).save_bytes(PHOTO, "image/jpeg")
    conversation = app.state.conversation
    chart = b"\x89PNG a weekly chart"
    token = await database.run(  # a file made for a chat: kept in the database, not on disk
        lambda c: conversation.repository(c).save_file(
            "web", "chat-1", "bang-xep-hang.png", "image/png", chart, conversation.now()
        )
    )
    (settings.data_dir / "console-uploads").mkdir()
    (settings.data_dir / "console-uploads" / "roster.xlsx").write_bytes(b"roster")

    archive = tmp_path / "keep" / "antt.tar"
    env = {"ANTT_DATA_DIR": str(settings.data_dir)}
    env["ANTT_DATABASE_URL"] = settings.database_url
    env["ANTT_SECRET_KEY"] = settings.secret_key
    made = await asyncio.to_thread(_cli, ["backup", str(archive)], env)  # the bot still running
    assert made.exit_code == 0, made.output
    assert "Backed up" in made.output and "NOT in the backup" in made.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "secret.key" not in names
    assert f"attachments/{digest[:2]}/{digest}.jpg" in names

    await _wipe(settings, database)

    restored_dir = tmp_path / "restored"
    back = {"ANTT_DATA_DIR": str(restored_dir), "ANTT_SECRET_KEY": settings.secret_key}
    if new_database:
        back["ANTT_DATABASE_URL"] = new_database
    done = await asyncio.to_thread(_cli, ["restore", str(archive)], back)
    assert done.exit_code == 0, done.output
    assert "opens the informants" in done.output
    url = new_database or f"sqlite:///{restored_dir / 'antt.db'}"
    shown = await asyncio.to_thread(
        _reveal, url, settings.secret_key, restored_dir, settings, reference
    )
    assert (shown.name, shown.contact) == ("Lê Thị Mật", "0912345678")
    assert (restored_dir / "attachments" / digest[:2] / f"{digest}.jpg").read_bytes() == PHOTO
    assert (restored_dir / "console-uploads" / "roster.xlsx").read_bytes() == b"roster"
    kept = Database(url)
    try:
        data = await kept.run(
            lambda c: c.execute(select(files.c.data).where(files.c.token == token)).scalar_one()
        )
    finally:
        await kept.dispose()
        kept.close()
    assert data == chart

    # Again over what is there now: refused without --yes.
    again = await asyncio.to_thread(_cli, ["restore", str(archive)], back)
    assert again.exit_code == 2 and "already holds data" in again.output

    # Under another key: everything restores, the reveal says the key is wrong.
    other_dir = tmp_path / "other"
    other = {"ANTT_DATA_DIR": str(other_dir), "ANTT_SECRET_KEY": OTHER_KEY}
    if new_database:
        other["ANTT_DATABASE_URL"] = new_database
    other_done = await asyncio.to_thread(_cli, ["restore", str(archive), "--yes"], other)
    assert other_done.exit_code == 0, other_done.output
    assert "NOT the key" in other_done.output
    url = new_database or f"sqlite:///{other_dir / 'antt.db'}"
    with pytest.raises(Refused) as refused:
        await asyncio.to_thread(_reveal, url, OTHER_KEY, other_dir, settings, reference)
    assert "another secret key" in refused.value.reason.en
    assert "khoá bí mật khác" in refused.value.reason.vi


def test_an_encrypted_backup_through_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"ANTT_DATA_DIR": str(data), "ANTT_SECRET_KEY": OTHER_KEY, "ANTT_LANGUAGE": "vi"}
    assert _cli(["db", "upgrade"], env).exit_code == 0
    made = _cli(["backup"], {**env, "ANTT_BACKUP_PASSPHRASE": "cụm mật khẩu dài"})
    assert made.exit_code == 0, made.output
    assert "Đã sao lưu" in made.output and "KHÔNG nằm trong bản sao lưu" in made.output
    (archive,) = (data / "backups").iterdir()
    assert archive.name.endswith(".tar.enc")

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("không phải nó\n")
    into = {**env, "ANTT_DATA_DIR": str(tmp_path / "back")}
    refused = _cli(["restore", str(archive), "--passphrase-file", str(wrong)], into)
    assert refused.exit_code == 2 and "Sai cụm mật khẩu" in refused.output
    done = _cli(["restore", str(archive)], into, input_text="cụm mật khẩu dài\n")
    assert done.exit_code == 0, done.output
    assert "Đã khôi phục" in done.output and "mở được" in done.output


def test_a_named_data_dir_takes_its_sqlite_database_too(tmp_path: Path) -> None:
    live = {"ANTT_DATA_DIR": str(tmp_path / "live"), "ANTT_SECRET_KEY": OTHER_KEY}
    live["ANTT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'live.db'}"
    assert _cli(["db", "upgrade"], live).exit_code == 0
    made = _cli(["backup", str(tmp_path / "a.tar")], live)
    assert made.exit_code == 0, made.output
    scratch = tmp_path / "scratch"
    done = _cli(["restore", str(tmp_path / "a.tar"), "--data-dir", str(scratch)], live)
    assert done.exit_code == 0, done.output
    assert (scratch / "antt.db").stat().st_size > 0
