"""The text an article is stored as: NFC, "\\n" line ends, no terminal control sequences, no NUL.

Cleaning happens before any offset is taken, so offsets refer to the stored text and stay exact. Control
characters from an article would otherwise reach a terminal through ``kg fact`` and ``kg query``: an escape
sequence can retitle the window, clear the screen or hide text.
"""

from __future__ import annotations

import re
import unicodedata

from kg.errors import InputError

# ECMA-48 sequences, whole, in their 7-bit (ESC …) and 8-bit (C1) forms: CSI (ESC [ or 0x9b, then parameters and
# a final byte), OSC (ESC ] or 0x9d … BEL or ST), DCS/SOS/PM/APC strings (… ST), and the two- or three-character
# escapes (ESC ( B, ESC c). Each part's character set is disjoint from the next's, so a match never backtracks.
_ESCAPE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_INTRODUCERS = "\x1b\x9b\x9d\x90\x98\x9e\x9f"
# C1 controls (0x80-0x9f) include a one-character CSI (0x9b) and OSC (0x9d) some terminals obey.
# Breaks that are not "\n" (a vertical tab, a form feed, NEL) end a line as much as "\n" does.
_BREAKS = (0x0B, 0x0C, 0x85)
_CONTROLS: dict[int, str | None] = {
    c: "\n" if c in _BREAKS else None for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))
}
del _CONTROLS[0x0D]  # CR is made "\n" (with CRLF) before


def refuse_nul(text: str, source: str) -> None:
    """NUL is no character of any text: its presence means binary data or a wrong encoding."""
    at = text.find("\x00")
    if at != -1:
        raise InputError(source, f"NUL character in the text (at character {at}): binary data, not an article")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters other than tab and line feed."""
    if any(ch in text for ch in _INTRODUCERS):
        text = _ESCAPE_RE.sub("", text)
    return text.translate(_CONTROLS)


def normalise(text: str) -> str:
    """The article text as stored: "\\n" line ends, no BOM, no control sequences, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", strip_controls(text))


def clean_field(value: str | None) -> str | None:
    """A metadata value (title, URL, publisher) as stored: controls and NUL removed; None when nothing is left."""
    if value is None:
        return None
    value = strip_controls(value.replace("\x00", "")).strip()
    return unicodedata.normalize("NFC", value) or None
