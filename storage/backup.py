"""Backups a province can restore: one tar archive of the database and the data dir's files.

- SQLite is copied through its online backup API (one read snapshot: under WAL the bot keeps
  writing meanwhile), then checked with PRAGMA integrity_check; PostgreSQL through `pg_dump
  --format=custom`, its password in the child's environment only.
- The archive holds `database/`, the data dir's `attachments/`, `console-uploads/` and
  `mau-bao-cao/`, and last `manifest.json` (format, alembic head, database kind, creation time,
  the SHA-256 of every member). Files the bot made for a chat live in the `files` table, so
  they come with the database. The secret key stays out unless asked for: a backup and its
  key kept together are no protection of the sealed informants.
- Optionally encrypted as it is written (AES-256-GCM in 64 KiB chunks, the key derived from a
  passphrase with scrypt): a province's photos never sit in memory whole.
- Restore unpacks into a staging folder, checks every hash, refuses an archive made by a newer
  version, puts the database and the files in place, then migrates the database up.

Messages are catalog keys with values (`Said`): the command line says them in the admin's
language, the daily job logs them in English.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import make_url
from sqlalchemy.engine import URL

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FOLDER = "database"
SQLITE_MEMBER = f"{DATABASE_FOLDER}/antt.db"
POSTGRES_MEMBER = f"{DATABASE_FOLDER}/antt.dump"
KEY_MEMBER = "secret.key"
SECRET_KEY_FILE = "secret.key"  # as bot/settings.py names it in the data dir
FOLDERS = ("attachments", "console-uploads", "mau-bao-cao")
ARCHIVE_PREFIX = "antt-"
PLAIN_SUFFIX = ".tar"
SEALED_SUFFIX = ".tar.enc"
PART_SUFFIX = ".part"
# A backup's working folder beside its archive (the database's copy or dump, unencrypted),
# and the lock file inside that says its process still lives.
SCRATCH_PREFIX = ".antt-backup-"
STAGING_PREFIX = ".antt-restore-"  # a restore's unpacked archive, inside the data dir
BUSY = ".busy"
LOCK_NAMES = ("scheduler", "outbox")  # scheduler/leader.py's lock files beside an SQLite file
# Held shared by every `antt-bot run` on an SQLite file, whatever its role: a web process leads
# nothing, yet a restore under it would leave it writing to the replaced (deleted) file.
SERVING_LOCK = "serving"
COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class Said:
    """A message for whoever runs the backup: a catalog key and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


Say = Callable[[Said], None]


def _quiet(_said: Said) -> None:
    return None


