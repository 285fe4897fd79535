"""The synthetic corpus: deterministic, bilingual, and consistent with its own ground truth."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from aikg.documents.loaders import find_sources, load_source
from aikg.extract.records import Document
from benchmarks.synthetic import generate_articles, write_corpus, write_nquads


def test_synthetic_is_deterministic_per_seed() -> None:
    first = [a.document.text for a in generate_articles(5, seed=3)]
    assert first == [a.document.text for a in generate_articles(5, seed=3)]
    assert first != [a.document.text for a in generate_articles(5, seed=4)]


def test_synthetic_has_both_languages_and_varied_text() -> None:
    articles = generate_articles(40, seed=1)
    assert {a.document.language for a in articles} == {"en", "fr"}
    sentences = {r.evidence.sentence for a in articles for r in a.extraction.relations}
    assert len(sentences) > 200


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_synthetic_offsets_point_at_the_text(seed: int) -> None:
    for article in generate_articles(10, seed=seed):
        text = article.document.text
        for mention in article.extraction.mentions:
            assert text[mention.start:mention.end] == mention.text
        for relation in article.extraction.relations:
            assert text[relation.evidence.start:relation.evidence.end] == relation.evidence.sentence


def test_synthetic_corpus_reads_back_as_documents(tmp_path: Path) -> None:
    articles = generate_articles(3, seed=0)
    write_corpus(tmp_path, articles)
    loaded = [d for s in find_sources([tmp_path]) if not isinstance(s, Exception)
              for d in load_source(s)]
    assert all(isinstance(d, Document) for d in loaded) and len(loaded) == 3
    texts = {a.document.text for a in articles}
    assert {d.text.strip() for d in loaded if isinstance(d, Document)} == {t.strip() for t in texts}


def test_synthetic_nquads_parse_and_stop_at_the_limit() -> None:
    buffer = io.StringIO()
    docs, quads = write_nquads(buffer, generate_articles(20, seed=0), max_quads=1000)
    assert quads >= 1000 and docs < 20
    store = ox.Store()
    store.load(buffer.getvalue().encode(), format=ox.RdfFormat.N_QUADS)
    assert len(store) <= quads and len(list(store.named_graphs())) == docs
