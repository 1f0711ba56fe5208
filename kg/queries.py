"""The named query library: ``queries/*.rq`` files with a machine-readable header, typed parameters and
result formatting.

A query file starts with comment lines; three keys are read, everything else is free text::

    # question: Which SK executives attended each meeting?
    # param: group iri default=id:org/sk-group  the group whose executives to list
    # param: name string required  the person's name
    # param: object term optional  an RDF term in Turtle syntax
    # columns: meeting date executive title

``param`` is ``NAME KIND [default=VALUE | required | optional]  DOC`` where KIND is ``iri``, ``string``,
``date`` (YYYY-MM-DD), ``integer`` or ``term`` (an IRI or a Turtle literal). A default may be quoted JSON-style
(``default="two words"``); iri defaults may use the prefixes of :mod:`kg.namespaces`. A parameter binds the
query variable of the same name through :meth:`kg.store.Store.query` (never pasted into the text).

Library queries do not project their parameters: the stores bind them as a VALUES block at the start of the
WHERE group and of every OPTIONAL, MINUS, EXISTS group and subquery using them (see
:func:`kg.safety.bind_values`), which pyoxigraph 0.5 plans as constants (substituted variables it plans as
unbound: 100x slower).
:func:`run_query` drops parameter columns a query projects anyway unless ``columns`` lists them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO
from urllib.parse import unquote

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from kg.errors import InputError, QueryError, UsageError
from kg.namespaces import PREFIXES, XSD_NS
from kg.resources import queries_dir
from kg.store import QueryResult, SelectResult, SelectStream, Store, Term, materialise, tokens

PARAM_KINDS = ("iri", "string", "date", "integer", "term")
FORMATS = ("table", "csv", "tsv", "json")
STDIN = "-"  # the query name that reads the query text from standard input
STDIN_SOURCE = "<stdin>"
MAX_QUERY_BYTES = 1024 * 1024

_XSD_STRING = XSD_NS + "string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_KEY = re.compile(r"#\s*(question|param|columns)\s*:(.*)\Z")
_PARAM = re.compile(
    r"(?P<name>\S+)\s+(?P<kind>\S+)"
    r"(?:\s+(?:default=(?P<default>\"(?:[^\"\\]|\\.)*\"|\S+)|(?P<flag>required|optional)))?"
    r"(?:\s+(?P<doc>.*))?\Z"
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z0-9_-]*):(?P<local>[^\s<>\"{}|^`\\]*)\Z")
_OPAQUE_SCHEMES = frozenset({"urn", "tag", "mailto", "did", "data"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")


@dataclass(frozen=True)
class QueryParam:
    name: str
    kind: str  # one of PARAM_KINDS
    default: str | None  # as written in the header; None: no default
    doc: str
    required: bool = False  # no default and must be given; otherwise the variable stays unbound when omitted


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path | None  # None for a query read from a stream
    question: str
    params: tuple[QueryParam, ...]
    columns: tuple[str, ...]
    text: str


# --- reading query files ---------------------------------------------------------------------------------


def parse_query_file(path: Path) -> NamedQuery:
    """Read a .rq file and its header. A file without a header is a query with no parameters."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the query file: {exc}") from None
    return parse_query_text(text, source=str(path), name=path.stem, path=path)


def read_query_stream(stream: BinaryIO, *, source: str = STDIN_SOURCE) -> NamedQuery:
    """A query (with an optional header) read from a stream, e.g. standard input: UTF-8, at most
    ``MAX_QUERY_BYTES``. Run like any other query, with the same safety checks."""
    try:
        data = stream.read(MAX_QUERY_BYTES + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read the query: {exc.strerror or exc}") from None
    if len(data) > MAX_QUERY_BYTES:
        raise InputError(source, f"query text over {MAX_QUERY_BYTES // 1024} KiB: not a query")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"query text is not UTF-8 (byte {exc.start})") from None
    if next(tokens(text), None) is None:  # blank, or comments only
        raise InputError(source, "empty: no query text")
    return parse_query_text(text, source=source, name="stdin")


def parse_query_text(text: str, *, source: str, name: str, path: Path | None = None) -> NamedQuery:
    """A query text and its header (see the module docstring); ``source`` names it in error messages."""
    question = ""
    params: list[QueryParam] = []
    columns: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break  # the header is the leading block of comments
        match = _HEADER_KEY.match(line)
        if match is None:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "question":
            question = f"{question} {value}".strip()
        elif key == "columns":
            columns = tuple(value.split())
            bad = [c for c in columns if not _NAME.match(c)]
            if bad:
                raise InputError(source, f"column names must be SPARQL variable names, not {bad}", line=number)
        else:
            param = _parse_param(value, source, number)
            if any(p.name == param.name for p in params):
                raise InputError(source, f"parameter '{param.name}' is declared twice", line=number)
            params.append(param)
    _refuse_update(text, source)
    return NamedQuery(name=name, path=path, question=question, params=tuple(params), columns=columns, text=text)


