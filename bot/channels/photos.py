"""Photos from any channel: checked to be images before they go any further."""

from __future__ import annotations

import io
import warnings

from handlers.messages import Photo

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# A phone's 64 MP camera fits; a small file claiming more pixels is a decompression bomb
# aimed at whoever opens it (a commander's phone), and stays under Pillow's own bomb limit.
MAX_PHOTO_PIXELS = 80_000_000
_IMAGE_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"RIFF": "image/webp",
}
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


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
    _check_decodes(data, content_type)
    return Photo(data=data, content_type=content_type)


def _check_decodes(data: bytes, content_type: str) -> None:
    """Magic bytes are only a header: the image must open as what it claims to be, within the
    pixel bound, and pass Pillow's check (PNG: every chunk's checksum). A JPEG's scan is
    decoded too, at 1/8 scale, which is cheap: a header with anything after it is refused."""
    from PIL import Image  # on the first photo: a web-only start does not load Pillow

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != _FORMATS[content_type]:
                    raise NotAnImage(f"not a {content_type} image")
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_PHOTO_PIXELS:
                    raise NotAnImage(f"{width}x{height} pixels")
                image.verify()
            if content_type == "image/jpeg":
                with Image.open(io.BytesIO(data)) as image:
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                    image.load()
    except NotAnImage:
        raise
    except Exception as error:  # Pillow raises many kinds for a broken file
        raise NotAnImage(f"does not decode: {type(error).__name__}") from None
