"""Where the business groups of the partner network go: a force-directed layout (Fruchterman and Reingold, 1991)
of the groups, each a disc as large as its cluster, pulled together by the meetings and partnerships between
them and pushed apart otherwise.

Deterministic: the groups start evenly on a circle, in the order given, and no step is random, so the same
store draws the same picture. Work grows with the square of the number of groups; past ``MAX_PAIRS`` pairs the
iterations are cut, trading polish for a page that answers in time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

IDEAL = 90.0  # the length an edge settles at, in pixels, between the rims of two discs
MAX_PAIRS = 150_000  # pairs of groups looked at over all iterations
_OVERLAP_SWEEPS = 60


def place_groups(
    groups: Sequence[str], radii: Mapping[str, float], weights: Mapping[tuple[str, str], float]
) -> dict[str, tuple[float, float]]:
    """Centres for ``groups`` (discs of ``radii``), joined by ``weights`` (a pair of groups -> how much joins
    them), around (0, 0). Discs do not overlap."""
    n = len(groups)
    if n == 0:
        return {}
    if n == 1:
        return {groups[0]: (0.0, 0.0)}
    start = max(IDEAL, sum(2 * radii[g] + IDEAL for g in groups) / (2 * math.pi))
    pos = [[start * math.cos(2 * math.pi * i / n - math.pi / 2), start * math.sin(2 * math.pi * i / n - math.pi / 2)]
           for i in range(n)]
    radius = [radii[g] for g in groups]
    index = {g: i for i, g in enumerate(groups)}
    links = [(index[a], index[b], math.log2(1 + w)) for (a, b), w in weights.items() if a in index and b in index]
    pairs = n * (n - 1) // 2
    iterations = max(30, min(300, MAX_PAIRS // pairs))
    ideal2 = IDEAL * IDEAL
    for step in range(iterations):
        heat = 60.0 * (1 - step / iterations) + 1.0
        mx, my = [0.0] * n, [0.0] * n
        for i in range(n):
            xi, yi, ri = pos[i][0], pos[i][1], radius[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                dist = math.hypot(dx, dy) or 0.01
                gap = dist - ri - radius[j]
                push = ideal2 / (gap if gap > 1.0 else 1.0) / dist
                mx[i] += dx * push
                my[i] += dy * push
                mx[j] -= dx * push
                my[j] -= dy * push
        for i, j, strength in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = math.hypot(dx, dy) or 0.01
            gap = max(dist - radius[i] - radius[j], 1.0)
            pull = gap * gap / IDEAL * strength / dist
            mx[i] -= dx * pull
            my[i] -= dy * pull
            mx[j] += dx * pull
            my[j] += dy * pull
        for i in range(n):
            # a weak pull to the middle keeps groups with no edge from drifting away
            fx, fy = mx[i] - pos[i][0] * 0.1, my[i] - pos[i][1] * 0.1
            length = math.hypot(fx, fy) or 1.0
            step_length = min(length, heat) / length
            pos[i][0] += fx * step_length
            pos[i][1] += fy * step_length
    _separate(pos, radius)
    return {g: (pos[i][0], pos[i][1]) for i, g in enumerate(groups)}


def _separate(pos: list[list[float]], radius: list[float], margin: float = 24.0) -> None:
    """Push apart discs that still overlap (with ``margin`` between rims), a few sweeps."""
    for _ in range(_OVERLAP_SWEEPS):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                dist = math.hypot(dx, dy)
                need = radius[i] + radius[j] + margin
                if dist >= need:
                    continue
                if dist < 1e-6:  # on top of each other: part them sideways, the later one to the right
                    dx, dy, dist = -1.0, 0.0, 1.0
                shift = (need - dist) / 2
                pos[i][0] += dx / dist * shift
                pos[i][1] += dy / dist * shift
                pos[j][0] -= dx / dist * shift
                pos[j][1] -= dy / dist * shift
                moved = True
        if not moved:
            return
