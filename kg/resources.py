"""Find the ontology and query files, installed (inside the wheel) or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"aipkg data folder '{name}' is missing from the installation")


def ontology_dir() -> Path:
    return _locate("ontology")


def queries_dir() -> Path:
    return _locate("queries")


def ontology_file(name: str) -> Path:
    return ontology_dir() / name
