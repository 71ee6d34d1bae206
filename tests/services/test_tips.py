"""The tips service over the typed fakes: only a commune officer follows tips up, a tip moved on
tells its reporter in their language, a tip changed since it was seen is refused, and every
reveal (or refused try) is audited with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import pytest

from campaign.roles import Role
from services import tips
from services.ports import (
    Audited,
    EntryFilter,
    MemberView,
    TipCaseFilter,
    TipCaseRow,
    TipCaseWork,
    TipItem,
)
from services.refusals import Refused
from services.tips import Informant, TipChanged
from tests.fakes.store import MemoryStore

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
OFFICER = MemberView(1, "Đỗ Văn Công", Role.OFFICER, 5, "Xã Hòa Bình", "vi")
LEADER = MemberView(2, "Tổ Trưởng", Role.LEADER, 10, "Tổ thôn Đông", "vi")
BINH = MemberView(3, "Trần Thị Bình", Role.MEMBER, 10, "Tổ thôn Đông", "en")
AN = MemberView(4, "Nguyễn Văn An", Role.MEMBER, 10, "Tổ thôn Đông", "vi")
REFERENCE = "NT-2026-000001"
WHY = "Cần gặp trực tiếp để xác minh"


def tip(reference: str, author: MemberView, minutes_ago: int = 30) -> TipItem:
    when = NOW - timedelta(minutes=minutes_ago)
    return TipItem(
        reference,
        author.full_name,
        "Tổ thôn Đông",
        {"category": "drugs", "description": "Có người lạ"},
        when,
        "received",
        urgent=False,
        has_informant=True,
        logged_at=when,
    )


def reported(author: MemberView = BINH) -> MemoryStore:
    store = MemoryStore()
    store.members[OFFICER.id] = OFFICER
    store.log_tip(
        author, tip(REFERENCE, author), {"informant_name": "Lê Thị Mật", "informant_contact": "09"}
    )
    return store


OUTCOME = "Đã kiểm tra, bàn giao Công an huyện"


def advance(
    store: MemoryStore, officer: MemberView, progress: str, seen_as: str | None = None
) -> None:
    note = OUTCOME if progress in tips.CLOSED else None
    tips.advance(store, store, officer, REFERENCE, progress, seen_as=seen_as, now=NOW, note=note)


def told(store: MemoryStore) -> list[tuple[int, str]]:
    return [(notice.member_id, notice.message.text or "") for notice in store.notices]


def test_only_an_officer_follows_tips_up() -> None:
    store = reported()
    for who in (LEADER, BINH):
        with pytest.raises(Refused) as refused:
            advance(store, who, "verifying")
        assert refused.value.reason.get("vi") == "Chỉ cán bộ Công an xã theo dõi, xử lý nguồn tin."
        assert tips.open_tips(store, who) == []
    assert store.tips[REFERENCE].progress == "received" and store.notices == []


def test_a_tip_moved_on_tells_its_reporter_in_their_language() -> None:
    store = reported()
    store.log_tip(AN, replace(tip("NT-2026-000002", AN), progress="verifying"))
    advance(store, OFFICER, "verifying")
    tips.advance(
        store, store, OFFICER, "NT-2026-000002", "resolved", seen_as=None, now=NOW, note=OUTCOME
    )

    assert store.tips[REFERENCE].progress == "verifying"
    assert told(store) == [
        (BINH.id, f"🔎 Your tip {REFERENCE}: being verified."),
        (AN.id, "🔎 Nguồn tin NT-2026-000002 của bạn: đã giải quyết."),
    ]
    assert [t.reference for t in tips.open_tips(store, OFFICER)] == [REFERENCE]
    assert (OFFICER.id, "tip.verifying", REFERENCE) in store.audited


def test_closing_a_tip_needs_its_outcome_note() -> None:
    store = reported()
    for note in (None, "", "  ok  "):
        with pytest.raises(Refused) as refused:
            tips.advance(
                store, store, OFFICER, REFERENCE, "resolved", seen_as=None, now=NOW, note=note
            )
        assert refused.value.reason.get("en") == (
            "Closing a tip needs its outcome (at least 5 characters)."
        )
    assert store.tips[REFERENCE].progress == "received" and store.notices == []

    advance(store, OFFICER, "verifying")  # moving on without closing needs none
    advance(store, OFFICER, "unfounded")
    assert store.outcomes == {REFERENCE: OUTCOME}
    assert store.audit_details[-1] == {"from": "verifying", "outcome": OUTCOME}


def test_a_tip_is_moved_on_only_forward() -> None:
    store = reported()
    advance(store, OFFICER, "unfounded")
    with pytest.raises(Refused) as refused:
        advance(store, OFFICER, "verifying")
    assert (
        refused.value.reason.get("en")
        == f"{REFERENCE} was decided by someone else or is no longer pending."
    )
    assert store.tips[REFERENCE].progress == "unfounded" and len(store.notices) == 1


def test_a_tip_changed_since_it_was_seen_is_refused_and_shown_as_it_is_now() -> None:
    store = reported()
    [card] = tips.open_tips(store, OFFICER)
    seen = tips.seen(card)
    store.tips[REFERENCE] = replace(card, photos=(71,))  # the reporter replaced the photo

    with pytest.raises(TipChanged) as changed:
        advance(store, OFFICER, "resolved", seen_as=seen)
    assert changed.value.item.photos == (71,)
    assert changed.value.reason.get("vi") == (
        f"Người ghi vừa sửa mục {REFERENCE} sau khi bạn mở nó. Hãy xem lại rồi quyết định:"
    )
    assert store.tips[REFERENCE].progress == "received" and store.notices == []

    advance(store, OFFICER, "resolved", seen_as=tips.seen(changed.value.item))
    assert store.tips[REFERENCE].progress == "resolved"


def test_a_reveal_is_audited_with_its_reason() -> None:
    store = reported()
    shown = tips.reveal(store, store, OFFICER, REFERENCE, WHY, NOW)
    assert shown == Informant("Lê Thị Mật", "09")
    assert store.audited == [(OFFICER.id, "informant.revealed", REFERENCE)]
    assert store.audit_details == [{"reason": WHY}]


def test_a_reveal_refused_is_audited_too_and_a_short_reason_reveals_nothing() -> None:
    store = reported()
    with pytest.raises(Refused) as refused:
        tips.reveal(store, store, OFFICER, REFERENCE, " xem ", NOW)
    assert refused.value.reason.get("vi") == "Lý do cần ít nhất 5 ký tự."
    assert store.audited == []

    with pytest.raises(Refused) as refused:
        tips.reveal(store, store, LEADER, REFERENCE, "Muốn xem thử", NOW)
    assert refused.value.reason.get("en") == "Only commune police follow up tips."
    assert store.audited == [(LEADER.id, "informant.reveal_refused", REFERENCE)]
    assert store.audit_details == [{"reason": "Muốn xem thử"}]


def test_a_tip_without_an_informant_reveals_nobody() -> None:
    store = MemoryStore()
    store.log_tip(AN, tip(REFERENCE, AN))
    with pytest.raises(Refused):
        tips.reveal(store, store, OFFICER, REFERENCE, WHY, NOW)
    assert store.audited == []


class Cases:
    """Just enough of `TipCaseWork` for the list's pages and its export: `total` tips."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.asked: list[tuple[str, int, int]] = []
        self.lines: list[Audited] = []

    def count_tip_cases(self, viewer: MemberView, wanted: TipCaseFilter) -> int:
        return self.total

    def tip_cases(
        self, viewer: MemberView, wanted: TipCaseFilter, order: str, offset: int, limit: int
    ) -> list[TipCaseRow]:
        self.asked.append((order, offset, limit))
        return []

    def audit(self, line: Audited) -> None:
        self.lines.append(line)


