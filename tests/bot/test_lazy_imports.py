"""A process imports what its deployment runs: the web chat alone loads no messenger adapter,
no chart, workbook, document or image library; a Telegram token brings the Telegram adapter in,
and no messenger library (its Bot API client is our own, over aiohttp). The console's screens
are imported at its first visit, not by a start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Loaded on first use (a chart, a workbook, a report, a photo) or by a channel's adapter;
# aiogram (~128 MB, ~3.6 CPU-s) is no runtime dependency, and nothing may bring it back.
ADAPTER = "bot.channels.telegram"
HEAVY = (ADAPTER, "aiogram", "matplotlib", "openpyxl", "numpy", "PIL", "docx", "docxtpl", "alembic")
# Imported, and their routes built, at the first request under /quanly (bot/console/app.py);
# Jinja at its first page.
SCREENS = ("bot.console.screens.entries", "bot.console.screens.submissions", "jinja2")

BUILD = """
import json, sys
from bot.app import create_app
from bot.settings import load_settings
app = create_app(load_settings())
print(json.dumps({"channels": sorted(app.state.channels), "loaded": sorted(
    m for m in HEAVY + SCREENS if m in sys.modules
)}))
"""

# The console after a web-only start: its first page brings the screens and their routes in.
VISIT = """
import sys
from fastapi.testclient import TestClient
from bot.app import create_app
from bot.settings import load_settings
client = TestClient(create_app(load_settings()))
assert not [m for m in SCREENS if m in sys.modules]
assert client.get("/quanly/xephang", follow_redirects=False).status_code == 401  # log in first
assert [m for m in SCREENS if m in sys.modules] == list(SCREENS)
print("visited")
"""


def run_fresh(script: str, tmp_path: Path, **env: str) -> str:
    """`script` in a fresh interpreter with only these ANTT_ settings; its output."""
    tmp_path.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANTT_")}
    run = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\nSCREENS = {SCREENS!r}\n{script}"],
        cwd=tmp_path,  # no .env of the checkout's
        env={**clean, "ANTT_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def built(tmp_path: Path, **env: str) -> dict[str, list[str]]:
    """`create_app` in a fresh interpreter: its channels and what it loaded of HEAVY, SCREENS."""
    found: dict[str, list[str]] = json.loads(run_fresh(BUILD, tmp_path, **env))
    return found


@pytest.mark.timeout(400)
def test_the_web_chat_alone_loads_no_heavy_library_and_telegram_only_its_adapter(
    tmp_path: Path,
) -> None:
    web_only = built(tmp_path / "web")
    assert web_only == {"channels": ["web"], "loaded": []}

    with_telegram = built(
        tmp_path / "telegram", ANTT_TELEGRAM_TOKEN="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    )
    assert with_telegram["channels"] == ["telegram", "web"]
    assert with_telegram["loaded"] == [ADAPTER]


@pytest.mark.timeout(200)
def test_the_console_s_screens_come_at_its_first_visit(tmp_path: Path) -> None:
    assert run_fresh(VISIT, tmp_path / "web") == "visited"
