"""Broadcasts set to go later, as every door sees them: when they may be set, who lists and
cancels them, and the job's release at their time (once; a demoted sender's never goes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from campaign.roles import Role
from services import broadcasts
from services.ports import Audience
from services.refusals import Refused
from tests.services.test_broadcasts import (
    LEADER,
    NOW,
    OFFICER,
    OTHER_OFFICER,
    a_commune_with_members,
)

ADMIN = replace(OFFICER, id=9, full_name="Quản Trị", role=Role.ADMIN)


def test_a_time_must_be_ahead_and_within_90_days() -> None:
    store = a_commune_with_members()
    for send_at, words in (
        (NOW, "has passed"),
        (NOW - timedelta(minutes=1), "has passed"),
        (NOW + timedelta(days=90, minutes=1), "at most 90 days ahead"),
    ):
        with pytest.raises(Refused) as refused:
            broadcasts.schedule(store, OFFICER, "all", "Họp", None, send_at, NOW)
        assert words in refused.value.reason.get("en")
    with pytest.raises(Refused):
        broadcasts.schedule(store, LEADER, "all", "Họp", None, NOW + timedelta(hours=1), NOW)
    assert store.scheduled == [] and store.broadcasts == []
    number = broadcasts.schedule(store, OFFICER, "all", "Họp", None, NOW + timedelta(days=90), NOW)
    assert [b.number for b in store.scheduled] == [number] and store.broadcasts == []
    assert (OFFICER.id, "broadcast.scheduled", str(number)) in store.audited


def test_the_sender_and_an_admin_list_and_cancel_others_do_not() -> None:
    store = a_commune_with_members()
    number = broadcasts.schedule(store, OFFICER, "all", "Họp", None, NOW + timedelta(hours=2), NOW)
    assert [b.number for b in broadcasts.scheduled(store, OFFICER)] == [number]
    assert broadcasts.scheduled(store, OTHER_OFFICER) == []
    assert [b.number for b in broadcasts.scheduled(store, ADMIN)] == [number]
    with pytest.raises(Refused):
        broadcasts.cancel(store, OTHER_OFFICER, number, NOW)
    with pytest.raises(Refused):
        broadcasts.scheduled(store, LEADER)
    broadcasts.cancel(store, ADMIN, number, NOW)
    assert store.scheduled == [] and (ADMIN.id, "broadcast.cancelled", str(number)) in store.audited
    with pytest.raises(Refused) as refused:
        broadcasts.cancel(store, OFFICER, number, NOW)
    assert "already been sent or cancelled" in refused.value.reason.get("en")


def test_the_job_releases_what_is_due_once_and_drops_a_demoted_sender_s() -> None:
    store = a_commune_with_members()
    soon = broadcasts.schedule(store, OFFICER, "all", "Họp", None, NOW + timedelta(hours=1), NOW)
    later = broadcasts.schedule(store, OFFICER, "all", "Mai", None, NOW + timedelta(days=1), NOW)
    assert broadcasts.release_due(store, NOW + timedelta(minutes=59)) == []
    gone = broadcasts.release_due(store, NOW + timedelta(hours=3))
    assert [(b.number, reached.total if reached else None) for b, reached in gone] == [(soon, 5)]
    assert store.broadcasts[0].messages["vi"].text == "📢 Thông báo của Xã Hòa Bình:\nHọp"
    assert broadcasts.release_due(store, NOW + timedelta(hours=3)) == []  # once
    store.scheduled[0] = replace(store.scheduled[0], sender=replace(OFFICER, role=Role.MEMBER))
    assert [(b.number, r) for b, r in broadcasts.release_due(store, NOW + timedelta(days=2))] == [
        (later, None)
    ]
    assert len(store.broadcasts) == 1 and store.scheduled == []


def test_a_sender_moved_to_another_unit_no_longer_speaks_for_the_first() -> None:
    # An officer set an announcement for Xã Hòa Bình, then was moved to another commune: it
    # went to Hòa Bình's people under that commune's name all the same.
    store = a_commune_with_members()
    number = broadcasts.schedule(store, OFFICER, "all", "Họp", None, NOW + timedelta(hours=1), NOW)
    moved = replace(OFFICER, unit_id=OFFICER.unit_id + 100, unit_name="Xã Khác")
    store.scheduled[0] = replace(store.scheduled[0], sender=moved)
    gone = broadcasts.release_due(store, NOW + timedelta(hours=2))
    assert [(b.number, reached) for b, reached in gone] == [(number, None)]
    assert store.broadcasts == [] and store.scheduled == []


def test_one_set_for_a_team_goes_there_in_the_senders_name() -> None:
    store = a_commune_with_members()
    team = 11
    store.units_under[(OFFICER.unit_id, team)] = "Tổ Đông"
    store.audiences[(team, "all")] = Audience({"web": 2}, 0)
    number = broadcasts.schedule(
        store, OFFICER, "all", "Họp tổ", None, NOW + timedelta(hours=1), NOW, team
    )
    [waiting] = broadcasts.scheduled(store, OFFICER)
    assert (waiting.scope_unit_id, waiting.scope_name) == (team, "Tổ Đông")
    [(gone, reached)] = broadcasts.release_due(store, NOW + timedelta(hours=2))
    assert gone.number == number and reached == Audience({"web": 2}, 0)
    assert store.broadcasts[0].messages["vi"].text == "📢 Thông báo của Xã Hòa Bình:\nHọp tổ"
