"""Names everywhere: every query parameter that names an entity takes a label or alias (Korean or English, any
case, any spacing) as well as its IRI, and a name that designates nothing says so and points to `kg fact`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, Quad, RdfFormat, parse

from kg.errors import NothingMatched, UsageError
from kg.namespaces import ID_NS, RDFS, mint, slug
from kg.query import list_queries, run_query
from kg.store import OxigraphStore, SelectResult

FIXTURE = Path(__file__).parents[1] / "fixtures" / "graph.trig"
CHEY = ID_NS + "person/sk-group/" + slug("최태원")

# (query, parameter, other parameters) -> ways of naming the same entity
SAME_ENTITY = [
    ("meetings-of-person", "name", {}, ["최태원", "Chey Tae-won", "CHEY TAE-WON", "최 태원", "id:person/sk-group/최태원", CHEY, f"<{CHEY}>"]),
    ("sk-executives-per-meeting", "group", {}, ["SK그룹", "sk group", "id:org/sk-group", ID_NS + "org/sk-group"]),
    ("executives-of-company", "company", {}, ["SK하이닉스", "SK hynix", "sk HYNIX", "id:org/sk-hynix"]),
    ("partners-of-company", "company", {}, ["SK텔레콤", "sk telecom", "id:org/sk-telecom"]),
    ("meetings-between-companies", "company2", {"company1": "SK"}, ["마이크로소프트", "Microsoft", "MS", "id:org/microsoft"]),
    ("meetings", "person", {"from": "2025-01-01"}, ["최태원", "chey tae-won", CHEY]),
    ("meetings", "company", {}, ["LG전자", "lg electronics", "id:org/lg-electronics"]),
    ("fact-provenance", "subject", {"predicate": "aip:attendee"}, ["id:meeting/9f2c41d07a3b5e68"]),
]


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    s.add(parse(FIXTURE.read_bytes(), format=RdfFormat.TRIG))
    return s


def rows(store: OxigraphStore, query: str, params: dict[str, str]) -> list[dict[str, str]]:
    result = run_query(store, query, params)
    assert isinstance(result, SelectResult)
    return [{k: ("" if v is None else v.value) for k, v in row.items()} for row in result.rows]


def test_every_parameter_that_names_an_entity_takes_names() -> None:
    entity_params = {(q.name, p.name) for q in list_queries() for p in q.params if p.kind == "entity"}
    assert entity_params == {
        ("meetings-of-person", "name"), ("sk-executives-per-meeting", "group"), ("executives-of-company", "company"),
        ("partners-of-company", "company"), ("meetings-between-companies", "company1"),
        ("meetings-between-companies", "company2"), ("meetings", "company"), ("meetings", "person"),
        ("fact-provenance", "subject"),
    }
    assert {(q, p) for q, p, _, _ in SAME_ENTITY} | {("meetings-between-companies", "company1")} == entity_params


@pytest.mark.parametrize(("query", "param", "others", "names"), SAME_ENTITY, ids=[f"{q}-{p}" for q, p, _, _ in SAME_ENTITY])
def test_a_label_an_alias_any_case_and_the_iri_give_the_same_rows(
    store: OxigraphStore, query: str, param: str, others: dict[str, str], names: list[str]
) -> None:
    results = [rows(store, query, {**others, param: name}) for name in names]
    assert results[0], "the entity has rows: equal results would otherwise prove nothing"
    for name, result in zip(names, results, strict=True):
        assert result == results[0], name


def test_a_name_that_designates_nothing_says_so_and_points_to_kg_fact(store: OxigraphStore) -> None:
    with pytest.raises(NothingMatched) as err:
        rows(store, "meetings-of-person", {"name": "Chey"})
    message = str(err.value)
    assert message.startswith("nothing in the store is labelled 'Chey' (parameter 'name' of query 'meetings-of-person')")
    assert "labels containing it: 'Chey Tae-won' (id:person/sk-group/최태원)" in message
    assert "`kg fact 'Chey Tae-won'`" in message
    assert err.value.exit_code == 6
    with pytest.raises(NothingMatched, match="nothing in the store is labelled 'zzz' .*; `kg fact zzz` shows"):
        rows(store, "executives-of-company", {"company": "zzz"})


def test_an_iri_not_in_the_store_is_nothing(store: OxigraphStore) -> None:
    with pytest.raises(NothingMatched, match="nothing in the store is <https://w3id.org/aipkg/id/org/nowhere>"):
        rows(store, "executives-of-company", {"company": "id:org/nowhere"})


def test_a_name_several_entities_carry_lists_them() -> None:
    s = OxigraphStore(None)
    quads = list(parse(FIXTURE.read_bytes(), format=RdfFormat.TRIG))
    graph = mint("graph", "article", "ffff", "p1", "stated")
    other = mint("person", "lg-group", slug("최태원"))
    s.add([*quads, Quad(other, RDFS.label, Literal("최태원", language="ko"), graph)])
    with pytest.raises(UsageError, match="'최태원' .* names 2 entities: id:person/lg-group/최태원, id:person/sk-group/최태원"):
        rows(s, "meetings-of-person", {"name": "최태원"})
    assert len(rows(s, "meetings-of-person", {"name": "id:person/sk-group/최태원"})) == 5
