"""Korean date expressions: the rule table for :func:`kg.extract.dates.find_dates`.

"2024년 6월 27일", "지난 5일(현지시간)", "지난주 초", "지난해 1월과 6월", "내달 14일", "이날", "전날", "연말",
"2025.3.7", "지난 화요일", "25일(현지시간·화)": each row is a pattern and the resolver that turns its match into
a :class:`kg.model.DateFact` against the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.dates import (
    ABSOLUTE,
    FUTURE,
    PAST,
    TODAY,
    Context,
    DateRules,
    Resolved,
    Resolver,
    add_months,
    finish,
    month_end,
    period_bounds,
    recent_day,
    relation_by_position,
    safe_date,
    unresolved,
    weekday_near,
)
from kg.model import DateFact, Precision

MIN_YEAR, MAX_YEAR = 1990, 2100

# --------------------------------------------------------------------------- patterns

# Korean has no spaces inside these words, so guard against being the tail of a longer word or number.
_NOT_AFTER_WORD = r"(?<![0-9A-Za-z가-힣])"
_NOT_AFTER_NUM = r"(?<![0-9A-Za-z.\-/'‘’])"
# A period word ("초", "말", "주") must be followed by a particle, punctuation or the end, so that
# "지난해 초청", "올해 말했다" or "이번 주주총회" are not read as dates.
_PARTICLE_END = r"(?=$|[\s,.·:;!?)\]'\"”’~∼\-]|에|께|쯤|경|까지|부터|의|은|는|이|가|도|엔|로|와|과|만|내|중|간)"

# A parenthesis kept inside the match: time-zone notes, weekdays, or an explicit "(21일)".
_PAREN = (
    r"(?:\s?\((?:[^()\d]{0,8}시[간각](?:\s?[·,]\s?[월화수목금토일](?:요일)?)?|[월화수목금토일](?:요일)?|"
    r"(?:\d{1,2}월\s?)?\d{1,2}일(?:\s?[월화수목금토일])?)\))?"
)

_WEEKDAY_IN_PAREN = re.compile(r"\((?:[^()]*[·,]\s?)?(?P<wd>[월화수목금토일])(?:요일)?\)")


def _day(name: str) -> str:
    """A day of the month, or a range of days ("25~27일"), named ``name`` (and ``name``0 for the first)."""
    return (rf"(?:(?P<{name}0>3[01]|[12]\d|0?[1-9])\s?[~∼]\s?)?"
            rf"(?P<{name}>3[01]|[12]\d|0?[1-9])일(?![본반간째대])")


_YEAR_WORDS = {"올해": 0, "금년": 0, "올": 0, "지난해": -1, "작년": -1, "재작년": -2, "내년": 1, "명년": 1, "내후년": 2}
_MONTH_WORDS = {"지난달": -1, "지난 달": -1, "이달": 0, "이번달": 0, "이번 달": 0, "금월": 0,
                "내달": 1, "다음달": 1, "다음 달": 1}

# year [month [day] | part] | month-word [day | part] | [지난|오는] month [day | part] | [지난|오는] day
_CALENDAR = re.compile(
    r"(?:"
    r"(?:" + _NOT_AFTER_NUM + r"(?P<y4>\d{4})년(?![형대생])|['‘’](?P<y2>\d{2})년(?![형대생])|"
    + _NOT_AFTER_WORD + r"(?P<yw>재작년|내후년|올해|금년|지난해|작년|내년|명년|올(?=\s)))"
    r"(?:\s*(?:(?P<ym0>1[0-2]|0?[1-9])\s?[~∼]\s?)?(?P<ym>1[0-2]|0?[1-9])월(?![드간])(?:\s*" + _day("yd") + r"|"
    r"\s*(?P<ymp>초순|상순|중순|하순|초|말)" + _PARTICLE_END + r")?"
    r"|\s*(?P<yp>상반기|하반기|초|말|[1-4]분기)" + _PARTICLE_END + r")?"
    r"|" + _NOT_AFTER_WORD + r"(?P<mw>지난\s?달|이번\s?달|이달|금월|내달|다음\s?달)"
    r"(?:\s*" + _day("wd") + r"|\s*(?P<wp>초순|상순|중순|하순|초|말)" + _PARTICLE_END + r")?"
    r"|(?:" + _NOT_AFTER_WORD + r"(?P<mdir>지난|오는|올|이번)\s?)?" + _NOT_AFTER_NUM
    + r"(?:(?P<m0>1[0-2]|0?[1-9])\s?[~∼]\s?)?(?P<m>1[0-2]|0?[1-9])월(?![드간])"
    r"(?:\s*" + _day("md") + r"|\s*(?P<mp>초순|상순|중순|하순|초|말)" + _PARTICLE_END + r")?"
    r"|(?:" + _NOT_AFTER_WORD + r"(?P<ddir>지난|오는)\s?)?" + _NOT_AFTER_NUM
    + _day("d")
    + r")(?!\s?(?:동안|만에|만이))" + _PAREN
)

_NUMERIC = re.compile(
    _NOT_AFTER_NUM
    + r"(?P<y>\d{4})(?:(?P<s>[-/])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})|\.\s?(?P<dm>\d{1,2})\.\s?(?P<dd>\d{1,2}))"
    r"(?![\d\-/]|\.\d)" + _PAREN
)

_WEEK = re.compile(
    _NOT_AFTER_WORD
    + r"(?:(?P<wend>지난|이번|다음)\s?주말(?=$|[^가-힣]|에|께|쯤|까지|부터|의|은|는|이|도|엔|동안)"
    r"|(?P<week>지난\s?주|이번\s?주|금주|다음\s?주|내주)(?:\s(?P<part>초|말)" + _PARTICLE_END + r"|" + _PARTICLE_END + r"))"
    + _PAREN
)

_DAY_WORDS = {"같은날": 0, "이날": 0, "오늘": 0, "금일": 0, "당일": 0, "전날": -1, "어제": -1, "그제": -2, "그저께": -2,
              "엊그제": -2, "내일": 1, "다음날": 1, "익일": 1, "모레": 2}
_ANCHORED_DAY_WORDS = frozenset({"같은날", "이날", "당일", "전날", "다음날", "익일"})
_DAY_WORD = re.compile(
    _NOT_AFTER_WORD + r"(?P<w>같은\s?날|엊그제|그저께|그제|이날|오늘(?!날)|금일|당일|전날|어제|내일|다음\s?날|익일|모레)" + _PAREN
)

_WEEKDAY_NAMES = "월화수목금토일"
_WEEKDAY = re.compile(
    _NOT_AFTER_WORD + r"(?:(?P<dir>지난|이번|다음|오는)\s?(?:주\s?)?)?(?P<wd>[월화수목금토일])요일(?![일])" + _PAREN
)

_YEAR_SPAN = re.compile(_NOT_AFTER_WORD + r"(?P<w>연내|연말|연초|연중)" + _PARTICLE_END + _PAREN)


# --------------------------------------------------------------------------- resolvers



def _part_range(year: int, month: int | None, part: str) -> tuple[date, date]:
    if month is not None:
        end = month_end(year, month).day
        first, last = {"초": (1, 10), "초순": (1, 10), "상순": (1, 10), "중순": (11, 20),
                       "하순": (21, end), "말": (21, end)}[part]
        return date(year, month, first), date(year, month, last)
    if part.endswith("분기"):
        quarter = int(part[0])
        return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    first_month, last_month = {"초": (1, 3), "말": (11, 12), "상반기": (1, 6), "하반기": (7, 12)}[part]
    return date(year, first_month, 1), month_end(year, last_month)


def _resolve_calendar(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    published = ctx.published
    g = m.groupdict()
    # Absolute years.
    if g["y4"] or g["y2"]:
        if g["y4"]:
            year = int(g["y4"])
        else:
            short = int(g["y2"])
            year = 1900 + short if short >= 90 else 2000 + short
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return _with_year(text, year, g, ABSOLUTE, ctx)
    if g["yw"]:
        word = g["yw"]
        if word == "올" and not (g["ym"] or g["yp"]):
            return None
        relation = PAST if _YEAR_WORDS[word] < 0 else FUTURE if _YEAR_WORDS[word] > 0 else None
        if published is None:
            return (unresolved(text), relation or PAST)
        return _with_year(text, published.year + _YEAR_WORDS[word], g, relation, ctx)
    if g["mw"]:
        word = re.sub(r"\s", "", g["mw"])
        delta = {"지난달": -1, "이번달": 0, "이달": 0, "금월": 0, "내달": 1, "다음달": 1}[word]
        relation = PAST if delta < 0 else FUTURE if delta > 0 else None
        if published is None:
            return (unresolved(text), relation or PAST)
        year, month = add_months(published.year, published.month, delta)
        return _with_month(text, year, month, g["wd0"], g["wd"], g["wp"], relation, ctx)
    previous = _coordinated(ctx.previous)
    if g["m"]:
        direction = g["mdir"]
        relation = {"지난": PAST, "오는": FUTURE}.get(direction or "")
        if g["m0"]:
            if published is None:
                return (unresolved(text), relation or PAST)
            year = published.year - (direction == "지난" and int(g["m"]) >= published.month)
            year += direction == "오는" and int(g["m0"]) < published.month
            return _month_range(text, year, g["m0"], g["m"], g["md"] or g["mp"], relation, ctx)
        if direction is None and previous is not None and int(g["m"]) >= previous.month:
            # "지난해 1월과 6월": the second month shares the first one's year.
            return _with_month(text, previous.year, int(g["m"]), g["md0"], g["md"], g["mp"], relation, ctx)
        if published is None:
            return (unresolved(text), relation or PAST)
        month = int(g["m"])
        day = int(g["md"]) if g["md"] else None
        year = published.year
        if direction == "지난":
            if (month, day or 0) > (published.month, published.day) or (day is None and month == published.month):
                year -= 1
        elif direction == "오는" and (month, day or 32) < (published.month, published.day):
            year += 1
        return _with_month(text, year, month, g["md0"], g["md"], g["mp"], relation, ctx)
    # A bare day of the month (or a range of days).
    direction = g["ddir"]
    relation = FUTURE if direction == "오는" else PAST if direction == "지난" else None
    first_day, last_day = int(g["d0"] or g["d"]), int(g["d"])
    if first_day > last_day or (first_day == last_day and g["d0"]):
        return None
    if (direction is None and previous is not None and ctx.previous is not None
            and ctx.previous.precision is Precision.DAY and last_day > previous.day):
        # "6월 25일과 27일": the second day is in the first one's month.
        found = safe_date(previous.year, previous.month, last_day)
        if found is not None:
            return finish(text, found - timedelta(days=last_day - first_day), found, relation, published)
    if published is None:
        return (unresolved(text), relation or PAST)
    weekday = _WEEKDAY_IN_PAREN.search(text)
    if weekday is not None and direction is None and first_day == last_day:
        # "23일(화)": of the nearest months' 23rd days, the one that is a Tuesday, before or after publication
        days = [d for delta in (-1, 0, 1) if (d := safe_date(*add_months(published.year, published.month, delta),
                                                               last_day)) is not None
                and d.weekday() == _WEEKDAY_NAMES.index(weekday["wd"])]
        if days:
            found = min(days, key=lambda d: abs((d - published).days))
            return finish(text, found, found, relation_by_position(found, found, published), published)
    # The nearest such day before publication, unless the wording or the sentence says it is ahead.
    forward = direction == "오는" or (direction is None and ctx.upcoming)
    found = recent_day(last_day if forward else first_day, published, forward=forward)
    if found is None:
        return None
    if forward:
        return finish(text, found - timedelta(days=last_day - first_day), found, relation, published)
    last = safe_date(found.year, found.month, last_day)
    if last is None:
        return None
    return finish(text, found, last, relation, published)


def _coordinated(previous: DateFact | None) -> date | None:
    """The first day of a coordinated date that names a month or a day ("지난해 1월과"), else None."""
    if previous is None or previous.precision not in (Precision.MONTH, Precision.DAY) or not previous.value:
        return None
    return period_bounds(previous.value)[0] if previous.precision is Precision.MONTH else previous.earliest


def _with_year(text: str, year: int, g: dict[str, str | None], relation: str | None, ctx: Context) -> Resolved:
    published = ctx.published
    if g["ym0"] and g["ym"]:
        return _month_range(text, year, g["ym0"], g["ym"], g["yd"] or g["ymp"], relation, ctx)
    if g["ym"]:
        return _with_month(text, year, int(g["ym"]), g["yd0"], g["yd"], g["ymp"], relation, ctx)
    if g["yp"]:
        earliest, latest = _part_range(year, None, g["yp"])
    else:
        earliest, latest = date(year, 1, 1), date(year, 12, 31)
    return finish(text, earliest, latest, relation, published)


def _month_range(text: str, year: int, first: str, last: str, detail: str | None, relation: str | None,
                 ctx: Context) -> Resolved:
    """ "1~3월": whole months; a day or part after a month range ("1~3월 5일") is not one date."""
    if detail or int(first) >= int(last):
        return None
    return finish(text, date(year, int(first), 1), month_end(year, int(last)), relation, ctx.published)


def _with_month(text: str, year: int, month: int, first_day: str | None, day: str | None, part: str | None,
                relation: str | None, ctx: Context) -> Resolved:
    published = ctx.published
    if day:
        last = safe_date(year, month, int(day))
        first = safe_date(year, month, int(first_day)) if first_day else last
        if first is None or last is None or first > last or (first_day and first == last):
            return None
        return finish(text, first, last, relation, published)
    if part:
        earliest, latest = _part_range(year, month, part)
    else:
        earliest, latest = date(year, month, 1), month_end(year, month)
    return finish(text, earliest, latest, relation, published)


def _resolve_numeric(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    published = ctx.published
    year = int(m["y"])
    month, day = (int(m["m"]), int(m["d"])) if m["m"] else (int(m["dm"]), int(m["dd"]))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    found = safe_date(year, month, day)
    if found is None:
        return None
    return finish(text, found, found, ABSOLUTE, published)


def _resolve_week(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    published = ctx.published
    word = re.sub(r"\s", "", m["wend"] or m["week"])
    shift = -7 if word.startswith("지난") else 7 if word.startswith(("다음", "내주")) else 0
    relation = PAST if shift < 0 else FUTURE if shift > 0 else None
    if published is None:
        return (unresolved(text), relation or PAST)
    monday = published - timedelta(days=published.weekday())
    if m["wend"]:
        if shift < 0:
            # The last whole weekend before publication (on a Sunday, the weekend before).
            back = (published.weekday() + 1) % 7 or 7
            sunday = published - timedelta(days=back)
        else:
            sunday = monday + timedelta(days=6 + shift)
        return finish(text, sunday - timedelta(days=1), sunday, relation, published)
    start = monday + timedelta(days=shift)
    first, last = {"초": (0, 2), "말": (4, 6), None: (0, 6)}[m["part"]]
    return finish(text, start + timedelta(days=first), start + timedelta(days=last), relation, published)


def _resolve_day_word(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    published = ctx.published
    word = re.sub(r"\s", "", m["w"])
    delta = _DAY_WORDS[word]
    # "이날", "전날", "다음날" refer to the day the text is talking about, which is the publication
    # day unless the text named another ("지난 22일 출국했다. 이날 ..."); "오늘", "어제" are the writer's.
    base = ctx.anchor if word in _ANCHORED_DAY_WORDS and ctx.anchor is not None else published
    if base is None:
        return (unresolved(text), PAST if delta < 0 else FUTURE if delta > 0 else TODAY)
    day = base + timedelta(days=delta)
    relation = (relation_by_position(day, day, published) if published
                else PAST if delta < 0 else FUTURE if delta > 0 else TODAY)
    return finish(text, day, day, relation, published)


def _resolve_year_span(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    published = ctx.published
    if published is None:
        return (unresolved(text), PAST)
    year = published.year
    earliest, latest = {
        "연내": (date(year, 1, 1), date(year, 12, 31)),
        "연중": (date(year, 1, 1), date(year, 12, 31)),
        "연초": (date(year, 1, 1), date(year, 3, 31)),
        "연말": (date(year, 11, 1), date(year, 12, 31)),
    }[m["w"]]
    return finish(text, earliest, latest, None, published)


def _resolve_weekday(m: re.Match[str], text: str, ctx: Context) -> Resolved:
    """ "지난 화요일" (the last Tuesday before publication), "오는 금요일", "이번 주 수요일", "화요일" (the nearest one
    on or before publication: news reports what happened)."""
    published = ctx.published
    weekday = _WEEKDAY_NAMES.index(m["wd"])
    direction = {"지난": -1, "다음": 1, "오는": 1}.get(m["dir"] or "", 0)
    relation = PAST if direction < 0 else FUTURE if direction > 0 else None
    if published is None:
        return (unresolved(text), relation or PAST)
    if m["dir"] == "이번":
        day = published + timedelta(days=weekday - published.weekday())
    else:
        day = weekday_near(weekday, published, direction)
    return finish(text, day, day, relation, published)


_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (_CALENDAR, _resolve_calendar),
    (_NUMERIC, _resolve_numeric),
    (_WEEK, _resolve_week),
    (_DAY_WORD, _resolve_day_word),
    (_YEAR_SPAN, _resolve_year_span),
    (_WEEKDAY, _resolve_weekday),
)



# Between two coordinated dates: "1월과 6월", "22일, 27일", "1월 및 3월".
_JOINER = re.compile(r"\s*(?:과|와|,|·|및|이나|또는|그리고)\s*")
# The rest of the sentence says the event is scheduled.
# "… 만날 예정이다" schedules the date; "예정이었으나", "예정이었던" tell a plan of the past
_UPCOMING = re.compile(r"[^.!?\n]{0,60}?예정(?!이었|였)")

KO_DATES = DateRules(_RULES, _JOINER, _UPCOMING, anchored=(_DAY_WORD,),
                     chained_words=re.compile(r"같은\s?날|이튿날|다음\s?날"))
