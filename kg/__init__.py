"""aipkg: a knowledge-graph store for corporate AI partnerships.

The pipeline, one sub-package per stage, passing the typed records of :mod:`kg.model`:
read (:mod:`kg.read`) -> extract (:mod:`kg.extract`) -> resolve (:mod:`kg.resolve`) -> store (:mod:`kg.store`),
with :mod:`kg.ingest` driving it, :mod:`kg.query` asking the store, :mod:`kg.validate` and :mod:`kg.reason` checking
and completing it, and :mod:`kg.cli` the command line over all of them.

The public API is what ``__all__`` names; each is imported when first used, so ``import kg`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "read_paths": "kg.read",
    "extract": "kg.extract",
    "ingest_paths": "kg.ingest",
    "open_store": "kg.store",
    "run_query": "kg.query",
    "facts_about": "kg.query",
    "validate_store": "kg.maintenance",
    "reason_store": "kg.maintenance",
    "KgError": "kg.errors",
}

__all__ = ["KgError", "__version__", "extract", "facts_about", "ingest_paths", "open_store", "read_paths",
           "reason_store", "run_query", "validate_store"]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
