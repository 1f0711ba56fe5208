"""The built wheel ships the ontology and the query library, and an installed (non-editable) kg finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (whl,) = out.glob("aipkg_kg-*.whl")
    return whl


def test_wheel_contains_every_ontology_and_query_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in (("ontology", "*.ttl"), ("queries", "*.rq")):
        expected = {f"kg/_data/{folder}/{p.name}" for p in (ROOT / folder).glob(pattern)}
        assert expected and expected <= names
    assert "kg/cli.py" in names
    assert "kg/py.typed" in names  # type checkers use the package's annotations
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kg = kg.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_finds_its_data_away_from_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import kg.resources as r, kg.query as q;"
        "print(r.ontology_dir()); print(r.queries_dir()); print(len(q.list_queries()))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); " + probe],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    ontology, queries, count = result.stdout.split()
    assert ontology.startswith(str(site)) and queries.startswith(str(site))
    assert int(count) == len(list((ROOT / "queries").glob("*.rq")))
