"""Projections: SPARQL into pandas, the store into networkx (typed facts, co-mentions, both)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal

from aikg.errors import QueryError
from aikg.graph.analysis.projection import (
    entity_key,
    entity_table,
    find_entity,
    find_node,
    project,
    project_pattern,
    select_frame,
    simple_graph,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.namespaces import entity_iri
from aikg.graph.store import KnowledgeStore
from tests.helpers import make_extraction

RUN = ExtractionRun("test-run")


def _write(store: KnowledgeStore, doc_id: str, ceo: str = "Arthur Mensch") -> None:
    store.replace_document(doc_id, extraction_quads(make_extraction(doc_id, ceo=ceo), RUN))


@pytest.fixture
def two_docs(store: KnowledgeStore) -> KnowledgeStore:
    _write(store, "a.md")
    _write(store, "b.md")
    return store


def test_project_typed_node_and_edge_attributes(two_docs: KnowledgeStore) -> None:
    G = project(two_docs)
    assert isinstance(G, nx.MultiDiGraph)
    mistral = G.nodes["mistral-ai"]
    assert (mistral["label"], mistral["type"], mistral["wikidata"]) == ("Mistral AI", "Organization", "Q124386929")
    assert "Mistral" in mistral["aliases"] and mistral["documents"] == 2
    assert mistral["iri"] == str(entity_iri("mistral-ai"))
    edge = G.edges["person/arthur-mensch", "mistral-ai", "leads"]
    assert edge["predicate"] == "leads"
    assert edge["documents"] == edge["weight"] == 2
    assert edge["confidence"] == pytest.approx(0.9)
    # amounts are left out by default: equal amounts would join unrelated companies
    assert "amount/EUR-105000000" not in G


@pytest.mark.parametrize(("relations", "keys"), [
    ("typed", {"leads", "worksFor"}),
    ("comention", {"mentionedWith"}),
    ("both", {"leads", "worksFor", "mentionedWith"}),
])
def test_project_relations_choose_edge_kinds(two_docs: KnowledgeStore, relations: str, keys: set[str]) -> None:
    G = project(two_docs, relations)
    assert {k for _, _, k in G.edges(keys=True)} == keys


def test_project_comention_weight_is_summed_over_documents(two_docs: KnowledgeStore) -> None:
    G = project(two_docs, "comention")
    (u, v, data), = G.edges(data=True)
    assert {u, v} == {"person/arthur-mensch", "mistral-ai"}
    assert (data["weight"], data["documents"], data["symmetric"]) == (2, 2, True)


def test_project_filters_types_predicates_and_confidence(two_docs: KnowledgeStore) -> None:
    assert set(project(two_docs, exclude_types=()).nodes) >= {"amount/EUR-105000000"}
    assert list(project(two_docs, types=["Person"]).nodes) == []
    assert {k for *_, k in project(two_docs, predicates=["leads"]).edges(keys=True)} == {"leads"}
    assert project(two_docs, min_confidence=0.95).number_of_edges() == 0
    assert "amount/EUR-105000000" in project(two_docs, isolates=True, exclude_types=())


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"relations": "friends"}, "E403"),
    ({"predicates": ["likes"]}, "E404"),
    ({"types": ["Company"]}, "E402"),
])
def test_project_bad_options_name_the_value(two_docs: KnowledgeStore, kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(QueryError, match=code):
        project(two_docs, **kwargs)  # type: ignore[arg-type]


def test_project_empty_store_gives_empty_graph(store: KnowledgeStore) -> None:
    assert len(project(store, "both")) == 0


def test_select_frame_converts_values_and_adds_labels(two_docs: KnowledgeStore) -> None:
    df = select_frame(two_docs, """
        SELECT DISTINCT ?org ?amount ?value WHERE { ?org aikg:raised ?amount . ?amount aikg:amountValue ?value }""")
    assert list(df.columns) == ["org", "org_label", "amount", "amount_label", "value"]
    row = df.iloc[0]
    assert (row["org"], row["org_label"], row["value"]) == ("ent:mistral-ai", "Mistral AI", 105_000_000.0)
    full = select_frame(two_docs, "SELECT DISTINCT ?org WHERE { ?org aikg:raised ?a }", labels=False, compact=False)
    assert full["org"].tolist() == [str(entity_iri("mistral-ai"))]


def test_select_frame_bindings_and_errors(two_docs: KnowledgeStore) -> None:
    df = select_frame(two_docs, "SELECT ?e ?name WHERE { ?e rdfs:label ?name }", {"name": Literal("Mistral AI")})
    assert set(df["e"]) == {"ent:mistral-ai"}
    with pytest.raises(QueryError, match="E301"):
        select_frame(two_docs, "SELECT ?x WHERE {")
    with pytest.raises(QueryError, match="E401"):
        select_frame(two_docs, "ASK { ?s ?p ?o }")


def test_entity_table_merges_documents(two_docs: KnowledgeStore) -> None:
    table = entity_table(two_docs)
    assert table.loc["person/arthur-mensch", "label"] == "Arthur Mensch"
    assert int(table.loc["mistral-ai", "documents"]) == 2


@pytest.mark.parametrize("name", ["Mistral AI", "mistral", "MISTRAL AI", "mistral-ai", "ent:mistral-ai",
                                  "Q124386929", "https://w3id.org/aikg/entity/mistral-ai"])
def test_find_entity_by_label_alias_key_or_wikidata(two_docs: KnowledgeStore, name: str) -> None:
    assert find_entity(two_docs, name) == "mistral-ai"


def test_find_entity_unknown_names_the_value_and_suggests(two_docs: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E311\] unknown entity 'Mistral IA'.*did you mean 'Mistral AI'"):
        find_entity(two_docs, "Mistral IA")
    G = project(two_docs)
    assert find_node(G, "arthur mensch") == "person/arthur-mensch"
    with pytest.raises(QueryError, match="E311"):
        find_node(G, "Nobody")


def test_project_pattern_is_a_projection_of_a_query(two_docs: KnowledgeStore) -> None:
    G = project_pattern(two_docs, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p = aikg:leads) }")
    assert list(G.edges(keys=True)) == [("person/arthur-mensch", "mistral-ai", "leads")]
    assert G.nodes["mistral-ai"]["type"] == "Organization"
    with pytest.raises(QueryError, match="E405"):
        project_pattern(two_docs, "SELECT ?x WHERE { ?x ?p ?o }")


def test_simple_graph_merges_parallel_edges(two_docs: KnowledgeStore) -> None:
    H = simple_graph(project(two_docs, "both"))
    edge = H.edges["mistral-ai", "person/arthur-mensch"]
    assert edge["predicates"] == ("leads", "mentionedWith", "worksFor")
    assert edge["typed"] and edge["weight"] == 2 + 2 + 2
    only_comention = simple_graph(project(two_docs, "comention"))
    assert only_comention.edges["mistral-ai", "person/arthur-mensch"]["cost"] > edge["cost"]


def test_entity_key_round_trips_quoted_keys() -> None:
    assert entity_key(entity_iri("person/jane doe")) == "person/jane doe"
    assert entity_key(Literal("x")) is None


def test_project_same_store_same_graph(tmp_path: Path) -> None:
    """Projections are deterministic: the same store gives the same nodes and edges in the same order."""
    from aikg.graph.store import open_store

    with open_store(tmp_path / "s") as kstore:
        for doc_id in ("a.md", "b.md"):
            kstore.replace_document(doc_id, extraction_quads(make_extraction(doc_id), RUN))
        first, second = project(kstore, "both"), project(kstore, "both")
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
