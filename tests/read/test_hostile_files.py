"""Hostile and unlucky input at reading: a bad line costs only itself, control sequences and NUL never reach the
stored text, a walk names what it does not read (links out of the folder, pipes, sockets, stores, dangling
links), file names are printable in every message, and each file-based article has an identity of its own."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Article, ReadFailure
from kg.read import page as page_module
from kg.read import read_file, read_html, read_paths, read_text

from .common import BODY, HEADLINE, assert_offsets, only_article, texts

ARTICLE = f"{HEADLINE}\n{BODY}"


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------
# One bad line costs only itself


def test_a_line_nested_1000_deep_is_named_and_the_lines_after_it_are_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    deep = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"
    feed.write_text("\n".join([record(text=ARTICLE), deep, "[" * 1000 + "]" * 1000, record(text=BODY)]) + "\n")
    first, nested, bare, last = read_file(feed)
    assert isinstance(first, Article) and isinstance(last, Article)
    for failure, line in ((nested, 2), (bare, 3)):
        assert isinstance(failure, ReadFailure) and failure.line == line
        assert "nested too deeply" in failure.problem


def test_any_error_in_one_line_is_that_lines_failure_named_by_its_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = page_module.build

    def build(text: str, known: page_module.Known) -> Article:
        if "폭탄" in text:
            raise ValueError("a bug in the reader")
        return real_build(text, known)

    monkeypatch.setattr("kg.read.records.build", build)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([record(text="폭탄 " + BODY), record(text=ARTICLE)]) + "\n")
    failure, article = read_file(feed)
    assert isinstance(failure, ReadFailure) and failure.line == 1
    assert failure.problem == "could not be read: ValueError: a bug in the reader"
    assert isinstance(article, Article)


# ---------------------------------------------------------------------------------------------------
# Control characters and NUL


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b1m\x07\x08\x7f"


def test_terminal_escapes_are_stripped_before_offsets_are_taken(tmp_path: Path) -> None:
    sentence = BODY.split("\n")[0]
    dirty = f"{HEADLINE}{ESCAPES}\n{sentence[:10]}{ESCAPES}{sentence[10:]}\n{BODY.split(chr(10))[1]}\x1b[0m\n"
    article = read_text(dirty, source="t", title=f"{HEADLINE}{ESCAPES}", url=f"https://news.example/1{ESCAPES}")
    assert_offsets(article)
    for value in (article.text, article.title or "", article.url or "", *texts(article)):
        assert not any(ch in value for ch in "\x1b\x07\x08\x7f\x9b"), repr(value)
    assert article.title == HEADLINE
    assert texts(article)[0] == sentence
    assert "owned" not in article.text  # the window title the sequence carried is gone with it
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record(text=dirty, title=f"{HEADLINE}{ESCAPES}") + "\n", encoding="utf-8")
    assert only_article(read_file(feed)).text == article.text


def test_nul_in_text_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"t: NUL character in the text \(at character 5\)"):
        read_text("한빛전자 \x00" + BODY, source="t")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([record(text=BODY + "\u0000"), record(html="<p>\u0000</p>"), record(text=ARTICLE)]) + "\n")
    text_nul, html_nul, good = read_file(feed)
    for failure in (text_nul, html_nul):
        assert isinstance(failure, ReadFailure) and "NUL character" in failure.problem
    assert isinstance(good, Article)


# ---------------------------------------------------------------------------------------------------
# Encodings: UTF-32, and UTF-16 without a byte-order mark, are read right


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_wide_encodings_read_as_the_utf8_text(tmp_path: Path, codec: str) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes(ARTICLE.encode(codec))
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes((record(text=ARTICLE) + "\n" + record(text=BODY) + "\n").encode(codec))
    article = only_article(read_file(wide))
    assert "\x00" not in article.text
    assert article.content_hash == only_article(read_file(plain)).content_hash
    assert [type(i) for i in read_file(feed)] == [Article, Article]


def test_binary_with_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    for name, data in (("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40), ("ints.txt", b"\x01\x00\x02\x00" * 200)):
        (tmp_path / name).write_bytes(data)
        (failure,) = read_file(tmp_path / name)
        assert isinstance(failure, ReadFailure) and failure.problem == "binary file (contains NUL bytes), not text"


# ---------------------------------------------------------------------------------------------------
# Walking a folder: what is not read is named


def test_a_symbolic_link_out_of_the_folder_is_named_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"기밀 문서 제목입니다\n{BODY}", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "inside.txt").write_text(f"다른 기사 제목입니다\n{BODY}", encoding="utf-8")
    (folder / "out.txt").symlink_to(secret)
    (folder / "outdir").symlink_to(tmp_path, target_is_directory=True)
    (folder / "in.txt").symlink_to(folder / "sub" / "inside.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(read_paths([folder]))
    failures = {Path(i.source).name: i.problem for i in items if isinstance(i, ReadFailure)}
    assert set(failures) == {"out.txt", "outdir", "gone.txt"}
    assert failures["out.txt"].startswith(f"a symbolic link to {secret}, outside the folder: not followed")
    assert failures["gone.txt"].startswith("a dangling symbolic link")
    read = [i for i in items if isinstance(i, Article)]
    assert sorted(Path(a.source).name for a in read) == ["a.txt", "in.txt", "inside.txt"]
    assert not any("기밀" in a.text for a in read)
    followed = [i for i in read_paths([folder], follow_symlinks=True) if isinstance(i, Article)]
    assert any("기밀" in a.text for a in followed)


def test_pipes_sockets_and_stores_in_a_folder_are_named(tmp_path: Path) -> None:
    from kg.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer forever
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock.txt"))
        with open_store(folder / "store"):
            pass
        items = list(read_paths([folder]))
    failures = {Path(i.source).name: i.problem for i in items if isinstance(i, ReadFailure)}
    assert failures == {
        "pipe.txt": "a named pipe (FIFO), not a regular file: skipped",
        "sock.txt": "a socket, not a regular file: skipped",
        "store": "a database folder (RocksDB: a kg store?), not articles: skipped",
    }
    assert [Path(i.source).name for i in items if isinstance(i, Article)] == ["a.txt"]
    (folder / "null.txt").symlink_to(os.devnull)  # a device, reached when links are followed
    followed = {Path(i.source).name: i.problem for i in read_paths([folder], follow_symlinks=True) if isinstance(i, ReadFailure)}
    assert followed["null.txt"] == "a character device, not a regular file: skipped"


@pytest.mark.parametrize("name", ["new\nline.txt", "esc\x1b[2J.txt", os.fsdecode(b"bad\xff.txt")])
def test_file_names_are_printable_in_every_message(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    (folder / (name + ".bin")).write_bytes(b"\x00\x01" * 10)
    items = list(read_paths([folder]))
    assert [type(i) for i in items] == [Article, ReadFailure]
    for item in items:
        shown = str(item) if isinstance(item, ReadFailure) else item.source
        assert shown.isprintable() and shown.encode("utf-8")  # no newline, no ESC, no lone surrogate
        assert shown.startswith(str(folder))


# ---------------------------------------------------------------------------------------------------
# Identity: a file's article is its file, wherever it was named from; a page's canonical link claims nothing


def test_file_based_articles_are_identified_by_their_resolved_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in ("day1", "day2"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "article.txt").write_text(ARTICLE.replace("12일", f"{day[-1]}일"), encoding="utf-8")
        (tmp_path / day / "feed.jsonl").write_text(record(text=BODY) + "\n" + record(text=ARTICLE) + "\n")
    identities = []
    for day in ("day1", "day2"):
        monkeypatch.chdir(tmp_path / day)  # the same relative names from two places
        items = [*read_file(Path("article.txt")), *read_file(Path("feed.jsonl"))]
        assert [i.source for i in items] == ["article.txt", "feed.jsonl:1", "feed.jsonl:2"]
        identities += [i.identity for i in items if isinstance(i, Article)]
    assert len(set(identities)) == 6
    assert identities[:3] == [
        (tmp_path / "day1" / "article.txt").as_uri(),
        (tmp_path / "day1" / "feed.jsonl").as_uri() + "#line=1",
        (tmp_path / "day1" / "feed.jsonl").as_uri() + "#line=2",
    ]


def test_a_url_given_with_the_article_is_its_identity_a_canonical_link_is_not(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record(url="https://news.example/a/1", text=ARTICLE) + "\n", encoding="utf-8")
    assert only_article(read_file(feed)).identity == "https://news.example/a/1"
    # a page claiming to be that article: its canonical link names the other's URL
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://news.example/a/1"><title>다른 회사 소식</title></head>'
        f"<body><article><h1>다른 회사 소식</h1><p>{BODY.splitlines()[1]}</p><p>{BODY.splitlines()[0]}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = only_article(read_file(page))
    assert article.url == "https://news.example/a/1"  # shown as the page says
    assert article.identity == page.as_uri()  # but it replaces nothing of that URL
    direct = read_html(page.read_text(encoding="utf-8"), source="page")
    assert direct.identity == "page"
