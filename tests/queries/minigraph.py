"""A small hand-made graph that every named query has something to say about.

Three documents, built from extraction records (no spaCy model), so the query tests run in a
second and state exactly what a reader of these sentences would expect.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from aikg.extract.records import (
    CoMention,
    DateSource,
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
from aikg.graph.store import open_store

P, ORG, PL, EV, AM, PR = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.EVENT,
                        EntityType.MONETARY_AMOUNT, EntityType.PRODUCT)

ENTITIES = {
    "arthur-mensch": EntityRecord("arthur-mensch", "Arthur Mensch", P, ("Arthur Mensch", "Mensch")),
    "guillaume-lample": EntityRecord("guillaume-lample", "Guillaume Lample", P, ("Lample",)),
    "sam-altman": EntityRecord("sam-altman", "Sam Altman", P, ("Altman",)),
    "emmanuel-macron": EntityRecord("emmanuel-macron", "Emmanuel Macron", P, ("Macron",)),
    "person/jane-doe": EntityRecord("person/jane-doe", "Jane Doe", P),
    "mistral-ai": EntityRecord("mistral-ai", "Mistral AI", ORG, ("Mistral", "MistralAI")),
    "mistral-7b": EntityRecord("mistral-7b", "Mistral 7B", PR, ("Mistral",)),
    "openai": EntityRecord("openai", "OpenAI", ORG, ("Open AI",)),
    "microsoft": EntityRecord("microsoft", "Microsoft", ORG),
    "paris": EntityRecord("paris", "Paris", PL),
    "france": EntityRecord("france", "France", PL),
    "san-francisco": EntityRecord("san-francisco", "San Francisco", PL),
    "united-states": EntityRecord("united-states", "United States", PL, ("US",)),
    "ai-action-summit": EntityRecord("ai-action-summit", "AI Action Summit", EV),
    "amount/EUR-600000000": EntityRecord("amount/EUR-600000000", "€600 million", AM,
                                         amount=Decimal("600000000"), currency="EUR"),
    "amount/USD-10000000000": EntityRecord("amount/USD-10000000000", "$10 billion", AM,
                                           amount=Decimal("10000000000"), currency="USD"),
}

#: doc id -> (sentence, facts stated by the sentence), co-mentions (a, b, weight)
DOCUMENTS: dict[str, tuple[list[tuple[str, list[tuple[str, str, str]]]], list[tuple[str, str, int]]]] = {
    "mistral.md": (
        [
            ("Arthur Mensch, CEO of Mistral AI, co-founded the Paris start-up with Guillaume Lample.",
             [("arthur-mensch", "leads", "mistral-ai"), ("arthur-mensch", "founded", "mistral-ai"),
              ("guillaume-lample", "founded", "mistral-ai"), ("mistral-ai", "basedIn", "paris")]),
            ("Mistral AI raised €600 million in a round joined by Microsoft.",
             [("mistral-ai", "raised", "amount/EUR-600000000"), ("microsoft", "investsIn", "mistral-ai")]),
            ("Paris is the capital of France.", [("paris", "basedIn", "france")]),
            ("Mistral AI released Mistral 7B.", [("mistral-ai", "develops", "mistral-7b")]),
        ],
        [("arthur-mensch", "mistral-ai", 2), ("guillaume-lample", "mistral-ai", 1), ("microsoft", "mistral-ai", 1)],
    ),
    "summit.md": (
        [
            ("Emmanuel Macron opened the AI Action Summit in Paris.",
             [("emmanuel-macron", "attended", "ai-action-summit"), ("ai-action-summit", "heldIn", "paris")]),
            ("Arthur Mensch, who leads Mistral AI, and Sam Altman attended the AI Action Summit.",
             [("arthur-mensch", "attended", "ai-action-summit"), ("sam-altman", "attended", "ai-action-summit"),
              ("arthur-mensch", "leads", "mistral-ai")]),
        ],
        [("arthur-mensch", "mistral-ai", 1), ("ai-action-summit", "emmanuel-macron", 3),
         ("arthur-mensch", "sam-altman", 1)],
    ),
    "openai.md": (
        [
            ("Sam Altman, chief executive of OpenAI, spoke in San Francisco.",
             [("sam-altman", "leads", "openai"), ("openai", "basedIn", "san-francisco"),
              ("san-francisco", "basedIn", "united-states")]),
            ("OpenAI raised $10 billion from Microsoft.",
             [("openai", "raised", "amount/USD-10000000000"), ("microsoft", "investsIn", "openai")]),
            ("Jane Doe, a researcher at OpenAI, spoke too.", [("person/jane-doe", "worksFor", "openai")]),
        ],
        [("openai", "sam-altman", 2), ("microsoft", "openai", 1)],
    ),
}


#: doc id -> the funding round its sentence reports: (company, amount key, date, investors who take part)
ROUNDS: dict[str, tuple[str, str, date, tuple[str, ...]]] = {
    "mistral.md": ("mistral-ai", "amount/EUR-600000000", date(2024, 6, 11), ("microsoft",)),
    "openai.md": ("openai", "amount/USD-10000000000", date(2023, 1, 23), ("microsoft",)),
}


def extraction(doc_id: str) -> Extraction:
    sentences, comentions = DOCUMENTS[doc_id]
    text = " ".join(s for s, _ in sentences)
    document = Document(doc_id=doc_id, text=text, source=f"/tmp/{doc_id}", title=f"About {doc_id[:-3]}",
                        language="en", url=f"https://news.test/{doc_id[:-3]}")
    relations, used, offset = [], set(), 0
    for sentence, facts in sentences:
        evidence = Evidence(doc_id, sentence, offset, offset + len(sentence))
        offset += len(sentence) + 1
        for s, p, o in facts:
            relations.append(RelationRecord(s, p, o, evidence, "test:hand", 0.9))
            used |= {s, o}
    used |= {k for a, b, _ in comentions for k in (a, b)}
    entities = tuple(ENTITIES[k] for k in sorted(used))
    rounds = ()
    if doc_id in ROUNDS:
        company, amount, when, investors = ROUNDS[doc_id]
        stated = next(r.evidence for r in relations if r.predicate == "raised")
        rounds = (FundingRoundRecord(company, stated, ENTITIES[amount].amount, ENTITIES[amount].currency, amount,
                                     date=when, date_source=DateSource.TEXT, participants=investors),)
    return Extraction(document, entities, (), tuple(relations),
                      tuple(CoMention(a, b, w) for a, b, w in comentions), models=("test==0",), rounds=rounds)


def build_mini_store(path: Path) -> Path:
    """Write the three documents into a new store at ``path`` and return the path."""
    run = ExtractionRun("mini")
    with open_store(path) as store:
        for doc_id in DOCUMENTS:
            store.replace_document(doc_id, extraction_quads(extraction(doc_id), run))
        refresh_rounds(store)
    return path
