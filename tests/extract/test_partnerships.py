"""Partnership rules (kg.extract.partnerships and the finishing step that names a group's company), one table per
behaviour, Korean and English, with rows where no partnership must be read. Companies and people are invented."""

from __future__ import annotations

import pytest

from kg.model import ArticleFacts, PartnershipStatus
from tests.extract.common import facts


def deals(f: ArticleFacts) -> list[tuple[set[str], set[str]]]:
    """Each partnership's partners (by name) and kinds."""
    names = {c.key: c.name for c in f.companies}
    return [({names[c] for c in p.partners}, set(p.kinds)) for p in f.partnerships]


def partners(f: ArticleFacts) -> list[set[str]]:
    return [names for names, _ in deals(f)]


BETWEEN_COMPANIES: list[tuple[str, str, list[set[str]]]] = [
    ("ko", "한빛전자는 지난 4월 벨로시티랩스와 차세대 메모리 공급 계약을 체결했다.", [{"한빛전자", "벨로시티랩스"}]),
    ("en", "Daon Semiconductor signed a memorandum of understanding with Lumora Technologies on Monday.",
     [{"Daon Semiconductor", "Lumora Technologies"}]),
    # one company named: the other is the company the text is about
    ("ko", "한빛전자가 올해 실적 개선을 자신했다.\n한빛전자는 지난해 9월에는 벨로시티랩스와 공동 개발 협약을 맺었다.",
     [{"한빛전자", "벨로시티랩스"}]),
    # a company described as one ("Saudi conglomerate", "South Korea's") has no suffix to show it
    ("en", "South Korea's Seoyon Hydrogen and Saudi conglomerate Qamar Holdings agreed to set up a joint venture.",
     [{"Seoyon Hydrogen", "Qamar Holdings"}]),
    # must not fire: a city's district is no company ("Tokyo's Minato ward")
    ("en", "Mir Display signed a supply contract with Mizuhara Electronics in Tokyo's Minato ward.",
     [{"Mir Display", "Mizuhara Electronics"}]),
    # must not fire: one company and no agreement word; a denial
    ("ko", "한빛전자가 HBM4 출하를 먼저 시작했다.", []),
    ("en", "Daon Semiconductor denied it had signed a supply deal with Lumora Technologies.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), BETWEEN_COMPANIES)
def test_deal_between_companies(language: str, text: str, expected: list[set[str]]) -> None:
    assert partners(facts(text, language=language)) == expected


NAMED_AGAIN: list[tuple[str, str, list[set[str]]]] = [
    ("ko", "딥웨이브랩스가 300억원 규모의 시리즈B 투자를 유치했다.\n이번 투자는 블루포레스트파트너스가 주도했으며 "
           "한결자동차가 전략적 투자자로 참여했다.",
     [{"딥웨이브랩스", "블루포레스트파트너스"}, {"딥웨이브랩스", "한결자동차"}]),
    ("en", "Lumora Technologies raised $40 million in a Series B round.\nThe round was led by Aldenport Capital, with "
           "Hanbit Motors joining as a strategic investor.",
     [{"Lumora Technologies", "Aldenport Capital"}, {"Lumora Technologies", "Hanbit Motors"}]),
    # must not fire: no deal of one party told before, so the co-investors of "이번 투자" are read as they stand
    ("ko", "이번 투자는 블루포레스트파트너스가 주도했으며 한결자동차가 참여했다.",
     [{"블루포레스트파트너스", "한결자동차"}]),
]


@pytest.mark.parametrize(("language", "text", "expected"), NAMED_AGAIN)
def test_deal_named_again(language: str, text: str, expected: list[set[str]]) -> None:
    assert partners(facts(text, language=language)) == expected


def test_the_people_who_meet_give_their_companies_to_their_partnership() -> None:
    text = ("On Tuesday, Zentrix CEO Rafael Montero and Velora Group Chairman Park Joon-hyung met to discuss "
            "progress in their partnership.")
    assert partners(facts(text, language="en")) == [{"Zentrix", "Velora Group"}]


NOT_PARTNERS: list[tuple[str, str, list[set[str]]]] = [
    # three names or more in a list are examples, not parties to one another
    ("en", "Montero met business leaders from the likes of Daon Semiconductor, Lumora Technologies, Hanbit Motors "
           "Inc. and Zentara Labs to expand partnerships.", []),
    # a competitor is no partner
    ("en", "Daon Semiconductor became the leading supplier of memory to Lumora Technologies, pushing aside longtime "
           "rival Hanbit Electronics.", [{"Daon Semiconductor", "Lumora Technologies"}]),
    ("ko", "한빛전자는 경쟁사인 가온반도체를 제치고 벨로시티랩스에 메모리를 공급하기로 했다.", [{"한빛전자", "벨로시티랩스"}]),
]


@pytest.mark.parametrize(("language", "text", "expected"), NOT_PARTNERS)
def test_lists_and_rivals_are_not_partners(language: str, text: str, expected: list[set[str]]) -> None:
    assert partners(facts(text, language=language)) == expected


def test_a_group_named_as_partner_is_its_one_company_in_the_article() -> None:
    text = ("Hanbit Electronics CEO Kim Min-ho met Zentrix CEO Rafael Montero. The project will integrate Zentrix's AI "
            "technologies into Hanbit's home appliances through a partnership.")
    assert partners(facts(text, language="en")) == [{"Hanbit Electronics", "Zentrix"}]


def test_a_group_with_two_companies_named_stays_the_group() -> None:
    text = ("Hanbit Electronics CEO Kim Min-ho and Hanbit Motors President Lee Ji-ho met Zentrix CEO Rafael Montero. "
            "Zentrix signed a partnership with Hanbit Group.")
    found = partners(facts(text, language="en"))
    assert {"Zentrix", "Hanbit Group"} in found


def test_signed_and_planned_statuses() -> None:
    (signed,) = facts("한빛전자는 벨로시티랩스와 업무협약(MOU)을 체결했다.").partnerships
    assert signed.status is PartnershipStatus.SIGNED
    (planned,) = facts("Daon Semiconductor plans to invest in Lumora Technologies.", language="en").partnerships
    assert planned.status is PartnershipStatus.PLANNED
    (pursued,) = facts("한빛전자는 벨로시티랩스와 합작법인 설립을 추진하고 있다.").partnerships
    assert pursued.status is PartnershipStatus.PLANNED


def test_a_deal_signed_at_a_meeting_is_agreed_there() -> None:
    """The signing told in the meeting's clause links the partnership to that meeting (aip:agreedAt). Not: a deal
    told apart from any meeting."""
    f = facts("정민준 한빛전자 회장은 지난 5일 라파엘 몬테로 벨로시티랩스 CEO와 만나 공급 계약을 체결했다.")
    (meeting,) = f.meetings
    (deal,) = f.partnerships
    assert deal.agreed_at == meeting.key
    (alone,) = facts("한빛전자는 벨로시티랩스와 공급 계약을 체결했다.").partnerships
    assert alone.agreed_at is None


SPACED_COMPANIES: list[tuple[str, list[set[str]]]] = [
    # a foreign company's name in words of its own, its short form later the same company
    ("도담제약이 스위스 바이오기업 헬비온 테라퓨틱스에 1200억원을 투자한다.\n도담제약은 헬비온의 2대 주주가 된다.",
     [{"도담제약", "헬비온 테라퓨틱스"}]),
    # three words and an abbreviation, after a descriptor ("에너지 기업") that is no company
    ("아라온배터리가 인도네시아 에너지 기업 바유 누산타라 에너지(BNE)와 손잡고 합작법인을 세운다.\n"
     "BNE는 니켈 광산을 보유하고 있다.", [{"아라온배터리", "바유 누산타라 에너지"}]),
    # must not fire: a product and a sector's word ("스마트팩토리 솔루션")
    ("가온전자는 스마트팩토리 솔루션 공급을 늘린다.", []),
]


@pytest.mark.parametrize(("text", "expected"), SPACED_COMPANIES)
def test_companies_written_in_several_words(text: str, expected: list[set[str]]) -> None:
    assert partners(facts(text)) == expected
