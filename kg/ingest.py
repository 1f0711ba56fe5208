"""Ingestion: read -> extract -> resolve -> write, one article at a time, each article whole or not at all.

After an article's claims are built (and before its single atomic write), OWL RL inferences that follow from
them go to the article's own inferred graph, and SHACL validation of what the article adds is reported with
the article and paragraph each violation came from.
"""

from __future__ import annotations

import itertools
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from kg.base_graphs import base_triples, ensure_base_graphs
from kg.errors import StoreDamaged
from kg.extract import extract, prepare
from kg.iris import inferred_graph
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Article, ArticleFacts, ReadFailure
from kg.namespaces import AIP, ORG
from kg.read import read_paths
from kg.resolve import Resolver, find_existing
from kg.store import Store

# Seconds one article's extraction, resolution, inference and validation may take (`kg ingest --time-limit`):
# a news article takes well under one, an article naming 10,000 people about 40. An article over it is skipped
# and named, and nothing of it is written.
DEFAULT_TIME_LIMIT = 120.0


class ArticleTimeout(Exception):
    """One article went over the time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block when it runs longer than ``seconds``. A real-time timer's
    signal interrupts Python code (a regular expression's matching too); it exists on POSIX and only in the main
    thread: elsewhere, and for None or 0, there is no limit."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s, the time limit for one article: nothing of it was stored")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class ArticleOutcome:
    source: str
    status: str  # "stored" | "unchanged" | "replaced" | "failed"
    statements: int = 0
    meetings: int = 0
    meetings_merged: int = 0
    violations: list[str] = field(default_factory=list)
    problem: str | None = None
    warnings: list[str] = field(default_factory=list)  # the reader's, e.g. no publication date


@dataclass
class IngestReport:
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.outcomes)

    @property
    def stored(self) -> int:
        return sum(o.status in ("stored", "replaced") for o in self.outcomes)

    @property
    def statements_added(self) -> int:
        return sum(o.statements for o in self.outcomes)

    @property
    def meetings_merged(self) -> int:
        return sum(o.meetings_merged for o in self.outcomes)

    @property
    def failed(self) -> bool:
        return bool(self.failures) or any(o.status == "failed" for o in self.outcomes)


def article_violations(
    quads: list[Quad], graphs_by_paragraph: dict[NamedNode, int], source: str, *, engine: str = "fast"
) -> list[str]:
    """SHACL violations of one article's resolved quads, each cited by article and paragraph.

    Depends on nothing but the quads and the bundled shapes and reference data (not on the store), so a worker
    process can compute it while the next article is resolved."""
    report = None
    if engine == "fast":
        from kg.validate import compiled_shapes

        report = compiled_shapes().validate(quads)
    else:
        from kg.validate import validate

        report = validate(quads)
    if report.conforms:
        return []
    where_of: dict[str, int] = {}
    for q in quads:
        graph = q.graph_name
        if isinstance(graph, NamedNode) and graph in graphs_by_paragraph and not isinstance(q.subject, ox.Triple):
            where_of.setdefault(q.subject.value, graphs_by_paragraph[graph])
    out = []
    for v in report.violations:
        paragraph = where_of.get(v.focus)
        where = f"{source}, paragraph {paragraph}" if paragraph else source
        out.append(f"{where}: {v.focus} {v.path or ''}: {v.message}".replace("  ", " "))
    return out


class Ingestor:
    """Ingests articles into a store; keeps what is worth keeping between articles (lexicon, base closure)."""

    def __init__(
        self,
        store: Store,
        *,
        lexicon: Lexicon | None = None,
        validate: bool | str = True,
        reason: bool = True,
        time_limit: float | None = DEFAULT_TIME_LIMIT,
    ) -> None:
        self.store = store
        self.time_limit = time_limit
        self.lexicon = lexicon or load_lexicon()
        # "fast": the compiled shapes (kg.validate), evaluated in Python per article; "full": pySHACL; False: none
        self.validate = "fast" if validate is True else validate
        self.reason = reason
        ensure_base_graphs(store)
        self._resolver = Resolver(store, self.lexicon)
        self._base: list[ox.Triple] | None = None
        self._base_inferred: set[ox.Triple] | None = None

    def _inferences(self, quads: list[Quad], graph: NamedNode) -> list[Quad]:
        from kg.reason import infer

        if self._base is None:
            # kept only once whole: the time limit can interrupt this
            base = base_triples(self.store)
            base_inferred = infer(base)
            by_subject: dict[object, list[ox.Triple]] = {}
            for t in base:
                by_subject.setdefault(t.subject, []).append(t)
            self._hierarchy = [t for t in base if t.predicate == ORG.subOrganizationOf]
            self._base_by_subject, self._base_inferred, self._base = by_subject, base_inferred, base
        # only the reference statements about what the article mentions, and the group hierarchy, can combine
        # with it: reasoning over all reference data for every article would cost the same for nothing
        mentioned = {q.subject for q in quads} | {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
        context = [t for node in mentioned for t in self._base_by_subject.get(node, ())]
        # infer() leaves out what its input asserts, the article's statements included
        new = infer([*context, *self._hierarchy, *quads]) - (self._base_inferred or set())
        return [Quad(t.subject, t.predicate, t.object, graph) for t in new]

    def _violations(
        self, quads: list[Quad], graphs_by_paragraph: dict[NamedNode, int], source: str
    ) -> list[str]:
        return article_violations(quads, graphs_by_paragraph, source, engine=str(self.validate))

    def is_known(self, article: Article) -> bool:
        return find_existing(self.store, article.content_hash) is not None

    def ingest_article(
        self,
        article: Article,
        facts: ArticleFacts | None = None,
        *,
        defer_validation: Callable[[list[Quad], dict[NamedNode, int], str], None] | None = None,
    ) -> ArticleOutcome:
        """Store one article (``facts`` when already extracted, e.g. by a worker process).

        ``defer_validation``, when given, is handed what validation needs instead of validating here: validation
        never changes what is written, so a worker process can do it while this one goes on."""
        if self.is_known(article):
            return ArticleOutcome(article.source, "unchanged")
        if facts is None:
            prepare()  # the morphology model (seconds, once) is built before any article's time limit starts
        with time_limit(self.time_limit):  # the write below is never interrupted: an article is whole or absent
            facts = facts or extract(article, self.lexicon)
            res = self._resolver.resolve(facts)
            quads = list(res.quads)
            if self.reason:
                quads.extend(self._inferences(res.quads, inferred_graph(article.content_hash)))
                quads.append(
                    Quad(
                        inferred_graph(article.content_hash),
                        AIP.fromArticle,
                        res.article,
                        inferred_graph(article.content_hash),
                    )
                )
            violations = []
            if self.validate and defer_validation is None:
                violations = self._violations(res.quads, res.graphs_by_paragraph, article.source)
            warnings = [*article.warnings, *self._replacing(res.superseded, article)]
        self.store.replace(res.drop_graphs, quads)
        if self.validate and defer_validation is not None:
            defer_validation(list(res.quads), dict(res.graphs_by_paragraph), article.source)
        return ArticleOutcome(
            article.source,
            "replaced" if res.superseded is not None else "stored",
            statements=len(quads),
            meetings=len(res.meetings),
            meetings_merged=res.merged_meetings,
            violations=violations,
            warnings=warnings,
        )

    def _replacing(self, old: NamedNode | None, article: Article) -> list[str]:
        """A warning when the version an article replaces had another title: a changed headline, or another
        article with the same identity (its URL, or its file)."""
        from kg.namespaces import DCTERMS

        if old is None:
            return []
        titles = [q.object.value for q in self.store.quads_matching(old, DCTERMS.title) if isinstance(q.object, ox.Literal)]
        if not titles or article.title in titles:
            return []
        return [f"replaces an earlier version of {article.identity} titled {titles[0]!r} (now {article.title!r})"]


_worker_time_limit: float | None = None


def _extract_worker(article: Article) -> ArticleFacts | ArticleTimeout | str:
    try:
        with time_limit(_worker_time_limit):
            return extract(article)
    except ArticleTimeout as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - reported for this article, the batch goes on
        return f"{type(exc).__name__}: {exc}"


def _validate_worker(nquads: bytes, graphs_by_paragraph: dict[str, int], source: str, engine: str) -> list[str]:
    """``article_violations`` in a worker process. The quads travel as N-Quads: pickling pyoxigraph terms cost
    the writer 1.4 ms an article, serialising them 0.07 ms."""
    try:
        quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        by_paragraph = {NamedNode(g): n for g, n in graphs_by_paragraph.items()}
        return article_violations(quads, by_paragraph, source, engine=engine)
    except Exception as exc:  # noqa: BLE001 - the article is stored; say that its check failed
        return [f"{source}: validation could not run: {type(exc).__name__}: {exc}"]


def _init_worker(validation: str | None, seconds: float | None) -> None:
    global _worker_time_limit
    _worker_time_limit = seconds
    # Ctrl-C reaches the whole process group: the parent stops the batch and ends the pool; a worker taking it
    # would print a traceback and lose the task the parent waits for.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_lexicon()
    if validation == "fast":
        from kg.validate import compiled_shapes

        compiled_shapes()


def _extracted(
    items: Iterable[Article | ReadFailure], pool: Pool, window: int
) -> Iterator[tuple[Article | ReadFailure, ArticleFacts | ArticleTimeout | str | None]]:
    """Articles with their facts extracted by the pool's processes (order kept, streaming)."""
    # Pool.imap reads its whole input ahead of its workers: feed it a bounded window at a time instead, so that
    # a large corpus is never held in memory
    source = iter(items)
    while batch := list(itertools.islice(source, window)):
        articles = [item for item in batch if isinstance(item, Article)]
        extracted = iter(pool.imap(_extract_worker, articles, chunksize=4))
        for item in batch:
            yield item, (next(extracted) if isinstance(item, Article) else None)


