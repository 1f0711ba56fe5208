"""The CLI as users meet it (issue 16), through the installed `kg` beside this Python: exact output, the export
format from the extension, names in every parameter, --version, --json, `kg ingest -`, progress on standard
error, and `kg reason` saying what it changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from kg_process import KG, on_terminal
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results

import kg

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "articles").glob("*.txt"))
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")


def kg_run(*args: str, store: Path, stdin: str | None = None, env: dict[str, str] | None = None,
           timeout: float = 180) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, KG_STORE=str(store), **(env or {}))
    return subprocess.run([KG, *args], env=full_env, input=stdin, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("users") / "store"
    result = kg_run("ingest", "--no-validate", *map(str, SEEDS), store=store)
    assert result.returncode == 0, result.stderr
    return store


# --- output exactly as asked ---------------------------------------------------------------------------


def test_file_names_are_printed_exactly_without_markup_or_emoji_codes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["lg_:fire:.txt", "[bold]sk[red].txt"]
    for name, seed in zip(names, SEEDS, strict=True):
        (folder / name).write_bytes(seed.read_bytes())
    result = kg_run("ingest", "--no-validate", "--no-reason", str(folder), store=tmp_path / "store")
    assert result.returncode == 0, result.stderr
    for name in names:
        assert f"stored    {folder}/{name}: " in result.stderr, result.stderr
    assert "🔥" not in result.stderr


def test_a_validation_message_keeps_its_curies(seeded: Path, tmp_path: Path) -> None:
    """A second aip:date on a meeting: the message names aip:date: as written, not rich's :date: emoji."""
    from kg.store import OxigraphStore

    copy = tmp_path / "store"
    subprocess.run(["cp", "-r", str(seeded), str(copy)], check=True)
    with OxigraphStore(str(copy)) as st:
        meeting = next(q.subject for q in st.quads_matching(predicate=NamedNode("https://w3id.org/aipkg/ontology#date")))
        graph = NamedNode("https://w3id.org/aipkg/id/graph/test/p1/stated")
        st.add([Quad(meeting, NamedNode("https://w3id.org/aipkg/ontology#date"), Literal("1999-01-01", datatype=XSD_DATE), graph)])
    result = kg_run("validate", "--engine", "pyshacl", store=copy)  # its paths are CURIEs
    assert result.returncode == 1, result.stdout + result.stderr
    assert "aip:date: a meeting has at most one aip:date" in result.stdout, result.stdout
    assert "📅" not in result.stdout
    as_json = kg_run("validate", "--json", store=copy)
    doc = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and doc["conforms"] is False
    assert any((v["path"] or "").endswith("#date") and "at most one" in v["message"] for v in doc["violations"])


# --- export: the format from the extension, or a refusal ---------------------------------------------------


