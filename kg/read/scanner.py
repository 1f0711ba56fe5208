"""A page's lines, one at a time: chrome (dropped, mined for metadata) or a paragraph, and what that paragraph is
(headline, subtitle, body, caption).

The rules are patterns of news pages in general (:mod:`kg.read.lines`, with the words in :mod:`kg.read.ko` and
:mod:`kg.read.en`), not of any one article. The scanner's state is where in the page it is: before or after the
headline, in the body, in a tip block, in an image link's caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.model import ParagraphRole
from kg.read.en import CAPTION_CUE_RE as EN_CAPTION_CUE_RE
from kg.read.ko import (
    CAPTION_CUE_RE,
    DATE_RE,
    END_RE,
    POINTER_PREFIXES,
    TIP_BLOCK_PREFIXES,
    TIP_HEADING_RE,
    TIP_WORDS,
)
from kg.read.lines import (
    BULLET_RE,
    EMAIL_RE,
    HANGUL_RE,
    ONLY_PUNCT_RE,
    byline,
    ends_sentence,
    is_chrome,
    looks_like_title,
    photo_credited,
    reporter_line,
    same_headline,
    squash,
    trim_credits,
)
from kg.read.published import Stamp, crawler_marker, dateline_date, dates_in_line, is_date_line, stamps_in


@dataclass
class Meta:
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    labeled_date: Stamp | None = None
    unlabeled_before_title: list[Stamp] = field(default_factory=list)
    unlabeled_after_title: list[Stamp] = field(default_factory=list)
    crawler_date: date | None = None  # a crawler's " date YYYY-MM-DD" marker opening the capture
    caption_dates: list[date] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    cut: bool = False  # the text had more lines than are read

    @property
    def text_date(self) -> Stamp | None:
        """The page's own date: the first labeled one (입력 …), else the first timestamp below the headline,
        else the first above it."""
        unlabeled = self.unlabeled_after_title or self.unlabeled_before_title
        return self.labeled_date or next(iter(unlabeled), None)


@dataclass
class Kept:
    start: int
    end: int
    text: str
    role: ParagraphRole
    breaks: list[tuple[int, int]] = field(default_factory=list)  # line breaks inside it (a name split from "(Sam Hartwell)")
    heading_in_body: bool = False  # a subtitle only by its form, inside the body


def _content(raw: str, line_start: int) -> tuple[str, int] | None:
    """A line's text without surrounding space and leading bullets, and where it starts; None when nothing
    but punctuation (and no date) is left."""
    lead = len(raw) - len(raw.lstrip())
    content = raw.strip()
    if not content:
        return None
    bullet = BULLET_RE.match(content)
    if bullet and bullet.end() < len(content):
        lead += bullet.end()
        content = content[bullet.end() :].strip()
    if not content or ONLY_PUNCT_RE.match(content) and not DATE_RE.search(content):
        return None
    return content, line_start + lead


def _image_close(content: str) -> int | None:
    """Where the "](URL)" that ends a markdown image link starts; None when the line does not end with one."""
    close = content.rfind("](")
    if close == -1 or not content.endswith(")"):
        return None
    url = content[close + 2 : -1]
    return close if url and not any(ch.isspace() for ch in url) else None


# A "![" whose "](URL)" has not come after this many lines was not an image link: its lines are read as text.
_MAX_IMAGE_LINES = 12
# A line opening with a romanised name in parentheses continues the line before it ("… 샘 하트웰\n(Sam Hartwell)
# 오픈AI CEO가 …"): a line break a crawler put inside a sentence.
_ROMANISATION_RE = re.compile(r"^\([A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}\)\s*\S")
# Above the body, a line of fewer Latin-script words than this is a menu item, a section or the outlet's name.
_MIN_LEAD_WORDS = 4
# Inside the body, a line no longer than this that ends no sentence is a heading.
_MAX_BODY_HEADING = 60


class Scanner:
    """Classifies the lines of a page one by one: chrome (dropped, mined for metadata) or a paragraph with its
    role. ``hints`` are the roles the page's markup gives lines (by where they start); ``caption_keys`` are
    the captions the markup names, whitespace collapsed, for text another tool rendered from it."""

    def __init__(
        self,
        text: str,
        known_title: str | None,
        hints: dict[int, ParagraphRole] | None = None,
        caption_keys: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self.known_title = known_title
        self.hints = hints or {}
        self.caption_keys = caption_keys
        self.meta = Meta(title=known_title)
        self.kept: list[Kept] = []
        self.seen: set[str] = set()
        self.title_key = squash(known_title) if known_title else None
        self.title_seen = False
        self.headline: Kept | None = None  # the headline as the page shows it, once
        self.body_started = False
        self.in_tip_block = False
        self.image_lines = 0  # lines left to the end of a markdown image link's caption; 0 outside one
        self.first_line = True
        self.kept_on_line = False  # whether the line being read added to the paragraphs
        self.previous_kept = False  # whether the last non-blank line did
        self.adjacent = False  # whether the line being read comes right after the last non-blank one
        self.previous_end = -2

    def line(self, raw: str, line_start: int) -> bool:
        """Takes one line; False when it ends the article (a "latest news" heading after the body)."""
        if self.first_line and raw.strip():
            self.first_line = False
            marker = crawler_marker(raw)
            if marker is not None:
                self.meta.crawler_date, skip = marker
                raw, line_start = raw[skip:], line_start + skip
        found = _content(raw, line_start)
        if found is None:
            return True
        self.adjacent = line_start == self.previous_end + 1
        self.kept_on_line = False
        go_on = self._line(*found, self.hints.get(line_start))
        self.previous_kept, self.previous_end = self.kept_on_line, line_start + len(raw)
        return go_on

    def _line(self, content: str, start: int, hint: ParagraphRole | None) -> bool:
        in_image = bool(self.image_lines) or content.startswith("![")
        if in_image:
            found = self._caption_of_image(content, start)
            if found is None:
                return True
            content, start = found
        if "@" in content:
            self.meta.emails.extend(EMAIL_RE.findall(content))
        trimmed = trim_credits(content)
        caption = (
            in_image
            or photo_credited(content, trimmed)
            or hint is ParagraphRole.CAPTION
            or squash(content) in self.caption_keys
            or bool(CAPTION_CUE_RE.search(content) or EN_CAPTION_CUE_RE.search(content))
        )
        if caption:
            self.meta.caption_dates.extend(stamps_in(content))
        else:
            self._dates(content)
        if self.body_started and END_RE.match(content):
            return False
        if self._is_tip(content):
            return True
        reporter = reporter_line(content)
        if reporter:
            if not in_image:  # a photo agency's credit in a caption is not the article's reporter
                self.meta.reporter = self.meta.reporter or reporter
            return True
        if is_chrome(content, trimmed) or self._is_lead_chrome(trimmed, caption):
            return True
        if self._is_headline(content, start, caption=caption, hint=hint):
            return True
        if self._continues_previous(trimmed, start):
            return True
        self._keep(start, trimmed, self._role(trimmed, caption, hint), bylines=not in_image)
        return True

    def _caption_of_image(self, content: str, start: int) -> tuple[str, int] | None:
        """The part of a line that is a markdown image link's caption ("![caption](https://…jpg)", on one line
        or over several), and where it starts; None when nothing of the line is caption."""
        if content.startswith("![") and not self.image_lines:
            content, start = content[2:], start + 2
            self.image_lines = _MAX_IMAGE_LINES
        close = _image_close(content)
        if close is not None:
            content = content[:close]
            self.image_lines = 0
        else:
            self.image_lines -= 1
        stripped = content.strip()
        return (stripped, start + len(content) - len(content.lstrip())) if stripped else None

    def _dates(self, content: str) -> None:
        """Dates: a wire dateline opening any line; labeled anywhere in a short line; unlabeled only on
        timestamp/byline lines."""
        if self.meta.labeled_date is None and (dateline := dateline_date(content)) is not None:
            self.meta.labeled_date = dateline
        if len(content) >= 100:
            return
        for hit in dates_in_line(content):
            if hit.labeled:
                if self.meta.labeled_date is None:
                    self.meta.labeled_date = hit.value
            elif is_date_line(content) or reporter_line(content):
                meta = self.meta
                bucket = meta.unlabeled_after_title if self.title_seen else meta.unlabeled_before_title
                bucket.append(hit.value)

    def _is_tip(self, content: str) -> bool:
        """A line of a news-tip block ("■ 제보하기", "▷ 카카오톡 : …") or a pointer to tips or subscriptions."""
        if TIP_HEADING_RE.match(content):
            self.in_tip_block = True
            return True
        if self.in_tip_block:
            if content.startswith(TIP_BLOCK_PREFIXES) or any(w in content for w in TIP_WORDS):
                return True
            self.in_tip_block = False
        return content.startswith(POINTER_PREFIXES) and (
            any(w in content for w in TIP_WORDS) or "：" in content or ":" in content
        )

    def _is_lead_chrome(self, trimmed: str, caption: bool) -> bool:
        """Above the body, a line of a few Latin-script words that is no caption and no sentence: a menu item, a
        section ("Shipping & Shipbuilding"), the outlet's name ("Korea JoongAng Daily")."""
        return (
            not caption
            and not self.body_started
            and len(trimmed.split()) < _MIN_LEAD_WORDS
            and not ends_sentence(trimmed)
            and not HANGUL_RE.search(trimmed)  # a short Korean headline is no menu ("신동하-허민재-조하람 등 만나")
        )

    def _is_headline(self, content: str, start: int, *, caption: bool, hint: ParagraphRole | None) -> bool:
        """The page's headline (taken as the title when none was given): kept once as the headline paragraph,
        its repeats dropped. A caption, or a line that opens with a reporter's byline ("[뉴스토마토 이지은
        기자] 김영수"), is no headline."""
        key = squash(content)
        heading = hint is ParagraphRole.HEADLINE or looks_like_title(content)
        if not self.body_started and not caption and heading and not _names_reporter(content):
            if self.meta.title is None and not self.kept:
                self.meta.title = content
                self.title_key = key
            elif self.known_title and not self.title_seen and same_headline(content, self.known_title):
                return self._headline(content, start, key)
        if self.title_key is not None and key == self.title_key:
            return self._headline(content, start, key)
        return False

    def _headline(self, content: str, start: int, key: str) -> bool:
        self.title_seen = True
        if self.headline is None:
            self.seen.add(key)
            self.headline = Kept(start, start + len(content), content, ParagraphRole.HEADLINE)
        return True

    def _continues_previous(self, trimmed: str, start: int) -> bool:
        """A line a crawler broke off its sentence right before a romanised name ("(Sam Hartwell) 오픈AI CEO가 …"):
        the paragraph before it goes on over the line break, which extraction reads as a space."""
        last = self.kept[-1] if self.kept else None
        if (
            last is None
            or not (self.adjacent and self.previous_kept)
            or last.role is ParagraphRole.CAPTION
            or ends_sentence(last.text)
            or not _ROMANISATION_RE.match(trimmed)
        ):
            return False
        end = start + len(trimmed)
        last.breaks.append((last.end, start))
        last.end, last.text = end, self.text[last.start : end]
        last.role, last.heading_in_body = ParagraphRole.BODY, False  # half a sentence looked like a heading
        self.seen.add(squash(last.text))
        self.kept_on_line = self.body_started = True
        return True

    def _role(self, trimmed: str, caption: bool, hint: ParagraphRole | None) -> ParagraphRole:
        if caption:
            return ParagraphRole.CAPTION
        if hint is ParagraphRole.SUBTITLE or hint is ParagraphRole.HEADLINE:
            return ParagraphRole.SUBTITLE
        if looks_like_title(trimmed) and not ends_sentence(trimmed) and byline(trimmed) is None:
            if not self.body_started:
                return ParagraphRole.SUBTITLE
            if len(trimmed) <= _MAX_BODY_HEADING:
                return ParagraphRole.SUBTITLE
        return ParagraphRole.BODY

    def _keep(self, start: int, trimmed: str, role: ParagraphRole, *, bylines: bool) -> None:
        key = squash(trimmed)
        if key in self.seen:
            last = self.kept[-1] if self.kept else None
            if (
                last is not None
                and self.adjacent
                and self.previous_kept
                and squash(last.text) == key
            ):
                last.role = ParagraphRole.CAPTION  # a line shown twice in a row: an image's alt text and caption
            return
        self.seen.add(key)
        self.kept_on_line = True
        heading_in_body = role is ParagraphRole.SUBTITLE and self.body_started
        self.kept.append(Kept(start, start + len(trimmed), trimmed, role, heading_in_body=heading_in_body))
        if len(trimmed) >= 30 and role is not ParagraphRole.SUBTITLE:  # a deck under the headline is no body yet
            self.body_started = True
            self.title_seen = True  # the headline, if any, is above the body
        found = byline(trimmed) if bylines else None
        if found:
            self.meta.publisher = self.meta.publisher or found[0]
            self.meta.reporter = self.meta.reporter or found[1]

    def finish(self) -> list[Kept]:
        """The kept paragraphs; a heading-like line that ends the page is a cut-off paragraph, not a heading."""
        if self.kept and self.kept[-1].heading_in_body:
            self.kept[-1].role = ParagraphRole.BODY
        return self.kept


def _names_reporter(line: str) -> bool:
    found = byline(line)
    return found is not None and found[1] is not None
