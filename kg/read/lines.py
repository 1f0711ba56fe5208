"""One line of a news page at a time: is it chrome, a byline, a headline; what credit ends it.

The words and patterns are Korean news pages' (:mod:`kg.read.ko`); this module is how they are applied.
"""

from __future__ import annotations

import re

from kg.read import en
from kg.read.ko import (
    BRACKET_BYLINE_RE,
    CREDIT_LINE_RE,
    CREDIT_WORDS_RE,
    DATE_RE,
    METADATA_LABEL_RE,
    NAME,
    NOT_OUTLETS,
    NOTICE_RES,
    NOTICE_START_RE,
    NOTICE_WORD_PAIRS,
    PLACE_BYLINE_RE,
    REPORTER_LINE_RE,
    REPORTER_WORD,
    TRAILING_TRIMS,
    WIDGET_WORDS,
)
from kg.read.outlets import OUTLETS_BY_HOST
from kg.read.published import is_date_line, strip_dates

HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# Starts only where a run of address characters starts: a 100 KB run without "@" is scanned once, not 10^5 times.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BULLET_RE = re.compile(r"^(?:[•·▪◦‣∙▲△\-–—*]+\s*)+")
ONLY_PUNCT_RE = re.compile(r"^[\W\d_]*$")
# An e-mail address ending a caption or a paragraph, or the "[email protected]" a page's e-mail obfuscation left.
_TRAILING_EMAIL_RE = re.compile(r"(?<=\s)(?:(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])$")
# An outlet named after a caption's last sentence as its photo credit ("… 기념 촬영하고 있다. 연합뉴스").
_TRAILING_OUTLET_RE = re.compile(
    r"(?<=[.!?…다])\s+(?:" + "|".join(re.escape(n) for n in sorted(set(OUTLETS_BY_HOST.values()))) + r")$"
)
_BRACKETS = {")": "(", "]": "[", "】": "【"}


def squash(text: str) -> str:
    """Comparison key: whitespace collapsed."""
    return " ".join(text.split())


# Credits are short and end a line: they are looked for in its last characters only, and at most this many are
# taken off one line (real captions end with one to four), so a line of 20,000 "(사진)" costs what a caption does.
_CREDIT_WINDOW = 400
_MAX_CREDITS = 8


def _trim_trailing_bracket(text: str) -> str:
    """Drop one trailing (…) or […] group when it is a photo credit like (사진=KT) or (사진-... (CEO) SNS )."""
    if not text or text[-1] not in _BRACKETS:
        return text
    close = text[-1]
    opener = _BRACKETS[close]
    depth = 0
    for i in range(len(text) - 1, max(-1, len(text) - 1 - _CREDIT_WINDOW), -1):
        ch = text[i]
        if ch == close:
            depth += 1
        elif ch == opener:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1].strip()
                head = text[:i].rstrip()
                if head and CREDIT_WORDS_RE.search(inner) and len(head) >= 10:
                    return head
                return text
    return text


def trim_credits(text: str) -> str:
    """Strip trailing photo/reporter credits repeatedly; what is left is a prefix of ``text``."""
    for _ in range(_MAX_CREDITS):
        before = text
        text = _trim_trailing_bracket(text)
        for regex in (_TRAILING_EMAIL_RE, _TRAILING_OUTLET_RE, *TRAILING_TRIMS, *en.TRAILING_TRIMS):
            # from a position, not a slice: lookbehinds still see the characters before it
            m = regex.search(text, max(0, len(text) - _CREDIT_WINDOW))
            if m and len(text[: m.start()].strip()) >= 10:
                text = text[: m.start()].rstrip()
        if text == before:
            break
    return text


def is_widget_line(text: str) -> bool:
    words = [w.strip("·|/,:") for w in text.lower().split()]
    words = [w for w in words if w]
    return bool(words) and all(w in WIDGET_WORDS or w.isdigit() for w in words)


def is_notice(text: str) -> bool:
    """A notice of the page: text-to-speech, font size, comment rules, copyright, subscription, ..."""
    if NOTICE_START_RE.match(text) or any(r.search(text) for r in NOTICE_RES):
        return True
    for first, then in NOTICE_WORD_PAIRS:
        at = text.find(first)
        if at != -1 and text.find(then, at + len(first)) != -1:
            return True
    return False


