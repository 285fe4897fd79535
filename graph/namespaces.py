"""Every namespace the project uses, defined once.

``AIKG`` is a closed :class:`rdflib.namespace.DefinedNamespace` (as rdflib does for FOAF):
a misspelt term raises at import time instead of minting a wrong IRI. The instance namespaces
(entities, documents, evidence, runs) and :data:`PREFIXES` are reused for binding prefixes,
for SPARQL ``initNs`` and for pre-bound query prefixes.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "AIKG",
    "DOC",
    "ENTITY",
    "EVIDENCE",
    "PREFIXES",
    "PREFIX_IRIS",
    "ROUND",
    "ROUNDS_GRAPH",
    "RUN",
    "SCHEMA",
    "WD",
    "document_iri",
    "entity_iri",
    "entity_key",
    "is_plain_iri",
]

BASE = "https://w3id.org/aikg/"


class AIKG(DefinedNamespace):
    """The aikg ontology (``graph/ontology.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    Product: URIRef
    MonetaryAmount: URIRef
    Document: URIRef
    Evidence: URIRef
    ExtractionRun: URIRef
    CoMention: URIRef
    FundingRound: URIRef
    FundingRoundReport: URIRef
    EventEdition: URIRef
    # typed relations
    leads: URIRef
    founded: URIRef
    worksFor: URIRef
    investsIn: URIRef
    raised: URIRef
    basedIn: URIRef
    develops: URIRef
    partnerOf: URIRef
    acquired: URIRef
    attended: URIRef
    heldIn: URIRef
    announced: URIRef
    mentionedWith: URIRef
    # descriptive properties
    mentionedIn: URIRef
    mentionCount: URIRef
    resolution: URIRef
    wikidata: URIRef
    country: URIRef
    publicActor: URIRef
    amountValue: URIRef
    currency: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef
    contentHash: URIRef
    originKey: URIRef
    fetchedFrom: URIRef
    documentId: URIRef
    entity: URIRef
    weight: URIRef
    toolVersion: URIRef
    model: URIRef
    # facts in time (on evidence nodes) and funding rounds
    status: URIRef
    hedged: URIRef
    startDate: URIRef
    endDate: URIRef
    pointInTime: URIRef
    dateSource: URIRef
    company: URIRef
    amount: URIRef
    stage: URIRef
    leadInvestor: URIRef
    participant: URIRef
    valuationValue: URIRef
    valuationCurrency: URIRef
    report: URIRef
    mergeRule: URIRef
    editionOf: URIRef
    edition: URIRef


ENTITY = Namespace(BASE + "entity/")
DOC = Namespace(BASE + "document/")
EVIDENCE = Namespace(BASE + "evidence/")
RUN = Namespace(BASE + "run/")
#: Funding rounds merged across documents (``aikg.graph.rounds``), kept in their own named graph.
ROUND = Namespace(BASE + "round/")
ROUNDS_GRAPH = URIRef(BASE + "graph/funding-rounds")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes bound in every store, export and query (users need not type them).
PREFIXES: dict[str, Namespace] = {
    "aikg": Namespace(str(AIKG._NS)),
    "ent": ENTITY,
    "doc": DOC,
    "ev": EVIDENCE,
    "run": RUN,
    "round": ROUND,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "schema": SCHEMA,
    "wd": WD,
}

#: The same prefixes as plain strings, the form pyoxigraph takes (``Store.query(prefixes=...)``).
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def entity_iri(key: str) -> URIRef:
    """IRI of an entity from its stable key (``"mistral-ai"``, ``"person/jane-doe"``).

    >>> entity_iri("person/jane doe")
    rdflib.term.URIRef('https://w3id.org/aikg/entity/person/jane%20doe')
    """
    return ENTITY[quote(key, safe="/-_.~")]


def entity_key(iri: object) -> str | None:
    """The stable key of an entity IRI (the inverse of :func:`entity_iri`), or None when ``iri``
    is not an entity.

    >>> entity_key("https://w3id.org/aikg/entity/person/jane%20doe")
    'person/jane doe'
    >>> entity_key("https://w3id.org/aikg/document/a.md") is None
    True
    """
    text = str(iri)
    if not isinstance(iri, str | URIRef) or not text.startswith(str(ENTITY)):
        return None
    return unquote(text[len(str(ENTITY)):])


def is_plain_iri(text: str) -> bool:
    """True when ``text`` has none of the characters that could end an IRI early in SPARQL or
    N-Triples (so that it can be written as ``<text>``).

    >>> is_plain_iri("https://w3id.org/aikg/entity/x"), is_plain_iri("x> } ; DROP ALL ; <y")
    (True, False)
    """
    return not any(c in text for c in _IRI_FORBIDDEN)


_IRI_FORBIDDEN = frozenset(' <>"{}|\\^`\n\r\t')


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document, which is also the name of the graph that holds its facts.

    >>> document_iri("01-mistral.md")
    rdflib.term.URIRef('https://w3id.org/aikg/document/01-mistral.md')
    """
    return DOC[quote(doc_id, safe="-_.~")]
