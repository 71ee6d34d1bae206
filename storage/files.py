"""Photo files under the data dir, named by their SHA-256 (the same photo is kept once)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from handlers.messages import Photo

_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


class PhotoFiles:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "attachments"

    def save(self, photo: Photo) -> tuple[str, str]:
        """(sha256, path); written atomically, so a half-written file is never referenced."""
        digest = hashlib.sha256(photo.data).hexdigest()
        folder = self.folder / digest[:2]
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / f"{digest}.{_EXTENSIONS.get(photo.content_type, 'bin')}"
        if not path.exists():
            temporary = path.with_suffix(".part")
            # Members' photos (faces, plates, addresses) are for the bot's user only.
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "wb") as written:
                written.write(photo.data)
            temporary.replace(path)
        return digest, str(path)
