"""Following tips up: who may, the open tips, moving a tip on (received -> verifying ->
resolved / unfounded) with its reporter told, and revealing a sealed informant, audited.

The chat's tip desk and the web console (issue 14, tips as cases) call these same functions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import date, datetime

from campaign.catalogs import said, text
from campaign.review import TIP_NEXT
from campaign.roles import Role
from handlers.messages import Notice, Outgoing
from services.ports import (
    TIP_CASE_ORDERS,
    Audited,
    MemberView,
    NoticeStore,
    TipCase,
    TipCaseFilter,
    TipCaseRow,
    TipCaseStore,
    TipCaseWork,
    TipChange,
    TipItem,
    TipStore,
)
from services.refusals import Refused
from services.review import fingerprint
from storage.sealing import SealedUnderAnotherKey

QUEUE = 50  # the most open tips one look takes
REVEAL_REASON_MINIMUM = 5  # characters of the reason an informant is asked for (audited)
CLOSED = frozenset({"resolved", "unfounded"})  # a tip's last steps: each needs its outcome
OUTCOME_MINIMUM = 5  # characters of the outcome note that closes a tip
NOTE_MINIMUM = 2  # characters of a follow-up note or a question to the reporter
NOTE_LONGEST = 2000  # the notes' column
PAGE = 50  # tips on one page of the console's list


class TipChanged(Refused):
    """Its author changed the tip after the officer saw it: it is moved on only as seen, so
    the officer looks again first. `item` is the tip as it is now."""

    def __init__(self, item: TipItem) -> None:
        super().__init__(said("review_changed_meanwhile", reference=item.reference))
        self.item = item


@dataclass(frozen=True)
class Informant:
    """Who gave a tip, as they were sealed (None: not given). Shown once, never kept."""

    name: str | None
    contact: str | None


def refuse_unless_follower(officer: MemberView) -> None:
    """Commune police officers follow tips up (which tips is the store's
    `campaign.review.may_reveal`: those of the officer's own commune)."""
    if officer.role is not Role.OFFICER:
        raise Refused(said("tips_officers_only"))


def open_tips(tips: TipStore, officer: MemberView, limit: int = QUEUE) -> list[TipItem]:
    """Tips received or being verified that this officer follows up, urgent and oldest first."""
    return tips.open_tips(officer, limit)


def first_open(tips: TipStore, officer: MemberView, put_off: Collection[str]) -> TipItem | None:
    """The first open tip the officer has not put off."""
    return next((t for t in open_tips(tips, officer) if t.reference not in put_off), None)


def find(tips: TipStore, officer: MemberView, reference: str) -> TipItem | None:
    """The tip as it is now; None once it is closed or no longer this officer's."""
    return next((t for t in open_tips(tips, officer) if t.reference == reference), None)


def seen(item: TipItem) -> str:
    """The fingerprint of the tip as the officer is shown it now (its answers and photos)."""
    return fingerprint(item.details, (), item.photos)


def advance(
    tips: TipStore,
    notices: NoticeStore,
    officer: MemberView,
    reference: str,
    progress: str,
    *,
    seen_as: str | None,
    now: datetime,
    note: str | None = None,
) -> TipChange:
    """Move the tip on to `progress` (one of `campaign.review.TIP_NEXT` from where it is), as
    the officer saw it, and tell its reporter in their language. Closing it (resolved,
    unfounded) needs its outcome `note`, kept on the case and in its timeline."""
    refuse_unless_follower(officer)
    outcome = outcome_of(note) if progress in CLOSED else None
    # `seen_as` None: nothing was kept of what the officer saw (a chat state of an older version).
    now_open = None if seen_as is None else find(tips, officer, reference)
    if now_open is not None and seen(now_open) != seen_as:
        raise TipChanged(now_open)
    change = tips.advance_tip(officer, reference, progress, now, outcome)
    if change is None:
        raise Refused(said("review_gone", reference=reference))
    language = change.author_language
    told = text(
        "tips_member_notice",
        language,
        reference=reference,
        progress=text("tips_progress", language, progress=progress),
    )
    notices.notify([Notice(change.author_id, Outgoing(text=told))], now)
    return change


def reveal(
    tips: TipStore,
    notices: NoticeStore,
    officer: MemberView,
    reference: str,
    reason: str,
    now: datetime,
) -> Informant:
    """Who gave the tip, for the officer of its commune, with the reason why (the store audits
    the reveal, or the refused try, with the reason). Shown to the officer once: no door keeps
    it."""
    if len(reason.strip()) < REVEAL_REASON_MINIMUM:
        raise Refused(said("reason_too_short", minimum=REVEAL_REASON_MINIMUM))
    if officer.role is not Role.OFFICER:
        # The audit says who tried, as the store's own refusal does, though nothing was shown.
        details = {"reason": reason}
        notices.audit(
            Audited("informant.reveal_refused", "entries", reference, now, officer.id, details)
        )
        refuse_unless_follower(officer)
    try:
        informant = tips.reveal_informant(officer, reference, reason, now)
    except SealedUnderAnotherKey:  # a backup restored without its key: say so, not a crash
        raise Refused(said("backup_reveal_wrong_key")) from None
    if informant is None:
        raise Refused(said("review_gone", reference=reference))
    return Informant(informant.get("informant_name"), informant.get("informant_contact"))


def outcome_of(note: str | None) -> str:
    """The outcome note closing a tip, or the refusal saying one is needed."""
    given = (note or "").strip()
    if len(given) < OUTCOME_MINIMUM:
        raise Refused(said("console_tips_outcome_needed", minimum=OUTCOME_MINIMUM))
    if len(given) > NOTE_LONGEST:
        raise Refused(said("console_tips_note_too_long", longest=NOTE_LONGEST))
    return given


# --- Tips as cases (the web console): the list, one case, assignment, notes, questions ---


@dataclass(frozen=True)
class CasePage:
    rows: list[TipCaseRow]
    total: int
    page: int  # from 1
    pages: int


def cases(
    store: TipCaseStore, viewer: MemberView, wanted: TipCaseFilter, order: str, page: int
) -> CasePage:
    """One page of the tips the viewer sees (their entries' scope), closed ones too."""
    order = order if order in TIP_CASE_ORDERS else "progress"
    total = store.count_tip_cases(viewer, wanted)
    pages = max(1, -(-total // PAGE))
    page = min(max(1, page), pages)
    rows = store.tip_cases(viewer, wanted, order, (page - 1) * PAGE, PAGE)
    return CasePage(rows, total, page, pages)


def export_cases(
    store: TipCaseWork,
    viewer: MemberView,
    wanted: TipCaseFilter,
    order: str,
    fmt: str,
    limit: int,
    now: datetime,
) -> list[TipCaseRow]:
    """Every tip of the list as filtered (never an informant: they are not in a row), up to
    `limit`; the export is audited with its filters and its row count."""
    order = order if order in TIP_CASE_ORDERS else "progress"
    total = store.count_tip_cases(viewer, wanted)
    if total > limit:
        raise Refused(said("console_tips_export_too_many", count=total, limit=limit))
    rows = store.tip_cases(viewer, wanted, order, 0, limit)
    filters = {k: _plain(v) for k, v in asdict(wanted.entries).items() if v not in (None, "")}
    filters.pop("located", None)
    if wanted.assigned:
        filters["assigned"] = wanted.assigned
    details = {"format": fmt, "filters": filters, "order": order, "rows": len(rows)}
    store.audit(Audited("export.tips", "entries", "tips", now, viewer.id, details))
    return rows


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def case_units(store: TipCaseStore, viewer: MemberView) -> list[tuple[int, str]]:
    """The units whose tips the viewer sees, for the list's team filter."""
    return store.tip_case_units(viewer)


def case(store: TipCaseStore, viewer: MemberView, reference: str) -> TipCase:
    """One tip the viewer sees, without its informant; refused outside their scope."""
    found = store.tip_case(viewer, reference.strip().upper())
    if found is None:
        raise Refused(said("console_tips_not_found", reference=reference))
    return found


def follows(found: TipCase) -> bool:
    """Whether the viewer the case was read for follows it up: moves it on, assigns it, adds
    notes, asks its reporter, reveals its informant (the tip's own commune officer)."""
    return found.followed


def moves(found: TipCase) -> tuple[str, ...]:
    """Where the tip may move next (`campaign.review.TIP_NEXT`)."""
    return TIP_NEXT.get(found.progress, ())


def case_seen(found: TipCase) -> str:
    """The fingerprint of the case as its page shows it (a move is refused once it changed)."""
    return fingerprint(found.details, (), found.photos)


def officers_for(store: TipCaseWork, found: TipCase) -> list[MemberView]:
    """Who the case may be assigned to: the active officers of the tip's own commune."""
    return store.commune_officers(found.unit_id)


def _followed(store: TipCaseWork, officer: MemberView, reference: str) -> TipCase:
    refuse_unless_follower(officer)
    found = case(store, officer, reference)
    if not follows(found):
        raise Refused(said("console_tips_not_yours", reference=found.reference))
    return found


def _note_text(typed: str) -> str:
    given = typed.strip()
    if len(given) < NOTE_MINIMUM:
        raise Refused(said("console_tips_note_too_short", minimum=NOTE_MINIMUM))
    if len(given) > NOTE_LONGEST:
        raise Refused(said("console_tips_note_too_long", longest=NOTE_LONGEST))
    return given


def advance_case(
    store: TipCaseWork,
    officer: MemberView,
    reference: str,
    progress: str,
    *,
    seen_as: str,
    note: str | None,
    now: datetime,
) -> TipChange:
    """`advance` from the case page: refused when the tip changed since the page showed it."""
    found = _followed(store, officer, reference)
    if case_seen(found) != seen_as:
        raise Refused(said("review_changed_meanwhile", reference=found.reference))
    # The case above is this transaction's: `advance`'s own check over the open queue is moot.
    return advance(
        store, store, officer, found.reference, progress, seen_as=None, now=now, note=note
    )


def assign(
    store: TipCaseWork,
    officer: MemberView,
    reference: str,
    assignee_id: int | None,
    now: datetime,
) -> MemberView | None:
    """Assign the tip to an active officer of its commune (None: to nobody), audited."""
    found = _followed(store, officer, reference)
    assignee = None
    if assignee_id is not None:
        assignee = next((o for o in officers_for(store, found) if o.id == assignee_id), None)
        if assignee is None:
            raise Refused(said("console_tips_assignee_not_officer"))
    if not store.assign_tip(officer, found.reference, assignee_id, now):
        raise Refused(said("console_tips_not_yours", reference=found.reference))
    details = {
        "assignee_id": assignee_id,
        "assignee": "" if assignee is None else assignee.full_name,
    }
    store.audit(Audited("tip.assigned", "entries", found.reference, now, officer.id, details))
    return assignee


def add_note(
    store: TipCaseWork, officer: MemberView, reference: str, note: str, now: datetime
) -> None:
    """A follow-up note on the case, audited. Notes are not sealed: never the informant."""
    found = _followed(store, officer, reference)
    given = _note_text(note)
    if not store.add_tip_note(officer, found.reference, "note", given, now):
        raise Refused(said("console_tips_not_yours", reference=found.reference))
    store.audit(Audited("tip.noted", "entries", found.reference, now, officer.id, {"note": given}))


def ask_reporter(
    store: TipCaseWork,
    notices: NoticeStore,
    officer: MemberView,
    reference: str,
    question: str,
    now: datetime,
) -> None:
    """Ask the member who reported the tip a question through the bot; kept on the case as a
    question, audited. The member answers by adding to their tip (/sua, named in the message):
    the case shows the new answers, and its timeline the addition."""
    found = _followed(store, officer, reference)
    given = _note_text(question)
    if not store.add_tip_note(officer, found.reference, "question", given, now):
        raise Refused(said("console_tips_not_yours", reference=found.reference))
    asked = text(
        "console_tips_question_to_member",
        found.author_language,
        reference=found.reference,
        question=given,
    )
    notices.notify([Notice(found.author_id, Outgoing(text=asked))], now)
    notices.audit(
        Audited("tip.asked", "entries", found.reference, now, officer.id, {"question": given})
    )