def _parse_param(spec: str, source: str, line: int) -> QueryParam:
    match = _PARAM.match(spec)
    if match is None:
        raise InputError(source, f"a param line reads 'NAME KIND [default=VALUE|required|optional] DOC', not {spec!r}", line=line)
    name, kind = match.group("name"), match.group("kind")
    if not _NAME.match(name):
        raise InputError(source, f"parameter name {name!r} is not a SPARQL variable name", line=line)
    if kind not in PARAM_KINDS:
        raise InputError(source, f"parameter '{name}' has unknown kind {kind!r} (one of {', '.join(PARAM_KINDS)})", line=line)
    default = match.group("default")
    if default is not None and default.startswith('"'):
        default = json.loads(default)
    param = QueryParam(
        name=name,
        kind=kind,
        default=default,
        doc=(match.group("doc") or "").strip(),
        required=match.group("flag") == "required",
    )
    if default is not None:
        try:
            convert_value(param, default)
        except UsageError as exc:
            raise InputError(source, f"bad default: {exc}", line=line) from None
    return param


def list_queries() -> list[NamedQuery]:
    """Every query of the library, sorted by name."""
    return [parse_query_file(p) for p in sorted(queries_dir().glob("*.rq"))]


def load_query(name_or_path: str, *, stdin: BinaryIO | None = None) -> NamedQuery:
    """A query of the library by name (``sk-executives-per-meeting``), a .rq file by path, or ``-``: the
    query text from ``stdin`` (default: this process's standard input)."""
    if name_or_path == STDIN:
        return read_query_stream(stdin if stdin is not None else sys.stdin.buffer)
    library = queries_dir() / f"{name_or_path}.rq"
    if "/" not in name_or_path and "\\" not in name_or_path and library.is_file():
        return parse_query_file(library)
    path = Path(name_or_path)
    # any readable non-folder path is a query file: a .rq file, but also a pipe such as /dev/stdin
    if path.suffix == ".rq" or (path.exists() and not path.is_dir()):
        if not path.exists():
            raise InputError(name_or_path, "no such query file")
        return parse_query_file(path)
    names = ", ".join(p.stem for p in sorted(queries_dir().glob("*.rq")))
    raise UsageError(f"unknown query '{name_or_path}': give a .rq file, - (standard input) or one of: {names}")


# --- parameters ------------------------------------------------------------------------------------------


def bind_params(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Typed terms for the query's parameters: the given values, else the defaults.

    Unknown names, missing required parameters and values that do not fit the kind are UsageErrors.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query '{query.name}' has no parameter {', '.join(unknown)} (its parameters: {known})")
    bound: dict[str, Term] = {}
    for param in query.params:
        if param.name in values:
            bound[param.name] = convert_value(param, values[param.name])
        elif param.default is not None:
            bound[param.name] = convert_value(param, param.default)
        elif param.required:
            raise UsageError(f"query '{query.name}' needs the parameter '{param.name}': {param.doc}")
    return bound


def convert_value(param: QueryParam, value: str) -> Term:
    """One parameter value as an RDF term of the parameter's kind."""
    if param.kind == "string":
        return Literal(value)
    if param.kind == "integer":
        if not _INTEGER.match(value.strip()):
            raise UsageError(f"parameter '{param.name}' wants an integer, not {value!r}")
        return Literal(str(int(value)), datatype=NamedNode(XSD_NS + "integer"))
    if param.kind == "date":
        text = value.strip()
        try:
            if not _DATE.match(text):
                raise ValueError
            date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"parameter '{param.name}' wants a date YYYY-MM-DD, not {value!r}") from None
        return Literal(text, datatype=NamedNode(XSD_NS + "date"))
    if param.kind == "iri":
        iri = _to_iri(value.strip())
        if iri is None:
            raise UsageError(
                f"parameter '{param.name}' wants an IRI (<...>, a full IRI or prefix:name with one of "
                f"{', '.join(PREFIXES)}), not {value!r}"
            )
        return iri
    return _to_term(param, value)


