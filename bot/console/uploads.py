"""A file uploaded for a preview, kept until its confirmation: in a private folder of the data
dir, one a session (named from a hash of the session's own hash), mode 0600, one file a kind.

Between the preview and the confirmation nothing but the file's SHA-256 travels in the page:
the confirmation reads the kept file again, and refuses when its hash is not the one the admin
previewed (another upload since, in another tab, replaced it). The rows are never taken from
the form."""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

FOLDER = "console-uploads"
KEEP_FOR = 12 * 3600  # seconds: a session's longest life
KINDS = ("roster", "plan", "invites")


@dataclass(frozen=True)
class Kept:
    path: Path
    sha256: str
    name: str  # as the admin's computer called it


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Uploads:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / FOLDER

    def _folder(self, session_hash: str) -> Path:
        name = hashlib.sha256(f"uploads:{session_hash}".encode()).hexdigest()[:32]
        folder = self.root / name
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def keep(self, session_hash: str, kind: str, name: str, suffix: str, data: bytes) -> Kept:
        """Keep the upload as the session's file of this kind (replacing the one before)."""
        if kind not in KINDS:
            raise ValueError(kind)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._prune()
        folder = self._folder(session_hash)
        self.forget(session_hash, kind)
        path = folder / f"{kind}{suffix}"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        (folder / f"{kind}.name").write_text(name[:200], encoding="utf-8")
        return Kept(path, digest(data), name[:200])

    def current(self, session_hash: str, kind: str, sha256: str) -> Kept | None:
        """The session's kept file of this kind if its content still hashes to `sha256`."""
        folder = self._folder(session_hash)
        for path in folder.glob(f"{kind}.*"):
            if path.suffix == ".name":
                continue
            data = path.read_bytes()
            if digest(data) != sha256:
                return None
            named = folder / f"{kind}.name"
            name = named.read_text(encoding="utf-8") if named.exists() else path.name
            return Kept(path, sha256, name)
        return None

    def read(self, session_hash: str, kind: str) -> Kept | None:
        """The session's kept file of this kind, whatever it holds."""
        folder = self._folder(session_hash)
        for path in folder.glob(f"{kind}.*"):
            if path.suffix != ".name":
                return self.current(session_hash, kind, digest(path.read_bytes()))
        return None

    def claim(self, session_hash: str, kind: str, sha256: str) -> Kept | None:
        """The session's kept file of this kind, if it hashes to `sha256`, taken for one
        confirmation: a second one at the same time (a double click, another tab) finds
        nothing, as after it. `release` gives it back, `finish` removes it."""
        kept = self.current(session_hash, kind, sha256)
        if kept is None:
            return None
        taken = kept.path.with_name(f"{kind}-taken-{secrets.token_hex(8)}{kept.path.suffix}")
        try:
            os.rename(kept.path, taken)  # atomic: only one confirmation takes it
        except FileNotFoundError:
            return None
        return Kept(taken, kept.sha256, kept.name)

    def release(self, session_hash: str, kind: str, taken: Kept) -> None:
        """A taken file back as the session's (its confirmation was refused), unless another
        upload has replaced it meanwhile."""
        if not taken.path.exists():
            return
        folder = self._folder(session_hash)
        if any(path.suffix != ".name" for path in folder.glob(f"{kind}.*")):
            taken.path.unlink(missing_ok=True)
        else:
            os.rename(taken.path, folder / f"{kind}{taken.path.suffix}")

    def finish(self, taken: Kept) -> None:
        taken.path.unlink(missing_ok=True)

    def forget(self, session_hash: str, kind: str) -> None:
        for path in self._folder(session_hash).glob(f"{kind}.*"):
            path.unlink(missing_ok=True)

    def _prune(self) -> None:
        """Files of sessions long over (their folder untouched for KEEP_FOR) are removed."""
        limit = time.time() - KEEP_FOR
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            files = list(folder.iterdir())
            if all(path.stat().st_mtime < limit for path in files):
                for path in files:
                    path.unlink(missing_ok=True)
                folder.rmdir()
