"""sh:select constraints evaluated in Python over an article's index, with SPARQL's semantics.

Per-article validation (:mod:`kg.shacl_fast`) evaluates the compiled shapes in Python; the sh:sparql constraints
were the last checks it ran as pyoxigraph queries, at about 0.2 ms each to parse and plan and a scratch copy of
the article to write and remove: a tenth of an article's ingest. Their queries are small: a basic graph pattern
that starts at ``$this`` and a FILTER. :func:`compile_select` turns such a query (parsed by rdflib) into a
Python function; anything outside the subset below makes it return None, and the caller keeps the query.

The subset: triple patterns (IRI predicates, or ``p+`` / ``p*`` over one), each reachable from ``$this`` by
bound subjects or objects; FILTERs of ``&&``, ``||``, ``!``, comparisons, ``+``/``-``, DATATYPE, STR and
STRLEN. Values follow SPARQL: an error (comparing an IRI with ``<``, say) is None and makes the FILTER false,
and the literals Python does not compare itself (see :func:`compare`) are compared by pyoxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Protocol

import pyoxigraph as ox
import rdflib
from rdflib.paths import MulPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.namespaces import XSD

Value = ox.NamedNode | ox.Literal
Term = ox.NamedNode | ox.BlankNode | ox.Literal
Solution = dict[str, Term]
# a FILTER expression's result: a term, a boolean (from a comparison or a connective), or None for an error
Result = Term | bool | None


class Graph(Protocol):
    def objects(self, s: Value, p: ox.NamedNode) -> set[Value]: ...

    def subjects(self, p: ox.NamedNode, o: Value) -> set[Value]: ...


# --- comparing literals ---------------------------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?")
_OPS: dict[str, Callable[[object, object], bool]] = {
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _plain(term: Term) -> object | None:
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
def _ask(expression: str) -> Term | None:
    """The value pyoxigraph gives a constant expression (None for an error)."""
    rows = list(_scratch_store().query(f"SELECT ({expression} AS ?r) WHERE {{}}"))  # type: ignore[union-attr]
    return rows[0]["r"] if rows else None


def compare(left: Term, right: Term, op: str) -> bool | None:
    """``left op right`` as SPARQL has it: True, False, or None for an error (incomparable values)."""
    a, b = _plain(left), _plain(right)
    if a is not None and b is not None:
        if type(a) is type(b):
            return _OPS[op](a, b)
        if op not in ("=", "!="):
            return None  # an integer and a date, say: an error in SPARQL too
    if isinstance(left, ox.Literal) and isinstance(right, ox.Literal):
        result = _ask(f"({left}) {op} ({right})")
        return None if result is None else result.value == "true"
    if op in ("=", "!="):
        return (left == right) == (op == "=")
    return None  # IRIs do not compare


# --- FILTER expressions ---------------------------------------------------------------------------------------


class Unsupported(Exception):
    """A construct outside what :func:`compile_select` evaluates (the caller runs the query instead)."""


Expression = Callable[[Solution], Result]
_TRUE, _FALSE = ox.Literal("true", datatype=XSD.boolean), ox.Literal("false", datatype=XSD.boolean)


def _boolean(result: Result) -> bool | None:
    """SPARQL's effective boolean value (None for an error)."""
    if result is None or isinstance(result, bool):
        return result
    if not isinstance(result, ox.Literal):
        return None
    if result.datatype == XSD.boolean:
        return {"true": True, "1": True, "false": False, "0": False}.get(result.value)
    if result.datatype == XSD.string:
        return bool(result.value)
    return _boolean(_ask(f"IF({result}, true, false)"))


def _as_term(result: Result) -> Term | None:
    return (_TRUE if result else _FALSE) if isinstance(result, bool) else result


