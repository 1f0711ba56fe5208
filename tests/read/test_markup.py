"""Markup anywhere becomes text (issue 19): in a JSON line's text, a .txt capture and an HTML page, blocks are lines,
entities are unescaped, scripts and navigation are gone, alt/figcaption/title text is a caption, and no line is
lost for holding a tag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import read_file, read_html, read_text
from kg.read.markup import has_markup, render

from .common import BODY, HEADLINE, assert_offsets, headline, only_article, roles, texts

LEAD, SECOND = BODY.strip().split("\n")
CAPTION = "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다."


def test_one_line_html_in_a_json_line_is_read_as_its_blocks(tmp_path: Path) -> None:
    """A crawler's record whose text is the article as one <div> line: every block a paragraph, with its role."""
    html = (
        f"<div class=\"article\"><h1>{HEADLINE}</h1><h3>공동 연구소 설립도 논의</h3>"
        f"<figure><img src=\"/p/1.jpg\" alt=\"악수하는 두 대표\"><figcaption>{CAPTION} (사진=한빛전자)</figcaption>"
        f"</figure><p>{LEAD.replace('한빛전자', '<b>한빛전자</b>', 1)}</p><p>{SECOND}</p>"
        "<script>var x = '<p>광고</p>';</script><nav><a href=\"/\">홈</a> <a href=\"/it\">IT</a></nav></div>"
    )
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"url": "https://www.yna.co.kr/view/AKR20250312000100017", "text": html},
                               ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    article = only_article(read_file(path))
    assert_offsets(article)
    assert roles(article) == [
        ("headline", HEADLINE),
        ("subtitle", "공동 연구소 설립도 논의"),
        ("caption", "악수하는 두 대표"),
        ("caption", CAPTION),
        ("body", LEAD),
        ("body", SECOND),
    ]
    assert "<" not in article.text and "광고" not in article.text and "홈" not in article.text


def test_br_separated_transcript_keeps_every_line(tmp_path: Path) -> None:
    """A broadcast transcript whose lines are separated by <br /> only: each line a paragraph, none dropped."""
    lines = [
        "[앵커] 김가람 한빛전자 대표가 로버트 린 노바AI 최고경영자를 만났습니다.",
        "[기자] 두 사람은 12일 판교 본사에서 공동 연구소 설립 방안을 논의했습니다.",
        "한빛전자는 연내 구체적인 협력 결과물을 내놓겠다고 밝혔습니다.",
    ]
    text = f"{HEADLINE}<br /><br />" + "<br />".join(lines) + "<br/>"
    path = tmp_path / "transcript.txt"
    path.write_text(text, encoding="utf-8")
    article = only_article(read_file(path))
    assert_offsets(article)
    assert headline(article) == HEADLINE
    assert texts(article) == lines


def test_a_line_with_one_inline_tag_keeps_its_text() -> None:
    linked = LEAD.replace("로버트 린", "<a href='https://example.org/p/2' class='human_link'>로버트 린</a>")
    article = read_text(f"{HEADLINE}\n{linked}\n{SECOND}", source="t")
    assert texts(article) == [LEAD, SECOND]


def test_entities_unescaped_and_nfc_and_controls_gone() -> None:
    # "&#x1100;&#x1161;" is 가 decomposed; an escape character, as an entity or not, would drive a terminal
    text = (f"{HEADLINE}\n&#x1100;&#x1161;람 한빛전자 대표가 &quot;AI&quot; 협력을 R&amp;D 센터에서 논의했다.&#x9b;2J"
            f"\x1b]0;title\x07\n{SECOND}")  # fmt: skip
    article = read_text(text, source="t")
    assert_offsets(article)
    assert texts(article)[0].startswith('가람 한빛전자 대표가 "AI" 협력을 R&D 센터에서 논의했다.')
    assert not any(ch in article.text for ch in "\x1b\x9b\x07")


@pytest.mark.parametrize(
    "text",
    [
        f"{CAPTION} <최태원 회장 인스타그램 갈무리>",  # a credit in angle brackets is no tag
        "삼성전자는 매출 <3조 원> 목표를 세웠다고 밝혔다는 소식이다.",
        "영업이익률 a < b 이고 c > d 인 구조라고 회사 측은 설명했다.",
    ],
)
def test_angle_brackets_that_are_no_tags_stay_text(text: str) -> None:
    assert not has_markup(text)
    article = read_text(f"{HEADLINE}\n{text}\n{SECOND}", source="t")
    assert text.startswith(texts(article)[0])