def _storable_source(item: Article | ReadFailure) -> Article | ReadFailure:
    """A file name that is not UTF-8 (Python keeps its bytes as lone surrogates) cannot be an RDF literal: such an
    article is stored under its name with those bytes escaped (bad\\xffname.txt), as kg prints it."""
    if isinstance(item, Article):
        source = item.source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        if source != item.source:
            return replace(item, source=source)
    return item


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    published: date | datetime | None = None,
    on_item: Callable[[ArticleOutcome | ReadFailure], None] | None = None,
    validate: bool | str = True,
    reason: bool = True,
    workers: int = 1,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    follow_symlinks: bool = False,
    articles: Iterable[Article | ReadFailure] | None = None,
    language: str | None = None,
) -> IngestReport:
    """Ingest files and folders (or ``articles`` already being read, e.g. from standard input, instead); a bad
    item is reported and skipped, the batch goes on.

    An article whose processing takes longer than ``time_limit`` seconds is skipped and named like a bad item;
    ``follow_symlinks`` follows symbolic links that lead out of a folder (see :func:`kg.read.read_paths`).

    With ``workers`` > 1, extraction and validation run in that many processes; resolving, reasoning and writing
    stay in this one (one writer), in input order. Outcomes are reported in input order, each once its
    validation is done (shortly after its article was written).
    """
    ingestor = Ingestor(store, validate=validate, reason=reason, time_limit=time_limit)
    report = IngestReport()

    def emit(item: ArticleOutcome | ReadFailure) -> None:
        if isinstance(item, ReadFailure):
            report.failures.append(item)
        else:
            report.outcomes.append(item)
        if on_item:
            on_item(item)

    def ingest_one(
        item: Article, facts: ArticleFacts | ArticleTimeout | str | None, defer: Callable[..., None] | None
    ) -> ArticleOutcome | ReadFailure:
        try:
            if isinstance(facts, (str, ArticleTimeout)):
                raise facts if isinstance(facts, ArticleTimeout) else RuntimeError(facts)
            return ingestor.ingest_article(item, facts, defer_validation=defer)
        except StoreDamaged:
            raise  # every article after it would fail alike: the batch stops, exit 3
        except ArticleTimeout as exc:
            return ReadFailure(item.source, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch; nothing of it was written
            return ArticleOutcome(item.source, "failed", problem=f"{type(exc).__name__}: {exc}")

    read = read_paths(paths, published=published, follow_symlinks=follow_symlinks) if articles is None else articles
    items: Iterator[Article | ReadFailure] = map(_storable_source, read)
    if language is not None:  # `kg ingest --language`: the reader's guess from the share of Hangul overridden
        items = (replace(i, language=language) if isinstance(i, Article) else i for i in items)
    if workers <= 1:
        for item in items:
            emit(item if isinstance(item, ReadFailure) else ingest_one(item, None, None))
        return report

    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    window = workers * 16
    engine = str(ingestor.validate) if ingestor.validate else None
    pending: deque[tuple[ArticleOutcome | ReadFailure, AsyncResult[list[str]] | None]] = deque()

    def emit_first() -> None:
        outcome, violations = pending.popleft()
        if violations is not None:
            outcome.violations = violations.get()  # type: ignore[union-attr]
        emit(outcome)

    prepare()  # the workers fork from here: they share the morphology model instead of building one each
    with ctx.Pool(workers, initializer=_init_worker, initargs=(engine, time_limit)) as pool:
        for item, facts in _extracted(items, pool, window):
            if isinstance(item, ReadFailure):
                pending.append((item, None))
            else:
                checks: list[AsyncResult[list[str]]] = []

                def defer(
                    quads: list[Quad], by_paragraph: dict[NamedNode, int], source: str,
                    into: list[AsyncResult[list[str]]] = checks,
                ) -> None:
                    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
                    by_name = {g.value: n for g, n in by_paragraph.items()}
                    into.append(pool.apply_async(_validate_worker, (nquads, by_name, source, engine)))

                pending.append((ingest_one(item, facts, defer), checks[0] if checks else None))
            while pending and (pending[0][1] is None or pending[0][1].ready()):
                emit_first()
            while len(pending) > window:  # bounded: the writer never runs far ahead of validation
                emit_first()
        while pending:
            emit_first()
    return report


__all__ = [
    "ingest_paths", "Ingestor", "IngestReport", "ArticleOutcome", "ArticleTimeout", "DEFAULT_TIME_LIMIT",
    "ensure_base_graphs", "time_limit",
]
