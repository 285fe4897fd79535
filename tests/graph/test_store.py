from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from aikg.errors import StoreError
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.namespaces import AIKG, document_iri, entity_iri
from aikg.graph.store import KnowledgeStore, open_store
from tests.helpers import make_extraction

RUN = ExtractionRun("test-run")


def _write(store: KnowledgeStore, doc_id: str, ceo: str = "Arthur Mensch") -> int:
    return store.replace_document(doc_id, extraction_quads(make_extraction(doc_id, ceo=ceo), RUN))


def test_store_replace_is_idempotent(store: KnowledgeStore) -> None:
    _write(store, "a.md")
    before = set(store.quads())
    _write(store, "a.md")
    assert set(store.quads()) == before


def test_store_changed_document_replaces_its_facts(store: KnowledgeStore) -> None:
    _write(store, "a.md", ceo="Arthur Mensch")
    _write(store, "a.md", ceo="Jane Doe")
    leaders = {str(r[0]) for r in store.select("SELECT ?l WHERE { ?p aikg:leads ent:mistral-ai ; rdfs:label ?l }")}
    assert leaders == {"Jane Doe"}


def test_store_remove_keeps_facts_other_documents_state(store: KnowledgeStore) -> None:
    _write(store, "a.md")
    _write(store, "b.md")
    assert store.remove_document("a.md")
    rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?p aikg:leads ent:mistral-ai } }")
    assert [str(r[0]) for r in rows] == [str(document_iri("b.md"))]
    assert not store.remove_document("a.md")


def test_store_bindings_are_terms_not_text(store: KnowledgeStore) -> None:
    _write(store, "a.md")
    hostile = Literal('Mistral AI" } UNION { ?e ?p ?o')
    rows = store.select("SELECT ?e ?name WHERE { ?e rdfs:label ?name }", {"name": hostile})
    assert rows == []
    rows = store.select("SELECT ?e ?name WHERE { ?e rdfs:label ?name }", {"name": Literal("Mistral AI")})
    assert [r[0] for r in rows] == [entity_iri("mistral-ai")]


def test_store_reader_refused_while_writer_holds_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as writer:
        _write(writer, "a.md")
        with pytest.raises(StoreError, match="being written"):
            open_store(tmp_path / "s", read_only=True)
    with open_store(tmp_path / "s", read_only=True) as r1, open_store(tmp_path / "s", read_only=True) as r2:
        assert len(r1) == len(r2) > 0


def test_store_second_process_sees_writes(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as writer:
        _write(writer, "a.md")
    with open_store(tmp_path / "s", read_only=True) as reader:
        assert reader.content_hash("a.md") == make_extraction("a.md").document.content_hash
        assert [d.doc_id for d in reader.documents()] == ["a.md"]


def test_store_refuses_foreign_folder_and_missing_store(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not an aikg store"):
        open_store(tmp_path / "other")
    with pytest.raises(StoreError, match="no aikg store"):
        open_store(tmp_path / "nothing", read_only=True)


def test_store_second_writer_gets_clear_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "s"), pytest.raises(StoreError, match="in use"):
        open_store(tmp_path / "s")


def test_store_amount_is_typed_decimal(store: KnowledgeStore) -> None:
    _write(store, "a.md")
    [(value, currency)] = store.select(
        "SELECT ?v ?c WHERE { ?a a aikg:MonetaryAmount ; aikg:amountValue ?v ; aikg:currency ?c }")
    assert value.datatype.endswith("#decimal") and int(value.toPython()) == 105_000_000
    assert str(currency) == "EUR"
    assert AIKG.amountValue in {p for _, p, _ in store.dataset.triples((None, None, None))}


def test_store_merged_default_graph_has_no_duplicates(store: KnowledgeStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p aikg:leads ent:mistral-ai }"
    _write(store, "a.md")
    _write(store, "b.md")  # states the same fact
    assert int(store.select(count)[0][0]) == 1
    labels = store.select("SELECT ?l WHERE { ent:mistral-ai rdfs:label ?l }")
    assert [str(r[0]) for r in labels] == ["Mistral AI"]
    store.remove_document("a.md")
    assert int(store.select(count)[0][0]) == 1  # b.md still states it
    _write(store, "b.md", ceo="Jane Doe")  # b.md changes its mind
    leaders = store.select("SELECT ?p WHERE { ?p aikg:leads ent:mistral-ai }")
    assert [str(r[0]).rsplit("/", 1)[-1] for r in leaders] == ["jane-doe"]
    store.remove_document("b.md")
    assert len(store) == 0  # nothing is left behind in the default graph


def test_store_flushes_write_buffers_every_n_documents(store: KnowledgeStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # what bounds a long build's memory (benchmarks/: 1.1 GiB -> 0.2 GiB at a million quads)
    flushes: list[int] = []
    monkeypatch.setattr(store, "flush_every", 3)
    monkeypatch.setattr(store, "flush", lambda: flushes.append(len(store.documents())))
    for i in range(7):
        _write(store, f"{i}.md")
    assert flushes == [3, 6]


def test_store_bound_iri_selects_as_substitution_does(store: KnowledgeStore) -> None:
    # the IRI is also written into the pattern for Oxigraph's planner (graph/prebind.py):
    # same rows, the variable still bound in the answer; a hostile IRI is refused, never written
    _write(store, "a.md")
    query = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    assert store.select(query, {"e": entity_iri("mistral-ai")}) == [(entity_iri("mistral-ai"), Literal("Mistral AI"))]
    with pytest.raises(ValueError, match="IRI"):
        store.select(query, {"e": URIRef("https://w3id.org/aikg/entity/x> ?p ?o } #")})


def test_store_lock_is_not_kept_by_forked_children(tmp_path: Path) -> None:
    # extraction workers are forked while the build holds the store: when the build ends (or
    # is killed), a worker still finishing must not keep the store locked
    import os
    import signal

    store = open_store(tmp_path / "s")
    child = os.fork()
    if child == 0:  # the worker: outlives its parent's hold on the store
        signal.pause()
        os._exit(0)
    try:
        store.close()
        reopened = open_store(tmp_path / "s")  # E206 if the child still held the lock
        reopened.close()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