def test_the_case_list_pages_by_fifty_and_keeps_to_its_pages() -> None:
    store = Cases(120)
    found = tips.cases(cast(TipCaseWork, store), OFFICER, TipCaseFilter(), "whatever", 9)
    assert (found.total, found.page, found.pages) == (120, 3, 3)
    found = tips.cases(cast(TipCaseWork, store), OFFICER, TipCaseFilter(), "activity", 0)
    assert found.page == 1
    assert store.asked == [("progress", 100, 50), ("activity", 0, 50)]


def test_an_export_is_audited_and_refused_past_its_limit() -> None:
    wanted = TipCaseFilter(EntryFilter(area="tip", text="ma tuy"), "me")
    store = Cases(3)
    tips.export_cases(cast(TipCaseWork, store), OFFICER, wanted, "reference", "csv", 3, NOW)
    [line] = store.lines
    assert (line.action, line.actor_member_id) == ("export.tips", OFFICER.id)
    assert line.details == {
        "format": "csv",
        "filters": {"area": "tip", "text": "ma tuy", "assigned": "me"},
        "order": "reference",
        "rows": 0,
    }
    with pytest.raises(Refused) as refused:
        tips.export_cases(cast(TipCaseWork, Cases(4)), OFFICER, wanted, "", "xlsx", 3, NOW)
    assert refused.value.reason.get("en") == (
        "4 tips match, more than 3 rows in one export. Narrow the filters."
    )
