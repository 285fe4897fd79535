"""Graph numerics for the network views: centrality and positions, computed with igraph.

The browser should only draw. Physics in vis-network is fine for a few hundred nodes but
freezes the page with a few thousand, so positions are computed here (igraph's grid
Fruchterman-Reingold: about a second for 20,000 nodes, where networkx's ``spring_layout``
takes minutes) and the page shows them with physics off.

Nodes are numbered ``0..n-1``; edges are pairs of those numbers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph as ig

__all__ = ["GRID_ABOVE", "centrality", "positions"]

#: Above this many nodes igraph's layout uses its grid approximation (much faster).
GRID_ABOVE = 300


def _graph(n: int, edges: Sequence[tuple[int, int]]) -> ig.Graph:
    graph = ig.Graph(n=n, edges=list(edges), directed=False)
    return graph


def centrality(n: int, edges: Sequence[tuple[int, int]], weights: Sequence[float] | None = None) -> list[float]:
    """PageRank of each node over undirected, optionally weighted ``edges``; sums to 1.

    >>> [round(c, 2) for c in centrality(3, [(0, 1), (0, 2)])]
    [0.49, 0.26, 0.26]
    >>> centrality(0, [])
    []
    """
    if n == 0:
        return []
    if not edges:
        return [1.0 / n] * n
    graph = _graph(n, edges)
    scores = graph.pagerank(weights=list(weights) if weights is not None else None, directed=False)
    return [float(s) for s in scores]


def positions(n: int, edges: Sequence[tuple[int, int]], *, spacing: float = 70.0,
              seed: int = 7) -> list[tuple[float, float]]:
    """Force-directed positions in screen units: linked nodes about ``spacing`` pixels apart.

    Each connected component is laid out on its own (scaled so that its median link is
    ``spacing`` long) and the components are packed in rows, largest first: one force layout
    of a graph with many components would shrink each of them to a dot. Deterministic for a
    given graph and ``seed``.

    >>> xy = positions(3, [(0, 1), (1, 2)])
    >>> len(xy), all(isinstance(c, float) for p in xy for c in p)
    (3, True)
    >>> positions(1, [])
    [(0.0, 0.0)]
    """
    if n == 0:
        return []
    graph = _graph(n, edges)
    blocks: list[tuple[list[int], list[tuple[float, float]]]] = []
    state = random.getstate()  # igraph draws from Python's ``random``: seed it for this call only
    random.seed(seed)
    try:
        for members in sorted(graph.connected_components(), key=lambda c: (-len(c), c[0])):
            blocks.append((list(members), _component(graph, list(members), spacing, seed)))
    finally:
        random.setstate(state)
    return _pack(n, blocks, spacing)


def _component(graph: ig.Graph, members: list[int], spacing: float, seed: int) -> list[tuple[float, float]]:
    """Positions of one connected component, centred on 0 and scaled to ``spacing``."""
    size = len(members)
    if size == 1:
        return [(0.0, 0.0)]
    if size == 2:
        return [(-spacing / 2, 0.0), (spacing / 2, 0.0)]
    sub = graph.induced_subgraph(members)
    layout = sub.layout_fruchterman_reingold(
        seed=_seeded_start(size, seed), niter=300, grid="grid" if size > GRID_ABOVE else "nogrid")
    coords = [(float(x), float(y)) for x, y in layout.coords]
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in sub.get_edgelist())
    median = lengths[len(lengths) // 2] or 1.0
    scale = spacing / median
    cx = sum(x for x, _ in coords) / size
    cy = sum(y for _, y in coords) / size
    return [((x - cx) * scale, (y - cy) * scale) for x, y in coords]


def _pack(n: int, blocks: list[tuple[list[int], list[tuple[float, float]]]],
          spacing: float) -> list[tuple[float, float]]:
    """Shelf-pack the components' bounding boxes into rows about as wide as the total is tall."""
    boxes = []
    for _, coords in blocks:
        xs = [x for x, _ in coords]
        ys = [y for _, y in coords]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + spacing, max(ys) - min(ys) + spacing))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.2, max(w for _, _, w, _ in boxes))
    out = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for (members, coords), (left, top, width, height) in zip(blocks, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in zip(members, coords, strict=True):
            out[node] = (px - left + x, py - top + y)
        x += width
        row_height = max(row_height, height)
    cx = (min(p[0] for p in out) + max(p[0] for p in out)) / 2
    cy = (min(p[1] for p in out) + max(p[1] for p in out)) / 2
    return [(round(px - cx, 1), round(py - cy, 1)) for px, py in out]


def _seeded_start(n: int, seed: int) -> list[tuple[float, float]]:
    """Deterministic pseudo-random start positions (igraph's own seed depends on global RNG state)."""
    state = seed * 2654435761 % 2**32 or 1
    out = []
    for _ in range(n):
        state = (1103515245 * state + 12345) % 2**31
        x = state / 2**31
        state = (1103515245 * state + 12345) % 2**31
        y = state / 2**31
        out.append(((x - 0.5) * math.sqrt(n), (y - 0.5) * math.sqrt(n)))
    return out
