"""Plain records that extraction hands to the graph layer.

``extract/`` knows nothing of RDF: it turns a document's text into these small, frozen,
typed records (the textacy idea: a spaCy ``Doc`` in, records out). ``aikg.graph.build``
turns them into RDF and never re-parses text. Keeping this module dependency-free makes
the contract between the two halves easy to read and to test.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "DEAL_PREDICATES",
    "PREDICATES",
    "SYMMETRIC_PREDICATES",
    "CoMention",
    "DateSource",
    "Document",
    "EditionRecord",
    "EntityRecord",
    "EntityType",
    "Evidence",
    "Extraction",
    "FactStatus",
    "FundingRoundRecord",
    "Mention",
    "RelationRecord",
]


class EntityType(StrEnum):
    """The ontology classes an entity can have (local names of ``aikg:`` classes)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    EVENT = "Event"
    PRODUCT = "Product"
    MONETARY_AMOUNT = "MonetaryAmount"


#: Typed relation predicates (local names in the ontology). ``mentionedWith`` is kept apart
#: (see :class:`CoMention`) because it is a weak statistical link, not a stated fact.
PREDICATES: frozenset[str] = frozenset(
    {
        "leads",
        "founded",
        "worksFor",
        "investsIn",
        "raised",
        "basedIn",
        "develops",
        "partnerOf",
        "acquired",
        "attended",
        "heldIn",
        "announced",
    }
)
#: Predicates whose direction carries no meaning (``A partnerOf B`` is ``B partnerOf A``): one
#: fact per pair in a document, and a gold fact matches either way round.
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"partnerOf"})
#: Predicates of a deal, which may be reported as not having happened ("X *almost* bought Y").
DEAL_PREDICATES: frozenset[str] = frozenset({"acquired", "partnerOf"})


@dataclass(frozen=True)
class Document:
    """One source document, already decoded to text, with its metadata.

    ``doc_id`` is stable for a given source (its path relative to the ingest root, or the
    JSONL record id), so that re-ingesting the same file targets the same named graph;
    ``content_hash`` tells whether the text changed since the last ingest.
    """

    doc_id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    language: str | None = None
    published: date | None = None
    author: str | None = None
    #: the publication's name (``og:site_name``, a feed's title)
    site_name: str | None = None
    #: who may hold ``doc_id``: the canonical URL of a web document, else the file it was read
    #: from; a later source with another origin cannot take the id over (``aikg.pipeline``)
    origin: str | None = None
    #: read from a feed item (a summary, often): never replaces a stored document of its id
    from_feed: bool = False
    #: the address a page was fetched or saved from, when its canonical URL is another: a feed
    #: item linking there is this document
    fetched_from: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and metadata: equal hashes mean nothing to re-extract."""
        h = hashlib.sha256()
        for part in (self.text, self.title, self.url, self.language, self.published, self.author):
            h.update(str(part).encode("utf-8"))
            h.update(b"\x1f")
        if self.site_name:  # hashed only when set: documents without it keep their stored hash
            h.update(f"site_name={self.site_name}".encode())
        return h.hexdigest()


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence text and its character span in the document."""

    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityRecord:
    """One resolved real-world actor or thing as found in one document.

    ``key`` is the stable identity used for the IRI: the knowledge-base id when the entity
    was resolved against the knowledge base (``"mistral-ai"``), otherwise a deterministic
    key derived from type and normalised name (``"person/jane-doe"``) so that the same unknown
    entity in two documents becomes one node. ``aliases`` are all surface forms seen in this
    document. ``resolution`` explains how mentions were merged (rule and aliases), so that
    every merge can be audited.
    """

    key: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    resolution: tuple[str, ...] = ()
    amount: Decimal | None = None
    currency: str | None = None
    in_knowledge_base: bool = False
    #: From the knowledge base: the key of the entity's country (a place's country, an
    #: organisation's headquarters, a country's own key) and whether it is a public actor. The
    #: graph records both, so that analyses read them from the store, not from extract/data/.
    country: str | None = None
    public: bool = False


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the text (character offsets into ``Document.text``)."""

    entity_key: str
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class FactStatus(StrEnum):
    """Whether a stated relation holds at the time of writing (Wikidata's end time, in one word).

    ``former`` comes from the text ("the former chief executive of", "ancienne chercheuse chez",
    "who left X in 2023"); everything else is ``current`` as of the document's date.
    """

    CURRENT = "current"
    FORMER = "former"


@dataclass(frozen=True)
class RelationRecord:
    """A typed fact ``subject predicate object`` with the sentence that states it.

    ``status`` tells a former role from a current one; ``hedged`` marks a statement the text
    does not assert ("in talks to", "reportedly", "a démenti"): kept as evidence, with a low
    confidence, and left out of default views and queries. ``start`` / ``end`` are the dates the
    text gives for the fact (P580 / P582), ``None`` when it gives none.
    """

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    extractor: str
    confidence: float
    status: FactStatus = FactStatus.CURRENT
    hedged: bool = False
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(f"unknown predicate {self.predicate!r}; expected one of {sorted(PREDICATES)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")


class DateSource(StrEnum):
    """Where a dated fact's date comes from: the text ("in June", "en décembre 2023", resolved
    against the publication date) or, when the text gives none, the publication date itself."""

    TEXT = "text"
    PUBLISHED = "published"


@dataclass(frozen=True)
class FundingRoundRecord:
    """One funding round as one document reports it (``extract/rounds.py`` reads it).

    ``company`` and the investors are entity keys; ``amount_key`` is the key of the
    :class:`EntityRecord` of the amount (what ``raised`` points to). ``stage`` is one of
    ``pre-seed, seed, series-a .. series-h, debt, grant`` or ``None`` when the text does not say.
    ``leads`` and ``participants`` are kept apart ("led by" vs "included"); a valuation is
    never a raise: it is kept here, not as a round. The graph merges the reports of one
    real-world round across documents (``aikg.graph.rounds``).
    """

    company: str
    evidence: Evidence
    amount: Decimal | None = None
    currency: str | None = None
    amount_key: str | None = None
    stage: str | None = None
    date: date | None = None
    date_source: DateSource = DateSource.PUBLISHED
    leads: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    valuation: Decimal | None = None
    valuation_currency: str | None = None


@dataclass(frozen=True)
class EditionRecord:
    """Which edition of a recurring event (VivaTech 2023 of the series VivaTech) some facts of a
    document are about, so that attendance is dated by the edition (``extract/editions.py``).

    ``facts`` are ``(subject, predicate, object, evidence start)`` of the relations it dates.
    """

    series: str
    key: str
    label: str
    start: date
    end: date | None = None
    place: str | None = None
    facts: tuple[tuple[str, str, str, int], ...] = ()


@dataclass(frozen=True)
class CoMention:
    """Two entities named in the same sentence(s) of one document; ``weight`` counts sentences."""

    a: str
    b: str
    weight: int


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[EntityRecord, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationRecord, ...] = ()
    comentions: tuple[CoMention, ...] = ()
    dates: tuple[date, ...] = ()
    models: tuple[str, ...] = field(default=())
    rounds: tuple[FundingRoundRecord, ...] = ()
    editions: tuple[EditionRecord, ...] = ()
