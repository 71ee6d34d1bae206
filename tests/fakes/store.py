"""Typed in-memory fakes of the ports in `services.ports`, for the engine and service tests.

Each fake subclasses its port, so mypy --strict fails on a port method the fake lacks (it
cannot be instantiated) or has with another signature; `MemoryStore` is all of them over one
`Memory`, as `storage.repository.Repository` is all the SQL repositories on one transaction.
What the engine's and the services' tests drive keeps state here (review and tips as their
services use them: `log_for_review`, `log_tip`); the features no test drives here (standings...)
answer "nothing there", and are tested against the database.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from campaign.areas import ContentArea
from campaign.guessing import FORGET_AFTER, wait_after
from campaign.localized import Language
from campaign.normalize import fold
from campaign.review import TIP_NEXT
from campaign.roles import Role
from handlers.messages import Incoming, Notice, Outgoing, Photo
from services.ports import (
    Audience,
    Audited,
    BroadcastStore,
    ChatState,
    ChatStore,
    Decision,
    DeliverableStore,
    DocumentStore,
    DocumentView,
    DossierItemView,
    EditableEntry,
    EditStore,
    EntryStore,
    EntryView,
    FileJobStore,
    FileRequest,
    FileStore,
    GradingBoard,
    GradingStore,
    InviteStore,
    InviteView,
    MemberStore,
    MemberView,
    NewBroadcast,
    NewDocument,
    NewEntry,
    NoticeStore,
    OpenDeliverable,
    PlanStore,
    Ranking,
    Redemption,
    ReviewItem,
    ReviewStore,
    ScheduledBroadcast,
    SealingStore,
    StandingStore,
    StoppedBroadcast,
    Store,
    SubmissionPlace,
    SubmissionStore,
    SubmissionView,
    Submittable,
    Tally,
    TargetReport,
    TipChange,
    TipItem,
    TipStore,
)
from storage.sealing import Sealer

SEALER = Sealer("s" * 40)


@dataclass
class Broadcast:
    """One broadcast queued: its sender, audience, the message in each language, and how many
    have gone and are left (a test moves them on)."""

    number: int
    sender_id: int
    audience: str
    messages: dict[Language, Outgoing]
    reached: Audience
    sent: int = 0
    left: int = 0
    stopped: bool = False


@dataclass
class Memory:
    """What the SQL repositories keep in tables, in dictionaries."""

    chats: dict[tuple[str, str], ChatState] = field(default_factory=dict)
    deliveries: dict[tuple[str, str, str], list[Outgoing]] = field(default_factory=dict)
    identities: dict[tuple[str, str], int] = field(default_factory=dict)
    members: dict[int, MemberView] = field(default_factory=dict)
    invites: dict[str, InviteView] = field(default_factory=dict)
    entries: list[NewEntry] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    audited: list[tuple[int | None, str, str]] = field(default_factory=list)  # who, what, which
    files: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # token: name, type
    statuses: dict[str, str] = field(default_factory=dict)  # entry reference: status if decided
    guesses: dict[str, tuple[int, datetime]] = field(default_factory=dict)  # key: wrong, last
    blocked: dict[str, datetime] = field(default_factory=dict)  # key: may not guess until
    misplaced: set[int] = field(default_factory=set)  # members whose role misfits their unit
    nudged: dict[int, bool] = field(default_factory=dict)  # member: wants the weekly nudge
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(100))
    # Standings, grading, deliverables, broadcasts: what a test puts there is what they read.
    rankings: dict[int, Ranking] = field(default_factory=dict)  # member id: their standings
    target_reports: dict[int, TargetReport] = field(default_factory=dict)  # commander id
    grading_boards: dict[int, GradingBoard] = field(default_factory=dict)  # officer's unit id
    deadlines: list[tuple[int, Role, OpenDeliverable]] = field(default_factory=list)  # unit, role
    submitted: dict[tuple[int, str], int | None] = field(default_factory=dict)  # unit, key: photo
    audiences: dict[tuple[int, str], Audience] = field(default_factory=dict)  # unit, audience
    units_under: dict[tuple[int, int], str] = field(default_factory=dict)  # (unit, under): name
    broadcasts: list[Broadcast] = field(default_factory=list)
    scheduled: list[ScheduledBroadcast] = field(default_factory=list)  # still to go
    # Review and tips: entries waiting by reference, who logged each, what was decided on them.
    for_review: dict[str, ReviewItem] = field(default_factory=dict)
    tips: dict[str, TipItem] = field(default_factory=dict)
    authors: dict[str, int] = field(default_factory=dict)  # reference: the member who logged it
    verdicts: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # verdict, note
    informants: dict[str, dict[str, str]] = field(default_factory=dict)  # opened, by tip
    outcomes: dict[str, str] = field(default_factory=dict)  # a closed tip's outcome note
    audit_details: list[dict[str, Any]] = field(default_factory=list)  # beside `audited`
    file_requests: list[tuple[FileRequest, bool]] = field(default_factory=list)  # asked, here

    def keep_audit(
        self, actor_member_id: int | None, action: str, target_id: str, details: dict[str, Any]
    ) -> None:
        """An audit row, as `storage.audit.record` writes one (every repository may)."""
        self.audited.append((actor_member_id, action, target_id))
        self.audit_details.append(details)


class MemoryChats(Memory, ChatStore):
    def lock_chat(
        self,
        channel: str,
        chat_id: str,
        user_id: str,
        default_language: Language,
        delivery_key: str | None = None,
    ) -> tuple[ChatState, MemberView | None]:
        state = self.chats.get((channel, chat_id)) or ChatState(channel, chat_id, default_language)
        # A copy, as a database row would be: changes count only once saved.
        copy = ChatState(
            state.channel,
            state.chat_id,
            state.language,
            state.flow,
            state.step,
            {k: v for k, v in state.data.items()},
            state.updated_at,
            state.prompt_seq,
        )
        member_id = self.identities.get((channel, user_id))
        return copy, self.members.get(member_id) if member_id else None

    def save_chat(self, state: ChatState, now: datetime) -> None:
        state.updated_at = now
        self.chats[(state.channel, state.chat_id)] = state

    def replies_for(self, channel: str, chat_id: str, delivery_key: str) -> list[Outgoing] | None:
        return self.deliveries.get((channel, chat_id, delivery_key))

    def remember_replies(
        self, channel: str, delivery_key: str, chat_id: str, replies: list[Outgoing], now: datetime
    ) -> None:
        self.deliveries[(channel, chat_id, delivery_key)] = replies

    def touch_identity(self, channel: str, user_id: str, chat_id: str, now: datetime) -> None:
        pass

    def append_history(
        self, incoming: Incoming, replies: list[Outgoing], now: datetime, conceal: bool = False
    ) -> list[Outgoing]:
        return replies


class MemoryMembers(Memory, MemberStore):
    def member_for(self, channel: str, user_id: str) -> MemberView | None:
        member_id = self.identities.get((channel, user_id))
        return self.members.get(member_id) if member_id else None

    def team_roster(self, member: MemberView) -> list[MemberView]:
        return [
            m
            for m in self.members.values()
            if m.unit_id == member.unit_id and m.id != member.id and m.role is not Role.OFFICER
        ]

    def commune_officers(self, unit_id: int) -> list[MemberView]:
        return [m for m in self.members.values() if m.role is Role.OFFICER]

    def set_language(self, member_id: int, language: Language) -> None:
        member = self.members[member_id]
        self.members[member_id] = MemberView(
            member.id, member.full_name, member.role, member.unit_id, member.unit_name, language
        )

    def set_nudges(self, member_id: int, wanted: bool) -> None:
        self.nudged[member_id] = wanted


class MemoryInvites(Memory, InviteStore):
    def find_invite(self, code: str) -> InviteView | None:
        return self.invites.get(code)

    def redeem_invite(self, claim: Redemption) -> MemberView | None:
        invite = self.invites[claim.code]
        if invite.used:
            return None
        if claim.as_member is not None and claim.as_member not in {
            m.id for m in self.unregistered_namesakes(invite, claim.full_name)
        }:
            return None  # someone registered as that person meanwhile
        self.invites[claim.code] = replace(invite, used=True)
        if claim.as_member is not None:
            member = replace(self.members[claim.as_member], language=claim.language)
        else:
            member = MemberView(
                next(self.ids),
                claim.full_name,
                invite.role,
                invite.unit_id,
                invite.unit_name,
                claim.language,
            )
        self.members[member.id] = member
        self.identities[(claim.channel, claim.user_id)] = member.id
        return member

    def unregistered_namesakes(self, invite: InviteView, full_name: str) -> list[MemberView]:
        # Rostered people are members no identity is bound to yet.
        registered = set(self.identities.values())
        return [
            m
            for m in self.members.values()
            if m.unit_id == invite.unit_id
            and m.role is invite.role
            and m.id not in registered
            and fold(m.full_name) == fold(full_name)
        ]

    def create_link_code(self, member: MemberView, now: datetime) -> str | None:
        return None if member.id in self.misplaced else "LINK2345"

    def guess_wait(self, keys: Collection[str], now: datetime) -> datetime | None:
        waits = [self.blocked[k] for k in keys if k in self.blocked and self.blocked[k] > now]
        return max(waits, default=None)

    def guess_failed(self, free: Mapping[str, int], now: datetime) -> datetime | None:
        latest: datetime | None = None
        for key, tries in free.items():
            failures, last = self.guesses.get(key, (0, now))
            failures = 1 if now - last > FORGET_AFTER else failures + 1
            self.guesses[key] = (failures, now)
            wait = wait_after(failures, tries)
            if wait is not None:
                self.blocked[key] = now + wait
                latest = now + wait if latest is None else max(latest, now + wait)
        return latest


class MemoryPlans(Memory, PlanStore):
    def plan_areas(self, unit_id: int, day: date) -> tuple[ContentArea, ...]:
        return ()  # no plan: the built-in areas


class MemoryEntries(Memory, EntryStore):
    def save_entry(self, entry: NewEntry) -> str:
        self.entries.append(entry)
        return f"{entry.prefix}-2026-{len(self.entries):06d}"

    def reference_of(self, index: int) -> str:
        return f"{self.entries[index].prefix}-2026-{index + 1:06d}"

    def mine(self, member_id: int) -> list[tuple[str, NewEntry]]:
        """The member's entries and those they are credited on, newest first."""
        return [
            (self.reference_of(i), e)
            for i, e in reversed(list(enumerate(self.entries)))
            if e.member_id == member_id or member_id in e.participant_ids
        ]

    def recent_entries(self, member_id: int, limit: int) -> list[EntryView]:
        return [
            EntryView(
                reference=reference,
                content_area=e.content_area,
                status=self.statuses.get(reference, "pending"),
                occurred_at=e.occurred_at,
                created_at=e.created_at,
                credited=e.member_id != member_id,
                details=dict(e.details),
            )
            for reference, e in self.mine(member_id)[:limit]
        ]

    def counts_between(self, member_id: int, since: datetime, until: datetime) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, e in self.mine(member_id):
            if since <= e.occurred_at < until:
                counts[e.content_area] = counts.get(e.content_area, 0) + 1
        return counts


