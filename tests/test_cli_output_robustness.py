"""The CLI items of issue 15, each through a real `kg` process: what the store holds cannot drive the user's
terminal, a query file is read within a bound, odd file names print as one escaped line, bad argument bytes and
an unwritable standard output end in a clear error, Ctrl-C prints what was stored, and "some input failed" (1)
is told apart from "nothing matched" (6)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest
from kg_process import KG, on_terminal
from pyoxigraph import Literal, NamedNode, Quad

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "articles").glob("*.txt"))
HOSTILE_LABEL = "악당\x1b]0;owned\x07\x1b[2J\u202e"  # retitles the window, clears the screen, reverses text
HOSTILE_ALIAS = "nul\x00here\x9b31m"  # NUL and an 8-bit CSI
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
RAW = (b"\x1b]0;owned", b"\x1b[2J", b"\x00", "\u202e".encode(), "\x9b".encode())


def kg(*args: str, store: Path, stdin: str | bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, KG_STORE=str(store), KG_PROGRESS_SECONDS="3600")  # no progress lines among the items
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([KG, *args], env=env, input=data, capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles and an entity whose labels carry terminal control sequences, as an old store may hold."""
    from kg.store import OxigraphStore

    store = tmp_path_factory.mktemp("hostile") / "store"
    assert kg("ingest", "--no-validate", "-q", *map(str, SEEDS), store=store).returncode == 0
    evil = NamedNode("https://w3id.org/aipkg/id/person/test/evil")
    reference = NamedNode("https://w3id.org/aipkg/id/graph/reference")
    with OxigraphStore(str(store)) as st:
        st.add([Quad(evil, RDFS_LABEL, Literal(HOSTILE_LABEL, language="ko"), reference),
                Quad(evil, SKOS_ALT, Literal(HOSTILE_ALIAS), reference)])
    return store


def test_control_characters_from_the_store_are_escaped_on_a_terminal(hostile_store: Path, tmp_path: Path) -> None:
    env = dict(os.environ, KG_STORE=str(hostile_store))
    code, shown, _ = on_terminal("fact", HOSTILE_LABEL, env=env)
    assert code == 0, shown
    assert not any(raw in shown for raw in RAW), shown
    assert b"\\x1b]0;owned\\x07\\x1b[2J\\u202e" in shown and b"nul\\x00here\\x9b31m" in shown
    query = tmp_path / "labels.rq"
    query.write_text('SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(STR(?l), "악당")) }')
    for fmt in ("table", "csv", "json", "xml"):
        code, shown, _ = on_terminal("query", str(query), "-f", fmt, env=env)
        assert code == 0 and b"]0;owned" in shown and not any(raw in shown for raw in RAW), (fmt, shown)
    # to a pipe the data is exact: CSV is for programs
    piped = kg("query", str(query), "-f", "csv", store=hostile_store)
    assert HOSTILE_LABEL.encode() in piped.stdout


def test_a_query_file_is_read_within_a_bound(hostile_store: Path) -> None:
    zero = kg("query", "/dev/zero", store=hostile_store, timeout=60)
    assert zero.returncode == 2 and b"error: /dev/zero: query text over 1024 KiB: not a query" in zero.stderr
    endless = kg("query", "/dev/stdin", store=hostile_store, stdin=b"#" * (3 * 1024 * 1024), timeout=60)
    assert endless.returncode == 2 and b"/dev/stdin: query text over 1024 KiB" in endless.stderr


