"""English date expressions: the rule table for :func:`kg.extract.dates.find_dates`.

"March 6", "Jan. 8, 2025", "on the 6th (local time)", "on Wednesday", "last Tuesday", "in June 2024", "in 2005",
"last month", "this week", "earlier this week", "yesterday", "2024-06-10": each row is a pattern and the resolver
that turns its match into a :class:`kg.model.DateFact` against the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.dates import (
    ABSOLUTE,
    FUTURE,
    PAST,
    Context,
    DateRules,
    Resolved,
    Resolver,
    add_months,
    finish,
    month_end,
    recent_day,
    safe_date,
    unresolved,
    weekday_near,
)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_LOCAL = r"(?:\s?\((?:local time|KST|[A-Z]{2,4})\))?"
_B = r"(?<![A-Za-z0-9])"

_MONTH_DAY = re.compile(
    _B + r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s)?" + _MONTH
    + r"\s(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])(?:,?\s(?P<year>(?:19|20)\d\d))?" + _LOCAL
)
_DAY_MONTH = re.compile(_B + r"(?P<day>3[01]|[12]\d|0?[1-9])\s" + _MONTH + r"(?:,?\s(?P<year>(?:19|20)\d\d))?" + _LOCAL)
_MONTH_YEAR = re.compile(_B + r"(?:(?P<part>early|mid|late)[\s-])?" + _MONTH + r"\s(?P<year>(?:19|20)\d\d)(?!\d)")
_IN_YEAR = re.compile(r"(?:(?<=\bin\s)|(?<=\bIn\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\bSince\s))"
                      r"(?P<year>(?:19|20)\d\d)(?![\d\-/.])")
_IN_MONTH = re.compile(r"(?:(?<=\bin\s)|(?<=\bIn\s))" + _MONTH + r"(?!\s\d)")
_NTH = re.compile(r"\b(?:on\s)?the\s(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)" + _LOCAL)
_WEEKDAY = re.compile(
    _B + r"(?:(?P<dir>last|next|this|coming)\s)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?!,?\s(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z]))" + _LOCAL  # "On Monday, Jang met" names no January
)
_RELATIVE = re.compile(
    _B + r"(?P<w>(?:(?:earlier|later|late|early)\s)?(?:last|this|next)\s(?:week|month|year|weekend)|"
    r"earlier\sthis\s(?:week|month|year)|yesterday|today|tomorrow|the\sday\sbefore|the\sprevious\sday)(?![A-Za-z])"
)
# "in March last year", "November next year"
_MONTH_REL_YEAR = re.compile(_B + _MONTH + r"\s(?:of\s)?(?P<rel>last|this|next)\syear\b")
# "two days later", "a week later", "the next day", "the following week": counted from the day the text is at
_LATER = re.compile(
    _B + r"(?:(?P<n>a|an|one|two|three|four|five|six|seven|\d{1,2})\s(?P<unit>day|days|week|weeks)\s"
    r"(?P<dir>later|after|afterwards|earlier|before)|"
    # "The next day, …" opens a sentence; ", traveling to attend the summit the next day," dates something else
    r"(?:(?<=^)|(?<=\bon\s))the\s(?:next|following)\s(?P<u2>day|week))(?![A-Za-z])",
    re.IGNORECASE)
# "That evening, he also met …", "later that day", "on the same day": the day the text is at
_SAME_DAY = re.compile(
    r"(?:(?<=^)|(?<=\bon\s)|(?<=\blater\s)|(?<=\bLater\s))(?:that|the\ssame)\s(?:day|evening|morning|afternoon|night)"
    r"(?![A-Za-z])", re.IGNORECASE)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_ISO = re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)(?P<s>[-./])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])")


def _month(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _nearest_year(month: int, day: int | None, published: date, upcoming: bool) -> int:
    """The year that puts month/day nearest before publication (after it, when the sentence says it is ahead)."""
    year = published.year
    if upcoming:
        return year + 1 if (month, day or 31) < (published.month, published.day) and published.month - month > 6 else year
    if (month, day or 1) > (published.month, published.day) and month - published.month > 1:
        return year - 1
    return year


def _resolve_month_day(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    month, day = _month(m["month"]), int(m["day"])
    if m["year"]:
        found = safe_date(int(m["year"]), month, day)
        return None if found is None else finish(text, found, found, ABSOLUTE, ctx.published)
    if ctx.published is None:
        return unresolved(text), PAST
    found = safe_date(_nearest_year(month, day, ctx.published, ctx.upcoming), month, day)
    return None if found is None else finish(text, found, found, None, ctx.published)


def _resolve_month_year(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    year, month = int(m["year"]), _month(m["month"])
    first, last = date(year, month, 1), month_end(year, month)
    part = m["part"]
    if part:
        first, last = {"early": (first, first + timedelta(days=9)), "mid": (first + timedelta(days=10),
                       first + timedelta(days=19)), "late": (first + timedelta(days=20), last)}[part]
    return finish(text, first, last, ABSOLUTE, ctx.published)


def _resolve_in_year(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    year = int(m["year"])
    return finish(text, date(year, 1, 1), date(year, 12, 31), ABSOLUTE, ctx.published)


def _resolve_in_month(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    if ctx.published is None:
        return unresolved(text), PAST
    month = _month(m["month"])
    year = _nearest_year(month, None, ctx.published, ctx.upcoming)
    return finish(text, date(year, month, 1), month_end(year, month), None, ctx.published)


def _resolve_nth(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    if ctx.published is None:
        return unresolved(text), PAST
    found = recent_day(int(m["day"]), ctx.published, forward=ctx.upcoming)
    return None if found is None else finish(text, found, found, None, ctx.published)


def _resolve_weekday(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    direction = {"last": -1, "next": 1, "coming": 1}.get(m["dir"] or "", 0)
    relation = PAST if direction < 0 else FUTURE if direction > 0 else None
    if ctx.published is None:
        return unresolved(text), relation or PAST
    weekday = _WEEKDAYS.index(m["wd"].lower())
    if m["dir"] == "this" or (direction == 0 and ctx.upcoming):
        day = ctx.published + timedelta(days=(weekday - ctx.published.weekday()) % 7 if ctx.upcoming else
                                        weekday - ctx.published.weekday())
    else:
        day = weekday_near(weekday, ctx.published, direction)
    return finish(text, day, day, relation, ctx.published)


def _resolve_relative(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    words = m["w"].lower().split()
    relation = PAST if "last" in words or "yesterday" in words or "previous" in words or "before" in words else (
        FUTURE if "next" in words or "tomorrow" in words else None)
    published = ctx.published
    if published is None:
        return unresolved(text), relation or PAST
    unit = words[-1]
    if unit in ("yesterday", "today", "tomorrow", "before") or words[-2:] == ["previous", "day"]:
        base = ctx.anchor if unit == "before" or words[-2:] == ["previous", "day"] else published
        delta = {"yesterday": -1, "today": 0, "tomorrow": 1}.get(unit, -1)
        day = (base or published) + timedelta(days=delta)
        return finish(text, day, day, relation, published)
    shift = -1 if "last" in words else 1 if "next" in words else 0
    if unit in ("week", "weekend"):
        monday = published - timedelta(days=published.weekday()) + timedelta(days=7 * shift)
        first, last = (monday + timedelta(days=5), monday + timedelta(days=6)) if unit == "weekend" else (
            monday, monday + timedelta(days=6))
        if "earlier" in words:
            last = published
        if "later" in words:
            first = max(first, published + timedelta(days=1))
    elif unit == "month":
        year, month = add_months(published.year, published.month, shift)
        first, last = date(year, month, 1), month_end(year, month)
        if "late" in words:
            first = first + timedelta(days=20)
        elif "early" in words:
            last = first + timedelta(days=9)
        if "earlier" in words:
            last = published
        if "later" in words:  # "later this month": after publication, before the month ends
            first = max(first, published + timedelta(days=1))
    else:
        year = published.year + shift
        first, last = date(year, 1, 1), date(year, 12, 31)
        if "earlier" in words:
            last = published
    return finish(text, first, last, relation, published)


def _resolve_month_rel_year(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    if ctx.published is None:
        return unresolved(text), PAST
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    year, month = ctx.published.year + shift, _month(m["month"])
    relation = PAST if shift < 0 else FUTURE if shift > 0 else None
    return finish(text, date(year, month, 1), month_end(year, month), relation, ctx.published)


def _resolve_same_day(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return unresolved(text), PAST
    return finish(text, ctx.anchor, ctx.anchor, None, ctx.published)


def _resolve_later(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    base = ctx.anchor
    if base is None:
        return unresolved(text), PAST
    if m["u2"]:
        days = 1 if m["u2"].lower() == "day" else 7
    else:
        count = m["n"].lower()
        days = (int(count) if count.isdigit() else _NUMBERS[count]) * (7 if m["unit"].lower().startswith("week")
                                                                      else 1)
        if m["dir"].lower() in ("earlier", "before"):
            days = -days
    day = base + timedelta(days=days)
    return finish(text, day, day, None, ctx.published)


def _resolve_iso(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    found = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None if found is None else finish(text, found, found, ABSOLUTE, ctx.published)


_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (_MONTH_DAY, _resolve_month_day),
    (_DAY_MONTH, _resolve_month_day),
    (_MONTH_YEAR, _resolve_month_year),
    (_MONTH_REL_YEAR, _resolve_month_rel_year),
    (_LATER, _resolve_later),
    (_SAME_DAY, _resolve_same_day),
    (_IN_YEAR, _resolve_in_year),
    (_IN_MONTH, _resolve_in_month),
    (_NTH, _resolve_nth),
    (_WEEKDAY, _resolve_weekday),
    (_RELATIVE, _resolve_relative),
    (_ISO, _resolve_iso),
)

EN_DATES = DateRules(
    _RULES,
    joiner=re.compile(r"\s*(?:and|or|,|&)\s*"),
    upcoming=re.compile(r"(?!x)x"),
    anchored=(_SAME_DAY,),
    chained=True,
    upcoming_before=re.compile(r"\b(?:will|is set to|are set to|is expected to|are expected to|plans? to|"
                               r"scheduled|slated|to be held)\b", re.IGNORECASE),
)