class MemorySealing(Memory, SealingStore):
    def seal_answer(self, value: str) -> str:
        return SEALER.seal_text(value)


class MemoryReview(Memory, ReviewStore):
    """Pending entries as `storage.review` keeps them, with its rule simplified: a commander
    reviews every entry but those they logged or are named on (no unit tree here)."""

    def log_for_review(self, author: MemberView, item: ReviewItem) -> None:
        self.members.setdefault(author.id, author)
        self.authors[item.reference] = author.id
        self.for_review[item.reference] = item

    def review_queue(self, reviewer: MemberView, limit: int) -> list[ReviewItem]:
        if not reviewer.role.is_commander:
            return []
        mine = [
            item
            for reference, item in self.for_review.items()
            if self.authors.get(reference) != reviewer.id
            and reviewer.full_name not in item.participants
        ]
        return sorted(mine, key=lambda item: (not item.urgent, item.logged_at))[:limit]

    def pending_review_count(self, reviewer: MemberView) -> int:
        return len(self.review_queue(reviewer, len(self.for_review)))

    def decide(
        self, reviewer: MemberView, reference: str, verdict: str, note: str | None, now: datetime
    ) -> Decision | None:
        waiting = self.review_queue(reviewer, len(self.for_review))
        item = next((i for i in waiting if i.reference == reference), None)
        if item is None:
            return None
        del self.for_review[reference]
        self.verdicts[reference] = (verdict, note)
        self.keep_audit(reviewer.id, f"entry.{verdict}", reference, {"note": note} if note else {})
        author = self.members[self.authors[reference]]
        return Decision(reference, item.content_area, author.id, author.language, verdict, note)


