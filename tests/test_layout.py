"""The package's layout rules (issue 17), checked on the source so that a regression fails the suite.

- IRIs have one home: ``kg/namespaces.py`` (vocabularies) and ``kg/iris.py`` (instances and graphs). A namespace
  IRI pasted anywhere else, or a ``PREFIX p: <http…>`` line written by hand, is a second home that drifts.
- Modules stay under about 400 lines.
- Stages talk through their package's interface: no module outside a stage imports the stage's private modules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
HOMES = {KG / "namespaces.py", KG / "iris.py"}
SOURCES = sorted(p for p in KG.rglob("*.py") if p not in HOMES)

# A vocabulary or instance IRI: a scheme, a host and a path. "http://" and "https://" alone (scheme checks, URL
# tests) are allowed, and so are examples in comments and docstrings after a '#' or on a 127.0.0.1 host.
_IRI = re.compile(r"""["'<]https?://(?!127\.0\.0\.1|localhost|\[)[A-Za-z0-9.-]+\.[a-z]{2,}/""")
_PREFIX = re.compile(r"PREFIX\s+[A-Za-z_-]*:\s*<https?://", re.IGNORECASE)
LIMIT = 420
STAGES = sorted(p.name for p in KG.iterdir() if (p / "__init__.py").exists())
_INNER = re.compile(r"^\s*(?:from|import)\s+kg\.(" + "|".join(STAGES) + r")\.\w+")


def _code_lines(path: Path) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if not line.lstrip().startswith("#")]


def test_the_rule_sees_what_it_must() -> None:
    """The patterns catch a pasted namespace and a hand-written prologue, and pass scheme checks."""
    assert _IRI.search('X = "https://w3id.org/aipkg/ontology#"')
    assert _PREFIX.search('"""PREFIX aip: <https://w3id.org/aipkg/ontology#>')
    assert not _IRI.search('text.startswith(("http://", "https://"))')
    assert not _IRI.search('f"http://127.0.0.1:{port}/"')
    assert _INNER.match("from kg.extract.registry import Registry")
    assert not _INNER.match("from kg.extract import extract")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(KG)))
def test_no_iri_outside_namespaces_and_iris(path: Path) -> None:
    found = [f"{path.name}:{n}: {line.strip()}" for n, line in _code_lines(path)
             if _IRI.search(line) or _PREFIX.search(line)]
    assert not found, "IRIs belong in kg/namespaces.py or kg/iris.py:\n" + "\n".join(found)


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.relative_to(KG)} has {lines} lines: split it by what its parts own"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(KG)))
def test_stages_meet_through_their_interface(path: Path) -> None:
    """``from kg.store import Store``, never ``from kg.store.oxigraph import …`` from outside kg/store/."""
    own = path.relative_to(KG).parts[0]
    found = [f"{path.name}:{n}: {line.strip()}" for n, line in _code_lines(path)
             if (m := _INNER.match(line)) and m.group(1) != own]
    assert not found, "import a stage from its package, not its modules:\n" + "\n".join(found)
