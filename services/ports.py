"""What the conversations need from storage: plain views in, plain views out.

One small port (a Protocol) per feature: chat state, members, invites, plans, entries, sealing,
review, tips, edits, files, standings, grading, deliverables, broadcasts, notices. `Store` is
their union, what a turn holds. `storage.repository.Repository` implements `Store` with SQL
inside the turn's one transaction, assembled from one repository per feature (each beside its
SQL in storage/); the engine's tests use the typed in-memory fakes in tests/fakes/.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from campaign.areas import ContentArea
from campaign.facts import FactValue
from campaign.localized import Language, Localized
from campaign.plans import CountSpec, PhaseSpec, Plan, TargetSpec
from campaign.roles import Role
from campaign.scoring import Standing
from campaign.target_values import EnteredValue, Seat
from campaign.targets import Progress
from campaign.unit_kinds import UnitKind
from handlers.messages import Incoming, Notice, Outgoing, Photo


@dataclass(frozen=True)
class Audience:
    """Who a broadcast reaches."""

    reachable: dict[str, int]  # members per channel their messages go to
    unreached: int  # members on no channel the bot can reach

    @property
    def total(self) -> int:
        return sum(self.reachable.values())


@dataclass(frozen=True)
class StoppedBroadcast:
    sent: int  # arrived before the stop
    not_sent: int  # will never go (the few already on their way are in neither)


@dataclass(frozen=True)
class Tally:
    """How far a broadcast has gone."""

    broadcast_id: int
    sender_id: int
    sent: int
    failed: int  # blocked the bot, refused, or failing for too long
    left: int
    unreached: int

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.left


# In `ChatState.data` of a chat whose flow the housekeeping job dropped: the minutes it had
# been idle for, so the next message can say so. The flow's answers are gone by then.
EXPIRED_MARK = "expired_after_minutes"


@dataclass
class ChatState:
    channel: str
    chat_id: str
    language: Language
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None
    prompt_seq: int = 0
    # The last delivery keys handled in this chat: a messenger redelivers only its latest
    # updates, so this row (read and written anyway) is enough to recognise them.
    recent_keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MemberView:
    id: int
    full_name: str
    role: Role
    unit_id: int
    unit_name: str
    language: Language


@dataclass(frozen=True)
class Redemption:
    """A newcomer's claim on an invite code: the identity it binds and who they say they are."""

    code: str
    channel: str
    user_id: str
    chat_id: str
    full_name: str
    language: Language
    now: datetime
    # With an open code, the rostered member (one of `InviteStore.unregistered_namesakes`)
    # the newcomer said they are, instead of a new member.
    as_member: int | None = None


@dataclass(frozen=True)
class InviteView:
    code: str
    unit_id: int
    unit_name: str
    role: Role
    expires_at: datetime
    used: bool
    full_name: str | None  # set when the invite belongs to a member imported from a roster
    links_member: bool = False  # a link code: the member is registered on another channel
    misplaced: bool = False  # its role does not sit on its unit's kind (made before the rule)


@dataclass(frozen=True)
class NewEntry:
    member_id: int
    unit_id: int
    content_area: str
    prefix: str
    kind: str
    details: dict[str, Any]
    occurred_at: datetime
    created_at: datetime
    delivery_key: str
    urgent: bool = False
    sealed: dict[str, str] = field(default_factory=dict)  # tokens from Store.seal_answer
    participant_ids: tuple[int, ...] = ()
    attachment_ids: tuple[int, ...] = ()
    progress: str | None = None  # "received" for a tip
    model_id: int | None = None  # a model entry's registered model (models.id)


@dataclass(frozen=True)
class EntryView:
    reference: str
    content_area: str
    status: str
    occurred_at: datetime
    created_at: datetime
    credited: bool = False  # logged by a teammate who named this member
    details: dict[str, Any] = field(default_factory=dict)  # the answers (when it happened)


@dataclass(frozen=True)
class EditableEntry:
    """One of the member's own entries, with the answers that can be changed in the chat."""

    reference: str
    content_area: str
    status: str
    details: dict[str, Any]
    occurred_at: datetime
    photos: int = 0  # photos attached now
    teammates: tuple[tuple[int, str], ...] = ()  # (member id, name) credited on it now


@dataclass(frozen=True)
class PriorDecision:
    """The decision an edit by the author sent back to review, and what changed since."""

    verdict: str  # "rejected" or "verified"
    reviewer: str  # who decided, by name
    decided_at: datetime | None
    note: str | None  # the reason given for a rejection
    details: dict[str, Any]  # the answers as they were decided on
    teammates_added: tuple[str, ...] = ()
    teammates_removed: tuple[str, ...] = ()
    photos_added: int = 0
    photos_removed: int = 0


@dataclass(frozen=True)
class ReviewItem:
    reference: str
    content_area: str
    author: str
    unit_name: str
    details: dict[str, Any]
    occurred_at: datetime
    logged_at: datetime
    participants: tuple[str, ...]
    urgent: bool
    duplicate_of: str | None = None  # a likely duplicate, flagged to the reviewer
    prior: PriorDecision | None = None  # decided before, then edited by its author
    photos: tuple[int, ...] = ()  # the attachments on it now (a card tells when they changed)


@dataclass(frozen=True)
class Decision:
    reference: str
    content_area: str
    author_id: int
    author_language: Language
    verdict: str  # verified / rejected
    note: str | None


@dataclass(frozen=True)
class TipItem:
    reference: str
    author: str
    unit_name: str
    details: dict[str, Any]
    occurred_at: datetime
    progress: str
    urgent: bool
    has_informant: bool
    logged_at: datetime | None = None  # when the member logged it ("Ghi lúc")
    photos: tuple[int, ...] = ()  # the attachments on it now (a card tells when they changed)


@dataclass(frozen=True)
class TipChange:
    reference: str
    author_id: int
    author_language: Language
    progress: str


@dataclass(frozen=True)
class Placing:
    """One ranked row: a member (with team and role, so namesakes are told apart) or a team."""

    rank: int
    name: str
    points: int
    entries: int  # verified entries, every area
    team: str = ""  # a member's team
    role: Role | None = None  # a member's role
    counts: tuple[int, ...] = ()  # verified entries of each area, in `Ranking.areas` order
    moved: int | None = None  # places gained since the last weekly board; None: not on it


@dataclass(frozen=True)
class Ranking:
    """Standings as a member sees them: the plan, the phase, and ranked rows."""

    plan_name: Localized
    phase_name: Localized | None  # None: the whole plan
    scope_name: str  # the commune
    members: list[Placing]
    teams: list[Placing]
    mine: tuple[int, int, int, int] | None  # rank, out of, points, entries
    areas: tuple[Localized, ...] = ()  # the plan's content areas (the workbook's columns)
    period: tuple[date, date] | None = None  # the phase's (or the plan's) first and last day
    made_at: datetime | None = None  # local time the standings were read


@dataclass(frozen=True)
class TargetView:
    """One target as a unit sees it: how it is measured, its period, the value of the unit (its
    own, the roll-up of the units under it, or the unit above carrying it) and of the units
    under it that carry it."""

    target: TargetSpec
    period: tuple[date, date]
    how: Localized  # "đếm ...", "do Công an xã nhập"
    mine: tuple[str, Progress] | None  # the viewer's unit (or the unit above carrying it)
    rolled_up: bool  # `mine` is the roll-up of `units` by the target's rule
    units: list[tuple[str, Progress]]  # the units under the viewer that carry it


@dataclass(frozen=True)
class TargetReport:
    """Every target of the running plan, as the viewer's unit sees it."""

    plan_name: Localized
    targets: list[TargetView]


@dataclass(frozen=True)
class GradeLine:
    id: int
    kind: str  # team / member
    name: str
    team_name: str  # a member's team ("" for a team)
    share: float | None  # tasks done / tasks (None: nothing to count)
    done: int
    tasks: int
    active_months: int
    proposed: str | None  # None: not graded
    notes: tuple[str, ...]  # why the proposal differs from the share (campaign.grading)
    final: str | None  # set once confirmed or changed
    reason: str | None
    role: Role | None = None  # a member's role


@dataclass(frozen=True)
class GradingBoard:
    """A commune's proposed and decided grades for the last assessment year."""

    guide_name: Localized
    grade_names: tuple[tuple[str, Localized], ...]  # code, name; best first
    year_start: date
    year_end: date
    commune_name: str
    lines: list[GradeLine]
    minimum_months: int
    top_share: float
    made_at: datetime | None = None  # local time the board was read (for the workbook)

    @property
    def confirmed(self) -> bool:
        graded = [line for line in self.lines if line.proposed is not None]
        return bool(graded) and all(line.final is not None for line in graded)


@dataclass(frozen=True)
class OpenDeliverable:
    """A plan deadline the member's unit has not reported done (overdue ones for a week)."""

    plan_code: str
    deadline_code: str
    due: date
    title: Localized
    deliverable: Localized
    registration: str | None = None  # done only once this scheme's dossier is complete

    @property
    def key(self) -> str:
        return f"{self.deadline_code}@{self.due:%Y%m%d}"[:40]


class Renderer(Protocol):
    """Draws standings for commanders: a chart and a workbook (kept out of the handlers)."""

    def charts(self, board: Ranking, lang: Language) -> list[bytes]:
        """PNG images, a few bars each, so that a phone shows them legibly."""
        ...

    def xlsx(self, board: Ranking, lang: Language) -> bytes: ...

    def grades_xlsx(self, board: GradingBoard, lang: Language) -> bytes: ...


