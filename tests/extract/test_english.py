"""English rules (kg.extract.lang.en), one table per rule, with rows where a rule must not fire. Names and
companies are invented unless a row says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import find_dates
from kg.extract.dates.en import EN_DATES
from kg.extract.lang import detect_language
from kg.model import MeetingStatus
from tests.extract.common import facts, meetings, mentions, rules_fired

Expected = list[tuple[str, str | None, str | None]]


def people_by(rule: str, text: str) -> Expected:
    return [(r.name, r.company, r.title) for r in mentions(text, language="en") if r.rule == rule]


COMPANY_TITLE_NAME: list[tuple[str, Expected]] = [
    ("Velora Group Chairman Park Joon-hyung met reporters.", [("Park Joon-hyung", "Velora Group", "Chairman")]),
    ("Zentrix founder, Chairman and CEO Rafael Montero spoke.", [("Rafael Montero", "Zentrix",
                                                                  "founder, Chairman and CEO")]),
    ("Chinese Premier Li Wenhao arrived.", [("Li Wenhao", None, "Premier")]),
    # must not fire: one capitalised word is no name
    ("The CEO William said nothing.", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPANY_TITLE_NAME)
def test_company_title_name(text: str, expected: Expected) -> None:
    assert people_by("company_title_name", text) == expected


NAME_TITLE_OF_COMPANY: list[tuple[str, Expected]] = [
    ("Kim Hyun-woo, Chairman of Velora Group, met with partners.", [("Kim Hyun-woo", "Velora Group", "Chairman")]),
    ("Rafael Montero, CEO of Zentrix Technologies Inc., arrived.", [("Rafael Montero", "Zentrix Technologies",
                                                                      "CEO")]),
    ("Chung Min-ho, executive vice chairman of the world's largest shipbuilder Haesol Marine Co., spoke.",
     [("Chung Min-ho", "Haesol Marine", "executive vice chairman")]),
    # a nationality and lowercase words describe the company; a particle inside a name
    ("Jung Ha-eun, CEO of Korean chipmaker Daon Semiconductor, met him.",
     [("Jung Ha-eun", "Daon Semiconductor", "CEO")]),
    ("Pieter de Vries, president of Dutch equipment maker Lumora, met him.", [("Pieter de Vries", "Lumora",
                                                                             "president")]),
    # must not fire: "Lee said" names no company
    ("Lee said the deal was near.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_TITLE_OF_COMPANY)
def test_name_title_of_company(text: str, expected: Expected) -> None:
    assert people_by("name_title_of_company", text) == expected


def test_name_company_s_title() -> None:
    assert people_by("name_company_s_title", "Rafael Montero, Zentrix's chief executive, spoke.") == [
        ("Rafael Montero", "Zentrix", "chief executive")]
    assert people_by("name_company_s_title", "Zentrix's chief executive spoke.") == []


def test_title_family_and_known_name_refer_back() -> None:
    text = "Velora Group Chairman Park Joon-hyung met Zentrix CEO Rafael Montero. Chairman Park thanked Montero."
    rules = [r.rule for r in mentions(text, language="en")]
    assert rules == ["company_title_name", "company_title_name", "title_family", "known_name"]
    assert [r.rule for r in mentions("Chairman Park thanked him.", language="en")] == []  # nobody named before


MEETINGS: list[tuple[str, list[set[str]]]] = [
    ("Velora Group Chairman Park Joon-hyung met with Zentrix CEO Rafael Montero on Tuesday.",
     [{"Park Joon-hyung", "Rafael Montero"}]),
    ("Velora Group Chairman Park Joon-hyung and Zentrix CEO Rafael Montero held talks in Seoul.",
     [{"Park Joon-hyung", "Rafael Montero"}]),
    ("Velora Group Chairman Park Joon-hyung met with Zentrix CEO Rafael Montero. "
     "Velora Electronics President Kim Ha-neul was also present at the meeting.",
     [{"Park Joon-hyung", "Rafael Montero", "Kim Ha-neul"}]),
    # two people signing together met at the signing
    ("Seoyon Hydrogen CEO Nam Gi-tae and Qamar Holdings Chairman Faisal Al-Harbi signed the agreement in Riyadh.",
     [{"Nam Gi-tae", "Faisal Al-Harbi"}]),
    # must not fire: an idiom, a denial, companies signing with no people named
    ("Samsung met expectations in the quarter.", []),
    ("Seoyon Hydrogen signed a supply agreement with Qamar Holdings on Thursday.", []),
    ("Velora Group Chairman Park Joon-hyung did not meet Zentrix CEO Rafael Montero.", []),
]


@pytest.mark.parametrize(("text", "expected"), MEETINGS)
def test_meetings(text: str, expected: list[set[str]]) -> None:
    assert meetings(facts(text, language="en")) == expected


def test_a_second_sentence_reads_its_own_words() -> None:
    """Each sentence's words sit at their own offsets: titles are cut from the text where the words are."""
    text = "The deal was near. Jung Ha-eun, CEO of Daon Semiconductor, held talks with Lumora CEO Pieter de Vries."
    assert [(r.name, r.title) for r in mentions(text, language="en")] == [("Jung Ha-eun", "CEO"),
                                                                         ("Pieter de Vries", "CEO")]


