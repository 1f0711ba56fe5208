"""``kg report``: the timeline, the network and every meeting's facts with their citations as one HTML file, to
send by e-mail. Self-contained: the stylesheet is inside, the pictures are inline SVG, there is no script, and
nothing is loaded from elsewhere (links to the articles are links, not resources).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.serve.data import Filters, load_landscape
from kg.serve.entity import entity_section, load_entity
from kg.serve.html import Site, anchor, frame
from kg.serve.network import network_svg
from kg.serve.pages import describe, edge_rows, meeting_rows
from kg.serve.svg import esc, timeline_svg
from kg.store import Store
from kg.terminal import escape_name


@dataclass(frozen=True)
class Report:
    html: str
    meetings: int
    pairs: int  # pairs of companies in the network


def build_report(store: Store, filters: Filters, *, source: str) -> Report:
    """The report; ``source`` names the store in its heading."""
    landscape = load_landscape(store, filters)
    site = Site(anchors=frozenset(m.iri for m in landscape.meetings))
    style = (resources.files("kg.serve") / "static" / "style.css").read_text(encoding="utf-8")
    scope = describe(filters) or "all"
    made = time.strftime("%Y-%m-%d %H:%M", time.localtime())
    meetings = "".join(
        f'<section class="meeting-card" id="{anchor(m.iri)}">'
        + entity_section(load_entity(store, m.iri), site, heading="h3") + "</section>"
        for m in landscape.meetings
    )
    body = (
        f"<h1>AI meetings: {esc(scope)}</h1>"
        f'<p class="lead">{len(landscape.meetings)} meetings and {len(landscape.edges)} pairs of companies, from the '
        f"store {esc(source)}, made {esc(made)} by <code>kg report</code>. Every fact below cites the article, "
        "paragraph and sentence it was read from.</p>"
        f'<h2>Timeline</h2><div class="picture">{timeline_svg(landscape, site.entity)}</div>'
        f'<h2>Partner network</h2><div class="picture">{network_svg(landscape, site.entity)}</div>'
        + edge_rows(landscape, site)
        + "<h2>Meetings</h2>" + meeting_rows(landscape, site)
        + "<h2>Facts and citations</h2>" + (meetings or '<p class="muted">No meeting matches.</p>')
    )
    html = frame(f"AI meetings: {scope}", body, here="", context=None, style=style)
    return Report(html, len(landscape.meetings), len(landscape.edges))


def write_report(store: Store, filters: Filters, output: Path, *, source: str) -> Report:
    """Write the report to ``output``, whole or not at all: a partial file never replaces an earlier report."""
    report = build_report(store, filters, source=source)
    partial = output.with_name(output.name + ".partial")
    try:
        partial.write_text(report.html, encoding="utf-8")
        os.replace(partial, output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KgError(f"{escape_name(str(output))}: cannot write: {exc.strerror or exc}") from None
    return report
