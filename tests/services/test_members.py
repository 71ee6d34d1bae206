"""A member's own settings and team, over the typed fakes."""

from __future__ import annotations

import pytest

from campaign.catalogs import text
from services import members
from services.refusals import Refused
from tests.services.people import AN, BINH, CUONG, OFFICER_VI, store_with


def test_the_language_chosen_is_kept_for_the_member() -> None:
    store = store_with(AN)
    assert members.set_language(store, AN, "en") == "en"
    assert store.members[AN.id].language == "en"


def test_a_language_not_offered_is_refused_and_changes_nothing() -> None:
    store = store_with(AN)
    with pytest.raises(Refused) as refused:
        members.set_language(store, AN, "fr")
    assert refused.value.reason.get("en") == text(
        "language_not_offered", "en", code="fr", offered="vi, en"
    )
    assert store.members[AN.id].language == "vi"


def test_the_weekly_nudge_is_turned_off_and_on() -> None:
    store = store_with(AN)
    members.set_nudges(store, AN, False)
    assert store.nudged[AN.id] is False
    members.set_nudges(store, AN, True)
    assert store.nudged[AN.id] is True


def test_the_team_roster_is_the_others_of_the_team() -> None:
    store = store_with(AN, BINH, CUONG, OFFICER_VI)
    assert {m.id for m in members.team_roster(store, AN)} == {BINH.id, CUONG.id}
