"""Read a store back as plain predictions, so that extraction can be scored on gold data.

The scoring itself is pure and lives in :mod:`aikg.extract.evaluate`; this module only answers
"what does the graph say, document by document" in the evaluator's terms (labels, aliases,
types, amounts, and typed facts by label), with what explains an error: each fact's evidence
(sentence, extractor, confidence), the stored sentences naming each entity, and co-mention counts.

A store keeps sentences, not mentions: the sentences of an entity are the stored sentences
(evidence of facts, funding-round reports) that are about it or name one of its labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from aikg.extract.evaluate import FactEvidence, PredictedDocument, PredictedEntity, Triple, naming_sentences
from aikg.extract.records import PREDICATES
from aikg.graph.store import KnowledgeStore

__all__ = ["predictions_from_store"]

_ENTITIES = """
SELECT ?id ?e ?label ?type ?alias ?value ?currency WHERE {
  GRAPH ?doc {
    ?doc aikg:documentId ?id .
    ?e aikg:mentionedIn ?doc ; rdfs:label ?label ; a ?type .
    FILTER(STRSTARTS(STR(?type), STR(aikg:)))
    OPTIONAL { ?e skos:altLabel ?alias }
    OPTIONAL { ?e aikg:amountValue ?value ; aikg:currency ?currency }
  }
}"""
#: Asserted facts with their evidence: one row per evidence node (hedged statements are not asserted).
_FACTS = """
SELECT ?id ?s ?p ?o ?sentence ?extractor ?confidence WHERE {
  GRAPH ?doc {
    ?doc aikg:documentId ?id . ?s ?p ?o .
    ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?ev aikg:sentence ?sentence }
    OPTIONAL { ?ev aikg:extractor ?extractor }
    OPTIONAL { ?ev aikg:confidence ?confidence }
  }
}"""
#: Every stored sentence of a document (fact evidence, round reports) and the entities it is about.
_SENTENCES = """
SELECT ?id ?sentence ?start ?e WHERE {
  GRAPH ?doc {
    ?doc aikg:documentId ?id .
    ?node aikg:sentence ?sentence .
    OPTIONAL { ?node aikg:startOffset ?start }
    OPTIONAL { ?node rdf:subject|rdf:object|aikg:company|aikg:amount|aikg:leadInvestor|aikg:participant ?e }
  }
}"""
_COMENTIONS = """
SELECT ?id ?a ?b ?weight WHERE {
  GRAPH ?doc {
    ?doc aikg:documentId ?id .
    ?c a aikg:CoMention ; aikg:entity ?a , ?b ; aikg:weight ?weight .
    FILTER(STR(?a) < STR(?b))
  }
}"""


def predictions_from_store(store: KnowledgeStore) -> dict[str, PredictedDocument]:
    """Per document id: the entities and typed facts its named graph holds, with their sentences.

    A fact stated by several sentences is one relation with several :class:`FactEvidence`.
    """
    labels: dict[tuple[str, str], str] = {}
    info: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"aliases": set()})
    for doc_id, entity, label, rdf_type, alias, value, currency in store.select(_ENTITIES):
        key = (str(doc_id), str(entity))
        labels[key] = str(label)
        record = info[key]
        record["label"], record["type"] = str(label), str(rdf_type).rsplit("#", 1)[-1]
        if alias is not None:
            record["aliases"].add(str(alias))
        if value is not None:
            record["amount"], record["currency"] = Decimal(str(value)), str(currency)
    predicted: dict[str, PredictedDocument] = defaultdict(PredictedDocument)
    for (doc_id, _entity), record in sorted(info.items()):
        predicted[doc_id].entities.append(PredictedEntity(
            record["label"], tuple(sorted(record["aliases"])), record["type"],
            record.get("amount"), record.get("currency")))

    def label_of(doc: str, term: Any) -> str:
        return labels.get((doc, str(term)), str(term))

    facts: dict[str, dict[Triple, dict[FactEvidence, None]]] = defaultdict(dict)
    for doc_id, subject, predicate, obj, sentence, extractor, confidence in store.select(_FACTS):
        name = str(predicate).rsplit("#", 1)[-1]
        if name in PREDICATES:
            doc = str(doc_id)
            triple = (label_of(doc, subject), name, label_of(doc, obj))
            stated = facts[doc].setdefault(triple, {})
            if sentence is not None:
                stated[FactEvidence(" ".join(str(sentence).split()), str(extractor or ""),
                                    None if confidence is None else float(confidence))] = None
    for doc, triples in facts.items():
        predicted[doc].relations.extend(triples)
        predicted[doc].evidence.update({triple: tuple(stated) for triple, stated in triples.items()})

    _add_sentences(store, predicted, label_of)
    for doc_id, a, b, weight in store.select(_COMENTIONS):
        doc = str(doc_id)
        pair = sorted((label_of(doc, a), label_of(doc, b)))
        predicted[doc].comentions[(pair[0], pair[1])] = int(weight)
    return dict(predicted)


def _add_sentences(
    store: KnowledgeStore, predicted: dict[str, PredictedDocument], label_of: Callable[[str, Any], str]
) -> None:
    """Fill ``sentences``: per entity label, the stored sentences about it or naming it, in text order."""
    order: dict[str, dict[str, int]] = defaultdict(dict)
    about: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, sentence, start, entity in store.select(_SENTENCES):
        doc, text = str(doc_id), " ".join(str(sentence).split())
        position = int(start) if start is not None else 1 << 62
        order[doc][text] = min(position, order[doc].get(text, position))
        if entity is not None:
            about[(doc, label_of(doc, entity))].add(text)
    for doc, positions in order.items():
        sentences = sorted(positions, key=lambda t: (positions[t], t))
        document = predicted[doc]
        for entity in document.entities:
            label = str(entity.label)
            named = set(naming_sentences([label, *entity.aliases], sentences)) | about.get((doc, label), set())
            merged = set(document.sentences.get(label, ())) | named
            if merged:
                document.sentences[label] = tuple(s for s in sentences if s in merged)
