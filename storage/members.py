"""Members as the conversations see them: who is writing, their team, the officers to tell."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from campaign.catalogs import spoken
from campaign.collation import person_key
from campaign.localized import Language
from campaign.review import Reviewer
from campaign.roles import Role
from services.ports import MemberStore, MemberView
from storage import weekly
from storage.schema import identities, members, units
from storage.tree import nearest_of_kind
from storage.unit_of_work import FeatureRepository

MEMBER_COLUMNS = (
    members.c.id,
    members.c.full_name,
    members.c.role,
    members.c.unit_id,
    units.c.name.label("unit_name"),
    members.c.language,
)
_MEMBER_FOR = (
    select(
        *MEMBER_COLUMNS,
        identities.c.chat_id.label("identity_chat_id"),
        identities.c.last_used_at,
        identities.c.unreachable,
    )
    .select_from(identities.join(members).join(units, members.c.unit_id == units.c.id))
    .where(
        identities.c.channel == bindparam("channel"),
        identities.c.external_user_id == bindparam("user_id"),
        members.c.active.is_(True),
    )
)


def member_view(row: Any) -> MemberView:
    return MemberView(
        id=row.id,
        full_name=row.full_name,
        role=Role(row.role),
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        language=as_language(row.language),
    )


def as_language(value: str) -> Language:
    return spoken(value)


def as_reviewer(member: MemberView) -> Reviewer:
    """The member as the review rules see them (campaign.review)."""
    return Reviewer(member_id=member.id, role=member.role, unit_id=member.unit_id)


class MemberRepository(FeatureRepository, MemberStore):
    """Members, their identities on each channel, their own settings (`services.ports.MemberStore`)."""

    def member_for(self, channel: str, user_id: str) -> MemberView | None:
        row = self.db.execute(_MEMBER_FOR, {"channel": channel, "user_id": user_id}).first()
        if row is None:
            return None
        self.work.identity_seen = (row.identity_chat_id, row.last_used_at, row.unreachable)
        return member_view(row)

    def team_roster(self, member: MemberView) -> list[MemberView]:
        rows = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(
                members.c.unit_id == member.unit_id,
                members.c.id != member.id,
                members.c.active.is_(True),
            )
            .order_by(members.c.id)
        ).all()
        # The picker lists the team in Vietnamese order (SQL cannot collate it): by given name.
        return [member_view(row) for row in sorted(rows, key=lambda r: person_key(r.full_name))]

    def commune_officers(self, unit_id: int) -> list[MemberView]:
        commune_id = nearest_of_kind(self.db, unit_id, "commune")
        if commune_id is None:
            return []
        rows = self.db.execute(
            select(*MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(
                members.c.unit_id == commune_id,
                members.c.role == Role.OFFICER.value,
                members.c.active.is_(True),
                select(identities.c.id)
                .where(identities.c.member_id == members.c.id, identities.c.unreachable.is_(False))
                .exists(),
            )
        ).all()
        return [member_view(row) for row in rows]

    def set_language(self, member_id: int, language: Language) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(language=language))

    def set_nudges(self, member_id: int, wanted: bool) -> None:
        weekly.set_nudges(self.db, member_id, wanted)


__all__ = ["MEMBER_COLUMNS", "MemberRepository", "as_language", "as_reviewer", "member_view"]
