"""Broadcasts as every door sees them: who may send to which audience, what recipients read,
starting, the tally and stopping."""

from __future__ import annotations

from datetime import datetime

import pytest

from campaign.roles import Role
from services import broadcasts
from services.ports import Audience, MemberView
from services.refusals import Refused
from tests.fakes.store import MemoryStore

NOW = datetime(2026, 3, 9, 8, 30)
COMMUNE = 5
OFFICER = MemberView(1, "Cán Bộ", Role.OFFICER, COMMUNE, "Xã Hòa Bình", "vi")
OTHER_OFFICER = MemberView(2, "Cán Bộ Khác", Role.OFFICER, COMMUNE, "Xã Hòa Bình", "vi")
LEADER = MemberView(3, "Tổ Trưởng", Role.LEADER, 10, "Tổ Đông", "vi")


def a_commune_with_members() -> MemoryStore:
    store = MemoryStore()
    store.audiences[(COMMUNE, "all")] = Audience({"telegram": 3, "zalo": 2}, 1)
    store.audiences[(COMMUNE, "leader")] = Audience({}, 2)
    return store


def test_only_commune_police_and_admins_broadcast() -> None:
    store = a_commune_with_members()
    for act in (
        lambda: broadcasts.running(store, LEADER),
        lambda: broadcasts.reach(store, LEADER, "all"),
        lambda: broadcasts.start(store, LEADER, "all", "Họp lúc 19 giờ", None, NOW),
        lambda: broadcasts.stop(store, LEADER, 1, NOW),
    ):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.reason.get("en") == (
            "Only commune police and admins can send announcements."
        )
    assert store.broadcasts == []


def test_an_audience_nobody_can_be_reached_in_is_refused() -> None:
    store = a_commune_with_members()
    assert broadcasts.reach(store, OFFICER, "leader").unreached == 2
    for audience in ("leader", "everyone"):  # nobody reachable; not an audience at all
        with pytest.raises(Refused) as refused:
            broadcasts.choose_audience(store, OFFICER, audience)
        assert refused.value.reason.get("en").startswith("Nobody in this group can be reached")
    assert broadcasts.choose_audience(store, OFFICER, "all").total == 5


def test_each_recipient_reads_it_in_their_language_with_the_units_header() -> None:
    store = a_commune_with_members()
    started = broadcasts.start(store, OFFICER, "all", "Họp lúc 19 giờ", "tok", NOW)
    assert started.reached.total == 5
    queued = store.broadcasts[0]
    assert queued.messages["vi"].text == "📢 Thông báo của Xã Hòa Bình:\nHọp lúc 19 giờ"
    assert queued.messages["en"].text == "📢 Announcement from Xã Hòa Bình:\nHọp lúc 19 giờ"
    assert queued.messages["en"].image_url == "/files/tok"
    assert store.audited == [(OFFICER.id, "broadcast.sent", str(started.number))]


def test_a_text_too_long_for_one_message_is_refused() -> None:
    store = a_commune_with_members()
    limit = broadcasts.text_limit(OFFICER)
    with pytest.raises(Refused) as refused:
        broadcasts.start(store, OFFICER, "all", "x" * (limit + 1), None, NOW)
    assert refused.value.reason.get("en") == (
        f"The answer is {limit + 1} characters long; the limit is {limit}. Please shorten it."
    )
    with pytest.raises(Refused):
        broadcasts.start(store, OFFICER, "all", "  ", None, NOW)
    assert store.broadcasts == []
    broadcasts.start(store, OFFICER, "all", "x" * limit, None, NOW)
    assert len(store.broadcasts) == 1


def test_the_sender_follows_and_stops_their_own_broadcast() -> None:
    store = a_commune_with_members()
    number = broadcasts.start(store, OFFICER, "all", "Họp", None, NOW).number
    store.broadcasts[0].sent, store.broadcasts[0].left = 2, 3
    (tally,) = broadcasts.running(store, OFFICER)
    assert (tally.broadcast_id, tally.sent, tally.left, tally.total) == (number, 2, 3, 5)
    assert broadcasts.running(store, OTHER_OFFICER) == []
    with pytest.raises(Refused) as refused:  # not theirs to stop
        broadcasts.stop(store, OTHER_OFFICER, number, NOW)
    assert refused.value.reason.get("en") == (
        f"Announcement #{number} had already finished or been stopped."
    )
    stopped = broadcasts.stop(store, OFFICER, number, NOW)
    assert (stopped.sent, stopped.not_sent) == (2, 3)
    assert broadcasts.running(store, OFFICER) == []
    with pytest.raises(Refused):  # stopped already
        broadcasts.stop(store, OFFICER, number, NOW)


TEAM = 11


def test_a_broadcast_goes_to_a_unit_inside_the_senders_and_no_other() -> None:
    store = a_commune_with_members()
    store.units_under[(COMMUNE, TEAM)] = "Tổ Đông"
    store.audiences[(TEAM, "member")] = Audience({"web": 2}, 1)
    assert broadcasts.reach(store, OFFICER, "member", TEAM) == Audience({"web": 2}, 1)
    assert broadcasts.unit_name(store, OFFICER, TEAM) == "Tổ Đông"
    started = broadcasts.start(store, OFFICER, "member", "Họp tổ", None, NOW, TEAM)
    assert started.reached.total == 2
    # In the sender's name: the commune speaks to one of its teams.
    assert store.broadcasts[0].messages["vi"].text == "📢 Thông báo của Xã Hòa Bình:\nHọp tổ"
    for act in (
        lambda: broadcasts.reach(store, OFFICER, "all", 99),
        lambda: broadcasts.start(store, OFFICER, "all", "Họp", None, NOW, 99),
        lambda: broadcasts.schedule(
            store, OFFICER, "all", "Họp", None, NOW.replace(hour=20), NOW, 99
        ),
    ):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.reason.get("en") == (
            "You can only send announcements to your own unit or a unit under it."
        )
    assert len(store.broadcasts) == 1 and store.scheduled == []


def test_an_admin_stops_a_broadcast_under_their_unit_whoever_sent_it() -> None:
    store = a_commune_with_members()
    number = broadcasts.start(store, OFFICER, "all", "Họp", None, NOW).number
    store.broadcasts[0].sent, store.broadcasts[0].left = 1, 4
    admin = MemberView(9, "Quản Trị", Role.ADMIN, COMMUNE, "Xã Hòa Bình", "vi")
    demoted = MemberView(OFFICER.id, OFFICER.full_name, Role.MEMBER, 10, "Tổ Đông", "vi")
    with pytest.raises(Refused):  # demoted: no longer a sender, not even of their own
        broadcasts.stop(store, demoted, number, NOW)
    stopped = broadcasts.stop(store, admin, number, NOW)
    assert (stopped.sent, stopped.not_sent) == (1, 4)
    assert store.audited[-1] == (admin.id, "broadcast.stopped", str(number))
