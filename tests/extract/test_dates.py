"""Korean date expressions resolved against a publication date (kg.dates)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dates import DateMatch, fact_for_range, find_dates, intersect, period_bounds, resolve_date
from kg.model import DateFact, Precision, Span

PUB = date(2025, 7, 21)  # a Monday


def only(text: str, published: date | None = PUB) -> DateMatch:
    matches = find_dates(text, published)
    assert len(matches) == 1, matches
    return matches[0]


def bounds(text: str, published: date | None = PUB) -> tuple[str | None, Precision | None, date | None, date | None]:
    fact = only(text, published).fact
    return fact.value, fact.precision, fact.earliest, fact.latest


D = date
DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR


# --------------------------------------------------------------------------- absolute forms


@pytest.mark.parametrize(
    ("sentence", "expected_text", "expected"),
    [
        ("양사는 2024년 6월 27일 협약을 맺었다.", "2024년 6월 27일", ("2024-06-27", DAY, D(2024, 6, 27), D(2024, 6, 27))),
        ("2024년 6월 출시됐다.", "2024년 6월", ("2024-06", MONTH, D(2024, 6, 1), D(2024, 6, 30))),
        ("회사는 2024년 설립됐다.", "2024년", ("2024", YEAR, D(2024, 1, 1), D(2024, 12, 31))),
        ("사진은 2024.6.27 촬영", "2024.6.27", ("2024-06-27", DAY, D(2024, 6, 27), D(2024, 6, 27))),
        ("입력 2024.06.27 15:52", "2024.06.27", ("2024-06-27", DAY, D(2024, 6, 27), D(2024, 6, 27))),
        ("발표일: 2024-06-27", "2024-06-27", ("2024-06-27", DAY, D(2024, 6, 27), D(2024, 6, 27))),
        ("등록 2024/6/27", "2024/6/27", ("2024-06-27", DAY, D(2024, 6, 27), D(2024, 6, 27))),
        ("'24년 실적이 좋았다", "'24년", ("2024", YEAR, D(2024, 1, 1), D(2024, 12, 31))),
        ("2100년 목표", "2100년", ("2100", YEAR, D(2100, 1, 1), D(2100, 12, 31))),
    ],
)
def test_absolute_forms(sentence: str, expected_text: str, expected: tuple) -> None:
    for published in (PUB, None):  # absolute forms never need the publication date
        match = only(sentence, published)
        assert match.text == expected_text
        assert match.relation == "absolute"
        assert (match.fact.value, match.fact.precision, match.fact.earliest, match.fact.latest) == expected
        assert match.fact.resolved


def test_years_outside_1990_2100_are_not_dates() -> None:
    assert find_dates("1980년 창업했다", PUB) == []
    assert find_dates("1989.12.31", PUB) == []
    assert find_dates("2101년 계획", PUB) == []


def test_impossible_calendar_dates_are_not_read() -> None:
    assert find_dates("2025년 2월 30일", PUB) == []  # not a shorter date read from inside it either
    assert find_dates("1980년 6월 3일", PUB) == []
    assert find_dates("2025.2.30 기준", PUB) == []


# --------------------------------------------------------------------------- days relative to publication


@pytest.mark.parametrize(
    ("sentence", "expected_text", "day", "relation"),
    [
        ("최 회장은 21일 기자들과 만났다.", "21일", D(2025, 7, 21), "today"),
        ("최 회장은 15일 기자들과 만났다.", "15일", D(2025, 7, 15), "past"),
        ("최 회장은 27일 기자들과 만났다.", "27일", D(2025, 6, 27), "past"),  # after the 21st: last month
        ("그는 지난 22일 회동했다.", "지난 22일", D(2025, 6, 22), "past"),
        ("그는 지난 5일(현지시간) 발표했다.", "지난 5일(현지시간)", D(2025, 7, 5), "past"),
        ("대표가 지난 27일(현지 시각) 미국에서", "지난 27일(현지 시각)", D(2025, 6, 27), "past"),
        ("회장이 6일(현지시간) 기조연설을 했다", "6일(현지시간)", D(2025, 7, 6), "past"),
        ("오는 14일 방한한다.", "오는 14일", D(2025, 8, 14), "future"),
        ("오는 25일 방한한다.", "오는 25일", D(2025, 7, 25), "future"),
        ("내달 14일 미국 시애틀을 찾는다", "내달 14일", D(2025, 8, 14), "future"),
        ("다음달 14일 출국", "다음달 14일", D(2025, 8, 14), "future"),
        ("다음 달 14일 출국", "다음 달 14일", D(2025, 8, 14), "future"),
        ("지난달 14일 만났다", "지난달 14일", D(2025, 6, 14), "past"),
        ("올해 2월 3일 공개", "올해 2월 3일", D(2025, 2, 3), "past"),
        ("지난해 1월 9일 방한", "지난해 1월 9일", D(2024, 1, 9), "past"),
        ("지난 2월 3일 방한", "지난 2월 3일", D(2025, 2, 3), "past"),
        ("지난 9월 3일 방한", "지난 9월 3일", D(2024, 9, 3), "past"),
        ("오는 9월 3일 방한", "오는 9월 3일", D(2025, 9, 3), "future"),
        ("오는 3월 3일 방한", "오는 3월 3일", D(2026, 3, 3), "future"),
    ],
)
def test_days_relative_to_publication(sentence: str, expected_text: str, day: date, relation: str) -> None:
    match = only(sentence)
    assert match.text == expected_text
    assert match.relation == relation
    assert (match.fact.value, match.fact.precision, match.fact.earliest, match.fact.latest) == (
        day.isoformat(), DAY, day, day)


def test_day_in_previous_month_skips_months_too_short() -> None:
    # Published 1 March: the last 31st on or before it is 31 January.
    assert bounds("지난 31일 발표", D(2025, 3, 1))[2] == D(2025, 1, 31)
    assert bounds("오는 31일 발표", D(2025, 4, 5))[2] == D(2025, 5, 31)


# --------------------------------------------------------------------------- months and years


@pytest.mark.parametrize(
    ("sentence", "expected_text", "expected", "relation"),
    [
        ("지난달 주주총회에서", "지난달", ("2025-06", MONTH, D(2025, 6, 1), D(2025, 6, 30)), "past"),
        ("이달 출시", "이달", ("2025-07", MONTH, D(2025, 7, 1), D(2025, 7, 31)), "today"),
        ("이번 달 출시", "이번 달", ("2025-07", MONTH, D(2025, 7, 1), D(2025, 7, 31)), "today"),
        ("이달 초 발표", "이달 초", ("2025-07", MONTH, D(2025, 7, 1), D(2025, 7, 10)), "past"),
        ("내달 미국行", "내달", ("2025-08", MONTH, D(2025, 8, 1), D(2025, 8, 31)), "future"),
        ("지난 2월 서울에서 회동한", "지난 2월", ("2025-02", MONTH, D(2025, 2, 1), D(2025, 2, 28)), "past"),
        ("지난 7월 서울에서", "지난 7월", ("2024-07", MONTH, D(2024, 7, 1), D(2024, 7, 31)), "past"),
        ("지난 9월 서울에서", "지난 9월", ("2024-09", MONTH, D(2024, 9, 1), D(2024, 9, 30)), "past"),
        ("2월 서울에서", "2월", ("2025-02", MONTH, D(2025, 2, 1), D(2025, 2, 28)), "past"),
        ("오는 9월 서울에서", "오는 9월", ("2025-09", MONTH, D(2025, 9, 1), D(2025, 9, 30)), "future"),
        ("올해 2월 공개", "올해 2월", ("2025-02", MONTH, D(2025, 2, 1), D(2025, 2, 28)), "past"),
        ("올해 초 착수", "올해 초", ("2025", YEAR, D(2025, 1, 1), D(2025, 3, 31)), "past"),
        ("올해 실적", "올해", ("2025", YEAR, D(2025, 1, 1), D(2025, 12, 31)), "today"),
        ("지난해 1월 만났다", "지난해 1월", ("2024-01", MONTH, D(2024, 1, 1), D(2024, 1, 31)), "past"),
        ("지난해 투자", "지난해", ("2024", YEAR, D(2024, 1, 1), D(2024, 12, 31)), "past"),
        ("작년 투자", "작년", ("2024", YEAR, D(2024, 1, 1), D(2024, 12, 31)), "past"),
        ("지난해 초 발표", "지난해 초", ("2024", YEAR, D(2024, 1, 1), D(2024, 3, 31)), "past"),
        ("지난해 말 발표", "지난해 말", ("2024", YEAR, D(2024, 11, 1), D(2024, 12, 31)), "past"),
        ("지난해 상반기 실적", "지난해 상반기", ("2024", YEAR, D(2024, 1, 1), D(2024, 6, 30)), "past"),
        ("지난해 하반기 실적", "지난해 하반기", ("2024", YEAR, D(2024, 7, 1), D(2024, 12, 31)), "past"),
        ("재작년 설립", "재작년", ("2023", YEAR, D(2023, 1, 1), D(2023, 12, 31)), "past"),
        ("내년 출시", "내년", ("2026", YEAR, D(2026, 1, 1), D(2026, 12, 31)), "future"),
        ("연내 출시", "연내", ("2025", YEAR, D(2025, 1, 1), D(2025, 12, 31)), "today"),
        ("연말까지 출시", "연말", ("2025", YEAR, D(2025, 11, 1), D(2025, 12, 31)), "future"),
        ("6월 말 출시", "6월 말", ("2025-06", MONTH, D(2025, 6, 21), D(2025, 6, 30)), "past"),
    ],
)
def test_months_and_years(sentence: str, expected_text: str, expected: tuple, relation: str) -> None:
    match = only(sentence)
    assert match.text == expected_text
    assert (match.fact.value, match.fact.precision, match.fact.earliest, match.fact.latest) == expected
    assert match.relation == relation


# --------------------------------------------------------------------------- weeks and day words


@pytest.mark.parametrize(
    ("sentence", "expected_text", "first", "last", "relation"),
    [
        ("최 회장이 지난주 올트먼과 회동했다", "지난주", D(2025, 7, 14), D(2025, 7, 20), "past"),
        ("최 회장은 지난주 초 미국 샌프란시스코에서", "지난주 초", D(2025, 7, 14), D(2025, 7, 16), "past"),
        ("지난주 말 발표했다", "지난주 말", D(2025, 7, 18), D(2025, 7, 20), "past"),
        ("지난 주말 회동", "지난 주말", D(2025, 7, 19), D(2025, 7, 20), "past"),
        ("이번 주 발표", "이번 주", D(2025, 7, 21), D(2025, 7, 27), "today"),
        ("다음 주 발표", "다음 주", D(2025, 7, 28), D(2025, 8, 3), "future"),
        ("내주 발표", "내주", D(2025, 7, 28), D(2025, 8, 3), "future"),
        ("이날 서울에서", "이날", PUB, PUB, "today"),
        ("오늘(21일) 업계에 따르면", "오늘(21일)", PUB, PUB, "today"),
        ("전날 밤 일본을 방문했다", "전날", D(2025, 7, 20), D(2025, 7, 20), "past"),
        ("어제 만났다", "어제", D(2025, 7, 20), D(2025, 7, 20), "past"),
        ("그제 만났다", "그제", D(2025, 7, 19), D(2025, 7, 19), "past"),
        ("내일 만난다", "내일", D(2025, 7, 22), D(2025, 7, 22), "future"),
        ("다음날 귀국한다", "다음날", D(2025, 7, 22), D(2025, 7, 22), "future"),
    ],
)
def test_weeks_and_day_words(sentence: str, expected_text: str, first: date, last: date, relation: str) -> None:
    match = only(sentence)
    assert match.text == expected_text
    assert (match.fact.earliest, match.fact.latest) == (first, last)
    assert match.relation == relation
    if first == last:
        assert (match.fact.value, match.fact.precision) == (first.isoformat(), DAY)
    else:
        assert match.fact.value is not None
        lo, hi = period_bounds(match.fact.value)
        assert lo <= first <= last <= hi


def test_week_crossing_a_year_has_exact_bounds_and_no_single_period() -> None:
    fact = only("지난주 회동", D(2026, 1, 7)).fact  # previous week: Mon 29 Dec .. Sun 4 Jan
    assert (fact.earliest, fact.latest) == (D(2025, 12, 29), D(2026, 1, 4))
    assert fact.value is None and fact.precision is None and fact.resolved


def test_seed_paragraph_reads_every_date_with_offsets() -> None:
    text = "최 회장은 지난주 초 미국 샌프란시스코 오픈AI 본사를 찾았다. 두 사람은 지난 2월 서울에서도 만났다."
    matches = find_dates(text, PUB, offset=100)
    assert [m.text for m in matches] == ["지난주 초", "지난 2월"]
    for m in matches:
        assert text[m.start - 100 : m.end - 100] == m.text


# --------------------------------------------------------------------------- ranges, coordination, context


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("지난 25~26일 열린 행사", PUB, [("지난 25~26일", D(2025, 6, 25), D(2025, 6, 26), "2025-06")]),
        ("오는 25∼27일 열린다", PUB, [("오는 25∼27일", D(2025, 7, 25), D(2025, 7, 27), "2025-07")]),
        ("2024년 6월 25~27일 방미", None, [("2024년 6월 25~27일", D(2024, 6, 25), D(2024, 6, 27), "2024-06")]),
        ("올해 1~3월 실적", PUB, [("올해 1~3월", D(2025, 1, 1), D(2025, 3, 31), "2025")]),
        ("지난 6~8월 실적", PUB, [("지난 6~8월", D(2024, 6, 1), D(2024, 8, 31), "2024")]),
        # The second month shares the first one's year, also without a publication date.
        ("두 사람은 지난해 1월과 6월에도 만났다", PUB,
         [("지난해 1월", D(2024, 1, 1), D(2024, 1, 31), "2024-01"), ("6월", D(2024, 6, 1), D(2024, 6, 30), "2024-06")]),
        ("2024년 1월과 6월", None,
         [("2024년 1월", D(2024, 1, 1), D(2024, 1, 31), "2024-01"), ("6월", D(2024, 6, 1), D(2024, 6, 30), "2024-06")]),
        ("6월 25일과 27일", PUB,
         [("6월 25일", D(2025, 6, 25), D(2025, 6, 25), "2025-06-25"), ("27일", D(2025, 6, 27), D(2025, 6, 27), "2025-06-27")]),
        # Not coordinated: a plain month keeps the publication year.
        ("지난해 1월 만났고 6월 다시 만났다", PUB,
         [("지난해 1월", D(2024, 1, 1), D(2024, 1, 31), "2024-01"), ("6월", D(2025, 6, 1), D(2025, 6, 30), "2025-06")]),
        # A scheduled event on a plain day after the publication day is ahead, not last month.
        ("27일 방한할 예정이다", PUB, [("27일", D(2025, 7, 27), D(2025, 7, 27), "2025-07-27")]),
        ("27일 방한했다", PUB, [("27일", D(2025, 6, 27), D(2025, 6, 27), "2025-06-27")]),
        # A plan of the past ("예정이었으나") schedules nothing ahead.
        ("27일 만날 예정이었으나 무산됐다", PUB, [("27일", D(2025, 6, 27), D(2025, 6, 27), "2025-06-27")]),
        # "이날" is the day the text just named (a local-time event the day before publication).
        ("회장이 6일(현지시간) CES에서 만났다. 회장은 이날 오후 1시55분께", D(2026, 1, 7),
         [("6일(현지시간)", D(2026, 1, 6), D(2026, 1, 6), "2026-01-06"), ("이날", D(2026, 1, 6), D(2026, 1, 6), "2026-01-06")]),
        ("2024년 6월 27일 출국했다. 이날 전날 다음날", None,
         [("2024년 6월 27일", D(2024, 6, 27), D(2024, 6, 27), "2024-06-27"), ("이날", D(2024, 6, 27), D(2024, 6, 27), "2024-06-27"),
          ("전날", D(2024, 6, 26), D(2024, 6, 26), "2024-06-26"), ("다음날", D(2024, 6, 28), D(2024, 6, 28), "2024-06-28")]),
    ],
)
def test_ranges_coordination_and_context(sentence: str, published: date | None, expected: list[tuple]) -> None:
    got = [(m.text, m.fact.earliest, m.fact.latest, m.fact.value) for m in find_dates(sentence, published)]
    assert got == expected


def test_anchor_from_previous_paragraph() -> None:
    [m] = find_dates("정 회장은 이날 오후 만났다", D(2026, 1, 7), anchor=D(2026, 1, 6))
    assert (m.fact.value, m.relation) == ("2026-01-06", "past")
    # "오늘" is the writer's today whatever the text talked about.
    [m] = find_dates("오늘 발표했다", D(2026, 1, 7), anchor=D(2026, 1, 6))
    assert m.fact.value == "2026-01-07"


# --------------------------------------------------------------------------- no publication date


@pytest.mark.parametrize("sentence", ["지난주 초 만났다", "27일 만났다", "이날 만났다", "내달 14일", "지난해 1월", "올해 초"])
def test_relative_forms_without_publication_are_found_but_unresolved(sentence: str) -> None:
    fact = find_dates(sentence, None)[0].fact
    assert fact.resolved is False
    assert (fact.value, fact.precision, fact.earliest, fact.latest) == (None, None, None, None)


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "sentence",
    [
        "매출 1321억원을 기록했다",
        "영업이익률 12.5%",
        "지난해 7개 법인에 대해",  # only 지난해 is a date here; checked below
        "40분 가량 면담했다",
        "2시간 동안 논의했다",
        "5달 만에 다시 만났다",
        "1년여 만에 재회",
        "24년 만에 누적판매",
        "20년간 인연",
        "3일간 열린다",
        "오후 1시55분께 도착",
        "문의 02-2024-1231",
        "전화 010-2024-0627",
        "CES 2026 개막",
        "GTC 2025에서 공개",
        "컴퓨텍스 2025 기조연설",
        "이번 주주총회에서",
        "지난해 초청",
        "올해 말레이시아",
        "오늘날 AI는",
        "1990년대 창업",
        "2025년형 아반떼",
    ],
)
def test_not_dates(sentence: str) -> None:
    texts = [m.text for m in find_dates(sentence, PUB)]
    assert all(t in ("지난해", "올해") for t in texts), texts


def test_resolve_date_single_expression() -> None:
    fact = resolve_date("지난주 초", PUB)
    assert fact is not None and (fact.earliest, fact.latest, fact.value) == (D(2025, 7, 14), D(2025, 7, 16), "2025-07")
    assert resolve_date("  2024년 6월  ", None) == DateFact("2024년 6월", "2024-06", MONTH, D(2024, 6, 1), D(2024, 6, 30))
    assert resolve_date("1321억원", PUB) is None
    assert resolve_date("지난주 초 만났다", PUB) is None  # not a date expression as a whole


# --------------------------------------------------------------------------- intersect


def test_intersect_narrows_and_keeps_precision() -> None:
    month = resolve_date("2025년 7월", None)
    week = resolve_date("지난주 초", PUB)
    assert month is not None and week is not None
    both = intersect(month, week)
    assert both is not None
    assert (both.earliest, both.latest, both.value, both.precision) == (D(2025, 7, 14), D(2025, 7, 16), "2025-07", MONTH)
    assert both.text == "지난주 초"
    day = resolve_date("15일", PUB)
    assert day is not None
    assert intersect(week, day) == DateFact("15일", "2025-07-15", DAY, D(2025, 7, 15), D(2025, 7, 15))
    other = resolve_date("2024년", None)
    assert other is not None and intersect(week, other) is None
    unresolved = resolve_date("지난주", None)
    assert unresolved is not None and intersect(unresolved, week) == week


# --------------------------------------------------------------------------- properties

publications = st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31))
PAST_FORMS = ["지난 {d0}~{d}일", "지난 {m0}~{m}월", "지난 {d}일", "{d}일", "지난달", "지난달 {d}일", "지난 {m}월", "지난 {m}월 {d}일", "지난해", "작년",
              "지난해 {m}월", "지난해 초", "지난해 말", "지난해 하반기", "재작년", "지난주", "지난주 초", "지난주 말",
              "지난 주말", "전날", "어제", "그제", "지난 {d}일(현지시간)"]
FUTURE_FORMS = ["오는 {d0}~{d}일", "오는 {m0}~{m}월", "오는 {d}일", "내달", "내달 {d}일", "다음 달 {d}일", "다음달", "오는 {m}월", "오는 {m}월 {d}일",
                "내년", "내년 {m}월", "다음 주", "내주", "내일", "다음날"]
OTHER_FORMS = ["이날", "오늘", "이달", "이달 초", "이달 말", "올해", "올해 {m}월", "올해 초", "{m}월", "{m}월 {d}일",
               "이번 주", "연내", "연말", "{y}년", "{y}년 {m}월", "{y}년 {m}월 {d}일", "{y}.{m}.{d}", "{y}-{m:02d}-{d:02d}",
               "{y}년 {m0}~{m}월", "{m}월 {d0}~{d}일", "{y}년 {m}월과 {m0}월", "{m}월 {d0}일과 {d}일"]


def _render(form: str, data: st.DataObject) -> str:
    return form.format(d=data.draw(st.integers(1, 31)), m=data.draw(st.integers(1, 12)),
                       d0=data.draw(st.integers(1, 31)), m0=data.draw(st.integers(1, 12)),
                       y=data.draw(st.integers(1990, 2100)))


def _check_fact(fact: DateFact) -> None:
    assert fact.earliest is not None and fact.latest is not None
    assert fact.earliest <= fact.latest
    if fact.value is not None:
        lo, hi = period_bounds(fact.value)
        assert lo <= fact.earliest <= fact.latest <= hi
        assert fact.precision is {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}[len(fact.value.split("-"))]
    else:
        assert fact.earliest.year != fact.latest.year


@settings(max_examples=300, deadline=None)
@given(published=publications, form=st.sampled_from(PAST_FORMS + FUTURE_FORMS + OTHER_FORMS), data=st.data())
def test_bounds_are_ordered_and_inside_the_value_period(published: date, form: str, data: st.DataObject) -> None:
    text = _render(form, data)
    for m in find_dates(text, published):
        _check_fact(m.fact)


@settings(max_examples=300, deadline=None)
@given(published=publications, form=st.sampled_from(PAST_FORMS), data=st.data())
def test_past_forms_are_never_after_publication(published: date, form: str, data: st.DataObject) -> None:
    for m in find_dates(_render(form, data), published):
        assert m.fact.latest is not None and m.fact.latest <= published
        assert m.relation == "past" or (m.relation == "today" and m.fact.earliest == published)


@settings(max_examples=300, deadline=None)
@given(published=publications, form=st.sampled_from(FUTURE_FORMS), data=st.data())
def test_future_forms_are_never_before_publication(published: date, form: str, data: st.DataObject) -> None:
    for m in find_dates(_render(form, data), published):
        assert m.fact.earliest is not None and m.fact.earliest >= published
        assert m.relation == "future"


filler = st.text(alphabet="가나다라 회장은에서,.0123456789()%억원개분시간", max_size=12)


@settings(max_examples=300, deadline=None)
@given(published=st.one_of(st.none(), publications), parts=st.lists(st.tuples(filler, st.sampled_from(
    PAST_FORMS + FUTURE_FORMS + OTHER_FORMS)), max_size=4), offset=st.integers(0, 10_000), data=st.data())
def test_offsets_slice_the_matched_text(published: date | None, parts: list[tuple[str, str]], offset: int,
                                        data: st.DataObject) -> None:
    text = "".join(f + _render(form, data) for f, form in parts)
    matches = find_dates(text, published, offset=offset)
    previous_end = offset
    for m in matches:
        assert text[m.start - offset : m.end - offset] == m.text
        assert m.start >= previous_end  # in text order, non-overlapping
        previous_end = m.end
        if published is not None and m.fact.resolved:
            _check_fact(m.fact)


def _range_fact(draw: st.DrawFn) -> DateFact:
    start = draw(st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 400)))
    text = draw(st.sampled_from(["지난주", "지난해", "이달", "27일"]))
    return replace(fact_for_range(text, start, end), span=Span(draw(st.integers(1, 9)), 0, len(text)))


range_facts = st.composite(_range_fact)()


@settings(max_examples=300, deadline=None)
@given(a=range_facts, b=range_facts)
def test_intersect_is_commutative_and_inside_both(a: DateFact, b: DateFact) -> None:
    ab, ba = intersect(a, b), intersect(b, a)
    assert ab == ba
    assert a.earliest and a.latest and b.earliest and b.latest
    if max(a.earliest, b.earliest) > min(a.latest, b.latest):
        assert ab is None
        return
    assert ab is not None and ab.earliest and ab.latest
    assert a.earliest <= ab.earliest and b.earliest <= ab.earliest
    assert ab.latest <= a.latest and ab.latest <= b.latest
    _check_fact(ab)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a weekday beside the day picks the month, ahead of publication as readily as before it (a schedule)
        ("23일(수) 출범식을 연다", "2025-07-23"),
        ("25일(현지시간·금) 만난다", "2025-07-25"),
        ("18일(금) 만났다", "2025-07-18"),
        ("23일(월) 만났다", "2025-06-23"),  # June's 23rd is the Monday
        # must not move: no weekday (the nearest such day before publication), a weekday no month near fits
        ("23일 만났다", "2025-06-23"),
        ("23일(일) 만났다", "2025-06-23"),
    ],
)
def test_a_weekday_in_parentheses_picks_the_month(text: str, value: str) -> None:
    assert only(text).fact.value == value
