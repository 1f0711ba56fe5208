"""Query parameters: the kinds a ``# param:`` header line declares, and one value of each kind as an RDF term.

Kinds: ``iri``, ``string``, ``date`` (YYYY-MM-DD), ``integer``, ``term`` (an IRI or a Turtle literal) and
``entity``: something the store names, given by its IRI or by a name (a label or alias in any language,
ignoring case), which :func:`kg.query.library.bind_params` resolves against the store
(:mod:`kg.query.names`). Prefixed names use the prefixes of :mod:`kg.namespaces`; :func:`shorten` is the way
back, for reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, unquote

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from kg.errors import UsageError
from kg.namespaces import PREFIXES, XSD_NS
from kg.store import Term

PARAM_KINDS = ("iri", "string", "date", "integer", "term", "entity")

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z0-9_-]*):(?P<local>[^\s<>\"{}|^`\\]*)\Z")
_OPAQUE_SCHEMES = frozenset({"urn", "tag", "mailto", "did", "data"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_ASCII_VISIBLE = "".join(chr(c) for c in range(0x21, 0x7F))


@dataclass(frozen=True)
class QueryParam:
    name: str
    kind: str  # one of PARAM_KINDS
    default: str | None  # as written in the header; None: no default
    doc: str
    required: bool = False  # no default and must be given; otherwise the variable stays unbound when omitted


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
    if param.kind in ("iri", "entity"):
        iri = to_iri(value.strip())
        if iri is None and param.kind == "entity":
            raise UsageError(f"parameter '{param.name}': {value!r} is a name, which only a store can resolve")
        if iri is None:
            raise UsageError(
                f"parameter '{param.name}' wants an IRI (<...>, a full IRI or prefix:name with one of "
                f"{', '.join(PREFIXES)}), not {value!r}"
            )
        return iri
    return _to_term(param, value)


def to_iri(text: str) -> NamedNode | None:
    """``<...>``, a full IRI or ``prefix:name`` with a prefix of :mod:`kg.namespaces` as an IRI; None otherwise."""
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    match = _PREFIXED.match(text)
    if match and match.group("prefix") in PREFIXES:
        # as :func:`shorten` shows it (id:person/sk-group/최도윤): the stored IRI has the non-ASCII escaped
        text = PREFIXES[match.group("prefix")] + quote(match.group("local"), safe=_ASCII_VISIBLE)
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
        iri = to_iri(text) if (text.startswith("<") or _SCHEME.match(text)) else None
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


def shorten(iri: str) -> str:
    """An IRI shortened with the longest matching prefix of kg.namespaces, percent-escapes decoded for reading."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{unquote(iri[len(best):])}"
