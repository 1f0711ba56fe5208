"""The language of an article, from its text: the share of Hangul among its letters."""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
# Enough text to tell; a longer article is not read past it.
_SAMPLE = 20_000


def detect_language(text: str) -> str:
    """ "ko" when Hangul syllables are at least a quarter of the letters (a syllable is two or three Latin letters'
    worth: Korean news full of "AI" and "CEO" stays Korean, an English page with a few Korean menu labels English)."""
    sample = text[:_SAMPLE]
    hangul = len(_HANGUL.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "ko" if hangul and hangul * 4 >= hangul + latin else "en"
