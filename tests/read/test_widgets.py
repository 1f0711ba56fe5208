"""Inline widgets (issue 19): kept in the stored text, blanked in what extraction reads, offsets unchanged; and the
reader never glues or drops text around them."""

from __future__ import annotations

import pytest

from kg.read import read_text
from kg.read.widgets import WIDGETS, masked_spans

from .common import BODY, HEADLINE, assert_offsets, texts

LEAD, SECOND = BODY.strip().split("\n")


@pytest.mark.parametrize("widget", WIDGETS, ids=[w.name for w in WIDGETS])
def test_each_widget_rule_fires_on_its_example_and_not_on_its_counterexample(widget: object) -> None:
    from kg.read.widgets import Widget

    assert isinstance(widget, Widget)
    assert widget.pattern.search(widget.fires)
    assert not widget.pattern.search(widget.quiet)
    assert masked_spans(widget.quiet, 0) == [] or widget.name != "stock quote"


def test_a_stock_quote_inside_a_name_is_stored_and_blanked_for_extraction() -> None:
    line = "김택진 엔씨소프트 (171,600원 ▼2,000 -1.15%) 대표가 사티아 나델라 MS CEO와 만나 AI 협력을 논의했다."
    article = read_text(f"{HEADLINE}\n{line}\n{SECOND}", source="t")
    assert_offsets(article)
    first = article.paragraphs[0]
    assert first.text == line  # nothing of the page is lost
    quote = "(171,600원 ▼2,000 -1.15%)"
    at = first.start + line.index(quote)
    assert first.masked == ((at, at + len(quote)),)
    assert first.reading == line.replace(quote, " " * len(quote))
    assert " ".join(first.reading.split()).startswith("김택진 엔씨소프트 대표가")


def test_an_obfuscated_email_and_an_image_file_inside_a_sentence_are_blanked() -> None:
    line = "정기선 수석부회장이 [email protected] 카프 CEO와 NISI20250307_0001785946_web.jpg 워싱턴에서 만났다."
    article = read_text(f"{HEADLINE}\n{line}\n{SECOND}", source="t")
    reading = article.paragraphs[0].reading
    assert "protected" not in reading and ".jpg" not in reading
    assert " ".join(reading.split()) == "정기선 수석부회장이 카프 CEO와 워싱턴에서 만났다."


def test_a_romanised_name_broken_off_its_line_continues_the_paragraph() -> None:
    """A crawler put a line break between a name and its romanisation: one paragraph, read as one sentence."""
    text = f"{HEADLINE}\n최태원 SK그룹 회장이 샘 올트먼\n(Sam Altman) 오픈AI 최고경영자(CEO)와 만나 협력을 논의했다.\n{SECOND}"
    article = read_text(text, source="t")
    assert_offsets(article)
    first = article.paragraphs[0]
    assert first.text == "최태원 SK그룹 회장이 샘 올트먼\n(Sam Altman) 오픈AI 최고경영자(CEO)와 만나 협력을 논의했다."
    assert "\n" not in first.reading and "샘 올트먼 (Sam Altman) 오픈AI" in first.reading
    assert texts(article)[1:] == [SECOND]


@pytest.mark.parametrize(
    "text",
    [
        "최태원 SK그룹 회장이 샘 올트먼.\n(Sam Altman) 오픈AI CEO가 방한했다고 밝혔다는 소식이다.",  # a sentence ended
        "최태원 SK그룹 회장이 샘 올트먼\n\n(Sam Altman) 오픈AI CEO가 방한했다고 밝혔다는 소식이다.",  # a blank line between
        "최태원 SK그룹 회장이 샘 올트먼\n(샘 올트먼) 오픈AI CEO가 방한했다고 밝혔다는 소식이다.",  # no romanisation
    ],
)
def test_lines_that_do_not_continue_each_other_stay_apart(text: str) -> None:
    article = read_text(f"{HEADLINE}\n{text}\n{SECOND}", source="t")
    assert all("\n" not in p.text for p in article.paragraphs)


def test_a_full_stop_without_a_space_after_it_is_neither_glued_nor_cut() -> None:
    """'추격 중이다.11일 업계에 따르면': the reader keeps the text as written; extraction splits the sentences."""
    line = "AMD는 엔비디아를 바짝 추격 중이다.11일 업계에 따르면 수 CEO가 오는 18일 한국을 방문한다.수 CEO는 최수연 대표와 면담한다."
    article = read_text(f"{HEADLINE}\n{line}\n{SECOND}", source="t")
    assert_offsets(article)
    assert texts(article) == [line, SECOND]
    assert article.paragraphs[0].masked == ()
