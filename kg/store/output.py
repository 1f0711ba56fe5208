"""Where an export (or any output file) may be written, and how: atomically over regular files, directly into
FIFOs and devices, never into a store, and through symbolic links (the link stays).

``write_file`` replaces a regular file (or creates a new one) by writing a temporary file beside it and renaming
it over the name, so a reader never sees half an export and a failed write leaves the old file. That is wrong for
anything else at the name: renaming over a FIFO, a device or a symlink would replace it with a regular file (as
root, ``--output /dev/full`` replaced the device), and a path inside a store could overwrite RocksDB's own files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError, UsageError


def is_store_dir(path: Path) -> bool:
    """Whether ``path`` holds a RocksDB database (an embedded store): CURRENT names a MANIFEST that exists."""
    try:
        manifest = (path / "CURRENT").read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return False
    return manifest.startswith("MANIFEST-") and "/" not in manifest and (path / manifest).is_file()


def _target(path: Path) -> Path:
    """The file a write to ``path`` lands in: symbolic links are followed (a dangling one names the file to make)."""
    return Path(os.path.realpath(path))


def _refuse_inside_a_store(path: Path, shown: Path) -> None:
    for folder in path.parents:
        if is_store_dir(folder):
            raise UsageError(f"{shown}: is inside the store {folder}; writing there would damage it; choose a path outside")


def write_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream that ends up at ``path``, by the rules of the module's doc."""
    target = _target(path)
    _refuse_inside_a_store(target, path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"{path}: is a directory; give a file name")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(target, "wb") as out:  # a FIFO or a device: written as it is, never replaced
                write(out)
        else:
            _replace_atomically(target, write, None if mode is None else stat.S_IMODE(mode))
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _replace_atomically(target: Path, write: Callable[[BinaryIO], None], mode: int | None) -> None:
    # mkstemp opens a new name exclusively: a planted NAME.partial symlink is not followed
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
