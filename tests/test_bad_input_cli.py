"""The real `kg` command (a subprocess on a store in a temporary folder) under a corpus of bad input made here:
each bad item is named (file and line), the batch goes on past it, the exit code says something failed, and
the store's N-Quads export is byte-identical after the failed items. Hostile strings given to `kg fact` and
`kg query --param` are only text: nothing found, nothing changed, no connection made."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = str(ROOT / ".venv" / "bin" / "kg")
SEED = ROOT / "examples/articles/000_2546148ec63b8380.txt"
SEED_PERSON = "유영상"  # an executive the seed article names
HEADLINE = "한빛전자 사장, 오픈AI CEO와 서울서 회동"
MEETING = "{name} 한빛전자 사장이 지난 5일 서울에서 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다."
DATED = "2025-07-10 10:00\n"
MEETINGS_OF = """PREFIX aip: <https://w3id.org/aipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?meeting ?date ?earliest WHERE {
  ?meeting a aip:Meeting ; aip:attendee ?p . ?p rdfs:label ?label . FILTER(STR(?label) = ?name)
  OPTIONAL { ?meeting aip:date ?date } OPTIONAL { ?meeting aip:earliestDate ?earliest }
}
"""


def kg(*args: str, store: Path, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([KG, *args], env=env, input=stdin, capture_output=True, text=True, timeout=timeout)


def export_bytes(store: Path, tmp: Path) -> bytes:
    out = tmp / "export.nq"
    result = kg("export", "--format", "nquads", "--output", str(out), store=store)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    out.unlink()
    return data


def article(name: str, *, dated: bool = True) -> str:
    return f"{HEADLINE} {name}\n" + (DATED if dated else "") + MEETING.format(name=name) + "\n"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seed article; tests that must not change it only read it or fail to write."""
    store = tmp_path_factory.mktemp("seeded") / "store"
    result = kg("ingest", str(SEED), store=store)
    assert result.returncode == 0, result.stderr
    return store


def bad_corpus(folder: Path) -> dict[str, str]:
    """Files that must all fail -> what the message must say about each (after the file name)."""
    folder.mkdir()
    (folder / "truncated.txt").write_bytes(article("김도윤").encode("utf-8") + "협".encode()[:2])
    (folder / "scripts.html").write_text(
        "<!doctype html><html><head><script>var page = {id: 1};</script></head>"
        "<body><script>document.write('<p>loading</p>')</script><noscript></noscript></body></html>",
        encoding="utf-8",
    )
    (folder / "chrome.txt").write_text(
        "공유하기 페이스북 트위터 카카오톡\n글자크기 작게 보통 크게\n무단 전재 및 재배포 금지\n"
        "Copyright ⓒ 2025 All rights reserved\n최신 기사\n", encoding="utf-8",
    )
    records = [
        {"url": "https://news.example/1", "title": "제목만 있는 기사"},  # no text
        {"url": "https://news.example/3", "text": "   "},
        {"url": "https://news.example/4", "text": 42},
        ["not", "an", "object"],
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(1, '{"url": "https://news.example/2", "text": "cut off')
    (folder / "fields.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "truncated.txt": "truncated UTF-8: the file ends inside a character",
        "scripts.html": "no article text found in the HTML",
        "chrome.txt": "no article text: every line looked like page boilerplate",
        "fields.jsonl:1": "record has neither a non-empty 'text' nor 'html' field",
        "fields.jsonl:2": "malformed JSON",
        "fields.jsonl:3": "record has neither a non-empty 'text' nor 'html' field",
        "fields.jsonl:4": "record has neither a non-empty 'text' nor 'html' field",
        "fields.jsonl:5": "not a JSON object but list",
    }


def test_every_bad_item_is_named_and_the_store_export_is_byte_identical(seeded: Path, tmp_path: Path) -> None:
    expected = bad_corpus(tmp_path / "bad")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB of plausible text, not one article
        line = (article("박서연") * 4).encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line)
    expected["huge.txt"] = "too large: 50.0 MiB, over the 5.0 MiB limit"
    before = export_bytes(seeded, tmp_path)
    result = kg("ingest", str(tmp_path / "bad"), str(huge), store=seeded)
    assert result.returncode == 1
    for where, problem in expected.items():
        assert f"skipped {tmp_path}/{'bad/' if 'huge' not in where else ''}{where}: {problem}" in result.stderr, (
            where, result.stderr,
        )
    assert "0 stored" in result.stdout
    assert export_bytes(seeded, tmp_path) == before


