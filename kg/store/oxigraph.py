"""The embedded backend: an Oxigraph (RocksDB) store in a directory, or in memory.

Concurrency (what pyoxigraph 0.5 does, and what we add):

* RocksDB lets one process open a directory read-write. We take an ``fcntl.flock`` on
  ``DIR/aipkg.lock`` (holding the writer's pid) first, so a second writer gets
  :class:`~kg.errors.StoreBusy` naming that pid, before RocksDB is touched. The kernel drops the
  lock when the writer dies, even by SIGKILL.
* Readers (``read_only=True``) open a consistent private copy of the store's files
  (:mod:`kg.store.snapshot`): RocksDB read-only under a live writer is undefined behaviour. A reader sees the
  store as it was when it opened (committed transactions only), not later writes.
* Every ``replace`` is one SPARQL UPDATE, which Oxigraph runs as one transaction: a crash or error
  half-way leaves the store as it was.

Every read runs under :mod:`kg.store.guard` (a time limit, a memory limit, Ctrl-C), and a corrupt file is
reported as :class:`~kg.errors.StoreDamaged` (:mod:`kg.store.damage`). The default graph holds the set union
of the named graphs (:mod:`kg.store.union_view`).
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from kg.errors import KgError, QueryError, QueryLimit, StoreBusy, StoreError
from kg.store.base import (
    ExportFormat,
    QueryResult,
    QueryStream,
    SelectResult,
    SelectStream,
    Store,
    Term,
    check_graph_names,
    check_quads,
    dump_dataset,
    materialise,
    replace_update,
)
from kg.store.damage import damaged, find_damage, is_damage
from kg.store.guard import Limits, default_memory_limit, guarded
from kg.store.safety import bind_values, check_query
from kg.store.snapshot import Snapshot, take_snapshot
from kg.store.union_view import build_union_view, has_union_view, view_changes
from kg.store.writer_lock import LOCK_NAME, release_writer_lock, take_writer_lock

_APPROX_QUAD_BYTES = 160  # an N-Quads line of ours, on average (for the flush budget)
FLUSH_EVERY_BYTES = 4 * 2**20  # of SPARQL UPDATE text; measured: 2,000 writes +20 MB RSS at 4 MB, +60 MB at 16, +360 MB never


def _is_rocksdb_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()


class OxigraphStore(Store):
    """An Oxigraph store at ``path`` (created if missing, unless ``read_only``), or in memory if None."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        allow_network: bool = False,
        memory_limit: int | None = -1,
    ) -> None:
        """``memory_limit``: bytes a read may grow the process by (-1: :func:`kg.store.guard.default_memory_limit`,
        None: no limit)."""
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.allow_network = allow_network
        self.memory_limit = default_memory_limit() if memory_limit == -1 else memory_limit
        self._lock_fd: int | None = None
        self._snapshot: Snapshot | None = None
        self._unflushed = 0
        self._flusher: threading.Thread | None = None
        self._flush_error: OSError | None = None
        if self.path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = self._open_reader(self.path)
        else:
            self._store = self._open_writer(self.path)
        try:
            self._union_view = has_union_view(self._store)
            if not self._union_view and not read_only:
                build_union_view(self._store)
                self._union_view = True
        except (OSError, RuntimeError) as e:
            self.close()
            if is_damage(e):
                raise damaged(self.path, e) from e
            raise StoreError(f"store {self.path}: cannot build the union of its graphs: {e}") from e

    # --- opening ------------------------------------------------------------------------------

    def _open_reader(self, path: Path) -> ox.Store:
        if not _is_rocksdb_dir(path):
            raise StoreError(f"no store at {path}")
        self._snapshot = take_snapshot(path)
        if self._snapshot is None:  # the folder is not ours to write in: read the store itself
            return self._open_read_only(path, attempts=8)
        try:
            return self._open_read_only(self._snapshot.path, attempts=1)
        except StoreError:
            self._snapshot.close()
            self._snapshot = None
            raise

    def _open_read_only(self, where: Path, *, attempts: int) -> ox.Store:
        for attempt in range(attempts):
            try:
                return ox.Store.read_only(str(where))
            except (OSError, RuntimeError) as e:
                if is_damage(e):
                    raise damaged(self.path, e) from e
                if attempt == attempts - 1:
                    raise StoreError(f"cannot open store {self.path} for reading: {e}") from e
                time.sleep(0.05 * (attempt + 1))  # a writer's compaction may have moved files: look again
        raise AssertionError("unreachable")  # pragma: no cover

    def _open_writer(self, path: Path) -> ox.Store:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory")
        if path.is_dir() and not _is_rocksdb_dir(path):
            others = [p.name for p in path.iterdir() if p.name != LOCK_NAME]
            if others:
                raise StoreError(
                    f"{path} exists but is not an aipkg store (it holds other files, e.g. {sorted(others)[0]}); "
                    "give an empty or new directory"
                )
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create store directory {path}: {e}") from e
        self._take_lock(path)
        try:
            return ox.Store(str(path))
        except (OSError, RuntimeError) as e:
            self._release_lock()
            if "while lock file" in str(e).lower():  # RocksDB's own lock: e.g. an `oxigraph serve` on DIR
                raise StoreBusy(f"store {path} is in use by another process") from e
            if is_damage(e):
                raise damaged(path, e) from e
            raise StoreError(f"cannot open store {path}: {e}") from e

    def _take_lock(self, path: Path) -> None:
        self._lock_fd = take_writer_lock(path)

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            release_writer_lock(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        if getattr(self, "_store", None) is None:
            return
        failure: BaseException | None = None
        if not self.read_only and self.path is not None:
            with contextlib.suppress(OSError, StoreError):
                self._await_flush()
            try:
                self._store.flush()
            except (OSError, RuntimeError) as e:  # what was written is in RocksDB's log all the same
                failure = e if is_damage(e) else None
        self._store = None  # type: ignore[assignment]  # drops RocksDB's handle (and its LOCK)
        self._release_lock()
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        if failure is not None:
            raise damaged(self.path, failure) from failure

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def describe(self) -> str:
        if self.path is None:
            return "embedded Oxigraph store in memory"
        how = "read from a consistent copy" if self._snapshot is not None else "read-only" if self.read_only else "open for writing"
        return f"embedded Oxigraph store {self.path} ({how})"

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path or '(in memory)'} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        return self._live()

    # --- the interface ------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        allow_network: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query over the union of the named graphs.

        Bindings go in as a VALUES block of terms serialised by pyoxigraph (never pasted user text):
        pyoxigraph plans a VALUES block as constants, while its substitutions are planned as unknown
        values (about 100x slower on a large store).
        """
        return materialise(self.stream(sparql, bindings, allow_network=allow_network, timeout=timeout))

    def stream(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        allow_network: bool = False,
        timeout: float | None = None,
    ) -> QueryStream:
        check_query(sparql, allow_network=allow_network or self.allow_network)
        return self._evaluate(bind_values(sparql, bindings) if bindings else sparql, timeout)

    def _evaluate(self, text: str, timeout: float | None) -> QueryStream:
        """The query's result, computed under the guard; a SELECT's rows come as the engine finds them."""
        store, union = self._live(), not self._union_view

        def produce() -> Iterator[object]:
            result = store.query(text, use_default_graph_as_union=union)
            if isinstance(result, ox.QueryBoolean):
                yield bool(result)
            elif isinstance(result, ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                yield names
                for solution in result:
                    yield {n: solution[n] for n in names}
            else:
                yield None  # a CONSTRUCT or DESCRIBE: triples follow
                for t in result:
                    yield Triple(t.subject, t.predicate, t.object)

        items = self._mapped(guarded(produce, Limits(timeout, self.memory_limit), on_memory=self._memory_exceeded))
        head = next(items)
        if isinstance(head, bool):
            return head
        if isinstance(head, tuple):
            return SelectStream(head, items)  # type: ignore[arg-type]
        return list(items)  # type: ignore[arg-type]

    def _mapped(self, items: Iterator[object]) -> Iterator[object]:
        try:
            yield from items
        except KgError:
            raise
        except SyntaxError as e:
            raise QueryError(f"query: {e}") from e
        except (OSError, RuntimeError, ValueError, TypeError) as e:
            raise self._read_error(e) from e

    def _read_error(self, e: Exception) -> KgError:
        if is_damage(e):
            return damaged(self.path or "(in memory)", e)
        if isinstance(e, OSError):
            return StoreError(f"store {self.path}: {e}")
        return QueryError(f"query: {e}")

    def _memory_exceeded(self, grown: int) -> Exception:
        """A damaged store makes the engine keep every error it reads: read all of the store to know."""
        found = find_damage(self._live())
        if found is not None:
            return damaged(self.path or "(in memory)", found)
        return QueryLimit(
            f"query: stopped after the process grew by {grown / 2**30:.1f} GiB, over its memory limit of "
            f"{(self.memory_limit or 0) / 2**30:.1f} GiB (KG_QUERY_MEMORY=SIZE raises it; the store reads "
            "without damage)"
        )

    def replace(
        self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad], *, remove_quads: Iterable[Quad] = ()
    ) -> None:
        store = self._writable()
        # a graph not in the store has nothing to drop (a new meeting's consolidated graph, say)
        dropped = [g for g in check_graph_names(drop_graphs) if store.contains_named_graph(g)]
        added = check_quads(add_quads)
        removed = check_quads(remove_quads)
        view_remove, view_add = view_changes(store, dropped, removed, added) if self._union_view else ((), ())
        try:
            if dropped or removed or view_remove:
                update = replace_update(dropped, added, remove_quads=removed, view_remove=view_remove, view_add=view_add)
                store.update(update)
                written = len(update)
            else:
                # only additions (a new article): extend is as atomic as an update and skips writing and
                # parsing SPARQL text (about a third of an article's write)
                store.extend([*added, *view_add])
                written = _APPROX_QUAD_BYTES * (len(added) + len(view_add))
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            if is_damage(e):
                raise damaged(self.path or "(in memory)", e) from e
            raise StoreError(f"store {self.path or '(in memory)'}: write failed, nothing was changed: {e}") from e
        self._unflushed += written
        if self.path is not None and self._unflushed > FLUSH_EVERY_BYTES:
            # pyoxigraph leaves RocksDB's memtables to grow with every write (+0.15 MB per article, measured);
            # a flush moves them to disk, keeping a long ingest's memory flat
            self._flush_in_background(store)
            self._unflushed = 0

    def _flush_in_background(self, store: ox.Store) -> None:
        """Flush in a thread: pyoxigraph releases the GIL while RocksDB writes its files (2 ms an article of
        ingest, measured), and RocksDB takes writes and reads meanwhile. One flush at a time; a failed one is
        reported by the next write or by close (what it was flushing is safe in RocksDB's log either way)."""
        self._await_flush()

        def flush() -> None:
            try:
                store.flush()
            except OSError as e:
                self._flush_error = e

        self._flusher = threading.Thread(target=flush, name="aipkg-flush")
        self._flusher.start()

    def _await_flush(self) -> None:
        if self._flusher is not None:
            self._flusher.join()
            self._flusher = None
        if (error := self._flush_error) is not None:
            self._flush_error = None
            raise StoreError(f"store {self.path}: cannot flush the written data to disk: {error}") from error

    def graph_names(self) -> list[NamedNode]:
        with self._reading():
            names = [g for g in self._live().named_graphs() if isinstance(g, NamedNode)]
        return sorted(names, key=lambda g: g.value)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        store = self._live()
        with self._reading():
            if graph is not None:
                yield from store.quads_for_pattern(None, None, None, graph)
                return
            for name in store.named_graphs():
                yield from store.quads_for_pattern(None, None, None, name)

    def quads_matching(
        self, subject: NamedNode | None = None, predicate: NamedNode | None = None, object_: Term | None = None
    ) -> list[Quad]:
        store = self._live()
        with self._reading():
            found = store.quads_for_pattern(subject, predicate, object_, None)
            return [q for q in found if not isinstance(q.graph_name, ox.DefaultGraph)]  # not the union view

    def count(self) -> int:
        with self._reading():
            total = len(self._live())
        if not self._union_view:
            return total
        union = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(union, SelectResult)
        return total - int(union.rows[0]["n"].value)  # type: ignore[union-attr]

    def export(self, fmt: ExportFormat | str, out: BinaryIO) -> None:
        """Serialise the store; turtle holds the union of the named graphs as plain triples."""
        try:
            dump_dataset(self._live(), fmt, out, union_view=self._union_view)
        except (OSError, RuntimeError) as e:  # an OSError may be the output's (a full disk): it stays one
            if is_damage(e):
                raise damaged(self.path or "(in memory)", e) from e
            raise

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """pyoxigraph's read errors as the store's: a corrupt file is StoreDamaged, not a traceback."""
        try:
            yield
        except (OSError, RuntimeError) as e:
            if is_damage(e) or isinstance(e, OSError):
                raise self._read_error(e) from e
            raise

    def export_bytes(self, fmt: ExportFormat | str) -> bytes:
        buf = io.BytesIO()
        self.export(fmt, buf)
        return buf.getvalue()
