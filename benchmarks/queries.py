"""The queries the store benchmark times, by kind.

The named queries of :mod:`aikg.queries` are used when that package provides them (files
``queries/*.rq``); otherwise, or in addition, the representative queries below are timed.
Kinds matter for the targets: ``join`` and ``aggregate`` must be at least 20x faster than
rdflib's in-memory store; ``join``, ``aggregate`` and ``lookup`` must answer under 100 ms at a
million triples. ``whole-graph``, ``listing`` and ``neighbourhood`` answers grow with the store:
two hops from any entity reach most of a graph of news facts (at a million quads, 846 of the
885 entities from a person with 33 direct links, 884 from Mistral AI), so a two-hop
neighbourhood is an aggregate over most of the graph, timed and reported but not held to
100 ms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BenchQuery", "bench_queries"]

_ENTITY = "https://w3id.org/aikg/entity/"
_TYPED = ("aikg:leads aikg:founded aikg:worksFor aikg:investsIn aikg:raised aikg:basedIn aikg:develops "
          "aikg:partnerOf aikg:acquired aikg:attended aikg:heldIn aikg:announced")


@dataclass(frozen=True)
class BenchQuery:
    """A query to time: ``kind`` is join, aggregate, lookup, neighbourhood, whole-graph (an aggregate over
    everything) or listing (every fact of a kind: a named query without its parameters)."""

    name: str
    kind: str
    sparql: str
    source: str = "benchmarks"
    #: variable -> IRI, substituted by each engine as an RDF term
    bindings: dict[str, str] = field(default_factory=dict)


_OWN = [
    BenchQuery("people_leading_orgs", "join", """
SELECT ?person ?name ?org ?orgName WHERE {
  ?person aikg:leads ?org ; a aikg:Person ; rdfs:label ?name .
  ?org a aikg:Organization ; rdfs:label ?orgName .
}"""),
    BenchQuery("funding_rounds", "join", """
SELECT ?org ?orgName ?amount ?value ?currency WHERE {
  ?org aikg:raised ?amount ; rdfs:label ?orgName .
  ?amount aikg:amountValue ?value ; aikg:currency ?currency .
} ORDER BY DESC(?value) LIMIT 50"""),
    BenchQuery("fact_provenance", "lookup", """
SELECT ?doc ?sentence ?confidence WHERE {
  ?ev rdf:subject ?s ; rdf:predicate aikg:leads ; rdf:object ent:openai ;
      prov:wasDerivedFrom ?doc ; aikg:sentence ?sentence ; aikg:confidence ?confidence .
}"""),
    BenchQuery("document_facts", "lookup", """
SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/aikg/document/synthetic%2F000042> {
  ?s ?p ?o . ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }"""),
    BenchQuery("neighbourhood_2hop", "neighbourhood", f"""
SELECT DISTINCT ?n1 ?p1 ?n2 ?p2 WHERE {{
  VALUES ?p1 {{ {_TYPED} }}
  VALUES ?p2 {{ {_TYPED} }}
  {{ ent:mistral-ai ?p1 ?n1 }} UNION {{ ?n1 ?p1 ent:mistral-ai }}
  {{ ?n1 ?p2 ?n2 }} UNION {{ ?n2 ?p2 ?n1 }}
  FILTER(?n2 != ent:mistral-ai)
}}"""),
    # counts every evidence node of the store: an aggregate over the whole graph
    BenchQuery("facts_by_predicate", "whole-graph", """
SELECT ?p (COUNT(?ev) AS ?n) WHERE { ?ev a aikg:Evidence ; rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n)"""),
    BenchQuery("investors_by_deals", "aggregate", """
SELECT ?investor ?name (COUNT(DISTINCT ?target) AS ?deals) WHERE {
  ?investor aikg:investsIn ?target ; rdfs:label ?name .
} GROUP BY ?investor ?name ORDER BY DESC(?deals) LIMIT 20"""),
    BenchQuery("entities_by_type", "whole-graph", """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; aikg:mentionedIn ?doc } GROUP BY ?type"""),
    BenchQuery("most_mentioned", "whole-graph", """
SELECT ?e ?label (COUNT(DISTINCT ?doc) AS ?docs) WHERE { ?e aikg:mentionedIn ?doc ; rdfs:label ?label }
GROUP BY ?e ?label ORDER BY DESC(?docs) LIMIT 20"""),
]


def _kb_iri(label: str) -> str | None:
    """The entity IRI of a knowledge-base label or alias (the named queries' examples)."""
    path = Path(__file__).resolve().parents[1] / "extract" / "data" / "kb.jsonl"
    if not path.is_file():
        return None
    wanted = label.strip().lower()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if wanted in {row["label"].lower(), *(a.lower() for a in row.get("aliases", []))}:
                return f"{_ENTITY}{row['id']}"
    return None


def _named() -> list[BenchQuery]:
    """The project's named queries: each unbound (when it can be), and bound to its examples."""
    try:
        from aikg.queries import load_queries
    except ImportError:
        return []
    try:
        named = load_queries()
    except Exception:  # a half-written query file must not stop the benchmark
        return []
    from aikg.graph.namespaces import PREFIXES

    found = []
    for name, query in named.items():
        text = query.text
        if all(p.optional for p in query.parameters):
            # unbound, a named query reads the whole graph: an aggregate, or a listing of every fact
            kind = "whole-graph" if "GROUP BY" in text.upper() else "listing"
            found.append(BenchQuery(name, kind, text, source="queries/"))
        bindings: dict[str, str] = {}
        # the required parameters and the first one: "who leads Mistral AI", as a user asks
        wanted = [p for i, p in enumerate(query.parameters) if i == 0 or not p.optional]
        for parameter in wanted:
            example = parameter.example or ""
            value: str | None = None
            if parameter.type == "entity":
                value = _kb_iri(example)
            elif parameter.type == "iri" and ":" in example:
                prefix, _, local = example.partition(":")
                value = str(PREFIXES[prefix]) + local if prefix in PREFIXES else example
            if value:
                bindings[parameter.name] = value
        required = {p.name for p in query.parameters if not p.optional}
        if bindings and required <= set(bindings):
            kind = _GROWS_WITH_GRAPH.get(name, "lookup")
            found.append(BenchQuery(f"{name}(" + ",".join(sorted(bindings)) + ")", kind, text, source="queries/",
                                    bindings=bindings))
    return found


#: Named queries whose answer grows with the graph even when their parameters are bound.
_GROWS_WITH_GRAPH: dict[str, str] = {"neighbourhood": "neighbourhood"}

#: Run order: the kinds where a slow engine may time out (and, for rdflib, be lost for the
#: rest of the run, as reloading it costs minutes) come last.
_ORDER = {"join": 0, "aggregate": 1, "lookup": 2, "listing": 3, "whole-graph": 3, "neighbourhood": 4}


def bench_queries(*, named: bool = True) -> list[BenchQuery]:
    """The representative queries and the project's named queries (unbound and bound), by kind."""
    return sorted(_OWN + (_named() if named else []), key=lambda q: _ORDER.get(q.kind, 2))
