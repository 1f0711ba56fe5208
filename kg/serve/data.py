"""What the timeline and the network show, read from the store: meetings, the companies at them, partnerships.

The meetings are the query library's ``meetings`` query, with its parameters (company, person, period): the
timeline shows what ``kg query meetings`` lists for the same filters. The rest are queries of this module, each
with a header as in the library (typed parameters, bound, never pasted).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from pyoxigraph import NamedNode

from kg.namespaces import sparql_prologue
from kg.query import NamedQuery, label_of, load_query, parse_query_text, run_query
from kg.query import shorten as _shorten
from kg.store import SelectResult, Store, Term

FILTER_NAMES = ("company", "person", "from", "to")


def library_query(name: str, header: str, body: str) -> NamedQuery:
    """A query of this package: its header, then the project's prologue, then the body."""
    return parse_query_text(header + sparql_prologue() + body, source=f"kg.serve {name}", name=name)


def select(store: Store, query: NamedQuery, params: Mapping[str, str] | None = None) -> SelectResult:
    result = run_query(store, query, params or {})
    assert isinstance(result, SelectResult)
    return result


def text(term: Term | None) -> str | None:
    return None if term is None else term.value


_MEETING_COMPANIES = library_query("meeting-companies", """# question: Which companies' executives attended each meeting?
# columns: meeting company
""", """
SELECT DISTINCT ?meeting ?company WHERE {
  ?meeting a aip:Meeting ;
           aip:attendee|aip:principal ?person .
  ?person aip:holdsPosition/aip:organization ?company .
}""")

_ORGANIZATIONS = library_query("organizations-below", """# question: The organisations of a company or group: itself and everything below it.
# param: company entity required  the company or group: a name (any label or alias, ignoring case) or the IRI
# columns: organization
""", """
SELECT DISTINCT ?organization WHERE { ?organization org:subOrganizationOf* ?company }""")

_PARTNERSHIPS = library_query("partnerships", """# question: Which partnerships, between which two partners, of a period or a company?
# param: from date optional  partnerships that may have been agreed on or after this day
# param: to date optional  partnerships that may have been agreed on or before this day
# param: company entity optional  only partnerships with a partner in this company or group
# columns: partnership partner1 partner2 meeting
""", """
SELECT DISTINCT ?partnership ?partner1 ?partner2 ?meeting WHERE {
  ?partnership a aip:Partnership ;
               aip:partner ?partner1 , ?partner2 .
  FILTER(STR(?partner1) < STR(?partner2))
  OPTIONAL { ?partnership aip:earliestDate ?earliest }
  OPTIONAL { ?partnership aip:latestDate ?latest }
  FILTER(!BOUND(?from) || (BOUND(?latest) && ?latest >= ?from))
  FILTER(!BOUND(?to) || (BOUND(?earliest) && ?earliest <= ?to))
  FILTER(!BOUND(?company) || EXISTS { ?partnership aip:partner/org:subOrganizationOf* ?company })
  OPTIONAL { ?partnership aip:agreedAt ?meeting }
}""")

_COMPANIES = library_query("companies", """# question: Every company that has executives or partnerships: its names and its business group.
# columns: company name anyName group groupName
""", """
SELECT ?company (SAMPLE(?ko) AS ?name) (SAMPLE(?any) AS ?anyName) ?group (SAMPLE(?groupKo) AS ?groupName) WHERE {
  { SELECT DISTINCT ?company WHERE { { ?position aip:organization ?company } UNION { ?deal aip:partner ?company } } }
  OPTIONAL { ?company rdfs:label ?ko FILTER(LANGMATCHES(LANG(?ko), "ko")) }
  OPTIONAL { ?company rdfs:label ?any }
  OPTIONAL {
    ?company org:subOrganizationOf+ ?group .
    FILTER NOT EXISTS { ?group org:subOrganizationOf ?above }
    OPTIONAL { ?group rdfs:label ?groupKo FILTER(LANGMATCHES(LANG(?groupKo), "ko")) }
  }
}
GROUP BY ?company ?group""")


@dataclass(frozen=True)
class Filters:
    """The filters of the timeline, the network and the report, as the ``meetings`` query takes them."""

    company: str | None = None
    person: str | None = None
    start: str | None = None
    end: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Filters:
        given = {k: v.strip() for k, v in params.items() if k in FILTER_NAMES and v.strip()}
        return cls(given.get("company"), given.get("person"), given.get("from"), given.get("to"))

    def as_params(self) -> dict[str, str]:
        pairs = (("company", self.company), ("person", self.person), ("from", self.start), ("to", self.end))
        return {k: v for k, v in pairs if v}


@dataclass(frozen=True)
class Meeting:
    iri: str
    date: str | None  # as stated (2024-06, 2024-06-22)
    earliest: str | None
    latest: str | None
    status: str | None  # the local name: Occurred, Planned
    place: str
    city: str
    attendees: str  # "name (company); ..."
    topics: str
    sources: tuple[str, ...]
    companies: tuple[str, ...]  # IRIs of the attendees' companies

    @property
    def when(self) -> str:
        return self.date or (f"{self.earliest} – {self.latest}" if self.earliest else "date unknown")


@dataclass(frozen=True)
class Company:
    iri: str
    name: str
    group: str  # the top of its business group (org:subOrganizationOf), itself when it is the top
    group_name: str


@dataclass(frozen=True)
class Edge:
    """Two companies of two business groups: the meetings where executives of both were, the partnerships
    between them."""

    first: str
    second: str
    meetings: int
    partnerships: int