class BackupError(Exception):
    """A backup or restore that cannot go on; `said` tells why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.said = Said(key, values)


@dataclass(frozen=True)
class Source:
    """What a backup is made of, or restored into: the data dir, the database and the key."""

    data_dir: Path
    database_url: str  # the resolved URL (sqlite:///… or postgresql://…)
    secret_key: str = ""  # to tell whether a restored backup's informants open

    @property
    def url(self) -> URL:
        return make_url(self.database_url)

    @property
    def kind(self) -> str:
        return "sqlite" if self.url.get_backend_name() == "sqlite" else "postgresql"

    @property
    def sqlite_path(self) -> Path:
        database = self.url.database
        if not database or database == ":memory:":
            raise BackupError("backup_no_database_file")
        return Path(database)


@dataclass(frozen=True)
class Made:
    path: Path
    size: int
    members: int
    encrypted: bool
    with_key: bool


@dataclass(frozen=True)
class Restored:
    kind: str
    revision: str | None
    created_at: str
    members: int
    key: str  # "opens", "wrong", "no_informants", "missing"


# --- Encryption: AES-256-GCM over 64 KiB chunks, a scrypt-derived key ---
MAGIC = b"ANTTBAK\x01"
CHUNK = 64 * 1024
TAG = 16
SALT = 16
NONCE_PREFIX = 7
SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 15, 8, 1  # 32 MiB, a fraction of a second
# magic, salt, log2(n), r, p, nonce prefix, SHA-256 of the passphrase check
_HEADER = struct.Struct(f">8s{SALT}sBBB{NONCE_PREFIX}s32s")


def _derive(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not 10 <= log_n <= 22 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise BackupError("backup_damaged", member="header")
    derived = Scrypt(salt=salt, length=64, n=1 << log_n, r=r, p=p).derive(
        passphrase.encode("utf-8")
    )
    # Half the key, half a check: a wrong passphrase is told from a damaged archive.
    return derived[:32], hashlib.sha256(derived[32:]).digest()


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    # The STREAM construction: a chunk's place and whether it ends the stream are in its nonce,
    # so chunks cannot be reordered, dropped or the archive cut short unnoticed.
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


class SealingWriter(io.RawIOBase):
    """A write-only stream that encrypts what it is given onto `out`, chunk by chunk."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, prefix = os.urandom(SALT), os.urandom(NONCE_PREFIX)
        key, check = _derive(passphrase, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)
        self._header = _HEADER.pack(MAGIC, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, prefix, check)
        out.write(self._header)
        self._out, self._aead, self._prefix = out, AESGCM(key), prefix
        self._buffer = bytearray()
        self._counter = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += bytes(data)
        # One chunk is always held back: only at close is it known to be the last.
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._counter, last)
        self._out.write(self._aead.encrypt(nonce, chunk, self._header))
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class OpeningReader(io.RawIOBase):
    """A read-only stream of what `SealingWriter` encrypted; refuses a wrong passphrase and
    any changed, reordered or missing chunk."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size:
            raise BackupError("backup_damaged", member="header")
        magic, salt, log_n, r, p, prefix, check = _HEADER.unpack(header)
        if magic != MAGIC:
            raise BackupError("backup_not_an_archive")
        key, expected = _derive(passphrase, salt, log_n, r, p)
        if not hmac.compare_digest(expected, check):
            raise BackupError("backup_wrong_passphrase")
        self._source, self._header, self._prefix = source, header, prefix
        self._aead = AESGCM(key)
        self._counter = 0
        self._pending = source.read(CHUNK + TAG)
        self._plain = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes:
        from cryptography.exceptions import InvalidTag

        sealed, following = self._pending, self._source.read(CHUNK + TAG)
        last = not following
        try:
            plain = self._aead.decrypt(
                _nonce(self._prefix, self._counter, last), sealed, self._header
            )
        except InvalidTag:
            raise BackupError("backup_damaged", member=f"chunk {self._counter}") from None
        self._pending, self._counter, self._done = following, self._counter + 1, last
        return plain

    def readinto(self, buffer: Any) -> int:
        while not self._plain and not self._done:
            self._plain = self._next_chunk()
        size = min(len(buffer), len(self._plain))
        buffer[:size] = self._plain[:size]
        self._plain = self._plain[size:]
        return size


# --- Hashing members as they go in and out ---
class _Hashing(io.RawIOBase):
    """Reads `inner`, hashing what passes."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.digest.update(data)
        return len(data)


def _add(tar: tarfile.TarFile, name: str, path: Path) -> str:
    """`path` into the archive as `name`; its SHA-256."""
    info = tarfile.TarInfo(name)
    with path.open("rb") as handle:
        info.size = os.fstat(handle.fileno()).st_size
        info.mtime = int(os.fstat(handle.fileno()).st_mtime)
        info.mode = 0o600
        hashing = _Hashing(handle)
        tar.addfile(info, io.BufferedReader(hashing, COPY_CHUNK))
    return hashing.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))
    return hashlib.sha256(data).hexdigest()


# --- Making a backup ---
def key_check(secret_key: str) -> str:
    """A fingerprint of the secret key (HMAC, not the key): a restore tells whether the key at
    hand is the one the backup's informants were sealed under."""
    return hmac.new(secret_key.encode("utf-8"), b"antt-bot backup key check", "sha256").hexdigest()[
        :16
    ]


def default_name(now: datetime, *, encrypted: bool) -> str:
    return f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}{SEALED_SUFFIX if encrypted else PLAIN_SUFFIX}"


