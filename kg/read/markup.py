"""Markup -> text: HTML tags and entities wherever they are (a crawler's text field, a .txt capture, a page).

A crawler often hands over text with markup left in it: a whole article as one ``<div>…</div>`` line, sentences
between ``<br /><br />``, text only in an image's ``alt`` and a ``<figcaption>``. The text is what a browser would
show, one block a line: ``br``, ``p``, ``div``, ``li`` and the other block elements end a line, entities are
unescaped, scripts, styles, navigation and forms are dropped, and an image's ``alt``/``title`` text and a
``figcaption`` are kept as caption lines. An inline tag never costs a line its text.

Only the names of HTML elements are read as tags: "<최도윤 회장 인스타그램 갈무리>", a photo credit in angle
brackets, and "a < b" stay text. The scan is linear: each tag is matched once, and a dropped element's end is
looked for once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from kg.model import ParagraphRole
from kg.read.text import strip_controls

_BLOCK = """address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form h1 h2 h3
    h4 h5 h6 head header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul"""
_INLINE = """a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark meta link q s samp small span
    strike strong sub sup time tt u var wbr center picture source video audio caption col colgroup"""
# Elements whose content is never article text: code, navigation, a form, an embedded page, or the <title> the
# browser shows in its tab (a page's metadata, read by kg.read.html).
_DROPPED = """script style noscript template iframe svg canvas math nav button select textarea form object embed
    map dialog title"""
BLOCKS = frozenset(_BLOCK.split())
DROPPED = frozenset(_DROPPED.split())
_NAMES = "|".join(sorted(BLOCKS | DROPPED | frozenset(_INLINE.split()), key=len, reverse=True))
# A tag of a known element (its attributes bounded, so a "<" with no ">" costs a bounded look-ahead), or a comment,
# a doctype or a processing instruction (dropped).
_TAG_RE = re.compile(
    rf"(?P<comment><!--)|<![A-Za-z\[][^<>]{{0,4000}}>|<\?[^<>]{{0,4000}}>"
    rf"|<(?P<close>/?)(?P<name>{_NAMES})(?=[\s/>])(?P<attrs>[^<>]{{0,4000}})>",
    re.IGNORECASE | re.DOTALL,
)
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ATTR_RE = re.compile(r"""(?P<key>[A-Za-z_:][\w:.-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""")
_HINTS = {
    "h1": ParagraphRole.HEADLINE,
    "h2": ParagraphRole.SUBTITLE,
    "h3": ParagraphRole.SUBTITLE,
    "h4": ParagraphRole.SUBTITLE,
    "figcaption": ParagraphRole.CAPTION,
}
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a tag of an HTML element or an HTML entity."""
    return bool(_TAG_RE.search(text) or _ENTITY_RE.search(text))


def attributes(attrs: str) -> dict[str, str]:
    """A tag's attributes, names lower-cased and values unescaped (the first of a repeated name wins)."""
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(attrs):
        value = m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"]
        out.setdefault(m["key"].lower(), html.unescape(value or ""))
    return out


def _clean(text: str) -> str:
    """One line of rendered text: NFC, no controls, spaces collapsed (a browser shows one)."""
    text = strip_controls(unicodedata.normalize("NFC", text)).replace("\n", " ")
    return _SPACES_RE.sub(" ", text).strip()


@dataclass
class Rendered:
    """The text of some markup: lines, and what a line is when the markup says (a caption, a heading)."""

    lines: list[tuple[str, ParagraphRole | None]] = field(default_factory=list)
    metas: dict[str, str] = field(default_factory=dict)  # <meta> name/property/itemprop -> content, first wins

    @property
    def text(self) -> str:
        return "\n".join(line for line, _ in self.lines)

    def hints(self) -> dict[int, ParagraphRole]:
        """The role the markup gives each hinted line, by where the line starts in :attr:`text`."""
        out: dict[int, ParagraphRole] = {}
        at = 0
        for line, role in self.lines:
            if role is not None and line:
                out[at] = role
            at += len(line) + 1
        return out

    def captions(self) -> set[str]:
        """The caption lines' text, whitespace collapsed: what a caption looks like in another rendering."""
        return {" ".join(line.split()) for line, role in self.lines if role is ParagraphRole.CAPTION and line}


class _Renderer:
    def __init__(self, keep_newlines: bool) -> None:
        self.keep_newlines = keep_newlines
        self.out = Rendered()
        self.buffer: list[str] = []
        self.stack: list[tuple[str, ParagraphRole]] = []  # open hinting elements (h1, figcaption, ...)
        self.pending: list[str] = []  # alt texts of images inside the current line, shown after it

    def role(self) -> ParagraphRole | None:
        return self.stack[-1][1] if self.stack else None

    def text(self, chunk: str) -> None:
        if not chunk:
            return
        chunk = html.unescape(chunk)
        if not self.keep_newlines:
            self.buffer.append(chunk.replace("\n", " "))
            return
        first, *rest = chunk.split("\n")
        self.buffer.append(first)
        for part in rest:  # a line break of the text itself ends a line, as in the text without markup
            self.flush()
            self.buffer.append(part)

    def flush(self) -> None:
        line = _clean("".join(self.buffer))
        self.buffer.clear()
        if line:
            self.out.lines.append((line, self.role()))
        for alt in self.pending:
            self.out.lines.append((alt, ParagraphRole.CAPTION))
        self.pending.clear()

    def image(self, attrs: dict[str, str]) -> None:
        seen: list[str] = []
        for key in ("alt", "title"):
            value = _clean(attrs.get(key, ""))
            if value and value not in seen:
                seen.append(value)
        if "".join(self.buffer).strip():
            self.pending.extend(seen)  # an image inside a sentence: the sentence stays whole, its caption follows
        else:
            self.flush()
            self.out.lines.extend((alt, ParagraphRole.CAPTION) for alt in seen)

    def tag(self, name: str, closing: bool, attrs: str) -> None:
        if name == "img" and not closing:
            self.image(attributes(attrs))
        elif name == "meta" and not closing:
            found = attributes(attrs)
            key = found.get("property") or found.get("name") or found.get("itemprop")
            if key and "content" in found:
                self.out.metas.setdefault(key.lower(), found["content"])
        if name in BLOCKS:
            self.flush()
        hint = _HINTS.get(name)
        if hint is None:
            return
        if not closing:
            self.stack.append((name, hint))
        elif any(open_name == name for open_name, _ in self.stack):
            while self.stack and self.stack.pop()[0] != name:
                pass


def render(text: str, *, keep_newlines: bool = True) -> Rendered:
    """The text a browser would show for ``text``, a line per block, with the roles its markup gives.

    ``keep_newlines``: a line break of the source ends a line (crawler text, where lines are paragraphs); without
    it, line breaks are spaces (a page's source, where they are formatting)."""
    r = _Renderer(keep_newlines)
    unclosed: set[str] = set()  # dropped elements with no end tag after the last place looked: none further on
    at = 0
    comments_close = True  # whether a "-->" may still come
    while (m := _TAG_RE.search(text, at)) is not None:
        r.text(text[at : m.start()])
        at = m.end()
        if m["comment"]:
            close = text.find("-->", at) if comments_close else -1
            if close == -1:  # a comment never closed is text: it would take the rest of the text
                comments_close = False
                r.text(m[0])
            else:
                at = close + 3
            continue
        name = (m["name"] or "").lower()
        if not name:  # a doctype, a processing instruction
            continue
        closing = bool(m["close"])
        if name in DROPPED and not closing and name not in unclosed:
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, at)
            if end is not None:
                at = end.end()
                r.flush()
                continue
            unclosed.add(name)  # an element never closed is not dropped: it would take the rest of the text
        if name not in DROPPED:
            r.tag(name, closing, m["attrs"] or "")
    r.text(text[at:])
    r.flush()
    return r.out
