"""Deterministic synthetic Korean news articles about executives meeting, for load (not accuracy).

A *world* (groups, companies, executives with titles, foreign companies and people, venues) is drawn once
from the seed; reference companies, people, cities and topics are read from ``ontology/`` so that a share of
every article's names is known to the store. Article ``i`` depends only on (seed, i), so the 1k file is a
prefix of the 10k file and any article can be regenerated alone.

    python bench/generate.py --count 1000 --out bench/data/articles-1k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"

_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_AIP = "https://w3id.org/aipkg/ontology#"
_SCHEMA = "https://schema.org/"
_ORG = "http://www.w3.org/ns/org#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Name material: Korean surnames and given-name syllables, Hangul forms of foreign names.
SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "유", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용"]
GIVEN = ["민", "서", "준", "지", "현", "우", "수", "영", "진", "호", "성", "재", "은", "정", "혜", "윤", "태", "상", "동", "경", "승", "희", "원", "석", "훈", "철", "용", "기", "주", "연", "하", "예", "도", "형", "종", "선", "규", "환", "찬", "혁", "범", "광", "근", "덕", "명", "병", "봉", "섭", "세", "순", "식", "신", "아", "애", "양", "엽", "완", "욱", "웅", "유", "익", "일", "임", "자", "제", "중", "창", "천", "충", "택", "평", "표", "한", "해", "홍", "화", "효"]
FOREIGN_GIVEN = ["제임스", "마이클", "데이비드", "로버트", "존", "윌리엄", "리처드", "토머스", "크리스토퍼", "다니엘", "매튜", "앤드루", "조슈아", "케빈", "브라이언", "에릭", "스티븐", "티모시", "제니퍼", "엘리자베스", "사라", "로라", "에밀리", "레베카", "마크", "폴", "피터", "조지", "헨리", "루카스", "올리버", "한스", "피에르", "마르코", "카를로스", "라지브", "아르준", "하루토", "유키", "웨이"]
FOREIGN_FAMILY = ["스미스", "존슨", "윌리엄스", "브라운", "존스", "밀러", "데이비스", "가르시아", "로드리게스", "윌슨", "마르티네스", "앤더슨", "테일러", "토머스", "무어", "잭슨", "마틴", "톰슨", "화이트", "해리스", "클라크", "루이스", "워커", "홀", "앨런", "영", "킹", "라이트", "힐", "스콧", "그린", "애덤스", "베이커", "넬슨", "카터", "미첼", "로버츠", "터너", "필립스", "캠벨", "파커", "에번스", "에드워즈", "콜린스", "스튜어트", "모리스", "머피", "쿡", "로저스", "슈미트", "뮐러", "다나카", "스즈키", "왕", "리", "첸", "쿠마르", "싱"]
BRAND_SYLLABLES = ["한", "대", "신", "동", "성", "세", "영", "진", "태", "현", "우", "미", "래", "광", "명", "천", "해", "금", "보", "원", "화", "일", "도", "청", "은", "새", "누", "리", "온", "솔", "빛", "별", "하", "나", "라", "다", "가", "마", "바", "사", "아", "자", "차", "카", "타", "파"]
FOREIGN_BRAND = ["앤트", "퀀트", "넥스", "오르", "바이", "테라", "노바", "시그", "벡터", "루미", "코어", "알파", "제타", "옵티", "픽셀", "클라", "뉴로", "하이", "매트", "플럭", "스카이", "그리드", "에이펙스", "모자", "시너", "크로", "아크", "레이", "로직", "웨이브"]
FOREIGN_BRAND_END = ["AI", "랩스", "시스템즈", "테크", "로보틱스", "컴퓨팅", "클라우드", "소프트", "다이내믹스", "인텔리전스", "네트웍스", "바이오"]
SECTORS = ["전자", "반도체", "텔레콤", "바이오", "에너지", "소프트", "클라우드", "모빌리티", "화학", "중공업", "로보틱스", "데이터", "네트웍스", "디스플레이", "AI", "증권", "생명", "건설"]
KOREAN_TITLES = [
    "회장", "부회장", "대표이사 사장", "사장", "부사장", "전무", "상무", "대표", "대표이사",
    "최고경영자(CEO)", "최고기술책임자(CTO)", "최고재무책임자(CFO)", "AI센터장", "연구소장", "사업부장",
]
FOREIGN_TITLES = ["최고경영자(CEO)", "CEO", "회장", "사장", "최고기술책임자(CTO)", "수석부사장", "창업자", "대표"]
VENUES = [
    "본사", "연구소", "사옥", "호텔", "컨벤션센터", "영빈관", "캠퍼스", "데이터센터", "전시장", "집무실",
]
MEETING_WORDS = ["회동", "면담", "회담", "만찬", "접견", "미팅", "오찬 회동", "비공개 회동"]
PUBLISHERS = ["한빛일보", "새누리경제", "온솔뉴스", "대한테크", "미래산업신문", "청해방송", "금빛IT", "하나비즈"]
BOILERPLATE = [
    "무단전재 및 재배포 금지",
    "[사진 출처 : 온라인 커뮤니티]",
    "좋아요 0 훈훈해요 0 슬퍼요 0 화나요 0",
    "이 기사를 추천합니다",
    "글자 크기 보통 크게 아주 크게",
    "ⓒ 새누리경제 All rights reserved.",
    "공유하기 카카오톡 페이스북 X 이메일",
    "관련 기사 더보기",
]
HEDGES = [
    "{t} 관련 협력 방안도 논의됐을 가능성이 있다는 관측이 나온다.",
    "업계에서는 양측이 {t} 분야 공동 사업을 논의한 것으로 보고 있다.",
    "{t} 투자 확대에 대한 이야기도 오간 것으로 알려졌다.",
    "구체적인 내용은 공개되지 않았지만 {t} 협력이 주요 의제였을 것으로 추정된다.",
]
FILLER = [
    "이번 만남은 글로벌 AI 경쟁이 격화되는 가운데 이뤄져 업계의 관심이 쏠린다.",
    "양사는 지난해부터 실무진 차원의 협의를 이어온 것으로 전해졌다.",
    "회사 측은 구체적인 논의 내용에 대해서는 말을 아꼈다.",
    "업계 관계자는 \"양사 모두 AI 생태계 주도권을 확보하려는 의지가 강하다\"고 말했다.",
    "시장에서는 이번 협력이 실적 개선으로 이어질지 주목하고 있다.",
    "한편 주가는 전 거래일 대비 소폭 상승 마감했다.",
]


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    company: str  # Korean label as written in text


@dataclass
class World:
    groups: list[list[str]] = field(default_factory=list)  # each: companies of one group, group name first
    people: list[Person] = field(default_factory=list)
    foreign_people: list[Person] = field(default_factory=list)
    reference_people: list[Person] = field(default_factory=list)
    cities: list[tuple[str, str]] = field(default_factory=list)  # (city, country) Korean labels
    topics: list[str] = field(default_factory=list)


def _literal_ko(term: object) -> str | None:
    if isinstance(term, ox.Literal) and term.language == "ko":
        return term.value
    return None


def _load_reference() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """Korean labels of reference companies (iri -> label), their parent, people, cities and topics."""
    store = ox.Store()
    for name in ("reference.ttl", "places.ttl", "topics.ttl"):
        store.load(path=str(ONTOLOGY / name), format=ox.RdfFormat.TURTLE)

    def select(q: str) -> list[tuple[str, ...]]:
        return [tuple(t.value for t in row) for row in store.query(q)]  # type: ignore[union-attr]

    companies = dict(select(f"""SELECT ?c ?l WHERE {{ ?c a <{_AIP}Company> ; <{_RDFS}label> ?l .
                                FILTER(LANG(?l) = "ko") }}"""))
    parent = dict(select(f"SELECT ?c ?p WHERE {{ ?c <{_ORG}subOrganizationOf> ?p }}"))
    people = select(f"""SELECT ?l ?a WHERE {{ ?p a <{_SCHEMA}Person> ; <{_SKOS}prefLabel> ?l ;
                        <{_AIP}affiliatedWith> ?a . FILTER(LANG(?l) = "ko") }}""")
    cities = select(f"""SELECT ?l ?cl WHERE {{ ?c a <{_AIP}City> ; <{_RDFS}label> ?l ;
                        <{_SCHEMA}containedInPlace> ?country . ?country <{_RDFS}label> ?cl .
                        FILTER(LANG(?l) = "ko" && LANG(?cl) = "ko") }}""")
    topics = [r[0] for r in select(f"""SELECT ?l WHERE {{ ?t a <{_AIP}Topic> ; <{_SKOS}prefLabel> ?l .
                                      FILTER(LANG(?l) = "ko") }}""")]
    people_out = [(name, companies[aff]) for name, aff in people if aff in companies]
    return companies, parent, sorted(people_out), sorted(cities), sorted(topics)


def _korean_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def build_world(seed: int, *, groups: int = 400, foreign: int = 300) -> World:
    """The cast: ``groups`` synthetic Korean groups of 2-7 companies, ``foreign`` foreign companies, and
    the reference data's companies, people, cities and topics."""
    rng = random.Random(f"world:{seed}")
    companies, parent, ref_people, cities, topics = _load_reference()
    world = World(cities=cities, topics=topics)
    seen: set[str] = set(companies.values())

    def fresh(make: object) -> str:
        while True:
            name = make()  # type: ignore[operator]
            if name not in seen:
                seen.add(name)
                return name

    for _ in range(groups):
        brand = fresh(lambda: "".join(rng.choice(BRAND_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))))
        members = [brand + "그룹"]
        for sector in rng.sample(SECTORS, rng.randint(2, 7)):
            members.append(brand + sector)
            seen.add(brand + sector)
        world.groups.append(members)
        for company in members:
            for _ in range(rng.randint(2, 5)):
                world.people.append(Person(_korean_name(rng), rng.choice(KOREAN_TITLES), company))
    for _ in range(foreign):
        company = fresh(lambda: rng.choice(FOREIGN_BRAND) + rng.choice(FOREIGN_BRAND_END))
        for _ in range(rng.randint(1, 3)):
            name = f"{rng.choice(FOREIGN_GIVEN)} {rng.choice(FOREIGN_FAMILY)}"
            world.foreign_people.append(Person(name, rng.choice(FOREIGN_TITLES), company))
    # reference companies get synthetic executives too, so groups like SK have many people
    by_top: dict[str, list[str]] = {}
    for iri, label in sorted(companies.items()):
        top = iri
        while top in parent:
            top = parent[top]
        by_top.setdefault(top, []).append(label)
    for members in by_top.values():
        for company in members:
            for _ in range(rng.randint(1, 3)):
                world.people.append(Person(_korean_name(rng), rng.choice(KOREAN_TITLES), company))
    for name, company in ref_people:
        world.reference_people.append(Person(name, rng.choice(KOREAN_TITLES[:4] + FOREIGN_TITLES[:1]), company))
    return world


