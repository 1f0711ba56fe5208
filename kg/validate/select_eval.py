"""sh:select constraints evaluated in Python over an article's index, with SPARQL's semantics.

Per-article validation evaluates the compiled shapes in Python; the sh:sparql constraints were the last checks
it ran as pyoxigraph queries, at about 0.2 ms each to parse and plan and a scratch copy of the article to write
and remove: a tenth of an article's ingest. Their queries are small: a basic graph pattern that starts at
``$this`` and a FILTER. :func:`compile_select` turns such a query (parsed by rdflib) into a Python function;
anything outside the subset below makes it return None, and the caller keeps the query.

The subset: triple patterns (IRI predicates, or ``p+`` / ``p*`` over one), each reachable from ``$this`` by
bound subjects or objects; FILTERs of ``&&``, ``||``, ``!``, comparisons, ``+``/``-``, DATATYPE, STR and
STRLEN. Values follow SPARQL: an error (comparing an IRI with ``<``, say) is None and makes the FILTER false,
and the literals Python does not compare itself (see :func:`kg.validate.terms.compare`) are compared by
pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
import rdflib
from rdflib.paths import MulPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.namespaces import RDF, XSD
from kg.validate.graph import Graph, reachable
from kg.validate.terms import OPERATORS, Term, ask, compare, from_rdflib, plain

Solution = dict[str, Term]
# a FILTER expression's result: a term, a boolean (from a comparison or a connective), or None for an error
Result = Term | bool | None
Expression = Callable[[Solution], Result]
Step = Callable[[Graph, Solution], Iterator[Solution]]

_TRUE, _FALSE = ox.Literal("true", datatype=XSD.boolean), ox.Literal("false", datatype=XSD.boolean)
_LANG_STRING = RDF.langString


class Unsupported(Exception):
    """A construct outside what :func:`compile_select` evaluates (the caller runs the query instead)."""


# --- values -----------------------------------------------------------------------------------------------------


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
    return _boolean(ask(f"IF({result}, true, false)"))


def _as_term(result: Result) -> Term | None:
    return (_TRUE if result else _FALSE) if isinstance(result, bool) else result


def _constant(node: object) -> Term:
    if (term := from_rdflib(node)) is None:
        raise Unsupported(f"the constant {node!r}")
    return term


def _add(value: Term, other: Term, op: str) -> Term | None:
    """``value + other`` or ``value - other``: integers in Python, other literals by pyoxigraph."""
    a, b = plain(value), plain(other)
    if type(a) is int and type(b) is int:
        return ox.Literal(str(a + b if op == "+" else a - b), datatype=XSD.integer)
    if isinstance(value, ox.Literal) and isinstance(other, ox.Literal):
        return ask(f"({value}) {op} ({other})")
    return None


def _datatype(term: Term | None) -> Term | None:
    return term.datatype if isinstance(term, ox.Literal) else None


def _str(term: Term | None) -> Term | None:
    return ox.Literal(term.value) if isinstance(term, ox.NamedNode | ox.Literal) else None


def _strlen(term: Term | None) -> Term | None:
    if not isinstance(term, ox.Literal) or term.datatype not in (XSD.string, _LANG_STRING):
        return None
    return ox.Literal(str(len(term.value)), datatype=XSD.integer)


# --- FILTER expressions: one builder per kind of node of rdflib's algebra ----------------------------------------


def _connective(node: CompValue) -> Expression:
    """``&&`` and ``||``: an error is overridden by a deciding value (true for ||, false for &&)."""
    parts = [_expression(node.expr)] + [_expression(x) for x in node.other or ()]
    stop = node.name == "ConditionalOrExpression"

    def connective(solution: Solution) -> bool | None:
        error = False
        for part in parts:
            value = _boolean(part(solution))
            if value is stop:
                return stop
            error = error or value is None
        return None if error else not stop

    return connective


def _negation(node: CompValue) -> Expression:
    inner = _expression(node.expr)

    def negation(solution: Solution) -> bool | None:
        value = _boolean(inner(solution))
        return None if value is None else not value

    return negation


def _relation(node: CompValue) -> Expression:
    op = str(node.op)
    if op not in OPERATORS:
        raise Unsupported(f"the operator {op}")
    left, right = _expression(node.expr), _expression(node.other)

    def relation(solution: Solution) -> bool | None:
        a, b = _as_term(left(solution)), _as_term(right(solution))
        return None if a is None or b is None else compare(a, b, op)

    return relation


def _arithmetic(node: CompValue) -> Expression:
    first = _expression(node.expr)
    rest = list(zip(node.op, [_expression(x) for x in node.other], strict=True))

    def arithmetic(solution: Solution) -> Term | None:
        value = _as_term(first(solution))
        for op, operand in rest:
            other = _as_term(operand(solution))
            if value is None or other is None:
                return None
            value = _add(value, other, op)
        return value

    return arithmetic


def _builtin(function: Callable[[Term | None], Term | None]) -> Callable[[CompValue], Expression]:
    def build(node: CompValue) -> Expression:
        arg = _expression(node.arg)
        return lambda solution: function(_as_term(arg(solution)))

    return build


_BUILDERS: dict[str, Callable[[CompValue], Expression]] = {
    "ConditionalAndExpression": _connective,
    "ConditionalOrExpression": _connective,
    "UnaryNot": _negation,
    "RelationalExpression": _relation,
    "AdditiveExpression": _arithmetic,
    "Builtin_DATATYPE": _builtin(_datatype),
    "Builtin_STR": _builtin(_str),
    "Builtin_STRLEN": _builtin(_strlen),
}


def _expression(node: object) -> Expression:
    if isinstance(node, rdflib.Variable):
        name = str(node)
        return lambda solution: solution.get(name)
    if isinstance(node, rdflib.URIRef | rdflib.Literal):
        term = _constant(node)
        return lambda solution: term
    if not isinstance(node, CompValue):
        raise Unsupported(f"the expression {node!r}")
    build = _BUILDERS.get(node.name)
    if build is None:
        raise Unsupported(node.name)
    return build(node)


# --- graph patterns ---------------------------------------------------------------------------------------------


def _slot(node: object) -> tuple[str | None, Term | None]:
    """A pattern's subject or object: a variable's name, or a constant term."""
    if isinstance(node, rdflib.Variable):
        return str(node), None
    return None, _constant(node)


def _predicate(p: object) -> tuple[ox.NamedNode, str | None]:
    """A pattern's predicate: an IRI, and the closure (``+``, ``*``) applied to it if any."""
    if isinstance(p, rdflib.URIRef):
        return ox.NamedNode(str(p)), None
    if isinstance(p, MulPath) and isinstance(p.path, rdflib.URIRef) and p.mod in ("+", "*"):
        return ox.NamedNode(str(p.path)), p.mod
    raise Unsupported(f"the predicate {p!r}")


