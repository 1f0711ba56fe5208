"""The benchmark suite (issue 6): every figure beside a baseline measured in the same run on the same data.

    python bench/run.py                      # what `make bench` runs (about 15-20 minutes on 2 cores)
    python bench/run.py --quick              # 1k ingest, 100k-statement queries: a few minutes
    python bench/run.py --ingest-sizes 1000 --query-sizes 100000,1000000 --workers 1

Results go to bench/results/<timestamp>.json (and latest.json); a short table goes to stdout.
Heavy steps (ingest, the tokenizer baseline, rdflib) run in child processes so that their peak RSS is theirs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from kg.resources import BASE_FILES  # noqa: E402

BENCH = ROOT / "bench"
ID = "https://w3id.org/aipkg/id/"
BASE_GRAPHS = {g.value for g in BASE_FILES} | {f"{ID}graph/inferred"}

# Parameters of the library queries: real names of the reference data, so results are not empty.
QUERY_PARAMS: dict[str, dict[str, str]] = {
    "executives-of-company": {"company": "SK그룹"},
    "fact-provenance": {"predicate": "aip:principal", "subject": "__meeting__"},
    "meetings-between-companies": {"company1": "SK그룹", "company2": "아카증권"},  # partners in the synthetic corpus
    "meetings-of-person": {"name": "최태원"},
    "partners-of-company": {"company": "SK하이닉스"},
    "partnerships-of-company": {"company": "SK하이닉스"},  # none yet: extraction of partnerships comes later
    "partnerships-between-companies": {"company1": "SK텔레콤", "company2": "오픈AI"},
    "sk-executives-per-meeting": {},
    "topics-by-company-pair": {},
}
RDFLIB_LIMIT_S = 120.0


# --- small helpers ------------------------------------------------------------------------------------------


def rss_kb() -> int:
    """Resident set size of this process now, in KiB (from /proc)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def peak_rss_mb() -> float:
    """Peak RSS of this process or the largest of its finished children (worker pools), in MiB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec."""
    own = 0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def du_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def median_time(fn: Callable[[], object], *, reps: int = 5, budget_s: float = 15.0) -> tuple[float, int, object]:
    """Median wall time of ``fn`` over up to ``reps`` runs (at least one, fewer when the budget is spent)."""
    times: list[float] = []
    out: object = None
    start = time.perf_counter()
    while len(times) < reps:
        t, out = timed(fn)
        times.append(t)
        if time.perf_counter() - start > budget_s:
            break
    return statistics.median(times), len(times), out


def child(kind: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run ``run.py --child kind`` and return the JSON it prints last; {"error": ...} on failure/timeout."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(args)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-800:]}"}
    return json.loads(lines[-1])


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- data ---------------------------------------------------------------------------------------------------


def corpus(data: Path, count: int, seed: int) -> Path:
    path = data / f"articles-seed{seed}-{count}.jsonl"
    if not path.exists():
        generate.write_jsonl(path, count, seed)
    return path


def read_texts(path: Path, limit: int) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                return
            yield json.loads(line)["text"]


# --- children: ingest and the tokenizer baseline ----------------------------------------------------------


class _Stop(Exception):
    pass


