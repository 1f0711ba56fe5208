"""Korean mention rules (kg.extract.lang.ko.readings), one table per rule: the sentence, who it names (name, company
as written, title) and which rule read them; must-not-fire rows say what a rule must leave alone. The names and
companies are invented unless a row says otherwise: the rules read structure, not the reference data."""

from __future__ import annotations

import pytest

from tests.extract.common import mentions

Expected = list[tuple[str, str | None, str | None]]


def people_by(rule: str, text: str) -> Expected:
    return [(r.name, r.company, r.title) for r in mentions(text) if r.rule == rule]


NAME_COMPANY_TITLE: list[tuple[str, Expected]] = [
    ("박서연 한빛바이오로직스 전략본부장이 신약 계획을 밝혔다.", [("박서연", "한빛바이오로직스", "전략본부장")]),
    ("라파엘 몬테로 벨로시티랩스 CEO는 서울을 찾았다.", [("라파엘 몬테로", "벨로시티랩스", "CEO")]),
    ("같은 날 제임스 하트웰 큐빗웨이AI CEO와 회동했다.", [("제임스 하트웰", "큐빗웨이AI", "CEO")]),
    ("김주선 세진하이닉스 AI인프라 사장이 동석했다.", [("김주선", "세진하이닉스", "AI인프라 사장")]),
    ("윤하늘 한빛전자 대표이사 사장과 만났다.", [("윤하늘", "한빛전자", "대표이사 사장")]),
    ("크리스티아노 노바 테라윈드 사장 겸 최고경영자(CEO)와 회동을 갖고", [("크리스티아노 노바", "테라윈드",
                                                                  "사장 겸 최고경영자(CEO)")]),
    # a name whose last syllable reads as a particle is the name's right before its company
    ("남궁경은 세진그룹 회장이 미국을 찾았다.", [("남궁경은", "세진그룹", "회장")]),
    # any C-level title; a division before the title is no company; an adverb before a name is no name
    ("라이언 패짓 볼테라모터스 최고구매책임자(CPO)가 만났다.", [("라이언 패짓", "볼테라모터스", "최고구매책임자(CPO)")]),
    ("마티아스 크뢰니히 벨텐스 디지털인더스트리 부문 수석부사장을 만났다.",
     [("마티아스 크뢰니히", "벨텐스", "디지털인더스트리 부문 수석부사장")]),
    ("대신 루시아 페레스 이베르그리드 최고재무책임자(CFO)가 맞았다.", [("루시아 페레스", "이베르그리드", "최고재무책임자(CFO)")]),
    # a name ending in a syllable Kiwi reads as "or" (몰리 + 나) before a company and a title
    ("권혁민 솔라젠에너지 회장과 하비에르 몰리나 이베르그리드 최고경영자(CEO)의 회동이 무산됐다.",
     [("권혁민", "솔라젠에너지", "회장"), ("하비에르 몰리나", "이베르그리드", "최고경영자(CEO)")]),
    # must not fire: "따르면" is no name, "지난주" no name, a common noun and a Korean name no foreign name
    ("업계에 따르면 한상우 관계자가 말했다.", []),
    ("방한 기간 최수진 가온전자 대표와 면담할 예정이다.", [("최수진", "가온전자", "대표")]),
    # a list written alike reads alike: a Korean name, a company, a title
    ("남궁민수 세진머티리얼즈 대표, 한보라 큐엠텍 사장이 참석했다.", [("남궁민수", "세진머티리얼즈", "대표"), ("한보라", "큐엠텍", "사장")]),
    ("남궁민수 세진머티리얼즈 대표, 제임스 하트웰 사장이 참석했다.", [("남궁민수", "세진머티리얼즈", "대표")]),
    ("한보라 큐엠텍 사장, 제임스 하트웰 사장이 참석했다.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_COMPANY_TITLE)
def test_name_company_title(text: str, expected: Expected) -> None:
    assert people_by("name_company_title", text) == expected


COMPANY_NAME_TITLE: list[tuple[str, Expected]] = [
    ("TSMC 웨이저자 회장과 만났다.", [("웨이저자", "TSMC", "회장")]),
    ("벨로시티랩스의 라파엘 몬테로 최고경영자(CEO)가 방한했다.", [("라파엘 몬테로", "벨로시티랩스", "최고경영자(CEO)")]),
    ("노바웍스(NVW) 프라사드 칼야나라만 인프라 총괄 대표가 참석했다.", [("프라사드 칼야나라만", "노바웍스",
                                                            "인프라 총괄 대표")]),
    # must not fire: a date before a name is no company
    ("지난주 샘 올트먼 오픈AI 최고경영자(CEO)와 회동해", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPANY_NAME_TITLE)
def test_company_name_title(text: str, expected: Expected) -> None:
    assert people_by("company_name_title", text) == expected


NAME_FUSED_TITLE: list[tuple[str, Expected]] = [
    ("최태원 SK회장이 미국을 찾았다.", [("최태원", "SK", "회장")]),
    ("백준호 퓨리오사AI대표와 조준희 한국AI·SW협회장이 참석했다.", [("백준호", "퓨리오사AI", "대표"),
                                                       ("조준희", "한국AI·SW협회", "회장")]),
    # must not fire: a plain title is no company
    ("최태원 부회장이 미국을 찾았다.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_FUSED_TITLE)
def test_name_fused_title(text: str, expected: Expected) -> None:
    assert people_by("name_fused_title", text) == expected


NAME_TITLE: list[tuple[str, Expected]] = [
    ("이 자리에는 김병훈 최고기술책임자(CTO), 이삼수 최고전략책임자(CSO) 등이 배석했다.",
     [("김병훈", None, "최고기술책임자(CTO)"), ("이삼수", None, "최고전략책임자(CSO)")]),
    ("이도현 이사회 의장이 대만을 찾았다.", [("이도현", None, "이사회 의장")]),
    # must not fire: a surname alone is a reference, not a name; nobody is guessed
    ("최 회장은 말했다.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_TITLE)
def test_name_title(text: str, expected: Expected) -> None:
    assert people_by("name_title", text) == expected


REFERENCE_TITLE: list[tuple[str, Expected]] = [
    ("정민준 한빛전자 회장이 방한했다. 정 회장은 말했다.", [("정민준", "한빛전자", "회장")]),
    ("라파엘 몬테로 벨로시티랩스 CEO가 방한했다. 몬테로 CEO는 말했다.", [("라파엘 몬테로", "벨로시티랩스", "CEO")]),
    ("혹 탄 노바컴 CEO가 방한했다. 탄 노바컴 CEO와는 전략을 공유했다.", [("혹 탄", "노바컴", "CEO")]),
    # must not fire: a surname nobody of the article has
    ("정민준 한빛전자 회장이 방한했다. 박 회장은 말했다.", []),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCE_TITLE)
def test_reference_title(text: str, expected: Expected) -> None:
    assert people_by("reference_title", text) == expected


COMPANY_TITLE_NAME: list[tuple[str, Expected]] = [
    ("가온소프트 창업자인 이도현 이사회 의장이 대만을 찾았다.", [("이도현", "가온소프트", "창업자")]),
    # an apposition with no copula: the title bare before a clear name
    ("그는 퀀트로직 창업자 사라 코널리와 회의를 가졌다.", [("사라 코널리", "퀀트로직", "창업자")]),
    ("그는 퀀트로직 CEO 사라 킴(Sarah Kim)과 만났다.", [("사라 킴", "퀀트로직", "CEO")]),
    # must not fire: no name follows the title; an event named after a title ("CEO 서밋"); a title whose name
    # has a title of its own (SK's 회장 is 최태원's); a kind of company, not a company ("투자사 대표")
    ("가온소프트 창업자인 그는 말했다.", []),
    ("그는 APEC CEO 서밋 참석을 위해 방한했다.", []),
    ("조 대표는 마이크로소프트 CEO 서밋 뿐만 아니라 콘퍼런스에도 나선다.", []),
    ("최태원 SK 회장 샘 올트먼 CEO와 만났다.", []),
    ("그는 투자사 대표 로버트 정과 만났다.", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPANY_TITLE_NAME)
def test_company_title_name(text: str, expected: Expected) -> None:
    assert people_by("company_title_name", text) == expected


KNOWN_NAME: list[tuple[str, Expected]] = [
    ("라파엘 몬테로 벨로시티랩스 CEO가 방한했다. 이 의장은 라파엘 몬테로를 포함한 경영진과 만났다.",
     [("라파엘 몬테로", "벨로시티랩스", "CEO")]),
    # must not fire: a name never given in full
    ("몬테로를 포함한 경영진과 만났다.", []),
]


@pytest.mark.parametrize(("text", "expected"), KNOWN_NAME)
def test_known_name(text: str, expected: Expected) -> None:
    assert people_by("known_name", text) == expected


ROLES: list[tuple[str, list[tuple[str, str]]]] = [
    ("정민준 한빛전자 회장이 라파엘 몬테로 벨로시티랩스 CEO와 만났다.",
     [("정민준", "subject"), ("라파엘 몬테로", "with")]),
    ("정민준 한빛전자 회장과 라파엘 몬테로 벨로시티랩스 CEO는 만났다.",
     [("정민준", "topic"), ("라파엘 몬테로", "topic")]),
    ("정민준 한빛전자 회장은 김하늘 한빛전자 사장과 함께 라파엘 몬테로 벨로시티랩스 CEO를 만났다.",
     [("정민준", "topic"), ("김하늘", "companion"), ("라파엘 몬테로", "object")]),
    # a genitive is no participant: "A의 연설", "A의 딸"
    ("정민준 회장은 라파엘 몬테로 벨로시티랩스 CEO의 연설을 들었다.", [("정민준", "topic"), ("라파엘 몬테로", "genitive")]),
]


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_roles_come_from_particles(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(r.name, r.role) for r in mentions(text)] == expected


COMPANY_TITLE_REFERS: list[tuple[str, Expected]] = [
    ("알렉스 그랜트 벨로시티랩스 CEO가 방한했다. 정민준 회장은 벨로시티랩스 CEO와 만났다.",
     [("알렉스 그랜트", "벨로시티랩스", "CEO")]),
    # must not fire: two people of the company with that title; nobody of the company named before
    ("알렉스 그랜트 벨로시티랩스 CEO와 마리아 로페즈 벨로시티랩스 CEO가 방한했다. 그는 벨로시티랩스 CEO와 만났다.", []),
    ("정민준 회장은 벨로시티랩스 CEO와 만났다.", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPANY_TITLE_REFERS)
def test_company_title_refers(text: str, expected: Expected) -> None:
    assert people_by("company_title_refers", text) == expected


def test_a_title_before_another_person_keeps_its_particle() -> None:
    """ "사장은" before "베버 CEO" is a title and its particle (사 + 장은 would read as a Korean name)."""
    text = "서지후 한빛화학 사장과 루카스 베버 벨트릭스 CEO가 만났다. 서 사장은 베버 CEO와의 회동 이후 귀국했다."
    assert [(r.name, r.rule) for r in mentions(text)][2:] == [("서지후", "reference_title"),
                                                             ("루카스 베버", "reference_title")]
