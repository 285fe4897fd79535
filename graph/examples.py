"""A small hand-made store for examples, doctests and quick experiments (not test fixtures:
those live in ``tests/``; this one is what the docstrings of the analyses run on).

>>> with demo_store() as store:
...     len(store.documents())
2
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    FundingRoundRecord,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore, open_store

__all__ = ["demo_store"]


@contextmanager
def demo_store() -> Iterator[KnowledgeStore]:
    """A throw-away store of two hand-made documents, for examples and quick experiments.

    ``a.md`` (2024-06-11): Arthur Mensch leads and works for Mistral AI, which is based in
    Paris and raised €105 million from Bpifrance. ``b.md`` (2025-02-09): Emmanuel Macron
    announced €109 billion; Arthur Mensch leads Mistral AI.
    """
    def entity(key: str, label: str, kind: EntityType, wikidata: str | None = None, **more: Any) -> EntityRecord:
        return EntityRecord(key, label, kind, aliases=(label,), wikidata=wikidata, **more)

    ceo = entity("person/arthur-mensch", "Arthur Mensch", EntityType.PERSON)
    mistral = EntityRecord("mistral-ai", "Mistral AI", EntityType.ORGANIZATION, aliases=("Mistral AI", "Mistral"),
                           wikidata="Q124386929", in_knowledge_base=True, country="france")
    paris = entity("paris", "Paris", EntityType.PLACE, "Q90", country="france")
    bpi = entity("bpifrance", "Bpifrance", EntityType.ORGANIZATION, country="france", public=True)
    macron = EntityRecord("emmanuel-macron", "Emmanuel Macron", EntityType.PERSON, ("Emmanuel Macron", "Macron"),
                          "Q3052772", public=True)
    round_ = entity("amount/EUR-105000000", "€105 million", EntityType.MONETARY_AMOUNT,
                    amount=Decimal("105000000"), currency="EUR")
    plan = entity("amount/EUR-109000000000", "€109 billion", EntityType.MONETARY_AMOUNT,
                  amount=Decimal("109000000000"), currency="EUR")
    documents = {
        "a.md": (date(2024, 6, 11),
                 "Arthur Mensch, CEO of Mistral AI, said the Paris company raised €105 million from Bpifrance.",
                 (ceo, mistral, paris, bpi, round_),
                 [(ceo, "leads", mistral, 0.9), (ceo, "worksFor", mistral, 0.7), (mistral, "raised", round_, 0.8),
                  (mistral, "basedIn", paris, 0.6), (bpi, "investsIn", mistral, 0.7)],
                 [(ceo, mistral, 1), (mistral, round_, 2), (bpi, mistral, 1)]),
        "b.md": (date(2025, 2, 9),
                 "Emmanuel Macron announced €109 billion for AI as Arthur Mensch, CEO of Mistral AI, looked on.",
                 (ceo, mistral, macron, plan),
                 [(ceo, "leads", mistral, 0.9), (ceo, "worksFor", mistral, 0.7), (macron, "announced", plan, 0.8)],
                 [(ceo, mistral, 1), (macron, ceo, 1), (macron, mistral, 1)]),
    }
    run = ExtractionRun("demo")
    with tempfile.TemporaryDirectory(prefix="aikg-demo-") as folder, open_store(Path(folder) / "store") as store:
        for doc_id, (published, sentence, entities, facts, pairs) in documents.items():
            document = Document(doc_id, sentence, f"/tmp/{doc_id}", title=f"News {doc_id}", language="en",
                                published=published)
            evidence = Evidence(doc_id, sentence, 0, len(sentence))
            relations = tuple(RelationRecord(s.key, p, o.key, evidence, f"demo:{p}", c) for s, p, o, c in facts)
            comentions = tuple(CoMention(a.key, b.key, w) for a, b, w in pairs)
            rounds = tuple(FundingRoundRecord(s.key, evidence, o.amount, o.currency, o.key, date=published,
                                              leads=("bpifrance",)) for s, p, o, _ in facts if p == "raised")
            extraction = Extraction(document, entities, (), relations, comentions, models=("demo==0",), rounds=rounds)
            store.replace_document(doc_id, extraction_quads(extraction, run))
        refresh_rounds(store)
        yield store