def _to_iri(text: str) -> NamedNode | None:
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    match = _PREFIXED.match(text)
    if match and match.group("prefix") in PREFIXES:
        text = PREFIXES[match.group("prefix")] + match.group("local")
    elif not _SCHEME.match(text):
        return None
    elif "//" not in text and text.split(":", 1)[0].lower() not in _OPAQUE_SCHEMES:
        return None  # "nope:x" is an unknown prefix rather than an IRI
    if any(ch in text for ch in '<>"{}|^`\\ '):
        return None  # not allowed in an IRI reference (RFC 3987)
    try:
        return NamedNode(text)
    except ValueError:
        return None


def _to_term(param: QueryParam, value: str) -> Term:
    """``term`` kind: an IRI, a Turtle literal ("x"@ko, "2024-06"^^xsd:gYearMonth), else a plain string."""
    text = value.strip()
    if not text.startswith('"'):
        iri = _to_iri(text) if (text.startswith("<") or _SCHEME.match(text)) else None
        return iri if iri is not None else Literal(value)
    # Parse the literal as the object of one Turtle triple; anything but exactly one literal is refused.
    prologue = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    document = f"{prologue}<urn:aipkg:s> <urn:aipkg:p> {text} .\n"
    try:
        triples = list(parse(document.encode("utf-8"), format=RdfFormat.TURTLE))
    except SyntaxError:
        triples = []
    if len(triples) != 1 or not isinstance(triples[0].object, Literal):
        raise UsageError(f"parameter '{param.name}' wants an IRI or one Turtle literal, not {value!r}")
    return triples[0].object


# --- running ---------------------------------------------------------------------------------------------


def run_query(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_network: bool = False,
    timeout: float | None = None,
    stream: bool = False,
) -> QueryResult | SelectStream:
    """Run a query (a library name, a .rq file, ``-`` for standard input, or one already loaded) with its
    parameters bound as typed terms. ``timeout``: seconds the store may take (None: no limit); ``stream``: a
    SELECT's rows as they come (a SelectStream, read while the store is open)."""
    if not isinstance(query, NamedQuery):
        query = load_query(query)
    bindings = bind_params(query, params or {})
    if stream:
        result: QueryResult | SelectStream = store.stream(query.text, bindings, allow_network=allow_network, timeout=timeout)
    else:
        result = store.query(query.text, bindings, allow_network=allow_network, timeout=timeout)
    if isinstance(result, SelectResult | SelectStream):
        hidden = {p.name for p in query.params} - set(query.columns)
        if hidden & set(result.variables):
            variables = tuple(v for v in result.variables if v not in hidden)
            rows = ({v: row.get(v) for v in variables} for row in result.rows)
            result = SelectStream(variables, rows) if isinstance(result, SelectStream) else SelectResult(variables, tuple(rows))
    return result


_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "DROP", "CLEAR", "LOAD", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def _refuse_update(text: str, source: str) -> None:
    """A SPARQL update would fail as a syntax error deep in the parser; say plainly what it is."""
    words = (t for t in tokens(text) if t.kind == "word")
    start = next((t for t in words if t.text.upper() not in ("PREFIX", "BASE")), None)
    if start is not None and start.text.upper() in _UPDATE_WORDS:
        raise QueryError(f"{source}: {start.text.upper()} is a SPARQL update; queries only read the store")


# --- formatting ------------------------------------------------------------------------------------------


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


def write_result(result: QueryResult | SelectStream, fmt: str, out: TextIO) -> None:
    """:func:`format_result` written to ``out``, a SelectStream's rows as they come in csv, tsv and json (a table
    needs every row for its column widths)."""
    if fmt not in FORMATS or not isinstance(result, SelectStream) or fmt == "table":
        out.write(format_result(materialise(result) if isinstance(result, SelectStream) else result, fmt))
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(row.get(v)) for v in result.variables])
    elif fmt == "tsv":
        out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            out.write("\t".join("" if row.get(v) is None else str(row[v]) for v in result.variables) + "\n")
    else:  # the same text as _json: its empty bindings list, opened and filled a binding at a time
        head, tail = _json(SelectResult(result.variables, ())).split('"bindings": []')
        out.write(head + '"bindings": [')
        wrote = False
        for row in result.rows:
            binding = {v: _json_term(row[v]) for v in result.variables if row.get(v) is not None}
            out.write(("," if wrote else "") + "\n" + textwrap.indent(json.dumps(binding, ensure_ascii=False, indent=1), "   "))
            wrote = True
        out.write(("\n  ]" if wrote else "]") + tail)


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


def shorten(iri: str) -> str:
    """An IRI shortened with the longest matching prefix of kg.namespaces, percent-escapes decoded for reading."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{unquote(iri[len(best):])}"


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
