"""Comparisons: France vs the US vs China, and how the news moves month by month.

An entity belongs to a country when the graph places it there:

- a place *is* a country (``ent:france``) or lies in one (:attr:`Geography.place_country`: Paris, Lyon and
  the Élysée are in France);
- an organisation is ``aikg:basedIn`` such a place, an event ``aikg:heldIn`` one;
- an organisation of the knowledge base has its headquarters there (:attr:`Geography.headquarters`,
  Wikidata's P159 country), unless ``headquarters=False`` asks for stated facts only;
- a person leads, founded or works for an organisation of the country (or is based there);
  a product is developed by one.

The ``via`` column of :func:`entity_countries` says which rule placed each entity.

An entity can belong to several countries. Facts are counted per country when one of their ends
belongs to it, and per month of the publication date (``dcterms:date``) of the documents that
state them.

>>> from aikg.graph.examples import demo_store
>>> with demo_store() as store:
...     table = compare_countries(store, ["France"])
>>> table[["organizations", "people", "facts"]].to_dict("index")
{'France': {'organizations': 2, 'people': 1, 'facts': 5}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from aikg.errors import QueryError
from aikg.graph.analysis.projection import entity_attributes, entity_key, find_entity
from aikg.graph.errors import Errors
from aikg.graph.store import KnowledgeStore

__all__ = ["Geography", "compare_countries", "entity_countries", "facts_by_month", "geography"]

_GEOGRAPHY = "SELECT DISTINCT ?e ?type ?country WHERE { ?e aikg:country ?country ; a ?type }"


@dataclass(frozen=True)
class Geography:
    """What the graph says of countries (``aikg:country``, written at build time from the
    knowledge base): the countries, the country of other places, the headquarters of
    organisations. International bodies and regions that span countries have none."""

    countries: frozenset[str]
    place_country: Mapping[str, str]
    headquarters: Mapping[str, str]


def geography(store: KnowledgeStore) -> Geography:
    """Read :class:`Geography` from ``store`` (keys of entities and countries)."""
    countries: set[str] = set()
    place_country: dict[str, str] = {}
    headquarters: dict[str, str] = {}
    for e, kind, country in store.select_values(_GEOGRAPHY):
        key, country_key = entity_key(e), entity_key(country)
        if key is None or country_key is None or kind is None:
            continue
        countries.add(country_key)
        if key == country_key:
            continue
        if kind.endswith("#Place"):
            place_country[key] = country_key
        elif kind.endswith("#Organization"):
            headquarters[key] = country_key
    return Geography(frozenset(countries), place_country, headquarters)


_LOCATED = """
SELECT DISTINCT ?e ?p ?place WHERE { ?e ?p ?place . FILTER(?p IN (aikg:basedIn, aikg:heldIn)) }"""
_MEMBERS = """
SELECT DISTINCT ?e ?p ?org WHERE { ?e ?p ?org . FILTER(?p IN (aikg:leads, aikg:founded, aikg:worksFor)) }"""
_PRODUCTS = "SELECT DISTINCT ?org ?product WHERE { ?org aikg:develops ?product }"
_FACTS = """
SELECT DISTINCT ?s ?p ?o ?doc ?date WHERE {
  ?ev a aikg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?doc dcterms:date ?date }
}"""


def _country_of_place(key: str, extra: Mapping[str, str], geo: Geography) -> str | None:
    if key in geo.countries:
        return key
    return extra.get(key) or geo.place_country.get(key)


def _memberships(store: KnowledgeStore, entities: Mapping[str, Mapping[str, Any]], geo: Geography,
                 place_countries: Mapping[str, str] | None, headquarters: bool) -> dict[str, dict[str, str]]:
    """Entity key -> {country key: how we know} (``entities``: :func:`entity_attributes`)."""
    extra = dict(place_countries or {})
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for key, attrs in entities.items():
        if attrs["type"] == "Place":
            country = _country_of_place(key, extra, geo)
            if country is not None:
                found[key].setdefault(country, "is the country" if country == key else f"in {country}")
    for e, p, place in sorted(store.select(_LOCATED)):
        ek, pk = entity_key(e), entity_key(place)
        country = _country_of_place(pk, extra, geo) if pk is not None else None
        if ek is not None and country is not None:
            found[ek].setdefault(country, f"{str(p).rsplit('#', 1)[-1]} {entities.get(pk or '', {}).get('label', pk)}")
    if headquarters:
        for key, country in geo.headquarters.items():
            if key in entities and not found.get(key):
                found[key][country] = "headquarters (knowledge base)"
    places = {k: dict(v) for k, v in found.items()}
    for e, p, org in sorted(store.select(_MEMBERS)):
        ek, ok = entity_key(e), entity_key(org)
        if ek is None or ok is None:
            continue
        for country in places.get(ok, {}):
            found[ek].setdefault(country, f"{str(p).rsplit('#', 1)[-1]} {entities.get(ok, {}).get('label', ok)}")
    for org, product in sorted(store.select(_PRODUCTS)):
        ok, pk = entity_key(org), entity_key(product)
        if ok is None or pk is None:
            continue
        for country in places.get(ok, {}):
            found[pk].setdefault(country, f"developed by {entities.get(ok, {}).get('label', ok)}")
    return {k: v for k, v in found.items() if k in entities}


def entity_countries(store: KnowledgeStore, *, place_countries: Mapping[str, str] | None = None,
                     headquarters: bool = True) -> pd.DataFrame:
    """Every entity the graph places in a country: ``key, label, type, country, via``.

    ``place_countries`` adds or overrides place -> country keys (for places outside the
    knowledge base, such as ``{"place/heidelberg": "germany"}``); ``headquarters=False``
    keeps only what the articles state (no :attr:`Geography.headquarters`).

    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     table = entity_countries(store)
    >>> table[["label", "country", "via"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Arthur Mensch', 'france', 'leads Mistral AI'], ['Bpifrance', 'france', 'headquarters (knowledge base)'],
     ['Mistral AI', 'france', 'basedIn Paris'], ['Paris', 'france', 'in france']]
    """
    entities = entity_attributes(store)
    members = _memberships(store, entities, geography(store), place_countries, headquarters)
    rows = [{"key": key, "label": entities[key]["label"], "type": entities[key]["type"], "country": country,
             "via": via} for key, countries in members.items() for country, via in countries.items()]
    rows.sort(key=lambda r: (r["country"], str(r["label"]).casefold(), r["key"]))
    return pd.DataFrame(rows, columns=["key", "label", "type", "country", "via"])


def _resolve_countries(store: KnowledgeStore, countries: Iterable[str], entities: Mapping[str, Mapping[str, Any]],
                       known: frozenset[str]) -> list[tuple[str, str]]:
    """(key, label) of each country name; ``known``: the countries of :func:`geography`."""
    resolved = []
    for name in countries:
        folded = "-".join(name.casefold().split())  # "United States" -> united-states
        key: str | None = folded if folded in known else None
        if key is None:
            try:
                key = find_entity(store, name)
            except QueryError:
                key = None
        if key is None or key not in known:
            raise QueryError(Errors.E409.format(name=name, known=sorted(known)))
        # a country no article names has no label in the graph: show its key as words
        resolved.append((key, str(entities.get(key, {}).get("label") or key.replace("-", " ").title())))
    return resolved


def compare_countries(store: KnowledgeStore, countries: Sequence[str] = ("France", "United States", "China"), *,
                      place_countries: Mapping[str, str] | None = None, headquarters: bool = True,
                      top: int = 5) -> pd.DataFrame:
    """Organisations, people, events, products, facts and documents per country, side by side.

    Parameters
    ----------
    store : KnowledgeStore
    countries : sequence of str
        Country names, aliases or keys (``"France"``, ``"US"``, ``"china"``).
    place_countries : mapping, optional
        Extra place -> country keys (see :func:`entity_countries`).
    headquarters : bool
        Also place the knowledge base's organisations by their headquarters.
    top : int
        How many organisation and people names the ``top_organizations``/``top_people``
        columns give (most documents first).

    Returns
    -------
    pandas.DataFrame
        Indexed by country label; columns ``organizations, people, events, products, facts,
        documents, top_organizations, top_people, key``.
    """
    entities = entity_attributes(store)
    geo = geography(store)
    chosen = _resolve_countries(store, countries, entities, geo.countries)
    members = _memberships(store, entities, geo, place_countries, headquarters)
    by_country: dict[str, set[str]] = defaultdict(set)
    for key, where in members.items():
        for country in where:
            by_country[country].add(key)
    facts: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    for s, p, o, doc, _date in store.select(_FACTS):
        sk, ok = entity_key(s), entity_key(o)
        for country in {c for k in (sk, ok) if k is not None for c in members.get(k, {})}:
            facts[country].add((str(s), str(p), str(o)))
            docs[country].add(str(doc))
    rows = {}
    for key, label in chosen:
        inside = by_country.get(key, set())

        def of_type(kind: str, inside: set[str] = inside) -> list[str]:
            keys = sorted((k for k in inside if entities[k]["type"] == kind),
                          key=lambda k: (-entities[k]["documents"], entities[k]["label"].casefold()))
            return [entities[k]["label"] for k in keys]

        orgs, people = of_type("Organization"), of_type("Person")
        rows[label] = {"organizations": len(orgs), "people": len(people), "events": len(of_type("Event")),
                       "products": len(of_type("Product")), "facts": len(facts.get(key, ())),
                       "documents": len(docs.get(key, ())), "top_organizations": ", ".join(orgs[:top]),
                       "top_people": ", ".join(people[:top]), "key": key}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "country"
    return frame


def facts_by_month(store: KnowledgeStore, by: str | None = "predicate", *,
                   countries: Sequence[str] = ("France", "United States", "China"),
                   place_countries: Mapping[str, str] | None = None, headquarters: bool = True) -> pd.DataFrame:
    """Facts stated per publication month of their documents, split by predicate or by country.

    A fact stated by two documents of different months counts in both months. Documents
    without a date are left out (their number is in ``frame.attrs["undated_documents"]``).
    Months without facts between the first and the last appear with zeros.

    Parameters
    ----------
    by : {"predicate", "country", None}
        Columns: one per predicate, one per country of ``countries``, or a single ``facts``.

    Examples
    --------
    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     monthly = facts_by_month(store)
    >>> monthly.loc[["2024-06", "2025-02"], ["leads", "raised", "announced"]].to_dict("index")
    {'2024-06': {'leads': 1, 'raised': 1, 'announced': 0}, '2025-02': {'leads': 1, 'raised': 0, 'announced': 1}}
    >>> int(monthly.sum().sum()), len(monthly)
    (8, 9)
    """
    if by not in {"predicate", "country", None}:
        raise QueryError(Errors.E410.format(by=by))
    members: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    if by == "country":
        entities = entity_attributes(store)
        geo = geography(store)
        labels = dict(_resolve_countries(store, countries, entities, geo.countries))
        members = _memberships(store, entities, geo, place_countries, headquarters)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    undated: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    for s, p, o, doc, published in store.select(_FACTS):
        when = published.toPython() if published is not None else None
        if not isinstance(when, date):
            undated.add(str(doc))
            continue
        month = when.strftime("%Y-%m")
        if (s, p, o, doc) in seen:
            continue
        seen.add((s, p, o, doc))
        if by == "predicate":
            columns = [str(p).rsplit("#", 1)[-1]]
        elif by == "country":
            keys = {c for k in (entity_key(s), entity_key(o)) if k is not None for c in members.get(k, {})}
            columns = [labels[c] for c in labels if c in keys]
        else:
            columns = ["facts"]
        for column in columns:
            counts[(month, column)] += 1
    if counts:
        months = [str(m) for m in pd.period_range(min(m for m, _ in counts), max(m for m, _ in counts), freq="M")]
    else:
        months = []
    names = sorted({c for _, c in counts}) if by == "predicate" else \
        list(labels.values()) if by == "country" else ["facts"]
    frame = pd.DataFrame([[counts.get((m, c), 0) for c in names] for m in months], index=months, columns=names,
                         dtype="int64")
    frame.index.name = "month"
    frame.attrs["undated_documents"] = len(undated)
    return frame
