"""The review service over the typed fakes: who may review, a decision on the entry as it was
seen, its author told in their own language, and "verify all" verifying only what it counted."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from campaign.areas import DEFAULT_AREAS, ContentArea
from campaign.localized import Localized
from campaign.roles import Role
from services import review
from services.ports import MemberView, ReviewItem
from services.refusals import Refused
from services.review import EntryChanged
from tests.fakes.store import MemoryStore

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
TEAM = "Tổ thôn Đông"
LEADER = MemberView(1, "Tổ Trưởng", Role.LEADER, 10, TEAM, "vi")
AN = MemberView(2, "Nguyễn Văn An", Role.MEMBER, 10, TEAM, "vi")
BINH = MemberView(3, "Trần Thị Bình", Role.MEMBER, 10, TEAM, "en")
NO_AREAS: tuple[ContentArea, ...] = ()


def patrol(reference: str, author: MemberView, minutes_ago: int = 60) -> ReviewItem:
    when = NOW - timedelta(minutes=minutes_ago)
    return ReviewItem(
        reference, "patrol", author.full_name, TEAM, {"route": "Đường làng"}, when, when, (), False
    )


def logged(*entries: tuple[str, MemberView]) -> MemoryStore:
    store = MemoryStore()
    store.members[LEADER.id] = LEADER
    for minutes, (reference, author) in enumerate(entries):
        store.log_for_review(author, patrol(reference, author, minutes_ago=100 - minutes))
    return store


def decide(
    store: MemoryStore,
    reviewer: MemberView,
    reference: str,
    verdict: str = review.VERIFIED,
    note: str | None = None,
    seen_as: str | None = None,
) -> None:
    review.decide(
        store, store, reviewer, reference, verdict, note, seen_as=seen_as, areas=NO_AREAS, now=NOW
    )


def told(store: MemoryStore) -> list[tuple[int, str]]:
    return [(notice.member_id, notice.message.text or "") for notice in store.notices]


def said_to(refusal: pytest.ExceptionInfo[Refused], language: str) -> str:
    return refusal.value.reason.get(language)


def test_a_member_is_refused_and_nothing_is_decided() -> None:
    store = logged(("TT-2026-000001", AN))
    with pytest.raises(Refused) as refused:
        decide(store, BINH, "TT-2026-000001")
    assert said_to(refused, "vi") == "Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã duyệt mục."
    with pytest.raises(Refused):
        review.verify_all(store, store, BINH, None, NOW)
    assert store.verdicts == {} and store.notices == []
    assert review.waiting(store, BINH) == 0 and review.queue(store, BINH) == []


def test_a_verified_entry_is_told_to_its_author_in_english() -> None:
    store = logged(("TT-2026-000001", BINH))
    assert review.waiting(store, LEADER) == 1
    decide(store, LEADER, "TT-2026-000001")
    assert store.verdicts == {"TT-2026-000001": ("verified", None)}
    assert told(store) == [(BINH.id, "✅ Your entry TT-2026-000001 (Patrol) was verified.")]
    assert review.waiting(store, LEADER) == 0


def test_a_rejection_tells_its_reason_in_vietnamese_and_needs_one() -> None:
    store = logged(("TT-2026-000001", AN))
    with pytest.raises(Refused) as refused:
        decide(store, LEADER, "TT-2026-000001", review.REJECTED, " ab ")
    assert said_to(refused, "en") == "The reason needs at least 3 characters."
    assert store.verdicts == {} and store.notices == []

    decide(store, LEADER, "TT-2026-000001", review.REJECTED, "Thiếu ảnh")
    assert store.verdicts == {"TT-2026-000001": ("rejected", "Thiếu ảnh")}
    assert told(store) == [
        (
            AN.id,
            "❌ Mục TT-2026-000001 (Tuần tra) không được xác nhận. Lý do: Thiếu ảnh\n"
            "Bổ sung ảnh, người cùng làm hay sửa nội dung rồi gửi duyệt lại: /sua TT-2026-000001",
        )
    ]


def test_the_plan_names_its_own_area_to_the_author() -> None:
    store = logged(("TT-2026-000001", BINH))
    built_in = next(a for a in DEFAULT_AREAS if a.code == "patrol")
    renamed = built_in.model_copy(update={"name": Localized(vi="Tuần tra đêm", en="Night patrol")})
    review.decide(
        store,
        store,
        LEADER,
        "TT-2026-000001",
        "verified",
        None,
        seen_as=None,
        areas=(renamed,),
        now=NOW,
    )
    assert told(store) == [(BINH.id, "✅ Your entry TT-2026-000001 (Night patrol) was verified.")]


def test_an_entry_changed_since_it_was_seen_is_refused_and_shown_as_it_is_now() -> None:
    store = logged(("TT-2026-000001", AN))
    [card] = review.queue(store, LEADER)
    seen = review.seen(card)
    # Its author replaces the photo while the card is open.
    store.for_review["TT-2026-000001"] = replace(card, photos=(55,))

    with pytest.raises(EntryChanged) as changed:
        decide(store, LEADER, "TT-2026-000001", seen_as=seen)
    assert said_to(changed, "en") == (
        "TT-2026-000001 was changed by its author after you opened it. Look again, then decide:"
    )
    assert changed.value.item.photos == (55,)
    with pytest.raises(EntryChanged):
        review.refuse_if_changed(store, LEADER, "TT-2026-000001", seen)
    assert store.verdicts == {} and store.notices == []

    decide(store, LEADER, "TT-2026-000001", seen_as=review.seen(changed.value.item))
    assert store.verdicts == {"TT-2026-000001": ("verified", None)}


def test_an_entry_decided_elsewhere_or_its_reviewers_own_is_gone() -> None:
    store = logged(("TT-2026-000001", AN), ("TT-2026-000002", LEADER))
    deputy = MemberView(4, "Tổ Phó", Role.DEPUTY, 10, TEAM, "vi")
    decide(store, deputy, "TT-2026-000001")
    for reference in ("TT-2026-000001", "TT-2026-000002"):  # decided; the leader's own
        with pytest.raises(Refused) as refused:
            decide(store, LEADER, reference)
        assert said_to(refused, "vi") == (
            f"Mục {reference} đã được người khác duyệt hoặc không còn chờ."
        )
    assert review.find(store, LEADER, "TT-2026-000002") is None
    assert [i.reference for i in review.queue(store, deputy)] == ["TT-2026-000002"]


def test_verify_all_verifies_only_what_was_counted_and_tells_each_author_once() -> None:
    store = logged(("TT-2026-000001", BINH), ("TT-2026-000002", AN), ("TT-2026-000003", BINH))
    counted = review.counted_for_all(store, LEADER)
    assert counted == ["TT-2026-000001", "TT-2026-000002", "TT-2026-000003"]
    # Logged while the confirmation is read: it waits for a look of its own.
    store.log_for_review(AN, patrol("TT-2026-000004", AN, minutes_ago=1))

    assert review.verify_all(store, store, LEADER, counted, NOW) == 3
    assert set(store.verdicts) == set(counted)
    assert [i.reference for i in review.queue(store, LEADER)] == ["TT-2026-000004"]
    assert told(store) == [
        (BINH.id, "✅ 2 of your entries were verified: TT-2026-000001, TT-2026-000003."),
        (AN.id, "✅ 1 mục của bạn đã được xác nhận: TT-2026-000002."),
    ]


def test_the_first_waiting_skips_what_was_put_off() -> None:
    store = logged(("TT-2026-000001", AN), ("TT-2026-000002", BINH))
    first = review.first_waiting(store, LEADER, {"TT-2026-000001"})
    assert first is not None and first.reference == "TT-2026-000002"
    assert review.first_waiting(store, LEADER, {"TT-2026-000001", "TT-2026-000002"}) is None
