"""Who matters: centrality rankings of a projected graph, by entity type.

Every measure runs on the undirected weighted graph of :func:`aikg.graph.analysis.projection.simple_graph`
(so a fact counts for both of its ends) over *all* entities, and the ranking is then filtered by
type: "the most central organisations" are ranked among everything they are connected to.

- ``degree``: share of the other entities an entity is directly linked to (unweighted).
- ``strength``: sum of the weights of its links (documents supporting each fact, or shared
  sentences for co-mentions).
- ``pagerank``: PageRank over the weighted links (damping 0.85), computed with igraph.
- ``betweenness``: share of shortest paths (lengths = ``cost``: stated facts are shorter than
  co-mentions) that pass through the entity.

>>> from aikg.graph.examples import demo_store
>>> from aikg.graph.analysis import project
>>> with demo_store() as store:
...     G = project(store)
>>> rank(G, "degree").index.tolist()
['mistral-ai', 'person/arthur-mensch', 'bpifrance', 'paris']
"""

from __future__ import annotations

from collections.abc import Callable

import igraph as ig
import networkx as nx
import pandas as pd

from aikg.errors import QueryError
from aikg.graph.analysis.projection import check_types, simple_graph
from aikg.graph.errors import Errors

__all__ = ["MEASURES", "as_simple", "centrality", "rank"]


def as_simple(G: nx.Graph) -> nx.Graph:
    if G.is_multigraph() or G.is_directed():
        return simple_graph(G)
    return G


def _degree(H: nx.Graph) -> dict[str, float]:
    return dict(nx.degree_centrality(H)) if len(H) > 1 else dict.fromkeys(H, 0.0)


def _strength(H: nx.Graph) -> dict[str, float]:
    return {node: float(value) for node, value in H.degree(weight="weight")}


def _pagerank(H: nx.Graph) -> dict[str, float]:
    nodes = list(H)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in H.edges()]
    weights = [float(data.get("weight", 1)) for _, _, data in H.edges(data=True)]
    graph = ig.Graph(n=len(nodes), edges=edges, directed=False)
    scores = graph.pagerank(weights=weights if edges else None, damping=0.85)
    return {node: float(scores[i]) for node, i in index.items()}


def _betweenness(H: nx.Graph) -> dict[str, float]:
    return dict(nx.betweenness_centrality(H, weight="cost", normalized=True))


#: The measures :func:`rank` knows, by name.
MEASURES: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
    "degree": _degree,
    "strength": _strength,
    "pagerank": _pagerank,
    "betweenness": _betweenness,
}


def centrality(G: nx.Graph, measure: str = "pagerank") -> dict[str, float]:
    """Score of every node of ``G`` for one of the :data:`MEASURES`.

    Raises :class:`~aikg.errors.QueryError` (E315) naming an unknown measure.

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> centrality(G, "betweenness")
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> centrality(G, "closeness")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aikg.errors.QueryError: [E406] unknown measure 'closeness'; expected one of ['degree', 'strength', ...]
    """
    try:
        function = MEASURES[measure]
    except KeyError:
        raise QueryError(Errors.E406.format(measure=measure, valid=list(MEASURES))) from None
    return function(as_simple(G))


def rank(G: nx.Graph, measure: str = "pagerank", *, type: str | None = None, top: int | None = 10) -> pd.DataFrame:
    """The ``top`` entities of ``G`` by ``measure``, optionally only those of one ``type``.

    Parameters
    ----------
    G : networkx.Graph
        A projection (:func:`aikg.graph.analysis.projection.project`) or any graph whose nodes carry
        ``label`` and ``type``.
    measure : {"pagerank", "degree", "strength", "betweenness"}
    type : str, optional
        Keep only entities of this type (``"Organization"``, ``"Person"``...).
    top : int or None
        How many rows to return (all when None).

    Returns
    -------
    pandas.DataFrame
        Indexed by entity key, columns ``label``, ``type``, ``score`` and ``documents``, sorted
        by decreasing score (ties by label).

    Examples
    --------
    >>> from aikg.graph.examples import demo_store
    >>> from aikg.graph.analysis import project
    >>> with demo_store() as store:
    ...     G = project(store)
    >>> rank(G, "pagerank", type="Person")[["label", "type"]].to_dict("index")
    {'person/arthur-mensch': {'label': 'Arthur Mensch', 'type': 'Person'}}
    """
    if type is not None:
        check_types([type])
    scores = centrality(G, measure)
    rows = [{"key": node, "label": G.nodes[node].get("label", node), "type": G.nodes[node].get("type"),
             "score": score, "documents": G.nodes[node].get("documents", 0)}
            for node, score in scores.items() if type is None or G.nodes[node].get("type") == type]
    rows.sort(key=lambda row: (-row["score"], str(row["label"]).casefold(), row["key"]))
    frame = pd.DataFrame(rows[:top] if top is not None else rows,
                         columns=["key", "label", "type", "score", "documents"]).set_index("key")
    frame.attrs["measure"] = measure
    return frame
