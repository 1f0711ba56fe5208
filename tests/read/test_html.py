"""HTML pages -> Article: main text and page metadata through trafilatura; formats sniffed by content."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import read_file, read_html

from .common import BODY, DATA, HEADLINE, assert_offsets, only_article, texts


def test_html_file_main_text_and_metadata() -> None:
    article = only_article(read_file(DATA / "article.html"))
    assert_offsets(article)
    assert article.title == HEADLINE
    assert article.publisher == "테크데일리"
    assert article.reporter == "박하늘"
    assert article.url == "https://www.techdaily.example/news/articleView.html?idxno=1234"
    # Not the modified date (14th) nor the header's UPDATED line.
    assert article.published == datetime(2025, 3, 12, 9, 30)
    body = texts(article)
    assert body[0].startswith("[테크데일리 박하늘 기자] 김가람 한빛전자 대표가 12일")
    assert body[-1].startswith("한빛전자 관계자는")
    joined = "\n".join(body)
    for noise in ("많이 본 뉴스", "시장 기대", "Copyright", "UPDATED", "공유하기", "입력 2025"):
        assert noise not in joined


def test_read_html_direct_and_option_date_wins() -> None:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    article = read_html(html, source="page", url="https://example.org/x", published=date(2025, 1, 2))
    assert article.url == "https://example.org/x"
    assert article.published == date(2025, 1, 2)
    assert article.published_from == "option"
    assert article.source == "page"


def test_html_without_article_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="page: no article text"):
        read_html("<html><body><nav><a href='/'>홈</a></nav></body></html>", source="page")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "download.bin"
    page.write_bytes((DATA / "article.html").read_bytes())
    scraped = tmp_path / "clip.dat"
    scraped.write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    html_article = only_article(read_file(page))
    assert html_article.publisher == "테크데일리"
    assert "<" not in html_article.text
    text_article = only_article(read_file(scraped))
    assert text_article.title == HEADLINE
    assert len(text_article.paragraphs) == 2
