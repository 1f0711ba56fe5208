"""JSON Lines records -> articles: one JSON object a line, with its text (or HTML) and what the crawler knew
(url, title, publisher, published)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read.html import from_html, is_html_document
from kg.read.page import Known, build
from kg.read.published import parse_date
from kg.read.text import strip_controls


def looks_like_jsonl(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def jsonl_item(
    line: str, number: int, source: str, origin: str | None, published: date | datetime | None
) -> Article | ReadFailure | None:
    """One JSON line -> its article or failure; None for a blank line. ``origin`` is the file's URI. Never
    raises: an unexpected error is this line's failure, named with the error's type."""
    try:
        return _jsonl_item(line, number, source, origin, published)
    except Exception as exc:  # noqa: BLE001 - one line's failure must not end the file's other lines
        return ReadFailure(source, f"could not be read: {type(exc).__name__}: {strip_controls(str(exc))}", number)


def _jsonl_item(
    line: str, number: int, source: str, origin: str | None, published: date | datetime | None
) -> Article | ReadFailure | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(source, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
    except RecursionError:
        return ReadFailure(source, "malformed JSON: nested too deeply to read (arrays or objects in arrays)", number)
    if not isinstance(record, dict):
        return ReadFailure(source, f"not a JSON object but {type(record).__name__}", number)
    return _from_record(record, source, number, f"{origin}#line={number}" if origin else None, published)


def read_jsonl(
    text: str, source: str, origin: str | None, published: date | datetime | None
) -> Iterator[Article | ReadFailure]:
    for number, line in enumerate(text.split("\n"), start=1):
        item = jsonl_item(line, number, source, origin, published)
        if item is not None:
            yield item


def _str_field(record: dict[str, object], key: str, *, strip: bool = True) -> str | None:
    """A non-blank string field; the article text keeps its own whitespace (offsets count it)."""
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if strip else value


def _from_record(
    record: dict[str, object], source: str, number: int, origin: str | None, published: date | datetime | None
) -> Article | ReadFailure:
    text, html = _str_field(record, "text", strip=False), _str_field(record, "html", strip=False)
    if text is None and html is None:
        return ReadFailure(source, "record has neither a non-empty 'text' nor 'html' field", number)
    warnings: list[str] = []
    metadata_date = None
    raw_date = record.get("published")
    if isinstance(raw_date, str) and raw_date.strip():
        metadata_date = parse_date(raw_date)
        if metadata_date is None:
            warnings.append(f"unreadable 'published' value {raw_date!r}: ignored")
    known = Known(
        f"{source}:{number}", url=_str_field(record, "url"), origin=origin, title=_str_field(record, "title"),
        publisher=_str_field(record, "publisher"), metadata_date=metadata_date, option_date=published,
        warnings=tuple(warnings),
    )  # fmt: skip
    try:
        if text is not None and not is_html_document(text):
            return build(text, known)  # markup inside it is made text (kg.read.markup)
        return from_html(text if text is not None else html or "", known)
    except InputError as exc:
        return ReadFailure(source, exc.problem, number)