def test_the_batch_goes_on_past_bad_items_and_reads_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    expected = bad_corpus(folder)
    (folder / "cp949.txt").write_bytes(article("이하은").encode("cp949"))  # legacy Korean: read, not refused
    (folder / "undated.txt").write_text(article("정지호", dated=False), encoding="utf-8")
    (folder / "weather.txt").write_text(  # an article with nothing to extract
        "주말 날씨 전국 맑음\n2025-07-10 10:00\n"
        "토요일인 12일은 전국이 대체로 맑겠고 낮 최고기온은 30도 안팎으로 오르겠다.\n"
        "기상청은 일요일 오후부터 남부 지방에 비가 올 것으로 내다봤다.\n", encoding="utf-8",
    )
    with (folder / "fields.jsonl").open("a", encoding="utf-8") as fh:  # a good line after the bad ones
        fh.write(json.dumps({"url": "https://news.example/6", "text": article("최수아")}, ensure_ascii=False) + "\n")
    store = tmp_path / "store"
    result = kg("ingest", "--no-validate", str(folder), store=store)
    assert result.returncode == 1, result.stderr
    for where in expected:
        assert f"skipped {folder}/{where}: " in result.stderr
    # per-item lines go to standard error with the warnings; the summary to standard output
    stored = {line.split()[1].rstrip(":") for line in result.stderr.splitlines() if line.startswith("stored")}
    assert stored == {f"{folder}/{name}" for name in ("cp949.txt", "fields.jsonl:6", "undated.txt", "weather.txt")}
    assert "4 stored" in result.stdout and "8 skipped" in result.stdout, result.stdout
    # the undated article is stored, with a warning that says why its relative dates stay open
    assert f"warning: {folder}/undated.txt: no publication date" in result.stderr, result.stderr
    assert f"warning: {folder}/cp949.txt: no publication date" not in result.stderr
    weather = next(line for line in result.stderr.splitlines() if "weather.txt" in line)
    assert weather.endswith(" statements, 0 meetings") and ": 0 statements" not in weather  # stored, no meeting
    # the CP949 article's Korean names were decoded, not mangled
    person = kg("fact", "이하은", store=store)
    assert person.returncode == 0 and "한빛전자" in person.stdout, person.stderr
    # no publication date: the meeting is stored, undated, rather than given a made-up date
    undated = kg("query", "-", "-p", "name=정지호", "--format", "csv", store=store, stdin="# param: name string required  x\n" + MEETINGS_OF)
    assert undated.returncode == 0, undated.stderr
    rows = undated.stdout.strip().splitlines()
    assert len(rows) == 2 and rows[1].endswith(",,"), rows  # one meeting, no date and no bounds
    dated = kg("query", "-", "-p", "name=최수아", "--format", "csv", store=store, stdin="# param: name string required  x\n" + MEETINGS_OF)
    assert dated.stdout.strip().splitlines()[1].endswith(",2025-07-05,2025-07-05"), dated.stdout  # 지난 5일 before 2025-07-10


def _peak_rss_mib(args: list[str], store: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run kg under a fresh Python whose only child it is: its ru_maxrss is the command's peak."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps([r.returncode, r.stdout, r.stderr, time.monotonic() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))\n"
    )
    env = dict(os.environ, KG_STORE=str(store))
    raw = subprocess.run([sys.executable, "-c", probe, KG, *args], env=env, capture_output=True, text=True, timeout=120)
    code, out, err, seconds, mib = json.loads(raw.stdout)
    return subprocess.CompletedProcess(args, code, out, err), seconds, mib


