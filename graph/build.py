"""Turn extraction records into RDF: one named graph per source document.

Provenance model (why named graphs *and* reified evidence): every fact a document states is
asserted as a plain triple (``ent:arthur-mensch aikg:leads ent:mistral-ai``) inside the named
graph of that document. So "which documents support fact F" is ``GRAPH ?doc { s p o }`` and
"which facts come from document D" is ``GRAPH doc:D { ?s ?p ?o }``; removing or replacing a
document is dropping one graph, and a fact stated by two documents survives the removal of
one. The sentence, offsets, extractor and confidence of each statement are an
``aikg:Evidence`` node (an ``rdf:Statement``) in the same graph, because one fact can have
several sentences and RDF-star is not yet portable across the SPARQL servers we target.

The graph is described once (:func:`_document_quads`) and made of either kind of term:
rdflib's (:func:`extraction_quads`, aikg's API) or pyoxigraph's (:func:`oxigraph_quads`, what
the build writes: the store takes Oxigraph terms, and making rdflib terms only to convert
them cost more than the rest of the parent's work in a build).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, PROV, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

import aikg
from aikg.extract.records import PREDICATES, EntityType, Extraction, FactStatus
from aikg.graph.namespaces import AIKG, EVIDENCE, RUN, SCHEMA, WD, document_iri, entity_iri

__all__ = ["ExtractionRun", "OxQuad", "Quad", "extraction_quads", "origin_key", "oxigraph_quads"]

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
#: A quad of pyoxigraph terms (subject, predicate, object, graph name).
OxQuad = tuple[Any, Any, Any, Any]

_XSD_INTEGER, _XSD_DECIMAL, _XSD_DATE, _XSD_DATETIME = (str(XSD[n]) for n in ("integer", "decimal", "date", "dateTime"))
_XSD_BOOLEAN = str(XSD.boolean)
_EVIDENCE = str(EVIDENCE)


@dataclass(frozen=True)
class ExtractionRun:
    """One ``aikg build`` invocation, recorded as a ``prov:Activity`` in each document graph."""

    run_id: str
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    tool_version: str = aikg.__version__

    @property
    def iri(self) -> URIRef:
        return RUN[self.run_id]


def origin_key(origin: str) -> str:
    """What the store keeps of a document's origin (its canonical URL or file): a SHA-256, no path.

    The build compares it to tell whether a document may replace the stored one of its id.

    >>> origin_key("https://news.test/a")[:12]
    '05a9f82841c9'
    """
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


class _RdflibTerms:
    """rdflib terms, made as aikg always made them."""

    @staticmethod
    def iri(value: str) -> Any:
        return URIRef(value)

    @staticmethod
    def literal(value: str | int | Decimal, datatype: str | None = None) -> Any:
        return Literal(value, datatype=datatype)


class _OxigraphTerms:
    """The same terms as pyoxigraph objects; each IRI is made once per document.

    Lexical forms are those rdflib gives the values we write: integers as ``str``, decimals as
    ``f"{d:f}"`` (rdflib's cast), strings (dates included) as they are.
    """

    def __init__(self) -> None:
        self._iris: dict[str, Any] = {}

    def iri(self, value: str) -> Any:
        term = self._iris.get(value)
        if term is None:
            term = self._iris[value] = ox.NamedNode(value)
        return term

    def literal(self, value: str | int | Decimal, datatype: str | None = None) -> Any:
        if datatype is None:
            if isinstance(value, str):
                return ox.Literal(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return ox.Literal(str(value), datatype=self.iri(_XSD_INTEGER))
        elif isinstance(value, str):
            return ox.Literal(value, datatype=self.iri(datatype))
        elif isinstance(value, Decimal) and datatype == _XSD_DECIMAL:
            return ox.Literal(f"{value:f}", datatype=self.iri(datatype))
        raise TypeError(f"no rule for a {type(value).__name__} literal with datatype {datatype}")


def extraction_quads(extraction: Extraction, run: ExtractionRun, *, content_hash: str | None = None) -> Iterator[Quad]:
    """Yield the quads (rdflib terms) of one document's graph: metadata, entities, facts, evidence, co-mentions.

    ``content_hash`` is the hash of the document *as read* (before extraction filled in, say,
    its language); the build compares it with the next read to skip unchanged documents.
    """
    return _document_quads(extraction, run, content_hash, _RdflibTerms())


def oxigraph_quads(extraction: Extraction, run: ExtractionRun, *, content_hash: str | None = None) -> Iterator[OxQuad]:
    """:func:`extraction_quads` made of pyoxigraph terms (the same quads), for writing to the store.

    >>> from aikg.extract.records import Document
    >>> extraction = Extraction(Document("d.md", "Text.", source="d.md"))
    >>> run = ExtractionRun("r")
    >>> from aikg.graph.store.terms import to_oxigraph
    >>> [tuple(map(to_oxigraph, q)) for q in extraction_quads(extraction, run)] == list(oxigraph_quads(extraction, run))
    True
    """
    return _document_quads(extraction, run, content_hash, _OxigraphTerms())


#: Every IRI of the vocabulary that document graphs use, by CURIE (made once per document).
#: Closed namespaces (``AIKG`` and rdflib's) raise on a misspelt name when this module is imported.
_VOCABULARY: dict[str, str] = {
    f"{prefix}:{name}": str(namespace[name])
    for prefix, namespace, names in (
        ("rdf", RDF, ("type", "subject", "predicate", "object")),
        ("rdfs", RDFS, ("label",)),
        ("skos", SKOS, ("prefLabel", "altLabel")),
        ("owl", OWL, ("sameAs",)),
        ("prov", PROV, ("wasGeneratedBy", "startedAtTime", "wasDerivedFrom")),
        ("dcterms", DCTERMS, ("source", "title", "language", "date", "creator", "publisher")),
        ("schema", SCHEMA, ("url", "location")),
        ("aikg", AIKG, (
            "Document", "documentId", "contentHash", "originKey", "fetchedFrom", "ExtractionRun", "toolVersion",
            "model",
            "mentionedIn", "mentionCount", "wikidata", "country", "publicActor", "resolution", "amountValue",
            "currency",
            "Evidence", "sentence", "startOffset", "endOffset", "extractor", "confidence",
            "CoMention", "mentionedWith", "entity", "weight",
            "status", "hedged", "startDate", "endDate",
            "FundingRoundReport", "company", "amount", "stage", "pointInTime", "dateSource", "leadInvestor",
            "participant", "valuationValue", "valuationCurrency", "EventEdition", "editionOf", "edition",
            *(t.value for t in EntityType), *sorted(PREDICATES),
        )),
    )
    for name in names
}


def _document_quads(
    extraction: Extraction, run: ExtractionRun, content_hash: str | None, terms: _RdflibTerms | _OxigraphTerms
) -> Iterator[Any]:
    """The one description of a document's graph, in the terms of ``terms``."""
    iri, lit = terms.iri, terms.literal
    v = {curie: iri(value) for curie, value in _VOCABULARY.items()}
    document = extraction.document
    g = iri(str(document_iri(document.doc_id)))
    run_iri = iri(str(run.iri))
    rdf_type = v["rdf:type"]

    entity_iris: dict[str, str] = {}

    def entity(key: str) -> str:
        """The IRI of an entity, as the string that evidence IRIs hash."""
        found = entity_iris.get(key)
        if found is None:
            found = entity_iris[key] = str(entity_iri(key))
        return found

    # the document and the run that read it
    yield (g, rdf_type, v["aikg:Document"], g)
    yield (g, v["aikg:documentId"], lit(document.doc_id), g)
    yield (g, v["aikg:contentHash"], lit(content_hash or document.content_hash), g)
    yield (g, v["dcterms:source"], lit(document.source), g)
    if document.title:
        yield (g, v["dcterms:title"], lit(document.title), g)
    if document.url:
        yield (g, v["schema:url"], iri(document.url) if _safe_iri(document.url) else lit(document.url), g)
    if document.language:
        yield (g, v["dcterms:language"], lit(document.language), g)
    if document.published:
        yield (g, v["dcterms:date"], lit(document.published.isoformat(), _XSD_DATE), g)
    if document.author:
        yield (g, v["dcterms:creator"], lit(document.author), g)
    if document.site_name:
        yield (g, v["dcterms:publisher"], lit(document.site_name), g)
    if document.origin:
        yield (g, v["aikg:originKey"], lit(origin_key(document.origin)), g)
    if document.fetched_from and _safe_iri(document.fetched_from):
        yield (g, v["aikg:fetchedFrom"], iri(document.fetched_from), g)
    yield (g, v["prov:wasGeneratedBy"], run_iri, g)
    yield (run_iri, rdf_type, v["aikg:ExtractionRun"], g)
    yield (run_iri, v["aikg:toolVersion"], lit(run.tool_version), g)
    yield (run_iri, v["prov:startedAtTime"], lit(run.started.isoformat(), _XSD_DATETIME), g)
    for model in extraction.models:
        yield (run_iri, v["aikg:model"], lit(model), g)

    # entities as this document sees them
    counts: dict[str, int] = {}
    for mention in extraction.mentions:
        counts[mention.entity_key] = counts.get(mention.entity_key, 0) + 1
    for record in extraction.entities:
        e = iri(entity(record.key))
        label = lit(record.label)
        yield (e, rdf_type, v[f"aikg:{record.type.value}"], g)
        yield (e, v["rdfs:label"], label, g)
        yield (e, v["skos:prefLabel"], label, g)
        for alias in record.aliases:
            if alias != record.label:
                yield (e, v["skos:altLabel"], lit(alias), g)
        if record.wikidata:
            yield (e, v["aikg:wikidata"], lit(record.wikidata), g)
            yield (e, v["owl:sameAs"], iri(str(WD[record.wikidata])), g)
        if record.country:
            yield (e, v["aikg:country"], iri(entity(record.country)), g)
        if record.public:
            yield (e, v["aikg:publicActor"], lit("true", _XSD_BOOLEAN), g)
        for rule in record.resolution:
            yield (e, v["aikg:resolution"], lit(rule), g)
        if record.type is EntityType.MONETARY_AMOUNT and record.amount is not None:
            yield (e, v["aikg:amountValue"], lit(Decimal(record.amount), _XSD_DECIMAL), g)
            if record.currency:
                yield (e, v["aikg:currency"], lit(record.currency), g)
        yield (e, v["aikg:mentionedIn"], g, g)
        yield (e, v["aikg:mentionCount"], lit(counts.get(record.key, 0)), g)

    # editions of recurring events (VivaTech 2024 of VivaTech), and the facts each one dates
    edition_of: dict[tuple[str, str, str, int], str] = {}
    for found in extraction.editions:
        e = iri(entity(found.key))
        yield (e, rdf_type, v["aikg:EventEdition"], g)  # not an aikg:Event entity: no node of its own in views
        yield (e, v["rdfs:label"], lit(found.label), g)
        yield (e, v["aikg:editionOf"], iri(entity(found.series)), g)
        yield (e, v["aikg:startDate"], lit(found.start.isoformat(), _XSD_DATE), g)
        if found.end is not None:
            yield (e, v["aikg:endDate"], lit(found.end.isoformat(), _XSD_DATE), g)
        if found.place is not None:  # schema:location, not aikg:heldIn: a typed fact needs a sentence
            yield (e, v["schema:location"], iri(entity(found.place)), g)
        for fact in found.facts:
            edition_of[fact] = found.key

    # typed facts, each with its evidence; a hedged statement ("in talks to") is evidence only,
    # never asserted, so that every query leaves it out unless it reads the evidence on purpose
    for relation in extraction.relations:
        s_iri, o_iri = entity(relation.subject), entity(relation.object)
        s, p, o = iri(s_iri), v[f"aikg:{relation.predicate}"], iri(o_iri)
        if not relation.hedged:
            yield (s, p, o, g)
        ev = relation.evidence
        p_iri = _VOCABULARY[f"aikg:{relation.predicate}"]
        node = iri(_EVIDENCE + _hash(document.doc_id, s_iri, p_iri, o_iri, ev.start, ev.end, relation.extractor))
        yield (node, rdf_type, v["aikg:Evidence"], g)
        yield (node, v["rdf:subject"], s, g)
        yield (node, v["rdf:predicate"], p, g)
        yield (node, v["rdf:object"], o, g)
        yield (node, v["aikg:sentence"], lit(ev.sentence), g)
        yield (node, v["aikg:startOffset"], lit(ev.start), g)
        yield (node, v["aikg:endOffset"], lit(ev.end), g)
        yield (node, v["aikg:extractor"], lit(relation.extractor), g)
        yield (node, v["aikg:confidence"], lit(Decimal(str(round(relation.confidence, 4))), _XSD_DECIMAL), g)
        yield (node, v["prov:wasDerivedFrom"], g, g)
        yield (node, v["prov:wasGeneratedBy"], run_iri, g)
        # the fact in time (Wikidata's P580 / P582 qualifiers); no status means current as of the document
        if relation.status is not FactStatus.CURRENT:
            yield (node, v["aikg:status"], lit(relation.status.value), g)
        if relation.hedged:
            yield (node, v["aikg:hedged"], lit("true", _XSD_BOOLEAN), g)
        if relation.start is not None:
            yield (node, v["aikg:startDate"], lit(relation.start.isoformat(), _XSD_DATE), g)
        if relation.end is not None:
            yield (node, v["aikg:endDate"], lit(relation.end.isoformat(), _XSD_DATE), g)
        edition = edition_of.get((relation.subject, relation.predicate, relation.object, ev.start))
        if edition is not None:
            yield (node, v["aikg:edition"], iri(entity(edition)), g)

    yield from _round_reports(extraction, run_iri, g, v, terms, entity)

    # weak co-mention links, kept apart from the typed facts
    for pair in extraction.comentions:
        a_iri, b_iri = sorted((entity(pair.a), entity(pair.b)))
        a, b = iri(a_iri), iri(b_iri)
        yield (a, v["aikg:mentionedWith"], b, g)
        node = iri(_EVIDENCE + "co-" + _hash(document.doc_id, a_iri, b_iri))
        yield (node, rdf_type, v["aikg:CoMention"], g)
        yield (node, v["aikg:entity"], a, g)
        yield (node, v["aikg:entity"], b, g)
        yield (node, v["aikg:weight"], lit(pair.weight), g)
        yield (node, v["prov:wasDerivedFrom"], g, g)


def _round_reports(extraction: Extraction, run_iri: Any, g: Any, v: dict[str, Any],
                   terms: _RdflibTerms | _OxigraphTerms, entity: Callable[[str], str]) -> Iterator[Any]:
    """Each funding round as this document reports it (``aikg:FundingRoundReport``), with its
    evidence. ``aikg.graph.rounds`` merges the reports of one round across documents."""
    iri, lit = terms.iri, terms.literal
    rdf_type = v["rdf:type"]
    document = extraction.document
    for found in extraction.rounds:
        ev = found.evidence
        company = iri(entity(found.company))
        key = _hash(document.doc_id, found.company, found.amount_key, found.stage, ev.start)
        node = iri(_EVIDENCE + "round-" + key)
        yield (node, rdf_type, v["aikg:FundingRoundReport"], g)
        yield (node, v["aikg:company"], company, g)
        if found.amount is not None and found.currency:
            yield (node, v["aikg:amountValue"], lit(Decimal(found.amount), _XSD_DECIMAL), g)
            yield (node, v["aikg:currency"], lit(found.currency), g)
        if found.amount_key is not None:
            yield (node, v["aikg:amount"], iri(entity(found.amount_key)), g)
        if found.stage:
            yield (node, v["aikg:stage"], lit(found.stage), g)
        if found.date is not None:
            yield (node, v["aikg:pointInTime"], lit(found.date.isoformat(), _XSD_DATE), g)
            yield (node, v["aikg:dateSource"], lit(found.date_source.value), g)
        for key in found.leads:
            yield (node, v["aikg:leadInvestor"], iri(entity(key)), g)
        for key in found.participants:
            yield (node, v["aikg:participant"], iri(entity(key)), g)
        if found.valuation is not None and found.valuation_currency:
            yield (node, v["aikg:valuationValue"], lit(Decimal(found.valuation), _XSD_DECIMAL), g)
            yield (node, v["aikg:valuationCurrency"], lit(found.valuation_currency), g)
        yield (node, v["aikg:sentence"], lit(ev.sentence), g)
        yield (node, v["aikg:startOffset"], lit(ev.start), g)
        yield (node, v["aikg:endOffset"], lit(ev.end), g)
        yield (node, v["prov:wasDerivedFrom"], g, g)
        yield (node, v["prov:wasGeneratedBy"], run_iri, g)


def _safe_iri(url: str) -> bool:
    """Whether ``url`` can be an IRI in the store: http(s) and valid for Oxigraph, whose IRI
    parser is stricter than rdflib's (``%zz``, a second ``#``): such a URL is kept as a literal
    instead of failing the whole write."""
    if not url.startswith(("http://", "https://")) or any(c in url for c in ' <>"{}|\\^`'):
        return False
    try:
        ox.NamedNode(url)
    except ValueError:
        return False
    return True
