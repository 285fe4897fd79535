"""``write_documents``: new documents by bulk ingest, each still all-or-nothing, and recovery.

The bulk loader of Oxigraph is not transactional; these tests check the protocol around it
(pending list, content hashes last, recovery on open) against the transactional path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDFS, URIRef

from aikg.errors import StoreError
from aikg.graph.build import ExtractionRun, Quad, extraction_quads
from aikg.graph.namespaces import AIKG
from aikg.graph.store import open_store
from aikg.graph.store.local import LocalStore
from tests.helpers import make_extraction

RUN = ExtractionRun("test-run")
CEOS = ["Arthur Mensch", "Jane Doe", "Ada Lovelace", "Grace Hopper", "Alan Turing", "Sam Altman"]


def _doc(doc_id: str, ceo: str, *, version: str = "v1") -> tuple[str, list[Quad]]:
    extraction = make_extraction(doc_id, ceo=ceo)
    return doc_id, list(extraction_quads(extraction, RUN, content_hash=f"{version}-{doc_id}-{ceo}"))


def _docs(n: int, prefix: str = "d") -> list[tuple[str, list[Quad]]]:
    return [_doc(f"{prefix}{i}.md", CEOS[i % len(CEOS)]) for i in range(n)]


def _all(store: LocalStore) -> set[str]:
    return {str(q) for q in store.oxigraph}


def _state_graph(store: LocalStore) -> list[Any]:
    return list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode("https://w3id.org/aikg/store/pending-writes")))


def test_bulk_batch_stores_what_transactions_store(tmp_path: Path) -> None:
    docs = _docs(6)
    with open_store(tmp_path / "bulk") as bulk, open_store(tmp_path / "one-by-one") as single:
        assert isinstance(bulk, LocalStore) and isinstance(single, LocalStore)
        assert bulk.write_documents(docs) == [len(q) for _, q in docs]
        for doc_id, quads in docs:
            single.replace_document(doc_id, quads)
        assert _all(bulk) == _all(single) and len(bulk) > 0
        assert _state_graph(bulk) == []  # the pending list is cleared
        assert {d.doc_id for d in bulk.documents()} == {doc_id for doc_id, _ in docs}
        assert all(bulk.content_hash(doc_id) for doc_id, _ in docs)


def test_batch_mixes_new_changed_and_bad_documents(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        assert isinstance(store, LocalStore)
        store.replace_document(*_doc("old.md", "Arthur Mensch"))
        wrong_graph = [(s, p, o, URIRef("https://example.org/other")) for s, p, o, _ in _doc("bad.md", "Jane Doe")[1]]
        batch = [*_docs(5), _doc("old.md", "Jane Doe", version="v2"), ("bad.md", wrong_graph)]
        results = store.write_documents(batch)
        assert [r for r in results[:6]] == [len(q) for _, q in batch[:6]]
        assert isinstance(results[6], StoreError) and results[6].code == "E203"
        graph = store.document_graph("old.md")
        leaders = {str(graph.value(p, RDFS.label)) for p in graph.subjects(AIKG.leads, None)}
        assert leaders == {"Jane Doe"}  # the changed document replaced its facts
        assert store.content_hash("bad.md") is None


class _Crash(BaseException):
    """The process dying: nothing after it runs (no except clause of aikg catches it)."""


class _FailingBulk:
    """A pyoxigraph store whose bulk ingest writes part of its input, then fails."""

    def __init__(self, inner: ox.Store, keep: int, error: BaseException) -> None:
        self._inner, self._keep, self._error = inner, keep, error

    def bulk_extend(self, quads: Iterator[ox.Quad]) -> None:
        self._inner.extend([q for _, q in zip(range(self._keep), quads, strict=False)])
        raise self._error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_failed_bulk_write_is_undone_then_written_by_transactions(tmp_path: Path) -> None:
    docs = _docs(5)
    with open_store(tmp_path / "s") as store, open_store(tmp_path / "ref") as reference:
        assert isinstance(store, LocalStore) and isinstance(reference, LocalStore)
        store.replace_document(*_doc("kept.md", "Grace Hopper"))
        reference.replace_document(*_doc("kept.md", "Grace Hopper"))
        for doc_id, quads in docs:
            reference.replace_document(doc_id, quads)
        inner = store.oxigraph
        store._inner = _FailingBulk(inner, keep=40, error=OSError("disk full (simulated)"))  # type: ignore[assignment]
        assert store.write_documents(docs) == [len(q) for _, q in docs]
        store._inner = inner
        assert _all(store) == _all(reference)
        assert _state_graph(store) == []


@pytest.mark.parametrize("keep", [0, 25, 10_000])
def test_interrupted_bulk_write_is_undone_when_the_store_opens(tmp_path: Path, keep: int) -> None:
    """A crash between the ingest and the content hashes: the pending documents are dropped,
    with what they alone added to the merged default graph; documents stored before stay."""
    path = tmp_path / "s"
    with open_store(path) as store:
        assert isinstance(store, LocalStore)
        store.replace_document(*_doc("kept.md", "Arthur Mensch"))  # shares Mistral AI's facts with the batch
        before = _all(store)
        inner = store.oxigraph
        store._inner = _FailingBulk(inner, keep=keep, error=_Crash())  # type: ignore[assignment]
        with pytest.raises(_Crash):
            store.write_documents(_docs(5))
        store._inner = inner
        del inner  # the store is closed below: no reference to RocksDB may outlive it
        assert _state_graph(store) != []  # the pending list survived the "crash"
    with pytest.raises(StoreError, match=r"unfinished write of 5 documents.*aikg build") as refused:
        open_store(path, read_only=True)  # a reader must not see half-written documents
    assert refused.value.code == "E211"
    with open_store(path) as reopened:
        assert isinstance(reopened, LocalStore)
        assert _state_graph(reopened) == []
        assert _all(reopened) == before
        assert [d.doc_id for d in reopened.documents()] == ["kept.md"]
        # and the batch can be written again
        assert all(isinstance(n, int) for n in reopened.write_documents(_docs(5)))
        assert len(reopened.documents()) == 6


def test_same_document_twice_in_a_batch_keeps_the_last(tmp_path: Path) -> None:
    batch = [*_docs(4), _doc("d1.md", "Sam Altman", version="v2")]
    with open_store(tmp_path / "s") as store, open_store(tmp_path / "ref") as reference:
        assert isinstance(store, LocalStore) and isinstance(reference, LocalStore)
        assert all(isinstance(n, int) for n in store.write_documents(batch))
        for doc_id, quads in batch:
            reference.replace_document(doc_id, quads)
        assert _all(store) == _all(reference)
        graph = store.document_graph("d1.md")
        assert {str(graph.value(p, RDFS.label)) for p in graph.subjects(AIKG.leads, None)} == {"Sam Altman"}
