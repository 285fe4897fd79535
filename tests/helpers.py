"""What tests share besides fixtures: the paths of the corpora and gold files (defined once) and
hand-made extraction records. Tests import these (``from tests.helpers import ...``); fixtures
stay in ``conftest.py``, which pytest loads by itself.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.pipeline import Extractor
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

REPO = Path(__file__).resolve().parents[1]
#: The bundled sample corpus (13 articles, EN/FR).
SAMPLE = REPO / "corpus" / "sample"
#: The five seed articles, beside the repository (absent on some machines: tests skip).
SEEDS = REPO.parent / "shared" / "seeds"
#: Gold annotations (tests/gold/README.md).
GOLD = REPO / "tests" / "gold"


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


def named_rows(store: object, name: str, **params: str) -> list[dict[str, str]]:
    """The rows of the named query ``name`` as dicts of text (unbound cells left out)."""
    from aikg.queries import run_named

    answer = run_named(store, name, params)  # type: ignore[arg-type]
    return [{v: str(c) for v, c in zip(answer.variables, row, strict=True) if c is not None} for row in answer.rows]


def labelled_facts(extractor: Extractor, text: str, language: str, *,
                   stated_only: bool = False) -> set[tuple[str, str, str, str]]:
    """The facts ``extractor`` reads in ``text``, as (subject label, predicate, object label, status);
    with ``stated_only``, the hedged ones left out."""
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object), r.status.value)
            for r in out.relations if not (stated_only and r.hedged)}


def extracted_facts(extractor: Extractor, text: str, language: str = "en") -> set[tuple[str, str, str, str]]:
    """The facts ``extractor`` reads in ``text``, as (subject label, predicate, object label, extractor):
    for a test that names the rule it needs."""
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], r.predicate, labels[r.object], r.extractor) for r in out.relations}


def predicate_pairs(extractor: Extractor, text: str, predicate: str, language: str = "en", *,
                    with_hedged: bool = False) -> set[tuple[str, str]]:
    """The (subject key, object key) of each ``predicate`` fact read in ``text``; hedged facts are
    left out unless ``with_hedged``."""
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.object) for r in out.relations
            if r.predicate == predicate and (with_hedged or not r.hedged)}


def candidate_pairs(nlp: Language, text: str, predicate: str, extractor_prefix: str = "") -> set[tuple[str, str]]:
    """The (subject text, object text) of the relation finder's ``predicate`` candidates in ``text``
    whose extractor starts with ``extractor_prefix`` (a demonym's place, which has no span, left out)."""
    doc = nlp(text)
    return {(doc[c.subject_start:c.subject_end].text, doc[c.object_start:c.object_end].text)
            for c in relation_candidates(doc)
            if c.predicate == predicate and c.object_end >= 0 and c.extractor.startswith(extractor_prefix)}


def entity_types(extractor: Extractor, text: str, language: str = "en") -> dict[str, str]:
    """The entities ``extractor`` finds in ``text``, as label -> type."""
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {e.label: e.type.value for e in out.entities}
