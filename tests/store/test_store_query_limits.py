"""`kg query` stops: at its time limit (exit 4), at Ctrl-C (exit 130, a short message, no traceback), and prints
csv/tsv/json rows as they are found instead of holding them all. Each through a real `kg` process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import QueryLimit
from kg.store import OxigraphStore
from kg.store.guard import Limits, guarded, parse_size

ID = "https://w3id.org/aipkg/id/"
# 2,000 statements: the cartesian product of three patterns is 8e9 rows, hours of work
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
CARTESIAN_ROWS = "SELECT ?a ?c ?e WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "store"
    with OxigraphStore(path) as s:
        s.add([Quad(NamedNode(f"{ID}x/{i}"), NamedNode(ID + "p"), Literal(f"v{i}"), NamedNode(f"{ID}graph/{i % 50}"))
               for i in range(2000)])
    return path


def _start(store: Path, tmp_path: Path, query: str, *args: str) -> subprocess.Popen[str]:
    rq = tmp_path / "q.rq"
    rq.write_text(query, encoding="utf-8")
    env = dict(os.environ, KG_STORE=str(store), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(rq), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_query_past_its_time_limit_stops_with_exit_4(store: Path, tmp_path: Path) -> None:
    began = time.monotonic()
    proc = _start(store, tmp_path, CARTESIAN_COUNT, "--timeout", "2")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 4, err
    assert "stopped after 2 s" in err and "--timeout" in err and "Traceback" not in err
    assert time.monotonic() - began < 20  # kg's start, 2 s of query, the exit: not the hours the query needs


def test_ctrl_c_stops_a_running_query_with_exit_130_and_no_traceback(store: Path, tmp_path: Path) -> None:
    proc = _start(store, tmp_path, CARTESIAN_COUNT)  # the default limit (300 s) is far off
    time.sleep(4)  # kg has started and the engine is counting
    assert proc.poll() is None
    stopped_at = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert time.monotonic() - stopped_at < 10
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_rows_are_printed_as_they_are_found(store: Path, tmp_path: Path, fmt: str) -> None:
    proc = _start(store, tmp_path, CARTESIAN_ROWS, "--format", fmt, "--timeout", "60")
    stdout = proc.stdout
    assert stdout is not None
    received: list[bytes] = []

    def read() -> None:  # 1 MB of rows: thousands of them
        while sum(map(len, received)) < 2**20 and (chunk := os.read(stdout.fileno(), 65536)):
            received.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        reader.join(timeout=20)
        assert sum(map(len, received)) >= 2**20, "rows did not come while the query ran"
        assert proc.poll() is None  # 8e9 rows to go: the first thousands came while the query runs
        assert f"{ID}x/".encode() in b"".join(received)
    finally:
        proc.kill()
        proc.wait()


def test_the_guard_stops_at_its_memory_limit_and_passes_errors_through() -> None:
    def grow() -> list[bytes]:
        hoard = []
        for _ in range(400):
            hoard.append(b"x" * 2**20)  # 1 MiB at a time, touched: resident
            time.sleep(0.001)
        return hoard

    with pytest.raises(MemoryError, match="grew"):
        list(guarded(lambda: [len(grow())], Limits(memory=64 * 2**20), on_memory=lambda n: MemoryError(f"grew {n}")))

    def fail() -> list[int]:
        raise ValueError("from the worker")

    with pytest.raises(ValueError, match="from the worker"):
        list(guarded(fail, Limits(), on_memory=lambda n: MemoryError()))
    with pytest.raises(QueryLimit, match="stopped after 0.2 s"):
        list(guarded(lambda: iter(lambda: time.sleep(0.05), 1), Limits(timeout=0.2), on_memory=lambda n: MemoryError()))
    assert list(guarded(lambda: range(3000), Limits(timeout=5), on_memory=lambda n: MemoryError())) == list(range(3000))


@pytest.mark.parametrize(("text", "size"), [("512M", 512 * 2**20), ("4G", 4 * 2**30), ("1.5g", 3 * 2**29), ("0", None), ("none", None)])
def test_memory_limits_are_read_from_sizes(text: str, size: int | None) -> None:
    assert parse_size(text) == size