def child_ingest(args: dict[str, Any]) -> dict[str, Any]:
    from kg.ingest import ingest_paths
    from kg.store import OxigraphStore

    store_dir = Path(args["store"])
    shutil.rmtree(store_dir, ignore_errors=True)
    store = OxigraphStore(store_dir)
    total, budget = args["count"], args["budget_s"]
    done = statements = failed = violations = 0
    samples: list[tuple[int, int]] = []  # (articles done, RSS MiB) every few seconds: flat if streaming
    start = next_sample = time.perf_counter()

    def on_item(item: object) -> None:
        nonlocal done, statements, failed, violations, next_sample
        done += 1
        statements += getattr(item, "statements", 0)
        failed += getattr(item, "status", "failed") == "failed"
        violations += len(getattr(item, "violations", []) or [])
        now = time.perf_counter()
        if now >= next_sample:
            samples.append((done, rss_kb() // 1024))
            next_sample = now + max(2.0, budget / 10)
        if now - start > budget:
            raise _Stop

    with contextlib.suppress(_Stop):
        ingest_paths(store, [Path(args["file"])], on_item=on_item, workers=args["workers"])
    elapsed = time.perf_counter() - start
    samples.append((done, rss_kb() // 1024))
    count = store.count()
    store.close()
    gc.collect()
    return {
        "articles": done, "of": total, "partial": done < total, "seconds": round(elapsed, 2),
        "articles_per_s": round(done / elapsed, 2), "statements": statements,
        "statements_per_s": round(statements / elapsed, 1), "store_statements": count,
        "failed": failed, "violations": violations, "peak_rss_mb": peak_rss_mb(),
        "rss_mb_by_articles": samples, "store_bytes": du_bytes(store_dir),
    }


def child_tokenize(args: dict[str, Any]) -> dict[str, Any]:
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    kiwi.tokenize("워밍업 문장입니다.")
    done = 0
    start = time.perf_counter()
    for text in read_texts(Path(args["file"]), args["count"]):
        kiwi.tokenize(text)
        done += 1
        if time.perf_counter() - start > args["budget_s"]:
            break
    elapsed = time.perf_counter() - start
    return {"articles": done, "of": args["count"], "seconds": round(elapsed, 2),
            "articles_per_s": round(done / elapsed, 2), "peak_rss_mb": peak_rss_mb()}


# --- child: the naive tool (rdflib in memory) -----------------------------------------------------------------


class _Timeout(Exception):
    pass


def child_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    import rdflib

    from kg.query import bind_params, load_query
    from kg.store import OxigraphStore, disable_rdflib_network

    disable_rdflib_network()

    def alarm(*_: object) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    limit = args["limit_s"]
    ds = rdflib.Dataset(default_union=True)
    signal.alarm(int(limit))
    try:
        load_s, _ = timed(lambda: ds.parse(args["nquads"], format="nquads"))
    except _Timeout:
        return {"load_error": f"loading took over {limit:.0f} s"}
    finally:
        signal.alarm(0)
    out: dict[str, Any] = {"load_s": round(load_s, 2), "queries": {}}
    names = OxigraphStore(args["store"], read_only=True)  # resolves entity names to the IRIs rdflib is given
    for name, params in args["queries"].items():
        query = load_query(name)
        bindings = {k: _to_rdflib(v) for k, v in bind_params(query, params, store=names).items()}
        signal.alarm(int(args["query_limit_s"]))
        try:
            t, n = timed(lambda q=query, b=bindings: len(list(ds.query(q.text, initBindings=b))))  # type: ignore[misc]
            out["queries"][name] = {"seconds": round(t, 4), "rows": n}
        except _Timeout:
            out["queries"][name] = {"error": f"over {args['query_limit_s']:.0f} s"}
        except Exception as exc:  # noqa: BLE001 - a query rdflib cannot run is reported, the others go on
            out["queries"][name] = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        finally:
            signal.alarm(0)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _to_rdflib(term: Any) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


# --- stores of a given size: ingest a sample, replicate it with renamed IRIs ------------------------------------

# IRIs that differ per copy: articles, their graphs, meetings (16 hex digits), and people outside the reference
# data (their name segment, also inside position IRIs). Companies, places and topics are shared by all copies.
_PER_ARTICLE = re.compile(rb"(<https://w3id\.org/aipkg/id/(?:article|meeting|graph|graph/resolved)/[0-9a-f]{16})")
_PERSON = re.compile(rb"<https://w3id\.org/aipkg/id/(person|position)/([^/>]+)/([^/>]+)")


def build_sample(data: Path, work: Path, articles: int, seed: int) -> Path:
    """Ingest ``articles`` articles (reasoning on, validation off: it adds nothing to the store) and return the
    sample's N-Quads (base graphs excluded)."""
    from kg.ingest import ingest_paths
    from kg.store import OxigraphStore

    out = work / f"sample-{seed}-{articles}.nq"
    if out.exists():
        return out
    src = corpus(data, articles, seed)
    store_dir = work / "sample-store"
    shutil.rmtree(store_dir, ignore_errors=True)
    with OxigraphStore(store_dir) as store:
        report = ingest_paths(store, [src], validate=False)
        log(f"sample: {report.stored} articles, {store.count()} statements")
        with (work / "base.nq").open("wb") as f:
            for q in store.quads():
                if q.graph_name.value in BASE_GRAPHS:
                    f.write(f"{q} .\n".encode())
        with out.open("wb") as f:
            for q in store.quads():
                if q.graph_name.value not in BASE_GRAPHS:
                    f.write(f"{q} .\n".encode())
    shutil.rmtree(store_dir, ignore_errors=True)
    return out


def _template(sample: bytes, reference_people: set[bytes]) -> bytes:
    """The sample with a NUL after every IRI segment that must change per copy."""
    text = _PER_ARTICLE.sub(lambda m: m.group(1) + b"\x00", sample)

    def person(m: re.Match[bytes]) -> bytes:
        group, name = m.group(2), m.group(3)
        if b"<" + ID.encode() + b"person/" + group + b"/" + name + b">" in reference_people:
            return m.group(0)
        return b"<" + ID.encode() + m.group(1) + b"/" + group + b"/" + name + b"~\x00"

    return _PERSON.sub(person, text)


def _add_union_view(store: ox.Store) -> None:
    """The default graph as the union of the named graphs, as kg's writes keep it (bulk, not one transaction)."""
    start = time.perf_counter()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph))
    store.flush()
    store.optimize()
    log(f"  union view added in {time.perf_counter() - start:.1f} s")


def build_store(work: Path, sample: Path, target: int) -> Path:
    """An on-disk store of about ``target`` statements: base graphs + copies of the sample, bulk-loaded."""
    from kg.store import has_union_view

    path = work / f"store-{target}"
    marker = path / "bench-built"
    if marker.exists():
        store = ox.Store(str(path))
        if not has_union_view(store):  # built before the store kept one
            _add_union_view(store)
        del store
        gc.collect()
        return path
    shutil.rmtree(path, ignore_errors=True)
    base = (work / "base.nq").read_bytes()
    reference = {ln.split(b" ", 1)[0] for ln in base.splitlines() if b"/person/" in ln[:60]}
    raw = sample.read_bytes()
    per_copy = raw.count(b"\n")
    copies = max(1, math.ceil((target - base.count(b"\n")) / per_copy))
    template = _template(raw, reference)
    nq = work / f"store-{target}.nq"
    with nq.open("wb") as f:
        f.write(base)
        for k in range(copies):
            f.write(template.replace(b"\x00", b"c%x" % k))
    # the union view kg's writes keep: every statement once more without its graph name (the store is a set, so
    # statements shared by graphs or copies collapse); loading it in the same bulk load is ~10x faster than after
    view = work / f"store-{target}.view.nt"
    with nq.open("rb") as src, view.open("wb") as f:
        for line in src:
            f.write(line.rstrip().rsplit(b" ", 2)[0] + b" .\n")
    store = ox.Store(str(path))
    start = time.perf_counter()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(view), format=ox.RdfFormat.N_TRIPLES)
    # compacted, as a store written over time is by RocksDB: fresh bulk-loaded files are read 1.4-1.7x slower
    store.optimize()
    seconds = time.perf_counter() - start
    view.unlink()
    log(f"store ~{target}: {len(store)} quads (named and the union view) bulk-loaded in {seconds:.1f} s ({copies} copies)")
    del store
    gc.collect()
    marker.write_text("built by bench/run.py\n")
    return path


# --- measurements in this process ------------------------------------------------------------------------------


def _first_meeting(path: Path) -> str:
    raw = ox.Store.read_only(str(path))
    rows = raw.query("PREFIX aip: <https://w3id.org/aipkg/ontology#> "
                     "SELECT ?m WHERE { GRAPH ?g { ?m aip:principal ?x } } LIMIT 1")
    return next(iter(rows))["m"].value  # type: ignore[call-overload,index]


def child_query(args: dict[str, Any]) -> dict[str, Any]:
    """Median latency of one library query through kg (``run_query``) and the same SPARQL on raw pyoxigraph."""
    from kg.query import bind_params, load_query, run_query
    from kg.store import OxigraphStore, bind_values, has_union_view

    store = OxigraphStore(args["store"], read_only=True)
    raw = ox.Store.read_only(args["store"])
    name, params = args["name"], args["params"]
    query = load_query(name)
    bindings = bind_params(query, params, store=store)  # names resolved as kg does, so both run the same SPARQL
    subs: dict[Any, Any] = {ox.Variable(k): v for k, v in bindings.items()}
    text = query.text
    union = not has_union_view(raw)  # kg's default graph is the union view; older stores lack it
    # the text kg sends: bound values as VALUES blocks
    text, subs = (bind_values(text, bindings), {}) if bindings else (text, {})

    def kg_run() -> int:
        result = run_query(store, name, params)
        return len(result.rows) if hasattr(result, "rows") else 1  # type: ignore[union-attr]

    def ox_run() -> int:
        return sum(1 for _ in raw.query(text, use_default_graph_as_union=union, substitutions=subs or None))  # type: ignore[union-attr]

    # floor first: if the query itself is slow, the kg figure is not needed to know it
    ox_s, _, ox_rows = median_time(ox_run, budget_s=args["budget_s"])
    kg_s, reps, rows = median_time(kg_run, budget_s=args["budget_s"])
    return {"kg_s": round(kg_s, 5), "oxigraph_s": round(ox_s, 5), "ratio": round(kg_s / max(ox_s, 1e-9), 2),
            "rows": rows, "oxigraph_rows": ox_rows, "reps": reps, "params": params}


def measure_queries(path: Path, limit: float, stopped: set[str]) -> dict[str, Any]:
    """Every library query at one store size, each in a child process stopped after ``limit`` seconds.

    Queries in ``stopped`` (stopped at a smaller size: they can only be slower here) are skipped; queries
    stopped now are added to it."""
    from kg.query import list_queries

    meeting = _first_meeting(path)
    out: dict[str, Any] = {}
    for query in list_queries():
        if query.name in stopped:
            out[query.name] = {"error": "skipped: stopped at a smaller size"}
            continue
        params = {k: (meeting if v == "__meeting__" else v) for k, v in QUERY_PARAMS.get(query.name, {}).items()}
        res = child("query", {"store": str(path), "name": query.name, "params": params, "budget_s": 10.0}, limit)
        if "error" in res:
            res["params"] = params
        out[query.name] = res
        if "error" in res:
            stopped.add(query.name)
            log(f"  {query.name}: {res['error'][:120]}")
        else:
            log(f"  {query.name}: kg {res['kg_s'] * 1000:.1f} ms, pyoxigraph {res['oxigraph_s'] * 1000:.1f} ms ({res['rows']} rows)")
    return out


def measure_export(path: Path, work: Path) -> dict[str, Any]:
    from kg.store import OxigraphStore

    store = OxigraphStore(path, read_only=True)
    raw = ox.Store.read_only(str(path))
    out: dict[str, Any] = {"statements": store.count()}
    named = list(raw.named_graphs())

    def to_file(name: str, write: Callable[[io.BufferedWriter], None]) -> tuple[float, int]:
        target = work / name
        with target.open("wb") as f:
            seconds, _ = timed(lambda: write(f))
        size = target.stat().st_size
        target.unlink()
        return seconds, size

    for fmt, own in (
        # pyoxigraph's own serialisers over the same statements (the named graphs; the union view is not data)
        ("nquads", lambda f: ox.serialize((q for g in named for q in raw.quads_for_pattern(None, None, None, g)),
                                          f, ox.RdfFormat.N_QUADS)),
        # Turtle: every statement as a triple (no de-duplication)
        ("turtle", lambda f: ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                                           for g in named for q in raw.quads_for_pattern(None, None, None, g)),
                                          f, ox.RdfFormat.TURTLE)),
    ):
        kg_s, kg_bytes = to_file(f"export.{fmt}", lambda f, m=fmt: store.export(m, f))  # type: ignore[misc]
        ox_s, ox_bytes = to_file(f"own.{fmt}", own)
        out[fmt] = {"kg_s": round(kg_s, 2), "oxigraph_s": round(ox_s, 2), "ratio": round(kg_s / ox_s, 2),
                    "kg_mb": round(kg_bytes / 2**20, 1), "oxigraph_mb": round(ox_bytes / 2**20, 1)}
        log(f"  export {fmt}: kg {kg_s:.1f} s, pyoxigraph {ox_s:.1f} s")
    store.close()
    return out


