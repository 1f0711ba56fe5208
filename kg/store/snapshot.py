"""A reader's own consistent copy of an embedded store, made while a writer works on it.

RocksDB opened read-only under a live writer is undefined behaviour (pyoxigraph's documentation says so), and it
showed: during a 6,000-article ingest, 12 of 40 ``kg stats`` failed, 9 with a FileNotFoundError (compaction
deleted a table file the reader was about to open) and 3 grew to 5 GB and aborted. pyoxigraph 0.5 has no
secondary instance, and its checkpoint (``backup``) needs the store open for writing.

So a reader makes a checkpoint by hand, as RocksDB's own checkpoint does, in ``DIR/.aipkg-readers/<pid>-…/``:
table files (immutable once written) are hard-linked, so a compaction deleting them cannot take them away; the
write-ahead logs (appended and recycled, oxigraph recycles up to 10) are copied; the MANIFEST (which says which
table files and which logs make the store) and CURRENT are copied. The copy is consistent if the MANIFEST did not
change while it was made: every flush and compaction appends to it before deleting or recycling anything, so an
unchanged MANIFEST means no file it names went away. Otherwise the copy is thrown away and made again. The copy
is opened read-only; nothing writes to it, so reading it is defined behaviour. The reader sees the store as of
its opening, committed transactions only (a torn last log record is dropped by RocksDB's point-in-time
recovery).

Cost: a hard link per table file and a copy of the logs (a few MB with aipkg's writer, which flushes every
4 MB). Disk: table files a compaction deletes stay on disk until the readers holding them close. Each copy is
locked by its reader (flock) and removed on close; copies left by readers that died are removed by the next
reader. Where the store folder is not writable (read-only media, another user's store), readers open the store
itself read-only, as before, and should not run beside a writer.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

from kg.errors import StoreError

READERS_DIR = ".aipkg-readers"
_ATTEMPTS = 60
_STALE_AFTER_S = 60.0  # a copy this old whose lock is free belongs to a reader that died


class Snapshot:
    """A consistent private copy of the RocksDB files of ``store_dir`` (see the module's doc); ``close`` removes it."""

    def __init__(self, store_dir: Path, path: Path, lock_fd: int) -> None:
        self.store_dir = store_dir
        self.path = path
        self._lock_fd: int | None = lock_fd

    def close(self) -> None:
        if self._lock_fd is None:
            return
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self._lock_fd)  # releases the flock
        self._lock_fd = None


def take_snapshot(store_dir: Path) -> Snapshot | None:
    """A consistent copy of the store, or None where the store's folder cannot hold one (not writable)."""
    readers = store_dir / READERS_DIR
    try:
        readers.mkdir(exist_ok=True)
        _sweep(readers)
    except OSError:
        return None
    for attempt in range(_ATTEMPTS):
        try:
            copy = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=readers))
            lock_fd = os.open(copy / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        snapshot = Snapshot(store_dir, copy, lock_fd)
        try:
            if _copy_consistent(store_dir, copy):
                return snapshot
        except FileNotFoundError as exc:
            if not _changing(store_dir):
                snapshot.close()
                raise StoreError(f"cannot open store {store_dir} for reading: {exc}") from exc
        except OSError:
            snapshot.close()
            return None
        snapshot.close()
        time.sleep(0.005 * (attempt + 1))  # the writer just flushed or compacted: try again soon
    raise StoreError(
        f"cannot open store {store_dir} for reading: a writer changed its files {_ATTEMPTS} times while a "
        "consistent copy was being made; try again"
    )


def _read_manifest(store_dir: Path) -> tuple[bytes, str, bytes]:
    current = (store_dir / "CURRENT").read_bytes()
    name = current.decode("ascii", "replace").strip()
    if not name.startswith("MANIFEST-") or "/" in name:
        raise FileNotFoundError(f"CURRENT names no manifest: {name!r}")
    return current, name, (store_dir / name).read_bytes()


def _changing(store_dir: Path) -> bool:
    """Whether a missing file is the writer's doing: the manifest moves on within a short while."""
    try:
        before = _read_manifest(store_dir)
        time.sleep(0.05)
        return _read_manifest(store_dir) != before
    except OSError:
        return False


def _copy_consistent(store_dir: Path, copy: Path) -> bool:
    current, manifest_name, manifest = _read_manifest(store_dir)
    for entry in os.scandir(store_dir):
        name = entry.name
        source = store_dir / name
        try:
            if name.endswith((".sst", ".blob")):
                os.link(source, copy / name)
            elif name.endswith(".log") or name.startswith("OPTIONS-") or name == "IDENTITY":
                shutil.copyfile(source, copy / name)
        except FileNotFoundError:
            continue  # obsolete and deleted meanwhile; if it was live, the manifest changed (checked below)
    (copy / manifest_name).write_bytes(manifest)
    (copy / "CURRENT").write_bytes(current)
    return _read_manifest(store_dir) == (current, manifest_name, manifest)


def _sweep(readers: Path) -> None:
    """Remove the copies of readers that died (old, and nobody holds their lock)."""
    now = time.time()
    for entry in os.scandir(readers):
        if not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < _STALE_AFTER_S:
                continue
            fd = os.open(os.path.join(entry.path, ".lock"), os.O_RDWR)
        except FileNotFoundError:  # died before taking its lock
            shutil.rmtree(entry.path, ignore_errors=True)
            continue
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        with contextlib.suppress(OSError):
            shutil.rmtree(entry.path)
        os.close(fd)
