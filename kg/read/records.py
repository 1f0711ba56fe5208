"""JSON Lines records -> articles: one JSON object a line, with its text (or HTML) and what the crawler knew
(url, title, publisher, published)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read.html import from_html
from kg.read.page import build
from kg.read.published import parse_date


def looks_like_jsonl(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def jsonl_item(line: str, number: int, source: str, published: date | datetime | None) -> Article | ReadFailure | None:
    """One JSON line -> its article or failure; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(source, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
    if not isinstance(record, dict):
        return ReadFailure(source, f"not a JSON object but {type(record).__name__}", number)
    return _from_record(record, f"{source}:{number}", source, number, published)


def read_jsonl(text: str, source: str, published: date | datetime | None) -> Iterator[Article | ReadFailure]:
    for number, line in enumerate(text.split("\n"), start=1):
        item = jsonl_item(line, number, source, published)
        if item is not None:
            yield item


def _str_field(record: dict[str, object], key: str, *, strip: bool = True) -> str | None:
    """A non-blank string field; the article text keeps its own whitespace (offsets count it)."""
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if strip else value


def _from_record(
    record: dict[str, object], item: str, source: str, number: int, published: date | datetime | None
) -> Article | ReadFailure:
    text, html = _str_field(record, "text", strip=False), _str_field(record, "html", strip=False)
    if text is None and html is None:
        return ReadFailure(source, "record has neither a non-empty 'text' nor 'html' field", number)
    warnings: list[str] = []
    meta_published = None
    raw_date = record.get("published")
    if isinstance(raw_date, str) and raw_date.strip():
        meta_published = parse_date(raw_date)
        if meta_published is None:
            warnings.append(f"unreadable 'published' value {raw_date!r}: ignored")
    url, title, publisher = (_str_field(record, key) for key in ("url", "title", "publisher"))
    try:
        if text is not None:
            return build(
                text, source=item, url=url, title=title, publisher=publisher, warnings=warnings,
                meta_published=meta_published, option_published=published,
            )  # fmt: skip
        article = from_html(
            html or "", source=item, url=url, title=title, publisher=publisher,
            meta_published=meta_published, option_published=published,
        )  # fmt: skip
    except InputError as exc:
        return ReadFailure(source, exc.problem, number)
    if warnings:
        article = replace(article, warnings=tuple(dict.fromkeys([*warnings, *article.warnings])))
    return article