def measure_incremental(path: Path, data: Path, seed: int, articles: int) -> dict[str, Any]:
    """Validation + reasoning of new articles as ingest does them, in a writable copy-free store (it is changed)."""
    from kg.extract import extract
    from kg.ingest import Ingestor
    from kg.read import read_paths
    from kg.store import OxigraphStore

    # articles that no store holds: far past every corpus index
    fresh = data / f"fresh-seed{seed}.jsonl"
    with fresh.open("w", encoding="utf-8") as f:
        for rec in generate.articles(articles * 2, seed, start=10_000_000):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    items = [a for a in read_paths([fresh]) if hasattr(a, "content_hash")]
    store = OxigraphStore(path)
    size = store.count()
    plain = Ingestor(store, validate=False, reason=False)
    full = Ingestor(store)
    timings: dict[str, list[float]] = {"plain": [], "full": []}
    for i, art in enumerate(items):
        facts = extract(art, plain.lexicon)
        which, ingestor = ("full", full) if i % 2 else ("plain", plain)
        t, _ = timed(lambda a=art, fa=facts, ing=ingestor: ing.ingest_article(a, fa))  # type: ignore[misc]
        timings[which].append(t)
    store.close()
    plain_s, full_s = statistics.median(timings["plain"]), statistics.median(timings["full"])
    return {"statements": size, "write_only_s": round(plain_s, 4), "with_validation_reasoning_s": round(full_s, 4),
            "validation_reasoning_s": round(full_s - plain_s, 4), "articles": len(items)}


