"""How long `antt-bot backup` and `restore` take on SQLite, plain and encrypted, and how long a
writer waits meanwhile (the online backup API must not stop the bot).

A data dir with a migrated database padded to --database-mb and --photos-mb of photos (random
bytes, as JPEGs are incompressible); a writer thread commits one row every millisecond during
the backup, as turns do. Prints the load average beside the figures: on a busy machine they are
disturbed.

    python -m bench.backup_speed            # 200 MB database, 500 MB of photos
    python -m bench.backup_speed --small    # 20 MB and 50 MB
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from storage import backup
from storage.backup import Source
from storage.migrate import upgrade

KEY = "b" * 40
PASSPHRASE = "a long passphrase for the bench"


def _data_dir(root: Path, database_mb: int, photos_mb: int) -> Source:
    data = root / "data"
    data.mkdir()
    url = f"sqlite:///{data / 'antt.db'}"
    upgrade(url)
    with sqlite3.connect(data / "antt.db") as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE bench_pad (id INTEGER PRIMARY KEY, body BLOB)")
        connection.executemany(
            "INSERT INTO bench_pad (body) VALUES (?)",
            ((os.urandom(1024),) for _ in range(database_mb * 1024)),
        )
        connection.execute("CREATE TABLE bench_turns (id INTEGER PRIMARY KEY, at REAL)")
    photos = data / "attachments"
    for number in range(photos_mb * 4):  # 256 KiB photos
        folder = photos / f"{number % 256:02x}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:064x}.jpg").write_bytes(os.urandom(256 * 1024))
    return Source(data, url, KEY)


class Writer(threading.Thread):
    """Commits a row a millisecond; the longest a commit took."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.stop, self.longest, self.count = path, threading.Event(), 0.0, 0

    def run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        connection.execute("PRAGMA synchronous=NORMAL")
        while not self.stop.is_set():
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO bench_turns (at) VALUES (?)", (started,))
            connection.execute("COMMIT")
            self.longest = max(self.longest, time.perf_counter() - started)
            self.count += 1
            time.sleep(0.001)
        connection.close()


def _timed(label: str, source: Source, root: Path, passphrase: str) -> None:
    writer = Writer(source.sqlite_path)
    writer.start()
    cpu, wall = time.process_time(), time.perf_counter()
    made = backup.make_backup(source, root / f"{label}.tar", passphrase=passphrase)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    writer.stop.set()
    writer.join()
    size = made.size / 1e6
    print(
        f"backup  {label:9} {size:8.0f} MB  {wall:6.2f} s wall  {cpu:6.2f} s CPU  "
        f"{size / wall:6.0f} MB/s  writer: {writer.count} commits, longest {writer.longest * 1e3:.1f} ms"
    )
    into = root / f"back-{label}"
    wall = time.perf_counter()
    backup.restore_backup(
        made.path, Source(into, f"sqlite:///{into / 'antt.db'}", KEY), passphrase=passphrase
    )
    wall = time.perf_counter() - wall
    print(f"restore {label:9} {size:8.0f} MB  {wall:6.2f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="20 MB database, 50 MB photos")
    parser.add_argument("--database-mb", type=int, default=200)
    parser.add_argument("--photos-mb", type=int, default=500)
    args = parser.parse_args()
    database_mb, photos_mb = (20, 50) if args.small else (args.database_mb, args.photos_mb)
    with tempfile.TemporaryDirectory(prefix="antt-bench-backup-") as scratch:
        root = Path(scratch)
        source = _data_dir(root, database_mb, photos_mb)
        print(f"database {database_mb} MB, photos {photos_mb} MB; load {os.getloadavg()}")
        _timed("plain", source, root, "")
        _timed("encrypted", source, root, PASSPHRASE)
        print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
