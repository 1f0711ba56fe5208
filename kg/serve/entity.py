"""Every fact about one entity (a person, a company, a meeting, ...) with its citations, read by the query
library's ``fact-provenance`` query: once with the entity as subject, once as object.

A fact read from an article cites the outlet, the publication date, the paragraph, the sentences of the
paragraph that name the fact's value (the whole paragraph when none does) and the article's URL. A fact of no
one article says where it comes from (resolved from all reports, reference data); inferences are left out, as
``kg fact`` leaves them out: they follow from what is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.iris import ONTOLOGY_GRAPH, is_inferred_graph, is_reference_graph, is_resolved_graph
from kg.namespaces import AIP_NS, RDF
from kg.query import label_of, load_query, shorten
from kg.serve.data import select, text
from kg.serve.html import Site, link, outside_link
from kg.serve.svg import esc
from kg.store import Store, Term

_SENTENCE_END = re.compile(r"(?<=[.?!。])\s+")


@dataclass(frozen=True)
class Citation:
    outlet: str | None
    published: str | None
    title: str | None
    paragraph: int | None
    text: str
    source: str | None  # the article's URL or source file
    certainty: str  # "stated" or "speculated"


@dataclass
class Statement:
    predicate: str
    value: Term
    incoming: bool  # the entity is the object: "<value> <predicate> <entity>"
    citations: list[Citation] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)  # where a fact of no one article comes from


@dataclass
class EntityView:
    iri: str
    label: str
    kinds: list[str]
    statements: list[Statement]
    labels: dict[str, str]  # IRI -> label, of every value shown


def _derivation(graph: str) -> str | None:
    node = NamedNode(graph)
    if is_inferred_graph(node) or node == ONTOLOGY_GRAPH:
        return None
    if is_resolved_graph(node):
        return "resolved from all its reports"
    if is_reference_graph(node):
        return "reference data"
    return f"graph {shorten(graph)}"


def load_entity(store: Store, iri: str) -> EntityView:
    """What the store says about ``iri``; :class:`kg.errors.NothingMatched` when it holds nothing about it."""
    query = load_query("fact-provenance")
    statements: dict[tuple[bool, str, str], Statement] = {}
    kinds: set[str] = set()
    for incoming in (False, True):
        rows = select(store, query, {"object" if incoming else "subject": f"<{iri}>"}).rows
        for row in rows:
            p, value, graph = row["p"], row["o" if not incoming else "s"], text(row["graph"])
            if p is None or value is None or graph is None:
                continue
            if not incoming and p == RDF.type and value.value.startswith(AIP_NS):
                kinds.add(shorten(value.value))
            if row["certainty"] is None:
                derived = _derivation(graph)
                if derived is None:
                    continue
                key = (incoming, p.value, value.value)
                statement = statements.setdefault(key, Statement(p.value, value, incoming))
                if derived not in statement.derived:
                    statement.derived.append(derived)
                continue
            key = (incoming, p.value, value.value)
            statement = statements.setdefault(key, Statement(p.value, value, incoming))
            citation = _citation(row)
            if citation not in statement.citations:
                statement.citations.append(citation)
    node = NamedNode(iri)
    labels = {iri: label_of(store, node)}
    for statement in statements.values():
        if isinstance(statement.value, NamedNode) and statement.value.value not in labels:
            labels[statement.value.value] = label_of(store, statement.value)
    ordered = sorted(statements.values(), key=lambda s: (s.incoming, shorten(s.predicate), _shown(s.value, labels)))
    return EntityView(iri, labels[iri], sorted(kinds), ordered, labels)


def _citation(row: dict[str, Term | None]) -> Citation:
    paragraph = text(row["paragraph"])
    certainty = text(row["certainty"]) or ""
    issued = text(row["issued"])
    return Citation(
        outlet=text(row["publisher"]), published=issued[:10] if issued else None, title=text(row["title"]),
        paragraph=int(paragraph) if paragraph and paragraph.isdigit() else None, text=text(row["text"]) or "",
        source=text(row["source"]), certainty="speculated" if certainty.endswith("Speculated") else "stated",
    )


def _shown(value: Term, labels: dict[str, str]) -> str:
    return labels.get(value.value, value.value) if isinstance(value, NamedNode) else value.value


def quoted(paragraph: str, names: list[str]) -> tuple[str, bool]:
    """The sentences of ``paragraph`` naming one of ``names`` (and whether that is less than the paragraph);
    the whole paragraph when none does."""
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
    keys = [n for n in names if n and len(n) > 1]
    chosen = [s for s in sentences if any(k in s for k in keys)]
    if not chosen or len(chosen) == len(sentences):
        return paragraph, False
    return " … ".join(chosen), True


def citation_html(citation: Citation, names: list[str]) -> str:
    quote, trimmed = quoted(citation.text, names)
    where = ", ".join(x for x in (citation.outlet, citation.published) if x)
    paragraph = f"¶{citation.paragraph}" if citation.paragraph is not None else ""
    title = outside_link(citation.title or citation.source or "article", citation.source)
    hedge = '<span class="tag">speculated</span>' if citation.certainty == "speculated" else ""
    full = (f"<details><summary>whole paragraph</summary>{esc(citation.text)}</details>" if trimmed else "")
    file_note = "" if not citation.source or citation.source.lower().startswith(("http://", "https://")) else (
        f' <span class="muted">({esc(citation.source)})</span>')
    return (f'<li class="{citation.certainty}"><q class="quote">{esc(quote)}</q>{full}'
            f'<span class="source">{esc(where)}{", " if where else ""}{esc(paragraph)} · {title}{file_note}'
            f"{hedge}</span></li>")


def facts_html(view: EntityView, site: Site) -> str:
    """The entity's facts as a table: what, its value (linked), and the citations behind it."""
    if not view.statements:
        return '<p class="muted">The store holds no fact about it read from an article.</p>'
    rows = []
    for statement in view.statements:
        value = statement.value
        shown = _shown(value, view.labels)
        value_html = link(shown, site.entity(value.value)) if isinstance(value, NamedNode) else esc(shown)
        predicate = shorten(statement.predicate)
        what = f"← {esc(predicate)} of" if statement.incoming else esc(predicate)
        names = [shown, view.label] if isinstance(value, NamedNode) else [shown]
        cited = "".join(citation_html(c, names) for c in statement.citations)
        derived = "".join(f'<li class="derived"><span class="source">{esc(d)}</span></li>' for d in statement.derived)
        rows.append(f'<tr><td>{what}</td><td class="value">{value_html}</td>'
                    f'<td><ul class="citations">{cited}{derived}</ul></td></tr>')
    return ('<table class="facts"><thead><tr><th>fact</th><th>value</th><th>said by</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def entity_section(view: EntityView, site: Site, heading: str = "h1") -> str:
    kinds = ", ".join(view.kinds) or "resource"
    return (f"<{heading}>{esc(view.label)}</{heading}>"
            f'<p class="muted">{esc(kinds)} · <code>{esc(shorten(view.iri))}</code></p>' + facts_html(view, site))
