"""Reading time stays linear in an article's size, or is bounded by a stated cap: the inputs that took minutes
(quadratic patterns, a 100,000-paragraph page) are read in seconds. The bounds are generous for a slow shared
machine and far below what the quadratic reader took (given with each input)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kg.model import Article, ReadFailure
from kg.read import MAX_ARTICLE_BYTES, MAX_HTML_TAGS, MAX_LINES, read_file

from .common import BODY, HEADLINE, assert_offsets

SENTENCE = BODY.split("\n")[0]


def _article_with(line: str) -> str:
    return f"{HEADLINE}\n{line}\n{BODY}"


# (name, file name, content, seconds the reader took before)
HOSTILE = [
    ("100 KB run of address characters", "email.txt", _article_with("a." * 50_000), 51),
    ("(사진) 20,000 times", "photo.txt", _article_with("(사진)" * 20_000), 61),
    ("저작권 200,000 times", "copyright.txt", _article_with("저작권 " * 200_000), 90),
    ("a 3 MB realistic line", "realistic.txt", _article_with((SENTENCE + " ") * 18_000), 181),
    ("a run of spaces after a byline", "spaces.txt", _article_with("[예시통신" + " " * 500_000 + "x"), None),
    ("a run of spaces after a place byline", "place.txt", _article_with("(서울=" + " " * 500_000 + "x"), None),
    ("100,000 sibling paragraphs", "siblings.html", "<html><body>" + "<p>짧은 문단.</p>" * 100_000 + "</body></html>", 64),
    ("5 MiB of one-character lines", "lines.txt", f"{HEADLINE}\n{BODY}" + "가\n" * (MAX_ARTICLE_BYTES // 5), None),
    ("200,000 unclosed <nav> tags", "nav.txt", _article_with("<nav>" * 200_000), None),
    ("100,000 inline tags", "tags.txt", _article_with("<b>가</b> " * 100_000), None),
    ("100,000 unclosed comments", "comments.txt", _article_with("<!--" * 100_000), None),
    ("200,000 entities", "entities.txt", _article_with("R&amp;D " * 200_000), None),
    (
        "a 100 KB line in JSON Lines",
        "feed.jsonl",
        json.dumps({"text": _article_with("a." * 50_000)}) + "\n" + json.dumps({"text": BODY}) + "\n",
        51,
    ),
]


@pytest.mark.parametrize(("name", "content"), [(c[1], c[2]) for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_input_is_read_in_bounded_time(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert path.stat().st_size <= MAX_ARTICLE_BYTES  # under the size limit: only the reading's time is in question
    started = time.monotonic()
    items = read_file(path)
    assert time.monotonic() - started < 15
    for item in items:
        if isinstance(item, Article):
            assert_offsets(item)
    if name.endswith(".html"):
        (failure,) = items
        assert isinstance(failure, ReadFailure) and f"over the {MAX_HTML_TAGS:,} limit" in failure.problem
    elif name == "lines.txt":
        (article,) = items
        assert isinstance(article, Article)
        assert any(f"only the first {MAX_LINES:,} lines" in w for w in article.warnings)
    else:
        assert any(isinstance(i, Article) and SENTENCE in i.text for i in items)


def test_a_page_under_the_tag_limit_is_read() -> None:
    from kg.read import read_html

    paragraphs = "".join(f"<p>{s}</p>" for s in BODY.split("\n"))
    page = f"<html><body><article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>"
    assert read_html(page, source="page").paragraphs
