"""Remote stores beside the embedded one (issue 24): ingest rate and the library's query times at about 100k
statements on `oxigraph serve` and Virtuoso 7, measured in the same run on the same corpus as the embedded store.

    python bench/remote.py                   # what `make bench-remote` runs (450 articles: about 100k statements)
    python bench/remote.py --articles 100 --reps 3

The servers are started as the store's tests start them (tests/store/conftest.py: a temporary folder, 127.0.0.1,
Virtuoso set up as the README says); a server that cannot be started (Virtuoso not installed) is reported as
skipped. Each ingest is `kg ingest` in its own process with its defaults (validation and reasoning on, one worker):
what a user runs. Each query is `kg.query.run_query` on a store opened once, the median of up to --reps runs
within --budget seconds; the rows each store gives are counted, and a count that differs from the embedded
store's is flagged. Results: bench/results/remote-<timestamp>.json and remote-latest.json, a table on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
from run import QUERY_PARAMS, log, machine  # noqa: E402

from kg.query import list_queries, run_query  # noqa: E402
from kg.store import SelectResult, Store, open_store  # noqa: E402

BENCH = ROOT / "bench"
_FIRST_MEETING = ("PREFIX aip: <https://w3id.org/aipkg/ontology#> "
                  "SELECT ?m WHERE { GRAPH ?g { ?m aip:principal ?x } } ORDER BY ?m LIMIT 1")


@contextlib.contextmanager
def servers(folder: Path, which: list[str]) -> Iterator[dict[str, str]]:
    """Where each store is: the embedded store's folder and the URLs of the servers that started."""
    import pytest

    from tests.store.conftest import _oxigraph, _virtuoso

    where = {"embedded": str(folder / "embedded")}
    with contextlib.ExitStack() as stack:
        starters = {"oxigraph": lambda: _oxigraph(folder / "oxigraph"), "virtuoso": lambda: _virtuoso(folder / "virtuoso")}
        for name in which:
            (folder / name).mkdir()
            started = starters[name]()
            try:
                server = next(started)
            except (pytest.skip.Exception, pytest.fail.Exception) as e:  # the fixtures' way of saying why not
                log(f"{name}: not measured: {e}")
                where[name] = f"skipped: {e}"
                continue
            stack.callback(lambda g=started: next(g, None))  # runs the generator's finally: stops the server
            where[name] = server.query_url
        yield where


