"""What ``kg ingest`` reads besides named files: standard input (file paths, or JSON Lines records), and an
estimate of how many articles a batch holds, for the progress display's total and time left."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from kg.model import Article, ReadFailure
from kg.read import read_jsonl_stream, read_paths

STDIN_SOURCE = "<stdin>"
_CHUNK = 64 * 1024
_JSONL = (".jsonl", ".ndjson")


def from_stdin(
    stream: io.BufferedReader, *, published: date | datetime | None = None
) -> Iterator[Article | ReadFailure]:
    """Articles from standard input: JSON Lines records when its first non-blank character is ``{``, else one
    file or folder path a line (as ``find`` prints them). Both are read as they come, never held whole."""
    head = b""
    while not head.strip():
        chunk = stream.read1(_CHUNK)
        if not chunk:
            break
        head += chunk
    if not head.strip():
        return iter([ReadFailure(STDIN_SOURCE, "empty: no file paths or JSON Lines records on standard input")])
    if head.lstrip().startswith(b"{"):
        return read_jsonl_stream(stream, source=STDIN_SOURCE, head=head, published=published)
    return read_paths(_path_lines(head, stream), published=published)


def _path_lines(head: bytes, stream: io.BufferedReader) -> Iterator[Path]:
    """One path a line; names are bytes on POSIX, so they are decoded as the file system does (os.fsdecode)."""
    pending = head
    while True:
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.strip():
                yield Path(os.fsdecode(line.rstrip(b"\r")))
        chunk = stream.read1(_CHUNK)
        if not chunk:
            break
        pending += chunk
    if pending.strip():
        yield Path(os.fsdecode(pending.rstrip(b"\r")))


def count_articles(paths: Iterable[Path]) -> int | None:
    """About how many articles the paths hold: one a file, one a line of a JSON Lines file (counted at about a
    gigabyte a second). Hidden files and folders are left out as the reader leaves them out. None if nothing."""
    total = 0
    for path in paths:
        try:
            if path.is_dir():
                for folder, dirs, names in os.walk(path):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    total += sum(_articles_in(Path(folder, n)) for n in names if not n.startswith("."))
            else:
                total += _articles_in(path)
        except OSError:
            continue
    return total or None


def _articles_in(path: Path) -> int:
    if path.suffix.lower() not in _JSONL:
        return 1
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")