def measure_reasoning(path: Path, engine: str) -> dict[str, Any]:
    from kg.maintenance import reason_store
    from kg.store import OxigraphStore

    store = OxigraphStore(path)
    size = store.count()
    seconds, inferred = timed(lambda: reason_store(store, engine=engine))
    store.close()
    return {"statements": size, "engine": engine, "seconds": round(seconds, 2), "inferred": inferred}


def child_reason(args: dict[str, Any]) -> dict[str, Any]:
    out = measure_reasoning(Path(args["store"]), args["engine"])
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def child_validate(args: dict[str, Any]) -> dict[str, Any]:
    from kg.maintenance import validate_store
    from kg.store import OxigraphStore

    store = OxigraphStore(args["store"], read_only=True)
    seconds, report = timed(lambda: validate_store(store, engine=args["engine"]))
    return {"statements": store.count(), "engine": args["engine"], "seconds": round(seconds, 2),
            "conforms": report.conforms, "peak_rss_mb": peak_rss_mb()}  # type: ignore[attr-defined]


# --- the run -----------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    try:
        import kg.validate.compiler  # noqa: F401

        validation = "compiled shapes (kg.validate)"
    except ImportError:
        validation = "pySHACL (kg.validate.compiler missing)"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1), "python": platform.python_version(),
            "pyoxigraph": ox.__version__, "kernel": platform.release(), "commit": commit, "validation": validation}


