"""A channel without buttons: the numbered menu it shows is what the core accepts back."""

from __future__ import annotations

from typing import Any

from bot.channels.plain import numbered
from handlers.messages import Outgoing
from services.demo import DemoInvites


async def test_numbered_menu_round_trip(users: Any, demo: DemoInvites) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/baotin")
    shown = numbered(Outgoing.from_dict(member.last[-1]))
    assert "\n3. Ma túy\n" in shown
    await member.say("3")  # what a Zalo user types after reading the menu
    assert "Sự việc gì" in member.text


def test_plain_text_without_choices_is_unchanged() -> None:
    assert numbered(Outgoing(text="Xin chào")) == "Xin chào"


def test_split_text_cuts_at_line_breaks_and_keeps_everything() -> None:
    from bot.channels.plain import split_text

    lines = [f"Dòng {n}: " + " ".join(["chữ"] * 30) for n in range(40)]
    text = "\n".join(lines)
    pieces = split_text(text, 2000)
    assert len(text) > 3000 and len(pieces) >= 2
    assert all(len(p) <= 2000 for p in pieces)
    assert all(p.startswith("Dòng ") for p in pieces)  # every cut fell on a line break
    assert "\n".join(pieces) == text
    assert split_text("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]
    assert split_text("", 2000) == [""]


def test_plain_texts_fold_into_the_next_message() -> None:
    from bot.channels.plain import merged
    from handlers.messages import Choice

    saved = Outgoing(text="Đã lưu ✅ Mã tham chiếu: NT-2026-000001.")
    menu = Outgoing(text="Chọn một mục:", choices=(Choice("1.tip", "Báo nguồn tin"),), menu=True)
    assert merged([saved, menu], 4096) == [
        Outgoing(text=f"{saved.text}\n\nChọn một mục:", choices=menu.choices, menu=True)
    ]
    question = Outgoing(text="Loại tin?", choices=(Choice("2.a", "A"),))
    assert merged([question, saved], 4096) == [question, saved]  # buttons stay on their text
    assert merged([saved, menu], 20) == [saved, menu]  # too long together
