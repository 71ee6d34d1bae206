"""Plan deliverables (/danop, the console's deadlines board): which of a plan's deadlines are
open for a commander's unit, and marking one submitted, with a photo of it if there is one.
Once marked, reminders stop for that unit and it is not listed as late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from campaign.catalogs import by_language, said
from handlers.messages import Photo
from services import registrations
from services.ports import (
    DeliverableStore,
    FileStore,
    MemberView,
    OpenDeliverable,
    RegistryStore,
)
from services.refusals import Refused


@dataclass(frozen=True)
class Submitted:
    item: OpenDeliverable
    recorded: bool  # False: the unit had reported it already (by another commander, say)


def open_deliverables(
    store: DeliverableStore, commander: MemberView, day: date
) -> list[OpenDeliverable]:
    """The deadlines falling to the commander's role and level over their unit, not reported
    yet, due within 30 days or at most 7 days late."""
    if not commander.role.is_commander:
        raise Refused(said("deliverable_commanders_only"))
    return store.open_deliverables(commander, day)


def mark_submitted(
    store: DeliverableStore,
    files: FileStore,
    commander: MemberView,
    key: str,
    photo: Photo | None,
    *,
    chat: tuple[str, str],
    now: datetime,
    registry: RegistryStore | None = None,
    document_id: int | None = None,
) -> Submitted:
    """Report the open deliverable `key` (`OpenDeliverable.key`) done for the commander's
    unit, with the photo (received in `chat`) or the document (kept already by
    `services.documents.keep`) attached; refused when it is not open any more, or while the
    registration dossier it waits on is not complete."""
    item = next((i for i in open_deliverables(store, commander, now.date()) if i.key == key), None)
    if item is None:
        raise Refused(said("deliverable_none"))
    check_dossier(registry, commander, item)
    attachment = None
    if photo is not None:
        attachment = files.add_photo(photo, channel=chat[0], chat_id=chat[1], now=now)
    recorded = store.mark_deliverable(commander, item, attachment, now, document_id=document_id)
    return Submitted(item, recorded)


def check_dossier(
    registry: RegistryStore | None, commander: MemberView, item: OpenDeliverable
) -> None:
    """A deadline that names a registration counts as submitted only when the unit registered
    for it that year and every document of its dossier is uploaded or accepted."""
    if item.registration is None:
        return
    checked = (
        registrations.dossier_for_deadline(
            registry, commander.unit_id, item.registration, item.due.year
        )
        if registry is not None
        else None
    )
    if checked is None:
        raise Refused(said("deliverable_not_registered", year=item.due.year))
    needed = checked.still_needed()
    if needed:
        names = by_language(lambda lang: ", ".join(checked.label(i, lang) for i in needed))
        raise Refused(
            said("deliverable_dossier_incomplete", items=names, number=checked.registration.id)
        )


__all__ = ["Submitted", "check_dossier", "mark_submitted", "open_deliverables"]
