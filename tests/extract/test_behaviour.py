"""Extraction rules, one Korean sentence (or short article) each, including where a rule must not fire."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.lang.ko.analysis import sentences
from kg.lexicon import _alternation
from kg.model import ArticleFacts, Certainty, MeetingStatus
from kg.read import read_file, read_text

ROOT = Path(__file__).resolve().parents[2]


def facts_of(text: str, published: date | None = date(2025, 7, 21)) -> ArticleFacts:
    return extract(read_text(text, source="test.txt", published=published))


def people(facts: ArticleFacts) -> dict[str, tuple[str, str | None]]:
    companies = {c.key: c.name for c in facts.companies}
    return {p.name: (companies[p.company] if p.company else None, p.title) for p in facts.people}


def meetings(facts: ArticleFacts) -> list[tuple[set[str], set[str]]]:
    names = {p.key: p.name for p in facts.people}
    return [({names[k] for k in m.principals}, {names[k] for k in m.attendees}) for m in facts.meetings]


# ---------------------------------------------------------------------------------------------- people


def test_name_company_title_with_a_company_outside_the_reference_data() -> None:
    f = facts_of("박서연 한빛바이오로직스 전략본부장이 기자간담회에서 신약 계획을 밝혔다.")
    assert people(f) == {"박서연": ("한빛바이오로직스", "전략본부장")}


def test_compound_titles_keep_their_words_and_abbreviations() -> None:
    f = facts_of(
        "이날 행사에는 강민호 LG전자 최고운영책임자(COO) 부사장과 윤하늘 SK하이닉스 대표이사 사장, "
        "오세진 KT AI사업 본부장 등이 참석했다."
    )
    assert people(f) == {
        "강민호": ("LG전자", "최고운영책임자(COO) 부사장"),
        "윤하늘": ("SK하이닉스", "대표이사 사장"),
        "오세진": ("KT", "AI사업 본부장"),
    }


def test_foreign_name_in_hangul_before_a_known_company() -> None:
    f = facts_of("케이트 브라운 구글 부사장이 서울을 찾았다.")
    assert people(f) == {"케이트 브라운": ("구글", "부사장")}


def test_foreign_family_name_that_looks_korean_keeps_its_given_name() -> None:
    f = facts_of("에밀리 나하라 구글 부사장이 지난 10일 구광모 LG그룹 회장과 만나 AI 협력 방안을 논의했다.")
    assert set(people(f)) == {"에밀리 나하라", "구광모"}
    assert len(f.meetings) == 1


def test_known_spelling_from_the_reference_data_even_when_it_ends_like_a_particle() -> None:
    f = facts_of("구광모 LG그룹 회장은 미국 마운틴뷰 구글 본사에서 순다르 피차이 구글 CEO를 만났다.")
    assert set(people(f)) == {"구광모", "순다르 피차이"}
    (m,) = f.meetings
    assert m.place is not None and m.place.city == "mountain-view" and m.place.venue == "구글 본사"


def test_company_before_the_name_without_a_particle() -> None:
    f = facts_of("한빛전자 김민재 사장은 이날 서울에서 누리텔레콤 박서연 대표를 만나 AI 협력을 논의했다.")
    assert people(f) == {"김민재": ("한빛전자", "사장"), "박서연": ("누리텔레콤", "대표")}
    assert len(f.meetings) == 1


def test_a_joint_press_conference_is_a_meeting() -> None:
    f = facts_of("카카오 정신아 대표는 4일 오픈AI 샘 올트먼 CEO와 공동 기자간담회를 열었다.", published=date(2025, 2, 4))
    (m,) = f.meetings
    assert m.date is not None and m.date.value == "2025-02-04"


def test_company_genitive_before_the_name() -> None:
    f = facts_of("미국 반도체 기업 엔비디아의 젠슨 황 최고경영자(CEO)가 방한했다.")
    assert people(f) == {"젠슨 황": ("엔비디아", "최고경영자(CEO)")}


def test_a_company_named_only_as_a_customer_gives_no_person_and_no_meeting() -> None:
    f = facts_of("삼성전자는 엔비디아에 HBM을 공급하고 있으며 SK하이닉스도 물량을 늘리고 있다.")
    assert f.people == () and f.meetings == ()


def test_reporter_and_latest_news_lines_give_no_person() -> None:
    text = (
        "제목 줄\n2025-07-21 10:00:00\n"
        "김하준 카카오 대표가 15일 판교에서 마크 저커버그 메타 CEO와 만났다.\n"
        "홍길동 기자 hong@example.co.kr\n"
        "최신기사\n"
        "국회의장 우원식 싱가포르 순방, 방산 분야 협력 논의\n"
        "민주당 원내대표 홍익표 정무수석 인선\n"
    )
    f = facts_of(text)
    assert set(people(f)) == {"김하준", "마크 저커버그"}


def test_misspelled_name_in_a_caption_is_the_same_person() -> None:
    f = facts_of(
        "시티아 나델라 마이크로소프트(MS) 최고경영자(CEO)와 조민준 LG전자 CEO가 악수하고 있다.\n"
        "조민준 LG전자 최고경영자(CEO)가 26일 사티아 나델라 마이크로소프트(MS) CEO와 만나 전략적 파트너십에 대해 논의했다.",
        published=date(2025, 3, 26),
    )
    assert set(people(f)) == {"조민준", "사티아 나델라"}
    assert len(f.meetings) == 1


# ---------------------------------------------------------------------------------------------- meetings


def test_meeting_with_references_resolved_to_the_full_names() -> None:
    f = facts_of(
        "정태민 한빛그룹 회장이 지난 5일(현지시간) 미국 새너제이에서 젠슨 황 엔비디아 CEO와 회동했다.\n"
        "정 회장과 황 CEO는 AI 반도체 공급 방안을 논의했다.",
        published=date(2025, 7, 8),
    )
    assert meetings(f) == [({"정태민", "젠슨 황"}, {"정태민", "젠슨 황"})]
    m = f.meetings[0]
    assert m.date is not None and m.date.value == "2025-07-05"
    assert m.place is not None and m.place.city == "san-jose"
    assert any(t.concept == "ai-chips" for t in m.topics)


def test_companions_join_the_meeting_they_refer_to() -> None:
    f = facts_of(
        "최도윤 한빛그룹 회장이 지난주 샘 올트먼 오픈AI CEO와 서울에서 만났다.\n"
        "이번 회동에는 김서준 한빛전자 사장과 이하은 한빛텔레콤 부사장이 배석했다."
    )
    (principals, attendees), = meetings(f)
    assert principals == {"최도윤", "샘 올트먼"}
    assert attendees == {"최도윤", "샘 올트먼", "김서준", "이하은"}


def test_two_people_of_one_group_are_not_a_partnership_meeting() -> None:
    f = facts_of("이정훈 삼성전자 회장과 박지성 삼성SDS 사장이 만나 그룹 전략을 논의했다.")
    assert f.meetings == ()


def test_a_denied_meeting_is_not_a_meeting() -> None:
    f = facts_of("한빛그룹은 오세훈 한빛그룹 회장이 팀 쿡 애플 CEO를 만났다는 보도에 대해 만나지 않았다고 밝혔다.")
    assert f.meetings == ()


def test_planned_meeting_with_a_future_date() -> None:
    f = facts_of("조하람 LG전자 대표는 내달 14일 미국 시애틀에서 사티아 나델라 마이크로소프트 CEO를 만날 예정이다.", published=date(2024, 4, 18))
    (m,) = f.meetings
    assert m.status is MeetingStatus.PLANNED
    assert m.date is not None and m.date.value == "2024-05-14"


def test_past_meetings_mentioned_in_passing_get_their_own_dates() -> None:
    f = facts_of(
        "최도윤 한빛그룹 회장이 지난주 샘 올트먼 오픈AI CEO와 회동했다.\n"
        "최 회장과 올트먼 CEO는 지난해 1월과 6월에도 잇달아 만났다."
    )
    dates = sorted(m.date.value for m in f.meetings if m.date and m.date.value)
    assert dates == ["2024-01", "2024-06", "2025-07"]


def test_meeting_word_without_people_continues_the_meeting_in_focus_with_its_date() -> None:
    f = facts_of(
        "최도윤 한빛그룹 회장이 지난주 샘 올트먼 오픈AI CEO와 회동했다.\n"
        "지난 2월 서울에서 회동한 지 5달 만이다.\n"
        "당시엔 김서준 한빛전자 사장도 동석했다."
    )
    feb = [m for m in f.meetings if m.date and m.date.value == "2025-02"]
    assert len(feb) == 1
    names = {p.key: p.name for p in f.people}
    assert {names[a] for a in feb[0].attendees} == {"최도윤", "샘 올트먼", "김서준"}
    assert feb[0].place is not None and feb[0].place.city == "seoul"


def test_hedged_sentences_are_speculation() -> None:
    f = facts_of(
        "최도윤 한빛그룹 회장이 지난주 샘 올트먼 오픈AI CEO와 만났다.\n"
        "두 사람은 AI 데이터센터 건설을 논의했을 가능성이 있다고 업계는 보고 있다."
    )
    (m,) = f.meetings
    assert m.certainty is Certainty.STATED
    dc = [t for t in m.topics if t.concept == "ai-data-centers"]
    assert dc and all(t.certainty is Certainty.SPECULATED for t in dc)


LEAD_THEN_MEETING = (
    "{lead}가 마이크로소프트(MS)와 인공지능(AI) 협력 방안을 논의할 전망이다.\n\n"
    "김하늘 LG전자 사장은 내달 14일 미국 시애틀에서 이도윤 마이크로소프트 부사장을 만날 예정이다."
)


def test_a_lead_naming_the_companies_gives_its_topics_to_their_meeting() -> None:
    f = facts_of(LEAD_THEN_MEETING.format(lead="LG전자"))
    (m,) = f.meetings
    lead = [t for t in m.topics if t.span.paragraph == 1]
    # the scheme's topic and the phrase as written, from the lead's paragraph, hedged as the lead is ("전망이다")
    assert {(t.concept, t.text) for t in lead} == {("ai-cooperation", "AI 협력"),
                                                   (None, "인공지능(AI) 협력 방안")}
    assert all(t.certainty is Certainty.SPECULATED for t in lead)


def test_a_lead_about_other_companies_gives_no_topic_to_the_meeting() -> None:
    (m,) = facts_of(LEAD_THEN_MEETING.format(lead="삼성전자")).meetings
    assert m.topics == ()


def test_a_generic_noun_left_of_a_cut_clause_is_no_topic() -> None:
    (m,) = facts_of(
        "김하늘 LG전자 사장은 20일 서울에서 이도윤 마이크로소프트 부사장을 만나 가전제품에 생성형 AI를 탑재하는 방안을 논의했다."
    ).meetings
    texts = [t.text for t in m.topics]
    assert "방안" not in texts  # a generic noun alone says nothing
    assert texts == ["생성형 AI", "가전제품에 생성형 AI를 탑재하는 방안"]  # the scheme's, and the object as written


def test_meeting_words_in_quoted_speech_do_not_report_a_meeting() -> None:
    f = facts_of('최도윤 한빛그룹 회장은 "샘 올트먼 오픈AI CEO와 매일 미팅하고 있다"고 말했다.')
    assert f.meetings == ()


def test_trip_bounds_an_undated_meeting() -> None:
    f = facts_of(
        "최도윤 한빛그룹 회장은 미국 샌프란시스코 오픈AI 본사에서 샘 올트먼 CEO를 만났다.\n"
        "최 회장은 지난 22일 계열사 임원들과 함께 미국으로 출국해 현지 일정을 소화하고 있다.",
        published=date(2024, 6, 27),
    )
    (m,) = f.meetings
    assert m.date is not None and (str(m.date.earliest), str(m.date.latest)) == ("2024-06-22", "2024-06-27")


def test_relative_dates_stay_unresolved_without_a_publication_date() -> None:
    f = facts_of("최도윤 한빛그룹 회장이 지난주 샘 올트먼 오픈AI CEO와 만났다.", published=None)
    (m,) = f.meetings
    assert m.date is None or not m.date.resolved
    assert any("no date" in n for n in f.notes)


def test_every_meeting_traces_to_paragraph_spans_inside_the_article() -> None:
    art = read_file(ROOT / "examples/articles/002_70b3b5a192c8fc87.txt")[0]
    f = extract(art)  # type: ignore[arg-type]
    paragraphs = {p.index: p for p in art.paragraphs}  # type: ignore[union-attr]
    for m in f.meetings:
        assert m.evidence
        for a in m.attendances:
            p = paragraphs[a.span.paragraph]
            assert p.start <= a.span.start < a.span.end <= p.end


def test_sentence_split_keeps_offsets() -> None:
    text = "첫 문장이다. 두 번째 문장입니다! 2024.6.27 기준 세 번째"
    parts = [text[s:e] for s, e, _ in sentences(text, 0)]
    assert parts == ["첫 문장이다.", "두 번째 문장입니다!", "2024.6.27 기준 세 번째"]


# ---------------------------------------------------------------------------------------------- gold


def _gold_cases() -> list[Path]:
    return sorted((ROOT / "tests/data/gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", _gold_cases(), ids=lambda p: p.stem)
def test_seed_articles_match_their_gold_annotations(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    art = read_file(ROOT / "examples/articles" / gold["article"])[0]
    f = extract(art)  # type: ignore[arg-type]
    got_people = people(f)
    assert set(got_people) == {p["name"] for p in gold["people"] if p["org"]}
    for p in gold["people"]:
        assert got_people[p["name"]][0] == p["org"]
    names = {p.key: p.name for p in f.people}
    remaining = list(f.meetings)
    for g in gold["meetings"]:
        def same(m, g=g) -> bool:  # type: ignore[no-untyped-def]
            if sorted(names[a] for a in m.attendees) != sorted(g["participants"]) or m.date is None:
                return False
            return f"{m.date.earliest}/{m.date.latest}" == g["date"] if "/" in g["date"] else m.date.value == g["date"]

        match = next((m for m in remaining if same(m)), None)
        assert match is not None, f"gold meeting {g['id']} not extracted"
        remaining.remove(match)
        if g.get("city"):
            assert match.place is not None and match.place.city is not None
        assert match.status is (MeetingStatus.PLANNED if g["status"] == "planned" else MeetingStatus.OCCURRED)
    assert remaining == [], "meetings the gold file does not have"


# --- the lexicon's form patterns ------------------------------------------------------------------

_FORM_CHARS = "abAB 가나"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(_FORM_CHARS, min_size=1, max_size=4).map(str.strip).filter(bool), min_size=1, max_size=6),
    st.text(_FORM_CHARS + "c.", max_size=14),
)
def test_form_trie_matches_what_a_longest_first_alternation_matches(forms: list[str], text: str) -> None:
    """Places and topics are found with their forms nested as a trie (4x faster): the same matches, at the same
    places and of the same length, as one alternation of every form, longest first."""
    flat = re.compile(
        "(?:" + "|".join(r"\s?".join(map(re.escape, f)) for f in sorted(forms, key=len, reverse=True)) + ")",
        re.IGNORECASE,
    )
    trie = _alternation(dict.fromkeys(forms, "x"))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_a_meeting_only_the_headline_tells_is_read() -> None:
    from kg.read import read_text

    art = read_text("정민준 한빛전자 회장, 라파엘 몬테로 벨로시티랩스 CEO와 회동\n2025.07.21\n\n"
                    "한빛전자는 21일 실적을 발표했다.\n", source="x.txt")
    f = extract(art)
    assert [attendees for attendees, _ in meetings(f)] == [{"정민준", "라파엘 몬테로"}]
    assert f.meetings[0].evidence[0].paragraph == 0  # cited from the headline


def test_the_headline_adds_nothing_to_what_the_body_tells() -> None:
    """A telegraphic headline ("최태원 오픈AI MS 포함 … CEO와 만나") is not read when the body reports the meeting."""
    from kg.read import read_text

    art = read_text("정민준 오픈AI MS 포함 미국 빅테크 CEO와 만나\n2025.07.21\n\n"
                    "정민준 한빛전자 회장이 21일 라파엘 몬테로 벨로시티랩스 CEO와 만났다.\n", source="x.txt")
    f = extract(art)
    assert [attendees for attendees, _ in meetings(f)] == [{"정민준", "라파엘 몬테로"}]
    assert [p.name for p in f.people] == ["정민준", "라파엘 몬테로"]


def test_a_date_marked_until_dates_no_meeting() -> None:
    """"2027년까지 공급하는 계약" is a deadline and "15일까지 머물며" a stay's end: neither is a meeting's day, and
    neither makes a second meeting. The day of the meeting itself still dates it."""
    f = facts_of("문태준 가온전자 대표가 12일 데이비드 콜린스 젠타라 최고경영자(CEO)를 만났다. "
                 "가온전자는 회동 직후 젠타라와 2027년까지 HBM4를 공급하는 장기 계약을 맺었다. "
                 "콜린스 CEO는 15일까지 한국에 머물 예정이다.")
    assert len(f.meetings) == 1
    m = f.meetings[0]
    assert m.date is not None and m.date.value == "2025-07-12"


def test_the_same_day_is_the_day_the_text_last_gave() -> None:
    """"같은 날" counts from the last event day ("9일"), not from the day of the news ("10일 업계에 따르면"); "이날"
    stays the news day."""
    f = facts_of("10일 업계에 따르면 권혁민 솔라젠에너지 회장은 9일 마드리드에서 하비에르 몰리나 이베르그리드 CEO와 "
                 "만날 예정이었으나 만남이 성사되지 않았다. 대신 루시아 페레스 이베르그리드 최고재무책임자(CFO)가 같은 날 "
                 "본사에서 권 회장을 만났다.", published=date(2026, 2, 10))
    assert [m.date.value for m in f.meetings if m.date] == ["2026-02-09"]
