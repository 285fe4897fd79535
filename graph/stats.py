"""Counts that tell a user what a store holds: documents, entities by type, facts by predicate."""

from __future__ import annotations

from dataclasses import dataclass

from aikg.graph.namespaces import AIKG
from aikg.graph.store import KnowledgeStore

__all__ = ["StoreStats", "store_stats"]

_ENTITY_TYPES = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; aikg:mentionedIn ?d } GROUP BY ?type ORDER BY ?type"""
_FACTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?ev a aikg:Evidence ;
  rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } GROUP BY ?p ORDER BY ?p"""


@dataclass(frozen=True)
class StoreStats:
    documents: int
    quads: int
    entities: dict[str, int]
    facts: dict[str, int]

    def render(self) -> str:
        lines = [f"documents: {self.documents}", f"quads: {self.quads}",
                 f"entities: {sum(self.entities.values())}"]
        lines += [f"  {name}: {count}" for name, count in self.entities.items()]
        lines.append(f"facts: {sum(self.facts.values())}")
        lines += [f"  {name}: {count}" for name, count in self.facts.items()]
        return "\n".join(lines)


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def store_stats(store: KnowledgeStore) -> StoreStats:
    """Count what ``store`` holds (distinct entities and distinct facts across documents)."""
    entities = {_local(t): int(n) for t, n in store.select(_ENTITY_TYPES)
                if str(t).startswith(str(AIKG._NS))}
    facts = {_local(p): int(n) for p, n in store.select(_FACTS)}
    return StoreStats(len(store.documents()), len(store), entities, facts)
