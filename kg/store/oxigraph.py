"""The embedded backend: an Oxigraph (RocksDB) store in a directory, or in memory.

Concurrency (what pyoxigraph 0.5 does, and what we add):

* RocksDB lets one process open a directory read-write. We take an ``fcntl.flock`` on
  ``DIR/aipkg.lock`` (holding the writer's pid) first, so a second writer gets
  :class:`~kg.errors.StoreBusy` naming that pid, before RocksDB is touched. The kernel drops the
  lock when the writer dies, even by SIGKILL.
* Readers (``read_only=True``) open RocksDB read-only, which works while a writer holds the store.
  A reader sees the store as it was when it opened (committed transactions only), not later writes.
* Every ``replace`` is one SPARQL UPDATE, which Oxigraph runs as one transaction: a crash or error
  half-way leaves the store as it was.

The default graph holds the set union of the named graphs, kept up to date by every ``replace``. Queries
run on it rather than on pyoxigraph's ``use_default_graph_as_union``, which yields a statement once per
graph holding it: a name stated in a thousand paragraphs would match a thousand times in every join.
A store written before this view existed gets it when next opened for writing; until then readers fall
back to the union.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from kg.errors import QueryError, StoreBusy, StoreError
from kg.store.base import (
    ExportFormat,
    QueryResult,
    Store,
    Term,
    check_graph_names,
    check_quads,
    convert_result,
    dump_dataset,
    replace_update,
)
from kg.store.safety import bind_values, check_query

LOCK_NAME = "aipkg.lock"
_APPROX_QUAD_BYTES = 160  # an N-Quads line of ours, on average (for the flush budget)
FLUSH_EVERY_BYTES = 4 * 2**20  # of SPARQL UPDATE text; measured: 2,000 writes +20 MB RSS at 4 MB, +60 MB at 16, +360 MB never


def _is_rocksdb_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def _has_statements(store: ox.Store, graph: ox.DefaultGraph | None = None) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def has_union_view(store: ox.Store) -> bool:
    """Whether the default graph is the union view (or the store is empty, where it trivially is)."""
    return _has_statements(store, ox.DefaultGraph()) or next(iter(store.named_graphs()), None) is None


def build_union_view(store: ox.Store) -> None:
    """Fill the default graph with the union of the named graphs, in one transaction."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _default_graph_copies(quads: list[Quad]) -> list[Quad]:
    """The quads' statements, each once, in the default graph. Made by pyoxigraph from the quads' N-Quads with
    the graph names cut off: half the cost of making them one by one in Python (5 µs a Quad). Each line ends
    in " <graph> ." (graphs are IRIs), and N-Quads escapes every newline inside a literal."""
    if not quads:
        return []
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).split(b" .\n")  # type: ignore[union-attr]
    statements = dict.fromkeys(line[: line.rindex(b" <")] for line in lines if line)
    return list(ox.parse(b" .\n".join(statements) + b" .\n", format=ox.RdfFormat.N_QUADS))


