"""The real CLI under bad input, a SIGKILL in the middle of a batch, and a second writer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples/articles/000_2546148ec63b8380.txt"
TEMPLATE = "{name} {company} 사장이 지난 5일 서울에서 샘 올트먼 오픈AI CEO와 만나 AI 반도체 협력을 논의했다."
SURNAMES, GIVEN = "김이박최정강조윤장임", ["민준", "서연", "도윤", "하은", "지호", "수아", "예준", "지유"]


def kg(*args: str, store: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True, timeout=timeout)


def export(store: Path) -> set[str]:
    out = kg("export", "--format", "nquads", store=store)
    assert out.returncode == 0, out.stderr
    return {line for line in out.stdout.splitlines() if "ingestedAt" not in line}


def batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    records = []
    for i in range(count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        text = f"기사 {i}\n2025-07-{10 + i % 15:02d} 10:00\n" + TEMPLATE.format(name=name, company=f"한빛{i}전자")
        records.append({"url": f"https://news.example/{i}", "text": text})
    paths = []
    for i, record in enumerate(records):
        path = folder / f"a{i:03d}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_goes_on_past_bad_items_names_them_and_leaves_the_store_unchanged_by_them(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = kg("ingest", "--no-validate", str(SEED), store=store)
    assert first.returncode == 0, first.stderr
    before = export(store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (bad / "broken.jsonl").write_text('{"url": "https://x.example/1", "text": "ok"\nnot json\n', encoding="utf-8")
    result = kg("ingest", "--no-validate", str(bad), str(tmp_path / "missing.txt"), store=store)
    assert result.returncode == 1
    for name in ("empty.txt", "binary.txt", "broken.jsonl", "missing.txt"):
        assert name in result.stderr
    assert "broken.jsonl:1" in result.stderr or "broken.jsonl:2" in result.stderr
    assert export(store) == before


def test_killed_mid_batch_the_store_holds_whole_articles_and_a_rerun_completes_it(tmp_path: Path) -> None:
    paths = batch(tmp_path / "batch", 120)
    store = tmp_path / "store"
    env = dict(os.environ, KG_STORE=str(store), PYTHONUNBUFFERED="1")  # each progress line as soon as printed
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", "--no-validate", *map(str, paths)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    stored = 0
    while stored < 3:  # killed right after its third article: ~100 are still to come
        line = proc.stderr.readline()
        assert line, "the batch ended before it could be killed"
        stored += line.startswith("stored")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    stats = kg("stats", store=store)
    assert stats.returncode == 0, stats.stderr
    articles = next(int(line.split()[1]) for line in stats.stdout.splitlines() if line.startswith("articles: "))
    assert 3 <= articles < len(paths)  # really killed in the middle
    # every stored article is whole: paragraphs and claim graphs with it
    check = tmp_path / "whole.rq"
    check.write_text(
        "PREFIX aip: <https://w3id.org/aipkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?a WHERE { ?a a aip:Article . FILTER(NOT EXISTS { ?p dcterms:isPartOf ?a } || NOT EXISTS { ?g aip:fromArticle ?a }) }\n",
        encoding="utf-8",
    )
    partial = kg("query", str(check), "--format", "csv", store=store)
    assert partial.returncode == 0, partial.stderr
    assert partial.stdout.strip().splitlines() == ["a"]
    rerun = kg("ingest", "--no-validate", "-q", *map(str, paths), store=store)
    assert rerun.returncode == 0, rerun.stderr
    clean = tmp_path / "clean"
    assert kg("ingest", "--no-validate", "-q", *map(str, paths), store=clean).returncode == 0
    assert export(store) == export(clean)


def test_a_second_writer_is_refused_while_readers_work(tmp_path: Path) -> None:
    paths = batch(tmp_path / "batch", 300)  # far more than the checks below need: the writer must outlive them
    store = tmp_path / "store"
    assert kg("ingest", "--no-validate", "-q", str(SEED), store=store).returncode == 0
    env = dict(os.environ, KG_STORE=str(store), PYTHONUNBUFFERED="1")  # its first line as soon as printed
    writer = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", "--no-validate", *map(str, paths)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stderr is not None
        assert "stored" in writer.stderr.readline()  # progress goes to stderr: it holds the store and is writing
        second = kg("ingest", "--no-validate", str(SEED), store=store)
        assert writer.poll() is None, "the writer finished before the second writer was tried"
        assert second.returncode == 3 and "in use" in second.stderr
        for reader in (kg("stats", store=store), kg("export", "--format", "nquads", store=store)):
            assert reader.returncode == 0, reader.stderr
    finally:
        writer.kill()
        writer.wait(timeout=60)
    assert kg("stats", store=store).returncode == 0  # and the store still opens after the writer was killed
