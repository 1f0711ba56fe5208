"""A smoke test of every command through the installed `kg` beside this Python: what `make test-lowest` runs
against the lowest allowed versions of the dependencies (typer 0.12 crashed at start, trafilatura 2.0 read no
HTML file), and what `make test` runs against the versions of the day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = str(Path(sys.executable).with_name("kg"))
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "articles" / "000_2546148ec63b8380.txt"
PAGE = ROOT / "tests" / "read" / "data" / "article.html"


@pytest.mark.slow  # about a minute (pySHACL and owlrl): `make test-all` and `make test-lowest`
def test_every_command_runs_end_to_end(tmp_path: Path) -> None:
    env = dict(os.environ, KG_STORE=str(tmp_path / "store"))

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([KG, *args], env=env, capture_output=True, text=True, timeout=300)

    assert kg("--version").stdout.startswith("kg ")
    ingest = kg("ingest", "--json", str(SEED), str(PAGE))
    assert ingest.returncode == 0, ingest.stderr
    assert [json.loads(line)["status"] for line in ingest.stdout.splitlines()] == ["stored", "stored"]  # the HTML too
    query = kg("query", "sk-executives-per-meeting", "-f", "csv")
    assert query.returncode == 0 and "최태원" in query.stdout, query.stderr
    assert kg("fact", "유영상").returncode == 0
    assert kg("export", "-o", str(tmp_path / "graph.nq")).returncode == 0
    assert (tmp_path / "graph.nq").stat().st_size > 10_000
    validate = kg("validate", "--engine", "pyshacl")
    assert validate.returncode in (0, 1) and "conform" in validate.stdout, validate.stderr
    reason = kg("reason", "--engine", "owlrl")
    assert reason.returncode == 0, reason.stderr
    assert kg("stats", "--json").returncode == 0