class MemoryTips(Memory, TipStore):
    """Tips as `storage.tips` keeps them, with its rule simplified: every officer follows every
    tip up (no unit tree here)."""

    def log_tip(
        self, author: MemberView, item: TipItem, informant: dict[str, str] | None = None
    ) -> None:
        self.members.setdefault(author.id, author)
        self.authors[item.reference] = author.id
        self.tips[item.reference] = item
        if informant is not None:
            self.informants[item.reference] = informant

    def open_tips(self, officer: MemberView, limit: int) -> list[TipItem]:
        if officer.role is not Role.OFFICER:
            return []
        waiting = [t for t in self.tips.values() if t.progress in TIP_NEXT]
        return sorted(waiting, key=lambda t: (not t.urgent, t.logged_at or t.occurred_at))[:limit]

    def advance_tip(
        self,
        officer: MemberView,
        reference: str,
        progress: str,
        now: datetime,
        outcome: str | None = None,
    ) -> TipChange | None:
        tip = self.tips.get(reference)
        if tip is None or officer.role is not Role.OFFICER:
            return None
        if progress not in TIP_NEXT.get(tip.progress, ()):
            return None
        self.tips[reference] = replace(tip, progress=progress)
        moved: dict[str, Any] = {"from": tip.progress}
        if outcome is not None:
            moved["outcome"] = outcome
            self.outcomes[reference] = outcome
        self.keep_audit(officer.id, f"tip.{progress}", reference, moved)
        author = self.members[self.authors[reference]]
        return TipChange(reference, author.id, author.language, progress)

    def reveal_informant(
        self, officer: MemberView, reference: str, reason: str, now: datetime
    ) -> dict[str, str] | None:
        if reference not in self.tips:
            return None
        if officer.role is not Role.OFFICER:
            self.keep_audit(officer.id, "informant.reveal_refused", reference, {"reason": reason})
            return None
        informant = self.informants.get(reference)
        if informant is None:
            return None
        self.keep_audit(officer.id, "informant.revealed", reference, {"reason": reason})
        return dict(informant)