class ChatStore(Protocol):
    """The chat's state and the turn's bookkeeping: the per-message hot path."""

    def lock_chat(
        self,
        channel: str,
        chat_id: str,
        user_id: str,
        default_language: Language,
        delivery_key: str | None = None,
    ) -> tuple[ChatState, MemberView | None]:
        """The chat's state, locked until the turn's transaction ends (created if new), and
        the member `user_id` is on this channel (None if not registered), read once the lock
        is held. With a `delivery_key`, the replies kept for it may be read in the same go
        (`replies_for` then answers without asking again)."""
        ...

    def save_chat(self, state: ChatState, now: datetime) -> None: ...

    def replies_for(self, channel: str, chat_id: str, delivery_key: str) -> list[Outgoing] | None:
        """What we answered when this delivery was first handled, or None if it is new."""
        ...

    def remember_replies(
        self, channel: str, delivery_key: str, chat_id: str, replies: list[Outgoing], now: datetime
    ) -> None: ...

    def touch_identity(self, channel: str, user_id: str, chat_id: str, now: datetime) -> None:
        """Remember that the member last used this channel (notices go there)."""
        ...

    def append_history(
        self, incoming: Incoming, replies: list[Outgoing], now: datetime, conceal: bool = False
    ) -> list[Outgoing]:
        """For channels that keep a history (the web chat): store both sides; replies get ids."""
        ...


class MemberStore(Protocol):
    """Members as the conversations see them: who writes, their team, their settings."""

    def member_for(self, channel: str, user_id: str) -> MemberView | None: ...

    def team_roster(self, member: MemberView) -> list[MemberView]: ...

    def commune_officers(self, unit_id: int) -> list[MemberView]:
        """Active officers of the unit's commune who can be reached on some channel."""
        ...

    def set_language(self, member_id: int, language: Language) -> None: ...

    def set_nudges(self, member_id: int, wanted: bool) -> None:
        """Whether the member gets the weekly nudge when they logged nothing."""
        ...


class InviteStore(Protocol):
    """Registration: invite codes, link codes, rostered namesakes and wrong-code limits."""

    def find_invite(self, code: str) -> InviteView | None: ...

    def redeem_invite(self, claim: Redemption) -> MemberView | None:
        """Bind the identity to a member; None if the code was used or expired meanwhile."""
        ...

    def unregistered_namesakes(self, invite: InviteView, full_name: str) -> list[MemberView]:
        """Members of the invite's unit and role whose name equals `full_name` (marks and
        case aside) and who have not registered (from a roster import)."""
        ...

    def create_link_code(self, member: MemberView, now: datetime) -> str | None:
        """A short-lived code that binds another channel's identity to this member; None if
        the member's role does not sit on their unit's kind (a row made before the rule)."""
        ...

    def guess_wait(self, keys: Collection[str], now: datetime) -> datetime | None:
        """Until when these chats / client addresses may not try an invite code (None: now)."""
        ...

    def guess_failed(self, free: Mapping[str, int], now: datetime) -> datetime | None:
        """Count a wrong invite code against each key (with its free tries); until when they
        now have to wait (None: not yet)."""
        ...


class PlanStore(Protocol):
    """The plans running over a unit."""

    def plan_areas(self, unit_id: int, day: date) -> tuple[ContentArea, ...]:
        """The content areas of the plans running on `day` over this unit (empty if none)."""
        ...


class EntryStore(Protocol):
    """Logging entries and reading one's own."""

    def save_entry(self, entry: NewEntry) -> str:
        """Insert the entry (and its sealed informant, participants, photos); its reference."""
        ...

    def recent_entries(self, member_id: int, limit: int) -> list[EntryView]: ...

    def counts_between(
        self, member_id: int, since: datetime, until: datetime
    ) -> dict[str, int]: ...


class SealingStore(Protocol):
    """Informants' answers kept unreadable while they are typed."""

    def seal_answer(self, value: str) -> str:
        """An informant's answer as an opaque token, kept in the chat state while the entry is
        typed; `save_entry` takes such tokens in `NewEntry.sealed`."""
        ...


class ReviewStore(Protocol):
    """Commanders verifying or rejecting entries."""

    def review_queue(self, reviewer: MemberView, limit: int) -> list[ReviewItem]:
        """Pending entries this commander may review (never their own), urgent and oldest first."""
        ...

    def pending_review_count(self, reviewer: MemberView) -> int: ...

    def decide(
        self, reviewer: MemberView, reference: str, verdict: str, note: str | None, now: datetime
    ) -> Decision | None:
        """Verify or reject; None if it is not pending any more or not this reviewer's."""
        ...


class TipStore(Protocol):
    """Commune officers following tips up (and revealing an informant)."""

    def open_tips(self, officer: MemberView, limit: int) -> list[TipItem]: ...

    def advance_tip(
        self,
        officer: MemberView,
        reference: str,
        progress: str,
        now: datetime,
        outcome: str | None = None,
    ) -> TipChange | None:
        """Move the tip on; closing it keeps `outcome` (the outcome note) on its case."""
        ...

    def reveal_informant(
        self, officer: MemberView, reference: str, reason: str, now: datetime
    ) -> dict[str, str] | None:
        """The sealed informant, for a commune officer of that commune; audited with the reason."""
        ...


class EditStore(Protocol):
    """A member changing their own entry."""

    def editable_entry(self, member: MemberView, reference: str) -> EditableEntry | None:
        """The member's own entry (not one a teammate credited them with)."""
        ...

    def edit_entry(self, member: MemberView, edited: EditableEntry, now: datetime) -> str | None:
        """Give the entry `edited`'s answers and time; one verified or rejected goes back to
        review (its points taken back). The status it had, or None if it is not the member's."""
        ...

    def change_photos(
        self, member: MemberView, reference: str, added: Sequence[int], replace: bool, now: datetime
    ) -> str | None:
        """Attach the photos `added` (`add_photo` ids) to the member's entry, the photos it had
        detached first if `replace` (kept on disk, named in the audit). Like `edit_entry`: back
        to review if decided; the status it had, or None if it is not the member's."""
        ...

    def change_teammates(
        self, member: MemberView, reference: str, teammates: tuple[int, ...], now: datetime
    ) -> str | None:
        """Credit exactly these members on the member's entry; like `edit_entry` otherwise."""
        ...


class FileStore(Protocol):
    """Files made for a chat, photos received, and photos lent to a reader."""

    def save_file(
        self, channel: str, chat_id: str, name: str, content_type: str, data: bytes, now: datetime
    ) -> str:
        """Keep a file made for this chat; the token to fetch it by."""
        ...

    def add_photo(self, photo: Photo, *, channel: str, chat_id: str, now: datetime) -> int: ...

    def entry_photos(
        self, reader: MemberView, reference: str, channel: str, chat_id: str, now: datetime
    ) -> list[str]:
        """File tokens by which this chat may fetch the entry's photos, for a reader who may
        review the entry or follow it up (none otherwise); a token is reused each showing."""
        ...

    def save_shared_photo(self, photo: Photo, now: datetime) -> str:
        """Keep a photo every chat may be sent (a broadcast's); its file token."""
        ...


class StandingStore(Protocol):
    """Standings and targets."""

    def ranking(self, member: MemberView, day: date) -> Ranking | None:
        """None when no plan with scored areas runs over the member's unit that day."""
        ...

    def target_report(self, commander: MemberView, day: date) -> TargetReport | None:
        """Leaders: their team; commune officers: the commune and each of its teams."""
        ...


class GradingStore(Protocol):
    """A commune's yearly grades."""

    def grading_board(
        self, officer: MemberView, today: date, now: datetime, *, fresh: bool = False
    ) -> GradingBoard | None:
        """The commune's grades for the last assessment year, proposed on first reading (or
        afresh if `fresh` while none is decided); None without a grading guide or commune."""
        ...

    def change_grade(
        self, officer: MemberView, line_id: int, grade: str, reason: str, now: datetime
    ) -> bool:
        """Set one line's grade, with the reason (audited); False if it is not this commune's."""
        ...

    def confirm_grades(self, officer: MemberView, today: date, now: datetime) -> int:
        """Confirm every undecided line as proposed (audited); how many were confirmed."""
        ...


class DeliverableStore(Protocol):
    """Plan deadlines a unit reports done."""

    def open_deliverables(self, member: MemberView, day: date) -> list[OpenDeliverable]:
        """Deadlines of the plans over the member's unit that fall to the member's role and
        level, not yet reported, due within 30 days or at most 7 days late."""
        ...


@dataclass(frozen=True)
class NewBroadcast:
    """A commander's announcement to everyone `audience` reaches under their unit."""

    sender: MemberView
    audience: str  # a key of `campaign.roles.AUDIENCES`
    text: str
    image_token: str | None
    messages: dict[Language, Outgoing]  # what each member gets, in their language
    now: datetime
    # The unit it goes to, inside the sender's (None: the sender's own); the service checks
    # it with `BroadcastStore.broadcast_unit`.
    scope_unit_id: int | None = None


