"""One file -> its articles: size limits, encodings, the format (text, HTML, JSON Lines) by name or content, and
JSON Lines streamed a line at a time.

Never raises for bad input: a file or line that cannot be read becomes a :class:`kg.model.ReadFailure` naming
it, and reading goes on with the next line or file. An unexpected error in one item is such a failure too,
named with the error's type so that a bug is reported, not hidden.
"""

from __future__ import annotations

import io
import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read.encoding import BOM_PREFIXES, decode_bytes, wide_codec
from kg.read.html import from_html, looks_like_html
from kg.read.page import Known, build
from kg.read.records import jsonl_item, looks_like_jsonl, read_jsonl
from kg.read.text import strip_controls

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# One text or HTML file, or one JSON line, is one article: news articles are tens of kilobytes and saved pages
# a few megabytes. Past this, reading (and the extractor, ~100 KB/s) would take minutes and memory for
# something that is not one article. JSON Lines files have no size limit: they are read a line at a time.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_CHUNK = 1024 * 1024


# What must not reach a line of a message: C0 controls (tab and newline too), DEL, C1 controls, the bidirectional
# marks that reorder a line, and the bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates).
# Escaped as kg.terminal escapes names (\x0a, \x1b, \u202e, \xff), so a name reads the same in every message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(name: str) -> str:
    """A file name as messages show it: one line that cannot drive a terminal, and valid UTF-8 to store."""
    return _UNPRINTABLE.sub(_escape, name)


def file_uri(path: Path) -> str | None:
    """The file: URI of a file's resolved path: what identifies a file's article wherever it was named from."""
    try:
        return path.resolve().as_uri()
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop, an unreadable parent
        return None


@dataclass(frozen=True)
class _File:
    path: Path
    source: str  # as messages show it
    origin: str | None  # its file: URI
    published: date | datetime | None

    def failure(self, problem: str, line: int | None = None) -> ReadFailure:
        return ReadFailure(self.source, problem, line)


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


def _jsonl_line(f: _File, number: int, raw: bytes | None) -> Article | ReadFailure | None:
    if raw is None:
        return f.failure(f"line too large: over {_mib(MAX_ARTICLE_BYTES)}, the limit for one article", number)
    if not raw.strip():
        return None
    try:
        line = decode_bytes(raw, f.source)
    except InputError as exc:
        return f.failure(exc.problem, number)
    return jsonl_item(line, number, f.source, f.origin, f.published)


def _stream_jsonl(fh: io.BufferedReader, head: bytes, f: _File) -> Iterator[Article | ReadFailure]:
    """JSON Lines read and decoded a line at a time: memory stays one line, whatever the file's size."""
    yielded = False
    for number, raw in _byte_lines(fh, head, MAX_ARTICLE_BYTES):
        try:
            item = _jsonl_line(f, number, raw)
        except Exception as exc:  # noqa: BLE001 - one line's failure must not end the file's other lines
            item = f.failure(f"could not be read: {type(exc).__name__}: {strip_controls(str(exc))}", number)
        if item is not None:
            yielded = True
            yield item
    if not yielded:
        yield f.failure("empty: no text to read")


def read_jsonl_stream(
    fh: io.BufferedReader, *, source: str = "<stdin>", head: bytes = b"", published: date | datetime | None = None
) -> Iterator[Article | ReadFailure]:
    """JSON Lines from an open binary stream such as standard input, read as a .jsonl file is: a line at a time,
    each article yielded before the next line is read. ``head`` is what the caller already read from it.

    A stream has no file to identify its articles by: a record without a URL gets an origin of this stream alone
    (a fresh ``urn:uuid:``), so it never replaces an article of another batch, nor one another's line."""
    f = _File(Path(source), printable(source), uuid.uuid4().urn, published)
    try:
        yield from _stream_jsonl(fh, head, f)
    except OSError as exc:
        yield f.failure(f"cannot be read: {exc.strerror or exc}")


def _first_line_is_object(data: bytes) -> bool:
    line = data.split(b"\n", 1)[0].strip()
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not (line.startswith(b"{") and line.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _too_large(fh: io.BufferedReader, f: _File) -> ReadFailure:
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    how_big = _mib(size) if size > MAX_ARTICLE_BYTES else f"over {_mib(MAX_ARTICLE_BYTES)}"
    return f.failure(
        f"too large: {how_big}, over the {_mib(MAX_ARTICLE_BYTES)} limit for one text or HTML article; "
        "give one article per file, or JSON Lines (one article per line, any number of lines)"
    )


def _whole_text(text: str, suffix: str, f: _File) -> Iterator[Article | ReadFailure]:
    """A decoded file: JSON Lines, HTML or text by its name, else by its content."""
    try:
        if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and looks_like_jsonl(text)):
            yield from read_jsonl(text, f.source, f.origin, f.published)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
            yield from_html(text, Known(f.source, origin=f.origin, option_date=f.published))
        else:
            yield build(text, Known(f.source, origin=f.origin, option_date=f.published))
    except InputError as exc:
        yield f.failure(exc.problem, exc.line)


def _read_open(fh: io.BufferedReader, f: _File) -> Iterator[Article | ReadFailure]:
    suffix = f.path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        head = fh.read1(64 * 1024)
        # UTF-16 and UTF-32 lines cannot be split on b"\n": such a file is decoded whole, within the article limit
        if not head.startswith(BOM_PREFIXES) and wide_codec(head) is None:
            yield from _stream_jsonl(fh, head, f)
            return
        data = head + fh.read(MAX_ARTICLE_BYTES + 1 - len(head))
    else:
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES and _first_line_is_object(data):
            yield from _stream_jsonl(fh, data, f)  # JSON Lines by content, not by name
        else:
            yield _too_large(fh, f)
        return
    try:
        text = decode_bytes(data, f.source) if data.strip() else ""
    except InputError as exc:
        yield f.failure(exc.problem)
        return
    del data
    if not text.strip():
        yield f.failure("empty: no text to read")
        return
    yield from _whole_text(text, suffix, f)


def iter_file(path: Path, *, published: date | datetime | None = None) -> Iterator[Article | ReadFailure]:
    """One file -> its articles (one, or one per JSON line) and failures, as they are read. Never raises for
    bad input. JSON Lines are streamed: each article is yielded before the next line is read."""
    f = _File(path, printable(str(path)), file_uri(path), published)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        yield f.failure("no such file")
        return
    except IsADirectoryError:
        yield f.failure("is a directory, not a file")
        return
    except OSError as exc:
        yield f.failure(f"cannot be read: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _read_open(fh, f)
        except OSError as exc:  # e.g. an I/O error in the middle of a file
            yield f.failure(f"cannot be read: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - one file's failure must not end the batch
            yield f.failure(f"could not be read: {type(exc).__name__}: {strip_controls(str(exc))}")


def read_file(path: Path, *, published: date | datetime | None = None) -> list[Article | ReadFailure]:
    """One file -> its articles and failures, as a list (see :func:`iter_file` to stream them)."""
    return list(iter_file(path, published=published))
