"""A store with bit-flipped blocks: every command ends with exit 3 and "the store is damaged" and what to do, in
bounded memory (the engine would otherwise keep every error it reads, 24 GB then the OOM killer). The `kg`
processes run under an address-space limit, so a failure of this test cannot take the machine down."""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))
ADDRESS_SPACE = 6 * 2**30  # far above what kg needs, far below the machine
QUERY_MEMORY = "256M"


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store), KG_QUERY_MEMORY=QUERY_MEMORY)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True,
                          timeout=180, preexec_fn=cap)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.ingest import ingest_paths
    from kg.store import OxigraphStore

    store = tmp_path_factory.mktemp("healthy") / "store"
    with OxigraphStore(store) as s:
        report = ingest_paths(s, ARTICLES)
    assert report.stored == len(ARTICLES)
    return store


def flipped_copy(store: Path, where: Path, seed: int) -> Path:
    """A copy whose larger table files each have a few bits flipped in their data blocks (the first half)."""
    shutil.copytree(store, where, ignore=shutil.ignore_patterns("LOCK", ".aipkg-readers"))
    rng = random.Random(seed)
    for sst in sorted(where.glob("*.sst")):
        data = bytearray(sst.read_bytes())
        if len(data) < 16_384:
            continue
        for _ in range(3):
            data[rng.randrange(len(data) // 2)] ^= 1 << rng.randrange(8)
        sst.write_bytes(bytes(data))
    return where


COMMANDS = [
    ("stats",),
    ("query", "sk-executives-per-meeting"),
    ("export", "--format", "nquads"),
    ("fact", "최태원"),
    ("validate",),
    ("ingest", "-q", "--no-validate", str(ARTICLES[0])),
]


def test_every_command_on_a_damaged_store_says_so_and_exits_3_in_bounded_memory(healthy: Path, tmp_path: Path) -> None:
    store = flipped_copy(healthy, tmp_path / "damaged", seed=1)
    for command in COMMANDS:
        result = kg(*command, store=store)
        assert result.returncode == 3, (command, result.returncode, result.stderr[-2000:])
        assert "is damaged" in result.stderr and "Restore the folder from a backup" in result.stderr, command
        assert "Traceback" not in result.stderr and "memory allocation" not in result.stderr, command


def test_the_healthy_store_reads_and_the_memory_limit_leaves_it_alone(healthy: Path) -> None:
    result = kg("query", "sk-executives-per-meeting", "--format", "csv", store=healthy)
    assert result.returncode == 0 and len(result.stdout.splitlines()) > 1, result.stderr