class BroadcastStore(Protocol):
    """Messages a commander sends to everyone under their unit."""

    def broadcast_audience(
        self, sender: MemberView, audience: str, scope_unit_id: int | None = None
    ) -> Audience:
        """Who a broadcast to `audience` under the sender's unit (or under `scope_unit_id`,
        one inside it) would reach, per channel."""
        ...

    def broadcast_unit(self, sender: MemberView, unit_id: int) -> str | None:
        """The name of the unit if it is the sender's or one under it (None: outside)."""
        ...

    def start_broadcast(self, broadcast: NewBroadcast) -> tuple[int, Audience]:
        """Queue one message per reachable member (in their language), all or nothing."""
        ...

    def broadcasts_running(self, sender: MemberView) -> list[Tally]: ...

    def stop_broadcast(
        self, sender: MemberView, number: int, now: datetime, under: bool = False
    ) -> StoppedBroadcast | None:
        """Stop the sender's broadcast still sending (with `under`, anyone's going to a unit
        under the viewer's: an admin's): what has not gone never goes. Audited as the
        viewer's."""
        ...

    # Broadcasts set to go later (issue 13's calendar): `ScheduledBroadcast`, below.
    def schedule_broadcast(self, broadcast: NewBroadcast, send_at: datetime) -> int:
        """Keep it to go at `send_at` (its recipients are counted then); its number. Audited."""
        ...

    def scheduled_broadcasts(
        self, viewer: MemberView | None, under: bool
    ) -> list[ScheduledBroadcast]:
        """Those still to go, soonest first: the viewer's own, and with `under` those of
        anyone under the viewer's unit (None: every one, for the command line)."""
        ...

    def cancel_scheduled_broadcast(
        self,
        viewer: MemberView | None,
        under: bool,
        number: int,
        now: datetime,
        actor: str = "cli",
    ) -> ScheduledBroadcast | None:
        """Take one of those back before it goes (audited as the viewer's, or `actor`'s with
        no viewer); None if it is not one of them."""
        ...

    def release_scheduled_broadcast(
        self, later: ScheduledBroadcast, messages: dict[Language, Outgoing], now: datetime
    ) -> Audience | None:
        """Queue one whose time has come for whoever it reaches now; None if it went or was
        cancelled meanwhile (so it goes once)."""
        ...


@dataclass(frozen=True)
class Audited:
    """One line of the audit trail: who did what to which record, when, and why."""

    action: str  # "entry.verified", "informant.revealed", ...
    target: str  # the kind of record: "entries", "invites", "broadcast", ...
    target_id: str
    now: datetime
    actor_member_id: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    actor: str | None = None  # who acts when no member does: "system" unless said ("cli")
    # The unit the act concerns; None: the acting member's (storage fills it), or the top's.
    unit_id: int | None = None

    @property
    def who(self) -> str:
        return self.actor or ("member" if self.actor_member_id is not None else "system")


class NoticeStore(Protocol):
    """Messages to members outside the turn's own replies, and the audit trail."""

    def notify(self, notices: list[Notice], now: datetime) -> None:
        """Queue each notice durably for the member's most recently used channel."""
        ...

    def audit(self, line: Audited) -> None: ...


class Store(
    ChatStore,
    MemberStore,
    InviteStore,
    PlanStore,
    EntryStore,
    SealingStore,
    ReviewStore,
    TipStore,
    EditStore,
    FileStore,
    StandingStore,
    GradingStore,
    DeliverableStore,
    BroadcastStore,
    NoticeStore,
    Protocol,
):
    """Everything a turn may need from storage: the union of the ports above (a turn runs
    in one transaction, so one object serves them all)."""


__all__ = [
    "BroadcastStore",
    "ChatState",
    "ChatStore",
    "DeliverableStore",
    "EditStore",
    "EntryStore",
    "EntryView",
    "FileStore",
    "GradingStore",
    "InviteStore",
    "InviteView",
    "MemberStore",
    "MemberView",
    "NewEntry",
    "NoticeStore",
    "Outgoing",
    "PlanStore",
    "ReviewStore",
    "SealingStore",
    "StandingStore",
    "Store",
    "TipStore",
]


# --- Units and the invites an admin issues (services/units.py, services/invites.py) ---
# The unit tree, the codes issued for it and the rostered people they are for: what the CLI,
# the bot's start-up and the coming console keep. storage/units.py implements both ports.


@dataclass(frozen=True)
class UnitView:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: date
    valid_to: date | None = None  # closed on (None: still in force)


@dataclass(frozen=True)
class UnitRow:
    """A unit as listed: its parent by code and how many active members it holds."""

    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    members: int
    valid_to: date | None = None  # closed on (with --all)
    successor_code: str | None = None  # merged into
    area_code: str | None = None  # the village a team covers


@dataclass(frozen=True)
class Moved:
    """What a merger moved to the successor."""

    members: int
    units: int
    invites: int


@dataclass(frozen=True)
class NewInvite:
    """A code about to be issued: for a unit and a role, and for one rostered person or not."""

    code: str
    unit_id: int
    role: Role
    member_id: int | None  # the rostered person it is for
    expires_at: datetime
    now: datetime


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    unit_code: str
    unit_name: str
    role: Role
    expires_at: datetime
    full_name: str | None = None


@dataclass(frozen=True)
class Misplaced:
    """A member or an open invite whose role does not sit on its unit's kind (made before the
    rule). Ids and codes only: the report goes to a log, names stay out of it."""

    table: str  # "members" / "invites"
    id: int
    role: str
    unit_code: str
    unit_kind: str


@dataclass(frozen=True)
class RosteredMember:
    id: int
    joined: bool  # registered on some channel
    joined_team_on: date | None


class UnitStore(Protocol):
    """The unit tree: units by code, added, renamed, moved, closed and merged."""

    def unit(self, code: str) -> UnitView | None:
        """The unit with this code, open or closed."""
        ...

    def unit_by_id(self, unit_id: int) -> UnitView: ...

    def open_units(self) -> list[UnitView]: ...

    def has_units(self) -> bool: ...

    def unit_kinds(self) -> Mapping[str, UnitKind]:
        """Every kind known: the built-in ones and those the province added."""
        ...

    def listed(self, include_closed: bool) -> list[UnitRow]: ...

    def add_unit(
        self, *, code: str, name: str, kind: str, parent_id: int | None, now: datetime
    ) -> int: ...

    def rename_unit(self, unit_id: int, name: str) -> None: ...

    def move_unit(self, unit_id: int, parent_id: int) -> None: ...

    def subtree(self, unit_id: int) -> list[int]:
        """The unit and every unit under it, closed ones too."""
        ...

    def open_children(self, unit_id: int) -> list[str]:
        """The codes of the open units right under it, in order."""
        ...

    def active_members(self, unit_id: int) -> int: ...

    def close_unit(self, unit_id: int, on: date, successor_id: int | None = None) -> None: ...

    def withdraw_invites(self, unit_id: int, now: datetime) -> int:
        """Expire the unit's open invites now; how many."""
        ...

    def move_contents(self, from_id: int, to_id: int, now: datetime) -> Moved:
        """Move the unit's members, open units under it and open invites to another unit."""
        ...

    def misplaced(self, kinds: Mapping[Role, Collection[str]], now: datetime) -> list[Misplaced]:
        """Active members and open invites whose role's unit kinds (`kinds`) leave out their
        unit's kind, by table and id."""
        ...

    def running_plan(self, scope_id: int, code_prefix: str, day: date) -> tuple[str, str] | None:
        """The code and name of the latest plan over this unit running on `day` whose code
        starts with the prefix."""
        ...

    def load_plan(self, plan: Plan, text: str, now: datetime) -> None:
        """Keep a plan as `plan load` does (standings recounted)."""
        ...

    def record(
        self, action: str, target: str, target_id: str, details: dict[str, Any], now: datetime
    ) -> None:
        """The audit row of an administrator's act (the command line's)."""
        ...


class IssueStore(Protocol):
    """Invite codes an administrator issues, and the rostered people they may be for."""

    def code_taken(self, code: str) -> bool: ...

    def add_invite(self, invite: NewInvite) -> None: ...

    def open_invites(self, unit_code: str, now: datetime, *, untied: bool) -> list[IssuedInvite]:
        """Unused, unexpired invites of a unit, oldest first (`untied`: only those made for
        nobody in particular)."""
        ...

    def open_invite_of(self, member_id: int, now: datetime) -> tuple[str, datetime] | None:
        """An unused, unexpired invite made for this member: its code and expiry."""
        ...

    def rostered(self, unit_id: int, full_name: str) -> RosteredMember | None:
        """The first member of this unit with this exact name."""
        ...

    def unregistered_named(self, unit_id: int, full_name: str) -> int | None:
        """The first member of this unit with this name who never registered on any channel."""
        ...

    def add_member(
        self, *, unit_id: int, full_name: str, role: Role, phone: str | None, now: datetime
    ) -> int: ...

    def rename_member(self, member_id: int, full_name: str, role: Role) -> None: ...

    def set_joined_team_on(self, member_id: int, day: date) -> None: ...

    def began_by(self, unit_id: int, day: date) -> None:
        """The unit existed at least since `day` (its start goes back, never forward)."""
        ...


class UnitAdminStore(UnitStore, IssueStore, Protocol):
    """Both, on one unit of work: what issuing codes for units, rosters and the demo need."""


# --- Documents (evidence, dossiers, reports) --------------------------------------------------


@dataclass(frozen=True)
class NewDocument:
    """A document to keep: its bytes already checked by `campaign.documents.problem`."""

    data: bytes = field(repr=False)
    content_type: str  # what `campaign.documents.sniff` told
    original_name: str  # as `campaign.documents.clean_name` made it
    unit_id: int  # whose line of command may open it
    owner_kind: str  # target_value / dossier_item / model_event / commendation / deliverable
    owner_id: int | None
    uploaded_by: int | None
    now: datetime


@dataclass(frozen=True)
class DocumentView:
    id: int
    owner_kind: str
    owner_id: int | None
    unit_id: int
    content_type: str
    size: int
    original_name: str
    uploaded_by: int | None
    created_at: datetime


class DocumentStore(Protocol):
    """Documents kept on disk like photos, with who may open them."""

    def add_document(self, document: NewDocument) -> int: ...

    def attach_document(self, document_id: int, owner_kind: str, owner_id: int) -> None:
        """Give a document kept before its owner existed (uploaded mid-flow) to its owner."""
        ...

    def document(self, reader: MemberView | None, document_id: int) -> DocumentView | None:
        """The document if the reader may open it: its unit is the reader's or under it (None:
        the CLI, which may open any)."""
        ...

    def document_bytes(self, reader: MemberView | None, document_id: int) -> bytes | None: ...


