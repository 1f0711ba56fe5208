"""The writer lock of a remote store, kept in the store itself: two `kg ingest` on one SPARQL endpoint stored a
shared meeting twice, as neither could see the other's article before writing its own.

The lock is one statement in the graph ``id:graph/writer-lock``: ``id:writer-lock dcterms:creator "HOLDER"``
(host, pid and a random token) with ``dcterms:modified`` the server's time of the holder's last sign of life.

* Taking it: an update inserts the holder's claim only where no claim exists (``FILTER NOT EXISTS``), then the
  claims are read back, and the writer holds the lock only if its claim is the only one. Two writers racing can
  both insert (not every server runs a conditional update in isolation), but then at least one of them reads both
  claims (each read follows its own insert): a writer that sees another claim withdraws its own and is refused,
  so two writers never both hold it.
* Keeping it: a thread renews ``dcterms:modified`` every ``TTL / 4``; every write first asks that the claim is
  still there (one ASK), so a writer whose lock was taken from it stops instead of writing.
* Stale locks: a claim not renewed for ``TTL`` (its writer died or lost the network) may be removed by the next
  writer, who says so. Times are the server's (``NOW()``), so clocks of the writers do not matter.
* Releasing it: closing the store deletes the claim.

Queries see the lock statement while a writer works (it is in a named graph, so in the union); the store leaves
the lock graph out of ``graph_names``, ``quads``, ``count`` and exports.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import Literal

from kg.errors import StoreBusy, StoreError
from kg.namespaces import DCTERMS, ID
from kg.store.base import QueryResult, SelectResult

LOCK_GRAPH = ID["graph/writer-lock"]
TTL_S = 120.0
_LOCK, _HOLDER, _SEEN = ID["writer-lock"], DCTERMS.creator, DCTERMS.modified
_CLAIMS = f"SELECT ?holder ?seen (NOW() AS ?now) WHERE {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} ?holder . OPTIONAL {{ {_LOCK} {_SEEN} ?seen }} }} }}"


class RemoteLock:
    """The writer lock of the endpoint behind ``select`` (a query, returning a result) and ``update`` (an update)."""

    def __init__(self, where: str, select: Callable[[str], QueryResult], update: Callable[[str], None]) -> None:
        self.where = where
        self._select = select
        self._update = update
        self.holder = Literal(f"{socket.gethostname()} pid {os.getpid()} {uuid.uuid4().hex[:12]}")
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self.note: str | None = None  # what taking the lock had to do (a stale lock removed)

    def acquire(self) -> None:
        for claim in self._claims():
            if claim.age is not None and claim.age <= TTL_S:  # a claim with no time was never whole: stale
                raise self._busy(claim)
            seen = f" . {_LOCK} {_SEEN} {claim.seen}" if claim.seen is not None else ""
            self._update(f"DELETE DATA {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {claim.holder}{seen} }} }}")
            self.note = f"removed the stale writer lock of {claim.holder.value} (not renewed for {claim.age:.0f} s)"
        self._update(
            f"INSERT {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {self.holder} . {_LOCK} {_SEEN} ?now }} }} "
            f"WHERE {{ BIND(NOW() AS ?now) FILTER NOT EXISTS {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} ?anyone }} }} }}"
        )
        others = [c for c in self._claims() if c.holder != self.holder]
        if others or not self.held():
            self.release()
            raise self._busy(others[0]) if others else StoreBusy(f"store {self.where}: another writer took the lock")
        self._renewer = threading.Thread(target=self._renew, name="aipkg-remote-lock", daemon=True)
        self._renewer.start()

    def held(self) -> bool:
        return self._select(f"ASK {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {self.holder} }} }}") is True

    def check(self) -> None:
        """Before a write: the claim must still be there."""
        if not self.held():
            raise StoreError(
                f"store {self.where}: this writer lost its lock (not renewed for {TTL_S:g} s, or removed): "
                "nothing more is written; run the ingest again"
            )

    def release(self) -> None:
        self._stop.set()
        self._update(f"DELETE WHERE {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {self.holder} . {_LOCK} {_SEEN} ?seen }} }}")
        self._update(f"DELETE DATA {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {self.holder} }} }}")

    def _renew(self) -> None:
        while not self._stop.wait(TTL_S / 4):
            try:
                self._update(
                    f"DELETE {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_SEEN} ?seen }} }} "
                    f"INSERT {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_SEEN} ?now }} }} "
                    f"WHERE {{ GRAPH {LOCK_GRAPH} {{ {_LOCK} {_HOLDER} {self.holder} . {_LOCK} {_SEEN} ?seen }} BIND(NOW() AS ?now) }}"
                )
            except Exception:  # noqa: BLE001 - the next write's check reports a lock that was lost meanwhile
                continue

    def _claims(self) -> list[Claim]:
        result = self._select(_CLAIMS)
        assert isinstance(result, SelectResult)
        claims = []
        for row in result.rows:
            holder, seen, now = row["holder"], row.get("seen"), row.get("now")
            if isinstance(holder, Literal):
                at, then = _time(seen), _time(now)
                age = (then - at).total_seconds() if at is not None and then is not None else None
                claims.append(Claim(holder, seen if isinstance(seen, Literal) else None, age))
        return claims

    def _busy(self, claim: Claim) -> StoreBusy:
        when = f", last renewed {claim.age:.0f} s ago" if claim.age is not None else ""
        return StoreBusy(
            f"store {self.where} is in use by another writer ({claim.holder.value}{when}); if that writer is gone, "
            f"its lock expires {TTL_S:g} s after its last renewal"
        )


@dataclass(frozen=True)
class Claim:
    holder: Literal
    seen: Literal | None  # as the server wrote it: removing a stale claim names it exactly
    age: float | None  # seconds since it was renewed, by the server's clock


_DATETIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?")


def _time(term: object) -> datetime | None:
    """An xsd:dateTime as servers write it (nanoseconds, Z) in a form every Python from 3.10 reads."""
    m = _DATETIME.fullmatch(term.value) if isinstance(term, Literal) else None
    if m is None:
        return None
    zone = m.group(3) or "+00:00"
    return datetime.fromisoformat(m.group(1) + "." + (m.group(2) or "0")[:6].ljust(6, "0") + ("+00:00" if zone == "Z" else zone))