# --- dates ------------------------------------------------------------------------------------------------


def _date_phrase(rng: random.Random, published: date) -> tuple[str, bool]:
    """A date expression relative to the publication date, and whether it is in the future."""
    d = published - timedelta(days=rng.randint(1, 25))
    forms: list[tuple[str, bool]] = [
        ("지난주 초", False),
        ("지난주", False),
        (f"지난 {d.day}일", False),
        (f"지난 {d.day}일(현지시간)", False),
        (f"지난해 {rng.randint(1, 12)}월", False),
        (f"지난 {rng.randint(1, 12)}월", False),
        ("이날", False),
        ("전날", False),
        (f"{published.day}일", False),
        (f"{published.year}년 {d.month}월 {d.day}일", False),
        (f"내달 {rng.randint(1, 28)}일", True),
        ("다음 주", True),
        (f"오는 {rng.randint(1, 28)}일", True),
    ]
    return rng.choice(forms)


# --- articles ---------------------------------------------------------------------------------------------


def _josa(word: str, with_final: str, without: str) -> str:
    """The particle that agrees with the word's last syllable (이/가, 은/는, 과/와); Latin endings read as vowels."""
    core = word.split("(")[0].rstrip() or word
    last = core[-1]
    has_final = "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0
    return word + (with_final if has_final else without)


