"""Projections of the RDF graph into pandas and networkx, where the analyses run.

kglab's idea, kept: a networkx graph is a *projection of a SPARQL pattern*, not a dump of the
store. :func:`project` projects the typed facts (``ent:S aikg:leads ent:O``), the weak
co-mention links (``aikg:mentionedWith``, weighted by the ``aikg:CoMention`` nodes summed over
documents) or both; :func:`project_pattern` projects any ``SELECT ?s ?p ?o`` query. Nodes are
entity keys (``"mistral-ai"``, ``"person/jane-doe"``) carrying ``type``, ``label``, ``aliases``,
``wikidata``, ``documents`` and ``iri``; edges carry ``predicate``, ``weight``, ``documents``
(number of supporting documents) and ``confidence`` (the best extractor confidence).

The projection is a :class:`networkx.MultiDiGraph` keyed by predicate, faithful to the RDF
(typed facts are directed; a co-mention is one edge ``a -> b`` with ``a < b`` and
``symmetric=True``). :func:`simple_graph` collapses it into the undirected weighted
:class:`networkx.Graph` that centrality, communities and paths use.

>>> from aikg.graph.examples import demo_store
>>> with demo_store() as store:
...     G = project(store)
>>> G.nodes["mistral-ai"]["label"], G.nodes["mistral-ai"]["type"]
('Mistral AI', 'Organization')
>>> G.edges["person/arthur-mensch", "mistral-ai", "leads"]["documents"]
2
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

import networkx as nx
import pandas as pd
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from aikg.errors import QueryError
from aikg.extract.records import PREDICATES, EntityType
from aikg.graph.errors import Errors
from aikg.graph.lookup import entity_records, match_name, records_of_graph
from aikg.graph.lookup import find_entity as lookup_entity
from aikg.graph.namespaces import entity_key
from aikg.graph.sparql import run_query, shorten
from aikg.graph.store import KnowledgeStore

__all__ = [
    "TYPED_PREDICATES",
    "Relations",
    "check_types",
    "entity_attributes",
    "entity_key",
    "entity_table",
    "find_entity",
    "find_node",
    "project",
    "project_pattern",
    "select_frame",
    "simple_graph",
]

#: The typed relations, in a stable order (local names of ``aikg:`` properties).
TYPED_PREDICATES: tuple[str, ...] = tuple(sorted(PREDICATES))
_SEP = "\x1f"


class Relations(StrEnum):
    """Which links a projection keeps."""

    TYPED = "typed"
    """Facts stated by a sentence, each with evidence (``aikg:leads``, ``aikg:raised``...)."""
    COMENTION = "comention"
    """Weak ``aikg:mentionedWith`` links: the two entities share sentences."""
    BOTH = "both"
    """Typed facts and co-mentions, as parallel edges."""


# -- terms and keys ------------------------------------------------------------------------

def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _python(term: object, *, compact: bool) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Literal):  # ill-typed literal: keep its text
            return str(value)
        return value
    if isinstance(term, URIRef):
        return shorten(term) if compact else str(term)
    return str(term)


# -- SPARQL into pandas --------------------------------------------------------------------

def select_frame(store: KnowledgeStore, sparql: str, bindings: Mapping[str, Identifier] | None = None, *,
                 labels: bool = True, compact: bool = True) -> pd.DataFrame:
    """Run a SELECT query and return its rows as a :class:`pandas.DataFrame`.

    Literals become Python values (``xsd:decimal`` -> float, ``xsd:date`` -> ``datetime.date``,
    integers -> int); IRIs become text, compacted with the pre-bound prefixes (``ent:openai``)
    unless ``compact=False``. With ``labels=True`` every column holding entities gets a
    ``<column>_label`` neighbour with the entity's ``rdfs:label``.

    Raises :class:`~aikg.errors.QueryError` (E301) for malformed SPARQL and (E303) for a query
    that is not a SELECT.

    Examples
    --------
    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     df = select_frame(store, "SELECT DISTINCT ?who ?org WHERE { ?who aikg:leads ?org }")
    >>> df.to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'who': 'ent:person/arthur-mensch', 'who_label': 'Arthur Mensch',
      'org': 'ent:mistral-ai', 'org_label': 'Mistral AI'}]
    """
    result = run_query(store, sparql, bindings)
    if result.type != "SELECT":
        raise QueryError(Errors.E401.format(kind=result.type))
    names = [str(v) for v in result.vars or []]
    rows = [tuple(row) for row in result]  # type: ignore[arg-type]
    columns: dict[str, list[object]] = {}
    label_of = _labels(store, {cell for row in rows for cell in row if entity_key(cell) is not None}) \
        if labels else {}
    for index, name in enumerate(names):
        cells = [row[index] for row in rows]
        columns[name] = [_python(cell, compact=compact) for cell in cells]
        if labels and any(entity_key(cell) is not None for cell in cells):
            columns[f"{name}_label"] = [label_of.get(str(cell)) if entity_key(cell) is not None else None
                                        for cell in cells]
    return pd.DataFrame(columns, columns=list(columns))


def _labels(store: KnowledgeStore, iris: Iterable[object]) -> dict[str, str]:
    wanted = {str(i) for i in iris}
    if not wanted:
        return {}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for e, label in store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l ; aikg:mentionedIn ?d }"):
        if str(e) in wanted:
            found[str(e)][str(label)] += 1
    return {iri: _most_common(counter) for iri, counter in found.items()}


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]


# -- entities -------------------------------------------------------------------------------

def entity_attributes(store: KnowledgeStore) -> dict[str, dict[str, Any]]:
    """Attributes of every entity by key (type, label, aliases, Wikidata ID, documents, IRI),
    merged over the documents that mention it: :func:`aikg.graph.lookup.entity_records` as dicts,
    the form that networkx node attributes and pandas rows take."""
    return {key: {"type": r.type, "label": r.label, "aliases": r.aliases, "wikidata": r.wikidata,
                  "documents": r.documents, "iri": str(r.iri)}
            for key, r in entity_records(store).items()}


def entity_table(store: KnowledgeStore) -> pd.DataFrame:
    """Every entity with its type, label, aliases, Wikidata ID and number of documents.

    >>> from aikg.graph.examples import demo_store

    >>> with demo_store() as store:
    ...     table = entity_table(store)
    >>> table.loc["mistral-ai", ["label", "type", "wikidata"]].tolist(), int(table.loc["mistral-ai", "documents"])
    (['Mistral AI', 'Organization', 'Q124386929'], 2)
    """
    rows = entity_attributes(store)
    frame = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=["label", "type", "aliases", "wikidata", "documents", "iri"])
    frame.index.name = "key"
    return frame


def find_entity(store: KnowledgeStore, name: str) -> str:
    """The key of the entity called ``name`` (label, alias, key, IRI or Wikidata ID; case-insensitive).

    A label wins over an alias; among equals, the entity named in more documents wins.
    Raises :class:`~aikg.errors.QueryError` (E310) naming ``name`` when nothing matches.

    >>> from aikg.graph.examples import demo_store

    >>> with demo_store() as store:
    ...     find_entity(store, "mistral"), find_entity(store, "Q124386929")
    ('mistral-ai', 'mistral-ai')
    >>> with demo_store() as store:
    ...     find_entity(store, "Sam Altmann")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aikg.errors.QueryError: [E311] unknown entity 'Sam Altmann': no entity has ...
    """
    return lookup_entity(store, name).key


def find_node(G: nx.Graph, name: str) -> str:
    """The node of a projected graph called ``name`` (same rules as :func:`find_entity`).

    >>> from aikg.graph.examples import demo_store

    >>> with demo_store() as store:
    ...     G = project(store)
    >>> find_node(G, "ARTHUR MENSCH")
    'person/arthur-mensch'
    """
    if name in G:
        return name
    return match_name(name, records_of_graph(G.nodes(data=True))).key


# -- projections ----------------------------------------------------------------------------

_TYPED = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?doc) AS ?docs) (COUNT(DISTINCT ?ev) AS ?evidence) (MAX(?c) AS ?confidence)
WHERE {
  ?ev a aikg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?ev aikg:confidence ?c }
} GROUP BY ?s ?p ?o"""
_COMENTIONS = """
SELECT ?a ?b (SUM(?w) AS ?weight) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
  ?cm a aikg:CoMention ; aikg:entity ?a , ?b ; aikg:weight ?w ; prov:wasDerivedFrom ?doc .
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b"""