class OxigraphStore(Store):
    """An Oxigraph store at ``path`` (created if missing, unless ``read_only``), or in memory if None."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False, allow_network: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.allow_network = allow_network
        self._lock_fd: int | None = None
        self._unflushed = 0
        self._flusher: threading.Thread | None = None
        self._flush_error: OSError | None = None
        if self.path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = self._open_reader(self.path)
        else:
            self._store = self._open_writer(self.path)
        self._union_view = has_union_view(self._store)
        if not self._union_view and not read_only:
            try:
                build_union_view(self._store)
            except (OSError, RuntimeError) as e:
                self.close()
                raise StoreError(f"store {self.path}: cannot build the union of its graphs: {e}") from e
            self._union_view = True

    # --- opening ------------------------------------------------------------------------------

    @staticmethod
    def _open_reader(path: Path) -> ox.Store:
        if not _is_rocksdb_dir(path):
            raise StoreError(f"no store at {path}")
        # A writer's compaction can delete a file between our reading the manifest and opening
        # it; a retry then sees the new manifest.
        for attempt in range(8):
            try:
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as e:
                if attempt == 7:
                    raise StoreError(f"cannot open store {path} for reading: {e}") from e
                time.sleep(0.05 * (attempt + 1))
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
            raise StoreError(f"cannot open store {path}: {e}") from e

    def _take_lock(self, path: Path) -> None:
        lock = path / LOCK_NAME
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot create lock file {lock}: {e}") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            finally:
                os.close(fd)
            raise StoreBusy(f"store {path} is in use by another process (pid {pid})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        if getattr(self, "_store", None) is None:
            return
        if not self.read_only and self.path is not None:
            with contextlib.suppress(OSError, StoreError):
                self._await_flush()
            with contextlib.suppress(OSError):
                self._store.flush()
        self._store = None  # type: ignore[assignment]  # drops RocksDB's handle (and its LOCK)
        self._release_lock()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

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
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, allow_network: bool = False
    ) -> QueryResult:
        """Run a query over the union of the named graphs.

        Bindings go in as a VALUES block of terms serialised by pyoxigraph (never pasted user text):
        pyoxigraph plans a VALUES block as constants, while its substitutions are planned as unknown
        values (about 100x slower on a large store).
        """
        store = self._live()
        check_query(sparql, allow_network=allow_network or self.allow_network)
        try:
            text = bind_values(sparql, bindings) if bindings else sparql
            return convert_result(store.query(text, use_default_graph_as_union=not self._union_view))
        except SyntaxError as e:
            raise QueryError(f"query: {e}") from e
        except OSError as e:
            raise StoreError(f"store {self.path}: {e}") from e
        except (RuntimeError, ValueError, TypeError) as e:
            raise QueryError(f"query: {e}") from e

    def replace(
        self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad], *, remove_quads: Iterable[Quad] = ()
    ) -> None:
        store = self._writable()
        # a graph not in the store has nothing to drop (a new meeting's consolidated graph, say)
        dropped = [g for g in check_graph_names(drop_graphs) if store.contains_named_graph(g)]
        added = check_quads(add_quads)
        removed = check_quads(remove_quads)
        view_remove, view_add = self._view_changes(store, dropped, removed, added) if self._union_view else ((), ())
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

    @staticmethod
    def _view_changes(
        store: ox.Store, dropped: list[NamedNode], removed: list[Quad], added: list[Quad]
    ) -> tuple[list[Quad], list[Quad]]:
        """What the union view loses and gains, as default-graph quads, when ``dropped`` graphs and ``removed``
        quads go and ``added`` come.

        Computed here rather than in SPARQL: a query excluding the dropped graphs is linear in their number
        per statement (15 minutes for a whole-store `kg reason` at 1M statements). Only this process writes
        (the writer's lock), so nothing changes between these reads and the update.
        """
        # default-graph quads stand for the view's statements: they hash as the triples would and go to the
        # store as they are
        copies = _default_graph_copies(added)
        if not dropped and not removed:
            return [], copies
        new = set(copies)
        gone = {g.value for g in dropped}
        # each statement leaving some graph -> the graphs it leaves (all of it is in the view already)
        leaving: dict[Quad, set[str]] = {}
        for graph in dropped:
            for q in store.quads_for_pattern(None, None, None, graph):
                leaving.setdefault(Quad(q.subject, q.predicate, q.object), set()).add(graph.value)
        held = set(leaving)  # surely in the view (a quad asked to be removed may not even exist)
        for q in removed:
            leaving.setdefault(Quad(q.subject, q.predicate, q.object), set()).add(q.graph_name.value)  # type: ignore[union-attr]
        remove: list[Quad] = []
        for t, graphs in leaving.items():
            if t in new:
                continue
            holders = store.quads_for_pattern(t.subject, t.predicate, t.object, None)
            if not any(
                isinstance(h.graph_name, NamedNode) and h.graph_name.value not in gone and h.graph_name.value not in graphs
                for h in holders
            ):
                remove.append(t)
        # no lookup for what is already in the view: INSERT DATA of a present statement changes nothing, and
        # the lookups cost a third of an article's write
        return remove, [t for t in copies if t not in held]

    def graph_names(self) -> list[NamedNode]:
        return sorted(
            (g for g in self._live().named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value
        )

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        store = self._live()
        if graph is not None:
            yield from store.quads_for_pattern(None, None, None, graph)
            return
        for name in store.named_graphs():
            yield from store.quads_for_pattern(None, None, None, name)

    def quads_matching(
        self, subject: NamedNode | None = None, predicate: NamedNode | None = None, object_: Term | None = None
    ) -> list[Quad]:
        store = self._live()
        try:
            found = store.quads_for_pattern(subject, predicate, object_, None)
            return [q for q in found if not isinstance(q.graph_name, ox.DefaultGraph)]  # not the union view
        except OSError as e:
            raise StoreError(f"store {self.path}: {e}") from e

    def count(self) -> int:
        store = self._live()
        if not self._union_view:
            return len(store)
        union = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return len(store) - int(next(iter(union))["n"].value)  # type: ignore[arg-type]

    def export(self, fmt: ExportFormat | str, out: BinaryIO) -> None:
        """Serialise the store; turtle holds the union of the named graphs as plain triples."""
        dump_dataset(self._live(), fmt, out, union_view=self._union_view)

    def export_bytes(self, fmt: ExportFormat | str) -> bytes:
        buf = io.BytesIO()
        self.export(fmt, buf)
        return buf.getvalue()
