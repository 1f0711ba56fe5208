"""`kg serve` while `kg ingest` writes the same store: every request is answered, and what the ingest stored shows
at the next request, with no restart."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from kg.store import OxigraphStore, SelectResult, open_store
from tests.serve.conftest import ARTICLES, KG, Served

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def served_count(served: Served) -> tuple[int, int, float]:
    response = served.get("sparql?" + urllib.parse.urlencode({"query": COUNT}), Accept="application/json")
    count = int(json.loads(response.body)["results"]["bindings"][0]["n"]["value"]) if response.status == 200 else -1
    return response.status, count, float(response.headers.get("x-store-read-at", "0"))


def test_what_an_ingest_stores_shows_at_the_next_request(serving: Callable[..., Served], tmp_path: Path) -> None:
    store = tmp_path / "store"
    OxigraphStore(store).close()  # a new, empty store
    served = serving(store)
    _, before, first_read = served_count(served)
    assert before == 0 and "0 meetings." in served.get("").text
    writer = subprocess.Popen([KG, "ingest", "-q", "--store", str(store), *(str(a) for a in ARTICLES)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, int, float]] = []
    try:
        while writer.poll() is None:  # asked all along the ingest, the writer holding the store
            seen.append(served_count(served))
            time.sleep(0.05)
    finally:
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, out + err
    assert len(seen) > 5 and {status for status, _, _ in seen} == {200}
    counts = [count for _, count, _ in seen]
    assert counts == sorted(counts), "a later request saw less than an earlier one"
    status, after, last_read = served_count(served)
    with open_store(store, read_only=True) as fresh:
        result = fresh.query(COUNT)
    assert isinstance(result, SelectResult)
    assert status == 200 and after == int(result.rows[0]["n"].value) > before  # type: ignore[union-attr]
    assert last_read > first_read  # reopened, and the header says when
    timeline = served.get("").text
    assert "5 meetings." in timeline and "Redmond" in timeline.split("<table")[0]  # the new meetings, drawn


def test_an_unchanged_store_is_not_reopened(serving: Callable[..., Served], seed_store: Path) -> None:
    served = serving(seed_store, workers=1)
    reads = {served_count(served)[2] for _ in range(5)}
    assert len(reads) == 1