def test_a_50_mb_text_file_is_refused_quickly_without_being_read(seeded: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("공유하기\n", encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no NUL bytes are read, the size alone decides
    base, _, base_mib = _peak_rss_mib(["ingest", str(small)], seeded)
    assert base.returncode == 1
    result, seconds, mib = _peak_rss_mib(["ingest", str(huge)], seeded)
    assert result.returncode == 1
    assert f"{huge}: too large: 50.0 MiB, over the 5.0 MiB limit for one text or HTML article" in result.stderr
    assert seconds < 15
    assert mib < base_mib + 20, (mib, base_mib)  # reading it whole would cost 50 MiB and more


@pytest.mark.slow
def test_an_article_naming_10000_people_finishes_in_bounded_time(tmp_path: Path) -> None:
    family, given = "김이박최정강조윤장임한오서신권황안송류홍", "가나다라마바사아자차카타파하민서지우현수영진호윤은준성태경"
    names = [f"{f}{a}{b}" for f in family for a in given for b in given][:10_000]
    lines = [f"{HEADLINE} 명단", DATED.strip(), MEETING.format(name="김도현")]
    lines += [f"{name} 한빛{i % 50}전자 사장도 이 자리에 참석했다." for i, name in enumerate(names)]
    big = tmp_path / "crowd.txt"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a generous bound: this is 0.6 MB, and extraction reads prose at ~100 KB/s when it stays linear
    result = kg("ingest", "--no-validate", "--no-reason", str(big), store=tmp_path / "store", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "1 stored" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder (see the in-process test below)")
def test_a_folder_without_permission_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text(article("김도윤"), encoding="utf-8")
    (folder / "b.txt").write_text(article("박서연"), encoding="utf-8")
    locked.chmod(0)
    try:
        result = kg("ingest", "--no-validate", str(folder), store=tmp_path / "store")
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert f"skipped {locked}: folder cannot be read: Permission denied" in result.stderr
    assert f"stored    {folder}/b.txt" in result.stderr


def test_a_folder_without_permission_in_process_as_any_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI in this process, with listing the folder failing as it does for a user without permission."""
    from typer.testing import CliRunner

    from kg.cli import app

    folder = tmp_path / "in"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text(article("김도윤"), encoding="utf-8")
    (folder / "b.txt").write_text(article("박서연"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # the module the reader lists folders with
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))
    result = CliRunner().invoke(app, ["ingest", "--no-validate", "--no-reason", str(folder)])
    assert result.exit_code == 1, result.output
    assert f"skipped {locked}: folder cannot be read: Permission denied" in result.output
    assert f"stored    {folder}/b.txt" in result.output


# --- hostile strings -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    """A TCP port on this machine that records every connection: the hostile strings name it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(200).decode("latin-1"))
                except OSError:
                    seen.append("")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()


def hostile(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        'say "hi" \'there\' """three""" \\" \\\\',
        "} ; DROP ALL ; SELECT * {",
        f'x" }} SERVICE <{url}> {{ ?s ?p ?o }} #',
        f"LOAD <{url}> ; CLEAR ALL",
        "line one\nline two\r\n\\u0022 ?s $o \\n",
        f'") UNION {{ SERVICE <{url}> {{ ?a ?b ?c }} }} FILTER(1 = 1 || "',
        f"<{url}> ^^<{url}> @ko {{ }} ( ) [ ] ; , . # {url}",
    ]


def test_the_listener_sees_a_connection(listener: tuple[int, list[str]]) -> None:
    port, seen = listener
    before = len(seen)
    with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
        conn.sendall(b"probe")
    deadline = time.monotonic() + 5
    while len(seen) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen[before:] == ["probe"]  # so the checks below that nothing connected could fail
    seen.clear()


def test_hostile_fact_text_is_just_text(seeded: Path, tmp_path: Path, listener: tuple[int, list[str]]) -> None:
    port, seen = listener
    before = export_bytes(seeded, tmp_path)
    found = kg("fact", SEED_PERSON, store=seeded)
    assert found.returncode == 0 and SEED_PERSON in found.stdout  # the lookup works, so "nothing" means nothing
    for text in hostile(port):
        result = kg("fact", text, store=seeded)
        assert result.returncode == 6, (text, result.stderr)
        assert result.stdout == ""
        assert result.stderr.startswith("error: nothing in the store is labelled "), (text, result.stderr)
    assert export_bytes(seeded, tmp_path) == before
    assert seen == []


def test_hostile_query_parameters_are_just_values(seeded: Path, tmp_path: Path, listener: tuple[int, list[str]]) -> None:
    port, seen = listener
    before = export_bytes(seeded, tmp_path)
    found = kg("query", "executives-of-company", "-p", "company=SK텔레콤", "-f", "csv", store=seeded)
    assert found.returncode == 0 and SEED_PERSON in found.stdout, found.stderr
    runs = [("meetings-of-person", "name"), ("executives-of-company", "company"), ("fact-provenance", "object")]
    for i, text in enumerate(hostile(port)):  # each query gets two or three of the strings
        query, param = runs[i % len(runs)]
        result = kg("query", query, "-p", f"{param}={text}", "-f", "csv", store=seeded)
        if param == "object":  # a value: no statement has it
            assert result.returncode == 0, (query, text, result.stderr)
            assert result.stdout.count("\n") == 1, (query, text, result.stdout)  # the header row, no results
        else:  # a name: nothing is labelled so, and the command says so (exit 6)
            assert result.returncode == 6, (query, text, result.stderr)
            assert result.stdout == "" and "error: nothing in the store is labelled" in result.stderr, result.stderr
    pair = kg("query", "meetings-between-companies", "-p", f"company1={hostile(port)[1]}", "-p",
              f"company2={hostile(port)[2]}", "-f", "csv", store=seeded)
    assert pair.returncode == 6 and pair.stdout == "", pair.stderr
    assert export_bytes(seeded, tmp_path) == before
    assert seen == []


def test_a_query_from_standard_input_is_checked_like_any_other(seeded: Path, tmp_path: Path, listener: tuple[int, list[str]]) -> None:
    port, seen = listener
    before = export_bytes(seeded, tmp_path)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n"
    for name in ("-", "/dev/stdin"):
        result = kg("query", name, "-f", "csv", store=seeded, stdin=count)
        assert result.returncode == 0, result.stderr
        assert int(result.stdout.splitlines()[1]) > 100
    with_param = kg("query", "-", "-p", f"name={SEED_PERSON}", "-f", "csv", store=seeded,
                    stdin="# param: name string required  a label\n" + MEETINGS_OF)
    assert with_param.returncode == 0 and with_param.stdout.count("\n") >= 2, with_param.stderr
    refused = {
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}": "SERVICE reaches the network",
        f"SELECT * FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}": "could be fetched from the network",
        "DROP ALL": "DROP is a SPARQL update",
        f"LOAD <http://127.0.0.1:{port}/data.ttl>": "LOAD is a SPARQL update",
        "SELECT * WHERE { ?s ?p }": "query: ",
    }
    for text, problem in refused.items():
        result = kg("query", "-", store=seeded, stdin=text)
        assert result.returncode == 4, (text, result.stderr)
        assert problem in result.stderr, (text, result.stderr)
    empty = kg("query", "-", store=seeded, stdin="# nothing\n")
    assert empty.returncode == 2 and "error: <stdin>: empty: no query text" in empty.stderr
    assert export_bytes(seeded, tmp_path) == before
    assert seen == []
