"""Fixtures of the serve tests: stores ingested by the real `kg`, and `kg serve`'s server on a free loopback port,
talked to over HTTP."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.serve import ServeOptions, make_server

ROOT = Path(__file__).resolve().parents[2]
KG = str(Path(sys.executable).with_name("kg"))
ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def kg(*args: str, timeout: float = 300, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=timeout, input=stdin, cwd=cwd)


def ingest(store: Path | str, *paths: Path | str, stdin: str | None = None) -> None:
    """`kg ingest` run from the project's folder: the examples are cited as examples/articles/..., as in `make demo`."""
    named = (str(p.relative_to(ROOT)) if isinstance(p, Path) and p.is_relative_to(ROOT) else str(p) for p in paths)
    done = kg("ingest", "-q", "--store", str(store), *named, stdin=stdin, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples (the seed meetings), ingested."""
    store = tmp_path_factory.mktemp("serve-seed") / "store"
    ingest(store, *ARTICLES)
    return store


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:PORT/

    def request(self, path: str, *, method: str = "GET", data: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> Response:
        req = urllib.request.Request(self.base + path.lstrip("/"), data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return Response(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
        except urllib.error.HTTPError as err:
            return Response(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())

    def get(self, path: str, **headers: str) -> Response:
        return self.request(path, headers={k.replace("_", "-"): v for k, v in headers.items()})


@pytest.fixture(scope="session")
def serving() -> Iterator[Callable[..., Served]]:
    """A function starting a server over a store (stopped at the end of the session)."""
    servers = []

    def start(store: Path, **options: object) -> Served:
        server = make_server(ServeOptions(str(store), port=0, **options))  # type: ignore[arg-type]  # the test's options
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        servers.append((server, thread))
        return Served(server.url)

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def seed_server(serving: Callable[..., Served], seed_store: Path) -> Served:
    return serving(seed_store, time_limit=20.0)
