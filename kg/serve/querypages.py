"""The query pages: the library's named queries with a form for their parameters, a query's results as a table
(or as a W3C format to download), and a query of one's own, answered as a table.

Only the library's queries run by name here: a name is never read as a file path. Parameters are bound by the
library (:func:`kg.query.run_query`), as ``kg query -p`` binds them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from kg.errors import KgError
from kg.query import NamedQuery, list_queries, run_query
from kg.serve.html import SERVER, error_box, error_page, frame, result_table, term_html
from kg.serve.protocol import FORMAT_NAMES, QueryRequest
from kg.serve.svg import esc
from kg.serve.worker import Page, PageContext, Reply, protocol_result, serialise, status_of
from kg.store import QueryResult, SelectResult, Store

QUERY, FORMAT = "_query", "_format"  # the reserved parameters of a run: which query, which download format
_DOWNLOADS = ("csv", "tsv", "json", "xml")


def _param_inputs(query: NamedQuery, values: dict[str, str]) -> str:
    inputs = []
    for param in query.params:
        need = "required" if param.required else f"default {param.default}" if param.default else "optional"
        kind = "date" if param.kind == "date" else "text"
        required = " required" if param.required else ""
        inputs.append(
            f'<label title="{esc(param.doc)}">{esc(param.name)} <span class="muted">({esc(param.kind)}, {esc(need)})'
            f'</span><input type="{kind}" name="{esc(param.name)}" value="{esc(values.get(param.name, ""))}"'
            f'{required}></label>'
        )
    return "".join(inputs)


def _query_form(query: NamedQuery, values: dict[str, str]) -> str:
    return (f'<form class="query" method="get" action="/queries/{esc(query.name)}">{_param_inputs(query, values)}'
            '<button type="submit">Run</button></form>')


def queries_page(store: Store, params: dict[str, str], context: PageContext) -> Page:
    sections = []
    for query in list_queries():
        docs = "".join(f"<li><code>{esc(p.name)}</code> ({esc(p.kind)}): {esc(p.doc)}</li>" for p in query.params)
        sections.append(
            f'<section class="named-query" id="{esc(query.name)}"><h2>{esc(query.name)}</h2><p>{esc(query.question)}</p>'
            + (f"<ul>{docs}</ul>" if docs else "") + _query_form(query, {})
            + f'<details><summary>SPARQL</summary><pre class="sparql">{esc(query.text)}</pre></details></section>'
        )
    options = "".join(f'<option value="{f}">{f}</option>' for f in ("html", *FORMAT_NAMES))
    own = (
        "<h2>A query of your own</h2><p>Read-only: no updates, SERVICE, LOAD or remote FROM. The default graph is "
        "the union of the store's graphs. Programs send the same to <code>/sparql</code> (SPARQL 1.1 Protocol).</p>"
        '<form class="query" method="post" action="/sparql"><label class="wide">SPARQL<textarea name="query" '
        'spellcheck="false" required>SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea></label>'
        f'<label>Results as<select name="format">{options}</select></label><button type="submit">Run</button></form>'
    )
    body = ('<h1>Queries</h1><p class="lead">The query library (<code>kg queries</code>): each question with its '
            "parameters. An entity parameter takes a name (any label, ignoring case) or an IRI.</p>"
            + "".join(sections) + own)
    return Page(frame("Queries", body, here="queries", context=context))


def query_run_page(store: Store, params: dict[str, str], context: PageContext) -> Page | Reply:
    name = params.get(QUERY, "")
    query = next((q for q in list_queries() if q.name == name), None)
    if query is None:
        known = ", ".join(q.name for q in list_queries())
        return Page(error_page(404, f"no query named {name!r} in the library: {known}", context), 404)
    values = {k: v for k, v in params.items() if not k.startswith("_") and v.strip()}
    fmt = params.get(FORMAT)
    head = f'<h1>{esc(query.name)}</h1><p class="lead">{esc(query.question)}</p>{_query_form(query, values)}'
    try:
        result = run_query(store, query, values)
    except KgError as exc:
        if fmt:
            raise
        return Page(frame(query.name, head + error_box(str(exc)), here="queries", context=context), status_of(exc))
    if fmt:
        return serialise(result, QueryRequest("", fmt), None)
    links = " · ".join(
        f'<a href="/queries/{esc(query.name)}?{esc(urlencode({**values, FORMAT: f}))}">{f}</a>' for f in _DOWNLOADS
    )
    body = head + f'<p class="muted">{_count(result)} · download as {links}</p>' + _result_html(result)
    return Page(frame(query.name, body, here="queries", context=context))


def _count(result: QueryResult) -> str:
    if isinstance(result, SelectResult):
        return f"{len(result.rows)} rows"
    return f"{len(result)} triples" if isinstance(result, list) else "yes or no"


def _result_html(result: QueryResult) -> str:
    if isinstance(result, bool):
        return f'<p class="answer">{"yes" if result else "no"}</p>'
    if isinstance(result, list):
        rows = "".join(
            "<tr>" + "".join(f"<td>{term_html(t, SERVER)}</td>" for t in (x.subject, x.predicate, x.object)) + "</tr>"
            for x in result
        )
        return ('<table class="results"><thead><tr><th>subject</th><th>predicate</th><th>object</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>")
    return result_table(result, SERVER)


def sparql_page(store: Store, params: dict[str, str], context: PageContext) -> Page:
    """A query of one's own from the query page, answered as a table."""
    text = params.get("query", "")
    head = f'<h1>Query results</h1><pre class="sparql">{esc(text)}</pre>'
    try:
        result = protocol_result(store, text)
    except KgError as exc:
        return Page(frame("Query", head + error_box(str(exc)), here="queries", context=context), status_of(exc))
    body = head + f'<p class="muted">{_count(result)} · <a href="/queries">back to the queries</a></p>' + _result_html(result)
    return Page(frame("Query results", body, here="queries", context=context))
