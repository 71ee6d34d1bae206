"""Logging an entry, over the typed fakes: what is saved, who is told (an urgent tip reaches
the commune officers, credited teammates hear of it) and what /cuatoi counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from campaign.areas import DEFAULT_AREAS, ContentArea
from campaign.catalogs import text
from campaign.localized import Language
from services import entries
from tests.fakes.store import MemoryStore
from tests.services.people import AN, BINH, CUONG, NOW, OFFICER_EN, OFFICER_VI, store_with

TIP, PATROL = DEFAULT_AREAS[0], DEFAULT_AREAS[1]


def tip_answers(urgency: str) -> dict[str, Any]:
    return {
        "category": "drugs",
        "what": "Tụ tập lạ",
        "when": "2026-03-10T08:00:00+07:00",
        "source": "self",
        "urgency": urgency,
    }


def public(language: Language) -> str:
    return f"<answers in {language}>"


def log(
    store: MemoryStore, area: ContentArea, given: dict[str, Any], teammates: tuple[int, ...] = ()
) -> entries.Logged:
    return entries.log_entry(
        store,
        store,
        store,
        AN,
        area,
        entries.Answers(given, given, {}, teammates=teammates),
        delivery_key=f"web:u1:{len(store.entries)}",
        now=NOW,
        public_answers=public,
    )


def test_an_urgent_tip_is_sent_at_once_to_every_commune_officer_in_their_language() -> None:
    store = store_with(AN, OFFICER_VI, OFFICER_EN)
    logged = log(store, TIP, tip_answers("urgent"))
    assert (logged.urgent, logged.officers_told) == (True, 2)
    told = {n.member_id: n.message.text for n in store.notices}
    for officer in (OFFICER_VI, OFFICER_EN):
        assert told[officer.id] == text(
            "urgent_notice",
            officer.language,
            reference=logged.reference,
            member=AN.full_name,
            unit=AN.unit_name,
            details=public(officer.language),
        )
    saved = store.entries[-1]
    assert (saved.urgent, saved.kind, saved.progress) == (True, "drugs", "received")
    assert saved.occurred_at.hour == 8


def test_an_urgent_tip_nobody_can_receive_says_so() -> None:
    store = store_with(AN)
    logged = log(store, TIP, tip_answers("urgent"))
    assert (logged.urgent, logged.officers_told, store.notices) == (True, 0, [])


def test_a_tip_that_is_not_urgent_waits_for_review_without_notices() -> None:
    store = store_with(AN, OFFICER_VI)
    logged = log(store, TIP, tip_answers("normal"))
    assert (logged.urgent, logged.officers_told, store.notices) == (False, 0, [])
    assert store.entries[-1].urgent is False


def test_credited_teammates_are_told_in_their_language_and_the_author_is_not() -> None:
    store = store_with(AN, BINH, CUONG)
    given = {"date": "2026-03-09", "start": "19:00", "end": "22:30", "route": "Đê"}
    logged = log(store, PATROL, given, teammates=(BINH.id, CUONG.id))
    told = {n.member_id: n.message.text for n in store.notices}
    assert set(told) == {BINH.id, CUONG.id}
    assert told[BINH.id] == text(
        "teammate_notice",
        "en",
        member=AN.full_name,
        area="patrol",
        when="09/03/2026 19:00–22:30",
        reference=logged.reference,
    )
    assert "tuần tra" in told[CUONG.id]
    assert store.entries[-1].participant_ids == (BINH.id, CUONG.id)


def test_only_the_team_is_credited_whatever_ids_a_door_sends() -> None:
    # The console will send member ids itself: an officer of the commune, or an unknown id,
    # is not credited with a member's patrol, nor told.
    store = store_with(AN, BINH, OFFICER_VI)
    given = {"date": "2026-03-09", "start": "19:00", "end": "22:30", "route": "Đê"}
    logged = log(store, PATROL, given, teammates=(BINH.id, OFFICER_VI.id, 99))
    assert logged.teammates_told == (BINH.id,)
    assert store.entries[-1].participant_ids == (BINH.id,)
    assert [n.member_id for n in store.notices] == [BINH.id]


def test_my_entries_count_this_months_own_and_credited_ones() -> None:
    store = store_with(AN, BINH)
    log(store, PATROL, {"date": "2026-03-09", "start": "19:00"}, teammates=(BINH.id,))
    log(store, PATROL, {"date": "2026-02-27", "start": "19:00"})  # last month
    entries.log_entry(
        store,
        store,
        store,
        BINH,
        TIP,
        entries.Answers(tip_answers("normal"), tip_answers("normal"), {}),
        delivery_key="web:u2:1",
        now=NOW,
        public_answers=public,
    )
    mine = entries.my_entries(store, BINH, NOW)
    assert [(e.content_area, e.credited) for e in mine.recent] == [
        ("tip", False),
        ("patrol", True),
    ]
    assert mine.month_counts == {"tip": 1, "patrol": 1}
    assert mine.month_start == NOW.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    assert entries.my_entries(store, AN, NOW + timedelta(days=30)).month_counts == {}


def test_no_plan_running_means_no_plan_areas() -> None:
    assert entries.plan_areas(store_with(AN), AN, NOW.date()) == ()