def parse_sizes(text: str) -> list[int]:
    out = []
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        mult = 1_000_000 if part.endswith("m") else 1000 if part.endswith("k") else 1
        out.append(int(float(part.rstrip("mk")) * mult))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    data, work = args.data, args.work
    data.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                               "settings": {k: str(v) for k, v in vars(args).items()}}
    started = time.perf_counter()

    log("generating corpora")
    gen: dict[str, Any] = {}
    for n in sorted(set(args.generate_sizes) | set(args.ingest_sizes)):
        seconds, path = timed(lambda n=n: corpus(data, n, args.seed))  # type: ignore[misc]
        gen[str(n)] = {"file": str(path), "mb": round(Path(path).stat().st_size / 2**20, 1), "seconds": round(seconds, 1)}  # type: ignore[arg-type]
    results["generate"] = gen

    ingest: dict[str, Any] = {}
    for n in args.ingest_sizes:
        file = corpus(data, n, args.seed)
        log(f"ingest {n}: tokenizer baseline")
        # a rate: 20 s of tokenising gives it as well as the whole corpus would
        row: dict[str, Any] = {"tokenizer": child("tokenize", {"file": str(file), "count": n, "budget_s": min(args.ingest_budget, 20.0)},
                                                  args.ingest_budget + 120)}
        for w in args.workers:
            log(f"ingest {n}: workers={w} (budget {args.ingest_budget:.0f} s)")
            row[f"workers={w}"] = child("ingest", {"file": str(file), "count": n, "workers": w, "budget_s": args.ingest_budget,
                                                   "store": str(work / f"ingest-{n}-w{w}")}, args.ingest_budget + 600)
            shutil.rmtree(work / f"ingest-{n}-w{w}", ignore_errors=True)
            log(f"  {row[f'workers={w}']}")
        ingest[str(n)] = row
    results["ingest"] = ingest

    if args.query_sizes:
        log(f"sample for the query stores: {args.sample} articles")
        sample = build_sample(data, work, args.sample, args.seed)
        stores = {n: build_store(work, sample, n) for n in args.query_sizes}
        results["stores"] = {}
        from kg.store import OxigraphStore

        for n, path in stores.items():
            with OxigraphStore(path, read_only=True) as counted:
                count = counted.count()  # statements, not the union view's copies
            results["stores"][str(n)] = {"statements": count, "bytes": du_bytes(path),
                                         "mb_per_million": round(du_bytes(path) / 2**20 / (count / 1e6), 1)}
        results["queries"] = {}
        stopped: set[str] = set()
        for n, path in stores.items():
            log(f"queries at ~{n} statements")
            results["queries"][str(n)] = measure_queries(path, args.query_limit, stopped)
        # the naive tool: rdflib where it loads within the limit
        results["rdflib"] = {}
        for n in stores:
            if n > args.rdflib_max:
                results["rdflib"][str(n)] = {"skipped": f"above --rdflib-max {args.rdflib_max} (loading alone takes over "
                                                        f"{RDFLIB_LIMIT_S:.0f} s at this size)"}
                continue
            nq = work / f"store-{n}.nq"
            # every query on small stores; above, the one the targets compare at 1M, given up to 2 minutes to load
            # and 2 minutes to answer (what a naive tool would take)
            small_size = n <= 200_000
            names = list(QUERY_PARAMS) if small_size else ["sk-executives-per-meeting"]
            load_limit = RDFLIB_LIMIT_S if small_size else 2 * RDFLIB_LIMIT_S
            query_limit = args.rdflib_query_limit if small_size else RDFLIB_LIMIT_S
            meeting = _first_meeting(stores[n])
            queries = {q: {k: (meeting if v == "__meeting__" else v) for k, v in QUERY_PARAMS[q].items()} for q in names}
            log(f"rdflib at ~{n} statements: {', '.join(names)}")
            results["rdflib"][str(n)] = child("rdflib", {"nquads": str(nq), "store": str(stores[n]), "queries": queries, "limit_s": load_limit,
                                                        "query_limit_s": query_limit},
                                              load_limit + query_limit * len(names) + 60)
            log(f"  {results['rdflib'][str(n)]}")
        export_size = max((n for n in stores if n <= 1_000_000), default=min(stores))
        log(f"export at ~{export_size} statements")
        results["export"] = measure_export(stores[export_size], work)
        # whole-store validation and reasoning, then the per-article path (both change the stores)
        small = build_small_store(work, data, args.seed)
        results["reasoning"] = {}
        for engine in ("fast", "owlrl"):  # owlrl takes minutes from ~100k statements: side by side on the small one
            copy = work / f"store-small-{engine}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(small, copy)
            log(f"reason_store {engine} at ~10000")
            results["reasoning"][f"{engine}@10000"] = child("reason", {"store": str(copy), "engine": engine}, 300)
            shutil.rmtree(copy, ignore_errors=True)
        for engine in ("fast", "pyshacl"):  # pySHACL takes minutes from ~100k statements: side by side on the small one
            log(f"validate_store {engine} at ~10000")
            results["reasoning"][f"validate {engine}@10000"] = child("validate", {"store": str(small), "engine": engine},
                                                                     args.validate_limit)
        for n, path in stores.items():
            if n > 1_000_000:
                continue
            log(f"validate_store fast at ~{n}")
            results["reasoning"][f"validate fast@{n}"] = child("validate", {"store": str(path), "engine": "fast"},
                                                               args.validate_limit)
            log(f"reason_store fast at ~{n}")
            results["reasoning"][f"fast@{n}"] = child("reason", {"store": str(path), "engine": "fast"}, 900)
            log(f"  {results['reasoning']}")
        results["incremental"] = {"small": measure_incremental(small, data, args.seed, args.incremental_articles)}
        big = max((n for n in stores if n <= 1_000_000), default=None)
        if big is not None:
            log(f"per-article validation+reasoning at ~{big}")
            results["incremental"]["large"] = measure_incremental(stores[big], data, args.seed, args.incremental_articles)
            (stores[big] / "bench-built").unlink(missing_ok=True)  # it now holds extra articles: rebuild next time
        log(f"  {results['incremental']}")
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def build_small_store(work: Path, data: Path, seed: int) -> Path:
    """A store of about 10k statements, ingested (base graphs + a few dozen articles)."""
    from kg.ingest import ingest_paths
    from kg.store import OxigraphStore

    path = work / "store-small"
    shutil.rmtree(path, ignore_errors=True)
    file = corpus(data, 1000, seed)
    with OxigraphStore(path) as store, contextlib.suppress(_Stop):
        ingest_paths(store, [file], validate=False, on_item=lambda _: _stop_at(store, 10_000))
    return path


