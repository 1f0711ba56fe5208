"""The partner network as SVG: companies as nodes, grouped by business group, meetings and partnerships as edges
whose width grows with their count.

Layout: each business group is a cluster, its companies on a small circle (the group's top company, when it is
one of them, in the middle); the clusters are placed by a force-directed layout of the groups
(:mod:`kg.serve.layout`), so that a group is always in one piece and groups that met are near each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kg.serve.data import Company, Edge, Landscape
from kg.serve.layout import place_groups
from kg.serve.svg import PALETTE, WIDTH, Linker, clip, esc, linked, svg_open

MEETING_COLOUR, PARTNERSHIP_COLOUR = "#64748b", "#b45309"
_LEGEND = 54.0


@dataclass(frozen=True)
class Placed:
    company: Company
    x: float
    y: float
    colour: str
    weight: int  # the meetings and partnerships at its edges


def _cluster_radius(size: int) -> float:
    return 0.0 if size <= 1 else max(46.0, size * 17.0)


def layout(landscape: Landscape) -> tuple[dict[str, Placed], dict[str, tuple[float, float, float]]]:
    """Where each company goes and each group's cluster (centre x, centre y, radius)."""
    groups = landscape.groups()
    group_of = {c.iri: g for g, members in groups.items() for c in members}
    radii = {g: _cluster_radius(len(members)) for g, members in groups.items()}
    joins: dict[tuple[str, str], float] = {}
    weights: dict[str, int] = {}
    for edge in landscape.edges:
        pair = (group_of[edge.first], group_of[edge.second])
        joins[pair] = joins.get(pair, 0) + edge.meetings + edge.partnerships
        for iri in (edge.first, edge.second):
            weights[iri] = weights.get(iri, 0) + edge.meetings + edge.partnerships
    # a disc leaves room for the names around its cluster
    centres = place_groups(list(groups), {g: r + (50.0 if r else 45.0) for g, r in radii.items()}, joins)
    placed: dict[str, Placed] = {}
    clusters: dict[str, tuple[float, float, float]] = {}
    for index, (group, members) in enumerate(groups.items()):
        cx, cy = centres[group]
        clusters[group] = (cx, cy, radii[group])
        colour = PALETTE[index % len(PALETTE)]
        around = [c for c in members if c.iri != group or len(members) == 1]
        if len(around) < len(members):
            top = next(c for c in members if c.iri == group)
            placed[top.iri] = Placed(top, cx, cy, colour, weights.get(top.iri, 0))
        for i, company in enumerate(around):
            turn = -math.pi / 2 + 2 * math.pi * i / len(around)
            r = radii[group]
            placed[company.iri] = Placed(company, cx + r * math.cos(turn), cy + r * math.sin(turn), colour,
                                         weights.get(company.iri, 0))
    return placed, clusters


def _extent(placed: dict[str, Placed], clusters: dict[str, tuple[float, float, float]]) -> tuple[float, float, float, float]:
    """The box holding every node with its label and every cluster with its name: left, top, right, bottom."""
    boxes = [(p.x - 80, p.y - 25, p.x + 80, p.y + 45) for p in placed.values()]
    boxes += [(cx - r - 40, cy - r - 60, cx + r + 40, cy + r + 40) for cx, cy, r in clusters.values() if r]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _stroke(count: int) -> float:
    return 1.5 + 2.5 * math.log2(1 + count)