def test_an_element_never_closed_is_not_dropped() -> None:
    """<nav> opened by a broken capture and never closed must not take the rest of the article with it."""
    rendered = render(f"<nav>{HEADLINE}<p>{LEAD}</p><p>{SECOND}</p>")
    assert [line for line, _ in rendered.lines] == [HEADLINE, LEAD, SECOND]


def test_markup_metadata_date_is_read_from_meta_tags() -> None:
    text = (f'<meta property="article:published_time" content="2025-03-12T09:30:00+09:00">'
            f"<h1>{HEADLINE}</h1><p>{LEAD}</p><p>{SECOND}</p>")  # fmt: skip
    article = read_text(text, source="t")
    assert str(article.published) == "2025-03-12 09:30:00"
    assert article.published_from == "metadata"


# ---------------------------------------------------------------------------------------------------
# HTML pages


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"


def test_a_page_of_pictures_only_keeps_alt_and_figcaption_as_captions() -> None:
    html = page(
        "<header><nav><a href='/'>홈</a></nav></header><div class='photo'>"
        f"<img src='/p/1.jpg' alt='판교 본사에서 만난 김가람 한빛전자 대표와 로버트 린 노바AI CEO'>"
        f"<figure><img src='/p/2.jpg'><figcaption>{CAPTION} 2025.10.1 [email protected]</figcaption></figure>"
        "</div><footer>Copyright ⓒ 예시통신. 무단 전재 및 재배포 금지</footer>"
    )
    article = read_html(html, source="photos.html")
    assert_offsets(article)
    assert roles(article) == [
        ("caption", "판교 본사에서 만난 김가람 한빛전자 대표와 로버트 린 노바AI CEO"),
        ("caption", CAPTION),
    ]
    # the caption's stamp is the only date there is: it anchors the article's relative dates
    assert str(article.published) == "2025-10-01" and article.published_from == "caption"


def test_a_figcaption_inside_the_main_text_is_a_caption_and_the_h1_the_headline() -> None:
    html = page(
        f"<article><h1>{HEADLINE}</h1><p>입력 2025.03.12 09:30</p><figure><img src='/p/1.jpg' alt='악수하는 두 대표'>"
        f"<figcaption>{CAPTION} (사진=한빛전자)</figcaption></figure><p>{LEAD}</p><p>{SECOND}</p></article>",
        head=f"<title>{HEADLINE} - 테크데일리</title>",
    )
    article = read_html(html, source="page.html")
    assert_offsets(article)
    assert roles(article) == [
        ("headline", HEADLINE),
        ("caption", "악수하는 두 대표"),
        ("caption", CAPTION),
        ("body", LEAD),
        ("body", SECOND),
    ]
    assert str(article.published) == "2025-03-12 09:30:00" and article.published_from == "text"


def test_a_page_whose_main_text_lacks_the_headline_gets_it_on_top() -> None:
    html = page(f"<div class='headline'><span>{HEADLINE}</span></div><article><p>{LEAD}</p><p>{SECOND}</p>"
                "</article>", head=f'<meta property="og:title" content="{HEADLINE}">')  # fmt: skip
    article = read_html(html, source="page.html")
    assert article.headline is not None and article.headline.text == HEADLINE
    assert article.text.startswith(HEADLINE)
    assert texts(article) == [LEAD, SECOND]


def test_a_page_of_scripts_and_navigation_only_is_an_input_error() -> None:
    html = page("<nav><a href='/'>홈</a></nav><script>document.write('<p>loading</p>')</script><noscript>JS</noscript>")
    with pytest.raises(InputError, match="no article text"):
        read_html(html, source="empty.html")


def test_a_whole_page_in_a_json_lines_text_field_is_read_as_a_page(tmp_path: Path) -> None:
    """A crawler that put the page's source in "text": read as an HTML page (main text, meta tags), not as text."""
    html = page(f"<nav><a href='/'>홈</a></nav><article><h1>{HEADLINE}</h1><p>{LEAD}</p><p>{SECOND}</p></article>",
                head='<meta property="article:published_time" content="2025-03-12T09:30:00+09:00">')  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": html}, ensure_ascii=False) + "\n", encoding="utf-8")
    article = only_article(read_file(path))
    assert roles(article) == [("headline", HEADLINE), ("body", LEAD), ("body", SECOND)]
    assert (str(article.published), article.published_from) == ("2025-03-12 09:30:00", "metadata")