def is_chrome(content: str, trimmed: str) -> bool:
    """Page chrome rather than article text: a timestamp, a credit, a widget, a notice, a bare e-mail line, or
    too short to be a sentence (a menu item, a section name). ``trimmed`` is ``content`` without its trailing
    credits, so "caption. (사진 제공) ⓒ 뉴스1" is judged by its caption. Markup is never chrome: it was made
    text before (:mod:`kg.read.markup`)."""
    return bool(
        METADATA_LABEL_RE.match(content)
        or is_date_line(content)
        or CREDIT_LINE_RE.match(content)
        or en.CREDIT_LINE_RE.match(content)
        or any(r.fullmatch(trimmed) for r in en.CHROME_RES)
        or is_widget_line(trimmed)
        or is_notice(trimmed)
        or (len(trimmed) < 100 and "@" in trimmed and EMAIL_RE.search(trimmed))
        or len(trimmed.split()) == 1
        or (len(trimmed.split()) == 2 and len(trimmed) <= 15)
    )


def names(group: str | None) -> str | None:
    if not group:
        return None
    return ", ".join(group.split())


def _english_byline(text: str) -> str | None:
    """The reporter of a byline of parts between slashes, one of them a date ("COMPANY / Reporter Kim Jisun /
    2024-06-10 03:58:49")."""
    if text.count("/") < 1 or len(text) > 120:
        return None
    parts = [p.strip() for p in text.split(" / ")]
    names = [m["name"] for p in parts if (m := en.REPORTER_PART_RE.match(p))]
    if names and any(is_date_line(p) for p in parts):
        return names[0]
    return None


def reporter_line(text: str) -> str | None:
    """Names from a reporter-only line ("정재우 기자 jjw@kbs.co.kr", "원태성 기자 김진희 기자 2026. 3. 18.",
    "COMPANY / Reporter Kim Jisun / 2024-06-10 03:58:49")."""
    m = REPORTER_LINE_RE.match(text)
    if not m:
        return _english_byline(text)
    rest = EMAIL_RE.sub(" ", m["rest"])
    rest = strip_dates(rest)
    if not ONLY_PUNCT_RE.match(rest):
        return None
    prefix = text[: m.start("rest")]
    found = [w for w in re.findall(r"[가-힣]+", re.sub(REPORTER_WORD, " ", prefix)) if len(w) >= 2]
    return ", ".join(found) or None


def strip_reporter_word(author: str) -> str | None:
    """"홍길동 기자" -> "홍길동": the name a page's author metadata gives, without the job title."""
    return re.sub(rf"\s?(?:{REPORTER_WORD})\b", "", author).strip() or None


HANGUL_RE = re.compile("[가-힣]")
# Headlines in a script without Hangul have at least this many words ("Shipping & Shipbuilding" is a section).
_MIN_LATIN_TITLE_WORDS = 4


def looks_like_title(text: str) -> bool:
    # Headlines are a phrase, not a finished sentence, and not too long.
    words = len(text.split())
    enough = words >= 2 if HANGUL_RE.search(text) else words >= _MIN_LATIN_TITLE_WORDS
    return 8 <= len(text) <= 150 and not text.endswith(".") and enough


# A finished sentence: a full stop, ! or ?, then closing quotes or brackets. Headlines, decks and headings end
# without one ("… 협력 강화", '조하람 “두 회사 비전 확인했다”'); body sentences, in Korean news too, with one.
_SENTENCE_END_RE = re.compile(r"[.!?。][\"'”’」』)\]]*$")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END_RE.search(text))


# What trim_credits takes off a paragraph that makes it no caption: the reporter's name and e-mail.
_REPORTER_TAIL_RE = re.compile(
    rf"(?:{NAME}(?:\s{NAME}){{0,2}}\s?(?:{REPORTER_WORD})|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\]|[\s,·/()])*"
)


def photo_credited(content: str, trimmed: str) -> bool:
    """Whether what :func:`trim_credits` took off ``content`` is a photo's credit (a caption's), not the
    reporter's name or e-mail ending the last paragraph ("…전망된다.김정우 기자 enyou@hankyung.com")."""
    tail = content[len(trimmed) :]
    return bool(tail.strip()) and not _REPORTER_TAIL_RE.fullmatch(tail)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def same_headline(line: str, title: str) -> bool:
    """The same headline up to punctuation, a site suffix or a few changed words."""
    a, b = "".join(_words(line)), "".join(_words(title))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    words = _words(line)
    shared = sum(1 for w in words if w in set(_words(title)))
    return shared / len(words) >= 0.6


def byline(text: str) -> tuple[str, str | None] | None:
    """(publisher, reporter) from a lead byline: "[비즈니스포스트]", "(서울=뉴스1) 홍길동 기자 =",
    "[뉴스토마토 이지은 기자]"; None when the line opens with none, or with a tag that is no outlet ([단독])."""
    m = BRACKET_BYLINE_RE.match(text) or PLACE_BYLINE_RE.match(text)
    if not m:
        return None
    outlet = m["outlet"].strip()
    if outlet in NOT_OUTLETS or not re.search(r"[가-힣A-Za-z]", outlet) or DATE_RE.search(outlet):
        return None
    return outlet, names(m["names"])
