"""Pictures drawn on the server as SVG: they need no script, show the same in a page and in a report sent by
e-mail, and every name in them is escaped text.

Here the common pieces and the meeting timeline; the partner network is :mod:`kg.serve.network`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from kg.serve.data import Landscape, Meeting

# Fonts with Hangul first: Debian's fonts-nanum, then what Windows and macOS ship.
FONTS = "'Noto Sans KR', NanumGothic, 'Nanum Gothic', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777", "#4f46e5",
           "#65a30d")
WIDTH = 960

Linker = Callable[[str], "str | None"]  # an entity's IRI -> where its page is (None: nowhere)


def esc(value: object) -> str:
    """Text and attribute values for HTML and SVG: <, >, &, " and ' as references."""
    return escape(str(value), quote=True)


def text_width(value: str, size: float) -> float:
    """About how wide a line of text is: wide (Hangul, CJK) characters take about a font size, others half."""
    return sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.56 for ch in value)


def clip(value: str, size: float, width: float) -> str:
    """The text cut with an ellipsis to about ``width``."""
    if text_width(value, size) <= width:
        return value
    while value and text_width(value + "…", size) > width:
        value = value[:-1]
    return value + "…"


def svg_open(width: float, height: float, label: str, css_class: str) -> str:
    return (f'<svg class="{css_class}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}" '
            f'font-family="{esc(FONTS)}" font-size="13">')


def linked(inner: str, href: str | None, attributes: str = "") -> str:
    if href is None:
        return f"<g{attributes}>{inner}</g>"
    return f'<a href="{esc(href)}"{attributes}>{inner}</a>'


# --- the timeline -----------------------------------------------------------------------------------------

ROW, TOP, SIDE = 30, 52, 16
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _ticks(start: date, end: date) -> list[tuple[date, str, bool]]:
    """Month boundaries between ``start`` and ``end``: (day, label, starts a year). Every month up to two years,
    then quarters, then only years."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 24 else 3 if months <= 72 else 12
    ticks: list[tuple[date, str, bool]] = []
    day = start
    while day <= end:
        if (day.month - 1) % step == 0:
            label = str(day.year) if day.month == 1 or not ticks else _MONTHS[day.month - 1]
            ticks.append((day, label, day.month == 1))
        day = _next_month(day)
    return ticks


def meeting_summary(landscape: Landscape, meeting: Meeting) -> str:
    names = " · ".join(landscape.company_names(meeting)) or meeting.attendees
    place = f" — {meeting.city or meeting.place}" if (meeting.city or meeting.place) else ""
    return f"{meeting.when}  {names}{place}"


def timeline_svg(landscape: Landscape, link: Linker) -> str:
    """The meetings as bars on a time axis, from the first day they may have taken place on to the last; a
    planned meeting's bar is hollow. Undated meetings come last, without a bar."""
    meetings = landscape.meetings
    spans = [(m, _day(m.earliest), _day(m.latest)) for m in meetings]
    days = [d for _, first, last in spans for d in (first, last) if d is not None]
    height = TOP + ROW * max(1, len(meetings)) + 12
    parts = [svg_open(WIDTH, height, "Timeline of the meetings", "timeline")]
    if not days:
        parts.append(f'<text x="{SIDE}" y="{TOP}" class="empty">No dated meeting matches.</text>')
    start = _month_start(min(days)) if days else date.today()
    end = _next_month(max(days)) if days else start + timedelta(days=31)
    span = max(1, (end - start).days)
    inner = WIDTH - 2 * SIDE

    def x(day: date) -> float:
        return SIDE + inner * (day - start).days / span

    if days:
        for day, label, year in _ticks(start, end):
            if x(day) + text_width(label, 13) > WIDTH - 4:
                continue  # no room for the last label
            weight = ' font-weight="bold"' if year else ""
            parts.append(f'<line x1="{x(day):.1f}" y1="28" x2="{x(day):.1f}" y2="{height - 8}" class="grid" '
                         f'stroke="#e2e8f0"/>')
            parts.append(f'<text x="{x(day) + 3:.1f}" y="20" class="tick" fill="#475569"{weight}>{esc(label)}</text>')
    for row, (meeting, first, last) in enumerate(spans):
        parts.append(_row(landscape, meeting, first, last, TOP + row * ROW, x, link))
    parts.append("</svg>")
    return "".join(parts)


def _row(landscape: Landscape, meeting: Meeting, first: date | None, last: date | None, y: float,
         x: Callable[[date], float], link: Linker) -> str:
    label = meeting_summary(landscape, meeting)
    tooltip = "\n".join(part for part in (label, meeting.attendees, meeting.topics) if part)
    planned = meeting.status == "Planned"
    shapes = []
    if first is not None and last is not None:
        left, right = x(first), x(last + timedelta(days=1))
        if right - left < 8:
            left, right = (left + right) / 2 - 4, (left + right) / 2 + 4
        fill = 'fill="#ffffff" stroke="#2563eb" stroke-dasharray="3 2"' if planned else 'fill="#2563eb"'
        shapes.append(f'<rect x="{left:.1f}" y="{y - 11:.1f}" width="{right - left:.1f}" height="12" rx="3" '
                      f'class="bar{" planned" if planned else ""}" {fill}/>')
        room_right = WIDTH - SIDE - right - 8
        if text_width(label, 13) <= room_right or room_right >= left - SIDE - 8:
            text_x, anchor, room = right + 6, "start", room_right
        else:
            text_x, anchor, room = left - 6, "end", left - SIDE - 8
    else:
        text_x, anchor, room = SIDE, "start", WIDTH - 2 * SIDE
    shapes.append(f'<text x="{text_x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="label" fill="#0f172a">'
                  f'{esc(clip(label, 13, room))}</text>')
    inner = f"<title>{esc(tooltip)}</title>" + "".join(shapes)
    return linked(inner, link(meeting.iri), f' class="meeting" data-meeting="{esc(meeting.iri)}"')