def _pattern(triple: tuple[object, object, object], bound: set[str]) -> Step:
    """One triple pattern, matched from its bound end (its subject if both are)."""
    (s_var, s_term), (o_var, o_term) = _slot(triple[0]), _slot(triple[2])
    predicate, closure = _predicate(triple[1])
    forward = s_var is None or s_var in bound
    if not (forward or o_var is None or o_var in bound):
        raise Unsupported("a pattern reached from neither end")
    start_var, start_term = (s_var, s_term) if forward else (o_var, o_term)
    other_var, other_term = (o_var, o_term) if forward else (s_var, s_term)

    def step(graph: Graph, solution: Solution) -> Iterator[Solution]:
        start = start_term if start_var is None else solution[start_var]
        if start is None or isinstance(start, ox.BlankNode):
            return
        if closure is None:
            ends = graph.objects(start, predicate) if forward else graph.subjects(predicate, start)
        else:
            ends = reachable(graph, start, predicate, forward, closure == "*")
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


def _projection(algebra: CompValue) -> tuple[list[str], list[Step], list[Expression]]:
    """The projected variables, the patterns and the filters of a SELECT ``?this [?value]`` query."""
    node = algebra.p
    if node.name == "Distinct":
        node = node.p
    if node.name != "Project":
        raise Unsupported(node.name)
    projected = [str(v) for v in node.PV]
    if "this" not in projected or not set(projected) <= {"this", "value"}:
        raise Unsupported("a projection other than ?this [?value]")
    steps, filters = _where(node.p, {"this"})
    return projected, steps, filters


def compile_select(query: str) -> Callable[[Graph, ox.NamedNode], list[Term | None]] | None:
    """The (value or None) results, for one ``this``, of a SELECT ``?this [?value]`` query; None when the query
    is outside the subset this module evaluates."""
    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 - rdflib's parser raises many kinds; pyoxigraph will report it
        return None
    try:
        projected, steps, filters = _projection(algebra)
    except Unsupported:
        return None
    with_value = "value" in projected

    def evaluate(graph: Graph, this: ox.NamedNode) -> list[Term | None]:
        solutions: Iterable[Solution] = [{"this": this}]
        for step in steps:
            solutions = [out for solution in solutions for out in step(graph, solution)]
        results: set[Term | None] = set()
        for solution in solutions:
            if all(_boolean(f(solution)) is True for f in filters):
                results.add(solution.get("value") if with_value else None)
        return list(results)

    return evaluate