# --- Models and typical units (services/models.py, storage/models.py) ---
# The registry of "mô hình" and "điển hình": registered once, followed through events.


@dataclass(frozen=True)
class NewModel:
    category: str  # campaign.models.CATEGORIES
    scheme: str
    name: str
    unit_id: int
    area_text: str
    started_on: date
    origin: str  # new / replicated
    replicated_from_id: int | None
    status: str  # registered (a leader's proposal) / building
    created_by: int | None
    now: datetime


@dataclass(frozen=True)
class ModelView:
    id: int
    reference: str
    category: str
    scheme: str
    name: str
    unit_id: int
    unit_name: str
    area_text: str
    started_on: date
    origin: str
    replicated_from: str | None  # the reference of the model it copies
    status: str
    status_on: date
    created_by: int | None


@dataclass(frozen=True)
class NewModelEvent:
    model_id: int
    kind: str  # campaign.models.EVENTS
    happened_on: date
    status: str  # the model's status after it (campaign.models.after)
    level: str | None
    outcome: str | None
    reason: str
    decision_no: str | None
    by_member: int | None
    now: datetime


@dataclass(frozen=True)
class ModelEventView:
    kind: str
    happened_on: date
    level: str | None
    outcome: str | None
    reason: str
    decision_no: str | None
    by_name: str | None  # who recorded it (None: the CLI)


@dataclass(frozen=True)
class PlaceView:
    """A unit a model may belong to."""

    id: int
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class ModelEntry:
    """A member's "model" entry, as linking it to a registered model needs it."""

    reference: str
    unit_id: int
    model_id: int | None
    named: str  # the model's name as the member typed it


@runtime_checkable
class ModelStore(Protocol):
    """The registry of models and typical units, and the model entries pointing at them."""

    def add_model(self, model: NewModel) -> ModelView:
        """Save it with the next SMH-YYYY-NNNNNN reference."""
        ...

    def model_by_reference(self, reference: str) -> ModelView | None: ...

    def models_under(
        self, unit_ids: Collection[int], *, live_only: bool, name: str | None, limit: int
    ) -> list[ModelView]:
        """Models of these units, the most recently registered first; `live_only`: not
        dropped; `name`: whose name holds it (marks and case forgiven)."""
        ...

    def model_history(self, model_id: int) -> list[ModelEventView]:
        """Its events in the order they happened."""
        ...

    def add_model_event(self, event: NewModelEvent) -> None:
        """Record the event and set the model's status (and the day of it)."""
        ...

    def places_under(self, unit_id: int) -> list[PlaceView]:
        """The unit (first) and the open units under it."""
        ...

    def place(self, code: str) -> PlaceView | None: ...

    def model_entry(self, reference: str) -> ModelEntry | None: ...

    def link_model_entry(self, reference: str, model: ModelView) -> None:
        """Point the entry at the model (and name it so on its card)."""
        ...

    def commune_of(self, unit_id: int) -> int | None:
        """The unit itself if a commune, else its nearest commune above."""
        ...


# --- dated unit facts ---


@dataclass(frozen=True)
class FactRecord:
    """One value of a unit's fact as set: from which day, by whom, how."""

    unit_id: int
    key: str
    value: FactValue
    valid_from: date
    source: str  # chat / cli / import
    note: str
    set_by_name: str | None
    set_at: datetime


class FactStore(Protocol):
    """Dated facts about units (households, residents, cameras, terrain...)."""

    def fact_unit(self, code: str) -> tuple[int, str, tuple[int, ...]] | None:
        """An open unit by code: its id, name and the ids from it up to the top."""
        ...

    def fact_set_on(self, unit_id: int, key: str, valid_from: date) -> FactValue | None:
        """The value set from exactly that day (what a new one replaces)."""
        ...

    def set_fact(
        self,
        unit_id: int,
        key: str,
        value: FactValue,
        valid_from: date,
        *,
        set_by: int | None,
        source: str,
        note: str,
        now: datetime,
    ) -> None: ...

    def fact_history(self, unit_id: int) -> list[FactRecord]: ...

    def audit(self, line: Audited) -> None: ...


# --- Registrations, ratings, dossiers, commendations (services/registrations.py, -----------
# services/commendations.py). storage/registry.py implements the port.


@dataclass(frozen=True)
class UnitPlace:
    """A unit and the units above it (itself first), for who may act on it."""

    id: int
    code: str
    name: str
    kind: str
    chain: tuple[int, ...]
    open: bool = True


@dataclass(frozen=True)
class RegistrationView:
    id: int
    scheme: str
    unit: UnitPlace
    year: int
    plan_code: str | None
    registered_on: date
    registered_by: int | None
    level: str | None  # who picked it, where a plan says
    outcome: str  # pending / achieved / not_achieved / withdrawn
    outcome_on: date | None
    outcome_level: str | None
    decision_no: str | None
    note: str


@dataclass(frozen=True)
class NewRegistration:
    scheme: str
    unit_id: int
    year: int
    plan_code: str | None
    registered_on: date
    registered_by: int | None
    level: str | None
    note: str
    items: tuple[str, ...]  # the dossier's checklist, created missing
    now: datetime


@dataclass(frozen=True)
class Outcome:
    outcome: str
    on: date
    level: str | None
    decision_no: str | None
    note: str


@dataclass(frozen=True)
class DossierItemView:
    id: int
    owner_kind: str  # registration / model / deliverable
    owner_id: int
    item: str
    status: str  # missing / uploaded / accepted / returned
    document_id: int | None
    note: str


@dataclass(frozen=True)
class RatingView:
    unit: UnitPlace
    scheme: str
    year: int
    rating: str
    rated_by: int | None
    rated_on: date
    note: str


@dataclass(frozen=True)
class NewCommendation:
    subject_kind: str  # member / unit
    subject_id: int
    level: str  # campaign/recognition.py
    form: str  # campaign/commendations.py
    reason: str
    decided_on: date
    decision_no: str | None
    authority: str | None
    status: str  # proposed / granted
    plan_code: str | None
    phase_code: str | None
    entered_by: int | None
    now: datetime


@dataclass(frozen=True)
class CommendationView:
    id: int
    subject_kind: str
    subject_id: int
    subject_name: str
    subject_unit_id: int  # the member's unit, or the unit itself
    level: str
    form: str
    reason: str
    decided_on: date
    decision_no: str | None
    authority: str | None
    status: str
    plan_code: str | None
    phase_code: str | None
    entered_by: int | None


@runtime_checkable  # a member's record shows commendations where the store keeps them
class RegistryStore(Protocol):
    """Registrations, ratings, dossier items and commendations (every change audited by the
    services through `NoticeStore.audit`)."""

    def unit_place(self, unit_id: int) -> UnitPlace | None: ...

    def unit_place_by_code(self, code: str) -> UnitPlace | None: ...

    def units_under(self, unit_id: int, kinds: Collection[str]) -> list[UnitPlace]:
        """Open units of those kinds in the unit's subtree (itself included), by name."""
        ...

    def member_by_id(self, member_id: int) -> MemberView | None:
        """An active member."""
        ...

    def members_of(self, unit_id: int) -> list[MemberView]:
        """The unit's active members, by name."""
        ...

    def plans_over(self, unit_id: int, day: date) -> list[Plan]:
        """The plans whose scope holds the unit, running on `day`."""
        ...

    def registration(self, registration_id: int) -> RegistrationView | None: ...

    def registration_of(self, scheme: str, unit_id: int, year: int) -> RegistrationView | None: ...

    def registrations(
        self, unit_ids: Collection[int], *, year: int | None, scheme: str | None
    ) -> list[RegistrationView]: ...

    def registrations_under(self, unit_id: int, *, year: int | None) -> list[RegistrationView]:
        """Of the unit and every unit under it."""
        ...

    def add_registration(self, new: NewRegistration) -> int | None:
        """The registration and its dossier items (missing); its id (None: the unit was
        registered for the scheme that year meanwhile)."""
        ...

    def set_outcome(self, registration_id: int, outcome: Outcome) -> None: ...

    def dossier(self, owner_kind: str, owner_id: int) -> list[DossierItemView]: ...

    def dossier_item(self, item_id: int) -> DossierItemView | None: ...

    def set_dossier_item(
        self,
        item_id: int,
        *,
        status: str,
        document_id: int | None,
        note: str,
        by: int | None,
        now: datetime,
    ) -> None: ...

    def rating(self, unit_id: int, scheme: str, year: int) -> RatingView | None: ...

    def set_rating(
        self, unit_id: int, scheme: str, year: int, rating: str, by: int | None, on: date, note: str
    ) -> None: ...

    def ratings(self, unit_ids: Collection[int], scheme: str, year: int) -> list[RatingView]: ...

    def add_commendation(self, new: NewCommendation) -> int: ...

    def commendation(self, commendation_id: int) -> CommendationView | None: ...

    def decide_commendation(
        self,
        commendation_id: int,
        *,
        status: str,
        on: date,
        decision_no: str | None,
        authority: str | None,
    ) -> None: ...

    def commendations_of(
        self, subject_kind: str, subject_ids: Collection[int]
    ) -> list[CommendationView]:
        """Newest first."""
        ...

    def commendations_under(self, unit_id: int) -> list[CommendationView]:
        """Of the unit's subtree: its units and their members; newest first."""
        ...


class RegistryDesk(Store, RegistryStore, DocumentStore, Protocol):
    """What the registration and commendation desks need: a turn's store with the registry and
    documents (`storage.repository.Repository` is all of them)."""


# --- Entered target values (services/target_values.py) -----------------------------------------
# What no data in the bot shows, entered per unit and period by the accountable role, and the
# periods closed over a unit's subtree. storage/target_values.py implements it.


