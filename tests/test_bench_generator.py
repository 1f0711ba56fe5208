"""The benchmark's article generator: deterministic, streamed, shaped like the JSON Lines the reader takes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

from kg.read import read_paths  # noqa: E402


@pytest.fixture(scope="module")
def world() -> generate.World:
    return generate.build_world(7, groups=40, foreign=30)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    generate.write_jsonl(a, 60, seed=3)
    generate.write_jsonl(b, 60, seed=3)
    generate.write_jsonl(c, 60, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_smaller_corpus_is_a_prefix_of_the_larger(tmp_path: Path) -> None:
    small, large = tmp_path / "s.jsonl", tmp_path / "l.jsonl"
    generate.write_jsonl(small, 20, seed=1)
    generate.write_jsonl(large, 50, seed=1)
    assert large.read_bytes().startswith(small.read_bytes())
    assert len(large.read_text(encoding="utf-8").splitlines()) == 50


def test_records_have_the_reader_fields_and_distinct_urls(world: generate.World) -> None:
    records = list(generate.articles(200, 7, world=world))
    assert all(set(r) == {"url", "title", "published", "publisher", "text"} for r in records)
    assert len({r["url"] for r in records}) == 200
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]) for r in records)
    # Korean text with the meeting's parts: places from the reference data, a meeting word, a reporter line
    cities = {city for city, _ in world.cities}
    assert all(any(city in r["text"] for city in cities) for r in records)
    assert all("기자" in r["text"] for r in records)


def test_corpus_covers_the_forms_the_issue_lists(world: generate.World) -> None:
    text = "\n".join(r["text"] for r in generate.articles(400, 7, world=world))
    for form in ("지난주 초", "(현지시간)", "지난해", "이날", "전날", "내달", "동석", "동행", "가능성", "무단전재"):
        assert form in text, form
    # repeated paragraphs: some body line appears twice in one article
    assert any(
        len(lines) != len(set(lines))
        for lines in ([ln for ln in r["text"].splitlines() if len(ln) > 30] for r in generate.articles(100, 7, world=world))
    )


def test_names_mostly_outside_the_reference_data_with_a_share_inside(world: generate.World) -> None:
    reference = {p.name for p in world.reference_people}
    records = list(generate.articles(400, 7, world=world))
    with_reference = sum(any(name in r["text"] for name in reference) for r in records)
    assert 0.05 * len(records) < with_reference < 0.5 * len(records)
    # foreign names are written in Hangul: given name, space, family name
    assert any(re.search(r"[가-힣]+ [가-힣]+ [가-힣A-Z]+(AI|랩스|테크|시스템즈)", r["text"]) for r in records)


def test_the_reader_accepts_every_record(tmp_path: Path) -> None:
    path = generate.write_jsonl(tmp_path / "corpus.jsonl", 25, seed=2)
    items = list(read_paths([path]))
    assert len(items) == 25
    assert all(hasattr(item, "content_hash") for item in items), [i for i in items if not hasattr(i, "content_hash")]
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert items[0].url == first["url"]  # type: ignore[union-attr]