class MemoryEdits(Memory, EditStore):
    def _own(self, member: MemberView, reference: str) -> int | None:
        """The index of the member's own entry `reference` (not one they are credited on)."""
        return next(
            (
                i
                for i, e in enumerate(self.entries)
                if f"{e.prefix}-2026-{i + 1:06d}" == reference and e.member_id == member.id
            ),
            None,
        )

    def editable_entry(self, member: MemberView, reference: str) -> EditableEntry | None:
        index = self._own(member, reference)
        if index is None:
            return None
        entry = self.entries[index]
        return EditableEntry(
            reference=reference,
            content_area=entry.content_area,
            status=self.statuses.get(reference, "pending"),
            details=dict(entry.details),
            occurred_at=entry.occurred_at,
            photos=len(entry.attachment_ids),
            teammates=tuple((m, self.members[m].full_name) for m in entry.participant_ids),
        )

    def _change(self, member: MemberView, reference: str, **changes: Any) -> str | None:
        """Change the member's own entry; a decided one goes back to review. Its old status."""
        index = self._own(member, reference)
        if index is None:
            return None
        self.entries[index] = replace(self.entries[index], **changes)
        return self.statuses.pop(reference, "pending")

    def edit_entry(self, member: MemberView, edited: EditableEntry, now: datetime) -> str | None:
        return self._change(
            member, edited.reference, details=edited.details, occurred_at=edited.occurred_at
        )

    def change_photos(
        self, member: MemberView, reference: str, added: Sequence[int], replace: bool, now: datetime
    ) -> str | None:
        index = self._own(member, reference)
        kept = () if index is None or replace else self.entries[index].attachment_ids
        return self._change(member, reference, attachment_ids=(*kept, *added))

    def change_teammates(
        self, member: MemberView, reference: str, teammates: tuple[int, ...], now: datetime
    ) -> str | None:
        return self._change(member, reference, participant_ids=teammates)


class MemoryFiles(Memory, FileStore):
    def save_file(
        self, channel: str, chat_id: str, name: str, content_type: str, data: bytes, now: datetime
    ) -> str:
        token = f"file{next(self.ids)}"
        self.files[token] = (name, content_type, data)
        return token

    def add_photo(self, photo: Photo, *, channel: str, chat_id: str, now: datetime) -> int:
        return next(self.ids)

    def entry_photos(
        self, reader: MemberView, reference: str, channel: str, chat_id: str, now: datetime
    ) -> list[str]:
        return []

    def save_shared_photo(self, photo: Photo, now: datetime) -> str:
        return self.save_file("*", "*", "anh", photo.content_type, photo.data, now)


