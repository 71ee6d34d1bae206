"""Correcting an entry already logged (/sua): which entries and answers a member may change,
the change itself, and who is told.

Only the author changes an entry (not a teammate credited on it, not a commander). Sealed
answers (an informant) and the answers that gate them (a tip's source) never change: that
would leave an informant behind a tip now anonymous, or a named tip with none. An entry
verified or rejected goes back to review when changed (its points taken back until a
commander looks again). Teammates added hear it as those named at logging did; those taken
off hear it too, since their points for it go."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from campaign.areas import ContentArea, FieldKind, FieldSpec
from campaign.catalogs import said
from campaign.when import format_datetime
from handlers.messages import Notice
from services.entries import teammate_notices
from services.ports import (
    EditableEntry,
    EditStore,
    EntryStore,
    EntryView,
    MemberStore,
    MemberView,
    NoticeStore,
)
from services.refusals import Refused

PENDING = "pending"
WHEN_FIELDS = (FieldKind.DATE, FieldKind.TIME, FieldKind.MOMENT)


@dataclass(frozen=True)
class Edited:
    reference: str
    back_to_review: bool  # it had been verified or rejected: a commander looks again


def entries_to_edit(entries: EntryStore, member: MemberView, limit: int) -> list[EntryView]:
    """The member's latest entries they logged themselves (not those a teammate credited)."""
    return [e for e in entries.recent_entries(member.id, limit * 2) if not e.credited][:limit]


def entry_to_edit(edits: EditStore, member: MemberView, reference: str) -> EditableEntry:
    """The member's own entry `reference`; refused for anyone else's, or none."""
    entry = edits.editable_entry(member, reference) if reference else None
    if entry is None:
        raise Refused(said("edit_not_yours", reference=reference))
    return entry


def goes_back_to_review(entry: EditableEntry) -> bool:
    return entry.status != PENDING


def locked_keys(area: ContentArea | None) -> set[str]:
    """The answers no edit changes: sealed ones, and those deciding whether they are asked."""
    fields = area.fields if area is not None else ()
    return {spec.key for spec in fields if spec.sealed} | {
        key for spec in fields if spec.sealed for key in spec.only_if
    }


def _asked(spec: FieldSpec, details: dict[str, Any]) -> bool:
    return all(details.get(k) == v for k, v in spec.only_if.items())


def changeable_fields(
    members: MemberStore, member: MemberView, area: ContentArea | None, entry: EditableEntry
) -> list[FieldSpec]:
    """The answers of the entry the member may change, in the area's order: those asked
    for it, not locked, and teammates only while there is someone to credit or uncredit."""
    locked = locked_keys(area)
    fields = []
    for spec in area.fields if area is not None else ():
        if spec.key in locked or not _asked(spec, entry.details):
            continue
        if spec.kind is FieldKind.TEAMMATES and not entry.teammates and not team(members, member):
            continue  # nobody to pick
        fields.append(spec)
    return fields


def answer_field(area: ContentArea | None, key: str) -> FieldSpec | None:
    """The field `key` if a new answer may be given for it (photos have their own change)."""
    spec = next((s for s in area.fields if s.key == key), None) if area is not None else None
    if spec is None or spec.kind is FieldKind.PHOTO or spec.key in locked_keys(area):
        return None
    return spec


def team(members: MemberStore, member: MemberView) -> list[MemberView]:
    """Whom the member may credit: their team's roster."""
    return members.team_roster(member)


def teammates_after(
    members: MemberStore, member: MemberView, entry: EditableEntry, picked: Collection[int]
) -> set[int]:
    """Those picked from the roster (no one else: a door that takes ids credits only the
    team), and those credited who are no longer on the roster to pick (left the team): the
    member was not shown them, so they stay."""
    on_roster = {m.id for m in team(members, member)}
    left = {mid for mid, _ in entry.teammates if mid not in on_roster}
    return {mid for mid in picked if mid in on_roster} | left


def _edited(entry: EditableEntry, previous: str | None) -> Edited:
    if previous is None:  # not the member's (any more)
        raise Refused(said("edit_not_yours", reference=entry.reference))
    return Edited(entry.reference, previous != PENDING)


def change_answer(
    edits: EditStore,
    member: MemberView,
    entry: EditableEntry,
    area: ContentArea | None,
    key: str,
    value: Any,
    now: datetime,
) -> Edited:
    """Give answer `key` a new value; a new date or time moves when the entry happened."""
    if key in locked_keys(area):
        raise Refused(said("edit_field_locked", reference=entry.reference))
    details = {**entry.details, key: value}
    occurred_at = entry.occurred_at
    kind = next((s.kind for s in area.fields if s.key == key), None) if area else None
    if area is not None and kind in WHEN_FIELDS:
        occurred_at = area.occurred_at(details, entry.occurred_at.astimezone(now.tzinfo))
    edited = replace(entry, details=details, occurred_at=occurred_at)
    previous = edits.edit_entry(member, edited, now)
    return _edited(entry, previous)


def change_photos(
    edits: EditStore,
    member: MemberView,
    entry: EditableEntry,
    photos: Sequence[int],
    replace: bool,
    now: datetime,
) -> Edited:
    """Attach `photos` (attachment ids) to the entry; the ones it had detached first if
    `replace` (kept on disk, named in the audit)."""
    previous = edits.change_photos(member, entry.reference, photos, replace, now)
    return _edited(entry, previous)


def change_teammates(
    edits: EditStore,
    members: MemberStore,
    notices: NoticeStore,
    member: MemberView,
    entry: EditableEntry,
    area: ContentArea | None,
    picked: Collection[int],
    now: datetime,
) -> Edited:
    """Credit exactly those picked (and those who left the team, see `teammates_after`);
    the teammates added and those taken off are told."""
    wanted = teammates_after(members, member, entry, picked)
    previous = edits.change_teammates(member, entry.reference, tuple(sorted(wanted)), now)
    edited = _edited(entry, previous)
    before = {mid for mid, _ in entry.teammates}
    local = entry.occurred_at.astimezone(now.tzinfo)
    when = area.happened(entry.details, local) if area is not None else format_datetime(local)

    def told(teammates: set[int], key: str) -> list[Notice]:
        return teammate_notices(
            members, member, area, sorted(teammates), key, when, entry.reference, entry.content_area
        )

    notices.notify(
        told(wanted - before, "teammate_notice") + told(before - wanted, "teammate_removed_notice"),
        now,
    )
    return edited