def test_a_dateline_city_is_not_the_meeting_place() -> None:
    text = ("SEOUL, Dec. 2 (Yonhap) -- Jung Ha-eun, CEO of Daon Semiconductor, held talks with Lumora CEO Pieter "
            "de Vries at Lumora's headquarters last week, Daon said.")
    (m,) = facts(text, published=date(2026, 12, 2), language="en").meetings
    assert m.place is None or m.place.city != "seoul"


@pytest.mark.parametrize(("second", "expected"), [
    # a long object is cut where a place or a time starts, not dropped
    ("They met to discuss a pilot installation of Daon's single-wafer cleaning tools at Hoshida's Kumamoto fab.",
     ["pilot installation of Daon's single-wafer cleaning tools"]),
    ("The two later held talks on securing long-term offtake contracts with power utilities.",
     ["securing long-term offtake contracts with power utilities"]),
    # must not fire: a verb that discusses nothing
    ("They met over dinner.", []),
])
def test_topics_are_the_objects_of_discussing(second: str, expected: list[str]) -> None:
    text = "Velora Group Chairman Park Joon-hyung met Zentrix CEO Rafael Montero on Monday. " + second
    (m,) = facts(text, language="en").meetings
    assert [t.text for t in m.topics if t.concept is None] == expected


def test_a_topic_ends_before_who_said_it() -> None:
    text = ("Velora Group Chairman Park Joon-hyung met Zentrix CEO Rafael Montero. They discussed lithography "
            "tools, the company said.")
    (m,) = facts(text, language="en").meetings
    assert [t.text for t in m.topics if t.concept is None] == ["lithography tools"]


def test_expected_to_meet_is_planned_and_speculated() -> None:
    (m,) = facts("Velora Group Chairman Park Joon-hyung is expected to meet Zentrix CEO Rafael Montero this week.",
                 published=date(2025, 5, 22), language="en").meetings
    assert m.status is MeetingStatus.PLANNED and m.certainty.value == "speculated"
    assert m.date is not None and (str(m.date.earliest), str(m.date.latest)) == ("2025-05-19", "2025-05-25")


def test_the_meeting_rule_names() -> None:
    assert rules_fired("Velora Group Chairman Park Joon-hyung met with Zentrix CEO Rafael Montero.",
                       language="en") == ["two_sides_meet"]


DATES = [
    ("on Wednesday", "2025-03-26"), ("On Tuesday", "2025-03-25"), ("March 6", "2025-03-06"),
    ("on the 6th (local time)", "2025-03-06"), ("in June 2024", "2024-06"), ("Jan. 8, 2025", "2025-01-08"),
    ("last month", "2025-02"), ("2024-06-10", "2024-06-10"),
    ("On Monday, Jang met Aiko Nakamura", "2025-03-24"),  # "Jang" is no "Jan."
]


@pytest.mark.parametrize(("text", "value"), DATES)
def test_english_dates(text: str, value: str) -> None:
    (m,) = find_dates(text, date(2025, 3, 26), rules=EN_DATES)
    assert m.fact.value == value


def test_no_date_in_plain_numbers() -> None:
    assert find_dates("It sold 2025 units and 6 chips.", date(2025, 3, 26), rules=EN_DATES) == []


