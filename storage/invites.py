"""Invite codes' storage: redeemed at registration (with link codes, rostered namesakes
claimed, wrong codes counted in storage/guesses.py), and issued by an administrator for a unit
or a rostered person (`IssueRepository`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, select, update

from campaign.codes import new_invite_code
from campaign.localized import Language
from campaign.normalize import fold
from campaign.roles import Role, fits
from services.ports import (
    Audited,
    InviteStore,
    InviteView,
    IssuedInvite,
    IssueStore,
    MemberView,
    NewInvite,
    Redemption,
    RosteredMember,
)
from storage import guesses as guess_rows
from storage.members import MEMBER_COLUMNS, MemberRepository, member_view
from storage.schema import identities, invites, members, units
from storage.unit_kinds import kinds_of
from storage.unit_of_work import FeatureRepository

LINK_CODE_LIFETIME = timedelta(minutes=15)
_FIND_INVITE = (
    select(
        invites.c.code,
        invites.c.unit_id,
        units.c.name.label("unit_name"),
        invites.c.role,
        invites.c.expires_at,
        invites.c.used_at,
        units.c.kind.label("unit_kind"),
        members.c.full_name,
        members.c.joined_at,
    )
    .select_from(
        invites.join(units, invites.c.unit_id == units.c.id).outerjoin(
            members, invites.c.member_id == members.c.id
        )
    )
    .where(invites.c.code == bindparam("code"))
)
_INVITE_ROW = (
    select(invites, units.c.kind.label("unit_kind"))
    .select_from(invites.join(units, invites.c.unit_id == units.c.id))
    .where(invites.c.code == bindparam("code"))
)
_CLAIM_INVITE = (
    update(invites)
    .where(
        invites.c.id == bindparam("invite_id"),
        invites.c.used_at.is_(None),
        invites.c.expires_at > bindparam("now", type_=invites.c.expires_at.type),
    )
    .values(used_at=bindparam("used_at", type_=invites.c.used_at.type))
)
_NEW_MEMBER = insert(members).returning(members.c.id)
_UNREGISTERED = (
    select(*MEMBER_COLUMNS)
    .select_from(members.join(units, members.c.unit_id == units.c.id))
    .where(
        members.c.unit_id == bindparam("unit_id"),
        members.c.role == bindparam("role"),
        members.c.active.is_(True),
        members.c.joined_at.is_(None),
    )
    .order_by(members.c.id)
)
_REJOIN_MEMBER = (
    update(members)
    .where(members.c.id == bindparam("member_id"))
    .values(
        joined_at=func.coalesce(
            members.c.joined_at, bindparam("now", type_=members.c.joined_at.type)
        ),
        language=bindparam("language"),
        active=True,
    )
)
_INVITE_USED_BY = (
    update(invites)
    .where(invites.c.id == bindparam("invite_id"))
    .values(used_by=bindparam("used_by"))
)
_DROP_IDENTITY = identities.delete().where(
    identities.c.channel == bindparam("channel"),
    identities.c.external_user_id == bindparam("user_id"),
)
_NEW_IDENTITY = insert(identities)


class InviteRepository(FeatureRepository, InviteStore):
    """Invites, link codes and wrong-code limits (`services.ports.InviteStore`)."""

    def find_invite(self, code: str) -> InviteView | None:
        # Registration's steps ask for the invite several times a turn: read it once (this
        # repository lives for one transaction; writing an invite forgets what was read).
        if code in self.work.invites_read:
            return self.work.invites_read[code]
        row = self.db.execute(_FIND_INVITE, {"code": code}).first()
        found = None if row is None else self._invite_view(row)
        self.work.invites_read[code] = found
        return found

    def _invite_view(self, row: Any) -> InviteView:
        return InviteView(
            code=row.code,
            unit_id=row.unit_id,
            unit_name=row.unit_name,
            role=Role(row.role),
            expires_at=row.expires_at,
            used=row.used_at is not None,
            full_name=row.full_name,
            links_member=row.joined_at is not None,
            misplaced=not fits(Role(row.role), row.unit_kind, kinds_of(self.db)),
        )

    def redeem_invite(self, claim: Redemption) -> MemberView | None:
        self.work.invites_read.clear()
        invite = self.db.execute(_INVITE_ROW, {"code": claim.code}).first()
        if invite is None or not fits(Role(invite.role), invite.unit_kind, kinds_of(self.db)):
            return None  # an invite made before roles had to fit their unit binds nobody
        # Claim the invite first: a second claimant finds nothing to update.
        claimed = self.db.execute(
            _CLAIM_INVITE, {"invite_id": invite.id, "now": claim.now, "used_at": claim.now}
        )
        if claimed.rowcount != 1:
            return None
        member_id = invite.member_id
        if member_id is None and claim.as_member is not None:
            if not self._claim_namesake(invite, claim.as_member, claim.language, claim.now):
                # Someone registered as that person meanwhile: the code stays usable.
                self.db.execute(
                    update(invites).where(invites.c.id == invite.id).values(used_at=None)
                )
                return None
            member_id = claim.as_member
        elif member_id is None:
            member_id = self.db.execute(
                _NEW_MEMBER,
                {
                    "full_name": claim.full_name,
                    "unit_id": invite.unit_id,
                    "role": invite.role,
                    "active": True,
                    "language": claim.language,
                    "joined_at": claim.now,
                    "created_at": claim.now,
                },
            ).scalar_one()
        else:
            self.db.execute(
                _REJOIN_MEMBER,
                {"member_id": member_id, "now": claim.now, "language": claim.language},
            )
        self.db.execute(_INVITE_USED_BY, {"invite_id": invite.id, "used_by": member_id})
        # This identity now belongs to this member (a re-registration moves it).
        self.db.execute(_DROP_IDENTITY, {"channel": claim.channel, "user_id": claim.user_id})
        self.db.execute(
            _NEW_IDENTITY,
            {
                "member_id": member_id,
                "channel": claim.channel,
                "external_user_id": claim.user_id,
                "chat_id": claim.chat_id,
                "last_used_at": claim.now,
                "unreachable": False,
            },
        )
        details: dict[str, Any] = {"channel": claim.channel}
        if claim.as_member is not None and invite.member_id is None:
            details["as_rostered"] = True  # said they are this rostered person
        self.audit(
            Audited("member.registered", "invites", claim.code, claim.now, member_id, details)
        )
        member = MemberRepository(self.work).member_for(claim.channel, claim.user_id)
        assert member is not None
        return member

    def unregistered_namesakes(self, invite: InviteView, full_name: str) -> list[MemberView]:
        wanted = fold(full_name)
        rows = self.db.execute(
            _UNREGISTERED, {"unit_id": invite.unit_id, "role": invite.role.value}
        ).all()
        return [member_view(row) for row in rows if fold(row.full_name) == wanted]

    def _claim_namesake(
        self, invite: Any, member_id: int, language: Language, now: datetime
    ) -> bool:
        """Tie the rostered member to this registration, if they are still unregistered in
        the invite's unit and role (the WHERE makes a second claimant find nothing); the
        codes made for them on import are used up with it, so nobody else joins them later."""
        claimed = self.db.execute(
            update(members)
            .where(
                members.c.id == member_id,
                members.c.unit_id == invite.unit_id,
                members.c.role == invite.role,
                members.c.active.is_(True),
                members.c.joined_at.is_(None),
            )
            .values(joined_at=now, language=language)
        )
        if claimed.rowcount != 1:
            return False
        self.db.execute(
            update(invites)
            .where(invites.c.member_id == member_id, invites.c.used_at.is_(None))
            .values(used_at=now, used_by=member_id)
        )
        return True

    def create_link_code(self, member: MemberView, now: datetime) -> str | None:
        kind = self.db.execute(select(units.c.kind).where(units.c.id == member.unit_id)).scalar()
        if kind is None or not fits(member.role, kind, kinds_of(self.db)):
            return None  # the code would carry a role its unit does not take
        while True:  # the column is unique; a clash among 31^8 codes is rare but possible
            code = new_invite_code()
            if self.find_invite(code) is None:
                break
        self.work.invites_read.clear()
        self.db.execute(
            insert(invites).values(
                code=code,
                unit_id=member.unit_id,
                role=member.role.value,
                member_id=member.id,
                expires_at=now + LINK_CODE_LIFETIME,
                created_at=now,
            )
        )
        self.audit(Audited("identity.link_code", "invites", code, now, member.id))
        return code

    def guess_wait(self, keys: Collection[str], now: datetime) -> datetime | None:
        return guess_rows.blocked_until(self.db, keys, now)

    def guess_failed(self, free: Mapping[str, int], now: datetime) -> datetime | None:
        return guess_rows.failed(self.db, free, now)


class IssueRepository(FeatureRepository, IssueStore):
    """Codes an administrator issues and the rostered people they are for
    (`services.ports.IssueStore`)."""

    def code_taken(self, code: str) -> bool:
        return (
            self.db.execute(select(invites.c.id).where(invites.c.code == code)).first() is not None
        )

    def add_invite(self, invite: NewInvite) -> None:
        self.work.invites_read.clear()
        self.db.execute(
            insert(invites).values(
                code=invite.code,
                unit_id=invite.unit_id,
                role=invite.role.value,
                member_id=invite.member_id,
                expires_at=invite.expires_at,
                created_at=invite.now,
            )
        )

    def open_invites(self, unit_code: str, now: datetime, *, untied: bool) -> list[IssuedInvite]:
        query = (
            select(
                invites.c.code,
                units.c.code.label("unit_code"),
                units.c.name,
                invites.c.role,
                invites.c.expires_at,
            )
            .select_from(invites.join(units, invites.c.unit_id == units.c.id))
            .where(
                units.c.code == unit_code, invites.c.used_at.is_(None), invites.c.expires_at > now
            )
            .order_by(invites.c.id)
        )
        if untied:
            query = query.where(invites.c.member_id.is_(None))
        return [
            IssuedInvite(r.code, r.unit_code, r.name, Role(r.role), r.expires_at)
            for r in self.db.execute(query)
        ]

    def open_invite_of(self, member_id: int, now: datetime) -> tuple[str, datetime] | None:
        row = self.db.execute(
            select(invites.c.code, invites.c.expires_at).where(
                invites.c.member_id == member_id,
                invites.c.used_at.is_(None),
                invites.c.expires_at > now,
            )
        ).first()
        return None if row is None else (row.code, row.expires_at)

    def rostered(self, unit_id: int, full_name: str) -> RosteredMember | None:
        row = self.db.execute(
            select(members.c.id, members.c.joined_at, members.c.joined_team_on)
            .where(members.c.unit_id == unit_id, members.c.full_name == full_name)
            .order_by(members.c.id)
            .limit(1)
        ).first()
        if row is None:
            return None
        return RosteredMember(row.id, row.joined_at is not None, row.joined_team_on)

    def unregistered_named(self, unit_id: int, full_name: str) -> int | None:
        found = self.db.execute(
            select(members.c.id)
            .where(
                members.c.unit_id == unit_id,
                members.c.full_name == full_name,
                members.c.joined_at.is_(None),
                ~exists().where(identities.c.member_id == members.c.id),
            )
            .order_by(members.c.id)
            .limit(1)
        ).scalar()
        return None if found is None else int(found)

    def add_member(
        self, *, unit_id: int, full_name: str, role: Role, phone: str | None, now: datetime
    ) -> int:
        new_id = self.db.execute(
            insert(members)
            .values(
                full_name=full_name,
                phone=phone,
                unit_id=unit_id,
                role=role.value,
                active=True,
                language="vi",
                created_at=now,
            )
            .returning(members.c.id)
        ).scalar_one()
        return int(new_id)

    def rename_member(self, member_id: int, full_name: str, role: Role) -> None:
        self.db.execute(
            update(members)
            .where(members.c.id == member_id)
            .values(full_name=full_name, role=role.value)
        )

    def set_joined_team_on(self, member_id: int, day: date) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(joined_team_on=day))

    def began_by(self, unit_id: int, day: date) -> None:
        self.db.execute(
            update(units)
            .where(units.c.id == unit_id, units.c.valid_from > day)
            .values(valid_from=day)
        )


__all__ = ["InviteRepository", "IssueRepository"]