@dataclass(frozen=True)
class ValuePlace:
    """A unit values may be entered for: where it sits in the tree (`Seat`), its code and name."""

    seat: Seat
    code: str
    name: str


@dataclass(frozen=True)
class NewTargetValue:
    plan_code: str
    target_code: str
    unit_id: int
    period_start: date
    period_end: date
    value: EnteredValue
    note: str
    document_id: int | None
    entered_by: int | None  # None: an admin at the CLI
    now: datetime


@dataclass(frozen=True)
class StoredValue:
    plan_code: str
    target_code: str
    unit_id: int
    period_start: date
    period_end: date
    value: EnteredValue
    note: str
    document_id: int | None
    entered_by: int | None
    entered_at: datetime


@dataclass(frozen=True)
class PeriodClosure:
    plan_code: str
    period_start: date
    period_end: date
    scope_unit_id: int
    closed_by: int | None
    closed_at: datetime


@dataclass(frozen=True)
class Holder:
    """A registered, active member holding a role, as a reminder reaches them."""

    member_id: int
    unit_id: int
    language: Language


class TargetValueStore(Protocol):
    """Entered values of plans' targets, and closed periods."""

    def plans_in_scope(self, unit_id: int, day: date) -> list[tuple[Plan, int]]:
        """Plans running on `day` over the unit or an ancestor, with the unit each covers."""
        ...

    def plans_running(self, day: date) -> list[tuple[Plan, int]]:
        """Every plan running on `day`, with the unit it covers (the reminders)."""
        ...

    def plan_and_scope(self, code: str) -> tuple[Plan, int] | None: ...

    def value_places(self, unit_id: int) -> list[ValuePlace]:
        """The open units from this one down (itself first), in the tree's order."""
        ...

    def value_place(self, code: str) -> ValuePlace | None: ...

    def target_values(
        self, plan_code: str, unit_ids: Collection[int], period_start: date
    ) -> list[StoredValue]: ...

    def save_target_value(self, value: NewTargetValue) -> tuple[int, StoredValue | None]:
        """Insert or replace the unit's value for the period: the row's id and the value it
        replaced."""
        ...

    def closure_over(
        self, plan_code: str, period_start: date, unit_id: int
    ) -> PeriodClosure | None:
        """The closure of the plan's period over this unit or one above it, if any."""
        ...

    def close_period(self, closure: PeriodClosure) -> bool:
        """Record it; False when the same scope was closed already."""
        ...

    def hint_count(
        self, plan: Plan, target: TargetSpec, unit_id: int, start: date, end: date
    ) -> float | None:
        """The bot's own count for a target with a `hint`, shown while entering; None where the
        measures' counting cannot say it."""
        ...

    def holders(self, unit_ids: Collection[int], role: Role) -> list[Holder]:
        """Registered, active members holding `role` at these units."""
        ...


# --- Unit kinds, areas covered and groupings ----------------------------------------------------


class UnitKindStore(UnitStore, Protocol):
    """Kinds a province adds, the village a team covers, and dated groupings of units."""

    def add_unit_kind(self, kind: UnitKind, now: datetime) -> None: ...

    def set_area(self, unit_id: int, area_unit_id: int | None) -> None: ...

    def in_group(self, scheme: str, group_unit_id: int, unit_id: int, valid_from: date) -> bool:
        """Whether exactly this row (scheme, group, unit, start) is kept already."""
        ...

    def add_to_group(
        self,
        *,
        scheme: str,
        group_unit_id: int,
        unit_id: int,
        valid_from: date,
        valid_to: date | None,
        source: str,
    ) -> None: ...


# --- calendar: broadcasts set to go later (services/broadcasts.py) ---
@dataclass(frozen=True)
class ScheduledBroadcast:
    number: int
    sender: MemberView  # as the sender is now (their role decides whether it still goes)
    sender_active: bool
    scope_unit_id: int
    scope_name: str  # the unit it goes to (the sender's when it was set)
    audience: str
    text: str
    image_token: str | None
    send_at: datetime


# --- Demo ---


class DemoUnitStore(UnitKindStore, UnitAdminStore, Protocol):
    """The demo's units, kinds and rostered people, on one unit of work."""


class DemoRecordStore(FactStore, ModelStore, RegistryStore, MemberStore, NoticeStore, Protocol):
    """What the rest of the demo (facts, a model, a commendation) is made on, beside the
    `UnitKindStore` of the same unit of work."""


# --- The web console's doors: one-time links and sessions (services/console_access.py) ---
@dataclass(frozen=True)
class ConsoleLink:
    member_id: int
    role: Role  # the member's role when the link was issued
    expires_at: datetime
    used_at: datetime | None


@dataclass(frozen=True)
class ConsoleSessionRow:
    member_id: int
    role: Role  # bound at login
    unit_id: int  # bound at login
    csrf: str
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None


@runtime_checkable
class ConsoleStore(Protocol):
    """Links and sessions, kept by the hashes of their secrets only."""

    def add_console_link(
        self, token_hash: str, member: MemberView, via: str, expires_at: datetime, now: datetime
    ) -> None: ...

    def take_console_link(self, token_hash: str, now: datetime) -> ConsoleLink | None:
        """Mark the link used (once: a second taker gets None) and return it as it was."""
        ...

    def active_member(self, member_id: int) -> MemberView | None:
        """The member as they are now, None when deactivated or gone."""
        ...

    def members_known_as(self, key: str) -> list[MemberView]:
        """Active members whose number (id), phone or full name is `key` (the shell names
        one so)."""
        ...

    def add_console_session(
        self, id_hash: str, member: MemberView, csrf: str, now: datetime
    ) -> None: ...

    def console_session(self, id_hash: str) -> ConsoleSessionRow | None: ...

    def touch_console_session(self, id_hash: str, now: datetime) -> None: ...

    def end_console_session(self, id_hash: str, reason: str, now: datetime) -> bool:
        """End one open session; False when it was ended already."""
        ...

    def end_member_sessions(self, member_id: int, reason: str, now: datetime) -> int:
        """End every open session of the member; how many were open."""
        ...

    def audit(self, line: Audited) -> None: ...


# --- The console's tables, map and exports of entries (services/browse.py) ---
ENTRY_ORDERS = ("occurred", "created", "reference", "area", "status", "unit", "member")


@dataclass(frozen=True)
class EntryFilter:
    """What a commander narrows the entries in their scope to; None or empty: any."""

    area: str | None = None  # content area code ("tip", "patrol", ...)
    status: str | None = None  # pending / verified / rejected
    progress: str | None = None  # a tip's: received / verifying / resolved / unfounded
    unit_id: int | None = None  # a unit in the viewer's scope, with everything under it
    member_id: int | None = None  # the author
    since: date | None = None  # occurred on or after (the campaign's zone)
    until: date | None = None  # occurred on or before
    text: str | None = None  # words anywhere in the answers, marks and case aside
    reference: str | None = None  # a reference code, or its beginning
    located: bool = False  # only entries with a point shared from the phone


# --- The console's broadcasts screen (services/broadcasts.py): the units a sender may address,
# the broadcasts a viewer follows, and each one's delivery report ---
BROADCAST_OUTCOMES = ("sent", "pending", "failed", "stopped", "unreached")


@dataclass(frozen=True)
class BroadcastUnit:
    id: int
    name: str
    depth: int  # levels under the sender's unit (0: the sender's unit itself)


@dataclass(frozen=True)
class FollowedBroadcast:
    """One broadcast as the console lists it, with how far it has gone."""

    number: int
    sender_name: str
    scope_name: str  # the unit it went to
    audience: str  # a key of `campaign.roles.AUDIENCES`
    text: str
    image_token: str | None
    status: str  # scheduled / sending / done / stopped / cancelled
    created_at: datetime
    send_at: datetime | None  # set for one that was scheduled
    finished_at: datetime | None
    tally: Tally

    @property
    def finished(self) -> bool:
        return self.status not in ("scheduled", "sending")


@dataclass(frozen=True)
class Delivery:
    """One recipient of a broadcast: a name and unit, never a chat id."""

    member_id: int
    name: str
    unit_name: str
    channel: str | None  # None: the bot had no chat of theirs
    outcome: str  # one of BROADCAST_OUTCOMES
    at: datetime | None  # when it went (sent) or was stopped


class BroadcastFollowStore(Protocol):
    """What the console's broadcasts screen reads beside `BroadcastStore`: every read takes
    the viewer and `under` (an admin's: also those going to a unit under theirs)."""

    def broadcast_units(self, sender: MemberView) -> list[BroadcastUnit]:
        """The sender's unit and the open units under it, in tree order."""
        ...

    def followed_broadcasts(
        self, viewer: MemberView, under: bool, limit: int
    ) -> list[FollowedBroadcast]:
        """The latest broadcasts sent or sending (not those still scheduled), newest first."""
        ...

    def followed_broadcast(
        self, viewer: MemberView, under: bool, number: int
    ) -> FollowedBroadcast | None: ...

    def broadcast_deliveries(self, viewer: MemberView, under: bool, number: int) -> list[Delivery]:
        """Each recipient's outcome (none for a broadcast the viewer does not follow)."""
        ...

    def shared_photo(self, token: str) -> tuple[str, bytes] | None:
        """(content type, bytes) of a photo kept for broadcasts."""
        ...

    def audit(self, line: Audited) -> None: ...


# --- The console's files (roster import, plans, audit log: services/roster.py, plans.py,
# audit_log.py) ---
class CommandLine:
    """The shell's operator, who may act over the whole unit tree (`antt-bot roster import`,
    `plan load`): said explicitly where a console caller passes its `MemberView`."""

    def __repr__(self) -> str:
        return "COMMAND_LINE"


COMMAND_LINE = CommandLine()


