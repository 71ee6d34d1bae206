"""Documents (evidence, dossiers, reports): rows here, bytes on disk beside the photos."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from services.ports import DocumentStore, DocumentView, MemberView, NewDocument
from storage.schema import documents
from storage.tree import chain
from storage.unit_of_work import FeatureRepository


class DocumentRepository(FeatureRepository, DocumentStore):
    """`services.ports.DocumentStore`."""

    def add_document(self, document: NewDocument) -> int:
        if self.work.files is None:
            raise RuntimeError("this repository was made without a place for files")
        sha256, path = self.work.files.save_bytes(document.data, document.content_type)
        return int(
            self.db.execute(
                insert(documents)
                .values(
                    owner_kind=document.owner_kind,
                    owner_id=document.owner_id,
                    unit_id=document.unit_id,
                    sha256=sha256,
                    content_type=document.content_type,
                    size=len(document.data),
                    path=path,
                    original_name=document.original_name,
                    uploaded_by=document.uploaded_by,
                    created_at=document.now,
                )
                .returning(documents.c.id)
            ).scalar_one()
        )

    def attach_document(self, document_id: int, owner_kind: str, owner_id: int) -> None:
        self.db.execute(
            update(documents)
            .where(documents.c.id == document_id)
            .values(owner_kind=owner_kind, owner_id=owner_id)
        )

    def document(self, reader: MemberView | None, document_id: int) -> DocumentView | None:
        row = self.db.execute(select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            return None
        # Sealed from anyone outside the unit's line of command: the reader's unit must be the
        # document's or one above it.
        if reader is not None and reader.unit_id not in chain(self.db, row.unit_id):
            return None
        return DocumentView(
            id=row.id,
            owner_kind=row.owner_kind,
            owner_id=row.owner_id,
            unit_id=row.unit_id,
            content_type=row.content_type,
            size=row.size,
            original_name=row.original_name,
            uploaded_by=row.uploaded_by,
            created_at=row.created_at,
        )

    def document_bytes(self, reader: MemberView | None, document_id: int) -> bytes | None:
        shown = self.document(reader, document_id)
        if shown is None or self.work.files is None:
            return None
        sha256 = self.db.execute(
            select(documents.c.sha256).where(documents.c.id == document_id)
        ).scalar_one()
        return self.work.files.read(sha256, shown.content_type)


__all__ = ["DocumentRepository"]