def _intro(p: Person) -> str:
    return f"{p.name} {p.company} {p.title}"


def _short(p: Person) -> str:
    """How a second mention reads: surname + title for Korean names, family name + title for foreign ones."""
    head = p.title.split()[-1].split("(")[0]
    if " " in p.name:
        return f"{p.name.split()[-1]} {head}"
    return f"{p.name[0]} {head}"


def _pick_person(rng: random.Random, world: World) -> Person:
    r = rng.random()
    if r < 0.12 and world.reference_people:
        return rng.choice(world.reference_people)
    if r < 0.35:
        return rng.choice(world.foreign_people)
    return rng.choice(world.people)


def article(world: World, seed: int, index: int) -> dict[str, str]:
    """Article ``index`` of the corpus of ``seed``: a JSON Lines record (url, title, published, publisher, text)."""
    rng = random.Random(f"article:{seed}:{index}")
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
    a, b = _pick_person(rng, world), _pick_person(rng, world)
    while b.company == a.company:
        b = _pick_person(rng, world)
    companions = [rng.choice(world.people) for _ in range(rng.choice((0, 0, 1, 2, 3)))]
    city, country = rng.choice(world.cities)
    venue = rng.choice([f"{b.company} {rng.choice(VENUES)}", f"{city} {rng.choice(VENUES)}", f"{a.company} {rng.choice(VENUES)}"])
    topics = rng.sample(world.topics, min(len(world.topics), rng.randint(1, 3)))
    when, future = _date_phrase(rng, published)
    word = rng.choice(MEETING_WORDS)
    publisher = rng.choice(PUBLISHERS)

    title = f"{_short(a)}, {b.company} {_josa(_short(b), '과', '와')} {word}…{topics[0]} 논의"
    verb = "할 예정이다" if future else "했다"
    paragraphs = [
        f"{_josa(_intro(a), '이', '가')} {when} {country} {city} {venue}에서 {_josa(_intro(b), '과', '와')} {word}{verb}.",
        f"양측은 {', '.join(topics)} 등 폭넓은 협력 방안을 논의{'할 계획이다' if future else '했다'}.",
    ]
    if companions:
        listed = ", ".join(_intro(c) for c in companions)
        paragraphs.append(f"이 자리에는 {listed} 등도 {rng.choice(('동석', '동행'))}했다.")
    if rng.random() < 0.6:
        paragraphs.append(rng.choice(HEDGES).format(t=rng.choice(world.topics)))
    if rng.random() < 0.4:  # an earlier meeting of the same pair
        earlier, _ = _date_phrase(rng, published - timedelta(days=200))
        paragraphs.append(f"{_josa(_short(a), '과', '와')} {_josa(_short(b), '은', '는')} {earlier}에도 {city}에서 만난 바 있다.")
    paragraphs.extend(rng.sample(FILLER, rng.randint(1, 3)))
    if rng.random() < 0.3:  # pages often repeat their body once (scraped twice)
        paragraphs.extend(paragraphs[: rng.randint(1, len(paragraphs))])
    reporter = _korean_name(rng)
    lines = [
        title,
        f"입력 {published:%Y.%m.%d} ({rng.randint(6, 22):02d}:{rng.randint(0, 59):02d})",
        *rng.sample(BOILERPLATE, rng.randint(0, 2)),
        "",
        *paragraphs,
        "",
        f"{reporter} 기자 reporter{index}@example.com",
        *rng.sample(BOILERPLATE, rng.randint(1, 3)),
    ]
    return {
        "url": f"https://news.example.com/{publisher}/{published:%Y%m%d}/{seed}-{index}",
        "title": title,
        "published": published.isoformat(),
        "publisher": publisher,
        "text": "\n".join(lines) + "\n",
    }


def articles(count: int, seed: int = 0, *, world: World | None = None, start: int = 0) -> Iterator[dict[str, str]]:
    """Articles ``start`` .. ``start+count-1`` of the corpus of ``seed``, one at a time."""
    world = world or build_world(seed)
    for i in range(start, start + count):
        yield article(world, seed, i)


def write_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """Stream ``count`` articles to ``path`` as JSON Lines (written to a temporary name, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for record in articles(count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="default: bench/data/articles-<count>.jsonl")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench" / "data" / f"articles-{args.count}.jsonl"
    write_jsonl(out, args.count, args.seed)
    print(out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
