"""Groups of entities that are more linked to each other than to the rest: communities.

Detection runs on the undirected weighted graph of :func:`aikg.graph.analysis.projection.simple_graph` with
networkx's Louvain method (or greedy modularity), seeded so that the same store always gives the
same groups. Each :class:`Community` is summarised for a reader: its size and its most central
members (PageRank inside the whole graph) grouped by type.

>>> from aikg.graph.examples import demo_store
>>> from aikg.graph.analysis import project
>>> with demo_store() as store:
...     G = project(store)
>>> [str(c) for c in find_communities(G)]
['#1 (4 entities) Organization: Mistral AI, Bpifrance; Person: Arthur Mensch; Place: Paris']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from aikg.errors import QueryError
from aikg.graph.analysis.centrality import as_simple, centrality
from aikg.graph.errors import Errors

__all__ = ["METHODS", "Community", "communities_frame", "find_communities"]

#: Community detection methods :func:`find_communities` knows.
METHODS: tuple[str, ...] = ("louvain", "greedy")


@dataclass(frozen=True)
class Community:
    """One community: its members (entity keys, most central first) and the top ones by type."""

    index: int
    members: tuple[str, ...]
    top_by_type: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def name(self) -> str:
        """The label of its most central member that is not a place (a handy caption)."""
        for labels in self.top_by_type.values():
            if labels:
                return labels[0]
        return self.members[0] if self.members else ""

    def __str__(self) -> str:
        parts = "; ".join(f"{kind}: {', '.join(labels)}" for kind, labels in self.top_by_type.items() if labels)
        return f"#{self.index} ({self.size} entit{'y' if self.size == 1 else 'ies'}) {parts}"


_TYPE_ORDER = ("Organization", "Person", "Product", "Event", "Place", "MonetaryAmount")


def find_communities(G: nx.Graph, *, method: str = "louvain", seed: int = 42, resolution: float = 1.0,
                     top: int = 3, min_size: int = 1) -> list[Community]:
    """Detect communities of ``G`` and summarise each one, largest first.

    Parameters
    ----------
    G : networkx.Graph
        A projection (:func:`aikg.graph.analysis.projection.project`), collapsed to an undirected weighted
        graph before detection.
    method : {"louvain", "greedy"}
        :func:`networkx.community.louvain_communities` (seeded) or
        :func:`networkx.community.greedy_modularity_communities` (deterministic).
    seed : int
        Seed of the Louvain method: same store, same seed, same communities.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    top : int
        How many members of each type the summary names.
    min_size : int
        Leave out smaller communities (for example pairs, with ``min_size=3``).

    Returns
    -------
    list of Community
        Numbered from 1 by decreasing size (ties by the key of the most central member).

    Examples
    --------
    >>> G = nx.union(nx.complete_graph(["a", "b", "c"]), nx.complete_graph(["x", "y"]))
    >>> G.add_edge("c", "x")
    >>> [c.members for c in find_communities(G, seed=1)]
    [('c', 'a', 'b'), ('x', 'y')]
    """
    if method not in METHODS:
        raise QueryError(Errors.E407.format(method=method, valid=list(METHODS)))
    H = as_simple(G)
    if len(H) == 0:
        return []
    if method == "louvain":
        groups = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    else:
        groups = nx.community.greedy_modularity_communities(H, weight="weight", resolution=resolution)
    score = centrality(H, "pagerank")

    def order(nodes: set[str] | frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(nodes, key=lambda n: (-round(score[n], 12), str(n))))

    ranked = sorted((order(group) for group in groups if len(group) >= min_size), key=lambda m: (-len(m), m[0]))
    found = []
    for index, members in enumerate(ranked, start=1):
        by_type: dict[str, list[str]] = {}
        for node in members:
            kind = str(G.nodes[node].get("type") or "Other")
            by_type.setdefault(kind, [])
            if len(by_type[kind]) < top:
                by_type[kind].append(str(G.nodes[node].get("label", node)))
        ordered = {k: tuple(by_type[k]) for k in sorted(by_type, key=lambda k: (
            _TYPE_ORDER.index(k) if k in _TYPE_ORDER else len(_TYPE_ORDER), k))}
        found.append(Community(index, members, ordered))
    return found


def communities_frame(G: nx.Graph, communities: list[Community]) -> pd.DataFrame:
    """One row per entity: its community, label, type (for tables, plots and colouring views).

    >>> from aikg.graph.examples import demo_store
    >>> from aikg.graph.analysis import project
    >>> with demo_store() as store:
    ...     G = project(store)
    >>> communities_frame(G, find_communities(G))["community"].to_dict()
    {'mistral-ai': 1, 'person/arthur-mensch': 1, 'bpifrance': 1, 'paris': 1}
    """
    rows = [{"key": node, "community": community.index, "label": G.nodes[node].get("label", node),
             "type": G.nodes[node].get("type")}
            for community in communities for node in community.members]
    return pd.DataFrame(rows, columns=["key", "community", "label", "type"]).set_index("key")
