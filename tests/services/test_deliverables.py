"""Plan deliverables as every door sees them: who sees which open deadlines, and marking one
submitted, with its photo, once per unit."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from campaign.localized import L
from campaign.roles import Role
from handlers.messages import Photo
from services import deliverables, documents
from services.ports import MemberView, OpenDeliverable
from services.refusals import Refused
from tests.fakes.store import MemoryStore

NOW = datetime(2026, 3, 9, 8, 30)
TEAM = 10
LEADER = MemberView(1, "Tổ Trưởng", Role.LEADER, TEAM, "Tổ Đông", "vi")
DEPUTY = MemberView(2, "Tổ Phó", Role.DEPUTY, TEAM, "Tổ Đông", "vi")
OTHER_LEADER = MemberView(3, "Tổ Trưởng Tây", Role.LEADER, 11, "Tổ Tây", "vi")
MEMBER = MemberView(4, "Tổ Viên", Role.MEMBER, TEAM, "Tổ Đông", "vi")
REPORT = OpenDeliverable(
    "kh-2026", "q1-report", date(2026, 3, 15), L("Báo cáo quý", "Quarter report"), L("BC", "R")
)
PHOTO = Photo(b"\x89PNG\r\n\x1a\n...", "image/png")


def a_team_with_a_deadline() -> MemoryStore:
    store = MemoryStore()
    store.deadlines += [(TEAM, Role.LEADER, REPORT), (TEAM, Role.DEPUTY, REPORT)]
    return store


def test_members_mark_nothing() -> None:
    store = a_team_with_a_deadline()
    for act in (
        lambda: deliverables.open_deliverables(store, MEMBER, NOW.date()),
        lambda: deliverables.mark_submitted(
            store, store, MEMBER, REPORT.key, None, chat=("web", "c"), now=NOW
        ),
    ):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.reason.get("en") == (
            "Submissions are marked by team leaders, deputies or commune police."
        )
    assert store.submitted == {}


def test_a_leader_sees_their_units_open_deadlines_only() -> None:
    store = a_team_with_a_deadline()
    assert deliverables.open_deliverables(store, LEADER, NOW.date()) == [REPORT]
    assert deliverables.open_deliverables(store, OTHER_LEADER, NOW.date()) == []


def test_marking_one_submitted_keeps_its_photo_and_closes_it_for_the_unit() -> None:
    store = a_team_with_a_deadline()
    done = deliverables.mark_submitted(
        store, store, LEADER, REPORT.key, PHOTO, chat=("web", "c"), now=NOW
    )
    assert (done.item, done.recorded) == (REPORT, True)
    photo = store.submitted[(TEAM, REPORT.key)]  # the photo, kept as the report's document
    assert photo is not None and store.document_bytes(LEADER, photo) == PHOTO.data
    assert (LEADER.id, "deliverable.submitted", REPORT.key) in store.audited
    # The deputy of the same team finds it reported: the unit did (it stays listed until its
    # due day, to be withdrawn).
    again = deliverables.mark_submitted(
        store, store, DEPUTY, REPORT.key, None, chat=("web", "d"), now=NOW
    )
    assert not again.recorded
    assert [a for _, a, _ in store.audited].count("deliverable.submitted") == 1


def test_marking_without_a_photo() -> None:
    store = a_team_with_a_deadline()
    deliverables.mark_submitted(store, store, LEADER, REPORT.key, None, chat=("web", "c"), now=NOW)
    assert store.submitted == {(TEAM, REPORT.key): None}


def test_a_deadline_reported_meanwhile_is_said_already_reported() -> None:
    """Another commander's report lands between the list and the mark (two chats at once)."""

    class ReportedMeanwhile(MemoryStore):
        def open_deliverables(self, member: MemberView, day: date) -> list[OpenDeliverable]:
            return [REPORT]  # as it was when the list was read

    store = ReportedMeanwhile()
    store.submitted[(TEAM, REPORT.key)] = None
    done = deliverables.mark_submitted(
        store, store, LEADER, REPORT.key, None, chat=("web", "c"), now=NOW
    )
    assert not done.recorded
    assert store.audited == []


def test_marking_with_a_document_kept_before_it() -> None:
    """The desk keeps the document first (checked by its bytes), then marks the deliverable
    with it; a refused file is never kept, so the deliverable stays open."""
    store = a_team_with_a_deadline()
    with pytest.raises(Refused) as refused:
        documents.keep(
            store,
            store,
            LEADER,
            data=b"MZ\x90\x00 a program",
            name="bao-cao.pdf",
            unit_id=TEAM,
            owner_kind="deliverable",
            owner_id=None,
            now=NOW,
        )
    assert "Only PDF, Word (.docx), Excel (.xlsx)" in refused.value.reason.get("en")
    assert deliverables.open_deliverables(store, LEADER, NOW.date()) == [REPORT]
    kept = documents.keep(
        store,
        store,
        LEADER,
        data=b"%PDF-1.4 report",
        name="bao-cao.pdf",
        unit_id=TEAM,
        owner_kind="deliverable",
        owner_id=None,
        now=NOW,
    )
    done = deliverables.mark_submitted(
        store, store, LEADER, REPORT.key, None, chat=("web", "c"), now=NOW, document_id=kept
    )
    assert done.recorded and store.submitted == {(TEAM, REPORT.key): kept}
    shown, data = documents.open_document(store, store, DEPUTY, kept, NOW)
    assert (shown.original_name, data) == ("bao-cao.pdf", b"%PDF-1.4 report")
    with pytest.raises(Refused):  # another team's leader may not open it
        documents.open_document(store, store, OTHER_LEADER, kept, NOW)