def _stop_at(store: Any, count: int) -> None:
    if store.count() >= count:
        raise _Stop


# --- the table ---------------------------------------------------------------------------------------------------


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def table(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"aipkg bench {r['started']} · {m['cpu']} · {m['cores']} cores · {m['memory_gb']} GB · "
             f"python {m['python']} · pyoxigraph {m['pyoxigraph']} · commit {m['commit']} · validation: {m['validation']}", ""]
    if r.get("ingest"):
        lines += ["ingest (end to end, on-disk store, validation+reasoning on)",
                  f"{'articles':>9} {'run':<10} {'done':>6} {'art/s':>7} {'stmt/s':>8} {'peak RSS':>9}  baseline kiwi art/s"]
        for n, row in r["ingest"].items():
            tok = row.get("tokenizer", {})
            for key, v in row.items():
                if key == "tokenizer":
                    continue
                if "error" in v:
                    lines.append(f"{n:>9} {key:<10} error: {v['error'][:80]}")
                    continue
                lines.append(f"{n:>9} {key:<10} {v['articles']:>6} {v['articles_per_s']:>7} {v['statements_per_s']:>8} "
                             f"{v['peak_rss_mb']:>6} MB  {tok.get('articles_per_s', '-')}")
        lines.append("")
    if r.get("queries"):
        sizes = list(r["queries"])
        lines.append("queries: median latency kg / pyoxigraph (ratio) / rdflib")
        lines.append(f"{'query':<28}" + "".join(f"{'~' + s + ' stmts':>42}" for s in sizes))
        for name in QUERY_PARAMS:
            cells = []
            for s in sizes:
                q = r["queries"][s].get(name)
                rd = r.get("rdflib", {}).get(s, {})
                rq = rd.get("queries", {}).get(name, {})
                rtxt = _fmt_s(rq["seconds"]) if "seconds" in rq else ("-" if "skipped" in rd or not rq else ">limit"
                                                                     if "over" in rq.get("error", "") else "error")
                if q and "error" in q:
                    cells.append(("not run (slow)" if "skipped" in q["error"] else "stopped (limit)") + f" / {rtxt}")
                else:
                    cells.append(f"{_fmt_s(q['kg_s'])} / {_fmt_s(q['oxigraph_s'])} ({q['ratio']}x) / {rtxt}" if q else "-")
            lines.append(f"{name:<28}" + "".join(f"{c:>42}" for c in cells))
        for s, rd in r.get("rdflib", {}).items():
            if "load_s" in rd:
                lines.append(f"  rdflib load at ~{s}: {rd['load_s']} s, peak {rd.get('peak_rss_mb')} MB")
        lines.append("")
    if r.get("export"):
        e = r["export"]
        lines.append(f"export of {e['statements']} statements: kg / pyoxigraph's own")
        for fmt in ("turtle", "nquads"):
            lines.append(f"  {fmt:<7} {e[fmt]['kg_s']} s / {e[fmt]['oxigraph_s']} s ({e[fmt]['ratio']}x)")
        lines.append("")
    if r.get("incremental"):
        lines.append("one new article: validation+reasoning (median; write-only ingest beside it)")
        for v in r["incremental"].values():
            lines.append(f"  store of {v['statements']:>9} statements: {_fmt_s(v['validation_reasoning_s'])} "
                         f"(ingest with it {_fmt_s(v['with_validation_reasoning_s'])}, without {_fmt_s(v['write_only_s'])})")
    if r.get("reasoning"):
        for k, v in r["reasoning"].items():
            txt = v.get("error") or f"{v.get('seconds')} s over {v.get('statements')} statements"
            lines.append(f"  whole store {k}: {txt}")
        lines.append("")
    if r.get("stores"):
        lines.append("store size on disk: " + ", ".join(f"{v['statements']} stmts {v['mb_per_million']} MB/M"
                                                        for v in r["stores"].values()))
    lines.append(f"total {r['seconds']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, payload = argv[1], json.loads(argv[2])
        fn = {"ingest": child_ingest, "tokenize": child_tokenize, "rdflib": child_rdflib,
              "reason": child_reason, "validate": child_validate, "query": child_query}[kind]
        print(json.dumps(fn(payload), ensure_ascii=False))
        return 0
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="1k ingest only, queries at 100k only")
    p.add_argument("--ingest-sizes", type=parse_sizes, default=parse_sizes("1k,10k"))
    p.add_argument("--generate-sizes", type=parse_sizes, default=parse_sizes("1k,10k,50k"))
    p.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    p.add_argument("--ingest-budget", type=float, default=45.0,
                   help="seconds per ingest run; a run that does not finish reports its rate over what it did")
    p.add_argument("--query-sizes", type=parse_sizes, default=parse_sizes("100k,1m,5m"))
    p.add_argument("--sample", type=int, default=300, help="articles ingested to shape the query stores")
    p.add_argument("--query-limit", type=float, default=30.0, help="seconds before one query's measurement is stopped")
    p.add_argument("--rdflib-query-limit", type=float, default=20.0,
                   help="seconds before one rdflib query is stopped (kg's take milliseconds: 20 s shows the gap)")
    p.add_argument("--rdflib-max", type=int, default=1_000_000)
    p.add_argument("--validate-limit", type=float, default=120.0)
    p.add_argument("--incremental-articles", type=int, default=6)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", type=Path, default=BENCH / "data")
    p.add_argument("--work", type=Path, default=BENCH / "work")
    p.add_argument("--results", type=Path, default=BENCH / "results")
    args = p.parse_args(argv)
    if args.quick:
        args.ingest_sizes, args.generate_sizes, args.workers = [1000], [1000], [1, 2]
        args.query_sizes, args.ingest_budget = [100_000], min(args.ingest_budget, 40.0)
    results = run(args)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"{stamp}.json", "latest.json"):
        (args.results / name).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
