"""The partnership queries (queries/partnerships-*.rq) on the fixture dataset (tests/fixtures/graph.trig),
beyond the expected results in tests/fixtures/expected/: how a company may be named, which side is which,
and how certainty and article counts follow the claim graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Quad, RdfFormat, parse

from kg import query as Q
from kg.iris import mint
from kg.namespaces import AIP, ID_NS, PROV, RDF
from kg.store import OxigraphStore, SelectResult

FIXTURE = Path(__file__).parents[1] / "fixtures" / "graph.trig"
SUPPLY = ID_NS + "partnership/1b6f0e92c4d7a853"  # SK hynix + SK Telecom + OpenAI, signed, stated
VENTURE = ID_NS + "partnership/8d2a4c6e0f1b3579"  # SK Telecom + OpenAI, planned, speculated
GROUP_MOU = ID_NS + "partnership/a5c7e9f1b3d50724"  # SK hynix + SK Telecom, within SK Group


def fixture_quads() -> list[Quad]:
    return list(parse(FIXTURE.read_bytes(), format=RdfFormat.TRIG))


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    s.add(fixture_quads())
    return s


def rows(store: OxigraphStore, name: str, params: dict[str, str]) -> list[dict[str, str]]:
    result = Q.run_query(store, name, params)
    assert isinstance(result, SelectResult)
    return [{k: ("" if v is None else v.value) for k, v in row.items()} for row in result.rows]


@pytest.mark.parametrize("name", ["SK하이닉스", "하이닉스", "sk HYNIX", "id:org/sk-hynix", ID_NS + "org/sk-hynix"])
def test_a_company_is_found_by_any_label_or_alias_or_iri(store: OxigraphStore, name: str) -> None:
    found = rows(store, "partnerships-of-company", {"company": name})
    assert [r["partnership"] for r in found] == [SUPPLY, GROUP_MOU], "dated first, undated last"


def test_a_group_takes_in_its_companies_and_names_no_partner_inside_it(store: OxigraphStore) -> None:
    by_partnership = {r["partnership"]: r for r in rows(store, "partnerships-of-company", {"company": "SK그룹"})}
    assert set(by_partnership) == {SUPPLY, VENTURE, GROUP_MOU}
    assert by_partnership[SUPPLY]["partners"] == "오픈AI"
    assert by_partnership[GROUP_MOU]["partners"] == "", "an agreement within the group has no outside partner"
    assert sorted(by_partnership[GROUP_MOU]["members"].split("; ")) == ["SK텔레콤", "SK하이닉스"]
    assert rows(store, "partnerships-of-company", {"company": "LG전자"})[0]["partners"] == "마이크로소프트"


def test_between_two_companies_is_the_same_either_way_round(store: OxigraphStore) -> None:
    one = rows(store, "partnerships-between-companies", {"company1": "SK텔레콤", "company2": "오픈AI"})
    other = rows(store, "partnerships-between-companies", {"company1": "오픈AI", "company2": "SK텔레콤"})
    assert [r["partnership"] for r in one] == [r["partnership"] for r in other] == [SUPPLY, VENTURE]
    assert [(r["side1"], r["side2"]) for r in one] == [(r["side2"], r["side1"]) for r in other]
    inside = rows(store, "partnerships-between-companies", {"company1": "SK하이닉스", "company2": "SK텔레콤"})
    assert [r["partnership"] for r in inside] == [SUPPLY, GROUP_MOU], "both are parties to the supply deal too"
    assert rows(store, "partnerships-between-companies", {"company1": "SK하이닉스", "company2": "SK하이닉스"}) == []


def test_a_partnership_stated_by_one_article_is_stated_and_every_article_counts() -> None:
    """The joint venture is only speculated by its article; a second article stating it makes it stated,
    reported by two articles."""
    article, paragraph = mint("article", "0123456789abcdef"), mint("article", "0123456789abcdef", "p1")
    graph = mint("graph", "article", "0123456789abcdef", "p1", "stated")
    meta = mint("graph", "article", "0123456789abcdef", "meta")
    venture = mint("partnership", "8d2a4c6e0f1b3579")
    extra = [
        Quad(graph, RDF.type, AIP.ClaimGraph, meta),
        Quad(graph, PROV.wasDerivedFrom, paragraph, meta),
        Quad(graph, AIP.certainty, AIP.Stated, meta),
        Quad(graph, AIP.fromArticle, article, meta),
        Quad(venture, RDF.type, AIP.Partnership, graph),
        Quad(venture, AIP.partner, mint("org", "sk-telecom"), graph),
        Quad(venture, AIP.partner, mint("org", "openai"), graph),
    ]
    s = OxigraphStore(None)
    s.add(fixture_quads() + extra)
    for name, params in (("partnerships-of-company", {"company": "SK텔레콤"}),
                         ("partnerships-between-companies", {"company1": "SK텔레콤", "company2": "오픈AI"})):
        row = next(r for r in rows(s, name, params) if r["partnership"] == VENTURE)
        assert (row["certainty"], row["articles"]) == ("stated", "2"), name


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; { "', "} UNION { ?s ?p ?o }", "?company", ""])
def test_a_name_no_company_has_finds_nothing_and_changes_nothing(store: OxigraphStore, hostile: str) -> None:
    before = store.count()
    assert rows(store, "partnerships-of-company", {"company": hostile}) == []
    assert rows(store, "partnerships-between-companies", {"company1": hostile, "company2": "SK"}) == []
    assert store.count() == before
