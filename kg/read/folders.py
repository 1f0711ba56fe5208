"""Paths -> files: the files and folders named, folders walked in name order.

What a walk does not read it names, with the reason: a symbolic link leading out of the folder (unless
asked to follow), a dangling link, a named pipe, a device or socket, a database folder (a kg store kept inside
a corpus folder), a folder that cannot be listed. Hidden files and folders are skipped silently, as ``ls``
does. A path named by the user is read whatever it is: a link, a pipe.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from kg.model import Article, ReadFailure
from kg.read.files import iter_file, printable

# The files every RocksDB database folder has (a kg store, an `oxigraph serve` folder): none is an article.
_DATABASE_FILES = ("CURRENT", "IDENTITY")
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _failure(path: str, problem: str) -> ReadFailure:
    return ReadFailure(printable(path), problem)


def _is_database(folder: Path) -> bool:
    return all((folder / name).is_file() for name in _DATABASE_FILES)


def _listing(folder: Path) -> list[os.DirEntry[str]] | ReadFailure:
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        return _failure(str(folder), f"folder cannot be read: {exc.strerror or exc}")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _link_problem(entry: os.DirEntry[str], root: Path, follow: bool) -> str | None:
    """Why a symbolic link is not followed, None when it is."""
    try:
        target = Path(entry.path).resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "a symbolic link that does not resolve (a loop of links): skipped"
    if not target.exists():
        return f"a dangling symbolic link (to {printable(str(target))}): skipped"
    if not follow and not _inside(target, root):
        return (
            f"a symbolic link to {printable(str(target))}, outside the folder: not followed "
            "(--follow-symlinks follows it)"
        )
    return None


def _entry(entry: os.DirEntry[str], root: Path, follow: bool) -> Path | ReadFailure | None:
    """What to do with one entry of a folder: read it (its path), name it (a failure), or nothing (a folder
    already walked, reached again through a link)."""
    if entry.is_symlink():
        problem = _link_problem(entry, root, follow)
        if problem:
            return _failure(entry.path, problem)
    mode = entry.stat().st_mode
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return Path(entry.path)
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    return _failure(entry.path, f"{kind}, not a regular file: skipped")


def _walk(folder: Path, follow: bool) -> Iterator[Path | ReadFailure]:
    """Files under a folder, recursively in name order. A folder that cannot be listed (no permission) is a
    failure naming it; the walk goes on past it."""
    root = folder.resolve()
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str] | Path]] = [iter([folder])]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            found = entry if isinstance(entry, Path) else _entry(entry, root, follow)
            if found is None or isinstance(found, ReadFailure) or not found.is_dir():
                if found is not None:
                    yield found
                continue
            st = found.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue  # a symbolic link back up the tree
            seen.add((st.st_dev, st.st_ino))
            if _is_database(found):
                yield _failure(str(found), "a database folder (RocksDB: a kg store?), not articles: skipped")
                continue
            listing = _listing(found)
            if isinstance(listing, ReadFailure):
                yield listing
            else:
                stack.append(iter(listing))
        except OSError as exc:
            where = str(entry) if isinstance(entry, Path) else entry.path
            yield _failure(where, f"cannot be accessed: {exc.strerror or exc}")


def read_paths(
    paths: Iterable[Path], *, published: date | datetime | None = None, follow_symlinks: bool = False
) -> Iterator[Article | ReadFailure]:
    """Files and folders -> articles and failures, in order, as they are read. Never raises for bad input.

    A symbolic link found inside a folder is followed only when it stays inside the folder, unless
    ``follow_symlinks``; a link named in ``paths`` is followed (the user named it)."""
    for path in paths:
        path = Path(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield _failure(str(path), f"cannot be accessed: {exc.strerror or exc}")
            continue
        if not exists:
            yield _failure(str(path), "no such file or directory")
        elif is_dir:
            found = False
            for entry in _walk(path, follow_symlinks):
                found = True
                if isinstance(entry, ReadFailure):
                    yield entry
                else:
                    yield from iter_file(entry, published=published)
            if not found:
                yield _failure(str(path), "folder has no readable files")
        else:
            yield from iter_file(path, published=published)