def ingest(location: str, corpus: Path) -> dict[str, Any]:
    """`kg ingest` of the corpus into an empty store, timed from outside, with the statements it holds after."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_STORE")}
    env["KG_STORE"] = location
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", "-q", str(corpus)], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-500:], "seconds": round(seconds, 1)}
    with open_store(location, read_only=True) as store:
        statements = store.count()
    articles = sum(1 for _ in corpus.open(encoding="utf-8"))
    return {"seconds": round(seconds, 1), "articles": articles, "statements": statements,
            "articles_per_s": round(articles / seconds, 2), "statements_per_s": round(statements / seconds, 1)}


def time_queries(store: Store, meeting: str, reps: int, budget_s: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for query in list_queries():
        params = {k: (meeting if v == "__meeting__" else v) for k, v in QUERY_PARAMS.get(query.name, {}).items()}
        times: list[float] = []
        rows = 0
        try:
            while len(times) < reps and sum(times) < budget_s:
                start = time.perf_counter()
                result = run_query(store, query.name, params, timeout=budget_s * 4)
                times.append(time.perf_counter() - start)
                rows = len(result.rows) if isinstance(result, SelectResult) else 1
        except Exception as e:  # noqa: BLE001 - one query's failure is a figure too (a server's limit, say)
            out[query.name] = {"error": f"{type(e).__name__}: {str(e)[:300]}"}
            log(f"  {query.name}: {out[query.name]['error']}")
            continue
        out[query.name] = {"median_s": round(statistics.median(times), 5), "first_s": round(times[0], 5),
                           "reps": len(times), "rows": rows}
        log(f"  {query.name}: {statistics.median(times) * 1000:.1f} ms ({rows} rows)")
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               "machine": machine(), "settings": {k: str(v) for k, v in vars(args).items()}}
    corpus = generate.write_jsonl(args.data / f"remote-{args.articles}-seed{args.seed}.jsonl", args.articles, args.seed)
    with tempfile.TemporaryDirectory(prefix="aipkg-bench-remote-") as tmp, servers(Path(tmp), args.servers) as where:
        results["stores"] = {name: {"location": loc} for name, loc in where.items()}
        live = {name: loc for name, loc in where.items() if not loc.startswith("skipped")}
        for name, loc in live.items():
            log(f"{name}: kg ingest of {args.articles} articles")
            results["stores"][name]["ingest"] = ingest(loc, corpus)
            log(f"  {results['stores'][name]['ingest']}")
        with open_store(live["embedded"], read_only=True) as embedded:
            found = embedded.query(_FIRST_MEETING)
            assert isinstance(found, SelectResult) and found.rows, "the corpus gave no meeting"
            meeting = str(found.rows[0]["m"].value)  # type: ignore[union-attr]
        for name, loc in live.items():
            if "error" in results["stores"][name]["ingest"]:
                continue
            log(f"{name}: queries")
            with open_store(loc, read_only=True) as store:
                results["stores"][name]["description"] = store.describe()
                results["stores"][name]["queries"] = time_queries(store, meeting, args.reps, args.budget)
    return results


def _ms(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def table(r: dict[str, Any]) -> str:
    m, stores = r["machine"], r["stores"]
    names = list(stores)
    lines = [f"aipkg remote bench {r['started']} · {m['cpu']} · {m['cores']} cores · commit {m['commit']}", "",
             "ingest (kg ingest, defaults: validation and reasoning on, one worker)",
             f"{'store':<10} {'articles':>8} {'statements':>10} {'seconds':>8} {'art/s':>7} {'stmt/s':>8}  vs embedded"]
    base = stores["embedded"].get("ingest", {}).get("seconds")
    for name in names:
        i = stores[name].get("ingest")
        if i is None or "error" in i:
            lines.append(f"{name:<10} {(i or {}).get('error', stores[name]['location'])[:90]}")
            continue
        ratio = f"{i['seconds'] / base:.2f}x time" if base else ""
        lines.append(f"{name:<10} {i['articles']:>8} {i['statements']:>10} {i['seconds']:>8} {i['articles_per_s']:>7} "
                     f"{i['statements_per_s']:>8}  {ratio}")
    measured = [n for n in names if "queries" in stores[n]]
    lines += ["", "queries: median latency (ratio to the embedded store); rows, '!' where they differ from the embedded store's",
              f"{'query':<32}" + "".join(f"{n:>26}" for n in measured)]
    for q in stores["embedded"].get("queries", {}):
        ours = stores["embedded"]["queries"][q]
        cells = []
        for n in measured:
            v = stores[n]["queries"].get(q, {})
            if "error" in v or "error" in ours:
                cells.append(f"{'error':>26}")
                continue
            flag = "" if v["rows"] == ours["rows"] else "!"
            ratio = "" if n == "embedded" else f" ({v['median_s'] / max(ours['median_s'], 1e-9):.1f}x)"
            cell = f"{_ms(v['median_s'])}{ratio} {v['rows']}r{flag}"
            cells.append(f"{cell:>26}")
        lines.append(f"{q:<32}" + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=450, help="generated articles to ingest (450: about 100k statements)")
    p.add_argument("--servers", type=lambda s: s.split(","), default=["oxigraph", "virtuoso"])
    p.add_argument("--reps", type=int, default=5, help="runs per query, at most")
    p.add_argument("--budget", type=float, default=15.0, help="seconds per query for its runs")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", type=Path, default=BENCH / "data")
    p.add_argument("--results", type=Path, default=BENCH / "results")
    args = p.parse_args(argv)
    results = run(args)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("+0000", "Z")
    for name in (f"remote-{stamp}.json", "remote-latest.json"):
        (args.results / name).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
