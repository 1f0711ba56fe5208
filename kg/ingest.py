"""Ingestion: read -> extract -> resolve -> write, one article at a time, each article whole or not at all.

After an article's claims are built (and before its single atomic write), OWL RL inferences that follow from
them go to the article's own inferred graph, and SHACL validation of what the article adds is reported with
the article and paragraph each violation came from.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from kg.extract import extract
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Article, ArticleFacts, ReadFailure
from kg.namespaces import AIP, INFERRED_GRAPH, ONTOLOGY_GRAPH, ORG, REFERENCE_GRAPH, SCHEMA, TOPICS_GRAPH
from kg.reader import read_paths
from kg.resolve import Resolver, find_existing, inferred_graph
from kg.resources import ontology_file
from kg.store import Store

BASE_FILES = {ONTOLOGY_GRAPH: "aipkg.ttl", TOPICS_GRAPH: "topics.ttl", REFERENCE_GRAPH: "reference.ttl"}


@dataclass
class ArticleOutcome:
    source: str
    status: str  # "stored" | "unchanged" | "replaced" | "failed"
    statements: int = 0
    meetings: int = 0
    meetings_merged: int = 0
    violations: list[str] = field(default_factory=list)
    problem: str | None = None


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


def _file_quads(graph: NamedNode, path: Path) -> list[Quad]:
    return [Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def _files_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_base_graphs(store: Store) -> list[str]:
    """Load (or refresh, when its file changed) the ontology, topics and reference graphs, with their inferences
    in id:graph/inferred. Returns what was loaded."""
    loaded = []
    for graph, name in BASE_FILES.items():
        path = ontology_file(name)
        digest = _files_hash(path)
        result = store.query(
            "PREFIX schema: <https://schema.org/> ASK { GRAPH ?g { ?g schema:sha256 ?h } }",
            {"g": graph, "h": ox.Literal(digest)},
        )
        if result is True:
            continue
        quads = _file_quads(graph, path)
        # schema:sha256 rather than aip:contentHash, whose domain would make the graph an aip:Article
        quads.append(Quad(graph, SCHEMA.sha256, ox.Literal(digest), graph))
        quads.append(Quad(graph, SCHEMA.name, ox.Literal(name), graph))
        store.replace([graph], quads)
        loaded.append(name)
    if loaded:
        from kg.reason import infer, inferred_quads

        base = [ox.Triple(q.subject, q.predicate, q.object) for g in BASE_FILES for q in store.quads(g)]
        store.replace([INFERRED_GRAPH], inferred_quads(sorted(infer(base), key=str)))
    return loaded


def _base_triples(store: Store) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH) for q in store.quads(g)]


class Ingestor:
    """Ingests articles into a store; keeps what is worth keeping between articles (lexicon, base closure)."""

    def __init__(self, store: Store, *, lexicon: Lexicon | None = None, validate: bool | str = True, reason: bool = True) -> None:
        self.store = store
        self.lexicon = lexicon or load_lexicon()
        # "fast": shapes compiled to SPARQL on pyoxigraph; "full": pySHACL; False: none
        self.validate = "fast" if validate is True else validate
        self.reason = reason
        ensure_base_graphs(store)
        self._resolver = Resolver(store, self.lexicon)
        self._base: list[ox.Triple] | None = None
        self._base_inferred: set[ox.Triple] | None = None

    def _inferences(self, quads: list[Quad], graph: NamedNode) -> list[Quad]:
        from kg.reason import infer

        if self._base is None:
            self._base = _base_triples(self.store)
            self._base_inferred = infer(self._base)
            self._base_by_subject: dict[object, list[ox.Triple]] = {}
            for t in self._base:
                self._base_by_subject.setdefault(t.subject, []).append(t)
            self._hierarchy = [t for t in self._base if t.predicate == ORG.subOrganizationOf]
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        # only the reference statements about what the article mentions, and the group hierarchy, can combine
        # with it: reasoning over all reference data for every article would cost the same for nothing
        mentioned = {t.subject for t in triples} | {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
        context = [t for node in mentioned for t in self._base_by_subject.get(node, ())]
        new = infer([*context, *self._hierarchy, *triples]) - (self._base_inferred or set())
        asserted = set(triples)
        return [Quad(t.subject, t.predicate, t.object, graph) for t in new if t not in asserted]

    def _violations(self, quads: list[Quad], graphs_by_paragraph: dict[NamedNode, int], source: str) -> list[str]:
        report = None
        if self.validate == "fast":
            try:
                from kg.shacl_fast import compiled_shapes
            except ImportError:
                compiled_shapes = None  # type: ignore[assignment]
            if compiled_shapes is not None:
                report = compiled_shapes().validate(quads)
        if report is None:
            from kg.validate import validate

            report = validate(quads)
        if report.conforms:
            return []
        where_of: dict[str, int] = {}
        for q in quads:
            if q.graph_name in graphs_by_paragraph:  # type: ignore[operator]
                where_of.setdefault(q.subject.value, graphs_by_paragraph[q.graph_name])  # type: ignore[index]
        out = []
        for v in report.violations:
            paragraph = where_of.get(v.focus)
            where = f"{source}, paragraph {paragraph}" if paragraph else source
            out.append(f"{where}: {v.focus} {v.path or ''}: {v.message}".replace("  ", " "))
        return out

    def is_known(self, article: Article) -> bool:
        return find_existing(self.store, article.content_hash) is not None

    def ingest_article(self, article: Article, facts: ArticleFacts | None = None) -> ArticleOutcome:
        """Store one article (``facts`` when already extracted, e.g. by a worker process)."""
        if self.is_known(article):
            return ArticleOutcome(article.source, "unchanged")
        facts = facts or extract(article, self.lexicon)
        res = self._resolver.resolve(facts)
        quads = list(res.quads)
        if self.reason:
            quads.extend(self._inferences(res.quads, inferred_graph(article.content_hash)))
            quads.append(Quad(inferred_graph(article.content_hash), AIP.fromArticle, res.article, inferred_graph(article.content_hash)))
        violations = self._violations(res.quads, res.graphs_by_paragraph, article.source) if self.validate else []
        self.store.replace(res.drop_graphs, quads)
        return ArticleOutcome(
            article.source,
            "replaced" if res.superseded is not None else "stored",
            statements=len(quads),
            meetings=len(res.meetings),
            meetings_merged=res.merged_meetings,
            violations=violations,
        )


def _extract_worker(article: Article) -> ArticleFacts | str:
    try:
        return extract(article)
    except Exception as exc:  # noqa: BLE001 - reported for this article, the batch goes on
        return f"{type(exc).__name__}: {exc}"


def _extracted(items: Iterable[Article | ReadFailure], workers: int) -> Iterator[tuple[Article | ReadFailure, ArticleFacts | str | None]]:
    """Articles with their facts: extracted here, or by ``workers`` processes (order kept, streaming)."""
    if workers <= 1:
        for item in items:
            yield item, None
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    # Pool.imap reads its whole input ahead of its workers: feed it a bounded window at a time instead, so that
    # a large corpus is never held in memory
    window = workers * 16
    source = iter(items)
    with ctx.Pool(workers, initializer=load_lexicon) as pool:
        while batch := list(itertools.islice(source, window)):
            articles = [item for item in batch if isinstance(item, Article)]
            extracted = iter(pool.imap(_extract_worker, articles, chunksize=4))
            for item in batch:
                yield item, (next(extracted) if isinstance(item, Article) else None)


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    published: date | datetime | None = None,
    on_item: Callable[[ArticleOutcome | ReadFailure], None] | None = None,
    validate: bool | str = True,
    reason: bool = True,
    workers: int = 1,
) -> IngestReport:
    """Ingest files and folders; a bad item is reported and skipped, the batch goes on.

    With ``workers`` > 1, extraction runs in that many processes; resolving and writing stay in this one
    (one writer), in input order.
    """
    ingestor = Ingestor(store, validate=validate, reason=reason)
    report = IngestReport()
    for item, facts in _extracted(read_paths(paths, published=published), workers):
        if isinstance(item, ReadFailure):
            report.failures.append(item)
            if on_item:
                on_item(item)
            continue
        try:
            if isinstance(facts, str):
                raise RuntimeError(facts)
            outcome = ingestor.ingest_article(item, facts)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch; nothing of it was written
            outcome = ArticleOutcome(item.source, "failed", problem=f"{type(exc).__name__}: {exc}")
        report.outcomes.append(outcome)
        if on_item:
            on_item(outcome)
    return report


__all__ = ["ingest_paths", "Ingestor", "IngestReport", "ArticleOutcome", "ensure_base_graphs"]
