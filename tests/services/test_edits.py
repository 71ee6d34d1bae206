"""Correcting an entry (/sua), over the typed fakes: only the author may, sealed answers and
those gating them never change, a decided entry goes back to review, teammates are told."""

from __future__ import annotations

from typing import Any

import pytest

from campaign.areas import DEFAULT_AREAS, FieldKind
from campaign.catalogs import text
from services import edits, entries
from services.ports import EditableEntry, MemberView
from services.refusals import Refused
from tests.fakes.store import MemoryStore
from tests.services.people import AN, BINH, CUONG, NOW, OFFICER_VI, store_with

TIP, PATROL = DEFAULT_AREAS[0], DEFAULT_AREAS[1]
PATROL_ANSWERS = {"date": "2026-03-09", "start": "19:00", "end": "22:30", "route": "Đê"}


def logged(
    store: MemoryStore,
    given: dict[str, Any],
    teammates: tuple[int, ...] = (),
    photos: tuple[int, ...] = (),
    area: Any = PATROL,
) -> EditableEntry:
    reference = entries.log_entry(
        store,
        store,
        store,
        AN,
        area,
        entries.Answers(given, given, {}, photos, teammates),
        delivery_key=f"web:u1:{len(store.entries)}",
        now=NOW,
        public_answers=lambda language: "",
    ).reference
    store.notices.clear()  # what logging told is tested in test_entries
    return edits.entry_to_edit(store, AN, reference)


def test_an_entry_is_edited_by_its_author_only() -> None:
    store = store_with(AN, BINH, CUONG)
    entry = logged(store, PATROL_ANSWERS, teammates=(BINH.id,))
    for other in (BINH, CUONG):  # credited on it; the team's leader
        with pytest.raises(Refused) as refused:
            edits.entry_to_edit(store, other, entry.reference)
        assert refused.value.reason.get("vi") == text(
            "edit_not_yours", "vi", reference=entry.reference
        )
    assert [e.reference for e in edits.entries_to_edit(store, BINH, 8)] == []
    assert [e.reference for e in edits.entries_to_edit(store, AN, 8)] == [entry.reference]


def test_a_verified_entry_changed_goes_back_to_review() -> None:
    store = store_with(AN)
    entry = logged(store, PATROL_ANSWERS)
    store.statuses[entry.reference] = "verified"
    entry = edits.entry_to_edit(store, AN, entry.reference)
    assert edits.goes_back_to_review(entry)
    done = edits.change_answer(store, AN, entry, PATROL, "route", "Bờ sông", NOW)
    assert done.back_to_review
    again = edits.entry_to_edit(store, AN, entry.reference)
    assert (again.status, again.details["route"]) == ("pending", "Bờ sông")
    # Pending already: saved, nothing reopened.
    assert not edits.change_answer(store, AN, again, PATROL, "route", "Đê", NOW).back_to_review


def test_a_new_day_moves_when_the_entry_happened() -> None:
    store = store_with(AN)
    entry = logged(store, PATROL_ANSWERS)
    edits.change_answer(store, AN, entry, PATROL, "date", "2026-03-08", NOW)
    moved = edits.entry_to_edit(store, AN, entry.reference).occurred_at
    assert (moved.day, moved.hour) == (8, 19)


def test_an_informant_and_the_answer_gating_it_cannot_be_changed() -> None:
    store = store_with(AN)
    given = {"category": "drugs", "what": "x", "source": "named", "urgency": "normal"}
    entry = logged(store, given, area=TIP)
    keys = [spec.key for spec in edits.changeable_fields(store, AN, TIP, entry)]
    assert "source" not in keys and "informant_name" not in keys and "what" in keys
    assert edits.answer_field(TIP, "source") is None
    assert edits.answer_field(TIP, "photo") is None  # photos change through change_photos
    with pytest.raises(Refused):
        edits.change_answer(store, AN, entry, TIP, "source", "anonymous", NOW)
    assert edits.entry_to_edit(store, AN, entry.reference).details["source"] == "named"


def test_teammates_are_offered_only_when_there_is_someone_to_pick() -> None:
    alone = store_with(AN)
    entry = logged(alone, PATROL_ANSWERS)
    assert FieldKind.TEAMMATES not in {
        s.kind for s in edits.changeable_fields(alone, AN, PATROL, entry)
    }
    team = store_with(AN, BINH)
    entry = logged(team, PATROL_ANSWERS)
    assert FieldKind.TEAMMATES in {s.kind for s in edits.changeable_fields(team, AN, PATROL, entry)}


def test_teammates_added_and_taken_off_are_told() -> None:
    store = store_with(AN, BINH, CUONG)
    entry = logged(store, PATROL_ANSWERS, teammates=(BINH.id,))
    done = edits.change_teammates(store, store, store, AN, entry, PATROL, {CUONG.id}, NOW)
    assert done.reference == entry.reference
    told = {n.member_id: n.message.text for n in store.notices}
    when = "09/03/2026 19:00–22:30"
    assert told == {
        CUONG.id: text(
            "teammate_notice",
            "vi",
            member=AN.full_name,
            area="tuần tra",
            when=when,
            reference=entry.reference,
        ),
        BINH.id: text(
            "teammate_removed_notice",
            "en",
            member=AN.full_name,
            area="patrol",
            when=when,
            reference=entry.reference,
        ),
    }
    assert store.entries[-1].participant_ids == (CUONG.id,)


def test_a_teammate_who_left_the_team_stays_credited() -> None:
    store = store_with(AN, BINH)
    entry = logged(store, PATROL_ANSWERS, teammates=(BINH.id,))
    store.members[BINH.id] = MemberView(BINH.id, BINH.full_name, BINH.role, 9, "Tổ khác", "en")
    edits.change_teammates(store, store, store, AN, entry, PATROL, set(), NOW)
    assert store.entries[-1].participant_ids == (BINH.id,)
    assert store.notices == []


def attached(store: MemoryStore) -> tuple[int, ...]:
    return store.entries[-1].attachment_ids


def test_photos_are_added_or_replaced() -> None:
    store = store_with(AN)
    entry = logged(store, PATROL_ANSWERS, photos=(7,))
    edits.change_photos(store, AN, entry, [8, 9], False, NOW)
    assert attached(store) == (7, 8, 9)
    edits.change_photos(store, AN, entry, [10], True, NOW)
    assert attached(store) == (10,)
    with pytest.raises(Refused):
        edits.change_photos(store, CUONG, entry, [11], True, NOW)


def test_only_the_team_is_credited_whatever_ids_a_door_sends() -> None:
    # The console will send member ids itself: one outside the team (a commune officer) or
    # unknown is not credited, nor told.
    store = store_with(AN, BINH, OFFICER_VI)
    entry = logged(store, PATROL_ANSWERS)
    edits.change_teammates(
        store, store, store, AN, entry, PATROL, {BINH.id, OFFICER_VI.id, 99}, NOW
    )
    assert store.entries[-1].participant_ids == (BINH.id,)
    assert [n.member_id for n in store.notices] == [BINH.id]
