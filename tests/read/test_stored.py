"""What the reader's typed paragraphs and dates become in the store (issue 19): each real-shaped input stored with its
paragraphs, their roles and its date and the date's source; the store valid against the shapes; `kg fact` citing
a caption as a caption."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from kg.ingest import ingest_paths
from kg.maintenance import validate_store
from kg.store import OxigraphStore, SelectResult
from tests.kg_process import KG

from .common import BODY, HEADLINE

LEAD, SECOND = BODY.strip().split("\n")
CAPTION = "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다."
PREFIXES = "PREFIX aip: <https://w3id.org/aipkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "


def rows(store: OxigraphStore, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + sparql)
    assert isinstance(result, SelectResult)
    return [tuple(v.value if v is not None else "" for v in row.values()) for row in result.rows]


def paragraphs(store: OxigraphStore) -> list[tuple[str, ...]]:
    return rows(store, """SELECT ?i ?role ?text WHERE { ?p a aip:Paragraph ; aip:index ?i ; aip:text ?text ;
                              aip:role ?r . BIND(STRAFTER(STR(?r), "#") AS ?role) } ORDER BY ?i""")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    one_line = (f"<div><h1>{HEADLINE}</h1><p>입력 2025.03.12 09:30</p><figure><img src='/a.jpg' alt='악수하는 두 대표'>"
                f"<figcaption>{CAPTION} (사진=한빛전자)</figcaption></figure><p>{LEAD}</p><p>{SECOND}</p></div>")  # fmt: skip
    (folder / "feed.jsonl").write_text(json.dumps({"url": "https://news.example.kr/a/1", "text": one_line},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    (folder / "capture.txt").write_text(f" date 2025-04-02 {HEADLINE.replace('판교', '서울')}\n{BODY.replace('판교', '서울')}",
                                        encoding="utf-8")  # fmt: skip
    return folder


def test_each_input_is_stored_with_its_paragraphs_roles_and_date(inputs: Path) -> None:
    store = OxigraphStore(None)
    report = ingest_paths(store, [inputs / "feed.jsonl"], validate=True)
    assert not report.failed
    assert paragraphs(store) == [
        ("0", "Headline", HEADLINE),
        ("1", "Caption", "악수하는 두 대표"),
        ("2", "Caption", CAPTION),
        ("3", "BodyText", LEAD),
        ("4", "BodyText", SECOND),
    ]
    assert rows(store, "SELECT ?d ?f WHERE { ?a a aip:Article ; dcterms:issued ?d ; aip:publishedFrom ?f }") == [
        ("2025-03-12T09:30:00", "text")
    ]
    assert validate_store(store).conforms


def test_a_crawler_marker_dates_a_capture_and_leaves_its_headline_clean(inputs: Path) -> None:
    store = OxigraphStore(None)
    assert not ingest_paths(store, [inputs / "capture.txt"], validate=True).failed
    assert paragraphs(store)[0] == ("0", "Headline", HEADLINE.replace("판교", "서울"))
    assert rows(store, "SELECT ?d ?f WHERE { ?a a aip:Article ; dcterms:issued ?d ; aip:publishedFrom ?f }") == [
        ("2025-04-02", "text")
    ]


def test_kg_fact_cites_a_caption_as_a_caption(inputs: Path, tmp_path: Path) -> None:
    """Through a real `kg` process: a fact read from the caption names the paragraph's role in its citation."""
    env = dict(os.environ, KG_STORE=str(tmp_path / "store"))
    ingest = subprocess.run([KG, "ingest", str(inputs / "feed.jsonl")], env=env, capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    fact = subprocess.run([KG, "fact", "김가람"], env=env, capture_output=True, text=True, timeout=300)
    assert fact.returncode == 0, fact.stderr
    cited = [line for line in fact.stdout.splitlines() if "¶" in line]
    assert any("caption]" in line and CAPTION in line for line in cited), fact.stdout
    assert any("¶3]" in line and LEAD in line for line in cited), fact.stdout  # body citations unchanged


def test_citations_name_a_headline_and_keep_body_numbers() -> None:
    """How `kg fact` shows where a fact was read: the headline by name, other roles after the paragraph number."""
    from kg.query.facts import Citation, EntityFacts, Fact
    from kg.render import render_facts

    def cite(paragraph: int, role: str) -> Citation:
        return Citation("id:article/1", HEADLINE, "테크데일리", "2025-03-12", None, paragraph, "…", "stated", role)

    facts = [Fact("aip:attended", "meeting 2025-03-12", "out", [cite(0, "headline"), cite(2, "caption"), cite(3, "body")])]
    shown = render_facts([EntityFacts("id:person/x", "김가람", ["Executive"], facts)])
    assert "; headline]" in shown and "; ¶2 caption]" in shown and "; ¶3]" in shown and "¶0" not in shown
