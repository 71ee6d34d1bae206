"""Registration's rules, over the typed fakes: who may try a code and how often, what a wrong
or stale code says, namesakes from a roster, and link codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from campaign.catalogs import text
from campaign.roles import Role
from services import registration
from services.ports import InviteView, MemberView
from services.refusals import Refused
from tests.fakes.store import MemoryStore
from tests.services.people import AN, NOW, TEAM, store_with

CODE = "ABCD2345"


def with_invite(store: MemoryStore, **changes: object) -> InviteView:
    values: dict[str, object] = {
        "code": CODE,
        "unit_id": TEAM,
        "unit_name": "Tổ thôn Đông",
        "role": Role.MEMBER,
        "expires_at": NOW + timedelta(days=7),
        "used": False,
        "full_name": None,
    }
    invite = InviteView(**(values | changes))  # type: ignore[arg-type]
    store.invites[invite.code] = invite
    return invite


def refusal(call: Callable[[], object]) -> Refused:
    with pytest.raises(Refused) as refused:
        call()
    return refused.value


def test_a_typed_code_is_read_with_dashes_and_lower_case() -> None:
    store = MemoryStore()
    with_invite(store)
    guessers = registration.guessers("web", "c1", None)
    assert registration.try_invite_code(store, "abcd-2345", guessers, NOW).code == CODE


@pytest.mark.parametrize(
    "invite", [{"used": True}, {"expires_at": NOW}, {"code": "WXYZ2345"}], ids=str
)
def test_used_expired_and_unknown_codes_say_the_same(invite: dict[str, object]) -> None:
    """Which one it was would tell a guesser that a code exists."""
    store = MemoryStore()
    with_invite(store, **invite)
    reason = refusal(lambda: registration.usable_invite(store, "ABCD2345", NOW)).reason
    assert reason.get("vi") == text("invite_unknown", "vi", code=CODE)
    assert reason.get("en") == text("invite_unknown", "en", code=CODE)


def test_a_misplaced_code_names_the_role_in_the_readers_language() -> None:
    store = MemoryStore()
    with_invite(store, role=Role.OFFICER, misplaced=True)
    reason = refusal(lambda: registration.usable_invite(store, CODE, NOW)).reason
    assert Role.OFFICER.label("vi") in reason.get("vi")
    assert Role.OFFICER.label("en") in reason.get("en")
    assert Role.OFFICER.label("vi") not in reason.get("en")


def test_wrong_codes_are_counted_until_the_chat_has_to_wait() -> None:
    store = MemoryStore()
    with_invite(store)
    guessers = registration.guessers("telegram", "42", None)
    for _ in range(4):  # free tries: refused, no wait yet
        reason = refusal(lambda: registration.try_invite_code(store, "WXYZ2345", guessers, NOW))
        assert "\n" not in reason.reason.get("vi")
    fifth = refusal(lambda: registration.try_invite_code(store, "WXYZ2345", guessers, NOW))
    assert fifth.reason.get("en") == "\n".join(
        [text("invite_unknown", "en", code="WXYZ2345"), text("invite_wait", "en", minutes=1)]
    )
    # Even the right code waits now, and nothing more is counted while it waits.
    waiting = refusal(lambda: registration.try_invite_code(store, CODE, guessers, NOW))
    assert waiting.reason.get("vi") == text("invite_wait", "vi", minutes=1)
    later = NOW + timedelta(minutes=1, seconds=1)
    assert registration.try_invite_code(store, CODE, guessers, later).code == CODE
    # Another chat was never counted.
    other = registration.guessers("telegram", "43", None)
    assert registration.try_invite_code(store, CODE, other, NOW).code == CODE


def test_a_client_address_is_counted_across_its_chats() -> None:
    store = MemoryStore()
    with_invite(store)
    for chat in range(20):  # a new web chat per try: the address still counts them
        guessers = registration.guessers("web", f"c{chat}", "2001:db8::1")
        with pytest.raises(Refused):
            registration.try_invite_code(store, "WXYZ2345", guessers, NOW)
    neighbour = registration.guessers("web", "fresh", "2001:db8::ffff")  # same /64
    waiting = refusal(lambda: registration.try_invite_code(store, CODE, neighbour, NOW))
    assert waiting.reason.get("vi").startswith(text("invite_wait", "vi", minutes=1)[:20])


def test_an_open_code_binds_a_new_member_with_the_typed_name() -> None:
    store = MemoryStore()
    with_invite(store)
    done = registration.register(
        store,
        CODE,
        full_name="Trần Văn Bảo",
        namesake_id=None,
        channel="zalo",
        user_id="z1",
        chat_id="z1",
        language="en",
        now=NOW,
    )
    assert (done.member.full_name, done.member.role, done.linked) == (
        "Trần Văn Bảo",
        Role.MEMBER,
        False,
    )
    assert store.member_for("zalo", "z1") == done.member
    # The code is spent: the next person is refused as for any wrong code.
    with pytest.raises(Refused):
        registration.usable_invite(store, CODE, NOW)


def rostered() -> tuple[MemoryStore, MemberView]:
    """A roster import left Nguyễn Văn An in the team, not yet registered."""
    store = MemoryStore()
    store.members[AN.id] = AN
    with_invite(store)
    return store, AN


def test_a_namesake_on_the_roster_is_found_marks_and_case_aside() -> None:
    store, person = rostered()
    assert registration.namesakes(store, CODE, "nguyen van  AN") == [person]
    assert registration.namesakes(store, CODE, "Nguyễn Văn Anh") == []
    # A code made for a rostered person names them already: nobody to ask about.
    with_invite(store, code="EFGH2345", full_name="Nguyễn Văn An")
    assert registration.namesakes(store, "EFGH2345", "Nguyễn Văn An") == []


def test_saying_you_are_the_namesake_binds_that_person_once() -> None:
    store, person = rostered()
    first = registration.register(
        store,
        CODE,
        full_name="Nguyễn Văn An",
        namesake_id=person.id,
        channel="web",
        user_id="w1",
        chat_id="w1",
        language="vi",
        now=NOW,
    )
    assert first.member.id == person.id
    with_invite(store, code="EFGH2345")
    second = refusal(
        lambda: registration.register(
            store,
            "EFGH2345",
            full_name="Nguyễn Văn An",
            namesake_id=person.id,
            channel="web",
            user_id="w2",
            chat_id="w2",
            language="vi",
            now=NOW,
        )
    )
    assert second.reason.get("vi") == text("namesake_gone", "vi")
    assert store.member_for("web", "w2") is None


def test_a_code_that_expired_during_the_questions_is_refused_at_the_end() -> None:
    store = MemoryStore()
    with_invite(store)
    late = NOW + timedelta(days=8)
    reason = refusal(
        lambda: registration.register(
            store,
            CODE,
            full_name="Trần Văn Bảo",
            namesake_id=None,
            channel="web",
            user_id="w1",
            chat_id="w1",
            language="vi",
            now=late,
        )
    ).reason
    assert reason.get("vi") == text("invite_unknown", "vi", code=CODE)
    assert store.member_for("web", "w1") is None


def test_a_link_code_is_refused_to_a_member_whose_role_misfits_their_unit() -> None:
    store = store_with(AN)
    assert registration.link_code(store, AN, NOW) == "LINK2345"
    store.misplaced.add(AN.id)
    reason = refusal(lambda: registration.link_code(store, AN, NOW)).reason
    assert reason.get("en") == text("link_refused", "en")
