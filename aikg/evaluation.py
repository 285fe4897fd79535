"""Read a store back as plain predictions, so that extraction can be scored on gold data.

The scoring itself is pure and lives in :mod:`aikg.extract.evaluate`; this module only answers
"what does the graph say, document by document" in the evaluator's terms (labels, aliases,
types, amounts, and typed facts by label).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from aikg.extract.evaluate import PredictedDocument, PredictedEntity
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
_FACTS = """
SELECT ?id ?s ?p ?o WHERE {
  GRAPH ?doc { ?doc aikg:documentId ?id . ?s ?p ?o . ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
}"""


def predictions_from_store(store: KnowledgeStore) -> dict[str, PredictedDocument]:
    """Per document id: the entities and typed facts its named graph holds."""
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
    for doc_id, subject, predicate, obj in store.select(_FACTS):
        name = str(predicate).rsplit("#", 1)[-1]
        if name in PREDICATES:
            doc = str(doc_id)
            predicted[doc].relations.append((labels.get((doc, str(subject)), str(subject)), name,
                                             labels.get((doc, str(obj)), str(obj))))
    return dict(predicted)