def make_backup(
    source: Source,
    target: Path,
    *,
    passphrase: str = "",
    with_key: bool = False,
    say: Say = _quiet,
    now: datetime | None = None,
) -> Made:
    """Write the archive to `target` (through a `.part` file renamed at the end: a backup cut
    short never passes for a whole one)."""
    now = now or datetime.now(UTC)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(target.name + PART_SUFFIX)
    digests: dict[str, str] = {}
    with (
        tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=target.parent) as scratch,
        _busy(Path(scratch) / BUSY),
    ):
        # The database first, then the files: every file a row of the copy names was written
        # before that row was committed, so it is on disk when the folders are listed.
        say(Said("backup_database", {"kind": source.kind}))
        if source.kind == "sqlite":
            copy, member = Path(scratch) / "antt.db", SQLITE_MEMBER
            revision = copy_sqlite(source.sqlite_path, copy)
        else:
            copy, member = Path(scratch) / "antt.dump", POSTGRES_MEMBER
            revision = dump_postgres(source.url, copy)
        files = list(_data_files(source.data_dir))
        say(Said("backup_files", {"count": len(files)}))
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # prune leaves a `.part` being written alone
        try:
            with os.fdopen(descriptor, "wb") as out:
                sink: BinaryIO = out
                sealing = SealingWriter(out, passphrase) if passphrase else None
                if sealing is not None:
                    sink = sealing  # type: ignore[assignment]
                with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    digests[member] = _add(tar, member, copy)
                    progress = _Progress(copy, files, say)
                    for name, path in files:
                        try:
                            digests[name] = _add(tar, name, path)
                        except FileNotFoundError:  # deleted since listed (retention): not needed
                            continue
                        finally:
                            progress.added(path)
                    if with_key:
                        digests[KEY_MEMBER] = _add_bytes(
                            tar, KEY_MEMBER, (source.secret_key + "\n").encode("ascii")
                        )
                    manifest = {
                        "format": FORMAT,
                        "application": "antt-bot",
                        "created_at": now.astimezone(UTC).isoformat(),
                        "database": source.kind,
                        "alembic_head": revision,
                        "key_check": key_check(source.secret_key) if source.secret_key else None,
                        "with_key": with_key,
                        "members": digests,
                    }
                    body = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
                    _add_bytes(tar, MANIFEST, body)
                if sealing is not None:
                    sealing.close()
                out.flush()
                os.fsync(out.fileno())
                os.replace(partial, target)  # while still locked: prune never sees it free
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    size = target.stat().st_size
    say(Said("backup_made", {"path": str(target), "size": _megabytes(size)}))
    return Made(target, size, len(digests) + 1, bool(passphrase), with_key)


class _Progress:
    """Says how far the files are, every tenth of their size (a province's photos take
    minutes)."""

    def __init__(self, database: Path, files: list[tuple[str, Path]], say: Say) -> None:
        self.sizes = {path: _size(path) for _, path in files}
        self.done = database.stat().st_size
        self.total = self.done + sum(self.sizes.values())
        self.next = 10
        self.say = say

    def added(self, path: Path) -> None:
        self.done += self.sizes.get(path, 0)
        percent = 100 * self.done // max(self.total, 1)
        if percent >= self.next and percent < 100:
            self.say(
                Said(
                    "backup_progress",
                    {
                        "percent": int(percent),
                        "done": _megabytes(self.done),
                        "total": _megabytes(self.total),
                    },
                )
            )
            self.next = percent // 10 * 10 + 10


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def _data_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    for folder in FOLDERS:
        root = data_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            # Regular files only (no links out of the data dir); a half-written `.part` is not
            # referenced by any row yet.
            if path.is_file() and not path.is_symlink() and path.suffix != PART_SUFFIX:
                yield path.relative_to(data_dir).as_posix(), path


def copy_sqlite(database: Path, copy: Path) -> str | None:
    """Copy a live SQLite database through the online backup API; the copy's alembic head."""
    if not database.is_file():
        raise BackupError("backup_no_database_file")
    source = sqlite3.connect(database, timeout=30)
    target = sqlite3.connect(copy)
    try:
        # All pages in one step: one read snapshot, which under WAL never blocks a writer;
        # copied in several steps, each write of the bot would restart the copy.
        source.backup(target)
        checked = target.execute("PRAGMA integrity_check").fetchall()
        if checked != [("ok",)]:
            raise BackupError("backup_integrity", detail=str(checked[:3]))
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return _sqlite_revision(target)
    finally:
        target.close()
        source.close()


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


