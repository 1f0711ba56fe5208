"""The dev corpus, read the way the evaluation hands it over: dates as the gold has them, no chrome kept."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from kg.read import read_file, read_text

from .common import CORPUS, DEV_ARTICLES, assert_offsets, dev_record, needs_dev, only_article, texts

# Pages saved without their headline: the reader must not make a caption, a byline or the lead the title.
NO_HEADLINE = {
    "d002": "opens with a photo caption (with a ' date' marker glued to it)",
    "d004": "starts with the lead sentence",
    "d008": "opens with the byline glued to the subject ('[뉴스토마토 이지은 기자] 김영섭')",
    "d012": "starts mid-page without headline or byline",
    "d013": "body only, without headline or byline",
    "d014": "opens with two photo captions ('이재용 삼성전자 회장. 사진=연합뉴스')",
}


@needs_dev
@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda p: p.stem)
def test_dev_article_date_matches_gold_and_offsets_hold(path: Path, tmp_path: Path) -> None:
    gold = json.loads((CORPUS / "dev" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    jsonl = tmp_path / "dev.jsonl"
    jsonl.write_text(json.dumps(dev_record(path), ensure_ascii=False) + "\n", encoding="utf-8")
    article = only_article(read_file(jsonl))
    assert_offsets(article)
    # the gold has no date where the page gives none: the reader must not invent one either
    expected = date.fromisoformat(gold["published"]) if gold["published"] else None
    assert article.published_date == expected
    assert article.publisher and article.publisher in gold["publisher"]  # "뉴스1 via 다음뉴스", "SBS Biz"
    assert (article.title is None) == (path.stem in NO_HEADLINE), article.title
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