def test_file_names_with_a_newline_esc_or_bytes_not_utf8_print_as_one_escaped_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = [b"new\nline.txt", b"esc\x1b[31mred.txt", b"bad\xffname.txt"]
    for name, seed in zip(names, [*SEEDS, SEEDS[0]], strict=True):
        Path(os.fsdecode(os.path.join(os.fsencode(folder), name))).write_bytes(seed.read_bytes())
    result = kg("ingest", "--no-validate", str(folder), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode("utf-8").splitlines()  # decodes: nothing that is not UTF-8 was printed
    assert any(line.startswith(f"stored    {folder}/bad\\xffname.txt: ") for line in lines), lines
    assert any(line.startswith(f"stored    {folder}/esc\\x1b[31mred.txt: ") for line in lines), lines
    assert f"unchanged {folder}/new\\x0aline.txt: 0 statements, 0 meetings" in lines  # the same text as bad\xffname.txt
    assert b"\x1b" not in result.stderr and len(lines) == 3
    alone = kg("ingest", "--no-validate", "--json", os.fsdecode(os.path.join(os.fsencode(folder), names[2])), store=tmp_path / "other")
    assert alone.returncode == 0, alone.stderr  # stored, under the escaped name
    assert json.loads(alone.stdout)["source"] == f"{folder}/bad\\xffname.txt"


@pytest.mark.parametrize("args", [["fact", b"\xff\xfe"], ["query", b"\xff"], ["query", "meetings-of-person", "-p", b"name=\xff"]])
def test_text_arguments_that_are_not_utf8_are_a_clear_error(hostile_store: Path, args: list[str | bytes]) -> None:
    env = dict(os.environ, KG_STORE=str(hostile_store))
    result = subprocess.run([KG, *args], env=env, capture_output=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"error: ") and b"not valid UTF-8: " in result.stderr and b"\\xff" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_full_or_closed_standard_output_ends_cleanly(hostile_store: Path) -> None:
    env = dict(os.environ, KG_STORE=str(hostile_store))
    for args in (["stats"], ["query", "sk-executives-per-meeting"], ["export", "--format", "nquads"], ["fact", "유영상"]):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([KG, *args], env=env, stdout=full, stderr=subprocess.PIPE, timeout=120)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == b"error: cannot write to standard output: No space left on device\n", (args, result.stderr)
    closed = subprocess.Popen([KG, "export", "--format", "nquads"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert closed.stdout is not None and closed.stdout.read(100)
    closed.stdout.close()  # the reader goes away, as `kg export | head -c 100` does
    _, err = closed.communicate(timeout=120)
    assert closed.returncode == 141 and err == b"", err


def _batch(folder: Path, count: int) -> None:
    folder.mkdir()
    template = "{name} 한빛{i}전자 사장이 지난 5일 서울에서 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다."
    for i in range(count):
        text = f"기사 {i}\n2025-07-{10 + i % 15:02d} 10:00\n" + template.format(name="김이박최정"[i % 5] + "민준서연도윤"[i % 3 * 2:][:2], i=i)
        record = {"url": f"https://news.example/{i}", "text": text}
        (folder / f"a{i:03d}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


def test_ctrl_c_prints_what_was_stored_and_exits_130_without_tracebacks(tmp_path: Path) -> None:
    """With two workers: each used to print a KeyboardInterrupt traceback, and the batch hung on their tasks."""
    _batch(tmp_path / "in", 150)
    store = tmp_path / "store"
    env = dict(os.environ, KG_STORE=str(store), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([KG, "ingest", "--no-validate", "--workers", "2", str(tmp_path / "in")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stderr is not None
    try:
        stored = 0
        while stored < 3:
            line = proc.stderr.readline()
            assert line, "the batch ended before Ctrl-C"
            stored += line.startswith("stored")
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group, workers included
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:  # a hang is a failure; leave no process behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    summary = next(line for line in err.splitlines() if line.startswith("interrupted: "))
    said = int(summary.split("articles read: ")[1].split(" stored")[0])
    assert 3 <= said < 150
    counts = json.loads(kg("stats", "--json", store=store).stdout)["counts"]
    assert counts["articles"] >= said  # every article said to be stored is in the store, whole


def test_some_input_failed_and_nothing_matched_have_their_own_exit_codes(hostile_store: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    failed = kg("ingest", str(SEEDS[0]), str(empty), store=tmp_path / "store")
    assert failed.returncode == 1 and b"skipped " in failed.stderr
    nothing = kg("fact", "아무도아닌사람", store=hostile_store)
    assert nothing.returncode == 6 and nothing.stderr.startswith(b"error: nothing in the store is labelled")
    no_name = kg("query", "meetings", "-p", "company=없는회사", store=hostile_store)
    assert no_name.returncode == 6 and no_name.stdout == b""
    no_rows = kg("query", "meetings", "-p", "company=SK", "-p", "from=2099-01-01", "-f", "csv", store=hostile_store)
    assert no_rows.returncode == 0 and no_rows.stdout.count(b"\n") == 1  # a query that finds no rows is no error