class RosterImportStore(UnitAdminStore, Protocol):
    """The unit tree and invites, and the audit line of who imported a roster."""

    def audit(self, line: Audited) -> None: ...


# --- The console's map of located entries (services/map_points.py) ---
@dataclass(frozen=True)
class MapPoint:
    """One located entry on the map: where and what, never an answer's text (a tip's
    informant, or anything sealed, is not in a point)."""

    reference: str
    area: str  # content area code
    status: str  # pending / verified / rejected
    progress: str | None  # a tip's
    occurred_at: datetime
    unit_name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class MapUnit:
    """A unit the viewer sees entries of (a choice of the map's unit filter)."""

    id: int
    name: str
    depth: int  # 0 for the viewer's own top unit, 1 under it, ...


@runtime_checkable
class MapStore(Protocol):
    def entry_points(self, viewer: MemberView, wanted: EntryFilter, limit: int) -> list[MapPoint]:
        """Located entries in the viewer's scope (storage.scope) matching `wanted`, newest
        first, at most `limit`."""
        ...

    def map_units(self, viewer: MemberView) -> list[MapUnit]:
        """The units in the viewer's scope, as a tree read top down."""
        ...


# --- The console's entries screens (services/browse.py, storage/browse.py) ---
CONSOLE_CHANNEL = "console"  # photos lent to a console session: a reader, never a chat
RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """One page of a table: its rows, how many match in all, and where the page starts."""

    rows: tuple[RowT, ...]
    total: int
    offset: int
    limit: int

    @property
    def number(self) -> int:
        return self.offset // self.limit + 1 if self.limit else 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1


@dataclass(frozen=True)
class EntryRow:
    """One entry as the console's table and its exports show it (never the informant)."""

    reference: str
    content_area: str
    kind: str
    status: str
    progress: str | None
    urgent: bool
    occurred_at: datetime
    created_at: datetime
    author_id: int
    author: str
    unit_id: int
    unit_name: str
    details: dict[str, Any]  # the answers (sealed ones never live there)
    teammates: tuple[str, ...]
    photo_ids: tuple[int, ...]  # the attachments on it, in the order they were given
    located: bool  # a point was shared from the phone
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    reviewable: bool  # pending, and the viewer neither logged it nor is credited on it


@dataclass(frozen=True)
class EntryEvent:
    """A line of an entry's history (the audit trail): what was done, by whom, when; a note
    only for a review's reason (never a reveal's reason, never sealed data)."""

    action: str  # entry.created / entry.edited / entry.verified / entry.rejected / ...
    actor: str | None  # the member's name; None: the system or the command line
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class EntryDetail:
    """One entry in full for the console: its answers, people, photos, point and history.
    `has_informant` says a sealed informant exists; the informant itself is never here."""

    row: EntryRow
    teammates: tuple[str, ...]
    photo_ids: tuple[int, ...]
    latitude: float | None
    longitude: float | None
    has_informant: bool
    model: str | None  # the registered model's name and reference, for a model entry
    history: tuple[EntryEvent, ...]


@runtime_checkable
class EntryBrowseStore(Protocol):
    """The entries a commander sees (storage.scope, the review queue's own rule), filtered."""

    def browse_entries(
        self,
        viewer: MemberView,
        wanted: EntryFilter,
        order: str,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[EntryRow]:
        """`order`: one of ENTRY_ORDERS; names sort the Vietnamese way."""
        ...

    def count_entries(self, viewer: MemberView, wanted: EntryFilter) -> int: ...

    def entry_detail(self, viewer: MemberView, reference: str) -> EntryDetail | None:
        """None when there is no such entry in the viewer's scope."""
        ...

    def pending_for_review(
        self, viewer: MemberView, references: Collection[str]
    ) -> list[ReviewItem]:
        """Those of `references` waiting for this reviewer now, as the review queue shows
        them (any number: not bounded by the queue's first BULK_LIMIT)."""
        ...

    def units_in_scope(self, viewer: MemberView) -> list[tuple[int, str]]:
        """(id, name) of the units whose entries the viewer sees, the Vietnamese way."""
        ...

    def members_in_scope(
        self, viewer: MemberView, unit_id: int | None, limit: int
    ) -> list[tuple[int, str]] | None:
        """(id, name) of the members of the units the viewer sees (narrowed to `unit_id`),
        the Vietnamese way; None when there are more than `limit`."""
        ...

    def audit(self, line: Audited) -> None: ...


# --- Tips as cases in the console (services/tips.py; storage/tip_cases.py) ---
TIP_CASE_ORDERS = ("occurred", "created", "reference", "progress", "activity")
ASSIGNED_FILTERS = ("me", "none")  # "" or anything else: anyone


@dataclass(frozen=True)
class TipCaseFilter:
    """The console's tip list: the entries' filter (its area is always "tip") and who the
    case is assigned to ("me", "none" for nobody, "" for anyone)."""

    entries: EntryFilter = EntryFilter()
    assigned: str = ""


@dataclass(frozen=True)
class TipCaseRow:
    """One tip in the list (never its informant: sealed answers are not in `details`)."""

    reference: str
    occurred_at: datetime
    created_at: datetime
    author: str
    unit_name: str
    category: str | None
    details: dict[str, Any]
    progress: str
    urgent: bool
    assigned_name: str | None
    notes: int  # follow-up notes, questions and the outcome
    last_activity: datetime  # the latest of: logged, assigned, a note
    outcome_note: str | None


@dataclass(frozen=True)
class TipEvent:
    """One line of a case's timeline: a note, a question, the outcome, an assignment, a move,
    the reporter's addition (`text`: the answers' keys they changed)."""

    at: datetime
    kind: str  # note / question / outcome / assigned / progress / edited (by its reporter)
    who: str
    text: str


@dataclass(frozen=True)
class TipCase:
    """One tip as its case page shows it, without the informant (`has_informant` says whether
    there is one to reveal). `followed` says whether the viewer follows it up (the tip's own
    commune officer, `campaign.review.may_reveal`)."""

    reference: str
    author_id: int
    author: str
    author_language: Language
    unit_id: int
    unit_name: str
    details: dict[str, Any]
    occurred_at: datetime
    created_at: datetime
    progress: str
    urgent: bool
    has_informant: bool
    photos: tuple[int, ...]
    assigned_to: int | None
    assigned_name: str | None
    assigned_at: datetime | None
    outcome_note: str | None
    timeline: tuple[TipEvent, ...]
    followed: bool


class TipCaseStore(Protocol):
    """Tips as cases: every tip in the viewer's scope (closed ones too), one case, its
    assignment and its notes."""

    def tip_cases(
        self, viewer: MemberView, wanted: TipCaseFilter, order: str, offset: int, limit: int
    ) -> list[TipCaseRow]: ...

    def count_tip_cases(self, viewer: MemberView, wanted: TipCaseFilter) -> int: ...

    def tip_case_units(self, viewer: MemberView) -> list[tuple[int, str]]:
        """The units whose tips the viewer sees (id, name), for the team filter."""
        ...

    def tip_case(self, viewer: MemberView, reference: str) -> TipCase | None:
        """The tip if it is in the viewer's scope; None otherwise."""
        ...

    def assign_tip(
        self, officer: MemberView, reference: str, assignee_id: int | None, now: datetime
    ) -> bool:
        """Assign (None: nobody); False when the officer does not follow this tip up."""
        ...

    def add_tip_note(
        self, officer: MemberView, reference: str, kind: str, text: str, now: datetime
    ) -> bool:
        """A note of `kind` (note / question); False when the officer does not follow it up."""
        ...


class TipCaseWork(TipCaseStore, TipStore, MemberStore, NoticeStore, Protocol):
    """What the console's case desk holds: the cases, the tips' moves, the commune's officers
    and the notices (one repository serves them all)."""


AUDIT_ORDERS = ("newest", "oldest", "action")


@dataclass(frozen=True)
class AuditQuery:
    """What an admin narrows the audit log to; None or empty: any."""

    actor: str | None = None  # words of the acting member's name, marks and case aside
    action: str | None = None  # an action name ("console.login")
    target: str | None = None  # a target id or reference ("DEMO-XA", an entry's code), its start
    since: date | None = None  # on or after (the campaign's zone)
    until: date | None = None  # on or before
    order: str = "newest"  # one of AUDIT_ORDERS


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    actor_member_id: int | None
    actor_name: str | None  # the member's name, None for the command line or the system
    actor: str  # "member", "cli", "system", "web"
    action: str
    target: str
    target_id: str
    details: Mapping[str, Any]  # never a sealed answer (the store leaves those out)
    unit_name: str | None


@dataclass(frozen=True)
class AuditPage:
    lines: list[AuditLine]
    total: int  # every line matching, beyond the page


class AuditSearchStore(Protocol):
    """The audit log as an admin reads it: the lines of their subtree (and, for an admin of a
    top-level unit, the command line's and the system's)."""

    def audit_lines(
        self,
        viewer: MemberView,
        query: AuditQuery,
        window: tuple[datetime | None, datetime | None],
        offset: int,
        limit: int,
    ) -> AuditPage:
        """The lines matching, newest first; `window`: from (included) and before (excluded),
        the query's days as instants."""
        ...

    def audit_actions(self, viewer: MemberView) -> list[str]:
        """The action names found in the lines the viewer may read, sorted."""
        ...

    def audit(self, line: Audited) -> None: ...


# --- The console's standings and deadlines board (services/standings.py `board`,
# services/deliverables.py `board`) ---
class RankStore(Protocol):
    """What the week's movement reads: a level's ranks now, and on the last weekly board."""

    def ranked(
        self, plan_code: str, phase_code: str, level: str, scope: int
    ) -> list[tuple[int, Standing]]:
        """Everyone of `level` under the scope unit, ranked (equals in Vietnamese order)."""
        ...

    def last_ranks(
        self, plan_code: str, phase_code: str, level: str, subject_ids: list[int]
    ) -> dict[int, int]:
        """Each subject's rank on the last weekly board kept (absent: not on it)."""
        ...


@dataclass(frozen=True)
class BoardUnit:
    """A unit a standings or deadlines board shows."""

    id: int
    name: str
    kind: str


class StandingsBoardStore(RankStore, Protocol):
    """The console's standings: the plan over the viewer's unit, the communes a viewer above
    them picks from, and a commune's board with the movements given."""

    def scored_plan(self, unit_id: int, day: date) -> Plan | None:
        """The plan with content areas running over the unit on the day."""
        ...

    def standing_scope(self, unit_id: int) -> BoardUnit:
        """The unit's commune (itself or the nearest above), or the unit when none is above."""
        ...

    def board_units(self, unit_id: int, kind: str) -> list[BoardUnit]:
        """Open units of the kind under the unit (itself included), in Vietnamese order."""
        ...

    def standings_board(
        self,
        plan: Plan,
        phase: PhaseSpec | None,
        scope: tuple[int, str],
        people: list[tuple[int, Standing]],
        teams: list[tuple[int, Standing]],
        made_at: datetime | None,
        moves: dict[str, dict[int, int | None]],
    ) -> Ranking:
        """The commune's board: each member's team and role, the entries of each area."""
        ...


class LateStore(Protocol):
    """What tells the units late on a deadline (the job's escalation, the console's board)."""

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]: ...

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]: ...


