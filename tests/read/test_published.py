"""Publication dates from every marker pages show (issue 19), in their order of trust, and where each came from."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from kg.read import read_file, read_html, read_text
from kg.read.published import DateEvidence, choose_published, day_mentions

from .common import BODY, CORPUS, HEADLINE, assert_offsets, headline, only_article, texts

LEAD, SECOND = BODY.strip().split("\n")
ENGLISH = (
    "Kim Ga-ram, chief executive of Hanbit Electronics, met Robert Lin, CEO of Nova AI, in Pangyo on Wednesday.\n"
    "The two discussed a joint research centre and on-device language models, the company said.\n"
)
EN_HEADLINE = "Hanbit Electronics, Nova AI chiefs discuss on-device AI"

# (name, the page, its date, where it came from); Korean pages carry BODY, English ones ENGLISH
MARKERS = [
    ("crawler marker", f" date 2024-06-27 {HEADLINE}\n{BODY}", date(2024, 6, 27), "text"),
    ("입력", f"{HEADLINE}\n입력 2025.10.01 14:32\n{BODY}", datetime(2025, 10, 1, 14, 32), "text"),
    ("기사원문", f"{HEADLINE}\n기사원문 2026-02-13 15:35\n{BODY}", datetime(2026, 2, 13, 15, 35), "text"),
    ("기사원문 glued", f"{HEADLINE}\n기사원문2026-02-13 15:35\n{BODY}", datetime(2026, 2, 13, 15, 35), "text"),
    ("caption stamp, nothing else", f"{HEADLINE}\n김가람 대표가 악수하고 있다. 2025.10.1 [email protected]\n{BODY}",
     date(2025, 10, 1), "caption"),
    ("Published", f"{EN_HEADLINE}\nPublished: 26 Mar. 2025, 17:49 Updated: 26 Mar. 2025, 17:51\n{ENGLISH}",
     datetime(2025, 3, 26, 17, 49), "text"),
    ("By", f"{EN_HEADLINE}\nBy Mar 09, 2025 (Gmt+09:00)\n2 Min read\n{ENGLISH}", date(2025, 3, 9), "text"),
    ("slash byline", f"{EN_HEADLINE}\nCOMPANY / Reporter Kim Jisun / 2024-06-10 03:58:49\n{ENGLISH}",
     datetime(2024, 6, 10, 3, 58, 49), "text"),
    ("timestamp line", f"{EN_HEADLINE}\nAug 20, 2025, 08:40 am\nprint page small font big font\n{ENGLISH}",
     datetime(2025, 8, 20, 8, 40), "text"),
    ("wire dateline", f"{EN_HEADLINE}\nSEOUL, South Korea, Jan. 29, 2026 /PRNewswire/ — {ENGLISH}",
     date(2026, 1, 29), "text"),
    ("crawler marker on the lead", f" date 2026-03-09 {ENGLISH}", date(2026, 3, 9), "text"),
]


@pytest.mark.parametrize(("page", "when", "where"), [m[1:] for m in MARKERS], ids=[m[0] for m in MARKERS])
def test_each_marker_dates_the_article(page: str, when: date, where: str) -> None:
    article = read_text(page, source="t")
    assert_offsets(article)
    assert article.published == when and type(article.published) is type(when)
    assert article.published_from == where
    for p in article.paragraphs:  # the marker is no paragraph, and no paragraph keeps it
        assert "date 20" not in p.text and "Published" not in p.text and "Gmt" not in p.text


def test_the_crawler_marker_is_cut_from_the_line_it_opens() -> None:
    article = read_text(f" date 2024-06-27 {HEADLINE}\n{BODY}", source="t")
    assert headline(article) == HEADLINE == article.title
    assert article.text[article.headline.start - 1] == " "  # type: ignore[union-attr]


def test_the_slash_byline_names_the_reporter() -> None:
    article = read_text(f"{EN_HEADLINE}\nCOMPANY / Reporter Kim Jisun / 2024-06-10 03:58:49\n{ENGLISH}", source="t")
    assert article.reporter == "Kim Jisun"
    assert texts(article) == ENGLISH.strip().split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "Updated: 27 Mar. 2025, 09:00",  # an update is no publication
        "The deal, first agreed on Mar 09, 2025, was extended by both companies on Wednesday, they said in a statement.",
        "The companies said sales grew by Jan. 29, 2026 targets and would keep growing.",
    ],
)
def test_english_dates_that_are_no_publication_dates(line: str) -> None:
    article = read_text(f"{EN_HEADLINE}\n{line}\n{ENGLISH}", source="t")
    assert article.published is None


def test_a_text_marker_beats_meta_tags_which_beat_the_url() -> None:
    def page(marker: str) -> str:
        return (
            '<!DOCTYPE html><html><head><meta property="article:published_time" content="2025-03-14T11:00:00+09:00">'
            f"</head><body><article><h1>{HEADLINE}</h1>{marker}<p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
        )

    url = "https://www.example.co.kr/news/20250301/1"
    marked = read_html(page("<p>입력 2025.03.12 09:30</p>"), source="p", url=url)
    assert (marked.published, marked.published_from) == (datetime(2025, 3, 12, 9, 30), "text")
    meta = read_html(page(""), source="p", url=url)
    assert (meta.published, meta.published_from) == (datetime(2025, 3, 14, 11, 0), "metadata")


def test_a_url_date_years_from_the_captions_is_not_used() -> None:
    """A spam mirror's URL says 2019; the photos are stamped 2025: the stamp dates the article."""
    text = f"{HEADLINE}\n김가람 대표가 악수하고 있다. 2025.10.1 [email protected]\n{BODY}"
    mirror = read_text(text, source="t", url="https://mirror.example/2019/01/05/copy")
    assert (mirror.published, mirror.published_from) == (date(2025, 10, 1), "caption")
    same_days = read_text(text, source="t", url="https://www.yna.co.kr/view/AKR20251002000100017")
    assert (same_days.published, same_days.published_from) == (date(2025, 10, 2), "url")