@pytest.mark.parametrize(("text", "language"), [
    ("Samsung Electronics Chairman Lee Jae-yong met Chinese Premier Li Qiang.", "en"),
    ("최태원 SK그룹 회장이 샘 올트먼 오픈AI CEO와 회동했다.", "ko"),
    ("Microsoft CEO Satya Nadella met with LG Electronics CEO William Cho on Wednesday to discuss AI agents "
     "and data centers. 주요기사 뉴스댓글", "en"),  # a few Korean menu labels in an English page
])
def test_language_from_the_share_of_hangul(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_company_s_president_is_an_executive_a_country_s_an_official() -> None:
    f = facts("Hanbit Motors President Lee Ji-ho met Chinese President Wang Lei in Beijing.", language="en")
    assert {p.name: p.official for p in f.people} == {"Lee Ji-ho": False, "Wang Lei": True}


def test_a_title_and_family_name_refer_to_the_one_with_that_title() -> None:
    text = ("President Lee Jae-sung met Hanbit Electronics Chairman Lee Min-ho and Zentrix CEO Rafael Montero. "
            "President Lee thanked them.")
    last = mentions(text, language="en")[-1]
    assert (last.rule, last.name) == ("title_family", "Lee Jae-sung")


def test_the_last_name_of_a_list_is_one_of_the_list() -> None:
    text = ("President Lee Jae-sung met Hanbit Electronics Chairman Lee Min-ho on August 19. The two-hour meeting "
            "brought together business leaders, including Zentrix CEO Rafael Montero and Velora CEO Kim Ha-neul.")
    assert meetings(facts(text, language="en")) == [{"Lee Jae-sung", "Lee Min-ho", "Rafael Montero", "Kim Ha-neul"}]


@pytest.mark.parametrize(("text", "value", "earliest"), [
    ("in Houston later this month", "2025-03", "2025-03-27"),  # after publication (2025-03-26), in its month
    ("had met in March last year", "2024-03", "2024-03-01"),
    ("Two days later, he flew to Stuttgart", "2025-03-18", "2025-03-18"),  # from the day the text is at
    ("the next day", "2025-03-17", "2025-03-17"),
    ("That evening, he also met Ren Okabe", "2025-03-16", "2025-03-16"),  # the day the text is at
    ("Later that day, they signed", "2025-03-16", "2025-03-16"),
])
def test_english_relative_dates(text: str, value: str, earliest: str) -> None:
    (m,) = find_dates(text, date(2025, 3, 26), rules=EN_DATES, anchor=date(2025, 3, 16))
    assert (m.fact.value, str(m.fact.earliest)) == (value, earliest)


def test_that_evening_of_a_day_the_text_gave_is_not_a_day_word_elsewhere() -> None:
    """Must not fire: "that day" inside a sentence that is not about the text's day ("since that day")."""
    assert find_dates("Prices have risen since that day began", date(2025, 3, 26), rules=EN_DATES,
                      anchor=date(2025, 3, 16)) == []


def test_relative_days_count_from_the_last_day_the_text_gave() -> None:
    """"On Monday … The following day … That evening": each meeting on its own day, counted along the text, not
    from the article's first day."""
    text = ("On Monday, Jang Woo-hyun, CEO of Daon Semitech, met Aiko Nakamura, president of Hoshida Electronics. "
            "The following day, Jang met Hiroshi Tanabe, CEO of Kanto Denki. "
            "That evening, he also met Ren Okabe, president of Seiran Materials, over dinner.")
    f = facts(text, published=date(2025, 7, 18), language="en")
    assert sorted(m.date.value for m in f.meetings if m.date) == ["2025-07-14", "2025-07-15", "2025-07-15"]


@pytest.mark.parametrize(("text", "expected"), [
    ("He met Takeshi Kubo, chief technology officer of Naniwa Semiconductor.",
     [("Takeshi Kubo", "Naniwa Semiconductor", "chief technology officer")]),
    ("He met Sarah Lim, chief sustainability and risk officer at Velora.",
     [("Sarah Lim", "Velora", "chief sustainability and risk officer")]),
    # must not fire: "at" before a lowercase phrase or a place names no company
    ("He met Sarah Lim, chairman, at the event in Seoul.", [("Sarah Lim", None, "chairman")]),
    ("He met Sarah Lim, chairman at Seoul National University.", [("Sarah Lim", None, "chairman")]),
])
def test_name_title_of_or_at_company(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert [(r.name, r.company, r.title) for r in mentions(text, language="en")] == expected


def test_a_day_counted_from_nothing_is_not_guessed() -> None:
    (m,) = find_dates("Two days later, he flew home", date(2025, 3, 26), rules=EN_DATES)
    assert not m.fact.resolved


def test_a_company_keeps_its_legal_suffix_as_an_english_label() -> None:
    """"Alpenstrom AG" is known as Alpenstrom (the suffix dropped for identity) and keeps the written form as its
    English label; a name without a suffix gets no second label."""
    f = facts("Sorin Mobility CEO Kim Ha-neul met Alpenstrom AG CEO Jonas Weber in Vienna.", language="en")
    assert {(c.name, c.english) for c in f.companies} == {("Sorin Mobility", None), ("Alpenstrom", "Alpenstrom AG")}
