"""Photos from any channel, stored content-addressed under the data dir."""

from __future__ import annotations

import hashlib
from pathlib import Path

from handlers.messages import Photo

MAX_PHOTO_BYTES = 10 * 1024 * 1024
_IMAGE_MAGIC = {
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"RIFF": ("image/webp", "webp"),
}


class NotAnImage(ValueError):
    pass


def image_kind(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) read from the bytes themselves, never from a file name."""
    for magic, kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            if magic == b"RIFF" and head[8:12] != b"WEBP":
                continue
            return kind
    return None


class PhotoStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "attachments"

    def store(self, data: bytes) -> Photo:
        kind = image_kind(data[:16])
        if kind is None:
            raise NotAnImage("not a JPEG, PNG or WebP image")
        content_type, extension = kind
        digest = hashlib.sha256(data).hexdigest()
        folder = self.folder / digest[:2]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}.{extension}"
        if not path.exists():
            temporary = path.with_suffix(".part")
            temporary.write_bytes(data)
            temporary.replace(path)  # atomic: a half-written photo is never referenced
        return Photo(sha256=digest, content_type=content_type, size=len(data), path=str(path))
