"""Publication dates: read from a page's timestamp lines, a record's metadata, the caller's option or the URL,
and the choice between them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from kg.read.ko import DATE_LINE_LABEL_RE, DATE_RE, PUBLICATION_LABEL_RE, UPDATE_LABEL_RE

NO_DATE_WARNING = "no publication date: relative dates will stay unresolved"

_ONLY_PUNCT_RE = re.compile(r"^[\W\d_]*$")


def _to_datetime(m: re.Match[str]) -> date | datetime | None:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"] is None:
        return day
    hour, minute = int(m["H"]), int(m["M"])
    second = int(m["S"]) if m["S"] else 0
    ampm = (m["ampm"] or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return day


@dataclass(frozen=True)
class DateHit:
    value: date | datetime
    labeled: bool  # preceded by a publication label (입력, 등록, 승인, ...)


def dates_in_line(line: str) -> list[DateHit]:
    """Publication-date candidates in a line; dates labeled as updates (수정, UPDATED, 최종편집) excluded."""
    hits: list[DateHit] = []
    for m in DATE_RE.finditer(line):
        value = _to_datetime(m)
        if value is None:
            continue
        before = line[max(0, m.start() - 14) : m.start()]
        if UPDATE_LABEL_RE.search(before):
            continue
        hits.append(DateHit(value, bool(PUBLICATION_LABEL_RE.search(before))))
    return hits


def strip_dates(text: str) -> str:
    return DATE_RE.sub(" ", text)


def is_date_line(text: str) -> bool:
    """A line that is only dates/times (with at most a label): a timestamp block."""
    if not DATE_RE.search(text):
        return False
    rest = DATE_LINE_LABEL_RE.sub(" ", strip_dates(text))
    return bool(_ONLY_PUNCT_RE.match(rest))


def parse_date(text: str) -> date | datetime | None:
    """A date or date-time written in one of the forms Korean sites (or ISO 8601) use, else None."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) <= 10:
            return value.date()
        return value.replace(tzinfo=None) if value.tzinfo else value
    except ValueError:
        pass
    m = DATE_RE.search(text)
    return _to_datetime(m) if m else None


_URL_YMD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/\-_.](\d{1,2})[/\-_.](\d{1,2})(?!\d)")
_URL_DIGITS_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})\d*")


def date_from_url(url: str | None) -> date | None:
    """The publication day many news URLs carry (/20251031/, /2025/10/31/, NISX20250204_..., ids)."""
    if not url:
        return None
    parts = urlsplit(url)
    where = f"{parts.path}?{parts.query}"
    for regex in (_URL_YMD_RE, _URL_DIGITS_RE):
        for m in regex.finditer(where):
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if 1990 <= day.year <= 2100:
                return day
    return None


def choose_published(
    *,
    option: date | datetime | None,
    metadata: date | datetime | None,
    text: date | datetime | None,
    url: str | None,
) -> tuple[date | datetime | None, str | None]:
    """The publication date and where it came from, in this order of trust: the caller's option, the record's
    metadata, the page's own timestamp, the URL. None, None when there is no date anywhere."""
    if option is not None:
        return option, "option"
    if metadata is not None:
        # Metadata often has the day only; the page's own timestamp for that day adds the time.
        if not isinstance(metadata, datetime) and isinstance(text, datetime) and text.date() == metadata:
            return text, "text"
        return metadata, "metadata"
    if text is not None:
        return text, "text"
    from_url = date_from_url(url)
    return (from_url, "url") if from_url is not None else (None, None)
