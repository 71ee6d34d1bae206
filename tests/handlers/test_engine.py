"""The conversation engine and the flows, without a database: the typed in-memory fakes of the
ports (tests/fakes/store.py) stand in."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from campaign.roles import Role
from handlers.front_desk import FrontDesk
from handlers.messages import Incoming, Outgoing
from handlers.turn import process
from services.ports import InviteView
from tests.fakes.store import SEALER, MemoryStore, every_port_faked

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class Chat:
    def __init__(self, store: MemoryStore, user: str = "u1") -> None:
        self.store, self.user, self.front_desk = store, user, FrontDesk()
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
        self.replies: list[Outgoing] = []
        self.keys = itertools.count()

    def send(
        self, text: str | None = None, choice: str | None = None, key: str | None = None
    ) -> str:
        incoming = Incoming(
            "test", self.user, self.user, key or f"k{next(self.keys)}", text=text, choice=choice
        )
        self.replies = process(
            self.store,
            self.front_desk,
            incoming,
            now=self.now,
            default_language="vi",
            flow_timeout=timedelta(minutes=30),
        )
        return self.seen

    def tap(self, label: str) -> str:
        for message in reversed(self.replies):
            for choice in message.choices:
                if label in choice.label:
                    return self.send(choice=choice.id)
        raise AssertionError(f"no {label!r} in {self.seen}")

    @property
    def seen(self) -> str:
        return "\n".join(m.text + "".join(f" [{c.label}]" for c in m.choices) for m in self.replies)


def store_with_invite(full_name: str | None = None) -> MemoryStore:
    store = MemoryStore()
    far = datetime(2030, 1, 1, tzinfo=ZONE)
    store.invites["ABCD2345"] = InviteView(
        "ABCD2345", 1, "Tổ thôn Đông", Role.MEMBER, far, False, full_name
    )
    store.invites["PQRS2345"] = InviteView(
        "PQRS2345", 1, "Xã Hòa Bình", Role.OFFICER, far, False, "Cán Bộ"
    )
    return store


def registered() -> tuple[MemoryStore, Chat]:
    store = store_with_invite("Trần Văn Bảo")
    chat = Chat(store)
    chat.send("/start ABCD2345")
    chat.tap("Đồng ý")
    return store, chat


def test_registration_with_a_roster_invite_skips_the_name() -> None:
    store = store_with_invite("Trần Văn Bảo")
    chat = Chat(store)
    assert "Tổ viên — Tổ thôn Đông" in chat.send("/start abcd-2345")
    assert "Họ và tên" not in chat.seen and "[Đồng ý]" in chat.seen
    assert "Đăng ký thành công! Trần Văn Bảo" in chat.tap("Đồng ý")
    assert "[🚨 Báo nguồn tin]" in chat.seen


def test_unregistered_people_reach_only_registration_and_help() -> None:
    chat = Chat(store_with_invite())
    assert "chưa đăng ký" in chat.send("/tuantra")
    assert "/baotin" in chat.send("/help")
    assert "không đúng" in chat.send("/start NOPE")


def test_choices_by_typed_number_or_label_without_marks() -> None:
    store, chat = registered()
    chat.send("bao nguon tin")  # the menu label, typed without diacritics
    assert "Tin báo thuộc loại nào" in chat.seen
    chat.send("3")
    assert store.chats[("test", "u1")].data["answers"]["category"] == "drugs"


def test_named_informant_is_sealed_and_urgent_tip_notifies_officers() -> None:
    store, chat = registered()
    officer = Chat(store, "officer")
    officer.send("/start PQRS2345")
    officer.tap("Đồng ý")
    chat.send("/baotin")
    chat.tap("Trộm cắp")
    chat.send("Mất trộm xe máy")
    chat.send("Ngõ 4")
    chat.tap("Bây giờ")
    chat.tap("có tên")
    assert "mã hóa" in chat.seen
    chat.send("Phạm Thị Nhân")
    # Sealed from the moment it is accepted: the chat state never holds it in clear.
    assert "Phạm Thị Nhân" not in json.dumps(store.chats[("test", "u1")].data, ensure_ascii=False)
    chat.tap("Bỏ qua")  # the contact is optional
    chat.tap("Khẩn cấp")
    chat.tap("Bỏ qua")
    summary = chat.seen
    assert "Phạm Thị Nhân" not in summary and "được bảo mật" in summary
    chat.tap("Lưu")
    entry = store.entries[0]
    assert {k: SEALER.open_text(v) for k, v in entry.sealed.items()} == {
        "informant_name": "Phạm Thị Nhân"
    }
    assert "informant_name" not in entry.details and entry.urgent
    assert [n.member_id for n in store.notices] == [store.identities[("test", "officer")]]
    assert "Phạm Thị Nhân" not in store.notices[0].message.text


def test_back_goes_to_the_previous_question_and_forgets_its_answer() -> None:
    store, chat = registered()
    chat.send("/viectot")
    chat.send("Dọn rác")
    assert "Giúp ai" in chat.seen
    assert "Bạn đã làm việc tốt gì" in chat.send("/quaylai")
    assert "what" not in store.chats[("test", "u1")].data["answers"]
    assert "Đây là bước đầu tiên" in chat.send("/quaylai")


def good_deed_to_summary(chat: Chat) -> str:
    chat.send("/viectot")
    for answer in ("Dọn rác", "Xóm 2", "hôm nay"):
        chat.send(answer)
    return chat.tap("Bỏ qua")  # no photo


def test_confirm_change_and_cancel_save_nothing() -> None:
    store, chat = registered()
    assert "Kiểm tra lại trước khi lưu" in good_deed_to_summary(chat)
    assert "Gửi một ảnh" in chat.tap("Sửa bước trước")  # back to the last question
    chat.send("/huy")
    assert "Đã hủy" in chat.seen and store.entries == []


def test_redelivery_returns_the_same_answer_and_saves_once() -> None:
    store, chat = registered()
    good_deed_to_summary(chat)
    save = next(c.id for m in chat.replies for c in m.choices if "Lưu" in c.label)
    first = chat.send(choice=save, key="same")
    again = chat.send(choice=save, key="same")
    assert first == again and len(store.entries) == 1


def test_idle_flow_expires() -> None:
    store, chat = registered()
    chat.send("/viectot")
    chat.now += timedelta(minutes=31)
    assert "30 phút" in chat.send("Dọn rác")
    assert store.chats[("test", "u1")].flow is None


def test_english() -> None:
    _, chat = registered()
    assert "Switched to English" in chat.send("/lang en")
    assert "What good deed" in chat.send("/gooddeed")
    assert "/lang vi" in chat.send("/lang xx")


def test_patrol_times_are_checked_together() -> None:
    _, chat = registered()
    chat.send("/tuantra")
    chat.send("hôm nay")
    chat.send("7:00")
    assert "quá 12 giờ" in chat.send("20:00")
    assert "tương lai" in chat.send("11:00")  # the clock reads 10:00
    assert "Khu vực hoặc tuyến" in chat.send("9:30")
    chat.send("/huy")
    chat.send("/tuantra")
    chat.send("hôm qua")
    chat.send("22:00")
    assert "Khu vực hoặc tuyến" in chat.send("2:00")  # a night patrol ends the next day


def test_odd_digits_and_invisible_characters_are_refused_not_crashing() -> None:
    store, chat = registered()
    assert "Chọn một mục" in chat.send("²")  # at the menu: not a number, and no crash
    chat.send("/baotin")
    assert "Không có lựa chọn" in chat.send("³")
    chat.tap("Ma túy")
    assert "trống" in chat.send("\u200b\u202e")  # nothing visible is nothing
    chat.send("Có\u200b người\u202e lạ")
    assert store.chats[("test", "u1")].data["answers"]["what"] == "Có người lạ"


def test_numbers_as_vietnamese_write_them() -> None:
    store, chat = registered()
    chat.send("/menu")
    chat.tap("Nội dung khác")
    chat.tap("Thu thập thông tin dân cư")
    assert "số nguyên" in chat.send("1,5")  # a fraction, not fifteen
    chat.send("1.500")
    assert store.chats[("test", "u1")].data["answers"]["households"] == 1500


def test_times_are_read_or_refused_with_the_right_reason() -> None:
    _, chat = registered()
    chat.send("/baotin")
    chat.tap("Ma túy")
    chat.send("Tụ tập")
    chat.send("Xóm 3")
    assert "Không hiểu giờ" in chat.send("hôm nay 25h")
    assert "Không hiểu giờ" in chat.send("3")  # a bare number is not a time of day
    assert "Nguồn tin từ đâu" in chat.send("hôm nay 7g30")


def test_patrol_equal_times_and_teammates_by_name() -> None:
    store = store_with_invite("Trần Văn Bảo")
    far = datetime(2030, 1, 1, tzinfo=ZONE)
    store.invites["BCDE2345"] = InviteView(
        "BCDE2345", 1, "Tổ thôn Đông", Role.MEMBER, far, False, "Lê Thị Cúc"
    )
    mate = Chat(store, "mate")
    mate.send("/start BCDE2345")
    mate.tap("Đồng ý")
    chat = Chat(store)
    chat.send("/start ABCD2345")
    chat.tap("Đồng ý")
    chat.send("/tuantra")
    chat.send("hôm nay")
    chat.send("7:00")
    assert "trùng giờ bắt đầu" in chat.send("7h")
    chat.send("8:00")
    chat.send("Xóm 1")
    assert "không tìm thấy" in chat.send("Người Lạ").lower()
    assert "Ghi chú" in chat.send("cúc")  # a unique part of a name, without marks
    assert store.chats[("test", "u1")].data["answers"]["teammates"] == [
        store.identities[("test", "mate")]
    ]


def test_commands_typed_with_marks_or_a_space() -> None:
    _, chat = registered()
    chat.send("/viectot")
    assert "Đã hủy" in chat.send("/hủy")
    chat.send("/viectot")
    chat.send("Dọn rác")
    assert "Bạn đã làm việc tốt gì" in chat.send("/quay lại")


def test_leaving_a_half_filled_entry_says_so() -> None:
    _, chat = registered()
    chat.send("/viectot")
    assert "ghi dở" not in chat.send("/menu")  # nothing answered yet: nothing to lose
    chat.send("/viectot")
    chat.send("Dọn rác")
    assert "ghi dở đã được hủy" in chat.send("/baotin")
    assert "Tin báo thuộc loại nào" in chat.seen


def test_a_late_answer_after_expiry_is_not_taken_as_a_menu_choice() -> None:
    store, chat = registered()
    chat.send("/viectot")
    chat.now += timedelta(minutes=45)
    reply = chat.send("1")
    assert "30 phút" in reply and "Tin báo thuộc loại nào" not in reply
    assert store.chats[("test", "u1")].flow is None


def test_teammates_typed_as_a_list_with_spaces() -> None:
    from handlers.steps import TeammatesStep

    roster = {10: "Lê Văn Cường", 11: "Nguyễn Văn An", 12: "Trần Thị Bình"}
    assert TeammatesStep._typed_members(roster, "2") == [(2, 11)]
    assert TeammatesStep._typed_members(roster, "binh") == [(3, 12)]
    assert TeammatesStep._typed_members(roster, "van") == [(1, 10), (2, 11)]  # ambiguous


def test_every_port_has_a_typed_fake() -> None:
    """mypy --strict checks the fakes against the ports; this makes sure they also build."""
    assert len(every_port_faked()) == 18
