"""Files made for a chat (charts, workbooks), photos received, a broadcast's shared photo, and
an entry's photos lent to a reader (storage/card_photos.py)."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import insert, select

from handlers.messages import Photo
from services.ports import FileStore, MemberView
from storage import card_photos
from storage.members import as_reviewer
from storage.schema import attachments, files
from storage.unit_of_work import FeatureRepository

SHARED = "*"  # the channel and chat of a file any chat may read (a broadcast's photo)


class FileRepository(FeatureRepository, FileStore):
    """Files and photos (`services.ports.FileStore`)."""

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
        if row.sha256 is None or self.work.files is None:
            return None
        if not card_photos.still_lent(self.db, row.attachment_id, row.channel, row.chat_id):
            return None
        data = self.work.files.read(row.sha256, row.content_type)
        return None if data is None else (row.name, row.content_type, data)

    def add_photo(self, photo: Photo, *, channel: str, chat_id: str, now: datetime) -> int:
        if self.work.files is None:
            raise RuntimeError("this repository was made without a place for photos")
        sha256, path = self.work.files.save(photo)
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

    def entry_photos(
        self, reader: MemberView, reference: str, channel: str, chat_id: str, now: datetime
    ) -> list[str]:
        return card_photos.lend(self.db, as_reviewer(reader), reference, channel, chat_id, now)

    def save_shared_photo(self, photo: Photo, now: datetime) -> str:
        extension = photo.content_type.removeprefix("image/")
        return self.save_file(
            SHARED, SHARED, f"anh.{extension}", photo.content_type, photo.data, now
        )


__all__ = ["SHARED", "FileRepository"]
