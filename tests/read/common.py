"""What the reader's tests share: the seed articles, a made-up article body, and checks of an Article."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kg.model import Article, ParagraphRole, ReadFailure

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
    """Offsets exact, paragraphs in page order and numbered from 1, the headline numbered 0, and what extraction
    reads (``reading``) the paragraph with only its masked ranges blanked."""
    assert article.text == unicodedata.normalize("NFC", article.text)
    assert [p.index for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
    assert [p.start for p in article.paragraphs] == sorted(p.start for p in article.paragraphs)
    assert all(p.role is not ParagraphRole.HEADLINE for p in article.paragraphs)
    every = list(article.paragraphs)
    if article.headline is not None:
        assert article.headline.index == 0 and article.headline.role is ParagraphRole.HEADLINE
        every.append(article.headline)
    for p in every:
        assert article.text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        reading = p.reading
        assert len(reading) == len(p.text)
        for start, end in p.masked:
            assert p.start <= start < end <= p.end
            assert reading[start - p.start : end - p.start].isspace()
        kept = [i for i, ch in enumerate(p.text) if not any(s <= p.start + i < e for s, e in p.masked)]
        assert all(reading[i] == p.text[i] for i in kept)


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


def roles(article: Article) -> list[tuple[str, str]]:
    """(role, text) of the headline and every paragraph, in page order."""
    every = sorted([*article.paragraphs, *filter(None, [article.headline])], key=lambda p: p.start)
    return [(p.role.value, p.text) for p in every]


def headline(article: Article) -> str | None:
    return article.headline.text if article.headline is not None else None


def dev_record(path: Path) -> dict[str, str]:
    """The evaluation's form of a dev article: {"url", "text" after the header block}."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    url = next(line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("url:"))
    return {"url": url, "text": body}

