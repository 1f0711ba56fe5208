"""The name perturbation (bench/perturb.py) and the name-independence report (bench/name_independence.py).

Table tests run on small inline texts; the rows that need the shared corpus skip when it is absent.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import name_independence  # noqa: E402
import perturb  # noqa: E402
from perturb_lang import SURNAME_ROMAN, VARIABLE_PARTICLES, WORD_LIKE_NAMES  # noqa: E402
from perturb_names import Namer, within_one_edit  # noqa: E402
from perturb_text import Pattern, Rewriter, final_consonant, inflect, particle_chain  # noqa: E402
from perturb_world import Article, has_hangul, load_reference, person_from_names, read_articles, squash  # noqa: E402

REFERENCE = ROOT / "ontology" / "reference.ttl"


def _shared() -> Path | None:
    for candidate in (os.environ.get("AIPKG_SHARED"), ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if candidate and (Path(candidate) / "corpus" / "dev").is_dir():
            return Path(candidate)
    return None


SHARED = _shared()
needs_shared = pytest.mark.skipif(SHARED is None, reason="the shared corpus (../shared) is not on this machine")


# --- particles ----------------------------------------------------------------------------------------------

def _pair(particle: str) -> tuple[str, str]:
    return next(p for p in VARIABLE_PARTICLES if particle in p)


@pytest.mark.parametrize(("name", "written", "expected"), [
    ("세진", "는", "은"),            # 받침 ㄴ
    ("다온전자", "은", "는"),        # no 받침
    ("몬테로", "으로", "로"),        # a family name ending in 로
    ("한결", "으로", "로"),          # ㄹ takes 로
    ("태림", "로", "으로"),
    ("큐빗웨이AI", "과", "와"),      # "AI" reads 에이아이
    ("QN", "는", "은"),              # 큐엔
    ("MDT", "은", "는"),             # 엠디티
    ("VL", "와", "과"),              # 브이엘
    ("Zentrix", "과", "와"),         # 젠트릭스
    ("Q-Nova", "이", "가"),          # 큐노바
    ("남궁율", "가", "이"),
    ("필라이", "이", "가"),          # ends in 이, but it is the name's
    ("하은", "는", "은"),
    ("2030", "와", "과"),            # 이공삼공 -> 영: ㅇ
    ("Daon", "와", "과"),            # 다온
    ("Orbital", "으로", "로"),       # 오비탈: ㄹ
    ("오픈AI", "이라는", "라는"),
    ("엔비디아", "이었다", "였다"),
])
def test_particle_follows_the_new_final_syllable(name: str, written: str, expected: str) -> None:
    final = final_consonant(name)
    assert final is not None
    assert inflect(_pair(written), final) == expected


@pytest.mark.parametrize(("run", "first"), [
    ("와의", "와"), ("과도", "과"), ("으로부터", "으로부터"), ("이라고", "이라고"), ("는", "는"), ("에서는", "에서"),
    ("과거", None), ("이노베이션", None), ("가격", None), ("톡", None), ("", None),  # must not read as particles
])
def test_particle_chain(run: str, first: str | None) -> None:
    found = particle_chain(run)
    assert (found[0] if found else None) == first


@pytest.mark.parametrize(("names", "style", "surname", "families"), [
    (["최태원", "Chey Tae-won"], "ko", "최", {"Chey"}),
    (["남궁민수"], "ko", "남궁", set()),
    (["Noh-Jung Kwak"], "ko", "곽", {"Kwak"}),          # given name first
    (["Chung Kisun"], "ko", "정", {"Chung"}),           # given name written together
    (["TM Roh"], "ko", "노", {"Roh"}),
    (["William Cho"], "ko", "조", {"Cho"}),             # a Western given name
    (["샘 올트먼", "Sam Altman"], "west", "올트먼", {"Altman"}),
    (["젠슨 황", "Jensen Huang"], "west", "황", {"Huang"}),
    (["Jack Ma"], "west", None, {"Ma"}),                # Ma is no distinctly Korean surname
    (["웨이저자", "C. C. Wei"], "zh", "웨이", {"Wei"}),   # not "C."
    (["Li Qiang"], "zh", None, {"Li"}),                 # family name first
    (["Mark Liu"], "west", None, {"Liu"}),
])
def test_who_is_written_how(names: list[str], style: str, surname: str | None, families: set[str]) -> None:
    p = person_from_names("k", names)
    assert (p.style, p.surname, p.families_latin) == (style, surname, families)


# --- the rewriter on inline sentences -------------------------------------------------------------------------

def P(form: str, kind: str, new: str, reading: str | None = None, key: str = "k") -> Pattern:  # noqa: N802
    return Pattern(form, kind, key, new, reading or new)


COMPANIES = [P("오픈AI", "company", "세진전자"), P("카카오", "company", "다온"), P("마이크로소프트", "company", "한울"),
             P("MS", "company", "QX", "한울"), P("앳홈", "company", "노바릭스"), P("메타", "company", "Zentrix"),
             P("브로드컴", "company", "리버스톤")]
PEOPLE = [P("샘 올트먼", "person", "라파엘 몬테로"), P("최태원", "person", "남궁율"), P("정신아", "person", "한도하"),
          P("곽노정", "person", "서하은"), P("Chey Tae-won", "person", "Namgung Yul", "남궁율")]
FAMILIES = [Pattern("최", "title-family", "ko:최", "남궁", "남궁"), Pattern("이", "title-family", "ko:이", "전", "전"),
            Pattern("탄", "title-family", "foreign:탄", "소토", "소토"),
            P("올트먼", "bare-family", "몬테로"), P("카프", "bare-family", "하트웰")]
STEMS = [P("SK", "stem", "세진"), P("삼성", "stem", "다솜")]
ENGLISH = [P("SK", "stem", "Sejin", "세진"), P("Kakao", "stem", "Neulbom", "늘봄"), P("NAVER", "stem", "Seorin", "서린"),
           P("Chey", "latin-family", "Namgung"), P("Park", "latin-family", "Ahn"), P("Lee", "latin-family", "Jeon"),
           P("Chey Tae-won", "person", "Namgung Yul", "남궁율")]


@pytest.mark.parametrize(("text", "expected"), [
    # particles re-inflected for the new name
    ("오픈AI와 카카오가 만났다", "세진전자와 다온이 만났다"),
    ("오픈AI의 샘 올트먼은 카카오를 찾았다", "세진전자의 라파엘 몬테로는 다온을 찾았다"),
    ("마이크로소프트(MS)가 발표했다", "한울(QX)이 발표했다"),           # the particle after the parentheses
    ("‘앳홈’과 협력", "‘노바릭스’와 협력"),                              # after a closing quote
    ("메타와 브로드컴을", "Zentrix와 리버스톤을"),
    ("정신아 카카오 대표와 최태원이", "한도하 다온 대표와 남궁율이"),
    ("곽노정이며 곽노정이었다", "서하은이며 서하은이었다"),
    ("최태원이며 최태원이었다. 곽노정과 최태원", "남궁율이며 남궁율이었다. 서하은과 남궁율"),
    # surname + title; "최근", "최고경영자" and "이 자리" are no surnames
    ("최 회장은 최근 최고경영자(CEO)와 만났다", "남궁 회장은 최근 최고경영자(CEO)와 만났다"),
    ("이 자리엔 이 회장이 있었다", "이 자리엔 전 회장이 있었다"),
    ("이 회사 대표", "이 회사 대표"),                                     # a Korean surname needs the title next
    ("탄 브로드컴 CEO와는 탄소 배출을", "소토 리버스톤 CEO와는 탄소 배출을"),
    # a foreign family name alone
    ("올트먼은 올트먼 CEO를 만나 올트먼으로부터", "몬테로는 몬테로 CEO를 만나 몬테로로부터"),
    ("카프카의 소설", "카프카의 소설"),
    # group prefixes
    ("SK하이닉스와 SK텔레콤, SK그룹, SK㈜", "세진하이닉스와 세진텔레콤, 세진그룹, 세진㈜"),
    ("SK는 SK이노베이션이 최태원 SK회장", "세진은 세진이노베이션이 남궁율 세진회장"),
    ("SKT와 ASK", "SKT와 ASK"),
    ("삼성전자와 삼성의 삼성동 사옥", "다솜전자와 다솜의 삼성동 사옥"),
])
def test_rewrite(text: str, expected: str) -> None:
    assert Rewriter(COMPANIES + PEOPLE + FAMILIES + STEMS).rewrite(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SK Hynix and SK Group; SKT", "Sejin Hynix and Sejin Group; SKT"),
    ("KakaoTalk and NAVER(035420), Naver", "NeulbomTalk and SEORIN(035420), Seorin"),
    ("Chairman Chey met Chey Tae-won. Chey told", "Chairman Namgung met Namgung Yul. Namgung told"),
    ("Menlo Park and Lee Jae-lim, Lee’s visit", "Menlo Park and Lee Jae-lim, Jeon’s visit"),  # not a family name
])
def test_rewrite_english(text: str, expected: str) -> None:
    assert Rewriter(ENGLISH).rewrite(text).text == expected


def test_places_titles_topics_and_dates_stay() -> None:
    text = "최태원 회장은 지난 4일 서울 샌프란시스코 오픈AI 본사에서 AI 반도체 협력 방안을 논의했다."
    out = Rewriter(COMPANIES + PEOPLE + FAMILIES + STEMS).rewrite(text).text
    assert out == "남궁율 회장은 지난 4일 서울 샌프란시스코 세진전자 본사에서 AI 반도체 협력 방안을 논의했다."


# --- the whole perturbation on an inline corpus ----------------------------------------------------------------

KO_TEXT = (
    "최태원 SK그룹 회장이 지난 4일 서울에서 샘 올트먼 오픈AI 최고경영자(CEO)와 만나 AI 반도체 협력을 논의했다.\n"
    "최 회장은 올트먼 CEO와 SK하이닉스의 HBM 공급을 논의했다. 이 자리에는 곽노정 SK하이닉스 사장과 "
    "유영상 SK텔레콤 대표가 동석했다.\n최근 오픈AI는 SK㈜와도 협력하고 있다.\n"
)
KO_GOLD = {
    "article": "k1.txt", "published": "2025-07-07", "language": "ko",
    "people": [
        {"name": "최태원", "name_en": "Chey Tae-won", "org": "SK그룹", "org_en": "SK Group", "title": "회장"},
        {"name": "샘 올트먼", "name_en": "Sam Altman", "org": "오픈AI", "org_en": "OpenAI", "title": "최고경영자(CEO)"},
        {"name": "곽노정", "name_en": "Kwak Noh-jung", "org": "SK하이닉스", "org_en": "SK hynix", "title": "사장"},
        {"name": "유영상", "name_en": "Ryu Young-sang", "org": "SK텔레콤", "org_en": "SK Telecom", "title": "대표"},
    ],
    "meetings": [{"id": "m1", "date": "2025-07-04", "date_text": "지난 4일", "place": "서울", "city": "Seoul",
                  "participants": ["최태원", "샘 올트먼", "곽노정", "유영상"], "orgs": ["SK그룹", "오픈AI", "SK하이닉스"],
                  "topics": ["AI 반도체 협력", "SK하이닉스의 HBM 공급"], "status": "occurred", "certainty": "stated",
                  "evidence": "최 회장은 올트먼 CEO와 SK하이닉스의 HBM 공급을 논의했다"}],
    "partnerships": [{"orgs": ["SK하이닉스", "오픈AI"], "kind": "supply", "certainty": "stated",
                      "evidence": "최근 오픈AI는 SK㈜와도 협력하고 있다"}],
}
KO2_TEXT = "샘 올트먼 오픈AI CEO는 지난 4일 최태원 SK그룹 회장과 회동했다고 밝혔다.\n"
KO2_GOLD = {
    "article": "k2.txt", "published": "2025-07-05", "language": "ko",
    "people": [{"name": "샘 올트먼", "name_en": "Sam Altman", "org": "오픈AI", "org_en": "OpenAI", "title": "CEO"},
               {"name": "최태원", "name_en": "Chey Tae-won", "org": "SK그룹", "org_en": "SK Group", "title": "회장"}],
    "meetings": [{"id": "m1", "date": "2025-07-04", "participants": ["샘 올트먼", "최태원"], "orgs": ["오픈AI", "SK그룹"],
                  "same_as": "k1.json#m1", "evidence": "샘 올트먼 오픈AI CEO는 지난 4일 최태원 SK그룹 회장과 회동했다고 밝혔다"}],
    "partnerships": [],
}
EN_TEXT = ("SK Group Chairman Chey Tae-won met OpenAI CEO Sam Altman in Seoul on Friday. Chey told reporters that "
           "SK Hynix would supply chips; Altman thanked SK.\n")
EN_GOLD = {
    "article": "e1.txt", "published": "2025-07-05", "language": "en",
    "people": [{"name": "Chey Tae-won", "name_en": "Chey Tae-won", "org": "SK Group", "org_en": "SK Group"},
               {"name": "Sam Altman", "name_en": "Sam Altman", "org": "OpenAI", "org_en": "OpenAI"}],
    "meetings": [{"id": "m1", "date": "2025-07-04", "participants": ["Chey Tae-won", "Sam Altman"],
                  "orgs": ["SK Group", "OpenAI"], "city": "Seoul",
                  "evidence": "SK Group Chairman Chey Tae-won met OpenAI CEO Sam Altman in Seoul on Friday"}],
    "partnerships": [],
}


def _corpus() -> list[Article]:
    return [Article("k1.txt", "url: https://example.com/sk-openai\n---\n", KO_TEXT, json.loads(json.dumps(KO_GOLD)), "ko"),
            Article("k2.txt", "", KO2_TEXT, json.loads(json.dumps(KO2_GOLD)), "ko"),
            Article("e1.txt", "", EN_TEXT, json.loads(json.dumps(EN_GOLD)), "en")]


@pytest.fixture(scope="module")
def output() -> perturb.Output:
    return perturb.perturb(_corpus(), REFERENCE, seed=3)


def _gold(out: perturb.Output, stem: str) -> dict:
    return json.loads(out.gold[f"{stem}.json"])


def test_same_seed_same_bytes_other_seed_other_names(output: perturb.Output) -> None:
    again = perturb.perturb(_corpus(), REFERENCE, seed=3)
    other = perturb.perturb(_corpus(), REFERENCE, seed=4)
    assert again.articles == output.articles and again.gold == output.gold
    assert json.dumps(again.report, sort_keys=True) == json.dumps(output.report, sort_keys=True)
    assert other.articles != output.articles


def test_no_original_name_is_left(output: perturb.Output) -> None:
    for name, text in output.articles.items():
        body = text.split("---\n", 1)[-1]
        for form in ("최태원", "샘 올트먼", "올트먼", "오픈AI", "곽노정", "유영상", "Chey", "Altman", "OpenAI"):
            assert form not in body, (name, form)
        assert not re.search(r"(?<![A-Za-z])SK(?![A-Za-z])", body), name
        assert not output.report["articles"][name]["not_replaced"]
    assert output.articles["k1.txt"].startswith("url: https://example.com/sk-openai\n---\n")  # header kept
    assert output.report["articles"]["k1.txt"]["header_mentions"] == ["OpenAI"]  # and what it names, reported


def test_no_replacement_is_a_reference_name_or_one_edit_from_a_company(output: perturb.Output) -> None:
    ref = load_reference(REFERENCE)
    ref_forms = ref.all_company_forms() | ref.all_person_forms()
    companies = ref.all_company_forms()
    new_people = {n for p in output.report["people"].values() for n in p["to"]}
    new_companies = {n for c in output.report["companies"].values() for n in c["to"]}
    assert new_people and new_companies
    for name in new_people | new_companies:
        assert squash(name) not in ref_forms, name
    for name in new_companies:
        assert not any(within_one_edit(squash(name), f) for f in companies), name


def test_gold_follows_the_text(output: perturb.Output) -> None:
    k1, k2, e1 = _gold(output, "k1"), _gold(output, "k2"), _gold(output, "e1")
    for gold, name in ((k1, "k1.txt"), (k2, "k2.txt"), (e1, "e1.txt")):
        names = {p["name"] for p in gold["people"]}
        for m in gold["meetings"]:
            assert m["evidence"] in output.articles[name]
            assert set(m["participants"]) <= names
        for p in gold["partnerships"]:
            assert p["evidence"] in output.articles[name]
    assert k2["meetings"][0]["same_as"] == "k1.json#m1"
    assert set(k2["meetings"][0]["participants"]) <= set(k1["meetings"][0]["participants"])  # same people
    m = k1["meetings"][0]
    assert (m["date"], m["date_text"], m["place"], m["city"], m["topics"][0]) == \
        ("2025-07-04", "지난 4일", "서울", "Seoul", "AI 반도체 협력")
    assert k1["people"][0]["title"] == "회장" and e1["meetings"][0]["city"] == "Seoul"
    assert "HBM 공급" in m["topics"][1] and "SK" not in m["topics"][1]


def test_forms_of_one_person_agree(output: perturb.Output) -> None:
    k1 = _gold(output, "k1")
    chey = k1["people"][0]["name"]
    surname = output.report["surnames"]["최"]
    assert chey.startswith(surname)
    text = output.articles["k1.txt"]
    assert text.count(chey) == 1 and f"{surname} 회장은" in text
    altman = k1["people"][1]["name"]
    assert f"{altman.split()[-1]} CEO와" in text
    assert k1["people"][0]["name_en"].split()[0] == SURNAME_ROMAN[surname]
    assert "최근" in text and "이 자리에는" in text


def test_group_prefix_is_shared(output: perturb.Output) -> None:
    orgs = {p["org"] for p in _gold(output, "k1")["people"]}
    new = {o for o in orgs if o.endswith(("그룹", "하이닉스", "텔레콤"))}
    assert len(new) == 3
    prefixes = {o.removesuffix("그룹").removesuffix("하이닉스").removesuffix("텔레콤") for o in new}
    assert len(prefixes) == 1 and prefixes != {"SK"}
    (prefix,) = prefixes
    assert f"{prefix}㈜" in output.articles["k1.txt"]
    en_orgs = {p["org_en"] for p in _gold(output, "k1")["people"]}
    assert len({o.split()[0] for o in en_orgs if o.endswith(("Group", "hynix", "Telecom"))}) == 1


def test_english_forms(output: perturb.Output) -> None:
    e1 = _gold(output, "e1")
    chey, altman = e1["people"][0]["name"], e1["people"][1]["name"]
    text = output.articles["e1.txt"]
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+", chey) or re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", chey)
    assert f"{chey.split()[0]} told" in text and f"; {altman.split()[-1]} thanked" in text
    group = e1["people"][0]["org"].removesuffix(" Group")
    assert f"{group} Hynix" in text and f"thanked {group}." in text


def test_evidence_that_cannot_stay_verbatim_is_an_error() -> None:
    corpus = _corpus()
    assert corpus[0].gold is not None
    corpus[0].gold["meetings"][0]["evidence"] = "최태"  # half a name: no longer in the text once it is replaced
    with pytest.raises(perturb.PerturbError, match="k1.txt"):
        perturb.perturb(corpus, REFERENCE, seed=3)


def test_name_shapes() -> None:
    korean = ["김민준", "김서연", "김도현", "이하준", "이지호", "박서준", "박예은", "최우진", "정하윤", "강민서",
              "조은우", "윤지우", "장수아", "임도윤"]
    foreign = [("토머스 라이언", "Thomas Ryan"), ("케빈 오브라이언", "Kevin O'Brien"), ("에밀리 파커", "Emily Parker"),
               ("헨리 브라운", "Henry Brown"), ("조지 힐", "George Hill"), ("올리버 그린", "Oliver Green")]
    people = [{"name": n, "name_en": None, "org": "오픈AI"} for n in korean]
    people += [{"name": ko, "name_en": en, "org": "오픈AI"} for ko, en in foreign]
    text = " ".join(p["name"] + " 오픈AI 대표가 만났다." for p in people)
    gold = {"language": "ko", "people": people, "meetings": [], "partnerships": []}
    out = perturb.perturb([Article("a.txt", "", text, gold, "ko")], REFERENCE, seed=5)
    names = [p["name"] for p in json.loads(out.gold["a.json"])["people"]]
    new_korean, new_foreign = names[:len(korean)], names[len(korean):]
    assert all(" " not in n and (n[:2] in SURNAME_ROMAN or n[0] in SURNAME_ROMAN) for n in new_korean)
    assert any(len(n) == 2 for n in new_korean), new_korean  # surname + one syllable
    assert any(len(n) == 4 and n[:2] in SURNAME_ROMAN for n in new_korean), new_korean  # 남궁, 선우, ...
    assert sum(len(n) == 3 for n in new_korean) > len(korean) / 2
    assert all(" " in n for n in new_foreign)
    assert any(n.count(" ") == 2 for n in new_foreign), new_foreign  # three words
    assert any(n.split()[-1][-1] in "로과이도가나만" for n in new_foreign), new_foreign
    assert len(set(names)) == len(names)
    assert not set(names) & (set(korean) | {ko for ko, _ in foreign})


def test_two_syllable_names_are_not_words() -> None:
    namer = Namer(1, load_reference(REFERENCE), corpus_text="")
    made = [s + namer.korean_person(person_from_names(f"k{i}{s}", [f"{s}민준"]), s, single=True).given_ko[0]
            for i in range(8) for s in ("전", "조", "이", "연")]
    assert len(set(made)) > 10
    assert not set(made) & WORD_LIKE_NAMES  # 전율, 조율, 이온, 연결: words, not names


# --- command line ------------------------------------------------------------------------------------------

def _write_corpus(root: Path) -> tuple[Path, Path]:
    articles, gold = root / "articles", root / "gold"
    articles.mkdir(parents=True)
    gold.mkdir()
    for a in _corpus():
        (articles / a.name).write_text(a.header + a.body, encoding="utf-8")
        (gold / f"{Path(a.name).stem}.json").write_text(json.dumps(a.gold, ensure_ascii=False), encoding="utf-8")
    return articles, gold


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "perturb.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_writes_articles_gold_and_report(tmp_path: Path) -> None:
    articles, gold = _write_corpus(tmp_path / "in")
    r = _cli("--articles", str(articles), "--gold", str(gold), "--out", str(tmp_path / "out"), "--seed", "3")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "articles").iterdir()) == ["e1.txt", "k1.txt", "k2.txt"]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {"최태원", "최", "SK그룹", "SK㈜"} <= {x["from"] for x in report["articles"]["k1.txt"]["replaced"]}
    assert "k1.txt: " in r.stderr
    again = read_articles(tmp_path / "out" / "articles", tmp_path / "out" / "gold")
    assert [a.name for a in again] == ["e1.txt", "k1.txt", "k2.txt"] and all(a.gold for a in again)


def test_cli_errors_name_the_problem(tmp_path: Path) -> None:
    r = _cli("--articles", str(tmp_path / "nowhere"), "--gold", str(tmp_path), "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "nowhere" in r.stderr
    articles, gold = _write_corpus(tmp_path / "in")
    (gold / "k2.json").write_text("{not json", encoding="utf-8")
    r = _cli("--articles", str(articles), "--gold", str(gold), "--out", str(tmp_path / "o"))
    assert r.returncode == 1 and "k2.json" in r.stderr
    assert not (tmp_path / "o").exists()


# --- name independence ---------------------------------------------------------------------------------------

FAKE_SCORER = '''
import argparse, json, pathlib
ap = argparse.ArgumentParser()
for name in ("--articles", "--gold", "--kg", "--json"):
    ap.add_argument(name)
a = ap.parse_args()
f1 = 0.5 if "seed-" in a.articles else 0.9
pathlib.Path(a.json).write_text(json.dumps({"people": [1.0, 0.5, 0.66], "meetings": [f1, f1, f1], "city": 0.5}))
print("articles: 3  gold people: 2  gold meetings: 1  system people: 2  system meetings: 1")
'''


def test_rows_and_table() -> None:
    figures = name_independence.rows({"people": [1, 0.5, 0.66], "city": 0.5},
                                     [{"people": [1, 0.25, 0.4], "city": 1}, {"people": [1, 0.75, 0.8], "city": 0}])
    assert figures == [("people P", 1.0, [1.0, 1.0]), ("people R", 0.5, [0.25, 0.75]),
                       ("people F1", 0.66, [0.4, 0.8]), ("city", 0.5, [1.0, 0.0])]
    table = name_independence.table(figures, [1, 2])
    assert "seed 2" in table and "people R" in table
    assert re.search(r"people F1 +0\.66 +0\.40 +0\.80 +0\.60 +-0\.06", table)


@pytest.mark.parametrize(("seeds", "max_diff", "code"), [("1", "0.05", 1), ("1", "0.45", 0), ("1,2", "0.05", 1)])
def test_name_independence_exit_code_follows_meetings_f1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         seeds: str, max_diff: str, code: int) -> None:
    articles, gold = _write_corpus(tmp_path / "in")
    scorer = tmp_path / "score.py"
    scorer.write_text(FAKE_SCORER, encoding="utf-8")
    out_json = tmp_path / "figures.json"
    rc = name_independence.main(["--articles", str(articles), "--gold", str(gold), "--scorer", str(scorer),
                                 "--kg", "kg", "--seed", seeds, "--max-diff", max_diff, "--keep",
                                 str(tmp_path / "perturbed"), "--json", str(out_json)])
    assert rc == code
    printed = capsys.readouterr().out
    assert "meetings F1 0.900 -> 0.500" in printed and "-0.400" in printed and "people F1" in printed
    figures = json.loads(out_json.read_text())
    assert figures["seeds"] == [int(s) for s in seeds.split(",")]
    assert all(f["meetings"][2] == 0.5 for f in figures["perturbed"].values())
    for s in seeds.split(","):
        assert (tmp_path / "perturbed" / f"seed-{s}" / "gold" / "k1.json").exists()


def test_name_independence_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles, gold = _write_corpus(tmp_path / "in")
    rc = name_independence.main(["--articles", str(articles), "--gold", str(gold), "--scorer", str(tmp_path / "x.py")])
    assert rc == 2 and "x.py" in capsys.readouterr().err
    (tmp_path / "x.py").write_text("", encoding="utf-8")
    rc = name_independence.main(["--articles", str(articles), "--gold", str(gold), "--scorer", str(tmp_path / "x.py"),
                                 "--seed", "one"])
    assert rc == 2 and "--seed" in capsys.readouterr().err


# --- the shared corpora -----------------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize(("articles", "gold"), [("dev/articles", "dev/gold"), ("seeds", "gold"),
                                                 ("dev-en/articles", "dev-en/gold")])
def test_shared_corpus_every_name_replaced_or_reported(articles: str, gold: str) -> None:
    assert SHARED is not None
    corpus = read_articles(SHARED / "corpus" / articles, SHARED / "corpus" / gold)
    out = perturb.perturb(corpus, REFERENCE, seed=1)
    ref = load_reference(REFERENCE)
    watched = sorted({f for forms in ref.company_forms.values() for f, _ in forms if len(f) >= 3 and "(" not in f}
                     | {p["name"] for a in corpus for p in (a.gold or {}).get("people", [])})
    for article in corpus:
        new = out.articles[article.name][len(article.header):]
        reported = {x["form"] for x in out.report["articles"][article.name]["not_replaced"] if x["where"] == "text"}
        for form in watched:
            edge = "" if has_hangul(form[0]) else r"(?<![A-Za-z0-9])"
            tail = "" if has_hangul(form[-1]) else r"(?![A-Za-z0-9])"
            hits = [m for m in re.finditer(edge + re.escape(form) + tail, new)
                    if not (has_hangul(form[0]) and m.start() and "가" <= new[m.start() - 1] <= "힣")]
            # what is left must be in the report, or be part of an invented name (세진하이닉스 holds 하이닉스)
            assert not hits or form in reported or all(_inside_new_name(new, m, out) for m in hits), \
                (article.name, form, new[hits[0].start() - 20:hits[0].end() + 20])
        if article.gold:
            for p in article.gold["people"]:
                assert p["name"] not in {q["name"] for q in json.loads(out.gold[Path(article.name).stem + ".json"])
                                         ["people"]}


def _inside_new_name(text: str, m: re.Match[str], out: perturb.Output) -> bool:
    names = {n.casefold() for c in out.report["companies"].values() for n in c["to"]}
    around = text.casefold()
    word = m.group().casefold()
    return any(around.find(n, max(0, m.start() - len(n)), m.end() + len(n)) >= 0 for n in names
               if len(n) > len(word) and word in n)
