"""Talking to a SPARQL endpoint: the protocol forms every server takes, where updates go, and who we are.

* Queries and updates go as form-encoded POST (``query=`` / ``update=``), which Oxigraph, Fuseki, GraphDB and
  Virtuoso all answer; Virtuoso 7 does not answer a POST whose body is ``application/sparql-query`` at all (the
  request waited 60 s). A server that refuses the form (415) gets the direct POST instead, from then on.
* Updates go to ``update_url``: given, else ``$KG_STORE_UPDATE_URL``, else where the server keeps them: the query
  URL itself on Virtuoso (and any ``…/sparql`` endpoint at a server's root), ``…/update`` for ``…/query`` (Oxigraph,
  Fuseki), ``…/statements`` under a GraphDB repository.
* Authentication: HTTP Basic or Digest, whichever the server asks for, with ``$KG_STORE_USER`` and
  ``$KG_STORE_PASSWORD``, else the netrc file's entry for the host (``$NETRC``, else ``~/.netrc``). Credentials in
  the URL are refused (a command line is visible to every user of the machine), and no error message carries
  them.

Only the standard library talks HTTP.
"""

from __future__ import annotations

import http.client
import netrc
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import IO

from kg.errors import RemoteError, UsageError

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded; charset=UTF-8"
_DIRECT = {"query": "application/sparql-query", "update": "application/sparql-update"}


@dataclass(frozen=True)
class Response:
    status: int
    media_type: str  # lower case, without parameters
    body: bytes
    server: str  # the Server header, e.g. "Virtuoso/07.20.3233 (Linux) x86_64-pc-linux-gnu"
    max_rows: int = 0  # the row limit the server says it applies (Virtuoso's X-SPARQL-MaxRows), 0 if it says none


def check_url(url: str) -> str:
    """The URL, refused if it carries credentials (said without repeating them)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or "the host"
        raise UsageError(
            f"the store URL for {host} carries a user name or password: give them in KG_STORE_USER and "
            "KG_STORE_PASSWORD or a netrc file instead, never on the command line"
        )
    return url


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for the endpoint: the environment first, then the netrc file."""
    user = os.environ.get("KG_STORE_USER")
    if user:
        return user, os.environ.get("KG_STORE_PASSWORD", "")
    host = urllib.parse.urlsplit(url).hostname
    try:
        entry = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host or "")
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    return (entry[0], entry[2] or "") if entry else None


def default_update_url(query_url: str, server: str) -> str:
    """Where a server takes updates when the user did not say (see the module's doc)."""
    path = urllib.parse.urlsplit(query_url).path.rstrip("/")
    if server.lower().startswith("virtuoso") or path == "/sparql":
        return query_url
    if "/repositories/" in path and path.rsplit("/", 2)[-2] == "repositories":
        return query_url.rstrip("/") + "/statements"
    for suffix in ("/query", "/sparql"):
        if query_url.endswith(suffix):
            return query_url[: -len(suffix)] + "/update"
    return query_url


class _BasicOnly(urllib.request.HTTPBasicAuthHandler):
    """Basic authentication where the server asks for it, and out of the way where it asks for Digest (urllib's
    Basic handler raises ValueError at a Digest challenge instead of letting the Digest handler answer)."""

    def http_error_401(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage
    ) -> http.client.HTTPResponse | None:
        challenges = headers.get_all("WWW-Authenticate") or []
        if not any(c.strip().lower().startswith("basic") for c in challenges):
            return None
        return super().http_error_401(req, fp, code, msg, headers)


@dataclass
class Http:
    """Requests to one endpoint, with its credentials and the protocol form it takes."""

    timeout: float
    login: tuple[str, str] | None = None
    direct: set[str] = field(default_factory=set)  # "query"/"update": sent as direct POST (the form was refused)
    server: str = ""

    def __post_init__(self) -> None:
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        handlers = [_BasicOnly(self._passwords), urllib.request.HTTPDigestAuthHandler(self._passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def allow(self, url: str) -> None:
        """Answer the server at ``url`` with the credentials when it asks for them (and no other)."""
        if self.login is not None:
            parts = urllib.parse.urlsplit(url)
            self._passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", *self.login)

    def sparql(self, url: str, kind: str, text: str, *, accept: str | None = None, params: dict[str, str] | None = None) -> Response:
        """A query (``kind`` "query") or update ("update"), as a form, or directly where the form was refused."""
        if kind not in self.direct:
            form = urllib.parse.urlencode({kind: text, **(params or {})}).encode("utf-8")
            try:
                return self.request(url, data=form, content_type=_FORM, accept=accept)
            except RemoteError as e:
                if "HTTP 415" not in str(e):
                    raise
                self.direct.add(kind)
        target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else url
        return self.request(target, data=text.encode("utf-8"), content_type=_DIRECT[kind], accept=accept)

    def request(
        self, url: str, *, data: bytes | None = None, content_type: str | None = None, accept: str | None = None
    ) -> Response:
        headers = {"User-Agent": "aipkg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                self.server = resp.headers.get("Server", "") or self.server
                if resp.headers.get("X-SQL-State"):  # Virtuoso's "anytime" answer: what it found before a limit
                    raise RemoteError(f"{url}: the endpoint answered with incomplete results "
                                      f"({resp.headers.get('X-SQL-Message', resp.headers['X-SQL-State']).strip()[:300]}); "
                                      "Virtuoso: raise MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini")
                media = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
                limit = resp.headers.get("X-SPARQL-MaxRows", "")
                return Response(resp.status, media, resp.read(), self.server, int(limit) if limit.isdigit() else 0)
        except urllib.error.HTTPError as e:
            self.server = e.headers.get("Server", "") or self.server if e.headers else self.server
            if e.code == 404 and data is None:
                return Response(404, "", b"", self.server)
            detail = e.read().decode("utf-8", "replace").strip()[:500]
            if "estimated execution time" in detail:  # Virtuoso's cost estimate, often far off the real time
                detail += " (Virtuoso: MaxQueryCostEstimationTime = 0 in the [SPARQL] section of virtuoso.ini)"
            if e.code == 401:
                detail = ("the endpoint wants a user and password: set KG_STORE_USER and KG_STORE_PASSWORD, or add "
                          "the host to your netrc file" if self.login is None else "the user and password were refused")
            raise RemoteError(f"{url}: HTTP {e.code} {e.reason}: {detail}") from None
        except urllib.error.URLError as e:
            raise RemoteError(f"{url}: cannot reach the endpoint: {e.reason}") from None
        except (TimeoutError, OSError) as e:
            raise RemoteError(f"{url}: {e}") from None