class MemoryStandings(Memory, StandingStore):
    def ranking(self, member: MemberView, day: date) -> Ranking | None:
        return self.rankings.get(member.id)

    def target_report(self, commander: MemberView, day: date) -> TargetReport | None:
        return self.target_reports.get(commander.id)


class MemoryGrading(Memory, GradingStore):
    """One board per unit, as the commune's grades: a line changes or is confirmed in it."""

    def grading_board(
        self, officer: MemberView, today: date, now: datetime, *, fresh: bool = False
    ) -> GradingBoard | None:
        return self.grading_boards.get(officer.unit_id)

    def change_grade(
        self, officer: MemberView, line_id: int, grade: str, reason: str, now: datetime
    ) -> bool:
        board = self.grading_boards.get(officer.unit_id)
        if board is None or grade not in {code for code, _ in board.grade_names}:
            return False
        line = next((x for x in board.lines if x.id == line_id), None)
        if line is None or line.proposed is None:
            return False
        changed = replace(line, final=grade, reason=reason)
        lines = [changed if x.id == line_id else x for x in board.lines]
        self.grading_boards[officer.unit_id] = replace(board, lines=lines)
        self.audited.append((officer.id, "grade.changed", str(line_id)))
        return True

    def confirm_grades(self, officer: MemberView, today: date, now: datetime) -> int:
        board = self.grading_boards.get(officer.unit_id)
        if board is None:
            return 0
        undecided = [x for x in board.lines if x.final is None and x.proposed is not None]
        if not undecided:
            return 0
        lines = [replace(x, final=x.proposed) if x in undecided else x for x in board.lines]
        self.grading_boards[officer.unit_id] = replace(board, lines=lines)
        self.audited.append((officer.id, "grades.confirmed", str(officer.unit_id)))
        return len(undecided)


class MemoryDeliverables(Memory, DeliverableStore):
    def open_deliverables(self, member: MemberView, day: date) -> list[OpenDeliverable]:
        return [
            item
            for unit_id, role, item in self.deadlines
            if unit_id == member.unit_id
            and role is member.role
            # a submitted one stays open until its due day (it may be withdrawn)
            and ((unit_id, item.key) not in self.submitted or day <= item.due)
        ]


class MemorySubmissions(MemoryDeliverables, SubmissionStore):
    """Submissions by (unit, key), with their documents; `submitted` holds the done ones, as
    a test sets them (what the older tests read)."""

    def _views(self) -> dict[tuple[int, str], SubmissionView]:
        views: dict[tuple[int, str], SubmissionView] = self.__dict__.setdefault("views", {})
        return views

    def submittable(self, member: MemberView, day: date) -> list[Submittable]:
        return [Submittable(item) for item in self.open_deliverables(member, day)]

    def submission(
        self, plan_code: str, deadline_code: str, due: date, unit_id: int
    ) -> SubmissionView | None:
        key = f"{deadline_code}@{due:%Y%m%d}"[:40]
        found = self._views().get((unit_id, key))
        if found is None and (unit_id, key) in self.submitted:  # marked by an older path
            found = SubmissionView(
                0, plan_code, deadline_code, due, unit_id, "", "submitted", datetime.min, "",
                None, None, None, None, None, None, (), None, (),
            )  # fmt: skip
        return found

    def submission_by_id(self, submission_id: int) -> SubmissionPlace | None:
        return None  # the level above's decisions are tested on the database

    def open_draft(self, member: MemberView, target: Submittable, now: datetime) -> SubmissionView:
        key = (member.unit_id, target.item.key)
        if key not in self._views():
            item = target.item
            self._views()[key] = SubmissionView(
                next(self.ids), item.plan_code, item.deadline_code, item.due, member.unit_id,
                member.unit_name, "draft", now, member.full_name, None, None, None, None, None,
                None, (), None,
                tuple(DossierItemView(0, "deliverable", 0, c, "missing", None, "")
                      for c, _ in target.checklist),
            )  # fmt: skip
            self.audited.append((member.id, "deliverable.drafted", item.key))
        return self._views()[key]

    def _by_id(self, submission_id: int) -> tuple[tuple[int, str], SubmissionView]:
        return next((k, v) for k, v in self._views().items() if v.id == submission_id)

    def add_to_submission(
        self, submission_id: int, document_id: int, item: str | None, member_id: int, now: datetime
    ) -> None:
        key, view = self._by_id(submission_id)
        shown = self.document(None, document_id)
        assert shown is not None
        checklist = tuple(
            replace(i, status="uploaded", document_id=document_id) if i.item == item else i
            for i in view.checklist
        )
        self._views()[key] = replace(view, documents=(*view.documents, shown), checklist=checklist)
        self.attach_document(document_id, "deliverable", submission_id)
        self.audited.append((member_id, "deliverable.document_added", key[1]))

    def drop_from_submission(
        self, submission_id: int, document_id: int, member_id: int, now: datetime
    ) -> None:
        key, view = self._by_id(submission_id)
        kept = tuple(d for d in view.documents if d.id != document_id)
        self._views()[key] = replace(view, documents=kept)
        self.audited.append((member_id, "deliverable.document_dropped", key[1]))

    def set_submission_state(
        self,
        submission_id: int,
        state: str,
        *,
        was: Sequence[str],
        member_id: int,
        now: datetime,
        note: str | None = None,
    ) -> bool:
        key, view = self._by_id(submission_id)
        if view.state not in was:
            return False
        self._views()[key] = replace(view, state=state, submitted_at=now)
        if state == "submitted":
            self.submitted[key] = view.documents[0].id if view.documents else None
            self.audited.append((member_id, "deliverable.submitted", key[1]))
        return True

    def commanders_of(self, unit_id: int) -> list[MemberView]:
        return [m for m in self.members.values() if m.unit_id == unit_id and m.role.is_commander]


