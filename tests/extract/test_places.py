"""Places (kg.extract.places over the gazetteer ontology/places.ttl): the forms news writes resolve to their place,
one table per language, with rows where no place, or no city, must be read. People and companies are invented
unless a row says otherwise."""

from __future__ import annotations

import pytest

from kg.extract.lang import pack_for
from kg.extract.places import find_place
from kg.lexicon import load_lexicon, squash
from kg.model import PlaceFact, Span
from tests.extract.common import facts


def place_in(sentence: str, language: str) -> PlaceFact | None:
    pack = pack_for(language)
    return find_place(sentence, Span(1, 0, len(sentence)), load_lexicon(), pack.locative, pack.venue)


# (form, place id): the lexicon's look-up, as every language pack uses it
FORMS: list[tuple[str, str]] = [
    ("세종", "sejong"), ("세종시", "sejong"), ("Sejong City", "sejong"),
    ("새너제이", "san-jose"), ("산호세", "san-jose"),
    ("호찌민", "ho-chi-minh-city"), ("호치민시", "ho-chi-minh-city"), ("Saigon", "ho-chi-minh-city"),
    ("Ho Chi Minh City", "ho-chi-minh-city"),
    ("슈투트가르트", "stuttgart"), ("Stuttgart", "stuttgart"), ("바젤", "basel"), ("에인트호번", "eindhoven"),
    ("펠트호번", "veldhoven"), ("벨트호벤", "veldhoven"), ("오슬로", "oslo"), ("하노이", "hanoi"),
    ("뮌헨", "munich"), ("München", "munich"), ("취리히", "zurich"), ("Zürich", "zurich"),
    ("벵갈루루", "bengaluru"), ("Bangalore", "bengaluru"), ("키이우", "kyiv"), ("Kiev", "kyiv"),
    ("신주", "hsinchu"), ("가오슝", "kaohsiung"), ("홍콩", "hong-kong"), ("워싱턴 DC", "washington-dc"),
    ("Washington D.C.", "washington-dc"), ("San Francisco", "san-francisco"), ("싱가포르", "singapore"),
    ("미국", "united-states"), ("美", "united-states"), ("中", "china"), ("日", "japan"), ("獨", "germany"),
    ("인니", "indonesia"), ("남아공", "south-africa"), ("튀르키예", "turkey"), ("터키", "turkey"),
    ("U.S.", "united-states"), ("UK", "united-kingdom"), ("Czechia", "czech-republic"),
    ("용산구", "yongsan-gu"), ("Gangnam", "gangnam-gu"), ("판교", "pangyo"), ("송도", "songdo"),
    ("마곡", "magok"), ("경기도", "gyeonggi-do"), ("경북", "gyeongsangbuk-do"),
]


@pytest.mark.parametrize(("form", "place"), FORMS)
def test_news_forms_name_their_place(form: str, place: str) -> None:
    assert load_lexicon().place_forms[squash(form)] == place


# (sentence, city id or None, country id or None)
KOREAN: list[tuple[str, str | None, str | None]] = [
    ("정 회장은 독일 슈투트가르트에서 한 대표를 만났다.", "stuttgart", "germany"),
    ("두 사람은 세종시에서 만났다.", "sejong", "south-korea"),
    ("두 사람은 네덜란드 펠트호번 ASML 본사에서 만났다.", "veldhoven", "netherlands"),
    ("그는 베트남 호치민에서 응우옌 대표를 만났다.", "ho-chi-minh-city", "vietnam"),
    ("두 사람은 서울 용산구에서 만났다.", "seoul", "south-korea"),
    ("두 사람은 경기 평택캠퍼스에서 만났다.", "pyeongtaek", "south-korea"),
    ("김 대표는 미국행 비행기에서 그를 만났다.", None, "united-states"),
    ("美 워싱턴에서 회담이 열렸다.", "washington-dc", "united-states"),
    # must not read a place: a company or a person named after one, a longer word beginning with one
    ("그는 서울반도체 본사에서 대표를 만났다.", None, None),
    ("그는 미래에셋 본사에서 대표를 만났다.", None, None),
    ("그는 이천수 대표와 만난 자리에서 말했다.", None, None),
    ("그는 中企 대표들과 간담회에서 만났다.", None, None),
    ("그는 세종문화회관에서 대표를 만났다.", None, None),
    ("그는 제주항공 본사에서 대표를 만났다.", None, None),
    # 테헤란로 is a street of Seoul, not Tehran followed by the particle 로
    ("두 사람은 테헤란로 사무실에서 만났다.", None, None),
    # a district alone names no city: the extractor has no rule from a district to its city
    ("두 사람은 용산구에서 만났다.", None, None),
]


@pytest.mark.parametrize(("sentence", "city", "country"), KOREAN)
def test_korean_place(sentence: str, city: str | None, country: str | None) -> None:
    place = place_in(sentence, "ko")
    assert ((place.city, place.country) if place else (None, None)) == (city, country)


ENGLISH: list[tuple[str, str | None, str | None]] = [
    ("They met in Stuttgart on Monday.", "stuttgart", "germany"),
    ("The two met in Yongsan, Seoul.", "seoul", "south-korea"),
    ("They met at the Las Vegas Convention Center on Tuesday.", "las-vegas", "united-states"),
    ("Kim met Nguyen in Ho Chi Minh City.", "ho-chi-minh-city", "vietnam"),
    ("Kim met Nguyen in Saigon.", "ho-chi-minh-city", "vietnam"),
    ("The two met in Washington D.C. on Friday.", "washington-dc", "united-states"),
    ("The talks took place in Basel, Switzerland.", "basel", "switzerland"),
    # must not read a place: a person or a company named after one; the place named after it is the one
    ("Austin Russell met him in Seoul.", "seoul", "south-korea"),
    ("Boston Dynamics CEO Robert Playter met him in Las Vegas.", "las-vegas", "united-states"),
    ("They met at the Washington Post office in Seoul.", "seoul", "south-korea"),
    ("Austin Russell met him on Monday.", None, None),
]


@pytest.mark.parametrize(("sentence", "city", "country"), ENGLISH)
def test_english_place(sentence: str, city: str | None, country: str | None) -> None:
    place = place_in(sentence, "en")
    assert ((place.city, place.country) if place else (None, None)) == (city, country)


def test_a_meeting_in_a_district_of_seoul_is_in_seoul() -> None:
    f = facts("SK그룹 최태원 회장과 한빛전자 박서준 대표가 20일 서울 용산구에서 만났다.")
    (meeting,) = f.meetings
    assert meeting.place is not None and meeting.place.city == "seoul"
    assert meeting.place.venue is None  # the district is not taken for a venue


def test_a_company_named_after_a_city_gives_no_city() -> None:
    f = facts("SK그룹 최태원 회장과 한빛전자 박서준 대표가 20일 서울반도체 본사에서 만났다.")
    (meeting,) = f.meetings
    assert meeting.place is not None and meeting.place.city is None
