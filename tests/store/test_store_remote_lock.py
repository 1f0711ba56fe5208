"""A remote store has one writer at a time, by a lock kept in the store: a second `kg ingest` on the same endpoint
is refused with exit 3 (two concurrent ingests stored a shared meeting twice); a stale lock is taken over, a lost
one stops its writer, and closing releases it. Against `oxigraph serve` started by the tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import StoreBusy, StoreError
from kg.store import SelectResult, SparqlStore
from kg.store.remote_lock import LOCK_GRAPH, TTL_S

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/aipkg/id/"
LOCK = f"<{ID}writer-lock>"
DC = "http://purl.org/dc/terms/"
G = NamedNode(ID + "graph/a1/p1/stated")


@pytest.fixture()
def server(sparql_server):  # type: ignore[no-untyped-def]
    sparql_server.clear()
    yield sparql_server
    sparql_server.clear()


def _update(server, text: str) -> None:  # type: ignore[no-untyped-def]
    import urllib.request

    req = urllib.request.Request(server.update_url, data=text.encode(), headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(req, timeout=10).close()


def _claims(server) -> list[str]:  # type: ignore[no-untyped-def]
    with SparqlStore(server.query_url, read_only=True) as reader:
        rows = reader.query(f"SELECT ?h WHERE {{ GRAPH <{LOCK_GRAPH.value}> {{ {LOCK} <{DC}creator> ?h }} }}")
    assert isinstance(rows, SelectResult)
    return [r["h"].value for r in rows.rows]  # type: ignore[union-attr]


def test_a_second_writer_is_refused_and_the_first_keeps_writing(server) -> None:  # type: ignore[no-untyped-def]
    with SparqlStore(server.query_url) as first:
        with pytest.raises(StoreBusy, match=r"in use by another writer \(.* pid \d+"):
            SparqlStore(server.query_url)
        first.add([Quad(NamedNode(ID + "x"), NamedNode(ID + "p"), Literal("written"), G)])
        with SparqlStore(server.query_url, read_only=True) as reader:  # readers need no lock
            assert reader.count() == 1 and reader.graph_names() == [G]  # the lock is not data
            assert b"writer-lock" not in reader.export_bytes("nquads")
    assert _claims(server) == []  # released on close
    with SparqlStore(server.query_url) as second:  # and the next writer gets it
        second.add([Quad(NamedNode(ID + "y"), NamedNode(ID + "p"), Literal("next"), G)])


def test_a_stale_lock_is_taken_over_and_a_fresh_one_is_not(server) -> None:  # type: ignore[no-untyped-def]
    claim = f'GRAPH <{LOCK_GRAPH.value}> {{ {LOCK} <{DC}creator> "gone pid 1" ; <{DC}modified> ?t }}'
    _update(server, f"INSERT {{ {claim} }} WHERE {{ BIND(NOW() - \"PT{int(TTL_S) + 60}S\"^^<http://www.w3.org/2001/XMLSchema#dayTimeDuration> AS ?t) }}")
    with SparqlStore(server.query_url) as writer:
        assert writer._lock is not None and "gone pid 1" in (writer._lock.note or "")
        assert len(_claims(server)) == 1
    _update(server, f"INSERT {{ {claim} }} WHERE {{ BIND(NOW() AS ?t) }}")
    with pytest.raises(StoreBusy, match="gone pid 1"):
        SparqlStore(server.query_url)


def test_a_writer_that_lost_its_lock_writes_nothing(server) -> None:  # type: ignore[no-untyped-def]
    with SparqlStore(server.query_url) as writer:
        _update(server, f"DROP GRAPH <{LOCK_GRAPH.value}>")  # taken away (an operator, or stale for another writer)
        with pytest.raises(StoreError, match="lost its lock"):
            writer.add([Quad(NamedNode(ID + "x"), NamedNode(ID + "p"), Literal("late"), G)])
    with SparqlStore(server.query_url, read_only=True) as reader:
        assert reader.count() == 0


def test_racing_claims_leave_at_most_one_holder() -> None:
    """Two conditional inserts that both land (a server without isolation): each writer reads both claims back
    and withdraws, so neither holds the lock."""
    from kg.store.remote_lock import RemoteLock

    claims: list[str] = []

    def select(text: str):  # type: ignore[no-untyped-def]
        if text.startswith("ASK"):
            return any(c in text for c in claims)
        rows = tuple({"holder": Literal(c), "seen": None, "now": None} for c in claims)
        return SelectResult(("holder", "seen", "now"), rows)

    def update(text: str) -> None:
        if text.startswith("INSERT"):
            holder = re.search(r'creator> ("[^"]*")', text)
            assert holder is not None
            claims.append(json.loads(holder.group(1)))
            claims.append("the other writer pid 2")  # its insert landed at the same time
        elif text.startswith("DELETE"):
            claims[:] = [c for c in claims if f'"{c}"' not in text]

    with pytest.raises(StoreBusy, match="the other writer"):
        RemoteLock("http://example.invalid/sparql", select, update).acquire()
    assert claims == ["the other writer pid 2"]  # ours withdrawn


def _kg(*args: str, store: str) -> subprocess.Popen[str]:
    env = dict(os.environ, KG_STORE=store, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _articles(folder: Path, count: int) -> Iterator[Path]:
    folder.mkdir()
    for i in range(count):
        text = f"기사 {i}\n2025-07-{10 + i % 15:02d} 10:00\n김민준{i} 한빛{i}전자 사장이 지난 5일 서울에서 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다."
        path = folder / f"a{i:03d}.jsonl"
        path.write_text(json.dumps({"url": f"https://news.example/{i}", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
        yield path


def test_a_second_kg_ingest_on_the_same_endpoint_exits_3(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = [str(p) for p in _articles(tmp_path / "batch", 400)]  # far more than needed: it must outlive the check
    first = _kg("ingest", "--no-validate", *paths, store=server.query_url)
    try:
        assert first.stderr is not None and "stored" in first.stderr.readline()  # it holds the lock and writes
        second = _kg("ingest", "--no-validate", str(ROOT / "examples/articles/000_2546148ec63b8380.txt"), store=server.query_url)
        out, err = second.communicate(timeout=120)
        assert first.poll() is None, "the first writer finished before the second was tried"
        assert second.returncode == 3 and "in use by another writer" in err and "Traceback" not in err
        assert "stored" not in err
    finally:
        first.kill()
        first.communicate(timeout=60)
