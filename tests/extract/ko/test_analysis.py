"""Korean sentences and words from Kiwi (kg.extract.lang.ko.analysis), and the shapes of names and companies."""

from __future__ import annotations

import pytest

from kg.extract.lang.ko import company_stem
from kg.extract.lang.ko.analysis import sentences
from kg.extract.lang.ko.names import (
    clear_korean_name,
    foreign_looking,
    korean_name_score,
    split_fused,
    verbal,
)

SENTENCES = [
    ("첫 문장이다. 두 번째 문장입니다! 2024.6.27 기준 세 번째", ["첫 문장이다.", "두 번째 문장입니다!", "2024.6.27 기준 세 번째"]),
    # no space after the full stop
    ("행보로 풀이된다.16일 업계에 따르면 만났다.특히 두 사람은", ["행보로 풀이된다.", "16일 업계에 따르면 만났다.",
                                                      "특히 두 사람은"]),
    # not inside a number or a quotation
    ('지분 2.5%를 샀다. 그는 "좋다."며 웃었다.', ["지분 2.5%를 샀다.", '그는 "좋다."며 웃었다.']),
    # not where Kiwi reads a name's syllables as an ending ("라오" as 이라오): no punctuation, no cut
    ("방한 중인 아디티 라오 젠타라시스템즈 최고경영자(CEO)를 만났다.", ["방한 중인 아디티 라오 젠타라시스템즈 최고경영자(CEO)를 만났다."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences_keep_offsets(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in sentences(text, 0)] == expected


WORDS = [
    ("최고경영자(CEO)와도", ("최고경영자", "와도", ("(CEO)",))),
    ("KT(030200)", ("KT", "", ("(030200)",))),
    ("CEO이며", ("CEO", "이며", ())),
    ("올트먼(Sam Altman)은", ("올트먼", "은", ("(Sam Altman)",))),
    ("만났다.", ("만났다", "", ())),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_words_split_core_particle_and_parentheticals(text: str, expected: tuple[str, str, tuple[str, ...]]) -> None:
    ((_, _, words),) = sentences(text, 0)
    w = words[-1]
    assert (w.core, w.particle, w.parens) == expected


def test_a_dot_after_a_title_joins_two_people() -> None:
    ((_, _, words),) = sentences("김영섭 KT 대표·정기선 HD현대 수석부회장 등과", 0)
    assert [w.core for w in words] == ["김영섭", "KT", "대표", "정기선", "HD현대", "수석부회장", "등"]


NAME_SHAPES = [
    ("서범석", True, False),  # surname and given-name syllables
    ("남궁서준", True, False),
    ("사티아", False, False),  # starts like a surname, a transliteration's syllables
    ("나델라", False, True),
    ("피츠제럴드", False, True),
    ("루닛", False, False),  # a company name is neither
]


@pytest.mark.parametrize(("word", "korean", "foreign"), NAME_SHAPES)
def test_name_shapes(word: str, korean: bool, foreign: bool) -> None:
    ((_, _, (w,)),) = sentences(word, 0)
    assert clear_korean_name(w) is korean
    assert foreign_looking(w) is foreign


@pytest.mark.parametrize(("word", "verb"), [("따르면", True), ("찾아", True), ("방한한", True), ("가먼", False), ("탄", False)])
def test_verbs_are_told_from_transliterations_by_their_ending(word: str, verb: bool) -> None:
    ((_, _, (w,)),) = sentences(word, 0)
    assert verbal(w) is verb


def test_a_korean_name_that_ends_like_a_verb_is_still_a_name() -> None:
    ((_, _, (w,)),) = sentences("김창한", 0)
    assert korean_name_score(w) >= 3.0


@pytest.mark.parametrize(("word", "expected"), [
    ("SK회장", ("SK", "회장")), ("퓨리오사AI대표", ("퓨리오사AI", "대표")), ("한국AI·SW협회장", ("한국AI·SW협회", "회장")),
    ("부회장", None), ("대표이사", None),
])
def test_fused_company_titles(word: str, expected: tuple[str, str] | None) -> None:
    ((_, _, (w,)),) = sentences(word, 0)
    assert split_fused(w) == expected


@pytest.mark.parametrize(("name", "stem"), [
    ("SK하이닉스", "SK"), ("LG CNS", "LG"), ("두산에너빌리티", "두산"), ("㈜두산", "두산"), ("현대차그룹", "현대"),
    ("세진하이닉스", "세진하이닉스"), ("크래프톤", "크래프톤"), ("네이버클라우드", "네이버"),
])
def test_company_stems_give_groups(name: str, stem: str) -> None:
    assert company_stem(name) == stem
