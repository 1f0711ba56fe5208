"""English news pages as data: their date forms, publication lines, credits and page chrome.

The same names as :mod:`kg.read.ko` where a rule has a counterpart there; the algorithm is in :mod:`kg.read.lines`
and :mod:`kg.read.published`. Korean outlets' English editions (Korea JoongAng Daily, The Korea Herald, KED
Global) and wire releases are the pages these come from.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------------
# Dates: "26 Mar. 2025, 17:49", "Mar 09, 2025", "Wednesday, Jan. 8, 2025", "Aug 20, 2025, 08:40 am"

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_TIME = r"(?:,?\s*(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?(?![\w:]))?"
# Day first ("26 Mar. 2025") or month first ("Mar 09, 2025", "January 28, 2026"), then an optional time.
DATE_RE = re.compile(
    rf"(?<![\w.])(?:(?P<d1>\d{{1,2}})\s+(?P<mon1>{_MONTH})\.?,?\s+|(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}),?\s+)"
    rf"(?P<y>(?:19|20)\d{{2}})(?!\d){_TIME}",
    re.IGNORECASE,
)
# A day of a month without a year: "on March 6", "(March 8)"; what an article's day references look like.
DAY_RE = re.compile(
    rf"(?<![\w.])(?:{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?!\d|,?\s+(?:19|20)\d{{2}})|\bon the (?P<nth>\d{{1,2}})(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
PUBLICATION_LABEL_RE = re.compile(
    r"(?:(?:first\s+)?(?:published|posted|released)\s*(?:on)?\s*[:：]?|date\s*[:：])\s*$", re.IGNORECASE
)
# "By Mar 09, 2025": a byline that gives the date where a name would be; "grew by Jan. 29, 2026" is no label.
BY_LABEL_RE = re.compile(r"^\W*by\s*$", re.IGNORECASE)
UPDATE_LABEL_RE = re.compile(r"(?:last\s+)?(?:updated?|modified|revised)\s*(?:on)?\s*[:：]?\s*$", re.IGNORECASE)
# A timestamp line's own words, removed before asking whether anything else is on the line.
DATE_LINE_LABEL_RE = re.compile(
    r"\b(?:first\s+)?(?:published|posted|updated?|modified|last|by|on|date)\b|\(?\b(?:gmt|utc|kst)\s*(?:[+-]\s*\d{1,2}(?::\d{2})?)?\)?",
    re.IGNORECASE,
)
# A wire release's dateline: "SEOUL, South Korea, Jan. 29, 2026 /PRNewswire/ —", "(BUSINESS WIRE)".
DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},(?:\s[A-Z][A-Za-z .'-]{1,40},)?\s(?P<date>[^/()]{6,40}?)\s*"
    r"(?:/\s*[A-Za-z][\w -]{1,30}/|\((?:BUSINESS WIRE|GLOBE NEWSWIRE|ACCESSWIRE)\))"
)

# ---------------------------------------------------------------------------------------------------
# Bylines: "COMPANY / Reporter Kim Jisun / 2024-06-10 03:58:49"

REPORTER_PART_RE = re.compile(
    r"^(?:Reporter|Staff\s+reporter|Correspondent|Writer|By)\s+(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3})$"
)

# ---------------------------------------------------------------------------------------------------
# Page chrome: a line matching one of these (case-insensitive, whole) is the page's, not the article's.

CHROME_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"skip to (?:main )?content",
        r"view market snapshot",
        r"print(?: page)?(?: dictionary)?(?: print)?(?: small font big font)?",
        r"(?:facebook|twitter|x|linkedin|kakao(?:talk)?|e-?mail) share|tweet share|share (?:this )?(?:article|story)",
        r"\d{1,2} min(?:ute)?s? read",
        r"related (?:article|story|news)s?",
        r"advertisement|sponsored(?: content)?",
        r"listen to (?:this )?article|font size|text size",
        r"home(?:\s*>\s*[\w&'. -]{1,30}){1,4}",  # a breadcrumb
        # a ticker: "KOSPI 2556.61 -8.81 -0.34%", "USD/KRW 1438 1.00 -0.07%"
        r"[A-Z][A-Z0-9/&. ]{1,15}\s+[\d,]+(?:\.\d+)?\s+[+\-▲▼]?\s?[\d,]+(?:\.\d+)?\s+[+\-]?\d+(?:\.\d+)?%",
    )
]
# A photo credit line: "(Photo= Yonhap news)", "[Photo by Yonhap]"
CREDIT_LINE_RE = re.compile(r"^[\[(]\s*(?:photo|image|graphic|video)s?\s*(?:by|courtesy of|[=:])?[^\[\]()]*[\])]$", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------------
# Credits ending a caption: trimmed like the Korean ones (:data:`kg.read.ko.TRAILING_TRIMS`).

TRAILING_TRIMS = [
    re.compile(r"(?<=[.!?”\"])\s*\[[A-Z][A-Z0-9 .,&'/-]{1,40}\]$"),  # "[SCREEN CAPTURE]", "[YONHAP]"
    # "(Samsung Electronics)", "(Bridget Bennett/Bloomberg)" after the caption's last sentence
    re.compile(r"(?<=[.!?”\"])\s*\((?:[A-Z][\w&.'’-]*)(?:[ /][A-Z][\w&.'’-]*){0,5}\)$"),
    re.compile(r"(?<=[.!?”\")])\s*Photographer:\s*[^.!?]{1,80}$"),
    re.compile(r"(?<=[.!?”\")])\s*/\s*(?:Source|Photo|Courtesy)\s*:\s*[^/]{1,60}$"),
    re.compile(r"(?<=[.!?”\")])\s*(?:Photo|Image|Photograph)\s*(?:by|courtesy of|credit)?\s*[:=]\s*[^.!?]{1,60}$"),
]

# ---------------------------------------------------------------------------------------------------
# What marks a caption besides its credit: where the people stand in the picture.

CAPTION_CUE_RE = re.compile(
    r"\((?:left|right|center|centre|(?:second|third) from (?:left|right))\)|^from left\b", re.IGNORECASE
)
