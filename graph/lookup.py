"""The one way to find an entity by the name a user types: CLI, views, named queries, analyses.

A name is matched, case- and space-insensitively, in this order of strength: the entity's IRI
or ``ent:`` name, its label, one of its aliases (``skos:altLabel``), its key (``mistral-ai``),
its Wikidata ID (``Q124386929``). The strongest kind of match wins; when several entities
match equally strongly, the one named in most documents wins, and when that still ties, the
name is ambiguous (E312, listing them, so that a caller can ask which one was meant). A name
that matches nothing gets E311 with the closest known names ("did you mean").

Entities come from the store (:func:`entity_records`) or from the nodes of a projected networkx
graph (:func:`records_of_graph`): the same rules apply to both.

>>> records = [StoredEntity("mistral-ai", "Organization", "Mistral AI", ("Mistral",), "Q124386929", 3),
...            StoredEntity("mistral-7b", "Product", "Mistral 7B", ("Mistral",), None, 1)]
>>> match_name("MISTRAL  AI", records).key, match_name("q124386929", records).how
('mistral-ai', 'wikidata')
>>> match_name("Mistral", records).key  # an alias of both: the one named in more documents
'mistral-ai'
>>> match_name("Mistal AI", records)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
aikg.errors.QueryError: [E311] unknown entity 'Mistal AI': ...; did you mean 'Mistral AI' or 'Mistral 7B'?
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef

from aikg.errors import QueryError
from aikg.graph.errors import Errors
from aikg.graph.namespaces import ENTITY, entity_iri, entity_key, is_plain_iri
from aikg.graph.store import KnowledgeStore

__all__ = ["EntityMatch", "StoredEntity", "entity_records", "find_entity", "match_name", "records_of_graph"]


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """An entity as the store knows it, merged over the documents that mention it (not to be
    confused with :class:`aikg.extract.records.EntityRecord`, one document's extraction)."""

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    documents: int = 0

    @property
    def iri(self) -> URIRef:
        return entity_iri(self.key)


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """The entity a name designates, and how (``iri``, ``label``, ``alias``, ``key``, ``wikidata``)."""

    key: str
    label: str
    how: str
    documents: int

    @property
    def iri(self) -> URIRef:
        return entity_iri(self.key)


#: Kinds of match, strongest first.
_STRENGTH = ("iri", "label", "alias", "key", "wikidata")

_ENTITY_ROWS = """
SELECT ?e ?t ?l ?d WHERE { ?e a ?t ; rdfs:label ?l ; aikg:mentionedIn ?d . FILTER(STRSTARTS(STR(?t), STR(aikg:))) }"""
_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_WIKIDATA = "SELECT DISTINCT ?e ?q WHERE { ?e aikg:wikidata ?q }"
#: Entities with a label or alias equal to ``?key`` once lowercased (``?key`` is bound: projected).
_BY_NAME = """
SELECT DISTINCT ?e ?key WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } BIND(LCASE(STR(?l)) AS ?key) }"""


def _most_common(counter: Counter[str]) -> str:
    """The most frequent value; ties broken alphabetically so that results are stable."""
    return min(counter, key=lambda value: (-counter[value], value))


def entity_records(store: KnowledgeStore, iris: Iterable[str] | None = None) -> dict[str, StoredEntity]:
    """The entities of the store by key: their most used type and label, aliases, Wikidata ID and
    number of documents (three SELECTs read as plain strings; no name is pasted into SPARQL).

    ``iris`` limits them to those entities (the same three SELECTs, bound to each IRI in turn):
    what :func:`find_entity` reads for the few candidates of a name.
    """
    bindings: list[dict[str, URIRef] | None] = [None] if iris is None else [{"e": URIRef(i)} for i in iris]

    def rows(sparql: str) -> list[tuple[str | None, ...]]:
        return [row for bound in bindings for row in store.select_values(sparql, bound)]

    types: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    for e, t, label, d in rows(_ENTITY_ROWS):
        key = entity_key(e)
        if key is None or t is None or label is None:
            continue
        types[key][t.rsplit("#", 1)[-1]] += 1
        labels[key][label] += 1
        docs[key].add(str(d))
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in rows(_ALIASES):
        if (key := entity_key(e)) is not None and alias is not None:
            aliases[key].add(alias)
    wikidata: dict[str, str] = {}
    for e, q in rows(_WIKIDATA):
        if (key := entity_key(e)) is not None and q is not None:
            wikidata[key] = min(q, wikidata.get(key, q))
    records = {}
    for key in sorted(types):
        label = _most_common(labels[key])
        records[key] = StoredEntity(key, _most_common(types[key]), label, tuple(sorted(aliases[key] - {label})),
                                    wikidata.get(key), len(docs[key]))
    return records


def records_of_graph(nodes: Iterable[tuple[str, Mapping[str, Any]]]) -> list[StoredEntity]:
    """Records from the nodes of a projected graph (``G.nodes(data=True)``: key -> attributes)."""
    return [StoredEntity(key, str(attrs.get("type", "")), str(attrs.get("label", key)),
                         tuple(attrs.get("aliases", ())), attrs.get("wikidata"), int(attrs.get("documents", 0)))
            for key, attrs in nodes]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _how(wanted: str, record: StoredEntity) -> str | None:
    """The strongest way ``wanted`` (folded) names ``record``, or None."""
    if wanted in {_fold(str(record.iri)), _fold("ent:" + record.key)}:
        return "iri"
    if _fold(record.label) == wanted:
        return "label"
    if any(_fold(alias) == wanted for alias in record.aliases):
        return "alias"
    if _fold(record.key) == wanted:
        return "key"
    if record.wikidata and _fold(record.wikidata) == wanted:
        return "wikidata"
    return None


def match_name(name: str, records: Iterable[StoredEntity]) -> EntityMatch:
    """The entity ``name`` designates among ``records`` (rules in the module docstring).

    Raises :class:`~aikg.errors.QueryError` E311 (nothing matches, with suggestions) or E312
    (several entities match equally; the message lists their labels and ``ent:`` names).
    """
    wanted = _fold(name)
    records = list(records)
    found = [(how, record) for record in records if (how := _how(wanted, record)) is not None]
    if not found:
        labels = sorted({record.label for record in records})
        close = difflib.get_close_matches(name.strip(), labels, n=3, cutoff=0.6) or \
            [label for label in labels if wanted and wanted in _fold(label)][:3]
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(Errors.E311.format(name=name, hint=hint))
    best = min(_STRENGTH.index(how) for how, _ in found)
    strongest = sorted((record for how, record in found if _STRENGTH.index(how) == best),
                       key=lambda r: (-r.documents, r.key))
    if len(strongest) > 1 and strongest[0].documents == strongest[1].documents:
        tied = [r for r in strongest if r.documents == strongest[0].documents]
        names = ", ".join(f"{r.label} (ent:{r.key})" for r in tied[:8])
        raise QueryError(Errors.E312.format(name=name, names=names))
    winner = strongest[0]
    return EntityMatch(winner.key, winner.label, _STRENGTH[best], winner.documents)


def find_entity(store: KnowledgeStore, name: str) -> EntityMatch:
    """The entity of ``store`` that ``name`` designates (see :func:`match_name`).

    Reading every entity costs 0.7 s at 1.66M quads, so the usual cases avoid it: an ``ent:``
    name or entity IRI is looked up directly, and a label or alias as written is found by one
    bound query (2 ms), after which only its candidates are read. Only a name that no label or
    alias carries (a key, a Wikidata ID, a typo that needs "did you mean") reads them all. Labels
    and aliases are the two strongest kinds of match after the IRI, so the candidates hold the
    winner whenever there are any; the bound query lowercases as SPARQL does, where
    :func:`match_name` case-folds (they differ on a few letters such as "ß", which then fall
    through to the full read).
    """
    text = name.strip()
    iri = str(ENTITY) + text[4:] if text.startswith("ent:") else text if text.startswith(str(ENTITY)) else None
    if iri is not None and (key := entity_key(URIRef(iri))) is not None and is_plain_iri(iri):
        rows = store.select_values("SELECT ?e ?l WHERE { ?e rdfs:label ?l } LIMIT 1", {"e": URIRef(iri)})
        if rows:
            return EntityMatch(key, rows[0][1] or key, "iri", 0)
    candidates = sorted({e for e, _ in store.select_values(_BY_NAME, {"key": Literal(_fold(name))}) if e})
    if candidates:
        try:
            return match_name(name, entity_records(store, candidates).values())
        except QueryError as err:
            if err.code != "E311":
                raise
    return match_name(name, entity_records(store).values())