@dataclass(frozen=True)
class Submission:
    """A deadline reported done by a unit: when, by whom, with what."""

    unit_id: int
    unit_name: str
    done_at: datetime
    member_name: str
    document_id: int | None
    attachment_id: int | None
    state: str = "submitted"  # submitted or accepted (campaign.deadlines.DONE_STATES)


@dataclass(frozen=True)
class SubmittedPhoto:
    """The photo a unit reported a deadline with, and the units whose commanders may see it."""

    unit_chain: tuple[int, ...]  # the reporting unit and each unit above it
    content_type: str
    data: bytes = field(repr=False)


class DeadlineBoardStore(LateStore, Protocol):
    """The deadlines board: the plans around a day and each unit's submissions."""

    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        """Plans not over by the day, with the unit each covers."""
        ...

    def units_within(self, unit_id: int) -> list[int]:
        """The unit and every unit under it."""
        ...

    def submissions(self, plan_code: str, deadline_code: str, due: date) -> list[Submission]: ...

    def submitted_photo(self, attachment_id: int) -> SubmittedPhoto | None:
        """The photo a deadline was reported with (None: no report holds it, or its file is
        gone)."""
        ...

    def audit(self, line: Audited) -> None: ...


# --- The console's people screens (helper "people"): the unit tree, members and invites an
# admin keeps within their subtree (services/units.py's *_as, services/members_admin.py;
# storage/units.py and storage/members_admin.py) ---


@dataclass(frozen=True)
class UnitNode:
    """A unit of an admin's tree: its kind and dates, its parent, successor and people."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: date
    valid_to: date | None  # closed on
    successor_code: str | None  # merged into
    members: int  # active members


class UnitAuditStore(UnitAdminStore, Protocol):
    """The tree and its codes as the console keeps them: an admin's acts audited as theirs."""

    def audit(self, line: Audited) -> None: ...

    def unit_nodes(self, unit_ids: Collection[int]) -> list[UnitNode]:
        """These units (open and closed), by code."""
        ...


@dataclass(frozen=True)
class MemberRow:
    """A member as an admin lists them."""

    id: int
    full_name: str
    phone: str | None
    role: Role
    unit_id: int
    unit_code: str
    unit_name: str
    language: Language
    active: bool
    registered: bool  # joined on some channel (a rostered person may not have yet)
    channels: tuple[str, ...]  # where the bot reaches them, by name

    def view(self) -> MemberView:
        return MemberView(
            self.id, self.full_name, self.role, self.unit_id, self.unit_name, self.language
        )


@dataclass(frozen=True)
class InviteRow:
    """An open invite as an admin lists or prints it."""

    code: str
    unit_id: int
    unit_code: str
    unit_name: str
    role: Role
    expires_at: datetime
    created_at: datetime
    full_name: str | None  # the rostered person it is for


@dataclass(frozen=True)
class MemberChat:
    channel: str
    chat_id: str
    language: Language


class MemberAdminStore(NoticeStore, ConsoleStore, Protocol):
    """Members and open invites of a set of units, and what an admin changes of a member."""

    def members_within(self, unit_ids: Collection[int]) -> list[MemberRow]:
        """Every member (active or not) of these units."""
        ...

    def member_row(self, member_id: int) -> MemberRow | None: ...

    def member_chats(self, member_id: int) -> list[MemberChat]:
        """The member's chats on every channel, in the language the bot speaks there."""
        ...

    def set_member_role(self, member_id: int, role: Role) -> None: ...

    def set_member_unit(self, member_id: int, unit_id: int) -> None: ...

    def deactivate_member(self, member_id: int) -> None:
        """Inactive from now on; a flow their chats were in is dropped with its answers."""
        ...

    def withdraw_member_invites(self, member_id: int, now: datetime) -> int:
        """Expire now the open invites made for this member; how many."""
        ...

    def withdraw_member_messages(self, member_id: int) -> int:
        """Cancel the notices and broadcasts still queued for the member; how many."""
        ...

    def invites_within(self, unit_ids: Collection[int], now: datetime) -> list[InviteRow]:
        """Unused, unexpired invites of these units, oldest first."""
        ...


# --- Console review (issue 14): a broadcast sent twice by one double click ---
class BroadcastRepeatStore(Protocol):
    def broadcast_made_since(
        self,
        sender: MemberView,
        audience: str,
        text: str,
        image_token: str | None,
        scope_unit_id: int,
        since: datetime,
    ) -> tuple[int, str] | None:
        """(number, status) of the sender's latest broadcast with this very audience, unit,
        text and photo started or scheduled at `since` or after; None if none. Holds the
        sender's row until the transaction ends, so that two sends of one form take turns."""
        ...


# --- Submissions (issue 15): a unit's submission for a deadline, its documents and checklist,
# and the level above's decision. Implemented by storage/calendar.py (`SubmissionRepository`).
@dataclass(frozen=True)
class SubmissionView:
    id: int
    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    unit_name: str
    state: str  # campaign.deadlines.SUBMISSION_STATES
    opened_at: datetime  # deliverables.done_at
    opened_by: str  # the member's name
    submitted_at: datetime | None
    submitted_by: str | None
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str | None
    withdrawn_at: datetime | None
    documents: tuple[DocumentView, ...]  # not dropped, oldest first
    attachment_id: int | None  # a photo reported before issue 15 ("attachment:N")
    checklist: tuple[DossierItemView, ...]  # the plan's required documents, in its order


# --- Reports the bot drafts (issue 15): implemented by storage/reports.py ---
@dataclass(frozen=True)
class ReportRow:
    """A drafted report kept (`reports` table): the latest per deadline and unit is current."""

    id: int
    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    period_code: str
    starts: date
    ends: date
    as_of: date
    built_at: datetime
    built_by: int | None  # None: the job or the command line
    document_id: int | None
    annex_id: int | None
    template: str


class SubmissionStore(NoticeStore, DocumentStore, Protocol):
    """A unit's submissions for deadlines and the level above's decisions (issue 15). Every
    change is audited (`deliverable.drafted|document_added|document_dropped|submitted|withdrawn|
    accepted|returned`)."""

    def submittable(self, member: MemberView, day: date) -> list[Submittable]:
        """The deadlines of the plans over the member's unit that fall to the member's role
        and level, due within 30 days or at most 7 days late, not accepted, and not submitted
        past its due day (what the unit may still gather, submit or withdraw)."""
        ...

    def submission(
        self, plan_code: str, deadline_code: str, due: date, unit_id: int
    ) -> SubmissionView | None: ...

    def submission_by_id(self, submission_id: int) -> SubmissionPlace | None:
        """The submission, the plan it is for and the unit's line of command."""
        ...

    def open_draft(self, member: MemberView, target: Submittable, now: datetime) -> SubmissionView:
        """The unit's submission, made now as a draft with one checklist row per item of the
        deadline's (missing) when there is none (audited); a double call makes one row."""
        ...

    def add_to_submission(
        self, submission_id: int, document_id: int, item: str | None, member_id: int, now: datetime
    ) -> None:
        """The document becomes the submission's (and fills the checklist `item`); audited."""
        ...

    def drop_from_submission(
        self, submission_id: int, document_id: int, member_id: int, now: datetime
    ) -> None:
        """The document is no longer part of it (kept, sealed); the checklist item it filled
        is missing again; audited."""
        ...

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
        """Move it to `state` only if it is still in one of `was` (read under the update: two
        decisions at once, one wins); audited. False: it had changed."""
        ...

    def commanders_of(self, unit_id: int) -> list[MemberView]:
        """The unit's active, registered commanders (told of a decision)."""
        ...


