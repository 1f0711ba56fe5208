"""The web pages of ``kg serve``: the timeline, the network, one page per entity; the query pages are in
:mod:`kg.serve.querypages`. Each page function takes the store, the request's parameters and where the data
comes from, and returns the whole page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.errors import KgError
from kg.iris import kind_of
from kg.query import load_query, to_iri
from kg.serve.data import Filters, Landscape, Meeting, attendee_names, load_landscape, select
from kg.serve.entity import entity_section, load_entity
from kg.serve.html import NAV, SERVER, Site, error_box, error_page, frame, link, outside_link, result_table
from kg.serve.network import network_svg
from kg.serve.querypages import queries_page, query_run_page, sparql_page
from kg.serve.svg import Linker, esc, timeline_svg
from kg.serve.worker import Page, PageContext, PageRenderer, status_of
from kg.store import Store


def describe(filters: Filters) -> str:
    """The filters in words ("of SK하이닉스 from 2024-01-01"), "" for none."""
    parts = [f"of {filters.company}" if filters.company else "", f"with {filters.person}" if filters.person else "",
             f"from {filters.start}" if filters.start else "", f"to {filters.end}" if filters.end else ""]
    return " ".join(p for p in parts if p)


def _scope(filters: Filters) -> str:
    words = describe(filters)
    return f" {esc(words)}" if words else ""


def filter_form(store: Store, filters: Filters, action: str, landscape: Landscape | None) -> str:
    companies = sorted({c.name for c in landscape.companies.values()}) if landscape else []
    people = attendee_names(store)
    options = ("".join(f'<option value="{esc(n)}">' for n in companies), "".join(f'<option value="{esc(n)}">' for n in people))
    value = {k: esc(v) for k, v in filters.as_params().items()}
    return (
        f'<form class="filters" method="get" action="{action}">'
        f'<label>Company or group<input name="company" list="companies" value="{value.get("company", "")}" '
        f'placeholder="SK하이닉스, OpenAI, …"></label><datalist id="companies">{options[0]}</datalist>'
        f'<label>Person<input name="person" list="people" value="{value.get("person", "")}" placeholder="최도윤, …">'
        f'</label><datalist id="people">{options[1]}</datalist>'
        f'<label>From<input type="date" name="from" value="{value.get("from", "")}"></label>'
        f'<label>To<input type="date" name="to" value="{value.get("to", "")}"></label>'
        f'<button type="submit">Show</button> <a href="{action}">clear</a></form>'
    )


def _landscape(store: Store, params: dict[str, str]) -> tuple[Filters, Landscape | None, str, int]:
    """The filters, what they select (None when they cannot be applied), an error box and its status."""
    filters = Filters.from_params(params)
    try:
        return filters, load_landscape(store, filters), "", 200
    except KgError as exc:
        return filters, None, error_box(str(exc)), status_of(exc)


def meeting_rows(landscape: Landscape, site: Site) -> str:
    if not landscape.meetings:
        return '<p class="muted">No meeting matches.</p>'
    rows = "".join(_meeting_row(landscape, m, site) for m in landscape.meetings)
    return ("<table class=\"meetings\"><thead><tr><th>when</th><th>companies</th><th>attendees</th><th>where</th>"
            f"<th>topics</th><th>reported by</th></tr></thead><tbody>{rows}</tbody></table>")


def _meeting_row(landscape: Landscape, meeting: Meeting, site: Site) -> str:
    companies = ", ".join(link(landscape.companies_name(c), site.entity(c)) for c in meeting.companies)
    where = " / ".join(x for x in (meeting.place, meeting.city) if x)
    sources = "<br>".join(outside_link(s, s) for s in meeting.sources)
    planned = ' <span class="tag">planned</span>' if meeting.status == "Planned" else ""
    return (f'<tr data-meeting="{esc(meeting.iri)}"><td>{link(meeting.when, site.entity(meeting.iri))}{planned}</td>'
            f"<td>{companies}</td><td>{esc(meeting.attendees)}</td><td>{esc(where)}</td><td>{esc(meeting.topics)}</td>"
            f"<td>{sources}</td></tr>")


def edge_rows(landscape: Landscape, site: Site) -> str:
    if not landscape.edges:
        return ""
    name = landscape.companies_name
    rows = "".join(
        f"<tr><td>{link(name(e.first), site.entity(e.first))}</td><td>{link(name(e.second), site.entity(e.second))}"
        f"</td><td>{e.meetings}</td><td>{e.partnerships}</td></tr>"
        for e in sorted(landscape.edges, key=lambda e: (-e.meetings - e.partnerships, name(e.first), name(e.second)))
    )
    return ("<table class=\"edges\"><thead><tr><th>company</th><th>company</th><th>meetings</th><th>partnerships</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


@dataclass(frozen=True)
class _Picture:
    """A page of a picture of the landscape (the timeline, the network), its filters and a table below."""

    here: str
    title: str
    lead: Callable[[Landscape, Filters], str]  # HTML
    draw: Callable[[Landscape, Linker], str]
    table_heading: str
    table: Callable[[Landscape, Site], str]


def _picture_page(view: _Picture, store: Store, params: dict[str, str], context: PageContext) -> Page:
    filters, landscape, problem, status = _landscape(store, params)
    action, tab = next((path, label) for name, path, label in NAV if name == view.here)
    body = f"<h1>{esc(view.title)}</h1>"
    if landscape is not None:
        body += f'<p class="lead">{view.lead(landscape, filters)}</p>'
    body += filter_form(store, filters, action, landscape) + problem
    if landscape is not None:
        body += (f'<div class="picture">{view.draw(landscape, SERVER.entity)}</div>'
                 f"<h2>{esc(view.table_heading)}</h2>" + view.table(landscape, SERVER))
    return Page(frame(tab, body, here=view.here, context=context), status)


TIMELINE = _Picture(
    "timeline", "Meeting timeline",
    lambda landscape, filters: (f"{len(landscape.meetings)} meetings{_scope(filters)}. A bar spans the days a meeting "
                                "may have taken place on; a hollow one is planned. Click one for its facts and sources."),
    timeline_svg, "The meetings", meeting_rows,
)
NETWORK = _Picture(
    "network", "Partner network",
    lambda landscape, filters: (f"Companies whose executives met{_scope(filters)}, or that agreed a partnership, "
                                "grouped by business group. Click a company for its page."),
    network_svg, "Who met whom", edge_rows,
)


def timeline_page(store: Store, params: dict[str, str], context: PageContext) -> Page:
    return _picture_page(TIMELINE, store, params, context)


def network_page(store: Store, params: dict[str, str], context: PageContext) -> Page:
    return _picture_page(NETWORK, store, params, context)


def _meetings_of(store: Store, filters: Filters, site: Site) -> str:
    landscape = load_landscape(store, filters)
    return "<h2>Meetings</h2>" + meeting_rows(landscape, site) if landscape.meetings else ""


def _company_extras(store: Store, iri: str) -> str:
    out = _meetings_of(store, Filters(company=f"<{iri}>"), SERVER)
    for name, heading in (("executives-of-company", "Executives"), ("partners-of-company", "Partners it met")):
        result = select(store, load_query(name), {"company": f"<{iri}>"})
        if result.rows:
            out += f"<h2>{heading}</h2>" + result_table(result, SERVER)
    return out


def entity_page(store: Store, params: dict[str, str], context: PageContext) -> Page:
    iri = params.get("iri", "").strip()
    node = to_iri(iri) if iri else None
    if node is None or not isinstance(node, NamedNode):
        return Page(error_page(400, f"give the entity's IRI as ?iri=..., not {iri!r}", context), 400)
    try:
        view = load_entity(store, node.value)
        kind = kind_of(node.value)
        extras = ""
        if kind == "org":
            extras = _company_extras(store, node.value)
        elif kind == "person":
            extras = _meetings_of(store, Filters(person=f"<{node.value}>"), SERVER)
    except KgError as exc:
        return Page(error_page(status_of(exc), str(exc), context), status_of(exc))
    body = entity_section(view, SERVER) + extras
    return Page(frame(view.label, body, here="", context=context))


PAGES: dict[str, PageRenderer] = {
    "timeline": timeline_page,
    "network": network_page,
    "entity": entity_page,
    "queries": queries_page,
    "query": query_run_page,
    "sparql": sparql_page,
}
