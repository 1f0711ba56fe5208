"""One meeting and one node per person across languages: a Korean and an English report of the same meeting."""

from __future__ import annotations

from datetime import date

from kg.ingest import Ingestor
from kg.read import read_text
from kg.romanize import name_keys
from kg.store import OxigraphStore, SelectResult

KOREAN = (
    "박준형 한빛텔레콤 대표, 라파엘 몬테로 Zentrix CEO와 회동\n"
    "박준형 한빛텔레콤 대표는 지난 25일 서울에서 라파엘 몬테로(Rafael Montero) Zentrix 최고경영자(CEO)와 만나 "
    "AI 데이터센터 협력 방안을 논의했다.\n"
    "두 사람은 한국어 특화 AI 모델 공동 개발에 대해서도 의견을 나눴다."
)
ENGLISH = (
    "Hanbit Telecom chief meets Zentrix CEO\n"
    "Hanbit Telecom CEO Park Joon-hyung met with Zentrix CEO Rafael Montero in Seoul on Tuesday to discuss "
    "cooperation on AI data centers, according to the company.\n"
    "The two executives also discussed a Korean-language AI model."
)
PREFIX = "PREFIX aip: <https://w3id.org/aipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def rows(store, sparql: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    result = store.query(PREFIX + sparql)
    assert isinstance(result, SelectResult)
    return [{k: v.value for k, v in row.items() if v is not None} for row in result.rows]


def test_a_korean_and_an_english_report_are_one_meeting_with_two_sources() -> None:
    store = OxigraphStore(None)
    ingestor = Ingestor(store, validate=False)
    # Korean on Thursday 27 March, English on Wednesday 26 March: "지난 25일" and "on Tuesday" are both 25 March
    ingestor.ingest_article(read_text(KOREAN, source="ko.txt", published=date(2025, 3, 27)))
    ingestor.ingest_article(read_text(ENGLISH, source="en.txt", published=date(2025, 3, 26)))
    meetings = rows(store, """SELECT ?m (COUNT(DISTINCT ?a) AS ?n) ?d WHERE { ?m a aip:Meeting ; aip:date ?d .
                               GRAPH ?g { ?m aip:attendee ?p } ?g aip:fromArticle ?a } GROUP BY ?m ?d""")
    assert meetings == [{"m": meetings[0]["m"], "n": "2", "d": "2025-03-25"}]
    people = rows(store, """SELECT ?p (GROUP_CONCAT(?l; separator="|") AS ?labels) WHERE {
                             ?m a aip:Meeting ; aip:attendee ?p . ?p rdfs:label ?l } GROUP BY ?p""")
    labels = sorted(tuple(sorted(r["labels"].split("|"))) for r in people)
    # each attendee is one node, with the name as each article writes it
    assert labels == [("Park Joon-hyung", "박준형"), ("Rafael Montero", "라파엘 몬테로")]


def test_two_people_of_one_name_in_two_groups_stay_two() -> None:
    store = OxigraphStore(None)
    ingestor = Ingestor(store, validate=False)
    ingestor.ingest_article(read_text(KOREAN, source="ko.txt", published=date(2025, 3, 27)))
    other = ENGLISH.replace("Hanbit Telecom", "Gaon Soft")
    ingestor.ingest_article(read_text(other, source="en.txt", published=date(2025, 3, 26)))
    parks = rows(store, 'SELECT DISTINCT ?p WHERE { ?p rdfs:label ?l . FILTER(STR(?l) IN ("박준형", "Park Joon-hyung")) }')
    assert len(parks) == 2


NAMES = [
    ("김영섭", "Kim Young-shub"), ("정기선", "Chung Kisun"), ("곽노정", "Noh-Jung Kwak"), ("최태원", "Chey Tae-won"),
    ("이재용", "Lee Jae-yong"), ("구광모", "Koo Kwang-mo"), ("김형관", "Kim Hyungkwan"), ("남궁서준", "Namgung Seo-jun"),
]


def test_romanised_korean_names_meet_their_hangul() -> None:
    for hangul, latin in NAMES:
        assert set(name_keys(hangul)) & set(name_keys(latin)), (hangul, latin)


def test_different_names_do_not_meet() -> None:
    for (a, _), (_, b) in zip(NAMES, NAMES[1:], strict=False):
        assert not set(name_keys(a)) & set(name_keys(b)), (a, b)
    assert not set(name_keys("김영섭")) & set(name_keys("Kim Young-sam"))
