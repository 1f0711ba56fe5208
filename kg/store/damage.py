"""Telling a damaged embedded store from other failures, and saying what to do.

RocksDB checks every block it reads against its checksum (XXH3 in pyoxigraph's stores) and reports a mismatch
as a "Corruption" error: pyoxigraph raises it as RuntimeError or OSError, which went out as tracebacks with exit
1. Inside a query its evaluator instead reads the same error again and again and keeps them (the memory guard
of :mod:`kg.store.guard` stops it); :func:`find_damage` then reads every index of the store to tell a damaged
store (the error it finds) from a query that is merely large.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import StoreDamaged

_DAMAGE = re.compile(
    r"corruption|checksum mismatch|bad (?:block|magic|table)|truncated block|block contents|"
    r"sst file (?:is )?(?:too short|corrupt)|missing (?:table|sst) file",
    re.IGNORECASE,
)


def is_damage(exc: BaseException) -> bool:
    """Whether pyoxigraph's error says the store's files are corrupt."""
    return isinstance(exc, OSError | RuntimeError | ValueError) and _DAMAGE.search(str(exc)) is not None


def damaged(location: object, detail: object) -> StoreDamaged:
    return StoreDamaged(
        f"the store {location} is damaged: {str(detail).strip()[:300]}. Its files no longer hold what was written "
        "(a disk or copy error). Restore the folder from a backup, or ingest the articles again into a new store "
        "(kg ingest --store NEW_FOLDER ...); do not write to this one"
    )


class _OutOfTime(Exception):
    pass


def find_damage(store: ox.Store, budget_s: float = 60.0) -> str | None:
    """The corruption error reading the whole store meets, or None if it reads cleanly (or the budget ran out).

    Every index is read: a full scan reads the graph-first and default-graph indexes (and decodes every term),
    and a lookup for each subject, predicate, object and (graph, predicate) and (graph, object) pair found
    reads the others, as Oxigraph picks its index from the bound positions.
    """
    deadline = time.monotonic() + budget_s
    try:
        _drain(store.named_graphs(), deadline)
        subjects, predicates, objects = set(), set(), set()
        by_predicate, by_object = set(), set()
        for q in _timed(store.quads_for_pattern(None, None, None, None), deadline):
            subjects.add(q.subject)
            predicates.add(q.predicate)
            objects.add(q.object)
            by_predicate.add((q.predicate, q.graph_name))
            by_object.add((q.object, q.graph_name))
        for s in subjects:
            _drain(store.quads_for_pattern(s, None, None, None), deadline)
        for p in predicates:
            _drain(store.quads_for_pattern(None, p, None, None), deadline)
        for o in objects:
            _drain(store.quads_for_pattern(None, None, o, None), deadline)
        for p, g in by_predicate:
            _drain(store.quads_for_pattern(None, p, None, g), deadline)
        for o, g in by_object:
            _drain(store.quads_for_pattern(None, None, o, g), deadline)
    except _OutOfTime:
        return None
    except (OSError, RuntimeError, ValueError) as exc:
        return str(exc) if is_damage(exc) else None
    return None


def _timed(items: Iterable[ox.Quad], deadline: float) -> Iterable[ox.Quad]:
    for i, item in enumerate(items):
        if i % 4096 == 0 and time.monotonic() > deadline:
            raise _OutOfTime
        yield item


def _drain(items: Iterable[object], deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _OutOfTime
    for _ in items:
        pass
