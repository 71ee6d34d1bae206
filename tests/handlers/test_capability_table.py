"""The channels' capability table is whole in any process, not only in one that happened to
import the channel plugins: a job or the CLI counts the web chat's rows as arrived too, without
loading the channels' adapters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a job process imports to count a broadcast's deliveries and to send the outbox: no
# plugin, no app.
JOB = """
import json, sys
from storage import broadcasts, outbox
from scheduler import jobs, outbox_sender
from handlers.channels import capabilities, mailboxes, smallest_text_limit
print(json.dumps({
    "mailboxes": mailboxes(),
    "web_reads_its_mailbox": getattr(capabilities("web"), "mailbox", None),
    "smallest_text_limit": smallest_text_limit(),
    "adapters_loaded": sorted(m for m in ("bot.channels.telegram", "bot.channels.registry") if m in sys.modules),
}))
"""


def test_a_job_process_sees_every_channels_capabilities() -> None:
    run = subprocess.run(
        [sys.executable, "-c", JOB], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {
        "mailboxes": ["web"],
        "web_reads_its_mailbox": True,
        "smallest_text_limit": 2000,  # Zalo's
        "adapters_loaded": [],  # read as data: no messenger library's start-up paid
    }