def _number(term: object, default: float = 0.0) -> float:
    if term is None:
        return default
    value = term.toPython() if isinstance(term, Literal) else term
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def check_types(types: Iterable[str] | None) -> set[str] | None:
    if types is None:
        return None
    chosen = set(types)
    valid = {t.value for t in EntityType}
    unknown = chosen - valid
    if unknown:
        raise QueryError(Errors.E402.format(unknown=sorted(unknown), valid=sorted(valid)))
    return chosen


def project(
    store: KnowledgeStore,
    relations: Relations | str = Relations.TYPED,
    *,
    predicates: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    exclude_types: Iterable[str] = (EntityType.MONETARY_AMOUNT.value,),
    min_confidence: float = 0.0,
    min_weight: float = 0.0,
    isolates: bool = False,
) -> nx.MultiDiGraph:
    """Project the store into a :class:`networkx.MultiDiGraph` of entities.

    Parameters
    ----------
    store : KnowledgeStore
        An open store (read-only is enough).
    relations : {"typed", "comention", "both"}
        Typed facts (edge key = predicate, directed subject -> object), co-mentions (key
        ``"mentionedWith"``, one edge per pair with ``symmetric=True`` and ``weight`` = shared
        sentences summed over documents), or both as parallel edges.
    predicates : iterable of str, optional
        Keep only these typed predicates (local names such as ``"leads"``).
    types : iterable of str, optional
        Keep only entities of these types (``"Person"``, ``"Organization"``...).
    exclude_types : iterable of str
        Entity types to leave out; monetary amounts by default, because equal amounts are one
        node and would join unrelated companies (see :mod:`aikg.graph.analysis.funding`).
    min_confidence : float
        Drop typed facts whose best confidence is lower.
    min_weight : float
        Drop co-mentions whose summed weight is lower.
    isolates : bool
        Also add the entities that keep no edge.

    Returns
    -------
    networkx.MultiDiGraph
        Node attributes ``type, label, aliases, wikidata, documents, iri``; edge attributes
        ``predicate, weight, documents, confidence, evidence, symmetric``. For typed facts,
        ``weight`` = ``documents`` = number of documents stating the fact and ``evidence`` =
        number of sentences; co-mentions have no confidence (None).

    Examples
    --------
    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     typed = project(store)
    ...     both = project(store, "both", exclude_types=())
    >>> sorted(typed.edges(keys=True))  # doctest: +NORMALIZE_WHITESPACE
    [('bpifrance', 'mistral-ai', 'investsIn'), ('mistral-ai', 'paris', 'basedIn'),
     ('person/arthur-mensch', 'mistral-ai', 'leads'), ('person/arthur-mensch', 'mistral-ai', 'worksFor')]
    >>> both.edges["amount/EUR-105000000", "mistral-ai", "mentionedWith"]["weight"]
    2
    >>> both.edges["mistral-ai", "amount/EUR-105000000", "raised"]["confidence"]
    0.8
    """
    try:
        kind = Relations(relations)
    except ValueError:
        raise QueryError(Errors.E403.format(relations=relations, valid=[r.value for r in Relations])) from None
    keep_predicates = set(predicates) if predicates is not None else None
    if keep_predicates is not None and not keep_predicates <= set(TYPED_PREDICATES):
        raise QueryError(Errors.E404.format(unknown=sorted(keep_predicates - set(TYPED_PREDICATES)),
                                            valid=list(TYPED_PREDICATES)))
    keep_types = check_types(types)
    drop_types = check_types(exclude_types) or set()
    entities = entity_attributes(store)

    def wanted(key: str | None) -> bool:
        if key is None or key not in entities:
            return False
        kind_of = entities[key]["type"]
        return kind_of not in drop_types and (keep_types is None or kind_of in keep_types)

    G = nx.MultiDiGraph(relations=kind.value)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    if kind in {Relations.TYPED, Relations.BOTH}:
        for s, p, o, docs, evidence, confidence in store.select(_TYPED):
            predicate = _local(p)
            if predicate not in PREDICATES or (keep_predicates is not None and predicate not in keep_predicates):
                continue
            best = _number(confidence, default=1.0)
            if best < min_confidence:
                continue
            n_docs = int(_number(docs))
            edges.append((entity_key(s) or "", entity_key(o) or "", predicate, {
                "predicate": predicate, "weight": n_docs, "documents": n_docs,
                "evidence": int(_number(evidence)), "confidence": round(best, 4), "symmetric": predicate == "partnerOf",
            }))
    if kind in {Relations.COMENTION, Relations.BOTH}:
        for a, b, weight, docs in store.select(_COMENTIONS):
            total = int(_number(weight))
            if total < min_weight:
                continue
            edges.append((entity_key(a) or "", entity_key(b) or "", "mentionedWith", {
                "predicate": "mentionedWith", "weight": total, "documents": int(_number(docs)),
                "evidence": 0, "confidence": None, "symmetric": True,
            }))
    edges = [e for e in edges if wanted(e[0]) and wanted(e[1])]
    nodes = sorted({e[0] for e in edges} | {e[1] for e in edges} |
                   ({k for k in entities if wanted(k)} if isolates else set()))
    G.add_nodes_from((key, dict(entities[key])) for key in nodes)
    G.add_edges_from(sorted(edges, key=lambda e: (e[0], e[1], e[2])))
    return G


