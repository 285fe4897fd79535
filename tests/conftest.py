"""Shared fixtures: paths to the corpora, hand-made extraction records, stores in tmp folders.

Model-loading fixtures are session-scoped so each spaCy pipeline loads once per test run.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

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
from aikg.graph.store import KnowledgeStore, open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "sample"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared/seeds is absent on this machine)")
    return SEEDS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path / "store") as kstore:
        yield kstore


def make_extraction(doc_id: str = "a.md", text: str | None = None, *, ceo: str = "Arthur Mensch") -> Extraction:
    """A small, hand-made extraction: a person leading an organisation that raised an amount."""
    sentence = f"{ceo}, CEO of Mistral AI, said the company raised €105 million."
    text = text or sentence
    document = Document(doc_id=doc_id, text=text, source=f"/tmp/{doc_id}", title="Mistral raises",
                        language="en", url="https://news.test/mistral")
    person_key = "person/" + ceo.lower().replace(" ", "-")
    entities = (
        EntityRecord(person_key, ceo, EntityType.PERSON, aliases=(ceo,)),
        EntityRecord("mistral-ai", "Mistral AI", EntityType.ORGANIZATION, aliases=("Mistral AI", "Mistral"),
                     wikidata="Q124386929", in_knowledge_base=True),
        EntityRecord("amount/EUR-105000000", "€105 million", EntityType.MONETARY_AMOUNT,
                     amount=Decimal("105000000"), currency="EUR"),
    )
    evidence = Evidence(doc_id, sentence, 0, len(sentence))
    relations = (
        RelationRecord(person_key, "leads", "mistral-ai", evidence, "test:appos", 0.9),
        RelationRecord(person_key, "worksFor", "mistral-ai", evidence, "test:implied", 0.9),
        RelationRecord("mistral-ai", "raised", "amount/EUR-105000000", evidence, "test:raised", 0.8),
    )
    mentions = (Mention(person_key, ceo, 0, len(ceo), 0, len(sentence)),
                Mention("mistral-ai", "Mistral AI", len(ceo) + 9, len(ceo) + 19, 0, len(sentence)))
    return Extraction(document, entities, mentions, relations, (CoMention(person_key, "mistral-ai", 1),),
                      models=("test==0",))


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once per test session (loads the spaCy pipelines once)."""
    from aikg.pipeline import build

    location = tmp_path_factory.mktemp("sample") / "store"
    report = build([SAMPLE], location)
    assert report.ok, report.failed
    return location
