"""Telegram throughput, in one run against the same Bot API server on loopback.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/telegram_throughput.py [--chats 200] [--tips 2]
    ANTT_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres  (adds PostgreSQL)

The server (tests/fakes/telegram_api.py) runs in its own process. Every variant gets the same
stream: per chat, a registration (3 messages) and then tips (9 typed messages each; choices are
typed as their numbers, so no variant needs callback data). Variants:
  (a) floor: an echo bot on aiogram's Bot client with the simplest polling loop of its own;
  (b) peer: a python-telegram-bot ConversationHandler doing the same tip flow, state in memory;
  (c) antt-bot's tip flow through its Telegram channel, on SQLite and on PostgreSQL.
Rate = updates / (last reply sent - first update served), read from the server's clock.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db

from bot.channels.telegram import TelegramChannel
from bot.conversation import Conversation
from bot.settings import load_settings
from campaign.catalogs import read_all
from campaign.roles import Role
from services.demo import ensure_demo
from services.invites import create_invites
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TIP = ["/baotin", "3", "Có người lạ tụ tập", "Xóm 3", "1", "1", "1", "1", "1"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stream(codes: list[str], tips: int, first_id: int) -> list[dict[str, Any]]:
    """Round-robin over chats, as many members typing at once would produce."""
    per_chat = [
        [f"/start {code}", f"Thành viên {n}", "1", *(TIP * tips)] for n, code in enumerate(codes)
    ]
    updates = []
    update_id = first_id
    for step in range(len(per_chat[0])):
        for chat, texts in enumerate(per_chat):
            user = {"id": 10_000 + chat, "is_bot": False, "first_name": f"U{chat}"}
            updates.append(
                {
                    "update_id": update_id,
                    "message": {
                        "message_id": update_id,
                        "date": 1_750_000_000,
                        "text": texts[step],
                        "chat": {"id": 10_000 + chat, "type": "private"},
                        "from": user,
                    },
                }
            )
            update_id += 1
    return updates


class Server:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        root = Path(__file__).resolve().parent.parent
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.telegram_api", str(self.port)], cwd=root
        )

    async def wait_ready(self) -> None:
        async with aiohttp.ClientSession() as session:
            for _ in range(100):
                try:
                    async with session.get(f"{self.url}/control/stats"):
                        return
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
        raise RuntimeError("the Bot API server did not start")

    async def load(self, updates: list[dict[str, Any]]) -> None:
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.url}/control/load", json=updates) as response,
        ):
            await response.json()

    async def finished(self, last_id: int, expected_sends: int) -> float:
        """Wait until every update was taken and the replies stopped; the measured seconds."""
        async with aiohttp.ClientSession() as session:
            quiet_since, last_count = time.monotonic(), -1
            while True:
                async with session.get(f"{self.url}/control/stats") as response:
                    stats = await response.json()
                if stats["sent"] != last_count:
                    last_count, quiet_since = stats["sent"], time.monotonic()
                done = stats["left"] == 0 and stats["sent"] >= expected_sends
                if done and time.monotonic() - quiet_since > 0.5:
                    return float(stats["last_sent"] - stats["first_served"])
                if time.monotonic() - quiet_since > 60:
                    raise RuntimeError(f"stalled: {stats}")
                await asyncio.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


async def echo_bot(url: str) -> Callable[[], Awaitable[None]]:
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))

    async def loop() -> None:
        offset = None
        while True:
            updates = await bot.get_updates(offset=offset, timeout=25)
            for update in updates:
                if update.message and update.message.text:
                    await bot.send_message(update.message.chat.id, update.message.text)
            if updates:
                offset = updates[-1].update_id + 1

    task = asyncio.create_task(loop())

    async def stop() -> None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bot.session.close()

    return stop


async def ptb_bot(url: str) -> Callable[[], Awaitable[None]]:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (
        ApplicationBuilder,
        CommandHandler,
        ContextTypes,
        ConversationHandler,
        MessageHandler,
        filters,
    )

    questions = ["Loại tin?", "Sự việc?", "Ở đâu?", "Khi nào?", "Nguồn?", "Mức độ?", "Ảnh?", "Lưu?"]
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("1", callback_data="1"),
                InlineKeyboardButton("2", callback_data="2"),
            ]
        ]
    )
    counter = iter(range(1, 10**9))

    async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["answers"] = []  # type: ignore[index]
        await update.message.reply_text(questions[0], reply_markup=keyboard)  # type: ignore[union-attr]
        return 0

    def step(index: int) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, int]]:
        async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            context.user_data["answers"].append(update.message.text)  # type: ignore[index, union-attr]
            if index + 1 < len(questions):
                await update.message.reply_text(questions[index + 1], reply_markup=keyboard)  # type: ignore[union-attr]
                return index + 1
            await update.message.reply_text(f"Đã lưu NT-2026-{next(counter):06d}")  # type: ignore[union-attr]
            end: int = ConversationHandler.END  # typed even where python-telegram-bot is absent
            return end

        return answer

    async def other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("Chọn một mục:")  # type: ignore[union-attr]

    application = ApplicationBuilder().token(TOKEN).base_url(f"{url}/bot").build()
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("baotin", begin)],
            states={i: [MessageHandler(text, step(i))] for i in range(len(questions))},
            fallbacks=[],
        )
    )
    application.add_handler(MessageHandler(filters.ALL, other))
    await application.initialize()
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=25)  # type: ignore[union-attr]

    async def stop() -> None:
        await application.updater.stop()  # type: ignore[union-attr]
        await application.stop()
        await application.shutdown()

    return stop


async def prepare(database_url: str, data_dir: Path, members: int) -> list[str]:
    """A migrated database with the demo units and one invite code per simulated member."""
    await asyncio.to_thread(upgrade, database_url)
    settings = load_settings(data_dir=data_dir, database_url=database_url, secret_key="b" * 40)
    database = Database(database_url)
    now = datetime.now(settings.zone)
    await database.run(lambda c: ensure_demo(UnitOfWork(c).units, now, plan=False))
    invites = await database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code="DEMO-XA-T1", role=Role.MEMBER, count=members, now=now
        )
    )
    await database.dispose()
    database.close()
    return [invite.code for invite in invites]


async def antt_bot(url: str, database_url: str, data_dir: Path) -> Callable[[], Awaitable[None]]:
    settings = load_settings(
        data_dir=data_dir,
        database_url=database_url,
        secret_key="b" * 40,
        telegram_token=TOKEN,
        telegram_api_url=url,
    )
    database = Database(database_url)
    channel = TelegramChannel(Conversation(settings, database))
    read_all()  # as a running bot has its texts read before it serves (bot/app.py)
    await channel.start()

    async def stop() -> None:
        await channel.stop()
        await database.dispose()
        database.close()

    return stop


async def measure(
    server: Server,
    updates: list[dict[str, Any]],
    replies_per_update: float,
    start: Callable[[], Awaitable[Callable[[], Awaitable[None]]]],
) -> float:
    await server.load(updates)
    stop = await start()
    try:
        seconds = await server.finished(
            updates[-1]["update_id"], int(len(updates) * replies_per_update)
        )
    finally:
        await stop()
    return len(updates) / seconds


async def postgres_database(server: str) -> tuple[str, Callable[[], Awaitable[None]]]:
    url, name = await scratch_db.create(server, "antt_bench")
    return url, lambda: scratch_db.drop(server, name)


async def main(chats: int, tips: int) -> None:
    server = Server()
    await server.wait_ready()
    rates: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            codes = [f"CODE{n:04d}" for n in range(chats)]  # the echo and peer bots ignore them
            base = 1
            updates = stream(codes, tips, base)
            rates["a"] = await measure(server, updates, 1.0, lambda: echo_bot(server.url))
            base += len(updates)
            updates = stream(codes, tips, base)
            rates["b"] = await measure(server, updates, 1.0, lambda: ptb_bot(server.url))
            backends: list[tuple[str, str, Callable[[], Awaitable[None]] | None]] = [
                ("SQLite", f"sqlite:///{folder}/bench.db", None)
            ]
            pg_server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
            if pg_server:
                pg_url, drop_pg = await postgres_database(pg_server)
                backends.append(("PostgreSQL", pg_url, drop_pg))
            for label, url, drop in backends:
                base += len(updates)
                data_dir = Path(folder) / label
                updates = stream(await prepare(url, data_dir, chats), tips, base)
                rates[label] = await measure(
                    server,
                    updates,
                    1.0,
                    lambda url=url, data_dir=data_dir: antt_bot(server.url, url, data_dir),  # type: ignore[misc]
                )
                if drop is not None:
                    await drop()
    finally:
        server.stop()
    n = chats * (3 + 9 * tips)
    print(f"updates per variant: {n} ({chats} chats, registration + {tips} tips each)")
    print(f"(a) aiogram echo, own polling loop:    {rates['a']:7.0f} updates/s")
    print(f"(b) python-telegram-bot conversation:  {rates['b']:7.0f} updates/s")
    for label in ("SQLite", "PostgreSQL"):
        if label in rates:
            c = rates[label]
            print(
                f"(c) antt-bot tip flow, {label:<10}:     {c:7.0f} updates/s   "
                f"c/a {c / rates['a']:.2f}   c/b {c / rates['b']:.2f}"
            )
    if "PostgreSQL" not in rates:
        print("(c) PostgreSQL: skipped (set ANTT_BENCH_POSTGRES_URL)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--tips", type=int, default=2)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.chats, arguments.tips))
