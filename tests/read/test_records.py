"""JSON Lines records -> Article or ReadFailure, each with its line number."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from kg.model import Article
from kg.read import read_file

from .common import BODY, DATA, HEADLINE, only_article


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