# --- PostgreSQL through pg_dump / pg_restore ---
def _libpq_environment(url: URL) -> dict[str, str]:
    """The connection as libpq's variables, for the child only: the password never reaches a
    command line (seen by every user in `ps`) or a log."""
    env = dict(os.environ)
    values = {
        "PGHOST": url.host,
        "PGPORT": str(url.port) if url.port else None,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    for name, value in values.items():
        if value:
            env[name] = str(value)
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if option in url.query:
            env[variable] = str(url.query[option])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError("backup_no_pg_tool", tool=name)
    return found


def _tool_major(tool: str) -> int:
    answer = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
    # "pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)": the number after the product name.
    found = re.search(r"\)\s*(\d+)", answer.stdout)
    major = int(found.group(1)) if found else None
    if major is None:
        raise BackupError("backup_no_pg_tool", tool=tool)
    return major


def _postgres_in_use(url: URL) -> bool:
    """Whether a bot serves this database now: a leader holds an advisory lock there, and a
    `--role web` process, which leads nothing, keeps its pool's connections open. Any other
    session counts: `pg_restore --clean` under it would drop the tables it is writing to."""
    import psycopg

    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(libpq, connect_timeout=10) as connection:
            held = connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"
            ).fetchone()
            others = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            ).fetchone()
    except psycopg.OperationalError as error:
        raise BackupError("backup_cannot_connect", error=str(error).strip()) from None
    return bool(held and held[0]) or bool(others and others[0])


def _server_facts(url: URL) -> tuple[int, str | None, bool]:
    """The server's major version, the database's alembic head, and whether it has tables."""
    import psycopg

    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(libpq, connect_timeout=10) as connection:
            number = connection.execute("SHOW server_version_num").fetchone()
            tables = connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()
            revision = None
            if connection.execute("SELECT to_regclass('alembic_version')").fetchone() != (None,):
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
    except psycopg.OperationalError as error:
        # libpq's message names host and database, never the password.
        raise BackupError("backup_cannot_connect", error=str(error).strip()) from None
    assert number is not None and tables is not None
    return int(number[0]) // 10000, revision, bool(tables[0])


def _check_client(tool: str, server: int) -> None:
    client = _tool_major(tool)
    if client < server:
        raise BackupError("backup_pg_tool_too_old", tool=tool, client=client, server=server)


