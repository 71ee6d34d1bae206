"""Photos and documents under the data dir, named by their SHA-256 (the same file is kept once)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from campaign.documents import EXTENSIONS as _EXTENSIONS
from handlers.messages import Photo

_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def extension(content_type: str) -> str:
    return _EXTENSIONS.get(content_type, "bin")


class PhotoFiles:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "attachments"

    def _path(self, digest: str, content_type: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.{extension(content_type)}"

    def save(self, photo: Photo) -> tuple[str, str]:
        """(sha256, path); written atomically, so a half-written file is never referenced."""
        return self.save_bytes(photo.data, photo.content_type)

    def save_bytes(self, data: bytes, content_type: str) -> tuple[str, str]:
        """A photo or a document (its type told by `campaign.documents.sniff`): (sha256, path)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest, content_type)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            temporary = path.with_suffix(".part")
            # Members' photos (faces, plates, addresses) are for the bot's user only.
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "wb") as written:
                written.write(data)
            temporary.replace(path)
        else:  # kept again: the retention's sweep spares a file touched lately (its row comes)
            os.utime(path)
        return digest, str(path)

    def read(self, digest: str, content_type: str) -> bytes | None:
        """A saved photo's bytes, found by its digest under this data dir (so a data dir moved
        elsewhere still serves them); None if it is not there."""
        if not _DIGEST.match(digest):
            return None
        try:
            return self._path(digest, content_type).read_bytes()
        except FileNotFoundError:
            return None

    def remove(self, digest: str, content_type: str) -> bool:
        """Unlink a file no row names any more (the caller checked, after its commit)."""
        if not _DIGEST.match(digest):
            return False
        try:
            self._path(digest, content_type).unlink()
        except FileNotFoundError:
            return False
        return True

    def kept(self) -> Iterator[tuple[str, Path]]:
        """Every file kept (its digest and path), and half-written ones (digest ""), for the
        retention's sweep of files no row names."""
        if not self.folder.is_dir():
            return
        for sub in sorted(self.folder.iterdir()):
            if not sub.is_dir():
                continue
            for path in sorted(sub.iterdir()):
                digest = path.name.partition(".")[0]
                yield (digest if _DIGEST.match(digest) and path.suffix != ".part" else ""), path
