"""Dates in article text, resolved against the publication date: calendar arithmetic and the one selector.

News mostly writes dates relative to the day it was published ("지난주 초", "내달 14일", "last month", "on
Tuesday"), so every expression becomes a :class:`kg.model.DateFact`: closed bounds ``earliest``..``latest`` and, as
``value``, the most precise calendar period (day, month, year) that contains those bounds. For exact periods
("2024년 6월") bounds and value coincide; for ranges ("지난주 초" = Mon..Wed) the bounds are tighter than the value
("2025-07"). A range crossing a year boundary has no such period: its value and precision are None, its bounds
still exact. Without a publication date, absolute forms still resolve; relative ones come back unresolved
(``resolved=False``) so the caller can say so instead of guessing.

The language is data: each language module (``ko``, ``en``) supplies a :class:`DateRules` table of (pattern,
resolver) rows; :func:`find_dates` is the one selector (longest non-overlapping matches, in text order) for all.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kg.model import DateFact, Precision

__all__ = [
    "ABSOLUTE", "FUTURE", "PAST", "TODAY", "Context", "DateMatch", "DateRules", "Resolved", "fact_for_range",
    "find_dates", "intersect", "period_bounds", "resolve_date",
]

MIN_YEAR = 1990
MAX_YEAR = 2100

PAST, FUTURE, TODAY, ABSOLUTE = "past", "future", "today", "absolute"


@dataclass(frozen=True)
class DateMatch:
    start: int  # offsets into the text given to find_dates, plus its ``offset``
    end: int
    text: str
    fact: DateFact
    relation: str  # "past" | "future" | "today" | "absolute"


@dataclass(frozen=True)
class Context:
    """What a resolver may use besides its match."""

    published: date | None
    anchor: date | None = None  # the day "이날"/"that day" refers to, when the text named one before
    previous: DateFact | None = None  # the date this one is coordinated with: "지난해 1월과 6월"
    upcoming: bool = False  # the sentence says the event is scheduled ("... 예정이다")


# (fact, relation), or None when the text is not a real date (e.g. 2월 30일)
Resolved = tuple[DateFact, str] | None
Resolver = Callable[[re.Match[str], str, Context], Resolved]


@dataclass(frozen=True)
class DateRules:
    """A language's date table: the rows, and the words that join or schedule dates."""

    rules: tuple[tuple[re.Pattern[str], Resolver], ...]
    joiner: re.Pattern[str]  # between two coordinated dates: "1월과 6월", "June 3 and 5"
    upcoming: re.Pattern[str]  # what follows a date when the event is scheduled: "… 예정"
    anchored: tuple[re.Pattern[str], ...] = ()  # day words that refer to the anchor ("이날"): never set it
    upcoming_before: re.Pattern[str] | None = None  # what precedes a scheduled date: "will meet … on Friday"
    # Relative days count from the last day the text gave ("On Monday … The following day … That evening"), not
    # from the article's news day, as Korean 이날 does
    chained: bool = False
    # words that count from the last day the text gave in any language: "같은 날", "이튿날" (이날 is the news day)
    chained_words: re.Pattern[str] | None = None


