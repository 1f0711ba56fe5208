"""The reader stage: files -> Article (kept paragraphs with exact offsets, metadata) or ReadFailure."""

from __future__ import annotations

import json
import os
import random
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read import (
    NO_DATE_WARNING,
    date_from_url,
    decode_bytes,
    iter_file,
    read_file,
    read_html,
    read_paths,
    read_text,
)
from kg.read import page as reader

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "examples" / "articles"
KBS = SEEDS / "000_2546148ec63b8380.txt"
BUSINESSPOST = SEEDS / "002_70b3b5a192c8fc87.txt"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path("/work/shared/corpus")
DEV_ARTICLES = sorted((CORPUS / "dev" / "articles").glob("*.txt"))
needs_dev = pytest.mark.skipif(not DEV_ARTICLES, reason="dev corpus not available")

# A made-up article body (no real people) reused by many tests.
BODY = (
    "김가람 한빛전자 대표가 12일 판교 본사에서 로버트 린 노바AI 최고경영자(CEO)를 만나 협력 방안을 논의했다.\n"
    "두 사람은 이날 공동 연구소 설립과 경량 언어모델 탑재 방안에 대해 의견을 나눈 것으로 알려졌다.\n"
)
HEADLINE = "한빛전자 대표, 노바AI CEO와 판교서 회동"


def only_article(items: list[Article | ReadFailure]) -> Article:
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Article), item
    return item


def assert_offsets(article: Article) -> None:
    assert article.text == unicodedata.normalize("NFC", article.text)
    for number, p in enumerate(article.paragraphs, start=1):
        assert p.index == number
        assert article.text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


