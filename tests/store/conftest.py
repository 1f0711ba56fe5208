"""Real SPARQL servers on 127.0.0.1 for the store's tests, each started by the tests in a temporary folder:
`oxigraph serve` (from the dev extras: its default graph apart from the named graphs, and `--union-default-graph`
for the refusal test) and Virtuoso 7 (Debian's `virtuoso-opensource`, installed by `make virtuoso`; its tests are
skipped, saying so, where it is not installed)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")


@dataclass
class Server:
    kind: str  # "oxigraph" | "virtuoso"
    query_url: str
    update_url: str
    gsp_url: str | None
    system_graphs: set[str] = field(default_factory=set)  # the server's own graphs, which clear() leaves
    sql_port: int = 0  # Virtuoso's SQL port, for isql

    def isql(self, statement: str) -> None:
        """Run a statement as Virtuoso's dba (its test database's password is the default)."""
        assert ISQL is not None and self.sql_port
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr

    def _post(self, url: str, kind: str, text: str) -> bytes:
        data = urllib.parse.urlencode({kind: text}).encode("utf-8")
        req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.read()

    def graphs(self) -> set[str]:
        body = self._post(self.query_url, "query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {b["g"]["value"] for b in json.loads(body)["results"]["bindings"]}

    def update(self, text: str) -> None:
        self._post(self.update_url, "update", text)

    def clear(self) -> None:
        """Every graph but the server's own, and the default graph where it is apart (Oxigraph). On Virtuoso as its
        dba: a graph another user wrote (a test's /sparql-auth ingest) is not the SPARQL user's to drop."""
        graphs = sorted(self.graphs() - self.system_graphs)
        if self.kind == "virtuoso":
            for g in graphs:
                self.isql(f"SPARQL CLEAR GRAPH <{g}>;")
            return
        drops = [f"DROP SILENT GRAPH <{g}>" for g in graphs] + ["DROP SILENT DEFAULT"]
        for i in range(0, len(drops), 50):
            self.update(" ; ".join(drops[i : i + 50]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(url + ("&" if "?" in url else "?") + "query=ASK%7B%7D", timeout=2).close()
            return True
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _oxigraph(location: Path, *flags: str) -> Iterator[Server]:
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        pytest.fail("the oxigraph server binary is missing: install the dev extras (pip install -e '.[dev]')")
    for _ in range(3):  # another process may take the free port first
        port = free_port()
        proc = subprocess.Popen([command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        if _wait(base + "/query", proc, 20):
            try:
                yield Server("oxigraph", base + "/query", base + "/update", base + "/store")
            finally:
                _stop(proc)
            return
        _stop(proc)
    pytest.fail("oxigraph serve did not start")


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`oxigraph serve` as it starts by default: its default graph apart from the named graphs."""
    yield from _oxigraph(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def oxigraph_union_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`oxigraph serve --union-default-graph`: a default graph with a match per graph holding a statement."""
    yield from _oxigraph(tmp_path_factory.mktemp("oxigraph-union"), "--union-default-graph")


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
CheckpointInterval = 60
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Virtuoso 7 with its own database in a temporary folder, on 127.0.0.1, set up as the README says: its
    SPARQL user allowed to update (GRANT SPARQL_UPDATE TO "SPARQL", the setting kg names when it is missing), and
    MaxQueryCostEstimationTime = 0, no refusal on a cost estimate (Virtuoso refused library queries it estimated
    at 1,480 s on 13,000 statements and at 17 million s on 100,000, against its 400 s default and a raised 100,000;
    they take under a second). Its defaults otherwise: a result limit of 10,000 rows, no transaction per request."""
    yield from _virtuoso(tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="module")
def fresh_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Virtuoso of its own for a module (as `virtuoso_server`): no other test's writes before it."""
    yield from _virtuoso(tmp_path_factory.mktemp("virtuoso-fresh"))


def _virtuoso(folder: Path) -> Iterator[Server]:
    if VIRTUOSO is None or ISQL is None:
        pytest.skip("Virtuoso is not installed (Debian's virtuoso-opensource): `make virtuoso` installs it")
    for _ in range(3):
        sql, http = free_port(), free_port()
        (folder / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
        proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{http}/sparql"
        if _wait(url, proc, 90):
            try:
                server = Server("virtuoso", url, url, f"http://127.0.0.1:{http}/sparql-graph-crud", sql_port=sql)
                server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
                server.system_graphs = server.graphs()
                yield server
            finally:
                _stop(proc)
            return
        _stop(proc)
        shutil.rmtree(folder / "virtuoso.db", ignore_errors=True)
    pytest.fail(f"Virtuoso did not start: see {folder / 'virtuoso.log'}")
