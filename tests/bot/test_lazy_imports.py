"""A process imports what its deployment runs: the web chat alone loads no messenger library,
no chart, workbook, document or image library; a Telegram token brings aiogram in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Loaded on first use (a chart, a workbook, a report, a photo) or by a channel's adapter.
HEAVY = ("aiogram", "matplotlib", "openpyxl", "numpy", "PIL", "docx", "docxtpl", "alembic")

BUILD = """
import json, sys
from bot.app import create_app
from bot.settings import load_settings
app = create_app(load_settings())
print(json.dumps({"channels": sorted(app.state.channels), "loaded": sorted(
    m for m in HEAVY if m in sys.modules
)}))
"""


def built(tmp_path: Path, **env: str) -> dict[str, list[str]]:
    """`create_app` in a fresh interpreter with only these ANTT_ settings."""
    tmp_path.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANTT_")}
    run = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{BUILD}"],
        cwd=tmp_path,  # no .env of the checkout's
        env={**clean, "ANTT_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    found: dict[str, list[str]] = json.loads(run.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.timeout(400)
def test_the_web_chat_alone_loads_no_heavy_library_and_telegram_loads_aiogram(
    tmp_path: Path,
) -> None:
    web_only = built(tmp_path / "web")
    assert web_only == {"channels": ["web"], "loaded": []}

    with_telegram = built(
        tmp_path / "telegram", ANTT_TELEGRAM_TOKEN="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    )
    assert with_telegram["channels"] == ["telegram", "web"]
    assert "aiogram" in with_telegram["loaded"]