# --------------------------------------------------------------------------- calendar helpers


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def period_bounds(value: str) -> tuple[date, date]:
    """The first and last day of an ISO period "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), month_end(parts[0], parts[1])
    day = date(parts[0], parts[1], parts[2])
    return day, day


def fact_for_range(text: str, earliest: date, latest: date) -> DateFact:
    """A resolved fact whose value is the most precise period containing earliest..latest."""
    if earliest == latest:
        return DateFact(text, earliest.isoformat(), Precision.DAY, earliest, latest)
    if earliest.year != latest.year:
        return DateFact(text, None, None, earliest, latest)
    if earliest.month == latest.month:
        return DateFact(text, f"{earliest.year:04d}-{earliest.month:02d}", Precision.MONTH, earliest, latest)
    return DateFact(text, f"{earliest.year:04d}", Precision.YEAR, earliest, latest)


def unresolved(text: str) -> DateFact:
    return DateFact(text, None, None, None, None, resolved=False)


def relation_by_position(earliest: date, latest: date, published: date) -> str:
    if latest < published:
        return PAST
    if earliest > published:
        return FUTURE
    return TODAY


def _clip(earliest: date, latest: date, relation: str, published: date) -> tuple[date, date]:
    """Tense words bound the date: "지난"/"last" forms are never after publication, "오는"/"next" never before."""
    if relation == PAST:
        latest = min(latest, published)
    elif relation == FUTURE:
        earliest = max(earliest, published)
    return earliest, latest


def finish(text: str, earliest: date, latest: date, relation: str | None, published: date | None) -> Resolved:
    """The fact for a resolved range, its relation to publication, clipped by its tense word."""
    if earliest.year < MIN_YEAR or latest.year > MAX_YEAR:
        return None
    if relation is None:
        relation = relation_by_position(earliest, latest, published) if published else PAST
    elif published is not None:
        earliest, latest = _clip(earliest, latest, relation, published)
    return fact_for_range(text, earliest, latest), relation


def recent_day(day: int, published: date, forward: bool) -> date | None:
    """The nearest day-of-month ``day`` on or before (or on or after) publication."""
    year, month = published.year, published.month
    for _ in range(13):
        found = safe_date(year, month, day)
        if found is not None and (found >= published if forward else found <= published):
            return found
        year, month = add_months(year, month, 1 if forward else -1)
    return None


def weekday_near(weekday: int, published: date, direction: int) -> date:
    """The day with ``weekday`` (Monday 0) nearest publication: before it (-1), after it (1), or either way
    within the publication week (0: "on Tuesday" in a Thursday's paper is two days before)."""
    delta = weekday - published.weekday()
    if direction < 0:
        delta = delta - 7 if delta >= 0 else delta
    elif direction > 0:
        delta = delta + 7 if delta <= 0 else delta
    elif delta > 0:
        delta -= 7  # news reports what happened: an unmarked weekday after today is last week's
    return published + timedelta(days=delta)


# --------------------------------------------------------------------------- the selector

_Candidate = tuple[int, int, int, re.Match[str], bool]  # start, end, rule index, match, is a real date


def _candidates(text: str, published: date | None, rules: DateRules) -> list[_Candidate]:
    found: list[_Candidate] = []
    base = Context(published)
    for index, (pattern, resolver) in enumerate(rules.rules):
        # every start position is tried, so that a short match never hides a longer one starting inside it
        pos = 0
        while True:
            m = pattern.search(text, pos)
            if m is None:
                break
            pos = m.start() + 1
            if m.end() > m.start():
                found.append((m.start(), m.end(), index, m, resolver(m, m.group(0), base) is not None))
    return found


def find_dates(text: str, published: date | None, *, offset: int = 0, anchor: date | None = None,
               rules: DateRules | None = None) -> list[DateMatch]:
    """Every date expression in ``text``: longest match first, non-overlapping, in text order.

    ``offset`` is added to the returned positions, so a caller can pass one paragraph and get article offsets
    back. ``anchor`` is the day the preceding text was talking about (what "이날", "전날", "다음날" refer to); a
    day named earlier in ``text`` itself takes over from it, and without either they count from ``published``.
    An impossible date ("2025년 2월 30일", "1980년 6월") yields nothing, not a shorter date read from inside it.
    ``rules`` is a language's table (Korean by default).
    """
    if rules is None:
        from kg.extract.dates.ko import KO_DATES

        rules = KO_DATES
    chosen: list[_Candidate] = []
    for cand in sorted(_candidates(text, published, rules), key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    matches: list[DateMatch] = []
    for start, end, index, m, real in chosen:
        if not real:
            continue
        previous = None
        if matches and rules.joiner.fullmatch(text, matches[-1].end - offset, start):
            previous = matches[-1].fact
        upcoming = rules.upcoming.match(text, end) is not None or (
            rules.upcoming_before is not None and rules.upcoming_before.search(text, max(0, start - 80), start) is not None
        )
        ctx = Context(published, anchor, previous, upcoming)
        result = rules.rules[index][1](m, m.group(0), ctx)
        if result is None:
            continue
        fact, relation = result
        matches.append(DateMatch(start + offset, end + offset, text[start:end], fact, relation))
        if fact.precision is Precision.DAY and rules.rules[index][0] not in rules.anchored:
            anchor = fact.earliest
    return matches


def resolve_date(expression: str, published: date | None, rules: DateRules | None = None) -> DateFact | None:
    """The date an expression (e.g. "지난주 초", "2024년 6월") names, or None if it is not one date."""
    expression = expression.strip()
    matches = find_dates(expression, published, rules=rules)
    if len(matches) != 1 or matches[0].text != expression:
        return None
    return matches[0].fact


def _width(fact: DateFact) -> int:
    assert fact.earliest is not None and fact.latest is not None
    return (fact.latest - fact.earliest).days


def intersect(a: DateFact, b: DateFact) -> DateFact | None:
    """What holds if both reports are right: the overlap of their bounds, or None if they are disjoint.

    The value is the most precise period containing the overlap, so it is at least as precise as either input's.
    An unresolved fact says nothing, so the other one is returned as it is.
    """
    if not b.resolved or b.earliest is None or b.latest is None:
        return a
    if not a.resolved or a.earliest is None or a.latest is None:
        return b
    earliest, latest = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if earliest > latest:
        return None
    # the wording and span of the narrower report; the order-independent tie-break keeps this commutative
    source = min((a, b), key=lambda f: (_width(f), f.text, repr(f.span), f.value or ""))
    return replace(fact_for_range(source.text, earliest, latest), span=source.span)