def project_pattern(store: KnowledgeStore, sparql: str,
                    bindings: Mapping[str, Identifier] | None = None) -> nx.MultiDiGraph:
    """Project the rows of a SELECT query: ``?s`` and ``?o`` are nodes, ``?p`` (optional) the edge key.

    Every other projected variable becomes an edge attribute (Python values); entity nodes get
    the usual attributes, other nodes (places as literals, documents) just a ``label``. A
    ``?weight`` column, when present, is the edge weight (1 otherwise).

    Examples
    --------
    >>> query = "SELECT ?s ?o WHERE { ?s aikg:leads ?o }"
    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     G = project_pattern(store, query)
    >>> [(u, v, k) for u, v, k in G.edges(keys=True)]
    [('person/arthur-mensch', 'mistral-ai', 'related')]
    """
    result = run_query(store, sparql, bindings)
    names = [str(v) for v in result.vars or []] if result.type == "SELECT" else []
    if not {"s", "o"} <= set(names):
        raise QueryError(Errors.E405.format(names=names))
    entities = entity_attributes(store)
    G = nx.MultiDiGraph(relations="pattern")
    rows = sorted(({n: row[i] for i, n in enumerate(names)} for row in result),  # type: ignore[arg-type,index]
                  key=lambda r: tuple(str(r[n]) for n in names))
    for row in rows:
        ends = []
        for var in ("s", "o"):
            term = row[var]
            key = entity_key(term)
            node = key if key is not None else str(_python(term, compact=True))
            if node not in G:
                G.add_node(node, **(dict(entities[key]) if key in entities else {"label": node, "type": None}))
            ends.append(node)
        predicate = _local(row["p"]) if row.get("p") is not None else "related"
        attrs = {n: _python(v, compact=True) for n, v in row.items() if n not in {"s", "p", "o"}}
        attrs.setdefault("weight", 1)
        G.add_edge(ends[0], ends[1], key=predicate, predicate=predicate, **attrs)
    return G


