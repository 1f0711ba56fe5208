"""Paths -> articles: files and folders, size limits, encodings, and JSON Lines streamed a line at a time.

Never raises for bad input: every file, line or folder that cannot be read becomes a
:class:`kg.model.ReadFailure` naming it, and reading goes on with the next.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read.encoding import decode_bytes
from kg.read.html import from_html, looks_like_html
from kg.read.page import build
from kg.read.records import jsonl_item, looks_like_jsonl, read_jsonl

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


# One text or HTML file, or one JSON line, is one article: news articles are tens of kilobytes and saved pages
# a few megabytes. Past this, reading (and the extractor, ~100 KB/s) would take minutes and memory for
# something that is not one article. JSON Lines files have no size limit: they are read a line at a time.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_CHUNK = 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def _byte_lines(fh: io.BufferedReader, head: bytes, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``head`` + the rest of ``fh``, numbered from 1, without their newline. A line longer than
    ``limit`` bytes comes as None and is skipped without being held in memory."""
    number = 1
    pending = bytearray()
    oversized = False
    chunk = head
    while chunk:
        start = 0
        while (newline := chunk.find(b"\n", start)) != -1:
            if not oversized:
                pending += chunk[start:newline]
            yield number, None if oversized or len(pending) > limit else bytes(pending)
            number += 1
            pending.clear()
            oversized = False
            start = newline + 1
        if not oversized:
            pending += chunk[start:]
            if len(pending) > limit:
                oversized, pending = True, bytearray()
        chunk = fh.read1(_CHUNK)  # what is there: a pipe's lines come as they are written
    if pending or oversized:
        yield number, None if oversized else bytes(pending)


def _stream_jsonl(
    fh: io.BufferedReader, head: bytes, source: str, published: date | datetime | None
) -> Iterator[Article | ReadFailure]:
    """JSON Lines read and decoded a line at a time: memory stays one line, whatever the file's size."""
    yielded = False
    for number, raw in _byte_lines(fh, head, MAX_ARTICLE_BYTES):
        if raw is None:
            yielded = True
            yield ReadFailure(source, f"line too large: over {_mib(MAX_ARTICLE_BYTES)}, the limit for one article", number)
            continue
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw, source)
        except InputError as exc:
            yielded = True
            yield ReadFailure(source, exc.problem, number)
            continue
        item = jsonl_item(line, number, source, published)
        if item is not None:
            yielded = True
            yield item
    if not yielded:
        yield ReadFailure(source, "empty: no text to read")


def _first_line_is_object(data: bytes) -> bool:
    line = data.split(b"\n", 1)[0].strip()
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not (line.startswith(b"{") and line.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _too_large(fh: io.BufferedReader, source: str) -> ReadFailure:
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    how_big = _mib(size) if size > MAX_ARTICLE_BYTES else f"over {_mib(MAX_ARTICLE_BYTES)}"
    return ReadFailure(
        source,
        f"too large: {how_big}, over the {_mib(MAX_ARTICLE_BYTES)} limit for one text or HTML article; "
        "give one article per file, or JSON Lines (one article per line, any number of lines)",
    )


def _read_open(fh: io.BufferedReader, path: Path, published: date | datetime | None) -> Iterator[Article | ReadFailure]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        head = fh.read1(64 * 1024)
        # UTF-16 lines cannot be split on b"\n": such a file is decoded whole, within the article limit.
        if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            if b"\x00" in head:
                yield ReadFailure(source, "binary file (contains NUL bytes), not text")
                return
            yield from _stream_jsonl(fh, head, source, published)
            return
        data = head + fh.read(MAX_ARTICLE_BYTES + 1 - len(head))
    else:
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES and _first_line_is_object(data):
            yield from _stream_jsonl(fh, data, source, published)  # JSON Lines by content, not by name
        else:
            yield _too_large(fh, source)
        return
    if not data.strip():
        yield ReadFailure(source, "empty: no text to read")
        return
    try:
        text = decode_bytes(data, source)
    except InputError as exc:
        yield ReadFailure(source, exc.problem)
        return
    del data
    if not text.strip():
        yield ReadFailure(source, "empty: no text to read")
        return
    try:
        if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and looks_like_jsonl(text)):
            yield from read_jsonl(text, source, published)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
            yield from_html(text, source=source, option_published=published)
        else:
            yield build(text, source=source, option_published=published)
    except InputError as exc:
        yield ReadFailure(source, exc.problem, exc.line)


def iter_file(path: Path, *, published: date | datetime | None = None) -> Iterator[Article | ReadFailure]:
    """One file -> its articles (one, or one per JSON line) and failures, as they are read. Never raises for
    bad input. JSON Lines are streamed: each article is yielded before the next line is read."""
    source = str(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        yield ReadFailure(source, "no such file")
        return
    except IsADirectoryError:
        yield ReadFailure(source, "is a directory, not a file")
        return
    except OSError as exc:
        yield ReadFailure(source, f"cannot be read: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _read_open(fh, path, published)
        except OSError as exc:  # e.g. an I/O error in the middle of a file
            yield ReadFailure(source, f"cannot be read: {exc.strerror or exc}")


def read_file(path: Path, *, published: date | datetime | None = None) -> list[Article | ReadFailure]:
    """One file -> its articles and failures, as a list (see :func:`iter_file` to stream them)."""
    return list(iter_file(path, published=published))


def _listing(folder: Path) -> list[os.DirEntry[str]] | ReadFailure:
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        return ReadFailure(str(folder), f"folder cannot be read: {exc.strerror or exc}")


def _walk(folder: Path) -> Iterator[Path | ReadFailure]:
    """Files under a folder, recursively in name order, skipping hidden files and folders. A folder that
    cannot be listed (no permission) is a failure naming it; the walk goes on past it."""
    top = _listing(folder)
    if isinstance(top, ReadFailure):
        yield top
        return
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = [iter(top)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir():
                st = entry.stat()
                if (st.st_dev, st.st_ino) in seen:
                    continue  # a symbolic link back up the tree
                seen.add((st.st_dev, st.st_ino))
                listing = _listing(Path(entry.path))
                if isinstance(listing, ReadFailure):
                    yield listing
                else:
                    stack.append(iter(listing))
            elif entry.is_file():
                yield Path(entry.path)
        except OSError as exc:
            yield ReadFailure(entry.path, f"cannot be accessed: {exc.strerror or exc}")


def read_paths(
    paths: Iterable[Path], *, published: date | datetime | None = None
) -> Iterator[Article | ReadFailure]:
    """Files and folders -> articles and failures, in order, as they are read. Never raises for bad input."""
    for path in paths:
        path = Path(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield ReadFailure(str(path), f"cannot be accessed: {exc.strerror or exc}")
            continue
        if not exists:
            yield ReadFailure(str(path), "no such file or directory")
        elif is_dir:
            found = False
            for entry in _walk(path):
                found = True
                if isinstance(entry, ReadFailure):
                    yield entry
                else:
                    yield from iter_file(entry, published=published)
            if not found:
                yield ReadFailure(str(path), "folder has no readable files")
        else:
            yield from iter_file(path, published=published)