@dataclass(frozen=True)
class Landscape:
    filters: Filters
    meetings: tuple[Meeting, ...]
    companies: dict[str, Company]
    edges: tuple[Edge, ...]

    def groups(self) -> dict[str, list[Company]]:
        """The business groups with a company in the network, largest first, each with its companies."""
        used = {iri for e in self.edges for iri in (e.first, e.second)}
        groups: dict[str, list[Company]] = defaultdict(list)
        for company in sorted((self.companies[i] for i in used), key=lambda c: c.name):
            groups[company.group].append(company)
        return dict(sorted(groups.items(), key=lambda g: (-len(g[1]), self.companies_name(g[0]))))

    def companies_name(self, iri: str) -> str:
        company = self.companies.get(iri)
        return company.name if company is not None else _shorten(iri)

    def company_names(self, meeting: Meeting) -> list[str]:
        return sorted({self.companies_name(c) for c in meeting.companies})


def load_companies(store: Store) -> dict[str, Company]:
    companies: dict[str, Company] = {}
    for row in select(store, _COMPANIES).rows:
        iri = text(row["company"])
        if iri is None or iri in companies:
            continue
        name = text(row["name"]) or text(row["anyName"]) or _shorten(iri)
        companies[iri] = Company(iri, name, text(row["group"]) or iri, "")
    # a group's name is its own label (the top of a group is itself a company when executives hold positions in it)
    return {
        iri: Company(c.iri, c.name, c.group, companies[c.group].name if c.group in companies else
                     _group_name(store, c.group))
        for iri, c in companies.items()
    }


def _group_name(store: Store, iri: str) -> str:
    return label_of(store, NamedNode(iri))


def load_meetings(store: Store, filters: Filters) -> list[Meeting]:
    """The ``meetings`` library query's rows for the filters, with the companies of each meeting's attendees.

    The company filter is applied here, with the query's own rule (an attendee holds a position in the company
    or below it): pyoxigraph 0.5 plans the query's EXISTS for it so that ``kg query meetings -p company=SK그룹``
    took 47 s on the 33 articles of the dev corpora, against 0.25 s without it."""
    params = filters.as_params()
    company = params.pop("company", None)
    rows = select(store, load_query("meetings"), params).rows
    companies: dict[str, list[str]] = defaultdict(list)
    for row in select(store, _MEETING_COMPANIES).rows:
        meeting, org = text(row["meeting"]), text(row["company"])
        if meeting and org:
            companies[meeting].append(org)
    below = None if company is None else {
        text(row["organization"]) for row in select(store, _ORGANIZATIONS, {"company": company}).rows
    }
    out = []
    for row in rows:
        iri = text(row["meeting"])
        if iri is None or (below is not None and below.isdisjoint(companies.get(iri, ()))):
            continue
        status = text(row["status"])
        out.append(Meeting(
            iri=iri, date=text(row["date"]), earliest=text(row["earliest"]), latest=text(row["latest"]),
            status=status.rsplit("#", 1)[-1] if status else None, place=text(row["place"]) or "",
            city=text(row["city"]) or "", attendees=text(row["attendees"]) or "", topics=text(row["topics"]) or "",
            sources=tuple(s for s in (text(row["sources"]) or "").split("; ") if s),
            companies=tuple(sorted(set(companies.get(iri, ())))),
        ))
    return out


def load_landscape(store: Store, filters: Filters) -> Landscape:
    """Meetings, companies and the network's edges for the filters. An edge joins two companies of two business
    groups: executives of one group at a meeting together are colleagues, not partners."""
    meetings = load_meetings(store, filters)
    companies = load_companies(store)
    meeting_pairs: Counter[tuple[str, str]] = Counter()
    for meeting in meetings:
        for pair in _pairs(meeting.companies, companies):
            meeting_pairs[pair] += 1
    shown = {m.iri for m in meetings}
    deals: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select(store, _PARTNERSHIPS, _partnership_params(filters)).rows:
        deal, first, second, agreed = (text(row[k]) for k in ("partnership", "partner1", "partner2", "meeting"))
        if deal is None or first is None or second is None:
            continue
        if filters.person and agreed not in shown:
            continue  # with a person given, the partnerships agreed at that person's meetings
        for pair in _pairs((first, second), companies):
            deals[pair].add(deal)
    edges = tuple(
        Edge(a, b, meeting_pairs.get((a, b), 0), len(deals.get((a, b), ())))
        for a, b in sorted(set(meeting_pairs) | set(deals))
    )
    return Landscape(filters, tuple(meetings), companies, edges)


def _partnership_params(filters: Filters) -> dict[str, str]:
    return {k: v for k, v in filters.as_params().items() if k != "person"}


def _pairs(members: tuple[str, ...], companies: dict[str, Company]) -> list[tuple[str, str]]:
    """The pairs of ``members`` of two different business groups, each as (smaller IRI, larger IRI)."""
    def group(iri: str) -> str:
        return companies[iri].group if iri in companies else iri

    return [(a, b) for a, b in combinations(sorted(set(members)), 2) if group(a) != group(b)]


_ATTENDEES = library_query("attendees", """# question: The names of everyone who attended a meeting.
# columns: name
""", """
SELECT DISTINCT ?name WHERE {
  ?meeting a aip:Meeting ;
           aip:attendee|aip:principal ?person .
  ?person rdfs:label ?name .
}
ORDER BY ?name""")


def attendee_names(store: Store) -> list[str]:
    """Names to offer in the person filter."""
    return [name for row in select(store, _ATTENDEES).rows if (name := text(row["name"]))]
