"""Reads that stop: a time limit, a memory limit and Ctrl-C for an evaluation pyoxigraph cannot interrupt.

pyoxigraph evaluates a query in Rust without checking for signals, and has no time limit: a cartesian
``COUNT(*)`` ran for minutes and ignored Ctrl-C. On a store with a corrupt block its evaluator reads the same
error again and again and keeps them all (24 GB, then the OOM killer). It does release the GIL while it works,
so the evaluation runs in a worker thread and hands its results over in chunks through a bounded queue, while
the calling thread waits in short steps: it checks the time limit, how much the process has grown since the
query began, and takes Ctrl-C (KeyboardInterrupt) as any Python code does. Rows reach the caller as they come
(a consumer that stops early stops the worker at its next row), and the queue's bound keeps a slow consumer
from piling them up.

What cannot be done from Python is stopping the engine inside one step (an aggregate, a sort, a join's build):
the worker then runs on until that step ends or the process exits. The CLI exits right after the error it
prints; a long-lived program that meets QueryLimit or StoreDamaged should expect that thread to keep a core
(and, on a damaged store, memory) busy until it ends.
"""

from __future__ import annotations

import os
import queue
import re
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from kg.errors import QueryLimit, UsageError

T = TypeVar("T")

DEFAULT_TIMEOUT_S = 300.0  # `kg query --timeout`'s default
_POLL_S = 0.05
_CHUNK_ROWS = 512
_CHUNK_S = 0.05  # a chunk goes out at least this often, so rows stream
_QUEUE_CHUNKS = 8
_MEMORY_ENV = "KG_QUERY_MEMORY"


@dataclass(frozen=True)
class Limits:
    """``timeout``: seconds for the whole read (None: none); ``memory``: bytes the process may grow by while it
    runs (None: none)."""

    timeout: float | None = None
    memory: int | None = None


def parse_size(text: str) -> int | None:
    """Bytes from ``512M``, ``4G``, ``1.5g`` or a plain number; ``0`` or ``none`` means no limit."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text, re.IGNORECASE)
    if text.strip().lower() in ("none", "off"):
        return None
    if m is None:
        raise UsageError(f"{_MEMORY_ENV}={text!r}: give a size such as 512M or 4G (0 for no limit)")
    value = float(m.group(1)) * 1024 ** " kmgt".index(m.group(2).lower() or " ")
    return int(value) or None


def default_memory_limit() -> int | None:
    """``$KG_QUERY_MEMORY`` if set, else half the machine's memory, at most 8 GiB."""
    env = os.environ.get(_MEMORY_ENV)
    if env is not None:
        return parse_size(env)
    try:
        physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 * 2**30
    return min(8 * 2**30, physical // 2)


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


class _Cancelled(Exception):
    pass


def guarded(
    produce: Callable[[], Iterable[T]], limits: Limits, *, on_memory: Callable[[int], Exception]
) -> Iterator[T]:
    """The items of ``produce()``, computed in a worker thread under ``limits``.

    Over the time limit: QueryLimit. Over the memory limit: the exception ``on_memory(grown_bytes)`` returns
    (the store tells a damaged store from a large query). Ctrl-C: KeyboardInterrupt, as usual.
    """
    chunks: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=_QUEUE_CHUNKS)
    stop = threading.Event()

    def put(kind: str, value: object) -> None:
        while not stop.is_set():
            try:
                chunks.put((kind, value), timeout=_POLL_S)
                return
            except queue.Full:
                continue
        raise _Cancelled

    def work() -> None:
        try:
            chunk: list[T] = []
            sent = time.monotonic()
            for item in produce():
                chunk.append(item)
                if len(chunk) >= _CHUNK_ROWS or time.monotonic() - sent > _CHUNK_S:
                    put("items", chunk)
                    chunk, sent = [], time.monotonic()
            put("items", chunk)
            put("end", None)
        except _Cancelled:
            return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
            try:
                put("error", exc)
            except _Cancelled:
                return

    waited = 0.0  # the time limit counts waiting for the engine, not the caller's work on the rows
    base = resident_bytes()
    worker = threading.Thread(target=work, name="aipkg-query", daemon=True)
    worker.start()
    try:
        while True:
            began = time.monotonic()
            try:
                kind, value = chunks.get(timeout=_POLL_S)
            except queue.Empty:
                waited += time.monotonic() - began
                _check(limits, waited, base, on_memory)
                continue
            waited += time.monotonic() - began
            if kind == "end":
                return
            if kind == "error":
                assert isinstance(value, BaseException)
                raise value
            _check(limits, waited, base, on_memory)
            yield from value  # type: ignore[misc]  # a chunk: list[T]
    finally:
        stop.set()


def _check(limits: Limits, waited: float, base: int, on_memory: Callable[[int], Exception]) -> None:
    if limits.timeout is not None and waited > limits.timeout:
        raise QueryLimit(
            f"query: stopped after {limits.timeout:g} s, its time limit (kg query --timeout SECONDS; 0 for none)"
        )
    if limits.memory is not None:
        grown = resident_bytes() - base
        if grown > limits.memory:
            raise on_memory(grown)
