"""Inline widgets: what a page puts inside a sentence that is not its words, and what extraction must not read.

A stock quote after a company's name ("김태오 엔씨소프트 (171,600원 ▼2,000 -1.15%) 대표"), the "[email protected]"
that e-mail obfuscation leaves, an image's file name: the stored paragraph keeps them (nothing of the page is
lost), and :attr:`kg.model.Paragraph.masked` lists where they are, so that extraction reads the sentence with
each blanked by spaces of its length ("김태오 엔씨소프트                        대표") at unchanged offsets.

Each rule is a row: a name, its pattern, an example where it fires and one where it must not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Widget:
    name: str
    pattern: re.Pattern[str]
    fires: str  # a text the rule masks a part of
    quiet: str  # a text the rule leaves alone


WIDGETS = (
    Widget(
        "stock quote",
        # a price and its change in parentheses: only digits, separators, currency, arrows, signs and a percent
        re.compile(r"\((?=[^()]{0,40}\d)(?=[^()]{0,40}(?:%|[▲▼△▽↑↓]))[\d,.\s원$₩+\-−▲▼△▽↑↓%|/]{3,40}\)"),
        "김태오 엔씨소프트 (171,600원 ▼2,000 -1.15%) 대표가 크리슈난 CEO를 만났다.",
        "매출은 전년보다 12% 늘었다(2,000억 원).",
    ),
    Widget(
        "e-mail placeholder",
        re.compile(r"\[email\s*protected\]", re.IGNORECASE),
        "정기현 수석부회장이 몬테로 CEO와 만났다. [email protected] 2025.3.7.",
        "이메일 보호 기능을 도입했다고 밝혔다.",
    ),
    Widget(
        "e-mail address",
        re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        "사진은 photo@newsis.com 제공으로 두 대표가 악수하는 모습이다.",
        "회사는 @카카오 계정으로 공지했다.",
    ),
    Widget(
        "image file",
        re.compile(
            r"(?<![\w/.-])(?:https?://\S+/)?[\w.-]+\.(?:jpe?g|png|gif|webp|bmp)(?:\?[^\s)\]]*)?(?![\w])",
            re.IGNORECASE,
        ),
        "두 대표가 NISI20250307_0001785946_web.jpg 악수하고 있다.",
        "삼성전자는 JPEG 압축 기술을 공개했다.",
    ),
)


def masked_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """Where the widgets of ``text`` are, as offsets ``offset`` on (the text's start in the article), in order,
    overlapping spans joined."""
    spans = sorted((m.start() + offset, m.end() + offset) for w in WIDGETS for m in w.pattern.finditer(text))
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined
