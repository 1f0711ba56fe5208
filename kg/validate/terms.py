"""RDF terms as the compiled shapes see them, compared and matched with SPARQL's semantics.

Both ways of running a compiled check (Python over an index, a pyoxigraph query) must agree to the error:
SPARQL makes a comparison of unrelated literals an error, which a FILTER turns into "no match". So
:func:`compare` gives True, False or None (the error) exactly as pyoxigraph does, computing the common cases
in Python and asking pyoxigraph about the rest; :func:`xpath_regex` gives ``sh:pattern`` SPARQL's ``$``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import KgError
from kg.namespaces import XSD
from kg.resources import ontology_file

Value = ox.NamedNode | ox.Literal  # what a shape names: IRIs and literals
Term = ox.NamedNode | ox.BlankNode | ox.Literal  # what a statement of the data may hold

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?")
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
    "!=": operator.ne,
}


def plain(term: Term) -> object | None:
    """The value of a literal of the kinds our data holds (integers, strings, dates and date-times without a
    timezone), comparable with Python's operators exactly as SPARQL compares them; None for anything else."""
    if not isinstance(term, ox.Literal):
        return None
    dt, text = term.datatype, term.value
    try:
        if dt == XSD.integer and _INTEGER.fullmatch(text):
            return int(text)
        if dt == XSD.string:
            return ("string", text)
        if dt == XSD.date and _DATE.fullmatch(text):
            return date.fromisoformat(text)
        if dt == XSD.dateTime and _DATETIME.fullmatch(text):
            return datetime.fromisoformat(text)
    except ValueError:
        return None
    return None


@cache
def _scratch_store() -> ox.Store:
    return ox.Store()


@lru_cache(maxsize=4096)
def ask(expression: str) -> Term | None:
    """The value pyoxigraph gives a constant expression (None for an error)."""
    solutions = _scratch_store().query(f"SELECT ({expression} AS ?r) WHERE {{}}")
    assert isinstance(solutions, ox.QuerySolutions)
    rows = list(solutions)
    return rows[0]["r"] if rows else None


def compare(left: Term, right: Term, op: str) -> bool | None:
    """``left op right`` as SPARQL has it: True, False, or None for an error (incomparable values)."""
    a, b = plain(left), plain(right)
    if a is not None and b is not None:
        if type(a) is type(b):
            return OPERATORS[op](a, b)
        if op not in ("=", "!="):
            return None  # an integer and a date, say: an error in SPARQL too
    if isinstance(left, ox.Literal) and isinstance(right, ox.Literal):
        result = ask(f"({left}) {op} ({right})")
        return None if result is None else result.value == "true"
    if op in ("=", "!="):
        return (left == right) == (op == "=")
    return None  # IRIs do not compare


def from_rdflib(node: object) -> Value | None:
    """An rdflib IRI or literal as pyoxigraph's (None for anything else: blank nodes, variables, paths)."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string.value)))
    return None


@cache
def xpath_regex(pattern: str) -> re.Pattern[str]:
    """A SPARQL (XPath) regular expression in Python: ``$`` only at the very end of the text (Python's also
    matches before a final newline)."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(ch)
    try:
        return re.compile("".join(out))
    except re.error as e:
        raise KgError(f"{ontology_file('shapes.ttl')}: sh:pattern {pattern!r}: {e}") from e
