"""Drive N simulated members through the tip flow in-process and print messages per second.

    .venv/bin/python bench/flow_throughput.py [--members 50] [--tips 4]
    ANTT_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres  (adds PostgreSQL)

Each member registers, then logs tips through the conversation core (no HTTP), all members
concurrently, as a channel adapter would feed it. Not a test: it prints its figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import scratch_db

from bot.conversation import Conversation
from bot.settings import load_settings
from campaign.catalogs import read_all
from campaign.roles import Role
from handlers.messages import Incoming, Outgoing
from services.demo import ensure_demo
from services.invites import create_invites
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

TIP = [
    "/baotin",
    "#Ma túy",
    "Người lạ tụ tập",
    "Xóm 3",
    "#Bây giờ",
    "#Tôi trực tiếp",
    "#Bình thường",
    "#Bỏ qua",
    "#Lưu",
]


async def member_session(conversation: Conversation, index: int, code: str, tips: int) -> int:
    chat = f"bench-{index}"
    sent = 0
    replies: list[Outgoing] = []

    async def send(text: str) -> None:
        nonlocal replies, sent
        choice = None
        if text.startswith("#"):
            label = text[1:]
            choice = next(c.id for m in replies for c in m.choices if label in c.label)
            text = ""
        incoming = Incoming("bench", chat, chat, uuid.uuid4().hex, text=text or None, choice=choice)
        replies = await conversation.handle(incoming)
        sent += 1

    await send(f"/start {code}")
    await send(f"Thành viên {index}")
    await send("#Đồng ý")
    for _ in range(tips):
        for step in TIP:
            await send(step)
        assert "Đã lưu" in replies[0].text, replies[0].text
    return sent


async def run(url: str, data_dir: Path, members: int, tips: int) -> float:
    settings = load_settings(data_dir=data_dir, database_url=url, secret_key="b" * 40)
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    now = datetime.now(settings.zone)
    await database.run(lambda c: ensure_demo(UnitOfWork(c).units, now, plan=False))
    invites = await database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code="DEMO-XA-T1", role=Role.MEMBER, count=members, now=now
        )
    )
    conversation = Conversation(settings, database)
    read_all()  # as a running bot has its texts read before it serves (bot/app.py)
    started = time.perf_counter()
    counts = await asyncio.gather(
        *(member_session(conversation, i, inv.code, tips) for i, inv in enumerate(invites))
    )
    elapsed = time.perf_counter() - started
    await database.dispose()
    database.close()
    return sum(counts) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--tips", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rate = asyncio.run(
            run(f"sqlite:///{folder}/bench.db", Path(folder), args.members, args.tips)
        )
        print(f"SQLite:     {rate:8.0f} messages/s  ({args.members} members x {args.tips} tips)")
        server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
        if server:
            url, name = asyncio.run(scratch_db.create(server, "antt_bench"))
            try:
                rate = asyncio.run(run(url, Path(folder), args.members, args.tips))
                print(
                    f"PostgreSQL: {rate:8.0f} messages/s  ({args.members} members x {args.tips} tips)"
                )
            finally:
                asyncio.run(scratch_db.drop(server, name))
        else:
            print("PostgreSQL: skipped (set ANTT_BENCH_POSTGRES_URL)")


if __name__ == "__main__":
    main()
