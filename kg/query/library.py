"""The named query library: ``queries/*.rq`` files with a machine-readable header, run with typed parameters.

A query file starts with comment lines; three keys are read, everything else is free text::

    # question: Which SK executives attended each meeting?
    # param: group iri default=id:org/sk-group  the group whose executives to list
    # param: name string required  the person's name
    # param: object term optional  an RDF term in Turtle syntax
    # columns: meeting date executive title

``param`` is ``NAME KIND [default=VALUE | required | optional]  DOC`` where KIND is one of
:data:`kg.query.params.PARAM_KINDS`. A default may be quoted JSON-style (``default="two words"``); iri defaults
may use the prefixes of :mod:`kg.namespaces`. A parameter binds the query variable of the same name through
:meth:`kg.store.Store.query` (never pasted into the text).

Library queries do not project their parameters: the stores bind them as a VALUES block at the start of the
WHERE group and of every OPTIONAL, MINUS, EXISTS group and subquery using them (see
:func:`kg.store.bind_values`), which pyoxigraph 0.5 plans as constants (substituted variables it plans as
unbound: 100x slower).
:func:`run_query` drops parameter columns a query projects anyway unless ``columns`` lists them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, overload

from kg.errors import InputError, QueryError, UsageError
from kg.query.names import resolve_entity
from kg.query.params import PARAM_KINDS, QueryParam, convert_value, to_iri
from kg.resources import queries_dir
from kg.store import QueryResult, SelectResult, SelectStream, Store, Term, tokens

STDIN = "-"  # the query name that reads the query text from standard input
STDIN_SOURCE = "<stdin>"
MAX_QUERY_BYTES = 1024 * 1024

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_KEY = re.compile(r"#\s*(question|param|columns)\s*:(.*)\Z")
_PARAM = re.compile(
    r"(?P<name>\S+)\s+(?P<kind>\S+)"
    r"(?:\s+(?:default=(?P<default>\"(?:[^\"\\]|\\.)*\"|\S+)|(?P<flag>required|optional)))?"
    r"(?:\s+(?P<doc>.*))?\Z"
)


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
    """Read a .rq file and its header. A file without a header is a query with no parameters. At most
    ``MAX_QUERY_BYTES`` are read: ``kg query /dev/zero`` is refused, not read forever."""
    try:
        with path.open("rb") as fh:
            text = _read_bounded(fh, str(path))
    except FileNotFoundError:
        raise InputError(str(path), "no such query file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the query file: {exc.strerror or exc}") from None
    return parse_query_text(text, source=str(path), name=path.stem, path=path)


def read_query_stream(stream: BinaryIO, *, source: str = STDIN_SOURCE) -> NamedQuery:
    """A query (with an optional header) read from a stream, e.g. standard input: UTF-8, at most
    ``MAX_QUERY_BYTES``. Run like any other query, with the same safety checks."""
    try:
        text = _read_bounded(stream, source)
    except OSError as exc:
        raise InputError(source, f"cannot read the query: {exc.strerror or exc}") from None
    if next(tokens(text), None) is None:  # blank, or comments only
        raise InputError(source, "empty: no query text")
    return parse_query_text(text, source=source, name="stdin")


def _read_bounded(stream: BinaryIO, source: str) -> str:
    data = stream.read(MAX_QUERY_BYTES + 1)
    if len(data) > MAX_QUERY_BYTES:
        raise InputError(source, f"query text over {MAX_QUERY_BYTES // 1024} KiB: not a query")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"query text is not UTF-8 (byte {exc.start})") from None


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


# --- running ---------------------------------------------------------------------------------------------


def bind_params(query: NamedQuery, values: Mapping[str, str], *, store: Store | None = None) -> dict[str, Term]:
    """Typed terms for the query's parameters: the given values, else the defaults. ``entity`` parameters given
    by name are resolved against ``store`` (:func:`kg.query.names.resolve_entity`).

    Unknown names, missing required parameters and values that do not fit the kind are UsageErrors; a name or
    IRI that designates nothing in the store is :class:`kg.errors.NothingMatched`.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query '{query.name}' has no parameter {', '.join(unknown)} (its parameters: {known})")
    bound: dict[str, Term] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise UsageError(f"query '{query.name}' needs the parameter '{param.name}': {param.doc}")
        elif param.kind == "entity" and store is not None:
            what = f" (parameter '{param.name}' of query '{query.name}')"
            bound[param.name] = resolve_entity(store, to_iri(value.strip()), value, what=what)
        else:
            bound[param.name] = convert_value(param, value)
    return bound


@overload
def run_query(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_network: bool = False,
    timeout: float | None = None,
    stream: Literal[False] = False,
) -> QueryResult: ...


@overload
def run_query(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_network: bool = False,
    timeout: float | None = None,
    stream: bool,
) -> QueryResult | SelectStream: ...


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
    bindings = bind_params(query, params or {}, store=store)
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