def _edge(edge: Edge, a: Placed, b: Placed) -> str:
    """The meetings as a straight line, the partnerships as a dashed curve beside it."""
    title = (f"{a.company.name} — {b.company.name}: {edge.meetings} meeting{'s' * (edge.meetings != 1)}, "
             f"{edge.partnerships} partnership{'s' * (edge.partnerships != 1)}")
    parts = [f"<title>{esc(title)}</title>"]
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    if edge.meetings:
        parts.append(f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" stroke="{MEETING_COLOUR}" '
                     f'stroke-width="{_stroke(edge.meetings):.1f}" stroke-opacity="0.75" class="meetings"/>')
    if edge.partnerships:
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        bend = 22.0 if edge.meetings else 0.0
        qx, qy = mx - (b.y - a.y) / length * bend, my + (b.x - a.x) / length * bend
        parts.append(f'<path d="M{a.x:.1f},{a.y:.1f} Q{qx:.1f},{qy:.1f} {b.x:.1f},{b.y:.1f}" fill="none" '
                     f'stroke="{PARTNERSHIP_COLOUR}" stroke-width="{_stroke(edge.partnerships):.1f}" '
                     f'stroke-dasharray="7 4" class="partnerships"/>')
        mx, my = (mx + qx) / 2, (my + qy) / 2
    if edge.meetings > 1:
        parts.append(_count(edge.meetings, (a.x + b.x) / 2, (a.y + b.y) / 2, "#0f172a"))
    if edge.partnerships > 1:
        parts.append(_count(edge.partnerships, mx, my, PARTNERSHIP_COLOUR))
    return (f'<g class="edge" data-edge="{esc(edge.first)} {esc(edge.second)}" data-meetings="{edge.meetings}" '
            f'data-partnerships="{edge.partnerships}">' + "".join(parts) + "</g>")


def _count(count: int, x: float, y: float, colour: str) -> str:
    return (f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke" class="count">{count}</text>')


def _node(node: Placed, link: Linker) -> str:
    radius = 7 + 2.2 * math.sqrt(node.weight)
    name = node.company.name
    title = name if node.company.group == node.company.iri else f"{name} ({node.company.group_name})"
    inner = (f"<title>{esc(title)}</title>"
             f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{radius:.1f}" fill="{node.colour}" stroke="#ffffff" '
             f'stroke-width="2"/>'
             f'<text x="{node.x:.1f}" y="{node.y + radius + 15:.1f}" text-anchor="middle" fill="#0f172a" '
             f'stroke="#ffffff" stroke-width="3" paint-order="stroke" class="name">{esc(clip(name, 13, 150))}</text>')
    return linked(inner, link(node.company.iri), f' class="company" data-company="{esc(node.company.iri)}"')


def _legend() -> str:
    return (f'<g class="legend" font-size="12" fill="#334155">'
            f'<line x1="16" y1="20" x2="56" y2="20" stroke="{MEETING_COLOUR}" stroke-width="4"/>'
            f'<text x="62" y="24">meetings (width: how many)</text>'
            f'<line x1="250" y1="20" x2="290" y2="20" stroke="{PARTNERSHIP_COLOUR}" stroke-width="4" '
            f'stroke-dasharray="7 4"/><text x="296" y="24">partnerships</text>'
            f'<text x="16" y="44">Colour and cluster: business group. Colleagues of one group are not linked.</text>'
            f"</g>")


def network_svg(landscape: Landscape, link: Linker) -> str:
    placed, clusters = layout(landscape)
    if not placed:
        return (svg_open(WIDTH, _LEGEND + 40, "Partner network", "network") + _legend()
                + f'<text x="16" y="{_LEGEND + 24}" class="empty">No two companies of different groups met or '
                "agreed a partnership in what is shown.</text></svg>")
    # drawn around the layout's centre, then moved so that what is drawn fills the picture: no empty band
    left, top, right, bottom = _extent(placed, clusters)
    width = max(float(WIDTH), right - left)
    parts = [svg_open(width, bottom - top + _LEGEND, "Partner network", "network"), _legend(),
             f'<g transform="translate({(width - (right - left)) / 2 - left:.1f},{_LEGEND - top:.1f})">']
    groups = landscape.groups()
    for index, (group, (cx, cy, r)) in enumerate(clusters.items()):
        if len(groups[group]) < 2:
            continue
        colour = PALETTE[index % len(PALETTE)]
        name = groups[group][0].group_name
        parts.append(f'<g class="group"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r + 36:.1f}" fill="{colour}" '
                     f'fill-opacity="0.07" stroke="{colour}" stroke-opacity="0.35"/>'
                     f'<text x="{cx:.1f}" y="{cy - r - 42:.1f}" text-anchor="middle" font-weight="bold" '
                     f'fill="{colour}">{esc(name)}</text></g>')
    for edge in landscape.edges:
        parts.append(_edge(edge, placed[edge.first], placed[edge.second]))
    parts.extend(_node(node, link) for node in placed.values())
    parts.append("</g></svg>")
    return "".join(parts)
