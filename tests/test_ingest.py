"""Ingestion: one node per real person and meeting, idempotent, superseding, atomic; the demo's answer."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest import Ingestor, ingest_paths
from kg.query import run_query
from kg.read import read_file
from kg.store import OxigraphStore, SelectResult

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples/articles").glob("*.txt"))
KBS, BUSINESSPOST = SEEDS


def select(store: OxigraphStore, sparql: str) -> list[dict[str, str]]:
    result = store.query("PREFIX aip: <https://w3id.org/aipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + sparql)
    assert isinstance(result, SelectResult)
    return [{k: (v.value if v is not None else None) for k, v in row.items()} for row in result.rows]  # type: ignore[misc]


def nquads(store: OxigraphStore) -> set[str]:
    buf = io.BytesIO()
    store.export("nquads", buf)
    return {line for line in buf.getvalue().decode().splitlines() if "ingestedAt" not in line}


@pytest.fixture
def seeded() -> OxigraphStore:
    store = OxigraphStore(None)
    report = ingest_paths(store, SEEDS, validate=False)
    assert not report.failed
    return store


def test_a_meeting_reported_by_two_articles_is_one_meeting_with_both_sources(seeded: OxigraphStore) -> None:
    rows = select(
        seeded,
        """SELECT ?m (COUNT(DISTINCT ?a) AS ?sources) WHERE {
             ?m a aip:Meeting ; aip:date ?d . FILTER(STR(?d) = "2024-06")
             ?m aip:location/rdfs:label "오픈AI 본사"@ko .
             GRAPH ?g { ?m aip:attendee ?p } ?g aip:fromArticle ?a } GROUP BY ?m""",
    )
    assert len(rows) == 1 and rows[0]["sources"] == "2"
    meetings = select(seeded, "SELECT DISTINCT ?m WHERE { ?m a aip:Meeting }")
    assert len(meetings) == 5


def test_dates_of_two_reports_narrow_to_what_both_allow(seeded: OxigraphStore) -> None:
    rows = select(
        seeded,
        """SELECT DISTINCT ?d ?e ?l WHERE { ?m a aip:Meeting ; aip:date ?d ; aip:earliestDate ?e ; aip:latestDate ?l ;
             aip:location/rdfs:label "오픈AI 본사"@ko . FILTER(STR(?d) = "2024-06") }""",
    )
    assert rows == [{"d": "2024-06", "e": "2024-06-22", "l": "2024-06-27"}]


def test_one_node_per_person_across_articles(seeded: OxigraphStore) -> None:
    rows = select(seeded, 'SELECT DISTINCT ?p WHERE { ?p a aip:Executive ; rdfs:label "유영상"@ko }')
    assert len(rows) == 1
    titles = select(seeded, 'SELECT DISTINCT ?t WHERE { ?p rdfs:label "유영상"@ko ; aip:holdsPosition/aip:title ?t }')
    assert {r["t"] for r in titles} == {"대표이사 사장", "최고경영자(CEO)"}


def test_the_same_name_in_two_groups_is_two_people(tmp_path: Path) -> None:
    text = "{name} {company} 사장이 지난 5일 샘 올트먼 오픈AI CEO와 만나 AI 협력을 논의했다."
    a = tmp_path / "a.txt"
    a.write_text("기사 A\n2025-07-10 10:00\n" + text.format(name="김민수", company="한빛전자"), encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("기사 B\n2025-07-10 11:00\n" + text.format(name="김민수", company="누리텔레콤"), encoding="utf-8")
    store = OxigraphStore(None)
    ingest_paths(store, [a, b], validate=False)
    assert len(select(store, 'SELECT DISTINCT ?p WHERE { ?p a aip:Executive ; rdfs:label "김민수"@ko }')) == 2


def test_ingesting_the_same_article_again_changes_nothing(seeded: OxigraphStore) -> None:
    before = nquads(seeded)
    report = ingest_paths(seeded, SEEDS, validate=False)
    assert [o.status for o in report.outcomes] == ["unchanged", "unchanged"]
    assert nquads(seeded) == before


def test_a_corrected_version_replaces_the_earlier_claims(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    first = tmp_path / "story.txt"
    first.write_text(
        "기사\n2025-07-10 10:00\n박도현 한빛전자 사장이 지난 5일 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다.\n",
        encoding="utf-8",
    )
    ingest_paths(store, [first], validate=False)
    first.write_text(
        "기사\n2025-07-10 10:00\n박도현 한빛전자 사장이 지난 5일 사티아 나델라 마이크로소프트 CEO와 만나 클라우드 협력을 논의했다.\n",
        encoding="utf-8",
    )
    report = ingest_paths(store, [first], validate=False)
    assert report.outcomes[0].status == "replaced"
    assert len(select(store, "SELECT ?a WHERE { ?a a aip:Article }")) == 1
    attendees = {r["n"] for r in select(store, "SELECT DISTINCT ?n WHERE { ?m a aip:Meeting ; aip:attendee/rdfs:label ?n }")}
    assert attendees == {"박도현", "사티아 나델라"}
    # no orphan: nothing is left about the meeting or the person only the old version reported
    assert select(store, 'SELECT ?s WHERE { ?s rdfs:label "샘 올트먼"@ko ; a aip:Executive }') == []
    assert len(select(store, "SELECT DISTINCT ?m WHERE { ?m a aip:Meeting ; aip:date ?d }")) == 1


def test_an_article_that_fails_half_way_leaves_nothing_behind(seeded: OxigraphStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = nquads(seeded)
    extra = tmp_path / "new.txt"
    extra.write_text("기사\n2025-07-10 10:00\n박도현 한빛전자 사장이 지난 5일 샘 올트먼 오픈AI CEO와 만났다.\n", encoding="utf-8")
    real_replace = OxigraphStore.replace

    def broken_replace(self: OxigraphStore, drop, quads) -> None:  # type: ignore[no-untyped-def]
        quads = list(quads)
        quads.append(ox.Quad(ox.NamedNode("https://w3id.org/aipkg/id/x"), ox.NamedNode("https://w3id.org/aipkg/id/p"), ox.BlankNode(), ox.NamedNode("https://w3id.org/aipkg/id/g")))
        real_replace(self, drop, quads)

    monkeypatch.setattr(OxigraphStore, "replace", broken_replace)
    report = ingest_paths(seeded, [extra], validate=False)
    assert report.failed and report.outcomes[0].status == "failed"
    monkeypatch.setattr(OxigraphStore, "replace", real_replace)
    assert nquads(seeded) == before


def test_a_passing_mention_merges_into_the_full_report_in_either_order() -> None:
    forward, backward = OxigraphStore(None), OxigraphStore(None)
    ingest_paths(forward, [KBS, BUSINESSPOST], validate=False)
    ingest_paths(backward, [BUSINESSPOST, KBS], validate=False)
    q = 'SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a aip:Meeting }'
    assert select(forward, q) == select(backward, q) == [{"n": "5"}]


def test_the_demo_answer(seeded: OxigraphStore) -> None:
    result = run_query(seeded, "sk-executives-per-meeting")
    assert isinstance(result, SelectResult)
    by_meeting: dict[tuple[str, str, str], set[str]] = {}
    for row in result.rows:
        date = row["date"].value if row.get("date") is not None else ""  # type: ignore[union-attr]
        city = row["city"].value if row.get("city") is not None else ""  # type: ignore[union-attr]
        counterpart = row["counterparts"].value if row.get("counterparts") is not None else ""  # type: ignore[union-attr]
        by_meeting.setdefault((date, city, counterpart), set()).add(row["name"].value)  # type: ignore[union-attr]
    assert sorted((k[0], k[1], sorted(v)) for k, v in by_meeting.items()) == [
        ("2024-01", "", ["최태원"]),
        ("2024-06", "Redmond", ["김주선", "유영상", "최태원"]),
        ("2024-06", "San Francisco", ["김주선", "유영상", "최태원"]),
        ("2025-02", "Seoul", ["곽노정", "김주선", "유영상", "최태원"]),
        ("2025-07", "San Francisco", ["최태원"]),
    ]


def test_every_claim_graph_names_its_paragraph_and_certainty(seeded: OxigraphStore) -> None:
    rows = select(
        seeded,
        """SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "/p[0-9]+/"))
             FILTER NOT EXISTS { ?g <http://www.w3.org/ns/prov#wasDerivedFrom>/a aip:Paragraph ; aip:certainty ?c } }""",
    )
    assert rows == []


