"""Page text -> Article: the seeds' bodies and metadata, date/byline/publisher forms, boilerplate and repeats,
exact offsets."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import ReadFailure
from kg.read import NO_DATE_WARNING, date_from_url, read_file, read_text

from .common import BODY, BUSINESSPOST, HEADLINE, KBS, assert_offsets, headline, only_article, texts

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
        ("입력 2026.03.12 15:42 수정 2026.03.12 16:05", datetime(2026, 3, 12, 15, 42)),
        ("기사전송 2026-02-10 11:05", datetime(2026, 2, 10, 11, 5)),
    ],
)
def test_publication_date_forms(line: str, expected: date | datetime) -> None:
    article = read_text(f"{HEADLINE}\n{line}\n{BODY}", source="t")
    assert article.published == expected
    assert type(article.published) is type(expected)
    assert article.published_from == "text"
    assert line not in article.text[article.paragraphs[0].start :]
    assert headline(article) == HEADLINE and len(article.paragraphs) == 2


def test_a_label_after_the_date_counts() -> None:
    """News1's byline puts the label after the stamp: "구태린 기자 | 2025-06-12 16:48 송고"."""
    text = f"{HEADLINE}\n(서울=뉴스1) 구태린 기자 | 2025-06-12 16:48 송고\n{BODY}"
    assert read_text(text, source="t").published == datetime(2025, 6, 12, 16, 48)


@pytest.mark.parametrize(
    "header",
    [
        "UPDATED. 2024-04-27 21:25 (토)",
        "최종편집 : 2026-01-08 11:59 (목)",
        "수정 2024-04-27 21:25",
        "최종수정 2024.04.27 21:25",
        "2024.04.27 21:25 수정",
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
    assert headline(reworded) == HEADLINE  # the page's own wording of the given title is its headline
    assert len(reworded.paragraphs) == 2


def test_body_without_headline_keeps_its_first_paragraph() -> None:
    article = read_text(BODY, source="t")
    assert article.title is None
    assert len(article.paragraphs) == 2


# ---------------------------------------------------------------------------------------------------
# Boilerplate and repeats


CAPTION = "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다."


# (name, lines between the headline and the body, the caption paragraph kept or None)
CREDIT_CASES = [
    ("agency photo credit", f"{CAPTION} (사진=한빛전자) 2025.3.12. photo@yesi.example *재판매 및 DB 금지", CAPTION),
    ("obfuscated e-mail", f"{CAPTION} [email protected]", CAPTION),
    ("unbracketed credit", f"{CAPTION[:-1]}. 사진=연합뉴스", CAPTION),
    ("outlet as credit", f"{CAPTION} 연합뉴스", CAPTION),
    ("image link", f"![{CAPTION} (사진=한빛전자)](https://img.yesi.example/2025/03/12/a.jpg?rnd=1)", CAPTION),
    (
        "image link over lines, its agency byline not the article's",
        f"![악수하는 두 대표\n(판교=예시통신) 홍길동 기자 = {CAPTION}\nhong@yesi.example\n(끝)](https://img.yesi.example/b.jpg)",
        f"(판교=예시통신) 홍길동 기자 = {CAPTION}",
    ),
    # must not fire: credits only end a caption after its last sentence
    ("사진= inside a sentence", "사진=연합뉴스 기자가 촬영한 장면이 공개됐다고 회사 측은 밝혔다", None),
    ("outlet inside a sentence", "두 회사의 협력은 처음이라고 연합뉴스", None),
]


@pytest.mark.parametrize(("lines", "caption"), [c[1:] for c in CREDIT_CASES], ids=[c[0] for c in CREDIT_CASES])
def test_captions_lose_their_credits_and_image_links_their_markup(lines: str, caption: str | None) -> None:
    article = read_text(f"{HEADLINE}\n{lines}\n{BODY}", source="t", url="https://www.techdaily.example/1")
    assert_offsets(article)
    assert article.title == HEADLINE
    kept = texts(article)
    assert kept[-2:] == BODY.strip().split("\n")
    if caption is None:
        assert kept[0] == lines  # kept whole
    else:
        assert kept[:-2][-1] == caption
        assert not any(mark in p for p in kept for mark in ("![", "](", "@", "재판매", "사진=", "(끝)"))
    assert article.publisher is None and article.reporter is None


def test_a_reporter_glued_to_the_last_sentence_is_trimmed() -> None:
    text = f"{HEADLINE}\n{BODY}두 회사는 다음 달 구체적인 계획을 발표할 것으로 전망된다.김정우 기자 enyou@hankyung.com\n"
    assert texts(read_text(text, source="t"))[-1] == "두 회사는 다음 달 구체적인 계획을 발표할 것으로 전망된다."


@pytest.mark.parametrize(
    "first",
    [
        "[뉴스토마토 이지은 기자] 김영섭",  # a byline glued to the subject
        "이재용 삼성전자 회장. 사진=연합뉴스",  # a photo caption
        "![노바AI CEO와 만난 김가람 대표](https://img.yesi.example/c.jpg)",
    ],
    ids=["byline", "caption", "image link"],
)
def test_a_page_without_headline_gets_no_title_from_a_byline_or_caption(first: str) -> None:
    article = read_text(f"{first}\n{BODY}", source="t")
    assert article.title is None
    assert texts(article)[-2:] == BODY.strip().split("\n")


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
            "mWiz 이 기사 포인트",
            f"<a href='https://example.org/p/1' class='human_link'>{HEADLINE}</a>",  # the headline again, linked
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
    assert len(article.paragraphs) == 2 and headline(article) == HEADLINE
    assert article.paragraphs[1].end < len(BODY) + len(HEADLINE) + 2


@pytest.mark.parametrize("heading", ["최신기사", "AI 뉴스브리핑"])
def test_latest_news_heading_ends_the_article(heading: str) -> None:
    text = f"{HEADLINE}\n{BODY}{heading}\n다른 회사 대표가 다른 투자자를 만나 전혀 다른 사업을 논의했다는 소식이다.\n"
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


def test_all_boilerplate_text_is_a_failure(tmp_path: Path) -> None:
    chrome = tmp_path / "chrome.txt"
    chrome.write_text(
        "공유하기\n페이스북 공유하기 X 공유하기\n  • 보통\n입력 2025.03.12 09:30\n좋아요\n0\n",
        encoding="utf-8",
    )
    (failure,) = read_file(chrome)
    assert isinstance(failure, ReadFailure) and "no article text" in failure.problem


def test_read_text_refuses_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        read_text("  \n ", source="blank")
