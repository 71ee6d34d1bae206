"""An attacker with the database files: an informant typed into a tip is never there in clear,
whether the tip was saved, cancelled or left halfway (SQLite main file and WAL; PostgreSQL's
dump, table files and WAL)."""

from __future__ import annotations

import json
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import make_url

from bot.settings import Settings
from campaign.normalize import fold
from services.demo import DemoInvites
from storage.database import Database

LOOKS = 6  # how each secret is searched for: plain, JSON-escaped, folded, ...
VISIBLE = "Nhà hoang cuối xóm 3"  # an answer that is not sealed: the search must find it


def _informant() -> tuple[str, str]:
    """A name and a phone no other test uses, so a hit can only come from this test."""
    surname = "".join(secrets.choice("bcdghklmnpqrstvx") for _ in range(7)).capitalize()
    phone = "09" + "".join(secrets.choice("0123456789") for _ in range(8))
    return f"Lê Thị Mật {surname}ễ", phone


def _forms(secret: str) -> list[bytes]:
    escaped = json.dumps(secret)[1:-1]  # "L\u00ea Th\u1ecb ..." as a JSON text keeps it
    forms = {
        secret.encode("utf-8"),
        escaped.encode("ascii"),
        escaped.replace("\\u", "\\\\u").encode("ascii"),  # escaped twice (JSON in JSON)
        fold(secret).encode("utf-8"),
        secret.encode("utf-16-le"),
        secret.split()[-1].encode("utf-8"),  # the unique word alone
    }
    assert len(forms) <= LOOKS
    return sorted(forms)


async def _start_tip(user: Any) -> None:
    await user.say("/baotin")
    await user.tap("Ma túy")
    await user.say("Có người lạ tụ tập ở nhà hoang")
    await user.say(VISIBLE)
    await user.tap("Bây giờ")
    await user.tap("có tên")


async def _tips_with_informants(users: Any, demo: DemoInvites) -> list[str]:
    """Three tips with a named informant: saved, cancelled at the summary, left halfway."""
    secrets_typed: list[str] = []
    member = users()
    await member.register(demo.member.code)
    for ending in ("save", "cancel", "abandon"):
        name, phone = _informant()
        secrets_typed += [name, phone]
        await _start_tip(member)
        await member.say(name)
        await member.say(phone)
        if ending == "abandon":
            assert "Mức độ khẩn cấp?" in member.text
            break  # the next question is left unanswered: the answers wait in the chat state
        await member.tap("Bình thường")
        await member.tap("Bỏ qua")
        assert "được bảo mật" in member.text and name not in member.text
        if ending == "save":
            await member.tap("Lưu")
            assert "NT-" in member.text
        else:
            await member.tap("Hủy")
            assert "hủy" in member.text.lower()
    return secrets_typed


def _hits(blob: bytes, secrets_typed: list[str]) -> list[str]:
    return [
        f"{secret!r} as {form!r}"
        for secret in secrets_typed
        for form in _forms(secret)
        if form in blob
    ]


async def test_sqlite_files_never_hold_an_informant(
    users: Any, demo: DemoInvites, settings: Settings, database: Database
) -> None:
    if not settings.resolved_database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL: the test below")
    secrets_typed = await _tips_with_informants(users, demo)
    path = Path(make_url(settings.resolved_database_url).database or "")
    files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
    assert Path(f"{path}-wal").exists(), "the test should see the WAL before a checkpoint"
    found = [f"{p.name}: {hit}" for p in files for hit in _hits(p.read_bytes(), secrets_typed)]
    assert found == []
    assert any(_hits(p.read_bytes(), [VISIBLE]) for p in files)  # the search sees clear text


async def test_postgresql_dump_and_files_never_hold_an_informant(
    users: Any, demo: DemoInvites, settings: Settings
) -> None:
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("SQLite: the test above")
    started = time.time() - 2
    secrets_typed = await _tips_with_informants(users, demo)
    dump = subprocess.run(
        [
            "pg_dump",
            "--host",
            url.host or "127.0.0.1",
            "--port",
            str(url.port or 5432),
            "--username",
            url.username or "postgres",
            url.database or "",
        ],
        check=True,
        capture_output=True,
    ).stdout
    assert _hits(dump, [VISIBLE])  # the search sees what is in clear
    assert _hits(dump, secrets_typed) == []
    # The server's own files, where this machine lets us read them (as on CI, run as root):
    # the table files of this database and the WAL segments written during the test.
    connection = await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, database=url.database
    )
    try:
        await connection.execute("CHECKPOINT")
        data_dir = Path(await connection.fetchval("SHOW data_directory"))
        oid = await connection.fetchval(
            "SELECT oid FROM pg_database WHERE datname = current_database()"
        )
    finally:
        await connection.close()
    try:
        table_files = list((data_dir / "base" / str(oid)).iterdir())
        wal = [p for p in (data_dir / "pg_wal").iterdir() if p.is_file()]
    except PermissionError:
        return
    # The server recycles WAL segments as it goes (other databases are busy too): a file gone
    # between the listing and the reading holds nothing any more.
    written = {p: _written_since(p, started) for p in [*table_files, *wal]}
    recent = {p: data for p, data in written.items() if data is not None}
    assert recent, "the test should see the files the server wrote"
    found = [f"{p.name}: {hit}" for p, data in recent.items() for hit in _hits(data, secrets_typed)]
    assert found == []


def _written_since(path: Path, started: float) -> bytes | None:
    try:
        if not path.is_file() or path.stat().st_mtime < started:
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None
