"""Typed paragraphs (issue 19): each kept paragraph says what it is on its page: the headline (index 0, apart from the
paragraphs), a subtitle, body text or a caption. Each rule by a table of lines where it fires and where it must not."""

from __future__ import annotations

import pytest

from kg.model import ParagraphRole
from kg.read import read_text

from .common import BODY, HEADLINE, assert_offsets, headline, roles

LEAD, SECOND = BODY.strip().split("\n")
CAPTION = "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다."
SHOT = "김가람 한빛전자 대표가 12일 로버트 린 노바AI CEO와 기념 촬영을 하고 있다."


# (name, the line between the headline and the body, its role, its kept text)
LINES = [
    ("photo credit", f"{SHOT} (사진=한빛전자)", "caption", SHOT),
    ("agency credit and stamp", f"{SHOT} 2025.3.12. photo@yesi.example *재판매 및 DB 금지", "caption", SHOT),
    ("where they stand", CAPTION, "caption", CAPTION),
    ("English credit in brackets", "Kim Ga-ram, left, shakes hands with Robert Lin in Pangyo. [SCREEN CAPTURE]", "caption",
     "Kim Ga-ram, left, shakes hands with Robert Lin in Pangyo."),
    ("English credit in parentheses", "Kim Ga-ram shakes hands with Robert Lin in Pangyo on Wednesday. (Hanbit Electronics)",
     "caption", "Kim Ga-ram shakes hands with Robert Lin in Pangyo on Wednesday."),
    ("English photographer", "Kim Ga-ram at the booth. Photographer: Jane Doe/Yesi", "caption", "Kim Ga-ram at the booth."),
    ("English source", "Kim Ga-ram speaks at the forum in Pangyo. / Source: Hanbit Electronics", "caption",
     "Kim Ga-ram speaks at the forum in Pangyo."),
    ("From left", "From left: Kim Ga-ram and Robert Lin meet in Pangyo on Wednesday", "caption",
     "From left: Kim Ga-ram and Robert Lin meet in Pangyo on Wednesday"),
    ("deck under the headline", "온디바이스 AI 공동 개발 착수…연내 결과물 목표", "subtitle", "온디바이스 AI 공동 개발 착수…연내 결과물 목표"),
    ("quoted deck", "김가람 “노바AI와 협력은 필연”", "subtitle", "김가람 “노바AI와 협력은 필연”"),
    # must not fire
    ("a sentence is body", "두 회사는 지난해부터 협력 방안을 검토해 온 것으로 알려졌다.", "body",
     "두 회사는 지난해부터 협력 방안을 검토해 온 것으로 알려졌다."),
    ("a reporter's name is no photo credit", "두 회사는 지난해부터 협력 방안을 검토해 왔다. 박하늘 기자 sky@yesi.example",
     "body", "두 회사는 지난해부터 협력 방안을 검토해 왔다."),
    ("a byline opens the body", "[테크데일리 박하늘 기자] 김가람", "body", "[테크데일리 박하늘 기자] 김가람"),
]


@pytest.mark.parametrize(("line", "role", "text"), [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_role_of_a_line(line: str, role: str, text: str) -> None:
    article = read_text(f"{HEADLINE}\n{line}\n{BODY}", source="t")
    assert_offsets(article)
    assert roles(article) == [("headline", HEADLINE), (role, text), ("body", LEAD), ("body", SECOND)]


def test_the_headline_is_numbered_0_and_kept_apart_from_the_paragraphs() -> None:
    article = read_text(f"{HEADLINE}\n{BODY}- {HEADLINE}\n", source="t")
    assert article.headline is not None
    assert (article.headline.index, article.headline.role) == (0, ParagraphRole.HEADLINE)
    assert article.text[article.headline.start : article.headline.end] == HEADLINE
    assert [p.index for p in article.paragraphs] == [1, 2]  # body numbers as before headlines were stored
    assert HEADLINE not in [p.text for p in article.paragraphs]  # its repeat below is dropped


def test_a_page_without_headline_has_none() -> None:
    article = read_text(BODY, source="t")
    assert article.headline is None and article.title is None


def test_an_image_line_shown_twice_in_a_row_is_a_caption() -> None:
    """A crawler gives an image's alt text and its caption, the same words, one under the other."""
    shown = "Chung Kisun (centre), executive vice chairman of Hanbit Electronics, and Robert Lin, CEO of Nova AI"
    article = read_text(f"{HEADLINE}\n{BODY}{shown}\n{shown}\n두 회사는 공동 연구소를 세우기로 했다고 밝혔다.\n", source="t")
    assert ("caption", shown) in roles(article)
    once = read_text(f"{HEADLINE}\n{BODY}{shown.replace(' (centre)', '')}\n두 회사는 공동 연구소를 세우기로 했다.\n", source="t")
    assert ("body", shown.replace(" (centre)", "")) in roles(once)


def test_a_heading_inside_the_body_is_a_subtitle_but_a_cut_off_last_line_is_body() -> None:
    article = read_text(f"{HEADLINE}\n{LEAD}\n공동 연구소 설립도 논의\n{SECOND}\n두 회사 관계자는 협력의 폭을", source="t")
    assert roles(article)[2] == ("subtitle", "공동 연구소 설립도 논의")
    assert roles(article)[-1] == ("body", "두 회사 관계자는 협력의 폭을")  # the capture ends mid-sentence


def test_english_page_chrome_above_the_headline_is_dropped() -> None:
    english = (
        "Kim Ga-ram, chief executive of Hanbit Electronics, met Robert Lin, CEO of Nova AI, in Pangyo on Wednesday.\n"
        "The two discussed a joint research centre and on-device language models, the company said.\n"
    )
    page = "\n".join(
        [
            "Skip to content", "KOSPI 2556.61 -8.81 -0.34%", "USD/KRW 1438 1.00 -0.07%", "Shipping & Shipbuilding",
            "Hanbit Electronics, Nova AI chiefs discuss on-device AI", "Korea Example Daily",
            "Home > Business > Industry", "print dictionary print", "2 Min read", "facebook share", english,
        ]
    )  # fmt: skip
    article = read_text(page, source="t")
    assert headline(article) == "Hanbit Electronics, Nova AI chiefs discuss on-device AI"
    assert [p.text for p in article.paragraphs] == english.strip().split("\n")
    assert article.language == "en"


def test_roles_change_the_content_hash() -> None:
    """A paragraph that becomes a caption is stored differently: the hash says the article changed."""
    as_body = read_text(f"{HEADLINE}\n{SHOT}\n{BODY}", source="t")
    as_caption = read_text(f"{HEADLINE}\n{SHOT} (사진=한빛전자)\n{BODY}", source="t")
    assert [p.text for p in as_body.paragraphs] == [p.text for p in as_caption.paragraphs]
    assert as_body.content_hash != as_caption.content_hash
