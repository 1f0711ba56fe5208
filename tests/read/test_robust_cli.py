"""Robustness of reading through the real `kg` command (issue 15): articles are not deleted by name or by a
hostile canonical link, one bad line or one slow article costs only itself, control sequences never reach the
store, a folder walk names what it does not read, and UTF-32 or BOM-less UTF-16 is read as its text.

Each test starts `kg` a few times (seconds each): they run in `make test-robust` (and `make test-all`)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.robust]

KG = str(Path(sys.executable).parent / "kg")
MEETING = "{name} {company} 사장이 지난 5일 서울에서 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다."


def kg(*args: str, store: Path, cwd: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([KG, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def article(title: str, name: str, company: str) -> str:
    return f"{title}\n2025-07-10 10:00\n{MEETING.format(name=name, company=company)}\n"


def export(store: Path, tmp: Path) -> str:
    out = tmp / "export.nq"
    result = kg("export", "--format", "nquads", "--output", str(out), store=store)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback, and a summary: the batch ran to its end."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "articles read:" in result.stdout, result.stdout + result.stderr


def test_articles_are_not_replaced_by_a_namesake_file_or_a_hostile_canonical_link(tmp_path: Path) -> None:
    store = tmp_path / "store"
    days = {day: tmp_path / day for day in ("day1", "day2", "day3")}
    for folder in days.values():
        folder.mkdir()
    # (person of article.txt, person of feed.jsonl's line 1, their company) in each folder
    people = {"day1": ("김도윤", "정하준", "한빛전자"), "day2": ("박서연", "윤지우", "노바전자")}
    for day, (name, feed_name, company) in people.items():
        (days[day] / "article.txt").write_text(article(f"{company} 사장, 오픈AI CEO와 회동", name, company))
        feed = {"text": article(f"{company} 사장 피드 기사", feed_name, company)}
        (days[day] / "feed.jsonl").write_text(json.dumps(feed, ensure_ascii=False) + "\n")
    site = {"url": "https://news.example/a/1", "title": "별빛전자 사장, 오픈AI CEO와 회동"}
    (days["day1"] / "site.jsonl").write_text(
        json.dumps({**site, "text": article(site["title"], "이하늘", "별빛전자")}, ensure_ascii=False) + "\n"
    )
    (days["day2"] / "page.html").write_text(  # claims to be the site's article
        '<html><head><link rel="canonical" href="https://news.example/a/1"><title>달빛전자 소식</title></head><body>'
        f"<article><h1>달빛전자 소식</h1><p>{MEETING.format(name='최민준', company='달빛전자')}</p></article></body></html>"
    )
    shutil.copy(days["day1"] / "article.txt", days["day3"] / "moved.txt")
    (days["day3"] / "site.jsonl").write_text(  # the site's article fetched again, with a new headline
        json.dumps({**site, "title": "별빛전자, 오픈AI와 협력", "text": article("별빛전자, 오픈AI와 협력", "이하늘", "별빛전자")},
                   ensure_ascii=False) + "\n"
    )  # fmt: skip

    first = kg("ingest", "article.txt", "feed.jsonl", "site.jsonl", store=store, cwd=days["day1"])
    assert first.returncode == 0, first.stderr
    assert "3 stored (0 replacing" in first.stdout
    # the same relative names from another folder, and a page whose canonical link names the site's URL
    second = kg("ingest", "article.txt", "feed.jsonl", "page.html", store=store, cwd=days["day2"])
    assert second.returncode == 0, second.stderr
    assert "3 stored (0 replacing" in second.stdout
    third = kg("ingest", "moved.txt", "site.jsonl", store=store, cwd=days["day3"])
    assert third.returncode == 0, third.stderr
    assert "unchanged moved.txt" in third.stderr  # the same content: known, whatever its file
    assert "1 stored (1 replacing an earlier version), 1 unchanged" in third.stdout
    assert "warning: site.jsonl:1: replaces an earlier version of https://news.example/a/1 titled " in third.stderr
    assert "'별빛전자 사장, 오픈AI CEO와 회동' (now '별빛전자, 오픈AI와 협력')" in third.stderr

    stored = export(store, tmp_path)
    for name in ("김도윤", "정하준", "박서연", "윤지우", "최민준", "이하늘"):
        assert name in stored, name
    assert "별빛전자, 오픈AI와 협력" in stored and "별빛전자 사장, 오픈AI CEO와 회동" not in stored


def test_a_bad_line_is_named_and_the_lines_after_it_are_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": article("첫 기사 제목입니다", "김도윤", "한빛전자")}, ensure_ascii=False),
        '{"text": ' + "[" * 1000 + "]" * 1000 + "}",
        json.dumps({"published": "[/]", "text": article("[bold]둘째[/] 기사 제목", "박서연", "노바전자")}, ensure_ascii=False),
        json.dumps({"text": article("셋째 기사 제목입니다", "이하늘", "별빛전자")}, ensure_ascii=False),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = kg("ingest", "--no-validate", str(feed), store=tmp_path / "store")
    assert_clean(result)
    assert result.returncode == 1
    assert f"skipped {feed}:2: malformed JSON: nested too deeply to read" in result.stderr
    assert f"warning: {feed}:3: unreadable 'published' value '[/]': ignored" in result.stderr  # printed as is
    assert "3 articles read: 3 stored" in result.stdout and "1 skipped" in result.stdout


def test_an_article_over_the_time_limit_is_skipped_and_nothing_of_it_is_stored(tmp_path: Path) -> None:
    family, given = "김이박최정강조윤장임한오서신권황안송류홍", "가나다라마바사아자차카타파하민서지우현수영진호윤은준성태경"
    names = [f"{f}{a}{b}" for f in family for a in given for b in given]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article("한빛전자 사장, 오픈AI CEO와 회동", "김도윤", "한빛전자"))
    crowd = [f"{names[2 * i]} 한빛{i}전자 사장이 5일 서울에서 {names[2 * i + 1]} 노바{i} CEO와 만나 협력을 논의했다." for i in range(3000)]
    (folder / "b.txt").write_text("3천 건의 회동\n2025-07-10 10:00\n" + "\n".join(crowd) + "\n")  # 3,000 meetings
    (folder / "c.txt").write_text(article("별빛전자 사장, 오픈AI CEO와 회동", "이하늘", "별빛전자"))
    started = time.monotonic()
    result = kg("ingest", "--no-validate", "--time-limit", "5", str(folder), store=tmp_path / "store")
    assert time.monotonic() - started < 90
    assert_clean(result)
    assert result.returncode == 1
    assert f"skipped {folder / 'b.txt'}: took longer than 5 s, the time limit for one article" in result.stderr
    assert "2 articles read: 2 stored" in result.stdout
    stored = export(tmp_path / "store", tmp_path)
    assert "김도윤" in stored and "이하늘" in stored
    assert names[0] not in stored and "3천 건의 회동" not in stored


def test_control_sequences_never_reach_the_store_or_the_terminal(tmp_path: Path) -> None:
    escapes = "\x1b]0;owned\x07\x1b[2J\x9b31m"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(f"한빛전자{escapes} 사장, 오픈AI CEO와 회동", f"김도{escapes}윤", "한빛전자"))
    (folder / "feed.jsonl").write_text(
        json.dumps({"title": f"제목{escapes}", "text": article("노바전자 사장 기사", f"박서{escapes}연", "노바전자")}) + "\n"
    )
    store = tmp_path / "store"
    result = kg("ingest", str(folder), store=store)
    assert result.returncode == 0, result.stderr
    stored = export(store, tmp_path)
    assert not any(mark in stored for mark in ("\x1b", "\\u001B", "\\u001b", "\x07", "\x9b", "owned"))
    assert '"김도윤"@ko' in stored and '"박서연"@ko' in stored
    fact = kg("fact", "김도윤", store=store)
    assert fact.returncode == 0, fact.stderr
    assert "\x1b" not in fact.stdout and "김도윤" in fact.stdout


def test_a_folder_walk_names_what_it_does_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(article("기밀 문서", "정비밀", "비밀전자"))
    folder = tmp_path / "in"
    folder.mkdir()
    store = folder / "store"  # the store kept inside the corpus folder
    (folder / "a.txt").write_text(article("한빛전자 사장, 오픈AI CEO와 회동", "김도윤", "한빛전자"))
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    odd = {"new\nline.txt": "박서연", "esc\x1b[2J.txt": "이하늘", os.fsdecode(b"bad\xff.txt"): "최민준"}
    for name, person in odd.items():
        (folder / name).write_text(article(f"{person} 기사 제목입니다", person, "노바전자"))
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock.txt"))
        first = kg("ingest", str(folder / "a.txt"), store=store)  # makes the store folder
        assert first.returncode == 0, first.stderr
        result = kg("ingest", str(folder), store=store)
    assert_clean(result)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert all(line.isprintable() for line in lines), lines  # no newline or ESC from a file name
    expected = [
        f"skipped {folder}/gone.txt: a dangling symbolic link",
        f"skipped {folder}/link.txt: a symbolic link to {outside}/secret.txt, outside the folder: not followed",
        f"skipped {folder}/pipe.txt: a named pipe (FIFO), not a regular file: skipped",
        f"skipped {folder}/sock.txt: a socket, not a regular file: skipped",
        f"skipped {store}: a database folder (RocksDB: a kg store?), not articles: skipped",
    ]
    for line in expected:
        assert any(got.startswith(line) for got in lines), (line, lines)
    assert "4 articles read: 3 stored" in result.stdout  # a.txt unchanged; the three odd names stored
    for shown in ("new\\x0aline.txt", "esc\\x1b[2J.txt", "bad\\xff.txt"):
        assert f"stored    {folder}/{shown}:" in result.stderr
    assert "정비밀" not in export(store, tmp_path)
    followed = kg("ingest", "--follow-symlinks", str(folder), store=store)
    assert "정비밀" in export(store, tmp_path), followed.stderr


def test_utf32_and_utf16_without_a_byte_order_mark_are_read_as_their_text(tmp_path: Path) -> None:
    text = article("한빛전자 사장, 오픈AI CEO와 회동", "김도윤", "한빛전자")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "0-plain.txt").write_text(text, encoding="utf-8")
    for codec in ("utf-32", "utf-32-be", "utf-16-le"):
        (folder / f"{codec}.txt").write_bytes(text.encode(codec))
    result = kg("ingest", "--no-validate", str(folder), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    # the same article: its kept text, and so its content hash, is the UTF-8 file's
    assert "4 articles read: 1 stored (0 replacing an earlier version), 3 unchanged" in result.stdout
