"""Presentation only: query results as an aligned table or in the W3C formats, facts with their citations, store
statistics, validation reports, JSON for scripts, and text made safe for a terminal. Each function turns what
:mod:`kg.query` or :mod:`kg.maintenance` returned into text or bytes; the export formats the store does not write
itself are re-serialised here from the Turtle it writes.

The W3C formats (SPARQL results JSON, XML, TSV; JSON-LD, RDF/XML, N-Triples) are written by pyoxigraph's own
serialisers: a SELECT result reaches them as the W3C TSV it is read back from, streamed (each term in N-Triples
syntax, as pyoxigraph writes terms). CSV is the exception (see :func:`_csv`).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox
from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import QueryError, UsageError
from kg.model import ReadFailure
from kg.query import EntityFacts, shorten
from kg.store import EXPORT_FORMATS, QueryResult, SelectResult, SelectStream, Store
from kg.terminal import escape_name

if TYPE_CHECKING:
    from kg.ingest import ArticleOutcome, IngestReport
    from kg.maintenance import StoreStats
    from kg.validate import ValidationReport


class OutputFormat(str, Enum):
    """How ``kg query`` prints results: an aligned table, or a W3C format for programs."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"


_RESULTS_FORMATS = {
    OutputFormat.TSV: ox.QueryResultsFormat.TSV,
    OutputFormat.JSON: ox.QueryResultsFormat.JSON,
    OutputFormat.XML: ox.QueryResultsFormat.XML,
}
# CONSTRUCT results: JSON-LD for json, RDF/XML for xml, N-Triples for the line-based formats
_GRAPH_FORMATS = {OutputFormat.JSON: ox.RdfFormat.JSON_LD, OutputFormat.XML: ox.RdfFormat.RDF_XML}


class ExportFormat(str, Enum):
    """What ``kg export`` writes; each has one file extension, and an extension names one format."""

    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]


_EXTENSIONS = {
    ExportFormat.TURTLE: ".ttl", ExportFormat.TRIG: ".trig", ExportFormat.NQUADS: ".nq",
    ExportFormat.NTRIPLES: ".nt", ExportFormat.JSONLD: ".jsonld", ExportFormat.RDFXML: ".rdf",
}
# written from the store's Turtle (the union of its graphs) by pyoxigraph
_TRANSCODED = {ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES, ExportFormat.RDFXML: ox.RdfFormat.RDF_XML}


def export_format(given: ExportFormat | None, output: Path | None) -> ExportFormat:
    """The format to write: ``given``, else the one the output's extension names (TriG on standard output).

    Never one format under another's extension: a known extension that disagrees with ``given``, or an unknown
    one without ``given``, is a UsageError."""
    suffix = output.suffix.lower() if output is not None else ""
    by_extension = next((f for f in ExportFormat if f.extension == suffix), None)
    known = ", ".join(f"{f.extension} ({f.value})" for f in ExportFormat)
    if given is None:
        if output is None:
            return ExportFormat.TRIG
        if by_extension is None:
            raise UsageError(f"{escape_name(str(output))}: cannot tell the format from the name; "
                             f"give --format or one of the extensions {known}")
        return by_extension
    if output is not None and by_extension is not None and by_extension != given:
        raise UsageError(f"{escape_name(str(output))}: the extension {suffix} is {by_extension.value}, not "
                         f"{given.value}: name the file {output.stem}{given.extension}, or leave out --format")
    return given


def write_export(store: Store, fmt: ExportFormat, out: BinaryIO) -> None:
    """The whole store in ``fmt``. N-Triples and RDF/XML hold triples: the store's Turtle (the union of its
    graphs), re-serialised by pyoxigraph through a temporary file, so memory stays flat."""
    if fmt.value in EXPORT_FORMATS:
        store.export(fmt.value, out)
        return
    with tempfile.TemporaryFile() as tmp:
        store.export("turtle", tmp)
        tmp.seek(0)
        ox.serialize(ox.parse(tmp, ox.RdfFormat.TURTLE), out, _TRANSCODED[fmt])


# --- query results ---------------------------------------------------------------------------------------


def write_result(result: QueryResult | SelectStream, fmt: OutputFormat | str, out: BinaryIO) -> None:
    """SELECT/ASK/CONSTRUCT results in ``fmt``: ``table`` (aligned, IRIs shortened), or W3C SPARQL results
    CSV, TSV, JSON or XML (CONSTRUCT: N-Triples, JSON-LD for json, RDF/XML for xml). A SelectStream's rows are
    written as they come, but for a table (its widths need every row)."""
    try:
        fmt = OutputFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown output format '{fmt}' (one of {', '.join(f.value for f in OutputFormat)})") from None
    if isinstance(result, list):
        ox.serialize(result, out, _GRAPH_FORMATS.get(fmt, ox.RdfFormat.N_TRIPLES))
        if fmt in _GRAPH_FORMATS:
            out.write(b"\n")
        return
    if isinstance(result, bool) and fmt in (OutputFormat.JSON, OutputFormat.XML):
        answer = ox.parse_query_results(json.dumps({"head": {}, "boolean": result}), ox.QueryResultsFormat.JSON)
        answer.serialize(out, _RESULTS_FORMATS[fmt])
        out.write(b"\n")
        return
    if isinstance(result, bool):
        out.write(b"true\n" if result else b"false\n")
        return
    if not isinstance(result, SelectResult | SelectStream):
        raise QueryError(f"cannot format a query result of type {type(result).__name__}")
    if fmt == OutputFormat.TABLE:
        out.write(_table(SelectResult(result.variables, tuple(result.rows))).encode("utf-8"))
        return
    if fmt == OutputFormat.CSV:
        _csv(result, out)
        return
    solutions = ox.parse_query_results(io.BufferedReader(_ChunkReader(_tsv_lines(result))), ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)
    solutions.serialize(out, _RESULTS_FORMATS[fmt])
    if fmt in (OutputFormat.JSON, OutputFormat.XML):
        out.write(b"\n")


