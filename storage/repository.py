"""The conversation's store: the `handlers.ports.Store` protocol in SQL, inside one transaction.

Every method runs on the turn's connection; few round trips, no ORM on this hot path.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, insert, or_, select, update

from campaign.areas import ContentArea
from campaign.catalogs import spoken
from campaign.codes import new_invite_code, reference_code
from campaign.collation import person_key, vietnamese_key
from campaign.normalize import fold
from campaign.plans import Plan
from campaign.review import Reviewer
from campaign.roles import Role, fits
from campaign.scoring import WHOLE_PLAN, Standing, ranked
from campaign.targets import Progress
from campaign.text import Language
from handlers.messages import Incoming, Notice, Outgoing, Photo
from handlers.ports import (
    Audience,
    ChatState,
    Decision,
    EditableEntry,
    EntryView,
    GradingBoard,
    InviteView,
    MemberView,
    NewEntry,
    OpenDeliverable,
    Ranking,
    ReviewItem,
    StoppedBroadcast,
    Tally,
    TargetReport,
    TipChange,
    TipItem,
)
from storage import (
    audit,
    boards,
    calendar,
    card_photos,
    chat_rows,
    grading,
    review,
    standings,
    targets,
    tips,
    tree,
    weekly,
)
from storage import broadcasts as broadcast_rows
from storage import guesses as guess_rows
from storage import outbox as outbox_rows
from storage import plans as stored_plans
from storage.files import PhotoFiles
from storage.schema import (
    attachments,
    chat_states,
    deliveries,
    entries,
    entry_participants,
    files,
    identities,
    informants,
    invites,
    members,
    outbox,
    reference_counters,
    units,
)
from storage.sealing import Sealer
from storage.upsert import insert_for

_MEMBER_COLUMNS = (
    members.c.id,
    members.c.full_name,
    members.c.role,
    members.c.unit_id,
    units.c.name.label("unit_name"),
    members.c.language,
)


IDENTITY_TOUCH_INTERVAL = timedelta(minutes=5)
LINK_CODE_LIFETIME = timedelta(minutes=15)
OPENING_HISTORY = 60  # messages shown when the web chat page opens
SHARED = "*"  # the channel and chat of a file any chat may read (a broadcast's photo)

# Built once: constructing SQLAlchemy statements costs more than running them on SQLite.
_REPLIES_FOR = select(deliveries.c.replies).where(
    deliveries.c.channel == bindparam("channel"),
    deliveries.c.chat_id == bindparam("chat_id"),
    deliveries.c.delivery_key == bindparam("delivery_key"),
)
_REMEMBER_REPLIES = insert(deliveries)
_MEMBER_FOR = (
    select(
        *_MEMBER_COLUMNS,
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
# The WHERE makes a second claimant find nothing to update.
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
# Rostered people nobody has registered as yet (registration sets joined_at), by unit and role.
_UNREGISTERED = (
    select(*_MEMBER_COLUMNS)
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
_NEW_ENTRY = insert(entries).returning(entries.c.id)
_NEW_INFORMANT = insert(informants)
_NEXT_NUMBER = (
    update(reference_counters)
    .where(
        reference_counters.c.prefix == bindparam("key_prefix"),
        reference_counters.c.year == bindparam("key_year"),
    )
    .values(last=reference_counters.c.last + 1)
    .returning(reference_counters.c.last)
)
_TOUCH_IDENTITY = (
    update(identities)
    .where(
        identities.c.channel == bindparam("key_channel"),
        identities.c.external_user_id == bindparam("key_user_id"),
    )
    .values(
        last_used_at=bindparam("now", type_=identities.c.last_used_at.type),
        chat_id=bindparam("chat_id"),
        unreachable=False,
    )
)
_INSERT_IGNORING_CONFLICT: dict[tuple[str, str], Any] = {}  # (dialect, table) -> statement


def _as_reviewer(member: MemberView) -> Reviewer:
    return Reviewer(member_id=member.id, role=member.role, unit_id=member.unit_id)


def _mine(member_id: int) -> Any:
    """Entries a member logged, and those where a teammate credited them (patrols)."""
    credited = select(entry_participants.c.entry_id).where(
        entry_participants.c.member_id == member_id
    )
    return or_(entries.c.member_id == member_id, entries.c.id.in_(credited))


def _member(row: Any) -> MemberView:
    return MemberView(
        id=row.id,
        full_name=row.full_name,
        role=Role(row.role),
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        language=_as_language(row.language),
    )


def _as_language(value: str) -> Language:
    return spoken(value)


class Repository:
    def __init__(
        self,
        connection: Connection,
        sealer: Sealer,
        files: PhotoFiles | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        self.db = connection
        self.sealer = sealer
        self.files = files
        self._zone = zone  # the campaign's zone: days and months are counted in it
        # The sender's identity as read this turn: chat, last used, marked unreachable.
        self._identity_seen: tuple[str, datetime, bool] | None = None
        self._invites: dict[str, InviteView | None] = {}  # read in this transaction

    # Chat state and deliveries: the per-message hot path (storage/chat_rows.py).
    def lock_chat(
        self, channel: str, chat_id: str, user_id: str, default_language: Language
    ) -> tuple[ChatState, MemberView | None]:
        found = chat_rows.lock(self.db, channel, chat_id, user_id)
        if found is None:
            # A new chat: insert the row (another process may race us: keep theirs), then lock it.
            self._insert_ignoring_conflict(
                chat_states,
                {
                    "channel": channel,
                    "chat_id": chat_id,
                    "language": default_language,
                    "data": {},
                    "prompt_seq": 0,
                    "recent_keys": [],
                },
            )
            found = chat_rows.lock(self.db, channel, chat_id, user_id)
            assert found is not None
        row, member = found
        state = ChatState(
            channel=channel,
            chat_id=chat_id,
            language=_as_language(row.language),
            flow=row.flow,
            step=row.step,
            data=dict(row.data or {}),
            updated_at=row.updated_at,
            prompt_seq=row.prompt_seq,
            recent_keys=list(row.recent_keys or []),
        )
        if member is None:
            return state, None
        self._identity_seen = (member.identity_chat_id, member.last_used_at, member.unreachable)
        return state, _member(member)

    def save_chat(self, state: ChatState, now: datetime) -> None:
        chat_rows.save(
            self.db,
            {
                "channel": state.channel,
                "chat_id": state.chat_id,
                "language": state.language,
                "flow": state.flow,
                "step": state.step,
                "data": state.data,
                "prompt_seq": state.prompt_seq,
                "recent_keys": state.recent_keys,
                "updated_at": now,
            },
        )

    def replies_for(self, channel: str, chat_id: str, delivery_key: str) -> list[Outgoing] | None:
        row = self.db.execute(
            _REPLIES_FOR, {"channel": channel, "chat_id": chat_id, "delivery_key": delivery_key}
        ).first()
        return None if row is None else [Outgoing.from_dict(r) for r in row.replies]

    def remember_replies(
        self, channel: str, delivery_key: str, chat_id: str, replies: list[Outgoing], now: datetime
    ) -> None:
        self.db.execute(
            _REMEMBER_REPLIES,
            {
                "channel": channel,
                "delivery_key": delivery_key,
                "chat_id": chat_id,
                "replies": [r.to_dict() for r in replies if not r.ephemeral],
                "created_at": now,
            },
        )

    # Members and identities
    def member_chat_language(self, channel: str, chat_id: str) -> Language | None:
        """The chat's language if a registered member uses it; None for a stranger's chat."""
        row = self.db.execute(
            select(chat_states.c.language)
            .select_from(
                identities.join(
                    chat_states,
                    and_(
                        chat_states.c.channel == identities.c.channel,
                        chat_states.c.chat_id == identities.c.chat_id,
                    ),
                )
            )
            .where(identities.c.channel == channel, identities.c.chat_id == chat_id)
            .limit(1)
        ).first()
        return None if row is None else _as_language(row.language)

    def chat_language(self, channel: str, chat_id: str) -> Language | None:
        """The language the bot speaks in this chat (a stranger's too); None before its first
        message."""
        found = self.db.execute(
            select(chat_states.c.language).where(
                chat_states.c.channel == channel, chat_states.c.chat_id == chat_id
            )
        ).scalar_one_or_none()
        return None if found is None else _as_language(found)

    def member_for(self, channel: str, user_id: str) -> MemberView | None:
        row = self.db.execute(_MEMBER_FOR, {"channel": channel, "user_id": user_id}).first()
        if row is None:
            return None
        self._identity_seen = (row.identity_chat_id, row.last_used_at, row.unreachable)
        return _member(row)

    def set_language(self, member_id: int, language: Language) -> None:
        self.db.execute(update(members).where(members.c.id == member_id).values(language=language))

    def set_nudges(self, member_id: int, wanted: bool) -> None:
        weekly.set_nudges(self.db, member_id, wanted)

    def plan_areas(self, unit_id: int, day: date) -> tuple[ContentArea, ...]:
        return stored_plans.areas_for_unit(self.db, unit_id, day)

    def review_queue(self, reviewer: MemberView, limit: int) -> list[ReviewItem]:
        return review.queue(self.db, _as_reviewer(reviewer), limit)

    def pending_review_count(self, reviewer: MemberView) -> int:
        return review.pending_count(self.db, _as_reviewer(reviewer))

    def decide(
        self, reviewer: MemberView, reference: str, verdict: str, note: str | None, now: datetime
    ) -> Decision | None:
        return review.decide(self.db, _as_reviewer(reviewer), reference, verdict, note, now)

    def open_tips(self, officer: MemberView, limit: int) -> list[TipItem]:
        return tips.open_tips(self.db, _as_reviewer(officer), limit)

    def advance_tip(
        self, officer: MemberView, reference: str, progress: str, now: datetime
    ) -> TipChange | None:
        return tips.advance(self.db, _as_reviewer(officer), reference, progress, now)

    def reveal_informant(
        self, officer: MemberView, reference: str, reason: str, now: datetime
    ) -> dict[str, str] | None:
        return tips.reveal(self.db, _as_reviewer(officer), reference, reason, self.sealer, now)

    def save_file(
        self, channel: str, chat_id: str, name: str, content_type: str, data: bytes, now: datetime
    ) -> str:
        token = secrets.token_urlsafe(24)
        self.db.execute(
            insert(files).values(
                token=token,
                channel=channel,
                chat_id=chat_id,
                name=name,
                content_type=content_type,
                data=data,
                created_at=now,
            )
        )
        return token

    def file(self, token: str, channel: str, chat_id: str | None) -> tuple[str, str, bytes] | None:
        """(name, content type, bytes) of a file made for this chat (any chat if None), or
        shared with every chat (a broadcast's photo), or an entry's photo lent to this chat."""
        query = (
            select(
                files.c.name,
                files.c.content_type,
                files.c.data,
                files.c.chat_id,
                files.c.channel,
                files.c.attachment_id,
                attachments.c.sha256,
            )
            .select_from(files.outerjoin(attachments, files.c.attachment_id == attachments.c.id))
            .where(files.c.token == token, files.c.channel.in_([channel, SHARED]))
        )
        row = self.db.execute(query).first()
        if row is None or (chat_id is not None and row.chat_id not in (chat_id, SHARED)):
            return None
        if row.data is not None:
            return row.name, row.content_type, bytes(row.data)
        if row.sha256 is None or self.files is None:
            return None
        if not card_photos.still_lent(self.db, row.attachment_id, row.channel, row.chat_id):
            return None
        data = self.files.read(row.sha256, row.content_type)
        return None if data is None else (row.name, row.content_type, data)

    def entry_photos(
        self, reader: MemberView, reference: str, channel: str, chat_id: str, now: datetime
    ) -> list[str]:
        return card_photos.lend(self.db, _as_reviewer(reader), reference, channel, chat_id, now)

    def target_report(self, commander: MemberView, day: date) -> TargetReport | None:
        plan = self._running_plan(commander.unit_id, day)
        if plan is None or not plan.targets:
            return None
        zone = self._zone
        unit_ids = [commander.unit_id]
        if commander.role in (Role.OFFICER, Role.ADMIN):
            unit_ids = tree.subtree(self.db, commander.unit_id, open_only=True)
        found = {
            int(r.id): (str(r.kind), str(r.name))
            for r in self.db.execute(
                select(units.c.id, units.c.kind, units.c.name).where(units.c.id.in_(unit_ids))
            )
        }
        # The commander's own unit first, then the units under it by name, in Vietnamese order.
        below = sorted(
            (u for u in unit_ids if u != commander.unit_id),
            key=lambda u: vietnamese_key(found[u][1]),
        )
        report: list[tuple[str, list[Progress]]] = []
        for unit_id in (commander.unit_id, *below):
            kind, name = found[unit_id]
            chosen = [t for t in plan.targets if t.level == kind]
            if chosen:
                report.append(
                    (name, [targets.progress(self.db, plan, t, unit_id, day, zone) for t in chosen])
                )
        return TargetReport(plan.name, report)

    def _running_plan(self, unit_id: int, day: date, scored: bool = False) -> Plan | None:
        """The plan running over the unit that day (with content areas, if `scored`)."""
        return next(
            (
                p
                for code, loaded, text in stored_plans.active_for_unit(self.db, unit_id, day)
                if (p := stored_plans.parsed(code, loaded, text)) is not None
                and (p.areas or not scored)
            ),
            None,
        )

    def ranking(self, member: MemberView, day: date) -> Ranking | None:
        plan = self._running_plan(member.unit_id, day, scored=True)
        if plan is None:
            return None
        phase = plan.phase_on(day)
        phase_code = phase.code if phase else WHOLE_PLAN
        scope = self._nearest(member.unit_id, "commune") or member.unit_id
        scope_name = self.db.execute(select(units.c.name).where(units.c.id == scope)).scalar_one()

        def rows(level: str) -> list[tuple[int, Standing]]:
            table = standings.table(self.db, plan.code, phase_code, level, scope)
            return ranked(table, person_key if level == "member" else vietnamese_key)

        people = rows("member")
        mine = next(
            (
                (rank, len(people), s.points, s.entries)
                for rank, s in people
                if s.subject_id == member.id
            ),
            None,
        )
        return boards.ranking(
            self.db, plan, phase, (scope, scope_name), people, rows("team"), None, mine=mine
        )

    def grading_board(
        self, officer: MemberView, today: date, now: datetime, *, fresh: bool = False
    ) -> GradingBoard | None:
        return grading.board(self.db, officer.unit_id, today, now, self._zone, fresh=fresh)

    def change_grade(
        self, officer: MemberView, line_id: int, grade: str, reason: str, now: datetime
    ) -> bool:
        return grading.change(self.db, officer.id, officer.unit_id, line_id, grade, reason, now)

    def confirm_grades(self, officer: MemberView, today: date, now: datetime) -> int:
        return grading.confirm(self.db, officer.id, officer.unit_id, today, now)

    def open_deliverables(self, member: MemberView, day: date) -> list[OpenDeliverable]:
        return [
            OpenDeliverable(plan.code, deadline.code, due, deadline.title, deadline.deliverable)
            for plan, deadline, due in calendar.open_for(self.db, member.unit_id, member.role, day)
        ]

    def mark_deliverable(
        self, member: MemberView, item: OpenDeliverable, attachment_id: int | None, now: datetime
    ) -> bool:
        recorded = calendar.mark_done(
            self.db,
            plan_code=item.plan_code,
            deadline_code=item.deadline_code,
            due=item.due,
            unit_id=member.unit_id,
            member_id=member.id,
            file_token=f"attachment:{attachment_id}" if attachment_id is not None else None,
            now=now,
        )
        if recorded:
            self.audit(
                member.id,
                "deliverable.submitted",
                "deliverables",
                f"{item.plan_code}/{item.deadline_code}/{item.due.isoformat()}",
                {"unit_id": member.unit_id, "attachment": attachment_id},
                now,
            )
        return recorded

    def team_roster(self, member: MemberView) -> list[MemberView]:
        rows = self.db.execute(
            select(*_MEMBER_COLUMNS)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(
                members.c.unit_id == member.unit_id,
                members.c.id != member.id,
                members.c.active.is_(True),
            )
            .order_by(members.c.id)
        ).all()
        # The picker lists the team in Vietnamese order (SQL cannot collate it): by given name.
        return [_member(row) for row in sorted(rows, key=lambda r: person_key(r.full_name))]

    def commune_officers(self, unit_id: int) -> list[MemberView]:
        commune_id = self._nearest(unit_id, "commune")
        if commune_id is None:
            return []
        rows = self.db.execute(
            select(*_MEMBER_COLUMNS)
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
        return [_member(row) for row in rows]

    def _nearest(self, unit_id: int, kind: str) -> int | None:
        """The unit itself or its closest ancestor of `kind` (trees are a few levels deep)."""
        current: int | None = unit_id
        while current is not None:
            row = self.db.execute(
                select(units.c.kind, units.c.parent_id).where(units.c.id == current)
            ).one()
            if row.kind == kind:
                return current
            current = row.parent_id
        return None

    # Invites
    def find_invite(self, code: str) -> InviteView | None:
        # Registration's steps ask for the invite several times a turn: read it once (this
        # repository lives for one transaction; writing an invite forgets what was read).
        if code in self._invites:
            return self._invites[code]
        row = self.db.execute(_FIND_INVITE, {"code": code}).first()
        found = None if row is None else self._invite_view(row)
        self._invites[code] = found
        return found

    @staticmethod
    def _invite_view(row: Any) -> InviteView:
        return InviteView(
            code=row.code,
            unit_id=row.unit_id,
            unit_name=row.unit_name,
            role=Role(row.role),
            expires_at=row.expires_at,
            used=row.used_at is not None,
            full_name=row.full_name,
            links_member=row.joined_at is not None,
            misplaced=not fits(Role(row.role), row.unit_kind),
        )

    def redeem_invite(
        self,
        code: str,
        *,
        channel: str,
        user_id: str,
        chat_id: str,
        full_name: str,
        language: Language,
        now: datetime,
        as_member: int | None = None,
    ) -> MemberView | None:
        self._invites.clear()
        invite = self.db.execute(_INVITE_ROW, {"code": code}).first()
        if invite is None or not fits(Role(invite.role), invite.unit_kind):
            return None  # an invite made before roles had to fit their unit binds nobody
        # Claim the invite first: a second claimant finds nothing to update.
        claimed = self.db.execute(
            _CLAIM_INVITE, {"invite_id": invite.id, "now": now, "used_at": now}
        )
        if claimed.rowcount != 1:
            return None
        member_id = invite.member_id
        if member_id is None and as_member is not None:
            if not self._claim_namesake(invite, as_member, language, now):
                # Someone registered as that person meanwhile: the code stays usable.
                self.db.execute(
                    update(invites).where(invites.c.id == invite.id).values(used_at=None)
                )
                return None
            member_id = as_member
        elif member_id is None:
            member_id = self.db.execute(
                _NEW_MEMBER,
                {
                    "full_name": full_name,
                    "unit_id": invite.unit_id,
                    "role": invite.role,
                    "active": True,
                    "language": language,
                    "joined_at": now,
                    "created_at": now,
                },
            ).scalar_one()
        else:
            self.db.execute(
                _REJOIN_MEMBER, {"member_id": member_id, "now": now, "language": language}
            )
        self.db.execute(_INVITE_USED_BY, {"invite_id": invite.id, "used_by": member_id})
        # This identity now belongs to this member (a re-registration moves it).
        self.db.execute(_DROP_IDENTITY, {"channel": channel, "user_id": user_id})
        self.db.execute(
            _NEW_IDENTITY,
            {
                "member_id": member_id,
                "channel": channel,
                "external_user_id": user_id,
                "chat_id": chat_id,
                "last_used_at": now,
                "unreachable": False,
            },
        )
        details: dict[str, Any] = {"channel": channel}
        if as_member is not None and invite.member_id is None:
            details["as_rostered"] = True  # said they are this rostered person
        self.audit(member_id, "member.registered", "invites", code, details, now)
        member = self.member_for(channel, user_id)
        assert member is not None
        return member

    def unregistered_namesakes(self, invite: InviteView, full_name: str) -> list[MemberView]:
        wanted = fold(full_name)
        rows = self.db.execute(
            _UNREGISTERED, {"unit_id": invite.unit_id, "role": invite.role.value}
        ).all()
        return [_member(row) for row in rows if fold(row.full_name) == wanted]

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
        if kind is None or not fits(member.role, kind):
            return None  # the code would carry a role its unit does not take
        while True:  # the column is unique; a clash among 31^8 codes is rare but possible
            code = new_invite_code()
            if self.find_invite(code) is None:
                break
        self._invites.clear()
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
        self.audit(member.id, "identity.link_code", "invites", code, {}, now)
        return code

    def guess_wait(self, keys: Collection[str], now: datetime) -> datetime | None:
        return guess_rows.blocked_until(self.db, keys, now)

    def guess_failed(self, free: Mapping[str, int], now: datetime) -> datetime | None:
        return guess_rows.failed(self.db, free, now)

    # Entries
    def save_entry(self, entry: NewEntry) -> str:
        year = entry.created_at.year
        number = self._next_number(entry.prefix, year)
        reference = reference_code(entry.prefix, year, number)
        entry_id = self.db.execute(
            _NEW_ENTRY,
            {
                "reference": reference,
                "member_id": entry.member_id,
                "unit_id": entry.unit_id,
                "content_area": entry.content_area,
                "kind": entry.kind,
                "details": entry.details,
                "occurred_at": entry.occurred_at,
                "created_at": entry.created_at,
                "status": "pending",
                "urgent": entry.urgent,
                "delivery_key": entry.delivery_key,
                "progress": entry.progress,
            },
        ).scalar_one()
        if entry.sealed:
            self.db.execute(
                _NEW_INFORMANT,
                {
                    "entry_id": entry_id,
                    "sealed": self.sealer.seal(
                        {k: self.sealer.open_text(v) for k, v in entry.sealed.items()}
                    ),
                    "created_at": entry.created_at,
                },
            )
        if entry.participant_ids:
            self.db.execute(
                insert(entry_participants),
                [{"entry_id": entry_id, "member_id": mid} for mid in entry.participant_ids],
            )
        if entry.attachment_ids:
            self.db.execute(
                update(attachments)
                .where(attachments.c.id.in_(entry.attachment_ids))
                .values(entry_id=entry_id)
            )
        self.audit(entry.member_id, "entry.created", "entries", reference, {}, entry.created_at)
        return reference

    def seal_answer(self, value: str) -> str:
        return self.sealer.seal_text(value)

    def _next_number(self, prefix: str, year: int) -> int:
        self._insert_ignoring_conflict(
            reference_counters, {"prefix": prefix, "year": year, "last": 0}
        )
        return int(
            self.db.execute(_NEXT_NUMBER, {"key_prefix": prefix, "key_year": year}).scalar_one()
        )

    def recent_entries(self, member_id: int, limit: int) -> list[EntryView]:
        rows = self.db.execute(
            select(
                entries.c.reference,
                entries.c.content_area,
                entries.c.status,
                entries.c.occurred_at,
                entries.c.created_at,
                entries.c.details,
                (entries.c.member_id != member_id).label("credited"),
            )
            .where(_mine(member_id))
            .order_by(entries.c.created_at.desc(), entries.c.id.desc())
            .limit(limit)
        ).all()
        return [
            EntryView(
                reference=r.reference,
                content_area=r.content_area,
                status=r.status,
                occurred_at=r.occurred_at,
                created_at=r.created_at,
                credited=bool(r.credited),
                details=dict(r.details or {}),
            )
            for r in rows
        ]

    def counts_between(self, member_id: int, since: datetime, until: datetime) -> dict[str, int]:
        """The member's entries (and those they were credited on) by area, that happened
        in [since, until): a month holds what was done in it, whenever it was logged."""
        rows = self.db.execute(
            select(entries.c.content_area, func.count())
            .where(_mine(member_id), entries.c.occurred_at >= since, entries.c.occurred_at < until)
            .group_by(entries.c.content_area)
            .order_by(entries.c.content_area)
        ).all()
        return {area: int(count) for area, count in rows}

    def editable_entry(self, member: MemberView, reference: str) -> EditableEntry | None:
        return review.editable(self.db, member.id, reference)

    def edit_entry(
        self,
        member: MemberView,
        reference: str,
        details: dict[str, Any],
        occurred_at: datetime,
        now: datetime,
    ) -> str | None:
        return review.edit(self.db, member.id, reference, details, occurred_at, now)

    def change_photos(
        self, member: MemberView, reference: str, added: Sequence[int], replace: bool, now: datetime
    ) -> str | None:
        return review.change_photos(self.db, member.id, reference, added, replace, now)

    def change_teammates(
        self, member: MemberView, reference: str, teammates: tuple[int, ...], now: datetime
    ) -> str | None:
        return review.change_teammates(self.db, member.id, reference, teammates, now)

    def add_photo(self, photo: Photo, *, channel: str, chat_id: str, now: datetime) -> int:
        if self.files is None:
            raise RuntimeError("this repository was made without a place for photos")
        sha256, path = self.files.save(photo)
        return int(
            self.db.execute(
                insert(attachments)
                .values(
                    channel=channel,
                    chat_id=chat_id,
                    sha256=sha256,
                    content_type=photo.content_type,
                    size=photo.size,
                    path=path,
                    created_at=now,
                )
                .returning(attachments.c.id)
            ).scalar_one()
        )

    # Notices and audit
    def notify(self, notices: list[Notice], now: datetime, *, bulk: bool = False) -> None:
        """Queue each notice for its member's chat (a member on no channel yet is skipped).
        Bulk notices (scheduled jobs) go after conversations' own."""
        chats = outbox_rows.reach_many(self.db, [n.member_id for n in notices])
        letters = [
            outbox_rows.Letter(*chats[n.member_id], n.message, n.member_id)
            for n in notices
            if n.member_id in chats
        ]
        priority = outbox_rows.BULK if bulk else outbox_rows.NOTICE
        outbox_rows.post(self.db, letters, now, priority=priority)

    # Broadcasts
    def save_shared_photo(self, photo: Photo, now: datetime) -> str:
        extension = photo.content_type.removeprefix("image/")
        return self.save_file(
            SHARED, SHARED, f"anh.{extension}", photo.content_type, photo.data, now
        )

    def broadcast_audience(self, sender: MemberView, audience: str) -> Audience:
        return broadcast_rows.audience(self.db, sender.unit_id, audience, sender.id)

    def start_broadcast(
        self,
        sender: MemberView,
        audience: str,
        text: str,
        image_token: str | None,
        messages: dict[Language, Outgoing],
        now: datetime,
    ) -> tuple[int, Audience]:
        started = broadcast_rows.start(
            self.db, sender.id, sender.unit_id, audience, text, image_token, messages, now
        )
        self.audit(
            sender.id,
            "broadcast.sent",
            "broadcast",
            str(started[0]),
            {"audience": audience, "recipients": started[1].total},
            now,
        )
        return started

    def broadcasts_running(self, sender: MemberView) -> list[Tally]:
        return [run.tally for run in broadcast_rows.running(self.db, sender.id)]

    def stop_broadcast(
        self, sender: MemberView, number: int, now: datetime
    ) -> StoppedBroadcast | None:
        stopped = broadcast_rows.stop(self.db, number, sender.id, now)
        if stopped is not None:
            self.audit(
                sender.id,
                "broadcast.stopped",
                "broadcast",
                str(number),
                {"sent": stopped.sent, "not_sent": stopped.not_sent},
                now,
            )
        return stopped

    def append_history(
        self, incoming: Incoming, replies: list[Outgoing], now: datetime, conceal: bool = False
    ) -> list[Outgoing]:
        said = "🔒" if conceal else self._what_member_said(incoming)
        rows = [Outgoing(text=said, from_user=True, client_id=incoming.delivery_key), *replies]
        stored = []
        for message in rows:
            if message.ephemeral:
                stored.append(message)
                continue
            message_id = self.db.execute(
                insert(outbox)
                .values(
                    channel=incoming.channel,
                    chat_id=incoming.chat_id,
                    payload=message.to_dict(),
                    status="sent",  # answered in the same HTTP exchange
                    created_at=now,
                    sent_at=now,
                )
                .returning(outbox.c.id)
            ).scalar_one()
            stored.append(message.with_id(int(message_id)))
        return stored[1:]

    def _what_member_said(self, incoming: Incoming) -> str:
        if incoming.photo is not None:
            return "📷"
        if incoming.location is not None:
            return f"📍 {incoming.location.latitude:.5f}, {incoming.location.longitude:.5f}"
        if incoming.choice is not None:
            recent = self.db.execute(
                select(outbox.c.payload)
                .where(outbox.c.channel == incoming.channel, outbox.c.chat_id == incoming.chat_id)
                .order_by(outbox.c.id.desc())
                .limit(5)
            ).all()
            for (payload,) in recent:
                for choice in payload.get("choices", []):
                    if choice["id"] == incoming.choice:
                        return str(choice["label"])
            return "…"
        text = incoming.text or ""
        return text if len(text) <= 2000 else text[:2000] + "…"

    def history(self, channel: str, chat_id: str, after: int, limit: int = 200) -> list[Outgoing]:
        """The chat's messages after `after` (after=0: the latest ones, for a page just opened);
        pending notices count as delivered once read."""
        query = select(outbox.c.id, outbox.c.payload, outbox.c.status).where(
            outbox.c.channel == channel, outbox.c.chat_id == chat_id, outbox.c.id > after
        )
        if after == 0:
            latest = query.order_by(outbox.c.id.desc()).limit(OPENING_HISTORY)
            rows = list(reversed(self.db.execute(latest).all()))
        else:
            rows = list(self.db.execute(query.order_by(outbox.c.id).limit(limit)).all())
        pending = [row.id for row in rows if row.status == "pending"]
        if pending:
            self.db.execute(update(outbox).where(outbox.c.id.in_(pending)).values(status="sent"))
        return [Outgoing.from_dict(row.payload).with_id(int(row.id)) for row in rows]

    def touch_identity(self, channel: str, user_id: str, chat_id: str, now: datetime) -> None:
        # Notices go to the channel used last; minutes of precision are plenty, so most
        # messages skip this write. A chat marked unreachable (blocked, not found) that writes
        # to the bot is reachable again at once.
        if self._identity_seen is not None:
            seen_chat, seen_at, unreachable = self._identity_seen
            if not unreachable and seen_chat == chat_id and now - seen_at < IDENTITY_TOUCH_INTERVAL:
                return
        self.db.execute(
            _TOUCH_IDENTITY,
            {"key_channel": channel, "key_user_id": user_id, "now": now, "chat_id": chat_id},
        )

    def audit(
        self,
        actor_member_id: int | None,
        action: str,
        target: str,
        target_id: str,
        details: dict[str, Any],
        now: datetime,
    ) -> None:
        audit.record(
            self.db,
            actor="member" if actor_member_id is not None else "system",
            actor_member_id=actor_member_id,
            action=action,
            target=target,
            target_id=target_id,
            details=details,
            now=now,
        )

    def _insert_ignoring_conflict(self, table: Any, values: dict[str, Any]) -> None:
        dialect = self.db.dialect.name
        statement = _INSERT_IGNORING_CONFLICT.get((dialect, table.name))
        if statement is None:
            statement = insert_for(self.db, table).on_conflict_do_nothing()
            _INSERT_IGNORING_CONFLICT[(dialect, table.name)] = statement
        self.db.execute(statement, values)


__all__ = ["Repository"]
