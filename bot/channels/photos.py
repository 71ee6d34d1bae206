"""Photos from any channel: checked to be images before they go any further."""

from __future__ import annotations

from handlers.messages import Photo

MAX_PHOTO_BYTES = 10 * 1024 * 1024
_IMAGE_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"RIFF": "image/webp",
}


class NotAnImage(ValueError):
    pass


def image_type(head: bytes) -> str | None:
    """The content type read from the bytes themselves, never from a file name."""
    for magic, content_type in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            if magic == b"RIFF" and head[8:12] != b"WEBP":
                continue
            return content_type
    return None


def photo_from_bytes(data: bytes) -> Photo:
    content_type = image_type(data[:16])
    if content_type is None:
        raise NotAnImage("not a JPEG, PNG or WebP image")
    return Photo(data=data, content_type=content_type)