def test_on_disk_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphStore(path) as store:
        ingest_paths(store, [KBS], validate=False)
        before = nquads(store)
    with OxigraphStore(path, read_only=True) as store:
        assert nquads(store) == before


def test_reader_failure_in_a_batch_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    good = tmp_path / "good.txt"
    shutil.copy(KBS, good)
    store = OxigraphStore(None)
    report = ingest_paths(store, [bad, good], validate=False)
    assert report.failed and len(report.failures) == 1 and "bad.txt" in str(report.failures[0])
    assert report.stored == 1


def test_parallel_extraction_gives_the_same_graph(tmp_path: Path) -> None:
    serial, parallel = OxigraphStore(None), OxigraphStore(None)
    ingest_paths(serial, SEEDS, validate=False)
    ingest_paths(parallel, SEEDS, validate=False, workers=2)
    strip = lambda s: {line for line in s if "ingestedAt" not in line}  # noqa: E731
    assert strip(nquads(serial)) == strip(nquads(parallel))


def test_parallel_ingest_validates_in_workers_and_reports_in_input_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.ingest

    real = kg.ingest.article_violations

    def flagged(quads, by_paragraph, source, *, engine="fast"):  # type: ignore[no-untyped-def]
        # a real run of the validator, plus one violation that says which article it was computed for
        return real(quads, by_paragraph, source, engine=engine) + [f"{source}: checked"]

    monkeypatch.setattr(kg.ingest, "article_violations", flagged)  # the forked workers inherit it
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    paths = [SEEDS[0], bad, SEEDS[1]]
    seen: list[str] = []
    serial, parallel = OxigraphStore(None), OxigraphStore(None)
    one = ingest_paths(serial, paths)
    two = ingest_paths(parallel, paths, workers=2, on_item=lambda item: seen.append(str(getattr(item, "source", item))))
    assert [(o.source, o.status, o.violations) for o in one.outcomes] == [(o.source, o.status, o.violations) for o in two.outcomes]
    assert [o.violations[-1] for o in two.outcomes] == [f"{o.source}: checked" for o in two.outcomes]
    assert len(two.failures) == 1 and "bad.txt" in seen[1]  # in input order, between the two articles
    strip = lambda s: {line for line in s if "ingestedAt" not in line}  # noqa: E731
    assert strip(nquads(serial)) == strip(nquads(parallel))


