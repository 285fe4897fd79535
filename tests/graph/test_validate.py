from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal

from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.namespaces import AIKG, EVIDENCE, entity_iri
from aikg.graph.store import KnowledgeStore
from aikg.graph.validate import validate_graph, validate_store
from tests.helpers import make_extraction


def _graph() -> Graph:
    graph = Graph()
    for s, p, o, _g in extraction_quads(make_extraction("a.md"), ExtractionRun("r")):
        graph.add((s, p, o))
    return graph


def test_validate_built_graph_conforms(store: KnowledgeStore) -> None:
    store.replace_document("a.md", extraction_quads(make_extraction("a.md"), ExtractionRun("r")))
    assert validate_store(store) == []


def test_validate_reports_two_types_and_labels() -> None:
    graph = _graph()
    graph.add((entity_iri("mistral-ai"), RDF.type, AIKG.Person))
    graph.add((entity_iri("mistral-ai"), RDFS.label, Literal("Another")))
    messages = {(v.focus, v.message) for v in validate_graph(graph, "a.md")}
    assert ("ent:mistral-ai", "an entity needs exactly one aikg entity type") in messages
    assert ("ent:mistral-ai", "an entity needs exactly one non-empty rdfs:label") in messages


def test_validate_reports_untyped_amount_and_dangling_evidence() -> None:
    graph = _graph()
    amount = entity_iri("amount/EUR-105000000")
    graph.set((amount, AIKG.amountValue, Literal("105 million")))
    dangling = EVIDENCE["x"]
    graph.add((dangling, RDF.type, AIKG.Evidence))
    graph.add((dangling, RDF.subject, entity_iri("a")))
    graph.add((dangling, RDF.predicate, AIKG.leads))
    graph.add((dangling, RDF.object, entity_iri("b")))
    violations = validate_graph(graph, "a.md")
    text = "\n".join(map(str, violations))
    assert "ent:amount/EUR-105000000 aikg:amountValue" in text
    assert "evidence must point to the document" in text
    assert all(v.document == "a.md" for v in violations)
