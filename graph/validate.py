"""SHACL validation of the graph (pyshacl), one document graph at a time.

Each document graph must be self-contained: its entities have one type and one label, its
amounts are typed, and every evidence node points to the document and to a fact stated in
the same graph. Checking graph by graph keeps memory bounded and names the document at
fault in every violation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from aikg.graph.namespaces import ROUNDS_GRAPH
from aikg.graph.sparql import shorten
from aikg.graph.store import KnowledgeStore

__all__ = ["Violation", "shapes_graph", "validate_graph", "validate_store"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which document, which node, which property, what is wrong."""

    document: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.document}: {self.focus}{where}: {self.message}"


@cache
def shapes_graph() -> Graph:
    """The shapes of ``graph/shapes.ttl`` (parsed once)."""
    return Graph().parse(data=(files("aikg.graph") / "shapes.ttl").read_text(encoding="utf-8"), format="turtle")


def validate_graph(graph: Graph, document: str = "") -> list[Violation]:
    """Validate one document graph against the shapes and return its violations."""
    conforms, results, _text = validate(graph, shacl_graph=shapes_graph(), inference="none",
                                        allow_warnings=True, advanced=True)
    if conforms:
        return []
    assert isinstance(results, Graph)
    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        message = results.value(result, SH.resultMessage)
        found.append(Violation(document, shorten(results.value(result, SH.focusNode)),
                               shorten(results.value(result, SH.resultPath)),
                               str(message) if message is not None else "violates a shape"))
    return sorted(found, key=lambda v: (v.document, v.focus, v.path, v.message))


def validate_store(store: KnowledgeStore) -> list[Violation]:
    """Validate every document graph of ``store``, and the graph of merged funding rounds; an empty
    list means the graph conforms."""
    violations: list[Violation] = []
    for doc in store.documents():
        violations.extend(validate_graph(store.document_graph(doc.doc_id), doc.doc_id))
    rounds = Graph()  # the merged funding rounds (aikg.graph.rounds), checked as one more graph
    for triple in store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ROUNDS_GRAPH}> {{ ?s ?p ?o }} }}"):
        rounds.add(triple)
    if len(rounds):
        violations.extend(validate_graph(rounds, "funding-rounds"))
    return violations