def test_ingestor_reports_statements_and_merges() -> None:
    store = OxigraphStore(None)
    ing = Ingestor(store, validate=False)
    art = read_file(BUSINESSPOST)[0]
    first = ing.ingest_article(art)  # type: ignore[arg-type]
    assert first.status == "stored" and first.statements > 100 and first.meetings == 2
    second = ing.ingest_article(read_file(KBS)[0])  # type: ignore[arg-type]
    assert second.meetings_merged == 1


def test_an_affiliate_outside_the_reference_data_belongs_to_its_group_by_name(tmp_path: Path) -> None:
    story = tmp_path / "affiliate.txt"
    story.write_text(
        "기사\n2025-07-10 10:00\n최윤정 SK에코랩스 전략본부장이 지난 5일 샘 올트먼 오픈AI CEO와 만나 AI 협력을 논의했다.\n",
        encoding="utf-8",
    )
    store = OxigraphStore(None)
    ingest_paths(store, [story], validate=False)
    result = run_query(store, "sk-executives-per-meeting")
    assert isinstance(result, SelectResult)
    assert {row["name"].value for row in result.rows} == {"최윤정"}  # type: ignore[union-attr]


def test_a_partnership_reported_by_two_articles_is_one_with_both_sources_and_kg_fact_cites_it(tmp_path: Path) -> None:
    """Two reports of one supply deal resolve to one aip:Partnership citing both articles; `kg fact` on either
    company lists it with its citations."""
    from kg.query import facts_about

    a = tmp_path / "a.txt"
    a.write_text("기사 A\n2025-07-10 10:00\n한빛전자는 지난 8일 벨로시티랩스와 차세대 메모리 공급 계약을 체결했다.\n",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("기사 B\n2025-07-11 09:00\n한빛전자가 벨로시티랩스에 차세대 메모리를 공급하는 계약을 맺었다.\n",
                 encoding="utf-8")
    store = OxigraphStore(None)
    assert not ingest_paths(store, [a, b], validate=False).failed
    deals = select(store, "SELECT DISTINCT ?d WHERE { ?d a aip:Partnership }")
    assert len(deals) == 1
    sources = select(store, """SELECT DISTINCT ?article WHERE { GRAPH ?g { ?d aip:partner ?c }
                               ?g aip:fromArticle ?article }""")
    assert len(sources) == 2
    (company,) = [e for e in facts_about(store, "한빛전자") if "aip:Company" in e.kinds]
    (deal,) = [f for f in company.facts if f.predicate == "aip:partner"]
    assert "supply" in deal.value and "2025-07-08" in deal.value and "벨로시티랩스" in deal.value
    assert {c.location for c in deal.citations} == {str(a), str(b)}
