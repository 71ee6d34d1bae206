"""`antt-bot run` as an operator starts it: its files are private whatever the umask, and a
stop leaves the SQLite database whole, its WAL checkpointed into the file."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import JPEG


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_served_bot_keeps_its_files_private_and_checkpoints_at_stop(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = _free_port()
    env = {
        **os.environ,
        "ANTT_DATA_DIR": str(data),
        "ANTT_WEB_PORT": str(port),
        "ANTT_DATABASE_URL": "",
        "ANTT_SCHEDULER": "false",
    }
    env.pop("ANTT_SECRET_KEY", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import app; app()", "run"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: os.umask(0o022),  # a usual shell's umask: files world-readable
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the bot did not come up"
            time.sleep(0.1)
        with httpx.Client(base_url=base) as client:
            for text in ("xin chào", "/help"):
                assert client.post("/api/web/messages", json={"text": text}).status_code == 200
            client.post("/api/web/messages", files={"photo": ("a.jpg", JPEG, "image/jpeg")})
        wal = data / "antt.db-wal"
        assert wal.exists() and wal.stat().st_size > 0  # the running bot writes through it

        made = [data, *data.rglob("*")]
        assert {p.name for p in made} >= {"antt.db", "secret.key"}
        loose = [
            f"{p.relative_to(tmp_path)} {oct(_mode(p))}"
            for p in made
            if _mode(p) & 0o077  # anything for the group or others
        ]
        assert loose == []
        assert _mode(data) == 0o700
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode in (0, -signal.SIGTERM), output  # uvicorn re-raises SIGTERM
    # Stopped: the WAL is folded into the database file, which alone is now complete.
    assert not wal.exists() or wal.stat().st_size == 0, output
