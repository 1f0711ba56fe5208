"""Shared fixtures: a real SPARQL server (the `oxigraph` binary from the venv) on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class SparqlServer:
    base: str  # http://127.0.0.1:PORT

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def gsp_url(self) -> str:
        return self.base + "/store"

    def clear(self) -> None:
        req = urllib.request.Request(
            self.update_url, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
        )
        urllib.request.urlopen(req, timeout=10).close()


def _oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    """`oxigraph serve` on a free loopback port, stopped after the session. Without --union-default-graph: the
    remote store refuses that setting (a match per graph) and keeps its own union view in the default graph."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.fail("the oxigraph server binary is missing: install the dev extras (pip install -e '.[dev]')")
    location = tmp_path_factory.mktemp("oxigraph-server")
    last_error = ""
    for _ in range(3):  # another process may grab the free port before the server binds it
        port = _free_port()
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = SparqlServer(f"http://127.0.0.1:{port}")
        ready = False
        deadline = time.monotonic() + 20
        while not ready and time.monotonic() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(server.query_url + "?query=ASK%7B%7D", timeout=2).close()
                ready = True
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        if ready:
            try:
                yield server
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            return
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        last_error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    pytest.fail(f"oxigraph serve did not start: {last_error}")
