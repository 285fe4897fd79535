"""The Dask engine writes the same graphs as the local build (run IRIs and timestamps aside).

Runs on a small in-process ``LocalCluster`` (threads, two workers). A tiny deterministic
extractor stands in for spaCy in the fast tests; the ``model`` test uses the real one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aikg.distributed import build_distributed, extract_partition, partitions, quads_from_nquads
from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun
from aikg.graph.store import open_store
from aikg.pipeline import build

distributed = pytest.importorskip("distributed")

_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")


class WordExtractor:
    """Capitalised words are organisations; consecutive ones are partners. Deterministic, no spaCy."""

    def extract(self, document: Document) -> Extraction:
        if "BOOM" in document.text:
            raise ValueError("cannot read this one")
        found = list(_NAME.finditer(document.text))
        keys = [f"organization/{m.group().lower()}" for m in found]
        entities = {k: EntityRecord(k, m.group(), EntityType.ORGANIZATION, aliases=(m.group(),))
                    for k, m in zip(keys, found, strict=True)}
        mentions = tuple(Mention(k, m.group(), m.start(), m.end(), 0, len(document.text))
                         for k, m in zip(keys, found, strict=True))
        evidence = Evidence(document.doc_id, document.text, 0, len(document.text))
        pairs = [(a, b) for a, b in itertools.pairwise(keys) if a != b]
        relations = tuple(RelationRecord(a, "partnerOf", b, evidence, "words", 0.5) for a, b in pairs)
        comentions = tuple(CoMention(*sorted((a, b)), 1) for a, b in sorted(set(pairs)))
        return Extraction(document, tuple(entities.values()), mentions, relations, comentions,
                          models=("words==0",))

    def extract_many(self, documents: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        for document in documents:
            yield self.extract(document)


def make_words_extractor() -> Any:
    return WordExtractor()


def _corpus(folder: Path, n: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = ["Mistral", "Nvidia", "Scaleway", "Helsing", "Anthropic", "Google", "Meta", "Kyutai"]
    for i in range(n):
        text = f"{names[i % 8]} signed with {names[(i + 1) % 8]} and {names[(i + 3) % 8]} in Paris."
        (folder / f"{i:02d}.md").write_text(f"---\ntitle: Doc {i}\ndate: 2025-01-0{1 + i % 9}\n---\n{text}\n")
    return folder


def _normalised(store_path: Path) -> set[str]:
    """The store's quads as N-Quads lines, run IRIs replaced and start times dropped."""
    with open_store(store_path, read_only=True) as kstore:
        lines = {" ".join(term.n3() for term in quad) for quad in kstore.quads()}
    lines = {line for line in lines if "startedAtTime" not in line}
    return {re.sub(r"<https://w3id.org/aikg/run/[^>]+>", "<run>", line) for line in lines}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as dask_client:
        yield dask_client


def test_distributed_same_graphs_as_local(tmp_path: Path, client: Any) -> None:
    corpus = _corpus(tmp_path / "corpus")
    local = build([corpus], tmp_path / "local", extractor=WordExtractor())
    remote = build_distributed([corpus], tmp_path / "dask", scheduler=client, partition_size=2,
                               factory=make_words_extractor)
    assert remote.ok and local.ok
    assert remote.written == local.written
    assert remote.quads == local.quads
    assert _normalised(tmp_path / "dask") == _normalised(tmp_path / "local")


def test_distributed_skips_unchanged_documents(tmp_path: Path, client: Any) -> None:
    corpus = _corpus(tmp_path / "corpus", 3)
    build_distributed([corpus], tmp_path / "s", scheduler=client, factory=make_words_extractor)
    again = build_distributed([corpus], tmp_path / "s", scheduler=client, factory=make_words_extractor)
    assert again.written == [] and len(again.unchanged) == 3


def test_distributed_bad_document_fails_alone(tmp_path: Path, client: Any) -> None:
    corpus = _corpus(tmp_path / "corpus", 4)
    (corpus / "02.md").write_text("Mistral went BOOM with Nvidia.\n")
    report = build_distributed([corpus], tmp_path / "s", scheduler=client, partition_size=4,
                               factory=make_words_extractor)
    assert len(report.written) == 3
    assert len(report.failed) == 1 and "02.md" in report.failed[0] and "cannot read" in report.failed[0]


def test_distributed_partitions_through_shared_folder(tmp_path: Path, client: Any) -> None:
    corpus = _corpus(tmp_path / "corpus", 5)
    report = build_distributed([corpus], tmp_path / "s", scheduler=client, partition_size=2,
                               output=tmp_path / "parts", factory=make_words_extractor)
    assert report.ok and len(report.written) == 5
    assert len(list((tmp_path / "parts").glob("*.nq"))) == 3


def test_extract_partition_round_trips_nquads() -> None:
    docs = [Document(f"d{i}", f"Mistral meets Nvidia {i}", source=f"d{i}.txt") for i in range(3)]
    run = ExtractionRun("r1")
    result = extract_partition(0, docs, run, factory=make_words_extractor)
    graphs = quads_from_nquads(result.data())
    assert result.doc_ids == ["d0", "d1", "d2"] and len(graphs) == 3
    assert [len(p) for p in partitions(docs, 2)] == [2, 1]


@pytest.mark.model
def test_distributed_real_extractor_matches_local(tmp_path: Path, client: Any, sample_dir: Path) -> None:
    local = build([sample_dir], tmp_path / "local")
    remote = build_distributed([sample_dir], tmp_path / "dask", scheduler=client, partition_size=3)
    assert remote.ok and local.ok and sorted(remote.written) == sorted(local.written)
    assert _normalised(tmp_path / "dask") == _normalised(tmp_path / "local")
    again = build_distributed([sample_dir], tmp_path / "dask", scheduler=client, partition_size=3)
    assert again.written == [] and sorted(again.unchanged) == sorted(local.written)  # hashes of the files as read


def test_local_engine_bad_document_fails_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in [("a.txt", "Alpha works with Beta."), ("b.txt", "BOOM Gamma."), ("c.txt", "Delta and Epsilon.")]:
        (corpus / name).write_text(text, encoding="utf-8")
    report = build([corpus], tmp_path / "store", extractor=WordExtractor())
    assert sorted(report.written) == ["a.txt", "c.txt"]
    assert len(report.failed) == 1 and "b.txt" in report.failed[0] and "cannot read this one" in report.failed[0]
