"""A chat in the middle of a flow when a new version is deployed goes on: its saved state
(`chat_states.flow`, `step`, `data`, in the shape versions before the one conversation model
wrote them) is resumed at the same question."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from campaign.catalogs import text
from campaign.roles import Role
from services.ports import ChatState, MemberView, TipItem
from tests.fakes.store import MemoryStore
from tests.handlers.test_engine import ZONE, Chat

OFFICER = MemberView(7, "Cán Bộ", Role.OFFICER, 1, "Xã Hòa Bình", "vi")


class DeskStore(MemoryStore):
    """What the desks resumed here ask of the store: nothing waiting, decisions recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.members[OFFICER.id] = OFFICER
        self.identities[("test", "u1")] = OFFICER.id
        self.decided: list[tuple[str, str, str | None]] = []
        self.revealed: list[tuple[str, str]] = []

    def decide(self, *args: Any) -> None:
        _, reference, verdict, note, _ = args
        self.decided.append((reference, verdict, note))

    def open_tips(self, officer: MemberView, limit: int) -> list[Any]:
        return []

    def reveal_informant(
        self, officer: MemberView, reference: str, reason: str, now: datetime
    ) -> dict[str, str]:
        self.revealed.append((reference, reason))
        return {"informant_name": "Nguyễn Văn Kín", "informant_contact": "0900"}

    def open_deliverables(self, member: MemberView, day: Any) -> list[Any]:
        return []


def resumed(flow: str, step: str, data: dict[str, Any]) -> tuple[DeskStore, Chat]:
    """A chat whose row was saved a minute ago, mid-flow, by the version before."""
    store = DeskStore()
    chat = Chat(store)
    store.chats[("test", "u1")] = ChatState(
        "test", "u1", "vi", flow, step, data, chat.now - timedelta(minutes=1), prompt_seq=5
    )
    return store, chat


def test_an_entry_flow_saved_mid_way_goes_on_at_its_question() -> None:
    store, chat = resumed("entry:tip", "category", {"answers": {}, "history": []})
    chat.send("3")
    state = store.chats[("test", "u1")]
    assert state.flow == "entry:tip" and state.data["answers"] == {"category": "drugs"}
    assert state.step != "category" and state.prompt_seq == 6


def test_a_review_waiting_for_a_rejection_reason_takes_it() -> None:
    data = {"ref": "VT-2026-000001", "seen": "0123456789abcdef", "later": []}
    store, chat = resumed("review", "reason", data)
    assert text("review_done", "vi") in chat.send("Ảnh không rõ")
    assert store.decided == [("VT-2026-000001", "rejected", "Ảnh không rõ")]
    assert store.chats[("test", "u1")].flow is None


def test_a_tip_desk_asking_why_the_informant_is_wanted_reveals_them() -> None:
    # Saved before "later" was kept apart: "seen" holds the card's hash.
    store, chat = resumed("tips", "reason", {"ref": "NT-2026-000002", "seen": "0123456789abcdef"})
    seen = chat.send("Cần xác minh trực tiếp")
    assert store.revealed == [("NT-2026-000002", "Cần xác minh trực tiếp")]
    assert "Nguyễn Văn Kín" in seen and text("tips_none", "vi") in seen


def test_a_broadcast_at_its_text_goes_on_to_the_photo() -> None:
    store, chat = resumed("broadcast", "text", {"running": [], "audience": "all"})
    assert text("broadcast_image", "vi") in chat.send("Họp lúc 19 giờ tại nhà văn hóa")
    state = store.chats[("test", "u1")]
    assert state.flow == "broadcast" and state.step == "image"
    assert state.data == {
        "running": [],
        "audience": "all",
        "text": "Họp lúc 19 giờ tại nhà văn hóa",
    }


def test_a_deliverable_at_its_photo_question_reads_a_typed_skip() -> None:
    store, chat = resumed("deliverable", "file", {"key": "bao-cao-quy"})
    assert text("deliverable_none", "vi") in chat.send("Bỏ qua")
    assert store.chats[("test", "u1")].flow is None


def test_a_desk_saved_at_a_state_this_version_lacks_starts_at_its_first() -> None:
    store, chat = resumed("review", "gone_state", {"later": []})
    chat.send("1")
    assert store.chats[("test", "u1")].flow is None  # nothing waiting: the queue's end


class TipStore(DeskStore):
    """Two tips waiting for follow-up."""

    def open_tips(self, officer: MemberView, limit: int) -> list[Any]:
        when = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
        return [
            TipItem(
                f"NT-2026-00000{n}",
                "Trần Văn Bảo",
                "Tổ thôn Đông",
                {},
                when,
                "received",
                False,
                False,
            )
            for n in (1, 2)
        ]

    def entry_photos(self, *args: Any) -> list[str]:
        return []


def test_later_puts_a_tip_off_and_shows_the_next_until_none_is_left() -> None:
    chat = Chat(TipStore())
    chat.store.members[OFFICER.id] = OFFICER
    assert "NT-2026-000001" in chat.send("/nguontin")
    later = chat.tap("Để sau")
    assert "NT-2026-000002" in later and "NT-2026-000001" not in later
    assert text("tips_none", "vi") in chat.tap("Để sau")
