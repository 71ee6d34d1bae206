"""Review permissions as a table: role x relation of the entry to the reviewer -> allowed?"""

from __future__ import annotations

import pytest

from campaign.review import EntryPlace, Reviewer, may_review
from campaign.roles import Role

PROVINCE, COMMUNE, OTHER_COMMUNE, TEAM, OTHER_TEAM, TEAM_ELSEWHERE = 1, 10, 20, 100, 101, 200
HOME_OF = {
    Role.MEMBER: TEAM,
    Role.DEPUTY: TEAM,
    Role.LEADER: TEAM,
    Role.OFFICER: COMMUNE,
    Role.ADMIN: PROVINCE,
}
PLACES = {
    "own entry": EntryPlace(author_id=7, unit_chain=(TEAM, COMMUNE, PROVINCE), commune_id=COMMUNE),
    "credited on": EntryPlace(
        author_id=8,
        unit_chain=(TEAM, COMMUNE, PROVINCE),
        commune_id=COMMUNE,
        credited=frozenset({7, 9}),
    ),
    "same team": EntryPlace(author_id=8, unit_chain=(TEAM, COMMUNE, PROVINCE), commune_id=COMMUNE),
    "other team, same commune": EntryPlace(
        author_id=8, unit_chain=(OTHER_TEAM, COMMUNE, PROVINCE), commune_id=COMMUNE
    ),
    "other commune": EntryPlace(
        author_id=8, unit_chain=(TEAM_ELSEWHERE, OTHER_COMMUNE, PROVINCE), commune_id=OTHER_COMMUNE
    ),
}
ALLOWED = {
    (Role.MEMBER, "same team"): False,
    (Role.DEPUTY, "same team"): True,
    (Role.LEADER, "same team"): True,
    (Role.LEADER, "other team, same commune"): False,
    (Role.OFFICER, "same team"): True,
    (Role.OFFICER, "other team, same commune"): True,
    (Role.OFFICER, "other commune"): False,
    (Role.ADMIN, "other commune"): True,
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("place", list(PLACES))
def test_review_permissions(role: Role, place: str) -> None:
    reviewer = Reviewer(member_id=7, role=role, unit_id=HOME_OF[role])
    mine = place in ("own entry", "credited on")  # nobody reviews an entry they score by
    expected = ALLOWED.get((role, place), False) if not mine else False
    if (role, place) not in ALLOWED and not mine:
        # Whatever the table leaves out follows from the rules: members never review; leaders
        # and deputies only their team; officers and admins within their unit's subtree.
        expected = {
            Role.MEMBER: False,
            Role.DEPUTY: place == "same team",
            Role.LEADER: place == "same team",
            Role.OFFICER: place != "other commune",
            Role.ADMIN: True,
        }[role]
    assert may_review(reviewer, PLACES[place]) is expected


@pytest.mark.parametrize(
    ("role", "home", "allowed"),
    [
        (Role.OFFICER, COMMUNE, True),
        (Role.OFFICER, OTHER_COMMUNE, False),
        # An officer an old invite put on the tip's own team, or on the province above it.
        (Role.OFFICER, TEAM, False),
        (Role.OFFICER, PROVINCE, False),
        (Role.LEADER, TEAM, False),
        (Role.DEPUTY, TEAM, False),
        (Role.MEMBER, TEAM, False),
        (Role.ADMIN, PROVINCE, False),
        (Role.ADMIN, COMMUNE, False),
    ],
)
def test_only_an_officer_of_the_commune_may_reveal_an_informant(
    role: Role, home: int, allowed: bool
) -> None:
    from campaign.review import may_reveal

    tip = EntryPlace(author_id=8, unit_chain=(TEAM, COMMUNE, PROVINCE), commune_id=COMMUNE)
    assert may_reveal(Reviewer(member_id=7, role=role, unit_id=home), tip) is allowed
    # A tip with no commune above it (a team hung under the province) is nobody's to reveal.
    loose = EntryPlace(author_id=8, unit_chain=(TEAM, PROVINCE))
    assert may_reveal(Reviewer(member_id=7, role=role, unit_id=home), loose) is False


AGENCY, SCHOOL = 30, 40  # an agency and a school under the commune, beside its teams


@pytest.mark.parametrize(
    ("home", "allowed"),
    [(COMMUNE, True), (PROVINCE, False), (AGENCY, False), (SCHOOL, False), (TEAM, False)],
)
def test_only_the_communes_own_officer_reviews_its_teams_entries(home: int, allowed: bool) -> None:
    """Officers may now sit on a province, an agency or a school: none of them reviews a team's
    entries, nor sees who gave a tip; the commune's officer still does both."""
    from campaign.review import may_reveal

    officer = Reviewer(member_id=7, role=Role.OFFICER, unit_id=home)
    entry = EntryPlace(author_id=8, unit_chain=(TEAM, COMMUNE, PROVINCE), commune_id=COMMUNE)
    assert may_review(officer, entry) is allowed
    assert may_reveal(officer, entry) is allowed
