"""Which units' entries a commander sees: the one rule the review queue, the console's tables,
its map and its exports share (a leader or deputy their team, a commune's own officer the
commune, an admin their unit's subtree; officers on agencies, schools or the province none)."""

from __future__ import annotations

from sqlalchemy import Connection

from campaign.review import Reviewer
from campaign.roles import COMMUNE, Role
from storage.tree import nearest_of_kind, subtree


def entry_scope(conn: Connection, reviewer: Reviewer) -> list[int]:
    if reviewer.role in (Role.LEADER, Role.DEPUTY):
        return [reviewer.unit_id]
    if reviewer.role is Role.OFFICER:
        # Only the commune's own officer (campaign.review.may_review).
        mine = nearest_of_kind(conn, reviewer.unit_id, COMMUNE) == reviewer.unit_id
        return subtree(conn, reviewer.unit_id) if mine else []
    if reviewer.role is Role.ADMIN:
        return subtree(conn, reviewer.unit_id)
    return []