def from_rdflib(node: object) -> Value | None:
    """An rdflib IRI or literal as pyoxigraph's (None for anything else: blank nodes, variables, paths)."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string.value)))
    return None


def _constant(node: object) -> Term:
    if (term := from_rdflib(node)) is None:
        raise Unsupported(f"the constant {node!r}")
    return term


def _expression(node: object) -> Expression:
    if isinstance(node, rdflib.Variable):
        name = str(node)
        return lambda solution: solution.get(name)
    if isinstance(node, rdflib.URIRef | rdflib.Literal):
        term = _constant(node)
        return lambda solution: term
    if not isinstance(node, CompValue):
        raise Unsupported(f"the expression {node!r}")
    name = node.name
    if name in ("ConditionalAndExpression", "ConditionalOrExpression"):
        parts = [_expression(node.expr)] + [_expression(x) for x in node.other or ()]
        stop = name == "ConditionalOrExpression"  # the value that decides: true for ||, false for &&

        def connective(solution: Solution) -> bool | None:
            error = False
            for part in parts:
                value = _boolean(part(solution))
                if value is stop:
                    return stop
                error = error or value is None
            return None if error else not stop

        return connective
    if name == "UnaryNot":
        inner = _expression(node.expr)

        def negation(solution: Solution) -> bool | None:
            value = _boolean(inner(solution))
            return None if value is None else not value

        return negation
    if name == "RelationalExpression":
        op = str(node.op)
        if op not in _OPS:
            raise Unsupported(f"the operator {op}")
        left, right = _expression(node.expr), _expression(node.other)

        def relation(solution: Solution) -> bool | None:
            a, b = _as_term(left(solution)), _as_term(right(solution))
            return None if a is None or b is None else compare(a, b, op)

        return relation
    if name == "AdditiveExpression":
        first = _expression(node.expr)
        rest = list(zip(node.op, [_expression(x) for x in node.other], strict=True))

        def arithmetic(solution: Solution) -> Term | None:
            value = _as_term(first(solution))
            for op, operand in rest:
                other = _as_term(operand(solution))
                if value is None or other is None:
                    return None
                a, b = _plain(value), _plain(other)
                if type(a) is int and type(b) is int:
                    value = ox.Literal(str(a + b if op == "+" else a - b), datatype=XSD.integer)
                elif isinstance(value, ox.Literal) and isinstance(other, ox.Literal):
                    value = _ask(f"({value}) {op} ({other})")
                else:
                    return None
            return value

        return arithmetic
    if name in ("Builtin_DATATYPE", "Builtin_STR", "Builtin_STRLEN"):
        arg = _expression(node.arg)
        function = {"Builtin_DATATYPE": _datatype, "Builtin_STR": _str, "Builtin_STRLEN": _strlen}[name]
        return lambda solution: function(_as_term(arg(solution)))
    raise Unsupported(name)


def _datatype(term: Term | None) -> Term | None:
    return term.datatype if isinstance(term, ox.Literal) else None


def _str(term: Term | None) -> Term | None:
    return ox.Literal(term.value) if isinstance(term, ox.NamedNode | ox.Literal) else None


_LANG_STRING = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


def _strlen(term: Term | None) -> Term | None:
    if not isinstance(term, ox.Literal) or term.datatype not in (XSD.string, _LANG_STRING):
        return None
    return ox.Literal(str(len(term.value)), datatype=XSD.integer)


# --- graph patterns ---------------------------------------------------------------------------------------------

Step = Callable[[Graph, Solution], Iterator[Solution]]


def reachable(graph: Graph, start: Value, predicate: ox.NamedNode, forward: bool, with_start: bool) -> set[Value]:
    """The nodes ``predicate+`` leads to from ``start`` (``predicate*`` with ``with_start``), or back from it."""
    found: set[Value] = {start} if with_start else set()
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt in graph.objects(node, predicate) if forward else graph.subjects(predicate, node):
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return found


def _pattern(triple: tuple[object, object, object], bound: set[str]) -> Step:
    """One triple pattern, matched from its bound end (its subject if both are)."""
    s, p, o = triple

    def slot(node: object) -> tuple[str | None, Term | None]:
        if isinstance(node, rdflib.Variable):
            return str(node), None
        return None, _constant(node)

    (s_var, s_term), (o_var, o_term) = slot(s), slot(o)
    if isinstance(p, rdflib.URIRef):
        predicate, closure = ox.NamedNode(str(p)), None
    elif isinstance(p, MulPath) and isinstance(p.path, rdflib.URIRef) and p.mod in ("+", "*"):
        predicate, closure = ox.NamedNode(str(p.path)), p.mod
    else:
        raise Unsupported(f"the predicate {p!r}")
    s_bound = s_var is None or s_var in bound
    o_bound = o_var is None or o_var in bound
    if not (s_bound or o_bound):
        raise Unsupported("a pattern reached from neither end")
    forward = s_bound

    def step(graph: Graph, solution: Solution) -> Iterator[Solution]:
        start = s_term if forward and s_var is None else o_term if not forward and o_var is None else None
        if start is None:
            start = solution[s_var if forward else o_var]  # type: ignore[index]
        if isinstance(start, ox.BlankNode):
            return
        if closure is None:
            ends = graph.objects(start, predicate) if forward else graph.subjects(predicate, start)
        else:
            ends = reachable(graph, start, predicate, forward, closure == "*")
        other_var, other_term = (o_var, o_term) if forward else (s_var, s_term)
        if other_var is None:
            if other_term in ends:
                yield solution
        elif other_var in solution:
            if solution[other_var] in ends:
                yield solution
        else:
            for end in ends:
                yield {**solution, other_var: end}

    return step


def _rank(triple: tuple[object, object, object], bound: set[str]) -> int:
    s_ok = not isinstance(triple[0], rdflib.Variable) or str(triple[0]) in bound
    o_ok = not isinstance(triple[2], rdflib.Variable) or str(triple[2]) in bound
    return 0 if s_ok and o_ok else 1 if s_ok else 2 if o_ok else 3


def _bgp(triples: list[tuple[object, object, object]], bound: set[str]) -> list[Step]:
    """The patterns in an order where each starts from a bound end: those with both ends bound first (they
    only filter), then those from a bound subject, then from a bound object."""
    steps, todo = [], list(triples)
    while todo:
        best = min(todo, key=lambda t: _rank(t, bound))
        if _rank(best, bound) == 3:
            raise Unsupported("a pattern not connected to $this")
        todo.remove(best)
        steps.append(_pattern(best, bound))
        bound |= {str(x) for x in (best[0], best[2]) if isinstance(x, rdflib.Variable)}
    return steps


def _where(node: CompValue, bound: set[str]) -> tuple[list[Step], list[Expression]]:
    if node.name == "BGP":
        return _bgp(list(node.triples), bound), []
    if node.name == "Filter":
        steps, filters = _where(node.p, bound)
        return steps, [*filters, _expression(node.expr)]
    raise Unsupported(node.name)


def compile_select(query: str) -> Callable[[Graph, ox.NamedNode], list[Value | None]] | None:
    """The (value or None) results, for one ``this``, of a SELECT ``?this [?value]`` query; None when the query
    is outside the subset this module evaluates."""
    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 - rdflib's parser raises many kinds; pyoxigraph will report it
        return None
    try:
        node = algebra.p
        if node.name == "Distinct":
            node = node.p
        if node.name != "Project":
            raise Unsupported(node.name)
        projected = [str(v) for v in node.PV]
        if "this" not in projected or not set(projected) <= {"this", "value"}:
            raise Unsupported("a projection other than ?this [?value]")
        steps, filters = _where(node.p, {"this"})
    except Unsupported:
        return None
    with_value = "value" in projected

    def evaluate(graph: Graph, this: ox.NamedNode) -> list[Value | None]:
        solutions: Iterable[Solution] = [{"this": this}]
        for step in steps:
            solutions = [out for solution in solutions for out in step(graph, solution)]
        results: set[Value | None] = set()
        for solution in solutions:
            if all(_boolean(f(solution)) is True for f in filters):
                results.add(solution.get("value") if with_value else None)  # type: ignore[arg-type]
        return list(results)

    return evaluate
