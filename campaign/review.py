"""Who may review whose entries. Pure: the caller supplies the units involved."""

from __future__ import annotations

from dataclasses import dataclass

from campaign.roles import Role


@dataclass(frozen=True)
class Reviewer:
    member_id: int
    role: Role
    unit_id: int  # a team for leaders and deputies, a commune for officers


@dataclass(frozen=True)
class EntryPlace:
    author_id: int
    unit_chain: tuple[int, ...]  # the entry's unit (a team) first, then its ancestors
    commune_id: int | None = None  # the nearest unit of kind commune in that chain
    credited: frozenset[int] = frozenset()  # teammates the author named (each scores by it)


TIP_PROGRESS = ("received", "verifying", "resolved", "unfounded")
TIP_NEXT = {
    "received": ("verifying", "resolved", "unfounded"),
    "verifying": ("resolved", "unfounded"),
}


def may_reveal(reviewer: Reviewer, entry: EntryPlace) -> bool:
    """Only a commune police officer whose own unit is the tip's commune sees who gave it:
    never an admin, nor an officer an old invite placed on a team, a province or elsewhere."""
    return (
        reviewer.role is Role.OFFICER
        and entry.commune_id is not None
        and reviewer.unit_id == entry.commune_id
    )


def may_review(reviewer: Reviewer, entry: EntryPlace) -> bool:
    """Team leaders and deputies: their team's entries. Officers: those of the commune their
    own unit is (an officer on a province, an agency or a school reviews nobody's entries).
    Admins: everything under their unit. Nobody reviews an entry they logged or are credited
    on: it is left to the deputy, the leader or the commune officer."""
    if (
        reviewer.member_id == entry.author_id
        or reviewer.member_id in entry.credited
        or not entry.unit_chain
    ):
        return False
    if reviewer.role in (Role.LEADER, Role.DEPUTY):
        return entry.unit_chain[0] == reviewer.unit_id
    if reviewer.role is Role.OFFICER:
        return entry.commune_id is not None and reviewer.unit_id == entry.commune_id
    if reviewer.role is Role.ADMIN:
        return reviewer.unit_id in entry.unit_chain
    return False
