"""``kg serve``: an HTTP server on the standard library's ThreadingHTTPServer, with the SPARQL endpoint at
``/sparql`` and the web pages around it.

Why not ``oxigraph serve-read-only`` (the server of the ``oxigraph`` package)? It would need the project's query
checks (it runs SERVICE), it sees the store as it was when it started (not what ``kg ingest`` writes later),
its union default graph makes queries on our store time out (the store keeps the union in its default graph
already), and it serves no pages. Why not a web framework? The server routes a handful of paths and most of the
work happens in worker processes (:mod:`kg.serve.pool`); ThreadingHTTPServer does that with no dependency.

Each request is answered by a thread that hands the store work to a worker and waits at most the time limit.
Bound to 127.0.0.1 (the default), the server answers only requests addressed to a loopback name, so that a web
page elsewhere cannot reach it through a DNS name rebound to 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError, UsageError
from kg.serve.html import error_page
from kg.serve.pool import WorkerPool
from kg.serve.protocol import HTML, HttpError, QueryRequest, check_length, query_from_get, query_from_post
from kg.serve.querypages import QUERY
from kg.serve.worker import Job, Reply, text_reply
from kg.store import open_store
from kg.terminal import escape_name

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
_PAGES = {"/": "timeline", "/timeline": "timeline", "/network": "network", "/entity": "entity", "/queries": "queries"}
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
_MAX_SKIPPED = 64 * 2**20  # the largest refused body read to its end rather than left with a closed connection
_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class ServeOptions:
    location: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    time_limit: float = 30.0
    workers: int = 2
    cors: bool = False  # let pages of other origins read the results (YASGUI elsewhere, say)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def _static(name: str) -> bytes | None:
    folder = resources.files("kg.serve") / "static"
    if "/" in name or name.startswith(".") or not name:
        return None
    file = folder / name
    return file.read_bytes() if file.is_file() else None


class KgServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, options: ServeOptions, pool: WorkerPool) -> None:
        self.options = options
        self.pool = pool
        self.loopback_only = _is_loopback(options.host)
        self.address_family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        super().__init__((options.host.strip("[]"), options.port), _Handler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: KgServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle kept-alive connection ends after a minute rather than holding a thread for ever
    server_version = "aipkg-kg"

    # --- answering ----------------------------------------------------------------------------------------

    def _send(self, reply: Reply, *, body: bool = True) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if reply.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", _CSP)
        if reply.store_read_at is not None:
            self.send_header("X-Store-Read-At", f"{reply.store_read_at:.3f}")
        if self.server.options.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(reply.body)

    def _fail(self, status: int, message: str, headers: tuple[tuple[str, str], ...] = (), *, body: bool = True) -> None:
        wants_html = "text/html" in (self.headers.get("Accept") or "") and not self.path.startswith("/sparql")
        if wants_html:
            page = error_page(status, message).encode("utf-8")
            self._send(Reply(status, "text/html; charset=utf-8", page, headers), body=body)
        else:
            self._send(text_reply(status, message, headers), body=body)

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        return name in _LOOPBACK_NAMES

    def _respond(self, produce: Callable[[], Reply], *, body: bool = True) -> None:
        """Send what ``produce`` makes; an HttpError it raises becomes its reply."""
        try:
            try:
                if not self._host_allowed():
                    raise HttpError(403, "this server answers requests to 127.0.0.1 or localhost only")
                reply = produce()
            except HttpError as exc:
                self._fail(exc.status, exc.message, exc.headers, body=body)
                return
            self._send(reply, body=body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    # --- methods ------------------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - the standard library's naming
        self._respond(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(self._get, body=False)

    def do_POST(self) -> None:  # noqa: N802
        self._respond(self._post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        headers: tuple[tuple[str, str], ...] = (("Allow", "GET, POST, HEAD, OPTIONS"),)
        if self.server.options.cors:
            headers += (("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        ("Access-Control-Allow-Headers", "Content-Type, Accept"))
        self._respond(lambda: Reply(204, "text/plain; charset=utf-8", b"", headers))

    def _refuse(self) -> None:
        def refusal() -> Reply:
            raise HttpError(405, "the server only reads: GET, POST (queries to /sparql), HEAD",
                            (("Allow", "GET, POST, HEAD, OPTIONS"),))

        self._respond(refusal)

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    # --- routes -------------------------------------------------------------------------------------------

    def _split(self) -> tuple[str, str]:
        parts = urlsplit(self.path)
        return parts.path or "/", parts.query

    def _params(self, query_string: str) -> dict[str, str]:
        try:
            fields = parse_qs(query_string, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise HttpError(400, "the request's parameters are not UTF-8") from None
        return {k: v[-1] for k, v in fields.items()}

    def _post(self) -> Reply:
        path, query_string = self._split()
        length = self.headers.get("Content-Length")
        try:
            if path != "/sparql":
                raise HttpError(405, f"{path} takes GET only; queries are POSTed to /sparql", (("Allow", "GET, HEAD"),))
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                raise HttpError(411, "give the body's Content-Length (chunked bodies are not read)")
            size = check_length(length)
        except HttpError as refused:
            raise self._skip_body(length, refused) from None
        payload = self.rfile.read(size)
        return self._sparql(query_from_post(self.headers.get("Content-Type"), payload, query_string))

    def _skip_body(self, length: str | None, refused: HttpError) -> HttpError:
        """A refused POST's body, read and dropped: a client that sends it all before reading the answer gets the
        answer rather than a broken pipe, and the connection stays in step. A body too large to read is left, and
        the connection closed after the answer."""
        size = int(length) if length is not None and length.isdigit() else -1
        if 0 <= size <= _MAX_SKIPPED and "chunked" not in (self.headers.get("Transfer-Encoding") or "").lower():
            while size > 0:
                chunk = self.rfile.read(min(size, 1 << 16))
                if not chunk:
                    break
                size -= len(chunk)
            return refused
        return HttpError(refused.status, refused.message, (*refused.headers, ("Connection", "close")))

    def _get(self) -> Reply:
        path, query_string = self._split()
        if path in _PAGES:
            return self.server.pool.run(Job("page", _PAGES[path], tuple(self._params(query_string).items())))
        if path.startswith("/queries/"):
            params = {**self._params(query_string), QUERY: path.removeprefix("/queries/")}
            return self.server.pool.run(Job("page", "query", tuple(params.items())))
        if path == "/sparql":
            if not query_string and "text/html" in (self.headers.get("Accept") or ""):
                return Reply(303, "text/plain; charset=utf-8", b"the query page: /queries\n", (("Location", "/queries"),))
            return self._sparql(query_from_get(query_string))
        if path.startswith("/static/"):
            name = path.removeprefix("/static/")
            data = _static(name)
            suffix = name[name.rfind("."):] if "." in name else ""
            if data is not None and suffix in _STATIC_TYPES:
                return Reply(200, _STATIC_TYPES[suffix], data)
        raise HttpError(404, f"no page at {path}: the pages are / (timeline), /network, /entity?iri=..., /queries "
                             "and the SPARQL endpoint /sparql")

    def _sparql(self, request: QueryRequest) -> Reply:
        if request.format == HTML:
            return self.server.pool.run(Job("page", "sparql", (("query", request.query),)))
        return self.server.pool.run(Job("sparql", query=request, accept=self.headers.get("Accept")))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the standard library's name
        line = format % args
        sys.stderr.write(f"{self.address_string()} [{self.log_date_time_string()}] {escape_name(line)}\n")


def make_server(options: ServeOptions) -> KgServer:
    """The server, listening; its workers started. The store is opened once here, so that a missing or unreadable
    store is an error at start, not at the first request."""
    if options.time_limit <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {options.time_limit:g}")
    if options.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {options.workers}")
    open_store(options.location, read_only=True).close()
    pool = WorkerPool(options.location, size=options.workers, time_limit=options.time_limit)
    try:
        return KgServer(options, pool)
    except OSError as exc:
        pool.close()
        raise KgError(f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}") from None


def serve(options: ServeOptions, on_ready: Callable[[KgServer], None] | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM; then stop the workers and return."""
    server = make_server(options)

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate) if threading.current_thread() is threading.main_thread() else None
    try:
        if on_ready is not None:
            on_ready(server)
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