@pytest.mark.parametrize(
    ("marker", "url_day", "body_day", "expected", "where"),
    [
        (date(2025, 10, 30), date(2025, 10, 29), 29, date(2025, 10, 29), "url"),  # the text names the URL's day
        (date(2025, 10, 30), date(2025, 10, 29), 30, date(2025, 10, 30), "text"),  # ... or the marker's
        (date(2025, 10, 30), date(2025, 10, 29), 12, date(2025, 10, 30), "text"),  # neither: the marker
        (date(2025, 10, 30), None, 29, date(2025, 10, 30), "text"),
        (None, date(2025, 10, 29), 12, date(2025, 10, 29), "url"),
    ],
)
def test_crawler_marker_against_url(
    marker: date | None, url_day: date | None, body_day: int, expected: date, where: str
) -> None:
    ev = DateEvidence(crawler=marker, url=url_day, days=day_mentions(f"김가람 대표는 {body_day}일 린 CEO를 만났다."))
    assert choose_published(ev) == (expected, where)


def test_day_mentions_in_both_languages() -> None:
    assert day_mentions("지난 6일(현지시간) 만났고 29일 밝혔다. 22일간 머문다") == {6, 29}
    assert day_mentions("met on the 6th, and on Sunday (March 8) said; in 2025 on Jan. 8, 2025") == {6, 8}


@pytest.mark.skipif(not (CORPUS / "dev-en").is_dir(), reason="English dev corpus not available")
@pytest.mark.parametrize("stem", [f"e{i:03d}" for i in range(1, 11)])
def test_english_dev_article_dates_match_gold(stem: str, tmp_path: Path) -> None:
    """Every date form dev-en shows, each as its gold file's notes explain it."""
    path = CORPUS / "dev-en" / "articles" / f"{stem}.txt"
    gold = json.loads((CORPUS / "dev-en" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    article = only_article(read_file(path))
    assert_offsets(article)
    assert article.published_date == date.fromisoformat(gold["published"])
    assert article.language == "en"
    for p in article.paragraphs:
        assert not p.text.startswith(("date 20", "Published:", "By Mar", "Skip to content", "KOSPI"))


def test_a_date_a_caption_names_is_no_stamp() -> None:
    text = f"{HEADLINE}\n김가람 대표가 2024년 6월 5일 열린 행사에서 악수하고 있다. (사진=한빛전자)\n{BODY}"
    article = read_text(text, source="t", url="https://www.example.co.kr/news/20250312/1")
    assert (article.published, article.published_from) == (date(2025, 3, 12), "url")