def test_export_takes_the_format_from_the_extension(seeded: Path, tmp_path: Path) -> None:
    syntaxes = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".rdf": RdfFormat.RDF_XML,
                ".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS, ".jsonld": RdfFormat.JSON_LD}
    parsed = {}
    for suffix, syntax in syntaxes.items():
        out = tmp_path / f"graph{suffix}"
        result = kg_run("export", "-o", str(out), store=seeded)
        assert result.returncode == 0, result.stderr
        parsed[suffix] = list(parse(out.read_bytes(), format=syntax))  # strict: another format would not parse
    triples = {q.triple for q in parsed[".nq"]}
    for suffix in (".ttl", ".nt", ".rdf"):  # triple formats: the union of the graphs
        assert {q.triple for q in parsed[suffix]} == triples, suffix
    quads = set(parsed[".nq"])
    for suffix in (".trig", ".jsonld"):  # dataset formats: every graph kept
        assert set(parsed[suffix]) == quads, suffix
    with pytest.raises(SyntaxError):  # what `-o g.ttl` wrote before: TriG, which Turtle cannot read
        list(parse((tmp_path / "graph.trig").read_bytes(), format=RdfFormat.TURTLE))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "graph.data"], "graph.data: cannot tell the format from the name; give --format or one of the extensions .ttl (turtle)"),
        (["--format", "nquads", "-o", "graph.ttl"], "graph.ttl: the extension .ttl is turtle, not nquads"),
    ],
)
def test_export_refuses_a_format_it_cannot_tell_or_that_the_name_contradicts(
    seeded: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = subprocess.run([KG, "export", "--store", str(seeded), *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written
    explicit = subprocess.run([KG, "export", "--store", str(seeded), "--format", "nquads", "-o", "graph.data"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert explicit.returncode == 0 and list(parse((tmp_path / "graph.data").read_bytes(), format=RdfFormat.N_QUADS))


# --- names, the timeline, --version, --json -------------------------------------------------------------


def test_a_person_or_company_is_found_by_any_name_or_its_iri(seeded: Path) -> None:
    outputs = [kg_run("query", "meetings", "-p", f"person={name}", "-f", "csv", store=seeded)
               for name in ("최태원", "Chey Tae-won", "chey tae-won", "id:person/sk-group/최태원")]
    assert all(r.returncode == 0 for r in outputs), [r.stderr for r in outputs]
    assert len({r.stdout for r in outputs}) == 1 and outputs[0].stdout.count("\n") == 6  # five meetings
    hynix = kg_run("query", "executives-of-company", "-p", "company=SK hynix", "-f", "csv", store=seeded)
    assert hynix.returncode == 0 and "곽노정" in hynix.stdout
    nothing = kg_run("query", "meetings", "-p", "person=Chey", store=seeded)
    assert nothing.returncode == 6 and nothing.stdout == ""
    assert "labels containing it: 'Chey Tae-won'" in nothing.stderr and "`kg fact 'Chey Tae-won'`" in nothing.stderr


def test_the_timeline_of_a_company_within_dates(seeded: Path) -> None:
    result = kg_run("query", "meetings", "-p", "company=SK텔레콤", "-p", "from=2025-01-01", "-f", "json", store=seeded)
    assert result.returncode == 0, result.stderr
    rows = list(parse_query_results(result.stdout, QueryResultsFormat.JSON))  # type: ignore[arg-type]
    assert [r["date"].value for r in rows] == ["2025-02"]  # type: ignore[union-attr]
    assert "유영상 (SK텔레콤)" in rows[0]["attendees"].value  # type: ignore[union-attr]


def test_version() -> None:
    from importlib.metadata import version

    result = subprocess.run([KG, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout == f"kg {kg.__version__} (aipkg-kg)\n"
    assert version("aipkg-kg") == kg.__version__


def test_json_on_stats_and_fact(seeded: Path) -> None:
    stats = json.loads(kg_run("stats", "--json", store=seeded).stdout)
    assert stats["counts"]["articles"] == 2 and stats["statements"] > 1000
    facts = kg_run("fact", "유영상", "--json", store=seeded)
    (entity,) = json.loads(facts.stdout)
    assert entity["label"] == "유영상" and "aip:Executive" in entity["kinds"]
    cited = [c for f in entity["facts"] for c in f["citations"]]
    assert cited and all(c["quote"] and c["paragraph"] >= 1 for c in cited)


def test_ingest_json_is_one_object_per_article_outcome(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = kg_run("ingest", "--json", "--no-validate", *map(str, SEEDS), str(bad), store=tmp_path / "store")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["status"]) for r in records] == [(str(SEEDS[0]), "stored"), (str(SEEDS[1]), "stored"), (str(bad), "skipped")]
    assert records[0]["statements"] > 0 and records[2]["problem"].startswith("empty")
    assert "3 articles read" not in result.stdout and "2 articles read: 2 stored" in result.stderr


# --- kg ingest - -------------------------------------------------------------------------------------


def test_ingest_reads_file_paths_from_standard_input(tmp_path: Path) -> None:
    stdin = "".join(f"{p}\n" for p in SEEDS)
    result = kg_run("ingest", "--no-validate", "-", store=tmp_path / "store", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "2 articles read: 2 stored" in result.stdout
    assert all(f"stored    {p}: " in result.stderr for p in SEEDS)


def test_ingest_reads_json_lines_records_from_standard_input(tmp_path: Path) -> None:
    records = [{"url": f"https://news.example/{i}", "text": p.read_text(encoding="utf-8")} for i, p in enumerate(SEEDS)]
    stdin = "\n" + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "not json\n"
    result = kg_run("ingest", "--no-validate", "-", store=tmp_path / "store", stdin=stdin)
    assert result.returncode == 1  # the bad line
    assert "stored    <stdin>:2: " in result.stderr and "stored    <stdin>:3: " in result.stderr
    assert "skipped <stdin>:4: malformed JSON" in result.stderr
    assert "2 articles read: 2 stored (0 replacing an earlier version), 0 unchanged, 1 skipped" in result.stdout
    empty = kg_run("ingest", "-", store=tmp_path / "store", stdin="  \n")
    assert empty.returncode == 1 and "skipped <stdin>: empty" in empty.stderr


# --- progress -------------------------------------------------------------------------------------------


def test_progress_on_a_log_is_plain_lines_with_total_and_time_left(tmp_path: Path) -> None:
    result = kg_run("ingest", "--no-validate", *map(str, SEEDS), store=tmp_path / "store", env={"KG_PROGRESS_SECONDS": "0"})
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress: ")]
    assert len(lines) == 2, result.stderr
    assert re.fullmatch(r"progress: 1 of about 2 articles \(50%\), [\d.]+ a second, about 0:00:\d\d left", lines[0]), lines[0]
    assert "\x1b" not in result.stderr and "progress" not in result.stdout
    quiet = kg_run("ingest", "-q", "--no-validate", *map(str, SEEDS), store=tmp_path / "store2", env={"KG_PROGRESS_SECONDS": "0"})
    assert "progress" not in quiet.stderr


def test_progress_on_a_terminal_is_a_bar_with_the_total(tmp_path: Path) -> None:
    env = dict(os.environ, KG_STORE=str(tmp_path / "store"))
    code, shown, out = on_terminal("ingest", "--no-validate", *map(str, SEEDS), env=env, stdout=False)
    assert code == 0
    text = shown.decode("utf-8", errors="replace")
    assert "ingesting" in text and "/2" in text, text  # the bar, with the total
    assert f"stored    {SEEDS[0]}" in text
    assert out.startswith("2 articles read") and "\x1b" not in out  # standard output stays clean


# --- reason ---------------------------------------------------------------------------------------------


def test_reason_says_what_it_changed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg_run("ingest", "--no-validate", "--no-reason", *map(str, SEEDS), store=store).returncode == 0
    first = kg_run("reason", store=store)
    assert first.returncode == 0, first.stderr
    added = re.fullmatch(r"id:graph/inferred: (\d+) statements added, 0 removed \((\d+) inferred in all\)\n", first.stdout)
    assert added and int(added.group(1)) > 0, first.stdout
    again = kg_run("reason", store=store)
    assert again.stdout == f"nothing changed: the {added.group(2)} statements the store entails were already inferred\n"


def test_make_demo_uses_a_store_inside_the_project_and_says_how_to_run_kg() -> None:
    plan = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert plan.returncode == 0, plan.stderr
    runs = [line for line in plan.stdout.splitlines() if re.match(r"\S*/kg (ingest|query)\b", line)]
    assert len(runs) == 2 and all("--store .demo-store" in line for line in runs), runs
    assert ".demo-store/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "activate" in plan.stdout and ".venv/bin/kg fact" in plan.stdout