def format_result(result: QueryResult, fmt: OutputFormat | str) -> str:
    """:func:`write_result` as text."""
    buffer = io.BytesIO()
    write_result(result, fmt, buffer)
    return buffer.getvalue().decode("utf-8")


def _csv(result: SelectResult | SelectStream, out: BinaryIO) -> None:
    """W3C SPARQL 1.1 CSV: variable names without '?', IRIs and literals as bare strings, RFC 4180 quoting, CRLF.
    Ours, not pyoxigraph's: its writer (0.5.13) leaves an IRI with a comma unquoted, which splits the field."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if (t := row.get(v)) is None else f"_:{t.value}" if isinstance(t, BlankNode) else t.value
                         for v in result.variables])
    text.detach()


def _tsv_lines(result: SelectResult | SelectStream) -> Iterator[bytes]:
    # W3C SPARQL 1.1 TSV: '?var' headers, terms in N-Triples syntax (as pyoxigraph writes them: escapes keep
    # tabs and newlines out of a field), an empty field for an unbound variable.
    yield ("\t".join(f"?{v}" for v in result.variables) + "\n").encode("utf-8")
    for row in result.rows:
        yield ("\t".join("" if row.get(v) is None else str(row[v]) for v in result.variables) + "\n").encode("utf-8")


class _ChunkReader(io.RawIOBase):
    """A readable stream over byte chunks made on demand: results reach pyoxigraph's parser as they are
    written, not as one string."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


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


# --- facts, statistics, validation --------------------------------------------------------------------


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
                where = "headline" if c.role == "headline" else f"¶{c.paragraph}"
                if c.role in ("subtitle", "caption"):
                    where += f" {c.role}"
                lines.append(f"      [{src}; {where}{hedge}] “{c.quote}”")
                if c.location:
                    lines.append(f"        {c.location}")
        lines.append("")
    return "\n".join(lines).rstrip() + ("\n" if lines else "")


def render_stats(stats: StoreStats) -> str:
    lines = [f"statements: {stats.statements}", f"named graphs: {stats.graphs}"]
    lines += [f"{what}: {n}" for what, n in stats.counts.items()]
    lines += [f"store: {stats.store}"] if stats.store else []
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


def as_json(value: Any) -> str:
    """Records of :mod:`kg.query` or :mod:`kg.maintenance` (dataclasses, in lists and dicts) as one line of JSON."""
    return json.dumps(value, ensure_ascii=False, default=_plain) + "\n"


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


def stats_json(stats: StoreStats) -> str:
    return as_json({"statements": stats.statements, "named_graphs": stats.graphs, "counts": stats.counts, "store": stats.store})


def validation_json(report: ValidationReport) -> str:
    return as_json({"conforms": report.conforms, "violations": [asdict(v) for v in report.violations]})


# --- ingest outcomes ------------------------------------------------------------------------------


def outcome_json(item: ArticleOutcome | ReadFailure) -> str:
    """One article's outcome as a line of JSON (``kg ingest --json``); a failure to read is ``skipped``."""
    if isinstance(item, ReadFailure):
        record: dict[str, Any] = {"source": escape_name(item.source), "line": item.line, "status": "skipped",
                                  "problem": item.problem}
    else:
        record = {**asdict(item), "source": escape_name(item.source)}
    return json.dumps(record, ensure_ascii=False) + "\n"


def item_lines(item: ArticleOutcome | ReadFailure, *, quiet: bool) -> list[str]:
    """What ``kg ingest`` says about one outcome (file names escaped)."""
    if isinstance(item, ReadFailure):
        where = item.source if item.line is None else f"{item.source}:{item.line}"
        return [f"skipped {escape_name(where)}: {item.problem}"]
    source = escape_name(item.source)
    lines = []
    if item.status == "failed":
        lines.append(f"failed {source}: {item.problem} (nothing of it was stored)")
    elif not quiet:
        merged = f" ({item.meetings_merged} merged into known ones)" if item.meetings_merged else ""
        lines.append(f"{item.status:9s} {source}: {item.statements} statements, {item.meetings} meetings{merged}")
    lines += [f"warning: {source}: {w}" for w in item.warnings]
    lines += [f"warning: {v}" for v in item.violations]
    return lines


def ingest_summary(report: IngestReport) -> str:
    unchanged = sum(o.status == "unchanged" for o in report.outcomes)
    replaced = sum(o.status == "replaced" for o in report.outcomes)
    failed = len(report.failures) + sum(o.status == "failed" for o in report.outcomes)
    return (f"{report.read} articles read: {report.stored} stored ({replaced} replacing an earlier version), "
            f"{unchanged} unchanged, {failed} skipped; {report.statements_added} statements added, "
            f"{report.meetings_merged} meetings merged")