class ReportStore(NoticeStore, DocumentStore, StandingsBoardStore, Protocol):
    """What a drafted report is made of and where it is kept (issue 15): the figures, read with
    the very functions /chitieu and the standings use, and the `reports` rows."""

    def local_day(self, moment: datetime) -> date:
        """The day `moment` falls on in the campaign's zone."""
        ...

    def report_plan(self, plan_code: str) -> tuple[Plan, int] | None:
        """A loaded plan (as an admin may have ended it) and the unit it covers."""
        ...

    def plans_around(self, day: date) -> list[tuple[Plan, int]]:
        """Plans not over by the day, with the unit each covers."""
        ...

    def report_unit(self, unit_id: int) -> ReportUnit | None: ...

    def report_chain(self, unit_id: int) -> list[ReportUnit]:
        """The unit, then each unit above it."""
        ...

    def officer_names(self, unit_id: int) -> list[str]:
        """Active officers of the unit (role officer), by name."""
        ...

    def units_of_kind(self, scope_unit_id: int, kind: str) -> list[tuple[int, str]]:
        """Open units of the kind under the scope, in Vietnamese order."""
        ...

    def done_units(self, plan_code: str, deadline_code: str, due: date) -> set[int]: ...

    def entry_figures(self, unit_id: int, starts: date, ends: date) -> list[EntryFigure]:
        """Entries of the unit's subtree that happened in the days (the campaign's zone), by
        area, kind, progress and status (verified or pending): a target's `count` grouped."""
        ...

    def notable_entries(
        self, unit_id: int, starts: date, ends: date, limit: int
    ) -> list[NotableEntry]:
        """Verified entries of the subtree in the days that were urgent or are resolved tips,
        oldest first: reference, day, area, kind and team only."""
        ...

    def figure(
        self, plan: Plan, spec: CountSpec, unit_id: int, starts: date, ends: date
    ) -> float | None:
        """`storage.targets.count`: the very number a target of that spec counts."""
        ...

    def target_report_for(self, plan: Plan, unit_id: int, day: date) -> TargetReport:
        """Every target of the named plan as the unit sees it on the day: what /chitieu
        shows (`storage.targets.report`)."""
        ...

    def model_records(self, unit_id: int, starts: date, ends: date) -> list[ModelRecord]:
        """Models of the subtree with an event (built, recognised...) in the days."""
        ...

    def registration_records(
        self, unit_id: int, starts: date, ends: date
    ) -> list[RegistrationRecord]:
        """Registrations of the subtree for the days' years, and ratings rated in the days."""
        ...

    def commendation_records(
        self, unit_id: int, starts: date, ends: date
    ) -> list[CommendationRecord]:
        """Commendations decided in the days for the subtree's units and members."""
        ...

    def submissions_of(self, unit_id: int, starts: date, ends: date) -> list[DeliverableRecord]:
        """The unit's own submissions for deadlines due in the days, with their state."""
        ...

    def report_states(
        self, plan_code: str, deadline_code: str, due: date, unit_ids: Collection[int]
    ) -> dict[int, DeliverableRecord]:
        """Each of these units' submission for the deadline (absent: nothing yet)."""
        ...

    def add_report(self, new: NewReport) -> ReportRow: ...

    def set_report_files(self, report_id: int, document_id: int, annex_id: int) -> None: ...

    def latest_report(
        self, plan_code: str, deadline_code: str, due: date, unit_id: int
    ) -> ReportRow | None: ...

    def reports_of(self, unit_id: int, limit: int = 50) -> list[ReportRow]:
        """The unit's drafted reports, the latest first."""
        ...


@dataclass(frozen=True)
class ReportUnit:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


@dataclass(frozen=True)
class EntryFigure:
    """How many entries of one area, kind, progress (tips) and status."""

    area: str
    kind: str
    progress: str | None
    status: str  # verified / pending
    count: int


@dataclass(frozen=True)
class NotableEntry:
    reference: str
    day: date
    area: str
    kind: str
    team: str
    urgent: bool
    progress: str | None


@dataclass(frozen=True)
class ModelRecord:
    day: date
    reference: str
    name: str
    scheme: str
    event: str  # model_events.kind
    level: str | None
    unit_name: str


@dataclass(frozen=True)
class RegistrationRecord:
    day: date | None
    kind: str  # registration / rating
    scheme: str
    year: int
    outcome: str  # a registration's outcome, a rating's rating
    unit_name: str


@dataclass(frozen=True)
class CommendationRecord:
    day: date
    form: str
    level: str
    status: str
    subject: str  # the unit's or the member's name (commendations are public)
    decision_no: str | None


@dataclass(frozen=True)
class DeliverableRecord:
    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    state: str
    submitted_on: date | None  # local day (None: a draft)


@dataclass(frozen=True)
class NewReport:
    plan_code: str
    deadline_code: str
    due: date
    unit_id: int
    period_code: str
    starts: date
    ends: date
    as_of: date
    built_at: datetime
    built_by: int | None
    template: str
    template_sha256: str
    figures: Mapping[str, Any]


# --- Submissions (issue 15): what a unit may submit, and a submission with its place ---
@dataclass(frozen=True)
class Submittable:
    """A deadline the unit may gather a submission for, with what its plan asks of it."""

    item: OpenDeliverable
    checklist: tuple[tuple[str, Localized | None], ...] = ()  # (item code, its name), in order
    documents: str = "optional"  # "required": at least one document
    escalate_to: str | None = None


@dataclass(frozen=True)
class SubmissionPlace:
    """A submission with the deadline it answers and who stands above the unit."""

    view: SubmissionView
    title: Localized
    checklist: tuple[tuple[str, Localized | None], ...]
    documents: str
    escalate_to: str | None
    line: tuple[tuple[int, str], ...]  # (unit id, kind): the unit, then each unit above it


class SubmissionDesk(DeliverableStore, SubmissionStore, FileStore, Protocol):
    """What marking a deliverable submitted needs (`services.deliverables.mark_submitted`)."""


class SubmissionBoardStore(DeadlineBoardStore, Protocol):
    """The deadlines board with each unit's submission as it stands (issue 15)."""

    def submission_views(
        self, plan_code: str, deadline_code: str, due: date
    ) -> dict[int, SubmissionView]:
        """Each unit's submission for the deadline, whatever its state, by unit id."""
        ...


# --- Personal data (issue 16, Luật 91/2025 BVDLCN): a member's own copy and erasure
# (services/personal_data.py, storage/personal_data.py) ---
@dataclass(frozen=True)
class ErasureRequestView:
    id: int
    member_id: int
    member_name: str
    language: Language
    unit_id: int | None
    unit_name: str
    asked_at: datetime
    status: str  # asked / done / refused / withdrawn
    decided_by_name: str | None
    decided_at: datetime | None
    reason: str | None


@dataclass(frozen=True)
class ErasureCandidate:
    """One entry the member logged, as the erasure rule reads it."""

    id: int
    content_area: str
    status: str
    progress: str | None
    points: int | None


@dataclass(frozen=True)
class ErasedMember:
    """What an erasure did; `files`: (sha256, content type) of photos no row names any more,
    to unlink once the transaction has committed."""

    chats: int
    kept: int
    deleted: int
    audit_lines: int
    files: list[tuple[str, str]]


class PersonalDataStore(Protocol):
    """A member's copy of what the bot holds about them, erasure requests, the erasure."""

    def personal_record(self, member_id: int) -> dict[str, Any]:
        """Every row about the member, as plain values (sealed informants left sealed)."""
        ...

    def erasure_request(self, request_id: int) -> ErasureRequestView | None: ...

    def open_erasure(self, member_id: int) -> ErasureRequestView | None:
        """The member's request still waiting for an admin, if any."""
        ...

    def add_erasure_request(self, member: MemberView, now: datetime) -> int: ...

    def erasure_requests_within(self, unit_id: int, limit: int) -> list[ErasureRequestView]: ...

    def within(self, root_unit_id: int, unit_id: int | None) -> bool:
        """Whether `unit_id` is the root unit or under it."""
        ...

    def line_admins(self, unit_id: int) -> list[MemberView]:
        """Active admins of the unit and of every unit above it."""
        ...

    def settle_erasure(
        self, request_id: int, status: str, by: int | None, reason: str | None, now: datetime
    ) -> bool: ...

    def erasure_candidates(self, member_id: int) -> list[ErasureCandidate]: ...

    def member_chat(self, member_id: int) -> tuple[str, str] | None: ...

    def queue_to_chat(self, chat: tuple[str, str], message: Outgoing, now: datetime) -> None: ...

    def erase_member(
        self,
        member_id: int,
        name: str,
        keep: Collection[int],
        drop: Collection[int],
        now: datetime,
    ) -> ErasedMember:
        """In one transaction: the member anonymised, their chats forgotten, `keep` entries
        anonymised, `drop` entries deleted, the rest of theirs deleted."""
        ...

    def unlink_files(self, stored: list[tuple[str, str]]) -> int:
        """After the commit: unlink those of the files no row names; how many."""
        ...

    def notify(self, notices: list[Notice], now: datetime) -> None: ...

    def audit(self, line: Audited) -> None: ...


# --- Files drawn off the conversation path (issue 16): charts, workbooks, report documents ---
@dataclass(frozen=True)
class FileRequest:
    """A file a turn or a job asks for: drawn in a worker process once the transaction that
    asked commits, then kept and sent to the chat. `payload` is plain JSON, what rebuilds the
    drawing's data in a short transaction (ids, codes, days): never a member's words, never
    sealed data."""

    kind: str
    channel: str  # the chat it goes to ("" for a job's: its readers are found when delivered)
    chat_id: str
    member_id: int | None
    language: Language
    payload: dict[str, Any]


@dataclass(frozen=True)
class FileJob:
    """A file request as kept (`file_jobs`), with the attempt drawing it now."""

    id: int
    request: FileRequest
    status: str  # queued / drawing / done / failed
    attempts: int
    created_at: datetime


class FileJobStore(Protocol):
    def ask_file(self, request: FileRequest, now: datetime, *, here: bool = True) -> int:
        """Record a file to draw; its id. `here`: this process draws it once the transaction
        commits (a turn's); else it waits, queued, for the leader's drawer (a job's)."""
        ...


class MemberLookup(Protocol):
    """Who asked for a file, read again when it is drawn (they may have left meanwhile)."""

    def member_by_id(self, member_id: int) -> MemberView | None:
        """An active member."""
        ...
