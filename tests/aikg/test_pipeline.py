"""The build end to end with a stand-in extractor: batches survive bad files, reports add up."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from aikg.errors import StoreError
from aikg.extract.records import Document, Extraction
from aikg.graph.store import open_store
from aikg.pipeline import build
from tests.helpers import make_extraction


class FakeExtractor:
    """Gives every document the same hand-made facts; counts what it was asked to extract."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, document: Document) -> Extraction:
        self.seen.append(document.doc_id)
        return replace(make_extraction(document.doc_id), document=replace(document, language="en"))

    def extract_many(self, documents: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        for document in documents:
            yield self.extract(document)


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "good.md").write_text("---\ntitle: Good\n---\nArthur Mensch leads Mistral AI.", encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (root / "feed.jsonl").write_text('{"text": "One."}\n{broken\n', encoding="utf-8")
    return root


def test_pipeline_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    extractor = FakeExtractor()
    report = build([corpus], tmp_path / "store", extractor=extractor)
    assert sorted(report.written) == ["feed.jsonl#1", "good.md"]
    assert len(report.failed) == 3
    failures = "\n".join(report.failed)
    for name in ("empty.txt", "binary.txt", "feed.jsonl:2"):
        assert name in failures
    assert not report.ok and "2 written" in report.summary() and "3 failed" in report.summary()


def test_pipeline_unchanged_documents_are_not_extracted_again(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    build([corpus], tmp_path / "store", extractor=FakeExtractor())
    again = FakeExtractor()
    report = build([corpus], tmp_path / "store", extractor=again)
    assert again.seen == [] and sorted(report.unchanged) == ["feed.jsonl#1", "good.md"]
    (corpus / "good.md").write_text("---\ntitle: Good\n---\nChanged text.", encoding="utf-8")
    changed = FakeExtractor()
    report = build([corpus], tmp_path / "store", extractor=changed)
    assert changed.seen == ["good.md"] and report.written == ["good.md"]


def test_pipeline_duplicate_document_ids_are_failures(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.md").write_text("Text one.", encoding="utf-8")
    (two / "a.md").write_text("Text two.", encoding="utf-8")
    report = build([one, two], tmp_path / "store", extractor=FakeExtractor())
    assert report.written == ["a.md"] and len(report.failed) == 1 and "already used" in report.failed[0]


def test_pipeline_store_problems_are_clear(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match=r"\[E208\] store folder .*store cannot be created"):
        build([tmp_path], blocker / "store", extractor=FakeExtractor())
    with open_store(tmp_path / "locked"), pytest.raises(StoreError, match="in use"):
        build([tmp_path], tmp_path / "locked", extractor=FakeExtractor())


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_pipeline_unwritable_store(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="not writable"):
        build([tmp_path], folder / "store", extractor=FakeExtractor())


def test_pipeline_enormous_document_refused_by_name(tmp_path: Path) -> None:
    corpus = tmp_path / "big"
    corpus.mkdir()
    (corpus / "huge.txt").write_text("Mistral AI raised money. " * 420_000, encoding="utf-8")  # ~10 MB
    (corpus / "ok.txt").write_text("Small and fine.", encoding="utf-8")
    report = build([corpus], tmp_path / "store", extractor=FakeExtractor())
    assert report.written == ["ok.txt"]
    assert len(report.failed) == 1 and "huge.txt" in report.failed[0] and "limit" in report.failed[0]


def test_pipeline_compacts_the_store_after_a_large_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a large build leaves RocksDB uncompacted: joins ran twice as slow at a million quads
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"{i}.md").write_text(f"Arthur Mensch leads Mistral AI, note {i}.", encoding="utf-8")
    compactions: list[int] = []
    with open_store(tmp_path / "store") as store:
        monkeypatch.setattr(store, "flush_every", 3)
        monkeypatch.setattr(store, "optimize", lambda: compactions.append(len(store.documents())))
        build([corpus], store, extractor=FakeExtractor())
        build([corpus], store, extractor=FakeExtractor())  # nothing written: nothing to compact
    assert compactions == [5]
    with open_store(tmp_path / "store") as store:
        store.optimize()  # the real compaction keeps every quad
        assert len(store.documents()) == 5