class MemoryBroadcasts(Memory, BroadcastStore):
    def broadcast_audience(
        self, sender: MemberView, audience: str, scope_unit_id: int | None = None
    ) -> Audience:
        scope = sender.unit_id if scope_unit_id is None else scope_unit_id
        return self.audiences.get((scope, audience), Audience({}, 0))

    def broadcast_unit(self, sender: MemberView, unit_id: int) -> str | None:
        if unit_id == sender.unit_id:
            return sender.unit_name
        return self.units_under.get((sender.unit_id, unit_id))

    def start_broadcast(self, broadcast: NewBroadcast) -> tuple[int, Audience]:
        sender = broadcast.sender
        reached = self.broadcast_audience(sender, broadcast.audience, broadcast.scope_unit_id)
        number = next(self.ids)
        self.broadcasts.append(
            Broadcast(
                number,
                sender.id,
                broadcast.audience,
                broadcast.messages,
                reached,
                left=reached.total,
            )
        )
        self.audited.append((sender.id, "broadcast.sent", str(number)))
        return number, reached

    def broadcasts_running(self, sender: MemberView) -> list[Tally]:
        return [
            Tally(b.number, b.sender_id, b.sent, 0, b.left, b.reached.unreached)
            for b in self.broadcasts
            if b.sender_id == sender.id and b.left and not b.stopped
        ]

    def stop_broadcast(
        self, sender: MemberView, number: int, now: datetime, under: bool = False
    ) -> StoppedBroadcast | None:
        # `under` (an admin's): any one (the fakes have no tree)
        found = next((b for b in self.broadcasts if b.number == number), None)
        if found is None or (found.sender_id != sender.id and not under):
            return None
        if found.stopped or not found.left:
            return None
        found.stopped = True
        self.audited.append((sender.id, "broadcast.stopped", str(number)))
        return StoppedBroadcast(found.sent, found.left)

    # Set to go later: the viewer's own, or (under) every one (the fakes have no tree).
    def schedule_broadcast(self, broadcast: NewBroadcast, send_at: datetime) -> int:
        number, sender = next(self.ids), broadcast.sender
        self.scheduled.append(
            ScheduledBroadcast(
                number,
                sender,
                True,
                sender.unit_id if broadcast.scope_unit_id is None else broadcast.scope_unit_id,
                self.broadcast_unit(sender, broadcast.scope_unit_id or sender.unit_id) or "",
                broadcast.audience,
                broadcast.text,
                broadcast.image_token,
                send_at,
            )
        )
        self.audited.append((sender.id, "broadcast.scheduled", str(number)))
        return number

    def scheduled_broadcasts(
        self, viewer: MemberView | None, under: bool
    ) -> list[ScheduledBroadcast]:
        return sorted(
            (b for b in self.scheduled if viewer is None or under or b.sender.id == viewer.id),
            key=lambda b: b.send_at,
        )

    def cancel_scheduled_broadcast(
        self,
        viewer: MemberView | None,
        under: bool,
        number: int,
        now: datetime,
        actor: str = "cli",
    ) -> ScheduledBroadcast | None:
        found = next(
            (b for b in self.scheduled_broadcasts(viewer, under) if b.number == number), None
        )
        if found is not None:
            self.scheduled.remove(found)
            self.audited.append((viewer.id if viewer else None, "broadcast.cancelled", str(number)))
        return found

    def release_scheduled_broadcast(
        self, later: ScheduledBroadcast, messages: dict[Language, Outgoing], now: datetime
    ) -> Audience | None:
        if later not in self.scheduled:
            return None
        self.scheduled.remove(later)
        reached = self.broadcast_audience(later.sender, later.audience, later.scope_unit_id)
        self.broadcasts.append(
            Broadcast(
                later.number, later.sender.id, later.audience, messages, reached, left=reached.total
            )
        )
        return reached