def dump_postgres(url: URL, out: Path) -> str | None:
    """`pg_dump --format=custom` of the database into `out`; the database's alembic head."""
    tool = _tool("pg_dump")
    server, revision, _ = _server_facts(url)
    _check_client(tool, server)
    command = [tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={out}"]
    _run_tool(command, url)
    return revision


def _run_tool(command: list[str], url: URL) -> None:
    done = subprocess.run(
        command,
        env=_libpq_environment(url),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()][-3:]
        raise BackupError(
            "backup_pg_tool_failed", tool=Path(command[0]).name, error=" / ".join(lines)
        )


def restore_postgres(url: URL, dump: Path) -> None:
    tool = _tool("pg_restore")
    server, _, _ = _server_facts(url)
    _check_client(tool, server)
    # One transaction: a restore that fails halfway leaves the database as it was.
    command = [
        tool,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={url.database}",
        str(dump),
    ]
    _run_tool(command, url)


# --- Restoring ---
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def _allowed(name: str) -> bool:
    """A relative path inside one of the archive's places (a province's templates may have
    Vietnamese names); nothing that could land outside the staging folder."""
    parts = name.split("/")
    if _CONTROL.search(name) or any(part in ("", ".", "..") for part in parts):
        return False
    top = name.split("/", 1)[0]
    return name in (MANIFEST, KEY_MEMBER, SQLITE_MEMBER, POSTGRES_MEMBER) or (
        top in FOLDERS and "/" in name
    )


def open_archive(path: Path, passphrase: str) -> BinaryIO:
    """The archive's tar stream: decrypted when it is encrypted."""
    handle = path.open("rb")
    head = handle.read(len(MAGIC))
    handle.seek(0)
    if head != MAGIC:
        return handle
    if not passphrase:
        handle.close()
        raise BackupError("backup_needs_passphrase")
    try:
        return io.BufferedReader(OpeningReader(handle, passphrase), COPY_CHUNK)
    except BaseException:
        handle.close()
        raise


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def unpack(path: Path, passphrase: str, staging: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Every member into `staging`, hashed on the way; the manifest and the hashes found."""
    found: dict[str, str] = {}
    folders: set[str] = set()
    manifest: dict[str, Any] | None = None
    stream = open_archive(path, passphrase)
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for info in tar:
                if not _plain_member(info, found, folders):
                    # Ours always begin with the database: anything else first is not ours.
                    if not found:
                        raise BackupError("backup_not_an_archive")
                    raise BackupError("backup_damaged", member=info.name)
                extracted = tar.extractfile(info)
                assert extracted is not None
                if info.name == MANIFEST:
                    data = extracted.read()
                    found[MANIFEST] = hashlib.sha256(data).hexdigest()
                    manifest = json.loads(data)
                    continue
                where = staging / info.name
                where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                digest = hashlib.sha256()
                # The owner's only, whatever the caller's umask (the command line sets 077).
                descriptor = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as out:
                    while chunk := extracted.read(COPY_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                found[info.name] = digest.hexdigest()
    except (tarfile.TarError, EOFError, json.JSONDecodeError, UnicodeDecodeError):
        if not found:  # not even one member read: some other file (or a compressed copy)
            raise BackupError("backup_not_an_archive") from None
        raise BackupError("backup_damaged", member=path.name) from None
    finally:
        stream.close()
    if manifest is None:
        raise BackupError("backup_not_an_archive")
    return manifest, found


def _plain_member(info: tarfile.TarInfo, found: dict[str, str], folders: set[str]) -> bool:
    """A regular file (no link, device, folder or sparse file: a sparse header of a few bytes
    would unpack into terabytes of zeros and fill the disk before any hash is checked), at an
    allowed name met once, neither inside a file nor a folder of another member's path."""
    if info.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or info.sparse is not None:
        return False
    name = info.name
    if not _allowed(name) or name in found or name in folders:
        return False
    parents = ["/".join(name.split("/")[:end]) for end in range(1, name.count("/") + 1)]
    if any(parent in found for parent in parents):
        return False
    folders.update(parents)
    return True


def check_manifest(manifest: dict[str, Any], found: dict[str, str]) -> None:
    if not isinstance(manifest, dict) or manifest.get("application") != "antt-bot":
        raise BackupError("backup_not_an_archive")
    if manifest.get("format") != FORMAT:
        raise BackupError("backup_newer_format", format=str(manifest.get("format")))
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise BackupError("backup_not_an_archive")
    for name, digest in listed.items():
        if found.get(name) != digest:
            raise BackupError("backup_damaged", member=name)
    extra = set(found) - set(listed) - {MANIFEST}
    if extra:
        raise BackupError("backup_damaged", member=sorted(extra)[0])


def check_revision(revision: str | None) -> None:
    """Refuse a backup made by a newer version of antt-bot (a head these migrations lack)."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    try:
        known = scripts.get_revision(revision)
    except Exception:
        known = None
    if known is None:
        raise BackupError(
            "backup_newer_version", revision=revision, head=scripts.get_current_head()
        )


def _occupied(data_dir: Path, source: Source) -> list[str]:
    """What a restore would overwrite: the data dir's entries (the secret key excepted: it is
    meant to be put there first) and a database that has tables."""
    taken = []
    if data_dir.is_dir():
        taken += sorted(
            entry.name
            for entry in data_dir.iterdir()
            if entry.name != SECRET_KEY_FILE and not entry.name.startswith(STAGING_PREFIX)
        )
    if source.kind == "sqlite":
        path = source.sqlite_path
        if (
            path.exists()
            and path.stat().st_size > 0
            and path.parent.resolve() != data_dir.resolve()
        ):
            taken.append(str(path))
    return taken


def hold_serving_lock(database_url: str) -> int | None:
    """For `antt-bot run` on an SQLite file: a shared lock beside it, held (never closed) for
    the process's life, so a restore knows a process serves the file. None on PostgreSQL (a
    restore sees its connections) or an in-memory database."""
    source = Source(Path("."), database_url)
    if source.kind != "sqlite":
        return None
    try:
        path = source.sqlite_path
    except BackupError:
        return None
    descriptor = os.open(f"{path}.{SERVING_LOCK}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    return descriptor


def _leader_running(source: Source) -> bool:
    """Whether a bot runs on this database now (it holds scheduler/leader.py's lock, or, any
    process serving it, the serving lock)."""
    if source.kind != "sqlite":
        return _postgres_in_use(source.url)
    return any(
        _held(Path(f"{source.sqlite_path}.{name}.lock")) for name in (*LOCK_NAMES, SERVING_LOCK)
    )


def restore_backup(
    archive: Path,
    target: Source,
    *,
    passphrase: str = "",
    overwrite: bool = False,
    say: Say = _quiet,
) -> Restored:
    """Restore `archive` into `target`'s data dir and database, then migrate it up."""
    if not archive.is_file():
        raise BackupError("backup_no_archive", path=str(archive))
    if _leader_running(target):
        raise BackupError("backup_bot_running")
    data_dir = target.data_dir
    taken = _occupied(data_dir, target)
    if taken and not overwrite:
        raise BackupError(
            "backup_target_not_empty", folder=str(data_dir), entries=", ".join(taken[:5])
        )
    # What this restore makes, it takes away again if it fails: a wrong passphrase or a damaged
    # archive must leave no empty data dir (nor a half-restored one) that the next try, or a
    # bot started on it, would find.
    made_dir = _outermost_missing(data_dir)
    database = target.sqlite_path if target.kind == "sqlite" else None
    made_database = database is not None and not database.exists()
    made_database_dir = _outermost_missing(database.parent) if database is not None else None
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _sweep_staging(data_dir)
        say(Said("backup_unpacking", {"path": str(archive)}))
        with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=data_dir) as scratch:
            staging = Path(scratch)
            manifest, found = unpack(archive, passphrase, staging)
            check_manifest(manifest, found)
            kind, revision = str(manifest.get("database")), manifest.get("alembic_head")
            if kind != target.kind:
                raise BackupError("backup_other_kind", archive=kind, target=target.kind)
            check_revision(revision)
            say(Said("backup_checked", {"count": len(found), "created": _shown(manifest)}))
            if kind == "sqlite":
                _restore_sqlite(staging / SQLITE_MEMBER, target.sqlite_path, overwrite=overwrite)
            else:
                server_tables = _server_facts(target.url)[2]
                if server_tables and not overwrite:
                    raise BackupError(
                        "backup_database_not_empty", database=str(target.url.database)
                    )
                say(Said("backup_restoring_database", {"kind": kind}))
                restore_postgres(target.url, staging / POSTGRES_MEMBER)
            for folder in FOLDERS:
                unpacked, placed = staging / folder, data_dir / folder
                if placed.exists():
                    shutil.rmtree(placed)
                if unpacked.is_dir():
                    unpacked.rename(placed)
            key_file = data_dir / SECRET_KEY_FILE
            if (staging / KEY_MEMBER).is_file() and not key_file.exists() and not target.secret_key:
                # Asked for at backup time (--with-key): put back, for the owner only.
                (staging / KEY_MEMBER).rename(key_file)
                key_file.chmod(0o600)
        say(Said("backup_migrating", {}))
        from storage.migrate import upgrade

        upgrade(target.database_url)
        secret_key = target.secret_key or (
            key_file.read_text(encoding="ascii").strip() if key_file.exists() else ""
        )
        verdict = _key_verdict(target.database_url, secret_key, manifest.get("key_check"))
    except BaseException:
        _take_back(made_dir, made_database_dir, database if made_database else None)
        raise
    return Restored(kind, revision, str(manifest.get("created_at")), len(found), verdict)


