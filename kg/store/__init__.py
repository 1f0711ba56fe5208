"""The store: one interface, two backends (embedded Oxigraph on disk, any SPARQL 1.1 endpoint).

This module is the package's interface: other packages import from ``kg.store`` only. It holds the factory
above both backends (:func:`open_store`), so that neither backend imports the other or this module:
``base`` <- ``oxigraph``, ``sparql``; ``safety`` <- both.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import (
    EXPORT_FORMATS,
    ExportFormat,
    QueryResult,
    QueryStream,
    SelectResult,
    SelectStream,
    Store,
    Term,
    check_export_format,
    check_graph_names,
    check_quads,
    materialise,
    replace_update,
)
from kg.store.guard import DEFAULT_TIMEOUT_S, default_memory_limit
from kg.store.output import is_store_dir, write_file
from kg.store.oxigraph import OxigraphStore, has_union_view
from kg.store.safety import (
    LOCAL_IRI_PREFIX,
    Token,
    bind_values,
    check_query,
    disable_rdflib_network,
    tokens,
)
from kg.store.snapshot import READERS_DIR
from kg.store.sparql import SparqlStore

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "EXPORT_FORMATS",
    "LOCAL_IRI_PREFIX",
    "ExportFormat",
    "READERS_DIR",
    "OxigraphStore",
    "QueryResult",
    "QueryStream",
    "SelectResult",
    "SelectStream",
    "SparqlStore",
    "Store",
    "Term",
    "Token",
    "bind_values",
    "check_export_format",
    "check_graph_names",
    "check_quads",
    "check_query",
    "default_memory_limit",
    "default_store_location",
    "disable_rdflib_network",
    "has_union_view",
    "is_store_dir",
    "materialise",
    "open_store",
    "replace_update",
    "tokens",
    "write_file",
]


def default_store_location() -> str:
    """``$KG_STORE`` if set, else ``$XDG_DATA_HOME/aipkg/store`` (``~/.local/share/aipkg/store``)."""
    env = os.environ.get("KG_STORE")
    if env:
        return env
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "aipkg" / "store")


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    allow_network: bool = False,
    update_url: str | None = None,
    gsp_url: str | None = None,
) -> Store:
    """Open the store at ``location``: an ``http(s)://`` SPARQL query endpoint or a directory.

    ``None`` means :func:`default_store_location`. ``allow_network`` lets every query of this store
    use SERVICE and remote FROM (otherwise each ``query`` call decides). For an endpoint, ``update_url`` and
    ``gsp_url`` (else ``$KG_STORE_UPDATE_URL`` and ``$KG_STORE_GSP_URL``) say where updates go and where graphs
    can be fetched (see :mod:`kg.store.sparql`).
    """
    loc = os.fspath(location) if location is not None else default_store_location()
    if loc.startswith(("http://", "https://")):
        return SparqlStore(
            loc,
            update_url or os.environ.get("KG_STORE_UPDATE_URL") or None,
            gsp_url or os.environ.get("KG_STORE_GSP_URL") or None,
            read_only=read_only,
            allow_network=allow_network,
        )
    return OxigraphStore(loc, read_only=read_only, allow_network=allow_network)