class MemoryNotices(Memory, NoticeStore):
    def notify(self, notices: list[Notice], now: datetime) -> None:
        self.notices.extend(notices)

    def audit(self, line: Audited) -> None:
        self.keep_audit(line.actor_member_id, line.action, line.target_id, dict(line.details))


class MemoryDocuments(Memory, DocumentStore):
    """Documents kept by id, each visible to a reader of its own unit (the tree is not faked)."""

    def _kept(self) -> dict[int, tuple[NewDocument, str, int | None]]:
        kept: dict[int, tuple[NewDocument, str, int | None]]
        kept = self.__dict__.setdefault("documents", {})
        return kept

    def add_document(self, document: NewDocument) -> int:
        number = next(self.ids)
        self._kept()[number] = (document, document.owner_kind, document.owner_id)
        return number

    def attach_document(self, document_id: int, owner_kind: str, owner_id: int) -> None:
        kept = self._kept()
        kept[document_id] = (kept[document_id][0], owner_kind, owner_id)

    def document(self, reader: MemberView | None, document_id: int) -> DocumentView | None:
        found = self._kept().get(document_id)
        if found is None or (reader is not None and reader.unit_id != found[0].unit_id):
            return None
        new, owner_kind, owner_id = found
        return DocumentView(
            document_id,
            owner_kind,
            owner_id,
            new.unit_id,
            new.content_type,
            len(new.data),
            new.original_name,
            new.uploaded_by,
            new.now,
        )

    def document_bytes(self, reader: MemberView | None, document_id: int) -> bytes | None:
        shown = self.document(reader, document_id)
        return None if shown is None else self._kept()[document_id][0].data


class MemoryFileJobs(Memory, FileJobStore):
    def ask_file(self, request: FileRequest, now: datetime, *, here: bool = True) -> int:
        self.file_requests.append((request, here))
        return len(self.file_requests)

    def member_by_id(self, member_id: int) -> MemberView | None:
        return self.members.get(member_id)


class MemoryStore(
    MemoryChats,
    MemoryMembers,
    MemoryInvites,
    MemoryPlans,
    MemoryEntries,
    MemorySealing,
    MemoryReview,
    MemoryTips,
    MemoryEdits,
    MemoryFiles,
    MemoryStandings,
    MemoryGrading,
    MemorySubmissions,
    MemoryBroadcasts,
    MemoryNotices,
    MemoryDocuments,
    MemoryFileJobs,
    Store,
):
    """Every port over one `Memory`: what a turn is given."""


def every_port_faked() -> tuple[object, ...]:
    """One of each fake: mypy refuses this function if a fake lacks a method of its port (it
    could not be instantiated), even when no test builds that fake yet."""
    return (
        MemoryStore(),
        MemoryChats(),
        MemoryMembers(),
        MemoryInvites(),
        MemoryPlans(),
        MemoryEntries(),
        MemorySealing(),
        MemoryReview(),
        MemoryTips(),
        MemoryEdits(),
        MemoryFiles(),
        MemoryStandings(),
        MemoryGrading(),
        MemoryDeliverables(),
        MemoryBroadcasts(),
        MemoryNotices(),
        MemoryDocuments(),
        MemoryFileJobs(),
    )


__all__ = ["SEALER", "Broadcast", "Memory", "MemoryStore", "every_port_faked"]
