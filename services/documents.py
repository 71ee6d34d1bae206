"""Keeping and opening documents: the rules every door (chat, CLI, console) shares."""

from __future__ import annotations

from datetime import datetime

from campaign import documents as kinds
from campaign.catalogs import said
from services.ports import (
    Audited,
    DocumentStore,
    DocumentView,
    MemberView,
    NewDocument,
    NoticeStore,
)
from services.refusals import Refused


def keep(
    store: DocumentStore,
    notices: NoticeStore,
    uploader: MemberView | None,
    *,
    data: bytes,
    name: str,
    unit_id: int,
    owner_kind: str,
    owner_id: int | None,
    now: datetime,
    limit: int = kinds.DEFAULT_LIMIT,
) -> int:
    """Check the bytes (kind by content, size) and keep them; the document's id. Refused, with
    nothing kept, when they are not a document the bot takes."""
    problem = kinds.problem(data, limit)
    if problem is not None:
        raise Refused(problem)
    content_type = kinds.sniff(data)
    assert content_type is not None  # `problem` said it is one
    document_id = store.add_document(
        NewDocument(
            data=data,
            content_type=content_type,
            original_name=kinds.clean_name(name, content_type),
            unit_id=unit_id,
            owner_kind=owner_kind,
            owner_id=owner_id,
            uploaded_by=uploader.id if uploader else None,
            now=now,
        )
    )
    notices.audit(
        Audited(
            "document.uploaded",
            "documents",
            str(document_id),
            now,
            actor_member_id=uploader.id if uploader else None,
            details={"owner": owner_kind, "size": len(data), "type": content_type},
            actor=None if uploader else "cli",
        )
    )
    return document_id


def open_document(
    store: DocumentStore,
    notices: NoticeStore,
    reader: MemberView | None,
    document_id: int,
    now: datetime,
) -> tuple[DocumentView, bytes]:
    """The document and its bytes for a reader in its unit's line of command; every opening
    is audited. Refused alike whether it does not exist or may not be seen."""
    shown = store.document(reader, document_id)
    data = store.document_bytes(reader, document_id) if shown else None
    if shown is None or data is None:
        raise Refused(said("document_not_found"))
    notices.audit(
        Audited(
            "document.opened",
            "documents",
            str(document_id),
            now,
            actor_member_id=reader.id if reader else None,
            actor=None if reader else "cli",
            # The document's unit: its own admins read who opened it, from above or the shell.
            unit_id=shown.unit_id,
        )
    )
    return shown, data
