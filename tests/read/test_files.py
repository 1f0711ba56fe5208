"""Files and folders: failures named, folders walked in order, size limits, JSON Lines streamed."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from kg.model import Article, ReadFailure
from kg.read import files as reader
from kg.read import iter_file, read_file, read_paths

from .common import BODY, DATA, HEADLINE, only_article


def test_file_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    odd = tmp_path / "odd.txt"
    odd.write_bytes(bytes([0x80, 0xFF, 0x81, 0xFE]) * 20)
    missing = tmp_path / "nope.txt"
    for path, problem in [(empty, "empty"), (blank, "empty"), (binary, "binary"), (odd, "undecodable")]:
        (failure,) = read_file(path)
        assert isinstance(failure, ReadFailure)
        assert failure.source == str(path)
        assert problem in failure.problem
    (gone,) = read_paths([missing])
    assert isinstance(gone, ReadFailure) and gone.source == str(missing) and "no such file" in gone.problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    try:
        (failure,) = read_file(locked)
        assert isinstance(failure, ReadFailure) and "cannot be read" in failure.problem
    finally:
        locked.chmod(0o644)


def test_folder_recursive_sorted_hidden_skipped_bad_and_good(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "b.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    (folder / "a.txt").write_bytes(b"")
    (folder / "sub" / "c.html").write_bytes((DATA / "article.html").read_bytes())
    (folder / "sub" / "d.jsonl").write_text(
        '{"text": "' + BODY.replace("\n", "\\n") + '"}\nnot json\n', encoding="utf-8"
    )
    (folder / ".secret.txt").write_text(BODY, encoding="utf-8")
    (folder / ".hidden" / "e.txt").write_text(BODY, encoding="utf-8")
    (folder / "z.txt").write_bytes(b"\x00\x01\x02")
    single = tmp_path / "single.txt"
    single.write_text(BODY, encoding="utf-8")
    items = list(read_paths([folder, single, tmp_path / "missing"], published=date(2025, 5, 5)))
    summary = [(Path(i.source.split(":")[0]).name, type(i).__name__) for i in items]
    assert summary == [
        ("a.txt", "ReadFailure"),
        ("b.txt", "Article"),
        ("c.html", "Article"),
        ("d.jsonl", "Article"),
        ("d.jsonl", "ReadFailure"),
        ("z.txt", "ReadFailure"),
        ("single.txt", "Article"),
        ("missing", "ReadFailure"),
    ]
    articles = [i for i in items if isinstance(i, Article)]
    assert all(a.published == date(2025, 5, 5) and a.published_from == "option" for a in articles)
    jsonl_failure = items[4]
    assert isinstance(jsonl_failure, ReadFailure) and jsonl_failure.line == 2


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (failure,) = read_paths([tmp_path])
    assert isinstance(failure, ReadFailure) and "no readable files" in failure.problem


def test_a_text_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(f"{HEADLINE}\n" + BODY * 20, encoding="utf-8")
    (failure,) = read_file(big)
    assert isinstance(failure, ReadFailure) and failure.source == str(big)
    assert failure.problem.startswith("too large:") and "limit" in failure.problem
    small = tmp_path / "small.txt"
    small.write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    only_article(read_file(small))


def test_json_lines_have_no_file_limit_only_a_line_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 2000)
    monkeypatch.setattr(reader, "_CHUNK", 64)  # lines cut across reads
    record = json.dumps({"text": f"{HEADLINE}\n{BODY}"}, ensure_ascii=False)
    huge = json.dumps({"text": f"{HEADLINE}\n" + BODY * 20}, ensure_ascii=False)
    lines = [record.replace("12일", f"{d}일") for d in range(1, 13)]
    for name in ("feed.jsonl", "feed.data"):  # by suffix, and by content for a file over the limit
        path = tmp_path / name
        path.write_text("\n".join([*lines[:5], huge, *lines[5:]]) + "\n", encoding="utf-8")
        items = read_file(path)
        assert len(items) == 13
        failure = items[5]
        assert isinstance(failure, ReadFailure) and failure.line == 6 and "line too large" in failure.problem
        assert [i.source for i in items if isinstance(i, Article)] == [
            f"{path}:{n}" for n in (*range(1, 6), *range(7, 14))
        ]


def test_json_lines_are_streamed_an_article_before_the_next_line_is_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": f"{HEADLINE}\n{BODY}"}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = iter_file(feed)
    first = next(items)
    assert isinstance(first, Article) and first.source == f"{feed}:1"
    # the second line is written only now: a reader that had read the whole file could not see it
    with feed.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    second = next(items)
    assert isinstance(second, ReadFailure) and second.line == 2 and "malformed JSON" in second.problem
    assert next(items, None) is None


def test_json_lines_reading_holds_one_line_not_the_file(tmp_path: Path) -> None:
    import tracemalloc

    feed = tmp_path / "feed.jsonl"
    padding = "x" * 11000  # an unknown field: read and dropped with its line
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(1000):
            record = {"url": f"https://news.example/{i}", "text": f"{HEADLINE} {i}\n{BODY}", "raw": padding}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    size = feed.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for item in read_paths([feed]) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1000
    assert size > 10_000_000 and peak < size / 3, (size, peak)  # the whole file would be twice its size


def test_an_unreadable_subfolder_is_named_and_the_walk_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    (folder / "z.txt").write_text(f"{HEADLINE}\n{BODY}", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # what the OS does for a folder without read permission
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([folder]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "Article"]
    assert isinstance(items[0], ReadFailure)
    assert items[0].source == str(folder / "locked") and "Permission denied" in items[0].problem
    (top,) = read_paths([folder / "locked"])
    assert isinstance(top, ReadFailure) and top.source == str(folder / "locked")
    assert top.problem == "folder cannot be read: Permission denied"
