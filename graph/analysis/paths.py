"""How two entities are connected: explained shortest paths, neighbours and ego networks.

A path is only worth showing with its reasons, so :func:`explain_path` returns every hop with
its predicate, its direction as stated (``Sam Altman -leads-> OpenAI`` even when the path walks
from OpenAI to Sam Altman), the best evidence sentence and the document that says it. Stated
facts are preferred: by default (``relations="auto"``) the path uses typed facts only and falls
back to co-mentions, which cost more than a fact, only when the facts alone do not connect the
two entities.

>>> from aikg.graph.examples import demo_store
>>> with demo_store() as store:
...     path = explain_path(store, "Arthur Mensch", "Paris")
>>> print(path)
Arthur Mensch -> Paris (2 hops)
  1. Arthur Mensch -leads-> Mistral AI
     "Arthur Mensch, CEO of Mistral AI, said the Paris company raised €105 million from Bpifrance." (a.md, News a.md)
  2. Mistral AI -basedIn-> Paris
     "Arthur Mensch, CEO of Mistral AI, said the Paris company raised €105 million from Bpifrance." (a.md, News a.md)

Emmanuel Macron only announced an amount (amounts are left out of paths), so the path to him
falls back on a co-mention:

>>> with demo_store() as store:
...     print(explain_path(store, "Macron", "Mistral AI").hops[0])
Emmanuel Macron -mentionedWith- Mistral AI
     "Emmanuel Macron announced €109 billion for AI as Arthur Mensch, CEO of Mistral AI, looked on." (b.md, News b.md)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from aikg.errors import QueryError
from aikg.graph.analysis.projection import Relations, find_entity, find_node, project, simple_graph
from aikg.graph.errors import Errors
from aikg.graph.namespaces import AIKG, entity_iri
from aikg.graph.store import KnowledgeStore

__all__ = ["ExplainedPath", "Hop", "ego_network", "explain_path", "neighbours"]


@dataclass(frozen=True)
class Hop:
    """One step of a path: the link between ``source`` and ``target`` and why we believe it.

    ``subject``/``object`` give the direction of the fact as stated (a path may walk a fact
    backwards). ``sentence`` is None for a co-mention whose sentence the store does not keep.
    """

    source: str
    target: str
    source_label: str
    target_label: str
    predicate: str
    subject: str
    object: str
    sentence: str | None
    doc_id: str | None
    doc_title: str | None
    confidence: float | None
    documents: int

    @property
    def typed(self) -> bool:
        """True for a stated fact, False for a co-mention."""
        return self.predicate != "mentionedWith"

    def __str__(self) -> str:
        if not self.typed:
            link = f"{self.source_label} -mentionedWith- {self.target_label}"
        elif self.subject == self.source:
            link = f"{self.source_label} -{self.predicate}-> {self.target_label}"
        else:
            link = f"{self.source_label} <-{self.predicate}- {self.target_label}"
        where = ", ".join(x for x in (self.doc_id, self.doc_title) if x)
        if self.sentence:
            because = f'"{self.sentence}" ({where})'
        else:
            because = f"named together in {self.documents} document(s), e.g. {where}"
        return f"{link}\n     {because}"


@dataclass(frozen=True)
class ExplainedPath:
    """A shortest path between two entities, hop by hop."""

    source: str
    target: str
    source_label: str
    target_label: str
    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> list[str]:
        """Entity keys along the path, from source to target."""
        return [self.source, *(hop.target for hop in self.hops)]

    def __len__(self) -> int:
        return len(self.hops)

    def __str__(self) -> str:
        lines = [f"{self.source_label} -> {self.target_label} ({len(self.hops)} hop{'s' if len(self) != 1 else ''})"]
        lines += [f"  {i}. {hop}" for i, hop in enumerate(self.hops, start=1)]
        return "\n".join(lines)

    def frame(self) -> pd.DataFrame:
        """The hops as a table (one row per hop)."""
        return pd.DataFrame([{"from": h.source_label, "predicate": h.predicate,
                              "direction": "-" if not h.typed else "->" if h.subject == h.source else "<-",
                              "to": h.target_label, "sentence": h.sentence, "document": h.doc_id,
                              "title": h.doc_title, "confidence": h.confidence} for h in self.hops])


_EVIDENCE = """
SELECT * WHERE {
  ?ev a aikg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      aikg:sentence ?sentence ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?ev aikg:confidence ?confidence }
  OPTIONAL { ?doc aikg:documentId ?id }
  OPTIONAL { ?doc dcterms:title ?title }
}"""
_COMENTION_DOCS = """
SELECT * WHERE {
  ?cm a aikg:CoMention ; aikg:entity ?a , ?b ; aikg:weight ?weight ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?doc aikg:documentId ?id }
  OPTIONAL { ?doc dcterms:title ?title }
}"""
_DOC_SENTENCES = """
SELECT DISTINCT ?sentence ?doc WHERE { ?ev a aikg:Evidence ; aikg:sentence ?sentence ; prov:wasDerivedFrom ?doc }"""


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def _best_edge(G: nx.MultiDiGraph, u: str, v: str) -> tuple[str, str, dict[str, Any]]:
    candidates = []
    for a, b in ((u, v), (v, u)):
        if G.has_edge(a, b):
            for data in G.get_edge_data(a, b).values():
                candidates.append((a, b, data))
    return min(candidates, key=lambda c: (c[2]["predicate"] == "mentionedWith", -c[2].get("documents", 0),
                                           -(c[2].get("confidence") or 0.0), c[2]["predicate"], c[0]))


def _names(G: nx.Graph, node: str) -> list[str]:
    data = G.nodes[node]
    return [n for n in (data.get("label"), *data.get("aliases", ())) if n]


def _hop(store: KnowledgeStore, G: nx.MultiDiGraph, u: str, v: str) -> Hop:
    subject, obj, data = _best_edge(G, u, v)
    predicate = data["predicate"]
    labels = (str(G.nodes[u].get("label", u)), str(G.nodes[v].get("label", v)))
    if predicate != "mentionedWith":
        rows = store.query(_EVIDENCE, {"s": entity_iri(subject), "p": AIKG[predicate], "o": entity_iri(obj)})
        found = sorted(((float(r.confidence.toPython()) if r.confidence is not None else 0.0,  # type: ignore[union-attr]
                         _text(r.id) or "", _text(r.sentence) or "", _text(r.title)) for r in rows),  # type: ignore[union-attr]
                       key=lambda f: (-f[0], f[1], f[2]))
        if not found:
            return Hop(u, v, *labels, predicate, subject, obj, None, None, None, None, int(data.get("documents", 0)))
        confidence, doc_id, sentence, title = found[0]
        return Hop(u, v, *labels, predicate, subject, obj, " ".join(sentence.split()) or None, doc_id or None, title,
                   round(confidence, 4), int(data.get("documents", 0)))
    # a co-mention: the document that names both most often, and an evidence sentence of it naming both
    rows = store.query(_COMENTION_DOCS, {"a": entity_iri(min(u, v, key=str)), "b": entity_iri(max(u, v, key=str))})
    docs = sorted(((int(r.weight.toPython()), _text(r.id) or "", _text(r.title), r.doc) for r in rows),  # type: ignore[union-attr]
                  key=lambda d: (-d[0], d[1]))
    best_sentence: str | None = None
    best_doc: str | None = None
    best_title: str | None = None
    if docs:
        _, best_doc, best_title, doc = docs[0]
        names_u = [n.casefold() for n in _names(G, u)]
        names_v = [n.casefold() for n in _names(G, v)]
        for text in sorted(str(row[0]) for row in store.select(_DOC_SENTENCES, {"doc": doc})):
            folded = text.casefold()
            if any(n in folded for n in names_u) and any(n in folded for n in names_v):
                best_sentence = " ".join(text.split())
                break
    return Hop(u, v, *labels, predicate, subject, obj, best_sentence, best_doc or None, best_title, None,
               int(data.get("documents", 0)))


def explain_path(store: KnowledgeStore, source: str, target: str, *, relations: str = "auto",
                 comention_cost: float = 3.0) -> ExplainedPath:
    """The shortest explained path between two entities named by label, alias, key or Wikidata ID.

    Parameters
    ----------
    store : KnowledgeStore
    source, target : str
        Entity names (see :func:`aikg.graph.analysis.projection.find_entity`).
    relations : {"auto", "typed", "both"}
        ``"typed"``: stated facts only; ``"both"``: facts and co-mentions (a co-mention costs
        ``comention_cost`` facts); ``"auto"``: facts, or both when facts do not connect them.
    comention_cost : float
        Length of a co-mention hop relative to a stated fact.

    Returns
    -------
    ExplainedPath
        Printable; ``.hops`` holds each :class:`Hop` and ``.frame()`` a table.

    Raises
    ------
    aikg.errors.QueryError
        E310 when a name matches no entity, E317 when no path connects the two.

    Examples
    --------
    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     path = explain_path(store, "Paris", "Arthur Mensch")
    >>> [(hop.subject, hop.predicate, hop.object, hop.doc_id) for hop in path.hops]
    [('mistral-ai', 'basedIn', 'paris', 'a.md'), ('person/arthur-mensch', 'leads', 'mistral-ai', 'a.md')]
    """
    if relations not in {"auto", "typed", "both"}:
        raise QueryError(Errors.E403.format(relations=relations, valid="'auto', 'typed' or 'both'"))
    start, end = find_entity(store, source), find_entity(store, target)
    attempts = [Relations.TYPED, Relations.BOTH] if relations == "auto" else [Relations(relations)]
    for kind in attempts:
        G = project(store, kind)
        H = simple_graph(G, comention_cost=comention_cost)
        if start in H and end in H:
            try:
                nodes = nx.shortest_path(H, start, end, weight="cost")
            except nx.NetworkXNoPath:
                continue
            hops = tuple(_hop(store, G, u, v) for u, v in itertools.pairwise(nodes))
            return ExplainedPath(start, end, str(G.nodes[start]["label"]), str(G.nodes[end]["label"]), hops)
    raise QueryError(Errors.E408.format(source=source, target=target, through="stated facts or co-mentions"
                                        if relations != "typed" else "stated facts"))


def ego_network(G: nx.Graph, name: str, radius: int = 1) -> nx.Graph:
    """The entities within ``radius`` links of ``name`` (links followed both ways), with their edges.

    The result is a subgraph of the same kind as ``G`` with every attribute kept.

    >>> from aikg.graph.examples import demo_store
    >>> from aikg.graph.analysis import project
    >>> with demo_store() as store:
    ...     G = project(store)
    >>> sorted(ego_network(G, "Paris"))
    ['mistral-ai', 'paris']
    >>> sorted(ego_network(G, "Paris", radius=2))
    ['bpifrance', 'mistral-ai', 'paris', 'person/arthur-mensch']
    """
    node = find_node(G, name)
    return nx.ego_graph(G, node, radius=radius, undirected=True)


def neighbours(G: nx.Graph, name: str) -> pd.DataFrame:
    """The direct neighbours of ``name``: one row per link, with predicate, direction and support.

    >>> from aikg.graph.examples import demo_store
    >>> from aikg.graph.analysis import project
    >>> with demo_store() as store:
    ...     G = project(store)
    >>> table = neighbours(G, "Mistral AI")
    >>> table[["label", "predicate", "direction"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Arthur Mensch', 'leads', '<-'], ['Arthur Mensch', 'worksFor', '<-'], ['Bpifrance', 'investsIn', '<-'],
     ['Paris', 'basedIn', '->']]
    """
    node = find_node(G, name)
    rows = []
    edges = [(v, "->", data) for _, v, data in G.out_edges(node, data=True)] if G.is_directed() else \
        [(v, "-", data) for _, v, data in G.edges(node, data=True)]
    if G.is_directed():
        edges += [(u, "<-", data) for u, _, data in G.in_edges(node, data=True)]
    for other, direction, data in edges:
        predicate = data.get("predicate", "related")
        rows.append({"key": other, "label": G.nodes[other].get("label", other), "type": G.nodes[other].get("type"),
                     "predicate": predicate, "direction": "-" if predicate == "mentionedWith" else direction,
                     "weight": data.get("weight", 1), "documents": data.get("documents", 0),
                     "confidence": data.get("confidence")})
    rows.sort(key=lambda r: (str(r["label"]).casefold(), r["predicate"], r["direction"]))
    return pd.DataFrame(rows, columns=["key", "label", "type", "predicate", "direction", "weight", "documents",
                                       "confidence"])
