"""Event rules (kg.extract.events) on Korean text, one table per rule: the sentences (one per line), the rule that
handles each, and the meetings that result (attendees by name); must-not-fire rows say where a rule stays quiet.
Names and companies are invented: the rules read structure."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import Certainty, MeetingStatus
from tests.extract.common import facts, meetings, rules_fired

A = "정민준 한빛전자 회장"
B = "라파엘 몬테로 벨로시티랩스 CEO"
C = "김하늘 한빛전자 사장"
D = "혹 탄 노바컴 CEO"

Case = tuple[str, list[str | None], list[set[str]]]

TWO_SIDES_MEET: list[Case] = [
    (f"{A}이 지난 5일 {B}와 회동했다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    (f"{A}과 {B}는 지난 5일 만나 AI 협력 방안을 논의했다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    # the subject left to the discourse: "…와도 회동"
    (f"{A}이 방한했다.\n이후 {B}와도 회동했다.", [None, "two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    # companions ("A와 함께") attend
    (f"{A}은 {C}과 함께 {B}를 만났다.", ["two_sides_meet"], [{"정민준", "김하늘", "라파엘 몬테로"}]),
    # counterparts met one after another are separate meetings
    (f"{A}은 지난달 {B}, {D} 등과 잇따라 만났다.", ["two_sides_meet"],
     [{"정민준", "라파엘 몬테로"}, {"정민준", "혹 탄"}]),
    # a courtesy call (예방), a signing in person, a meeting with someone named as COMPANY TITLE NAME
    (f"{A}은 16일 뉴욕에서 {B}를 예방했다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    (f"{A}은 지난 5일 {B}와 계약서에 서명했다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    (f"{A}은 15일 퀀트로직 창업자 사라 코널리와 회의를 가졌다.", ["two_sides_meet"], [{"정민준", "사라 코널리"}]),
    # a schedule's heading glued by "=" to its sentence; someone of another group "with" the subject (함께)
    (f"합작법인 출범={A}은 23일 {B}와 함께 출범식을 연다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    # receiving a visitor (맞아); signing an agreement together; a Vietnamese name of four words; a mayor
    (f"{A}은 다음 달 방한하는 {B}를 울산 조선소에서 맞아 현장을 안내할 예정이다.", ["two_sides_meet"],
     [{"정민준", "라파엘 몬테로"}]),
    (f"{A}은 27일 {B}와 합작법인 설립 계약에 서명했다.", ["two_sides_meet"], [{"정민준", "라파엘 몬테로"}]),
    (f"{A}은 19일 하노이에서 부 티 응옥 란 건설부 장관을 면담했다.", ["two_sides_meet"], [{"정민준", "부 티 응옥 란"}]),
    (f"{A}은 이날 오후 하정민 부산시장을 예방했다.", ["two_sides_meet"], [{"정민준", "하정민"}]),
    # a Japanese name, family name first, and that family name alone later
    ("송하진 한빛디스플레이 대표(왼쪽)와 아라카와 겐지 미즈하라정공 사장이 악수하고 있다.\n"
     "송 대표는 11일 도쿄에서 아라카와 사장을 만났다.", ["two_sides_meet", "two_sides_meet"],
     [{"송하진", "아라카와 겐지"}]),
    # must not fire: a meeting that was planned and did not happen
    (f"{A}은 6일 {B}와 만날 예정이었으나 일정이 연기됐다.", ["negated_reports_nothing"], []),
    # must not fire: one group only, or a genitive ("A의 연설")
    (f"{A}이 {C}과 만났다.", [None], []),
    (f"{A}은 {B}의 연설을 들었다.", [None], []),
]


@pytest.mark.parametrize(("text", "fired", "expected"), TWO_SIDES_MEET)
def test_two_sides_meet(text: str, fired: list[str | None], expected: list[set[str]]) -> None:
    assert rules_fired(text) == fired
    assert meetings(facts(text)) == expected


COMPANIONS: list[Case] = [
    (f"{A}이 지난 5일 {B}와 회동했다.\n이 자리에는 {C}이 배석했다.", ["two_sides_meet", "companions_join_meeting"],
     [{"정민준", "라파엘 몬테로", "김하늘"}]),
    (f"{A}이 지난 5일 {B}와 회동했다.\n당시엔 {C} 등도 동석했다.", ["two_sides_meet", "companions_join_meeting"],
     [{"정민준", "라파엘 몬테로", "김하늘"}]),
    # a meeting noun opening the sentence is the meeting just told
    (f"{A}은 26일 부산에서 조선업계 최고경영자들과 간담회를 연다.\n간담회에는 {B} 등이 참석한다.",
     ["one_side_waits", "companions_join_meeting"], [{"정민준", "라파엘 몬테로"}]),
    # must not fire: a trip's company with no meeting referred to
    (f"{A}이 미국을 찾았다.\n{C} 등이 동행했다.", [None, None], []),
]


@pytest.mark.parametrize(("text", "fired", "expected"), COMPANIONS)
def test_companions_join_meeting(text: str, fired: list[str | None], expected: list[set[str]]) -> None:
    assert rules_fired(text) == fired
    assert meetings(facts(text)) == expected


def test_one_side_waits_for_the_people_named_next() -> None:
    text = "서도윤 대통령은 20일 울산에서 기업인들을 만나 간담회를 가졌다.\n이 자리엔 " + A + ", " + B + " 등이 참석했다."
    assert rules_fired(text) == ["one_side_waits", "companions_join_meeting"]
    (m,) = facts(text).meetings
    assert m.date is not None and m.date.value == "2025-07-20"
    assert meetings(facts(text)) == [{"서도윤", "정민준", "라파엘 몬테로"}]


def test_one_side_waits_does_not_fire_without_a_meeting_word() -> None:
    assert rules_fired(f"{A}은 기업인들과 함께 울산을 찾았다.") == [None]


def test_meeting_word_continues_focus_with_a_date_of_its_own() -> None:
    text = f"{A}이 지난주 {B}와 회동했다.\n지난 2월 서울에서 회동한 지 5달 만이다."
    assert rules_fired(text) == ["two_sides_meet", "meeting_word_continues_focus"]
    f = facts(text)
    assert sorted(m.date.value for m in f.meetings if m.date and m.date.value) == ["2025-02", "2025-07"]


def test_the_next_meeting_with_someone_unnamed_does_not_continue_focus() -> None:
    text = f"{A}이 지난 14일 {B}와 만찬을 함께 했다.\n이어 15일에는 실리콘밸리로 이동해 대면 회의를 가졌다."
    assert rules_fired(text)[1] != "meeting_word_continues_focus"
    assert len(facts(text).meetings) == 1


def test_meeting_word_without_a_date_does_not_continue_focus() -> None:
    text = f"{A}이 지난주 {B}와 회동했다.\n미팅 내용은 공개되지 않았다."
    assert rules_fired(text)[1] != "meeting_word_continues_focus"
    assert len(facts(text).meetings) == 1


def test_focus_gets_topics_from_a_clause_naming_no_one() -> None:
    text = f"{A}이 지난주 {B}와 회동했다.\n두 사람은 고대역폭 메모리(HBM) 공급 방안을 논의했다."
    assert rules_fired(text) == ["two_sides_meet", "focus_gets_topics"]
    (m,) = facts(text).meetings
    assert any(t.concept == "hbm" for t in m.topics)


def test_focus_gets_no_topics_from_a_clause_about_others() -> None:
    text = f"{A}이 지난주 {B}와 회동했다.\n{C}은 {D}와 데이터센터를 논의했다."
    fired = rules_fired(text)
    assert fired[1] != "focus_gets_topics"


def test_negated_reports_nothing() -> None:
    assert rules_fired(f"{A}은 {B}와 만나지 않았다.") == ["negated_reports_nothing"]
    assert facts(f"{A}은 {B}와 만나지 않았다.").meetings == ()


def test_negation_elsewhere_does_not_silence_a_meeting() -> None:
    assert rules_fired(f"{A}은 {B}와 만났다.") == ["two_sides_meet"]


def test_lead_keeps_topics_for_its_companies() -> None:
    text = ("한빛전자가 벨로시티랩스(VLS)와 인공지능(AI) 협력 방안을 논의할 전망이다.\n"
            f"{A}은 내달 14일 {B}를 만날 예정이다.")
    assert rules_fired(text) == ["lead_keeps_topics_for_companies", "two_sides_meet"]
    (m,) = facts(text).meetings
    assert any(t.concept == "ai-cooperation" and t.certainty is Certainty.SPECULATED for t in m.topics)


def test_a_lead_about_one_company_keeps_nothing() -> None:
    assert rules_fired("한빛전자가 인공지능(AI) 협력 방안을 논의할 전망이다.") == [None]


def test_planned_and_dated_ahead() -> None:
    (m,) = facts(f"{A}은 내달 14일 미국에서 {B}를 만날 예정이다.").meetings
    assert m.status is MeetingStatus.PLANNED and m.date is not None and m.date.value == "2025-08-14"


def test_date_of_the_meeting_not_of_a_clause_before_it() -> None:
    text = f"지난달 30일 판결을 받은 {A}이 6일 대만에서 {B}와 만났다."
    (m,) = facts(text, published=date(2024, 6, 7)).meetings
    assert m.date is not None and m.date.value == "2024-06-06"


NOT_MEETINGS = [
    f"{A}은 {B}를 오는 행사에 초청했다.",  # an invitation
    f"{A}과 {B}는 이날 포럼에서 나란히 기조연설을 했다.",  # two speakers at one conference
    f"한빛전자 관계자는 {B}와 만났다고 말했다.",  # 관계자 is nobody named
    f"{A}은 {B}의 연설을 직접 챙길 계획이다.",  # a genitive: someone's speech
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_what_is_no_meeting(text: str) -> None:
    assert facts(text).meetings == ()


def test_an_official_meets_executives_as_one_meeting() -> None:
    text = f"서도윤 대통령은 20일 {A}, {B} 등 기업인들과 만나 간담회를 가졌다."
    f = facts(text)
    assert meetings(f) == [{"서도윤", "정민준", "라파엘 몬테로"}]
    official = next(p for p in f.people if p.name == "서도윤")
    assert official.official and official.company is None


def test_a_companion_does_not_host_the_next_meeting_of_the_trip() -> None:
    text = (f"{A}은 9일 {B}와 만났다.\n이 자리에는 {C}이 배석했다.\n김 사장은 합작법인 의장을 맡는다.\n"
            f"11일에는 {D}와 만찬을 함께했다.")
    assert meetings(facts(text)) == [{"정민준", "라파엘 몬테로", "김하늘"}, {"정민준", "혹 탄"}]


def test_an_undated_report_of_people_who_were_there_is_that_meeting_again() -> None:
    text = f"{A}은 9일 {B}와 만났다.\n이 자리에는 {C}이 배석했다.\n김 사장은 몬테로 CEO와의 회동 이후 먼저 귀국했다."
    assert meetings(facts(text)) == [{"정민준", "라파엘 몬테로", "김하늘"}]
