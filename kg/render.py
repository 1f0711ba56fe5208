"""Presentation only: query results as a table, W3C CSV/TSV or SPARQL JSON; facts with their citations; store
statistics. Nothing here reads the store: each function turns what :mod:`kg.query` or :mod:`kg.maintenance`
returned into text.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from enum import Enum
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import QueryError, UsageError
from kg.namespaces import PREFIXES, XSD_NS
from kg.query import EntityFacts, shorten
from kg.store import QueryResult, SelectResult

if TYPE_CHECKING:
    from kg.maintenance import StoreStats
    from kg.validate import ValidationReport

_XSD_STRING = XSD_NS + "string"


class OutputFormat(str, Enum):
    """How ``kg query`` prints results."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


FORMATS = tuple(f.value for f in OutputFormat)

def format_result(result: QueryResult, fmt: str) -> str:
    """SELECT/ASK/CONSTRUCT results as ``table``, ``csv``, ``tsv`` (W3C SPARQL 1.1 CSV/TSV) or ``json``
    (W3C SPARQL 1.1 Query Results JSON; CONSTRUCT results as expanded JSON-LD, else N-Triples)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format '{fmt}' (one of {', '.join(FORMATS)})")
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result}) + "\n"
        return ("true" if result else "false") + "\n"
    if isinstance(result, SelectResult):
        return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result)
    if isinstance(result, list):
        if fmt == "json":
            return _jsonld(result)
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result)
    raise QueryError(f"cannot format a query result of type {type(result).__name__}")


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):  # RDF-star quoted triple (SPARQL 1.2 JSON)
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise QueryError(f"cannot write the term {term!r} as SPARQL JSON")


def _json(result: SelectResult) -> str:
    bindings = [
        {v: _json_term(row[v]) for v in result.variables if row.get(v) is not None} for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def _csv(result: SelectResult) -> str:
    # W3C SPARQL 1.1 CSV: variable names without '?', IRIs and literals as bare strings, RFC 4180 quoting, CRLF.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(v)) for v in result.variables])
    return out.getvalue()


def _tsv(result: SelectResult) -> str:
    # W3C SPARQL 1.1 TSV: '?var' headers, terms in SPARQL/Turtle syntax (escapes keep tabs and newlines out).
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if row.get(v) is None else str(row[v]) for v in result.variables))
    return "\n".join(lines) + "\n"


def _display(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        text = shorten(term.value)
    elif isinstance(term, BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, Literal):
        text = term.value
    else:
        text = str(term)
    # One row per line: control characters would break the alignment.
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _table(result: SelectResult) -> str:
    header = list(result.variables)
    cells = [[_display(row.get(v)) for v in header] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)]
        return "  ".join(padded).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in cells]
    if not cells:
        lines.append("(no results)")
    return "\n".join(lines) + "\n"


def _jsonld_object(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"@id": term.value}
    if isinstance(term, BlankNode):
        return {"@id": f"_:{term.value}"}
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": term.datatype.value}
    raise QueryError(f"cannot write the term {term!r} as JSON-LD")


def _jsonld(triples: list[Triple]) -> str:
    """Expanded JSON-LD: one node object per subject, predicates as full IRIs, rdf:type as @type."""
    nodes: dict[str, dict[str, object]] = {}
    for t in triples:
        subject = _jsonld_object(t.subject)["@id"]
        node = nodes.setdefault(subject, {"@id": subject})
        if t.predicate.value == PREFIXES["rdf"] + "type" and isinstance(t.object, NamedNode):
            types = node.setdefault("@type", [])
            assert isinstance(types, list)
            if t.object.value not in types:
                types.append(t.object.value)
            continue
        values = node.setdefault(t.predicate.value, [])
        assert isinstance(values, list)
        obj = _jsonld_object(t.object)
        if obj not in values:
            values.append(obj)
    return json.dumps(list(nodes.values()), ensure_ascii=False, indent=1) + "\n"


def render_facts(entities: list[EntityFacts]) -> str:
    """Each entity, its facts, and under each fact the article, paragraph and quote behind it."""
    lines: list[str] = []
    for entity in entities:
        lines.append(f"{entity.label}  <{entity.iri}>  ({', '.join(entity.kinds) or 'resource'})")
        for fact in entity.facts:
            arrow = f"{fact.predicate} → {fact.value}" if fact.direction == "out" else f"← {fact.predicate} of {fact.value}"
            lines.append(f"  {arrow}")
            if fact.derived:
                lines.append(f"      [{fact.derived}]")
            for c in fact.citations:
                src = ", ".join(x for x in (c.publisher, c.published, c.title) if x)
                hedge = " (speculated)" if c.certainty == "speculated" else ""
                lines.append(f"      [{src}; ¶{c.paragraph}{hedge}] “{c.quote}”")
                if c.location:
                    lines.append(f"        {c.location}")
        lines.append("")
    return "\n".join(lines).rstrip() + ("\n" if lines else "")


def render_stats(stats: StoreStats) -> str:
    lines = [f"statements: {stats.statements}", f"named graphs: {stats.graphs}"]
    lines += [f"{what}: {n}" for what, n in stats.counts.items()]
    return "\n".join(lines) + "\n"


def render_validation(report: ValidationReport) -> str:
    if report.conforms:
        return "conforms: the data satisfies every shape\n"
    lines = [
        f"{v.severity}: {v.focus} {v.path or ''}: {v.message}" + (f" (value {v.value})" if v.value else "")
        for v in report.violations
    ]
    lines.append(f"does not conform: {len(report.violations)} violations")
    return "\n".join(lines) + "\n"