def _sweep_staging(data_dir: Path) -> None:
    """What a restore killed midway left in the data dir: a decrypted copy of a backup, which
    nothing else would ever remove (no bot runs here now: that was checked)."""
    for entry in data_dir.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _outermost_missing(folder: Path) -> Path | None:
    """The outermost of `folder` and its parents that does not exist yet (what mkdir(parents=
    True) would make), or None."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing


def _take_back(
    made_dir: Path | None, made_database_dir: Path | None, database: Path | None
) -> None:
    for folder in (made_dir, made_database_dir):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    if database is not None:  # an SQLite file outside the data dir, made by this restore
        for suffix in ("", "-wal", "-shm", ".migrate.lock"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)


def _shown(manifest: dict[str, Any]) -> str:
    try:
        made = datetime.fromisoformat(str(manifest.get("created_at")))
    except ValueError:
        return str(manifest.get("created_at"))
    return f"{made.astimezone(UTC):%d/%m/%Y %H:%M} UTC"


def _restore_sqlite(copy: Path, database: Path, *, overwrite: bool) -> None:
    if not copy.is_file():
        raise BackupError("backup_damaged", member=SQLITE_MEMBER)
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if database.exists() and not overwrite and database.stat().st_size > 0:
        raise BackupError("backup_database_not_empty", database=str(database))
    for stale in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        stale.unlink(missing_ok=True)  # another database's log must not be replayed on this one
    shutil.move(copy, database)
    database.chmod(0o600)


def _key_verdict(database_url: str, secret_key: str, fingerprint: object) -> str:
    """Whether the key at hand opens the restored informants: by the manifest's fingerprint,
    or by opening one sealed record."""
    if not secret_key:
        return "missing"
    if isinstance(fingerprint, str):
        return "opens" if hmac.compare_digest(fingerprint, key_check(secret_key)) else "wrong"
    from sqlalchemy import create_engine, select

    from storage.schema import informants
    from storage.sealing import Sealer

    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            token = connection.execute(select(informants.c.sealed).limit(1)).scalar()
    finally:
        engine.dispose()
    if token is None:
        return "no_informants"
    try:
        Sealer(secret_key).open(token)
    except Exception:
        return "wrong"
    return "opens"


# --- The daily backup's folder ---
def archives(folder: Path) -> list[Path]:
    """The backups in `folder`, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.name.startswith(ARCHIVE_PREFIX)
        and path.name.endswith((PLAIN_SUFFIX, SEALED_SUFFIX))
    )


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives, and what a run cut short left (a process
    stopped mid-backup runs no `finally`): its `.part` file, and its working folder, which
    holds an unencrypted copy of the database that the folder's copy off site would carry.
    What a backup under way (the command line's, beside the daily job) holds is left."""
    gone = archives(folder)[: max(0, len(archives(folder)) - keep)]
    for path in gone:
        path.unlink(missing_ok=True)
    if not folder.is_dir():
        return gone
    for path in folder.iterdir():
        part = path.name.startswith(ARCHIVE_PREFIX) and path.name.endswith(PART_SUFFIX)
        scratch = path.name.startswith(SCRATCH_PREFIX) and path.is_dir() and not path.is_symlink()
        if part and not _held(path):
            path.unlink(missing_ok=True)
            gone.append(path)
        elif scratch and not _held(path / BUSY):
            shutil.rmtree(path, ignore_errors=True)
            gone.append(path)
    return gone


@contextlib.contextmanager
def _busy(path: Path) -> Iterator[None]:
    """`path` locked for as long as the block runs (the lock dies with the process)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _held(path: Path) -> bool:
    """Whether a living process holds `path`'s lock."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return False


_one_at_a_time = threading.Lock()


@contextlib.contextmanager
def exclusive() -> Iterator[bool]:
    """Whether this process may make a backup now (one at a time)."""
    got = _one_at_a_time.acquire(blocking=False)
    try:
        yield got
    finally:
        if got:
            _one_at_a_time.release()
