"""Serve and show the store: ``kg serve`` (a read-only SPARQL 1.1 endpoint and web pages: a meeting timeline, a
partner network, a page per entity with citations, the query library) and ``kg report`` (the timeline, the
network and the citations as one HTML file).

Other packages import from here only.
"""

from kg.serve.data import Filters
from kg.serve.report import build_report, write_report
from kg.serve.server import DEFAULT_HOST, DEFAULT_PORT, KgServer, ServeOptions, make_server, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Filters", "KgServer", "ServeOptions", "build_report", "make_server",
           "serve", "write_report"]
