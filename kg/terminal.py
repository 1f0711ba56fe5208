"""Text safe to print, and the progress of a long ingest on standard error.

A file name is always escaped: a newline, ESC or a byte that is not UTF-8 must never break or recolour a line.
Text from the store is escaped only where it goes to a terminal (``kg fact``, ``kg query``): a pipe or a file
gets it as stored.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from kg.errors import KgError

# C0 controls but tab and newline, DEL, C1 controls (0x9B is an 8-bit CSI), and the bidirectional overrides and
# isolates that make a terminal show text in another order than it is.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as Python keeps them in names


def _escaped(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_name(name: str) -> str:
    """A file name or source as one printable line: newlines, ESC and other controls as \\n-style escapes
    (\\x0a), bytes that are not UTF-8 as \\xff. Always: a name must never break or recolour the output."""
    return _UNDECODABLE.sub(_escaped, _LINE_UNSAFE.sub(_escaped, name))


def for_terminal(text: str) -> str:
    """Text from the store as a terminal may show it: controls that would move the cursor, retitle the window,
    clear the screen or reorder text appear as escapes; tab and newline stay."""
    return _UNDECODABLE.sub(_escaped, _TERMINAL_UNSAFE.sub(_escaped, text))


def encodable(text: str) -> str:
    """Text any UTF-8 stream can take: only bytes that were not UTF-8 (from file names) are escaped."""
    return _UNDECODABLE.sub(_escaped, text)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


class IngestProgress:
    """An ingest's progress on standard error. On a terminal: rich's bar, with the total and the time left when
    the total is known, item lines printed above it exactly (no markup, no emoji codes). Elsewhere (a log file):
    a plain line every ``every`` seconds. Disabled: nothing but the item lines."""

    def __init__(self, stream: TextIO, total: int | None, *, enabled: bool, every: float = 10.0) -> None:
        self.stream, self.total, self.every = stream, total, every
        self.done = 0
        self._start = self._last = time.monotonic()
        self._bar: Progress | None = None
        if enabled and stream.isatty():
            console = Console(file=stream, markup=False, emoji=False, highlight=False, soft_wrap=True)
            self._bar = Progress(
                TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                console=console, transient=True,
            )
            self._task = self._bar.add_task("ingesting", total=total)
        self._plain = enabled and self._bar is None

    def __enter__(self) -> IngestProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def line(self, text: str) -> None:
        """An item line, escaped for where it goes."""
        if self._bar is not None:
            self._bar.console.print(Text(for_terminal(text)))
        else:
            self.stream.write((for_terminal(text) if self.stream.isatty() else encodable(text)) + "\n")
            self.stream.flush()

    def advance(self) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
            return
        now = time.monotonic()
        if self._plain and now - self._last >= self.every:
            self._last = now
            self.stream.write(self.status(now - self._start) + "\n")
            self.stream.flush()

    def status(self, elapsed: float) -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total is None:
            return f"progress: {self.done} articles, {rate:.1f} a second"
        left = max(self.total - self.done, 0)
        eta = f", about {_clock(left / rate)} left" if rate > 0 else ""
        share = min(100, round(100 * self.done / self.total)) if self.total else 100
        return f"progress: {self.done} of about {self.total} articles ({share}%), {rate:.1f} a second{eta}"


# ---------------------------------------------------------------------------------------------- the CLI's output


class OutputFailed(KgError):
    """Standard output cannot be written (a full disk, /dev/full)."""


def write_out(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    with writing(err=err):
        stream.write(for_terminal(text) if stream.isatty() else encodable(text))


def say(line: str) -> None:
    write_out(line + "\n", err=True)


@contextlib.contextmanager
def writing(*, err: bool = False) -> Iterator[None]:
    """Write errors of the output as what they are: a closed pipe ends quietly, anything else is an error."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if err:
            raise
        raise OutputFailed(f"cannot write to standard output: {exc.strerror or exc}") from None


def quiet_stdout() -> None:
    """After a closed pipe: point standard output at /dev/null, or the interpreter's last flush complains."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextlib.contextmanager
def binary_stdout() -> Iterator[BinaryIO]:
    """Standard output for bytes. On a terminal the bytes are collected and shown through :func:`for_terminal`
    (what people read is small); to a pipe or file they stream as they are."""
    if not sys.stdout.isatty():
        with writing():
            sys.stdout.flush()
            yield sys.stdout.buffer
        return
    buffer = io.BytesIO()
    yield buffer
    write_out(buffer.getvalue().decode("utf-8", errors="surrogateescape"))
