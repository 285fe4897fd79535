"""Turn extraction records into RDF: one named graph per source document.

Provenance model (why named graphs *and* reified evidence): every fact a document states is
asserted as a plain triple (``ent:arthur-mensch aikg:leads ent:mistral-ai``) inside the named
graph of that document. So "which documents support fact F" is ``GRAPH ?doc { s p o }`` and
"which facts come from document D" is ``GRAPH doc:D { ?s ?p ?o }``; removing or replacing a
document is dropping one graph, and a fact stated by two documents survives the removal of
one. The sentence, offsets, extractor and confidence of each statement are an
``aikg:Evidence`` node (an ``rdf:Statement``) in the same graph, because one fact can have
several sentences and RDF-star is not yet portable across the SPARQL servers we target.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from rdflib import OWL, PROV, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

import aikg
from aikg.extract.records import EntityType, Extraction
from aikg.graph.namespaces import AIKG, EVIDENCE, RUN, SCHEMA, WD, document_iri, entity_iri

__all__ = ["ExtractionRun", "Quad", "extraction_quads"]

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


@dataclass(frozen=True)
class ExtractionRun:
    """One ``aikg build`` invocation, recorded as a ``prov:Activity`` in each document graph."""

    run_id: str
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    tool_version: str = aikg.__version__

    @property
    def iri(self) -> URIRef:
        return RUN[self.run_id]


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def extraction_quads(extraction: Extraction, run: ExtractionRun, *, content_hash: str | None = None) -> Iterator[Quad]:
    """Yield the quads of one document's graph: metadata, entities, facts, evidence, co-mentions.

    ``content_hash`` is the hash of the document *as read* (before extraction filled in, say,
    its language); the build compares it with the next read to skip unchanged documents.
    """
    document = extraction.document
    g = document_iri(document.doc_id)

    def q(s: URIRef, p: URIRef, o: URIRef | Literal) -> Quad:
        return (s, p, o, g)

    # the document and the run that read it
    yield q(g, RDF.type, AIKG.Document)
    yield q(g, AIKG.documentId, Literal(document.doc_id))
    yield q(g, AIKG.contentHash, Literal(content_hash or document.content_hash))
    yield q(g, DCTERMS.source, Literal(document.source))
    if document.title:
        yield q(g, DCTERMS.title, Literal(document.title))
    if document.url:
        yield q(g, SCHEMA.url, URIRef(document.url) if _safe_iri(document.url) else Literal(document.url))
    if document.language:
        yield q(g, DCTERMS.language, Literal(document.language))
    if document.published:
        yield q(g, DCTERMS.date, Literal(document.published.isoformat(), datatype=XSD.date))
    if document.author:
        yield q(g, DCTERMS.creator, Literal(document.author))
    yield q(g, PROV.wasGeneratedBy, run.iri)
    yield q(run.iri, RDF.type, AIKG.ExtractionRun)
    yield q(run.iri, AIKG.toolVersion, Literal(run.tool_version))
    yield q(run.iri, PROV.startedAtTime, Literal(run.started.isoformat(), datatype=XSD.dateTime))
    for model in extraction.models:
        yield q(run.iri, AIKG.model, Literal(model))

    # entities as this document sees them
    counts: dict[str, int] = {}
    for mention in extraction.mentions:
        counts[mention.entity_key] = counts.get(mention.entity_key, 0) + 1
    for entity in extraction.entities:
        e = entity_iri(entity.key)
        yield q(e, RDF.type, AIKG[entity.type.value])
        yield q(e, RDFS.label, Literal(entity.label))
        yield q(e, SKOS.prefLabel, Literal(entity.label))
        for alias in entity.aliases:
            if alias != entity.label:
                yield q(e, SKOS.altLabel, Literal(alias))
        if entity.wikidata:
            yield q(e, AIKG.wikidata, Literal(entity.wikidata))
            yield q(e, OWL.sameAs, WD[entity.wikidata])
        for rule in entity.resolution:
            yield q(e, AIKG.resolution, Literal(rule))
        if entity.type is EntityType.MONETARY_AMOUNT and entity.amount is not None:
            yield q(e, AIKG.amountValue, Literal(Decimal(entity.amount), datatype=XSD.decimal))
            if entity.currency:
                yield q(e, AIKG.currency, Literal(entity.currency))
        yield q(e, AIKG.mentionedIn, g)
        yield q(e, AIKG.mentionCount, Literal(counts.get(entity.key, 0)))

    # typed facts, each with its evidence
    for relation in extraction.relations:
        s, p, o = entity_iri(relation.subject), AIKG[relation.predicate], entity_iri(relation.object)
        yield q(s, p, o)
        ev = relation.evidence
        node = EVIDENCE[_hash(document.doc_id, s, p, o, ev.start, ev.end, relation.extractor)]
        yield q(node, RDF.type, AIKG.Evidence)
        yield q(node, RDF.subject, s)
        yield q(node, RDF.predicate, p)
        yield q(node, RDF.object, o)
        yield q(node, AIKG.sentence, Literal(ev.sentence))
        yield q(node, AIKG.startOffset, Literal(ev.start))
        yield q(node, AIKG.endOffset, Literal(ev.end))
        yield q(node, AIKG.extractor, Literal(relation.extractor))
        yield q(node, AIKG.confidence, Literal(Decimal(str(round(relation.confidence, 4))), datatype=XSD.decimal))
        yield q(node, PROV.wasDerivedFrom, g)
        yield q(node, PROV.wasGeneratedBy, run.iri)

    # weak co-mention links, kept apart from the typed facts
    for pair in extraction.comentions:
        a, b = sorted((entity_iri(pair.a), entity_iri(pair.b)))
        yield q(a, AIKG.mentionedWith, b)
        node = EVIDENCE["co-" + _hash(document.doc_id, a, b)]
        yield q(node, RDF.type, AIKG.CoMention)
        yield q(node, AIKG.entity, a)
        yield q(node, AIKG.entity, b)
        yield q(node, AIKG.weight, Literal(pair.weight))
        yield q(node, PROV.wasDerivedFrom, g)


def _safe_iri(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not any(c in url for c in ' <>"{}|\\^`')
