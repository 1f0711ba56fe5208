"""The embedded store's writer lock: RocksDB lets one process open a directory read-write; aipkg takes an
``fcntl.flock`` on ``DIR/aipkg.lock`` (holding the writer's pid) first, so a second writer gets StoreBusy naming
that pid, before RocksDB is touched. The kernel drops the lock when the writer dies, even by SIGKILL."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from kg.errors import StoreBusy, StoreError

LOCK_NAME = "aipkg.lock"


def take_writer_lock(path: Path) -> int:
    """The lock's file descriptor, held until :func:`release_writer_lock`; StoreBusy if another process has it."""
    lock = path / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"cannot create lock file {lock}: {e}") from e
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        try:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        finally:
            os.close(fd)
        raise StoreBusy(f"store {path} is in use by another process (pid {pid})") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


def release_writer_lock(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