def simple_graph(G: nx.Graph, *, comention_cost: float = 3.0) -> nx.Graph:
    """Collapse a projection into an undirected :class:`networkx.Graph` for the analyses.

    Parallel edges between two nodes merge: ``weight`` and ``documents`` add up, ``predicates``
    lists them, ``typed`` says whether one of them is a stated fact, and ``cost`` (the length
    used by shortest paths) is 1 for stated facts and ``comention_cost`` for pairs that are only
    co-mentioned, lowered slightly as support grows so that better-attested paths win ties.

    >>> from aikg.graph.examples import demo_store

    >>> with demo_store() as store:
    ...     H = simple_graph(project(store))
    >>> edge = H.edges["mistral-ai", "person/arthur-mensch"]
    >>> edge["predicates"], edge["weight"], edge["typed"]
    (('leads', 'worksFor'), 4, True)
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    edges: Iterator[tuple[Any, Any, Mapping[str, Any]]] = iter(G.edges(data=True))
    for u, v, data in edges:
        pair = (u, v) if str(u) <= str(v) else (v, u)
        slot = merged.setdefault(pair, {"weight": 0, "documents": 0, "predicates": set(), "typed": False})
        slot["weight"] += data.get("weight", 1)
        slot["documents"] += data.get("documents", 0)
        predicate = data.get("predicate", "related")
        slot["predicates"].add(predicate)
        slot["typed"] = slot["typed"] or predicate != "mentionedWith"
    for (u, v), slot in sorted(merged.items()):
        base = 1.0 if slot["typed"] else comention_cost
        cost = base + 1.0 / (2.0 + slot["weight"])
        H.add_edge(u, v, weight=slot["weight"], documents=slot["documents"], typed=slot["typed"],
                   predicates=tuple(sorted(slot["predicates"])), cost=cost)
    return H
