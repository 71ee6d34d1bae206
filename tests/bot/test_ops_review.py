"""docs/deploy.md and the backup commands as an operator follows them literally: the service's
environment file as systemd reads it, a restore run as the service's user into a folder made
for it, and a backup that cannot be written said plainly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.app import create_app
from bot.cli import app as cli_app
from bot.metrics import allowed_networks
from bot.render_pool import RenderPool
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import erasure_requests
from tests.bot.test_metrics import sample
from tests.bot.test_personal_data import _console
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_review import invite
from tests.conftest import WebUser
from tests.console import invite_code, registered

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
KEY = "d" * 40
NOBODY = 65534


def _cli(args: list[str], env: dict[str, str]) -> Any:
    base = {"ANTT_LANGUAGE": "vi", "ANTT_DATABASE_URL": "", "ANTT_SECRET_KEY": KEY}
    return CliRunner().invoke(cli_app, args, env={**base, **env})


def client(app: Any) -> httpx.AsyncClient:
    """A scraper on loopback, as Prometheus's agent on the host is."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 40_000)), base_url="http://bot"
    )


async def _ask_erasure(user: Any) -> None:
    await user.say("/dulieucuatoi")
    await user.tap("Yêu cầu xoá dữ liệu")
    await user.tap("Tôi yêu cầu xoá")
    assert "Đã gửi yêu cầu xoá dữ liệu" in user.text, user.text


def _systemd_environment_file(text: str) -> dict[str, str]:
    """Read as systemd's EnvironmentFile= does (systemd.exec(5)): a comment is a whole line
    starting with # or ;, never the end of one; the value is the rest of the line, stripped,
    its surrounding quotes removed."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;" or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def test_the_documented_environment_file_starts_the_bot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = re.findall(r"```sh\n(ANTT_DATA_DIR=.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "docs/deploy.md's /etc/antt-bot/env block"
    values = _systemd_environment_file(blocks[0])
    assert values["ANTT_WEB_HOST"] == "127.0.0.1"  # not "127.0.0.1   # behind the proxy…"
    assert "ANTT_WEB_PORT" not in values  # it would override every unit's own port
    for name in [name for name in os.environ if name.startswith("ANTT_")]:
        monkeypatch.delenv(name)
    for name, value in values.items():
        if value != "...":  # the secret key and tokens the operator fills in
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    settings = Settings()
    assert (settings.log_format, settings.metrics) == ("json", True)
    assert settings.backup_dir == Path("/var/backups/antt-bot") and settings.backup_keep == 14
    assert len(allowed_networks(settings.metrics_allow)) == 3  # loopback v4 and v6, the LAN


def test_a_backup_that_cannot_be_written_is_said_plainly(tmp_path: Path) -> None:
    env = {"ANTT_DATA_DIR": str(tmp_path / "data")}
    assert _cli(["db", "upgrade"], env).exit_code == 0
    (tmp_path / "a-file").write_text("not a folder")
    done = _cli(["backup", str(tmp_path / "a-file" / "antt.tar")], env)
    assert done.exit_code == 2, done.output
    assert "Không đọc hoặc ghi được" in done.output and "a-file" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the service's user can traverse (pytest's own tmp is its creator's only)."""
    folder = Path(tempfile.mkdtemp(prefix="antt-ops-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder)


def test_the_service_user_restores_into_a_folder_made_for_it(shared_tmp: Path) -> None:
    """docs/deploy.md §7: root makes the scratch data dir for the service's user, who restores
    into it, though it may write nothing beside it (/var/lib is root's)."""
    live = {"ANTT_DATA_DIR": str(shared_tmp / "live")}
    assert _cli(["db", "upgrade"], live).exit_code == 0
    archive = shared_tmp / "antt.tar"
    assert _cli(["backup", str(archive)], live).exit_code == 0
    scratch = shared_tmp / "restore-test"
    scratch.mkdir(mode=0o700)
    command = [str(Path(sys.executable).parent / "antt-bot")]
    if os.geteuid() == 0:  # as `runuser -u antt-bot` would: a user without root's rights
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is needed to drop root's rights")
        command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        os.chown(scratch, NOBODY, NOBODY)
        os.chown(archive, NOBODY, NOBODY)
    shared_tmp.chmod(0o555)  # nothing may be written beside the scratch dir
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(scratch),
        "ANTT_LANGUAGE": "vi",
        "ANTT_SECRET_KEY": KEY,
    }
    done = subprocess.run(
        [*command, "restore", str(archive), "--data-dir", str(scratch)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Đã khôi phục" in done.stdout
    assert (scratch / "antt.db").stat().st_size > 0
    assert sorted(path.name for path in shared_tmp.iterdir()) == [
        "antt.tar",
        "live",
        "restore-test",
    ]


async def test_a_commanders_chart_shows_in_the_render_metrics(
    settings: Settings, database: Database, demo: DemoInvites
) -> None:
    """deploy.md §8 lists antt_render_queue and antt_render_seconds{kind}: a drawing moves them
    (and /metrics names no one)."""
    on = settings.model_copy(update={"metrics": True})
    pool = RenderPool(1)
    app = create_app(on, database, pool)
    app.state.conversation.drawer.quick = 120.0  # drawn within the turn: no waiting on a clock
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=3), today + timedelta(days=3)))
    leader = WebUser(app)
    try:
        await leader.register(
            await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng"
        )
        await leader.say("/bangxephang")
        assert any(m["image_url"] for m in leader.last), leader.text
        async with client(app) as local:
            text = (await local.get("/metrics")).text
    finally:
        await leader.close()
        await pool.close()
    assert sample(text, "antt_render_seconds_count", kind="standings_files") == 1
    assert sample(text, "antt_render_queue") == 0
    assert "Tổ Trưởng" not in text and "DEMO" not in text


async def test_one_erasure_settles_a_twin_request_asked_at_the_same_moment(
    app: Any, demo: DemoInvites, database: Database
) -> None:
    """Asked from two chats at once, a member has two waiting requests (on PostgreSQL both
    transactions find none waiting and insert); the admin's confirmation settles both, so
    no request of an already erased member waits in the console."""
    conversation = app.state.conversation
    member = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    admin = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Hồ Thị Xã")
    await _ask_erasure(member.chat)

    def twin(connection: Any) -> int:
        repository = conversation.repository(connection)
        me = repository.active_member(member.member_id)
        return int(repository.add_erasure_request(me, conversation.now()))

    second = await database.run(twin)
    first = second - 1
    as_admin = await _console(app, admin.member_id)
    try:
        await as_admin.get(f"/quanly/xoadulieu/{first}")
        assert (await as_admin.post(f"/quanly/xoadulieu/{first}/xacnhan")).status_code == 303
        page = await as_admin.get("/quanly/xoadulieu")
        assert 'href="/quanly/xoadulieu/' not in page.text  # nothing left waiting
        assert (await as_admin.get(f"/quanly/xoadulieu/{second}")).status_code == 403
    finally:
        await as_admin.close()
    waiting = await database.run(
        lambda c: c.execute(
            select(erasure_requests.c.id).where(erasure_requests.c.status == "asked")
        ).all()
    )
    assert waiting == []