def dev_record(path: Path) -> dict[str, str]:
    """The evaluation's form of a dev article: {"url", "text" after the header block}."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    url = next(line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("url:"))
    return {"url": url, "text": body}


# ---------------------------------------------------------------------------------------------------
# The two seeds


def test_kbs_seed_body_once_with_metadata() -> None:
    article = only_article(read_file(KBS))
    assert_offsets(article)
    assert article.title == "최태원 회장, 올트먼 오픈AI CEO와 만나…AI 협력 강화"
    assert article.published == datetime(2025, 7, 21, 20, 3)
    assert article.published_from == "text"
    assert article.publisher == "KBS"
    assert article.reporter == "정재우"
    # The body is the 8 sentence lines after the widget notice; the page repeats them 3 more times.
    lines = KBS.read_text(encoding="utf-8").splitlines()
    assert texts(article) == lines[6:14]
    assert article.warnings == ()


def test_businesspost_seed_body_caption_kept_latest_news_dropped() -> None:
    article = only_article(read_file(BUSINESSPOST))
    assert_offsets(article)
    assert article.title == "최태원 오픈AI MS 포함 미국 빅테크 CEO와 만나, SK그룹 AI 사업협력 모색"
    assert article.published == datetime(2024, 6, 27, 17, 3, 34)
    assert article.publisher == "비즈니스포스트"
    assert article.reporter == "김바램"
    body = texts(article)
    assert body[0].startswith("[비즈니스포스트] 미국 출장 중인 최태원 SK그룹 회장이")
    assert body[-1].startswith("SK 관계자는 ")
    assert body[-1].endswith("말했다.")  # the trailing "김바램 기자" credit is trimmed
    caption = [p for p in body if p.startswith("최태원 SK그룹 회장(왼쪽)이 27일")]
    assert caption == [
        "최태원 SK그룹 회장(왼쪽)이 27일 샘 올트먼 오픈AI 최고경영자(CEO)와 기념사진을 자신의 인스타그램에 게시했다."
    ]
    joined = "\n".join(body)
    for noise in (
        "<a href",
        "human_link",
        "최신기사",
        "금감원",
        "홍익표",
        "Cjournal",
        "공유하기",
        "확대 축소",
        "200자",
        "기업일반",
    ):
        assert noise not in joined
    assert len(body) == 9


def test_same_article_read_twice_has_same_hash_and_differs_from_another() -> None:
    first = only_article(read_file(KBS))
    again = only_article(read_file(KBS))
    other = only_article(read_file(BUSINESSPOST))
    assert first.content_hash == again.content_hash
    assert first.content_hash.startswith("sha256:") and len(first.content_hash) == 7 + 64
    assert first.content_hash != other.content_hash


def test_text_file_and_jsonl_record_of_the_same_text_agree(tmp_path: Path) -> None:
    text = BUSINESSPOST.read_text(encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    from_text = only_article(read_file(BUSINESSPOST))
    from_jsonl = only_article(read_file(jsonl))
    assert from_jsonl.source == f"{jsonl}:1"
    assert from_jsonl.content_hash == from_text.content_hash
    assert texts(from_jsonl) == texts(from_text)


# ---------------------------------------------------------------------------------------------------
# The dev articles, read the way the evaluation hands them over (JSON Lines {url, text})


@needs_dev
@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda p: p.stem)
def test_dev_article_date_matches_gold_and_offsets_hold(path: Path, tmp_path: Path) -> None:
    gold = json.loads((CORPUS / "dev" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    jsonl = tmp_path / "dev.jsonl"
    jsonl.write_text(json.dumps(dev_record(path), ensure_ascii=False) + "\n", encoding="utf-8")
    article = only_article(read_file(jsonl))
    assert_offsets(article)
    assert article.published_date == date.fromisoformat(gold["published"])
    assert article.title and article.publisher
    body = texts(article)
    assert body, "no body kept"
    assert len({" ".join(t.split()) for t in body}) == len(body), "a repeated paragraph was kept"
    assert article.title not in body
    for text in body:
        assert len(text.split()) >= 3, f"short chrome line kept: {text!r}"
        assert "@" not in text
        assert not text.startswith(("입력", "수정", "승인", "UPDATED", "최종편집", "▲", "•"))
        for noise in (
            "공유하기", "글자 크기", "글자크기", "컬러 모드", "자동요약", "자동 요약", "음성재생", "번역beta",
            "이 기사를 공유", "댓글", "(사진=", "[사진=", "/뉴시스", "ⓒ", "갈무리", "본문 보기를 권장",
        ):  # fmt: skip
            assert noise not in text, f"boilerplate {noise!r} kept in {text!r}"


@needs_dev
def test_dev_dates_with_misleading_site_header_dates() -> None:
    """A site header's UPDATED/최종편집 date is not the article's date; the 승인 line is."""
    by_stem = {p.stem: p for p in DEV_ARTICLES}
    h015 = read_text(**dev_record(by_stem["h015"]), source="h015")
    h025 = read_text(**dev_record(by_stem["h025"]), source="h025")
    assert h015.published == datetime(2024, 2, 28, 15, 52)
    assert h025.published == datetime(2026, 1, 7, 13, 41)


@needs_dev
def test_dev_text_file_with_url_header_equals_jsonl_record(tmp_path: Path) -> None:
    path = next(p for p in DEV_ARTICLES if p.stem == "h024")
    as_file = only_article(read_file(path))
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps(dev_record(path), ensure_ascii=False), encoding="utf-8")
    as_record = only_article(read_file(jsonl))
    assert as_file.url == as_record.url == "https://v.daum.net/v/20260318214034605"
    assert as_file.text == as_record.text
    assert as_file.content_hash == as_record.content_hash
    assert as_file.publisher == "뉴스1"  # the "(서울=뉴스1)" byline beats the aggregator's host
    assert as_file.reporter == "원태성, 김진희"
    caption = next(t for t in texts(as_file) if "술잔을 들고" in t)
    assert caption.endswith("기념촬영하고 있다.")  # "(... 제공. 재판매 및 DB 금지) 2026.3.18 ⓒ 뉴스1" trimmed


# ---------------------------------------------------------------------------------------------------
# HTML


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


def test_all_boilerplate_text_is_a_failure(tmp_path: Path) -> None:
    chrome = tmp_path / "chrome.txt"
    chrome.write_text(
        "공유하기\n페이스북 공유하기 X 공유하기\n  • 보통\n입력 2025.03.12 09:30\n좋아요\n0\n",
        encoding="utf-8",
    )
    (failure,) = read_file(chrome)
    assert isinstance(failure, ReadFailure) and "no article text" in failure.problem


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


# ---------------------------------------------------------------------------------------------------
# JSON Lines


def test_jsonl_fields_and_failures_with_line_numbers(tmp_path: Path) -> None:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    lines = [
        json.dumps(
            {
                "url": "https://news.example.kr/a/1",
                "title": f"{HEADLINE} - 예시일보",
                "published": "2025-03-01",
                "publisher": "예시일보",
                "text": f"{HEADLINE}\n{BODY}",
            },
            ensure_ascii=False,
        ),
        "{not json",
        "",
        "[1, 2]",
        json.dumps({"url": "https://news.example.kr/a/2", "title": "본문 없음"}),
        json.dumps({"url": "https://www.techdaily.example/p", "html": html}, ensure_ascii=False),
        json.dumps({"text": "   \n  "}),
    ]
    path = tmp_path / "batch.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_file(path)
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "Article",
        "ReadFailure",
    ]
    first, bad_json, not_object, no_text, from_html, empty = items
    assert isinstance(first, Article) and isinstance(from_html, Article)
    assert first.source == f"{path}:1"
    assert first.title == f"{HEADLINE} - 예시일보"
    assert first.publisher == "예시일보"
    assert first.url == "https://news.example.kr/a/1"
    assert first.published == date(2025, 3, 1)
    assert first.published_from == "metadata"
    assert len(first.paragraphs) == 2  # the scraped headline is the given title, reworded: not body
    assert (bad_json.line, not_object.line, no_text.line, empty.line) == (2, 4, 5, 7)
    assert all(f.source == str(path) for f in (bad_json, not_object, no_text, empty))
    assert "malformed JSON" in bad_json.problem
    assert "not a JSON object" in not_object.problem
    assert "text" in no_text.problem and "html" in no_text.problem
    assert str(bad_json).startswith(f"{path}:2: ")
    assert from_html.source == f"{path}:6"
    assert from_html.title == HEADLINE
    assert from_html.published == datetime(2025, 3, 12, 9, 30)


def test_jsonl_unreadable_published_value_warns_and_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    record = {"published": "어제쯤", "url": "https://www.yna.co.kr/view/AKR20250204000100017", "text": BODY}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    article = only_article(read_file(path))
    assert article.published == date(2025, 2, 4)
    assert article.published_from == "url"
    assert article.publisher == "연합뉴스"
    assert any("어제쯤" in w for w in article.warnings)


# ---------------------------------------------------------------------------------------------------
# Metadata forms in scraped text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("입력 2025.07.21 (20:03)", datetime(2025, 7, 21, 20, 3)),
        ("2024-06-27 17:03:34", datetime(2024, 6, 27, 17, 3, 34)),
        ("입력 2025-03-26 16:23", datetime(2025, 3, 26, 16, 23)),
        ("기사입력 2025.02.04 오후 4:34", datetime(2025, 2, 4, 16, 34)),
        ("등록 2024.05.01 09:00", datetime(2024, 5, 1, 9, 0)),
        ("승인 2024.02.28 15:52", datetime(2024, 2, 28, 15, 52)),
        ("2025. 7. 21.", date(2025, 7, 21)),
        ("2026. 3. 18. 21:40", datetime(2026, 3, 18, 21, 40)),
        ("2025년 7월 21일 오후 3:04", datetime(2025, 7, 21, 15, 4)),
        ("2025년 7월 21일 오전 12:30", datetime(2025, 7, 21, 0, 30)),
        ("2024-04-18 16:41", datetime(2024, 4, 18, 16, 41)),
        ("홍길동 기자 2026. 3. 18. 21:40", datetime(2026, 3, 18, 21, 40)),
    ],
)
def test_publication_date_forms(line: str, expected: date | datetime) -> None:
    article = read_text(f"{HEADLINE}\n{line}\n{BODY}", source="t")
    assert article.published == expected
    assert type(article.published) is type(expected)
    assert article.published_from == "text"
    assert line not in article.text[article.paragraphs[0].start :]
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    "header",
    [
        "UPDATED. 2024-04-27 21:25 (토)",
        "최종편집 : 2026-01-08 11:59 (목)",
        "수정 2024-04-27 21:25",
        "최종수정 2024.04.27 21:25",
    ],
)
def test_update_dates_are_not_publication_dates(header: str) -> None:
    labeled = read_text(f"{header}\n{HEADLINE}\n승인 2024.02.28 15:52\n{BODY}", source="t")
    assert labeled.published == datetime(2024, 2, 28, 15, 52)
    alone = read_text(f"{header}\n{HEADLINE}\n{BODY}", source="t")
    assert alone.published is None
    assert NO_DATE_WARNING in alone.warnings


def test_labeled_date_beats_unlabeled_and_first_labeled_wins() -> None:
    text = f"2023-01-01\n{HEADLINE}\n입력 2025-07-21 20:03\n{BODY}- 입력 2025-07-22 08:00:00\n"
    assert read_text(text, source="t").published == datetime(2025, 7, 21, 20, 3)
    unlabeled = f"2023-01-01 10:00\n{HEADLINE}\n2025-05-22 20:25:35 2025-05-22 21:00:00\n{BODY}"
    assert read_text(unlabeled, source="t").published == datetime(2025, 5, 22, 20, 25, 35)


def test_dates_inside_body_sentences_are_not_publication_dates() -> None:
    text = f"{HEADLINE}\n양사는 2024년 3월 5일 첫 계약을 맺은 뒤 협력을 이어 왔다고 밝혔다.\n{BODY}"
    article = read_text(text, source="t")
    assert article.published is None
    assert article.published_from is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.co.kr/news/20251031/123456", date(2025, 10, 31)),
        ("https://www.example.com/2025/10/31/some-slug/", date(2025, 10, 31)),
        ("https://www.newsis.com/view/NISX20250204_0003020123", date(2025, 2, 4)),
        ("https://news.example.com/article.html?articleId=202507212965", date(2025, 7, 21)),
        ("https://www.khan.co.kr/article/202502041634001", date(2025, 2, 4)),
        ("https://m.ajunews.com/amp/20240418163930196", date(2024, 4, 18)),
        ("https://v.daum.net/v/20260318214034605", date(2026, 3, 18)),
        ("https://newstomato.com/ReadNews.aspx?no=1223764", None),
        ("https://www.example.com/news/articleView.html?idxno=20241399", None),
        (None, None),
    ],
)
def test_dates_from_urls(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected
    if url and expected:
        article = read_text(f"{HEADLINE}\n{BODY}", source="t", url=url)
        assert article.published == expected
        assert article.published_from == "url"


def test_text_date_beats_url_and_option_beats_both() -> None:
    url = "https://v.daum.net/v/20260318214034605"
    text = f"{HEADLINE}\n입력 2026.03.19 08:00\n{BODY}"
    assert read_text(text, source="t", url=url).published == datetime(2026, 3, 19, 8, 0)
    forced = read_text(text, source="t", url=url, published=datetime(2020, 1, 1, 9, 0))
    assert forced.published == datetime(2020, 1, 1, 9, 0)
    assert forced.published_from == "option"
    assert forced.warnings == ()


def test_no_date_anywhere_warns() -> None:
    article = read_text(BODY, source="t")
    assert article.published is None
    assert article.published_from is None
    assert article.warnings == (NO_DATE_WARNING,)


@pytest.mark.parametrize(
    ("text", "url", "publisher", "reporter"),
    [
        (f"{HEADLINE}\n[비즈니스포스트] {BODY}", None, "비즈니스포스트", None),
        (f"{HEADLINE}\n(서울=뉴스1) 홍길동 기자 = {BODY}", None, "뉴스1", "홍길동"),
        (f"{HEADLINE}\n[뉴스토마토 이지은 기자] {BODY}", None, "뉴스토마토", "이지은"),
        (f"{HEADLINE}\n[화이트페이퍼=이승섭 기자] {BODY}", None, "화이트페이퍼", "이승섭"),
        (f"{HEADLINE}\n[단독] {BODY}", "https://www.hankyung.com/article/1", "한국경제", None),
        (f"{HEADLINE}\n{BODY}정재우 기자 jjw@kbs.co.kr\n", None, "KBS", "정재우"),
        (
            f"{HEADLINE}\n김바램 기자 wish@businesspost.co.kr 2024-06-27 17:03:34\n{BODY}",
            None,
            "비즈니스포스트",
            "김바램",
        ),
        (f"{HEADLINE}\n  • 김정현 기자\n{BODY}", "https://m.edaily.co.kr/x", "이데일리", "김정현"),
        (f"{HEADLINE}\n원태성 기자 김진희 기자 2026. 3. 18. 21:40\n{BODY}", None, None, "원태성, 김진희"),
    ],
)
def test_publisher_and_reporter_forms(
    text: str, url: str | None, publisher: str | None, reporter: str | None
) -> None:
    article = read_text(text, source="t", url=url)
    assert article.publisher == publisher
    assert article.reporter == reporter
    joined = "\n".join(texts(article))
    assert "@" not in joined
    assert "기자 20" not in joined


def test_caller_title_and_publisher_win() -> None:
    article = read_text(
        f"{HEADLINE}\n[비즈니스포스트] {BODY}", source="t", title="다른 제목", publisher="예시일보"
    )
    assert article.title == "다른 제목"
    assert article.publisher == "예시일보"
    # An unrelated first line is not taken for the headline of a differently titled article.
    assert texts(article)[0] == HEADLINE
    reworded = read_text(f"{HEADLINE}\n{BODY}", source="t", title=f"[단독] {HEADLINE.replace(',', '')}")
    assert len(reworded.paragraphs) == 2


def test_body_without_headline_keeps_its_first_paragraph() -> None:
    article = read_text(BODY, source="t")
    assert article.title is None
    assert len(article.paragraphs) == 2


# ---------------------------------------------------------------------------------------------------
# Boilerplate and repeats


def test_general_boilerplate_dropped_and_captions_trimmed() -> None:
    caption = "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다."
    page = "\n".join(
        [
            "최종편집 : 2025-03-14 11:00 (금)",
            "예시일보",
            "산업  전자",
            HEADLINE,
            "보기 설정",
            "글자 크기",
            "  • 보통",
            "  • 크게",
            "컬러 모드",
            "공유하기",
            "페이스북 공유하기 X 공유하기 카카오톡 공유하기 url 공유하기 인쇄하기",
            "읽어주기 기능은 크롬기반의",
            "브라우저에서만 사용하실 수 있습니다.",
            "입력 2025.03.12 09:30",
            "수정 2025.03.12 10:00",
            "번역beta Translated by 예시",
            "본문 요약",
            "<a href='https://example.org/p/1' class='human_link'>김가람</a> 한빛전자 대표 관련 링크",
            "[사진 출처 : 예시통신]",
            f"▲ {caption} (사진=한빛전자)",
            f"{caption} 홍길동 기자",
            f"{caption} /예시통신",
            "신제품 공개 일정도 함께 논의",
            BODY.rstrip("\n") + "  박하늘 기자",
            "-",
            "0",
            "박하늘 기자 sky@yesi.example",
            "박하늘 기자의 기사 모음",
            "■ 제보하기",
            "▷ 카카오톡 : '예시제보' 검색",
            "▷ 전화 : 02-000-0000",
            "이 기사가 좋으셨다면",
            "좋아요",
            "두 회사가 다른 분야에서도 협력한다는 소식도 있었다고 알려졌다.",
        ]
    )
    article = read_text(page, source="t")
    assert_offsets(article)
    assert article.title == HEADLINE
    assert article.published == datetime(2025, 3, 12, 9, 30)
    assert article.reporter == "박하늘"
    body_lines = BODY.strip().split("\n")
    assert texts(article) == [caption, "신제품 공개 일정도 함께 논의", *body_lines]


def test_body_sentences_about_widget_words_are_kept() -> None:
    """AI news talks about summaries, copyright and comments: such sentences are body, not chrome."""
    sentences = [
        "노바AI가 예시신문의 저작권 침해 소송에 대응해 기사 무단 복제 의혹을 부인했다.",
        "한빛전자는 AI 자동 요약 기능과 음성 재생 서비스를 함께 선보였다고 밝혔다.",
        "댓글 조작 의혹에 대해 회사 측은 사실이 아니라고 설명했다.",
        "두 회사는 기사 검색과 공유하기 기능을 AI 비서에 넣기로 했다.",
    ]
    article = read_text("\n".join([HEADLINE, *sentences]), source="t")
    assert texts(article) == sentences


def test_repeated_paragraphs_kept_once_comparing_whitespace_normalised() -> None:
    text = f"{HEADLINE}\n{BODY}\n{BODY.replace(' ', '  ')}\n- {HEADLINE}\n{BODY}"
    article = read_text(text, source="t")
    assert len(article.paragraphs) == 2
    assert article.paragraphs[1].end < len(BODY) + len(HEADLINE) + 2


def test_latest_news_heading_ends_the_article() -> None:
    text = f"{HEADLINE}\n{BODY}최신기사\n다른 회사 대표가 다른 투자자를 만나 전혀 다른 사업을 논의했다는 소식이다.\n"
    article = read_text(text, source="t")
    assert "다른 투자자" not in "\n".join(texts(article))


def test_nfc_and_line_endings() -> None:
    decomposed = unicodedata.normalize("NFD", f"{HEADLINE}\r\n{BODY}".replace("\n", "\r\n"))
    article = read_text(decomposed, source="t")
    assert_offsets(article)
    assert "\r" not in article.text
    assert article.title == HEADLINE
    composed = read_text(f"{HEADLINE}\n{BODY}", source="t")
    assert article.content_hash == composed.content_hash


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                BODY.strip().split("\n") + [HEADLINE, "공유하기", "  • 보통", "입력 2025.03.12 09:30", ""]
            ),
            st.text(alphabet=st.sampled_from("가나다라 마바사AI.()<>=[]\t ᄀ ᅡ́e\u00a0"), max_size=60),
        ),
        max_size=25,
    )
)
def test_offsets_always_exact(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        article = read_text(text, source="t")
    except InputError as exc:
        assert exc.problem.startswith(("empty", "no article text"))
        return
    assert_offsets(article)


# ---------------------------------------------------------------------------------------------------
# Encodings and failures


def test_decode_utf8_bom_and_cp949_detected(tmp_path: Path) -> None:
    text = f"{HEADLINE}\n{BODY}"
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("cp949"), "a") == text
    assert decode_bytes(text.encode("euc-kr"), "a") == text
    assert decode_bytes(text.encode("utf-16"), "a") == text
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(KBS.read_text(encoding="utf-8").encode("cp949"))
    assert only_article(read_file(legacy)).content_hash == only_article(read_file(KBS)).content_hash


def test_other_cjk_encoding_is_not_mistaken_for_cp949() -> None:
    japanese = "東京で会議が開かれた。両社は協力について話し合った。"
    assert decode_bytes(japanese.encode("shift_jis"), "a") == japanese


def test_binary_and_undecodable_are_refused() -> None:
    with pytest.raises(InputError, match=r"x\.bin: binary"):
        decode_bytes(b"PK\x03\x04\x00\x00data", "x.bin")
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(noise, "noise.txt")
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(bytes([0x80, 0xFF, 0x81, 0xFE]) * 20, "odd.txt")


def test_file_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    odd = tmp_path / "odd.txt"
    odd.write_bytes(bytes([0x80, 0xFF, 0x81, 0xFE]) * 20)
    missing = tmp_path / "nope.txt"
    for path, problem in [(empty, "empty"), (blank, "empty"), (binary, "binary"), (odd, "undecodable")]:
        (failure,) = read_file(path)
        assert isinstance(failure, ReadFailure)
        assert failure.source == str(path)
        assert problem in failure.problem
    (gone,) = read_paths([missing])
    assert isinstance(gone, ReadFailure) and gone.source == str(missing) and "no such file" in gone.problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    try:
        (failure,) = read_file(locked)
        assert isinstance(failure, ReadFailure) and "cannot be read" in failure.problem
    finally:
        locked.chmod(0o644)


def test_folder_recursive_sorted_hidden_skipped_bad_and_good(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "b.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    (folder / "a.txt").write_bytes(b"")
    (folder / "sub" / "c.html").write_bytes((DATA / "article.html").read_bytes())
    (folder / "sub" / "d.jsonl").write_text(
        '{"text": "' + BODY.replace("\n", "\\n") + '"}\nnot json\n', encoding="utf-8"
    )
    (folder / ".secret.txt").write_text(BODY, encoding="utf-8")
    (folder / ".hidden" / "e.txt").write_text(BODY, encoding="utf-8")
    (folder / "z.txt").write_bytes(b"\x00\x01\x02")
    single = tmp_path / "single.txt"
    single.write_text(BODY, encoding="utf-8")
    items = list(read_paths([folder, single, tmp_path / "missing"], published=date(2025, 5, 5)))
    summary = [(Path(i.source.split(":")[0]).name, type(i).__name__) for i in items]
    assert summary == [
        ("a.txt", "ReadFailure"),
        ("b.txt", "Article"),
        ("c.html", "Article"),
        ("d.jsonl", "Article"),
        ("d.jsonl", "ReadFailure"),
        ("z.txt", "ReadFailure"),
        ("single.txt", "Article"),
        ("missing", "ReadFailure"),
    ]
    articles = [i for i in items if isinstance(i, Article)]
    assert all(a.published == date(2025, 5, 5) and a.published_from == "option" for a in articles)
    jsonl_failure = items[4]
    assert isinstance(jsonl_failure, ReadFailure) and jsonl_failure.line == 2


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (failure,) = read_paths([tmp_path])
    assert isinstance(failure, ReadFailure) and "no readable files" in failure.problem


def test_read_text_refuses_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        read_text("  \n ", source="blank")


# ---------------------------------------------------------------------------------------------------
# Truncated input, size limits, streaming


def test_truncated_utf8_is_named_as_such() -> None:
    whole = f"{HEADLINE}\n{BODY}".encode()
    cut = whole + "협".encode()[:2]
    with pytest.raises(InputError, match=r"cut\.txt: truncated UTF-8: the file ends inside a character \(byte"):
        decode_bytes(cut, "cut.txt")
    # a bad byte in the middle is not a truncation, and the message says where it is
    broken = whole[:40] + b"\xff" + whole[40:]
    with pytest.raises(InputError, match=r"invalid byte at 40"):
        decode_bytes(broken, "broken.txt")


def test_a_text_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(f"{HEADLINE}\n" + BODY * 20, encoding="utf-8")
    (failure,) = read_file(big)
    assert isinstance(failure, ReadFailure) and failure.source == str(big)
    assert failure.problem.startswith("too large:") and "limit" in failure.problem
    small = tmp_path / "small.txt"
    small.write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    only_article(read_file(small))


def test_json_lines_have_no_file_limit_only_a_line_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 2000)
    monkeypatch.setattr(reader, "_CHUNK", 64)  # lines cut across reads
    record = json.dumps({"text": f"{HEADLINE}\n{BODY}"}, ensure_ascii=False)
    huge = json.dumps({"text": f"{HEADLINE}\n" + BODY * 20}, ensure_ascii=False)
    lines = [record.replace("12일", f"{d}일") for d in range(1, 13)]
    for name in ("feed.jsonl", "feed.data"):  # by suffix, and by content for a file over the limit
        path = tmp_path / name
        path.write_text("\n".join([*lines[:5], huge, *lines[5:]]) + "\n", encoding="utf-8")
        items = read_file(path)
        assert len(items) == 13
        failure = items[5]
        assert isinstance(failure, ReadFailure) and failure.line == 6 and "line too large" in failure.problem
        assert [i.source for i in items if isinstance(i, Article)] == [
            f"{path}:{n}" for n in (*range(1, 6), *range(7, 14))
        ]


def test_json_lines_are_streamed_an_article_before_the_next_line_is_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": f"{HEADLINE}\n{BODY}"}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = iter_file(feed)
    first = next(items)
    assert isinstance(first, Article) and first.source == f"{feed}:1"
    # the second line is written only now: a reader that had read the whole file could not see it
    with feed.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    second = next(items)
    assert isinstance(second, ReadFailure) and second.line == 2 and "malformed JSON" in second.problem
    assert next(items, None) is None


def test_json_lines_reading_holds_one_line_not_the_file(tmp_path: Path) -> None:
    import tracemalloc

    feed = tmp_path / "feed.jsonl"
    padding = "x" * 11000  # an unknown field: read and dropped with its line
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(1000):
            record = {"url": f"https://news.example/{i}", "text": f"{HEADLINE} {i}\n{BODY}", "raw": padding}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    size = feed.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for item in read_paths([feed]) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1000
    assert size > 10_000_000 and peak < size / 3, (size, peak)  # the whole file would be twice its size


def test_an_unreadable_subfolder_is_named_and_the_walk_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    (folder / "z.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # what the OS does for a folder without read permission
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([folder]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "Article"]
    assert isinstance(items[0], ReadFailure)
    assert items[0].source == str(folder / "locked") and "Permission denied" in items[0].problem
    (top,) = read_paths([folder / "locked"])
    assert isinstance(top, ReadFailure) and top.source == str(folder / "locked")
    assert top.problem == "folder cannot be read: Permission denied"
