"""Money and power: funding rounds, investors and the amounts public actors announce.

Amounts are typed in the graph (``ent:X aikg:raised ent:amount/EUR-105000000``, the amount
carrying ``aikg:amountValue`` and ``aikg:currency``), so totals are sums of decimals, computed
**per currency**: euros are never added to dollars (no exchange rate is implied by the news).
An amount is one node per value and currency, so the same round reported by two articles is
counted once for a company; two different figures for one round (``€600 million`` and
``$640 million``) stay two rows in two currencies.

>>> from aikg.graph.examples import demo_store
>>> with demo_store() as store:
...     totals = funding_by_company(store)
>>> totals[["company", "currency", "total", "rounds"]].to_dict("records")
[{'company': 'Mistral AI', 'currency': 'EUR', 'total': 105000000.0, 'rounds': 1}]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

from aikg.graph.analysis.projection import entity_attributes, entity_key
from aikg.graph.store import KnowledgeStore

__all__ = [
    "announcements",
    "funding_by_company",
    "funding_by_investor",
    "funding_rounds",
    "public_actors",
    "public_initiatives",
]

#: Governments, public bodies and office holders: ``aikg:publicActor true``, written at build
#: time from the knowledge base.
_PUBLIC = "SELECT DISTINCT ?e WHERE { ?e aikg:publicActor true }"

_AMOUNT_FACTS = """
SELECT DISTINCT ?actor ?p ?amount ?value ?currency ?doc ?id ?date ?sentence WHERE {
  GRAPH ?doc { ?actor ?p ?amount . ?amount aikg:amountValue ?value . OPTIONAL { ?amount aikg:currency ?currency } }
  ?ev rdf:subject ?actor ; rdf:predicate ?p ; rdf:object ?amount ; prov:wasDerivedFrom ?doc ; aikg:sentence ?sentence .
  OPTIONAL { ?doc aikg:documentId ?id }
  OPTIONAL { ?doc dcterms:date ?date }
  FILTER(?p IN (aikg:raised, aikg:announced, aikg:investsIn))
}"""
_INVESTS = """
SELECT DISTINCT ?investor ?company ?doc WHERE {
  GRAPH ?doc { ?investor aikg:investsIn ?company }
  FILTER NOT EXISTS { ?company aikg:amountValue ?v }
}"""
_LABELS = "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l }"
_PUBLIC_STAFF = """
SELECT DISTINCT ?person ?org WHERE { ?person ?p ?org . FILTER(?p IN (aikg:leads, aikg:worksFor)) }"""
_PUBLIC_FACTS = """
SELECT DISTINCT ?actor ?p ?object ?doc ?id ?date ?sentence WHERE {
  ?ev a aikg:Evidence ; rdf:subject ?actor ; rdf:predicate ?p ; rdf:object ?object ;
      prov:wasDerivedFrom ?doc ; aikg:sentence ?sentence .
  OPTIONAL { ?doc aikg:documentId ?id }
  OPTIONAL { ?doc dcterms:date ?date }
  FILTER(?p IN (aikg:announced, aikg:investsIn, aikg:partnerOf, aikg:develops, aikg:attended))
}"""


def _labels(store: KnowledgeStore) -> dict[str, str]:
    labels: dict[str, str] = {}
    for e, label in store.select(_LABELS):
        key = entity_key(e)
        if key is not None:
            labels[key] = min(labels.get(key, str(label)), str(label))
    return labels


def _date(term: object) -> date | None:
    value = getattr(term, "toPython", lambda: None)()
    return value if isinstance(value, date) else None


def _amount_rows(store: KnowledgeStore, predicates: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(predicates)
    labels = _labels(store)
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for actor, p, amount, value, currency, _doc, doc_id, published, sentence in store.select(_AMOUNT_FACTS):
        predicate = str(p).rsplit("#", 1)[-1]
        actor_key, amount_key = entity_key(actor), entity_key(amount)
        if predicate not in wanted or actor_key is None or amount_key is None:
            continue
        row = merged.setdefault((actor_key, predicate, amount_key), {
            "actor_key": actor_key, "actor": labels.get(actor_key, actor_key), "predicate": predicate,
            "amount_key": amount_key, "amount": labels.get(amount_key, amount_key),
            "value": float(value.toPython()), "currency": str(currency) if currency is not None else None,
            "documents": set(), "date": None, "sentence": None, "_doc": None,
        })
        row["documents"].add(str(doc_id) if doc_id is not None else str(_doc))
        when = _date(published)
        if when is not None and (row["date"] is None or when < row["date"]):
            row["date"] = when
        document = str(doc_id) if doc_id is not None else ""
        if row["_doc"] is None or document < row["_doc"]:
            row["_doc"], row["sentence"] = document, str(sentence)
    rows = []
    for row in merged.values():
        row["document"] = row.pop("_doc") or None
        row["documents"] = len(row["documents"])
        rows.append(row)
    rows.sort(key=lambda r: (r["actor"].casefold(), r["currency"] or "", -r["value"], r["amount_key"]))
    return rows


_ROUND_COLUMNS = ["company", "amount", "value", "currency", "how", "investors", "date", "documents", "document",
                  "sentence", "company_key", "amount_key", "stage", "leads", "round"]

#: The merged rounds (``aikg.graph.rounds``) and what their reports say.
_MERGED = """
SELECT ?round ?company ?value ?currency ?stage ?date ?valuation ?valuationCurrency WHERE {
  ?round a aikg:FundingRound ; aikg:company ?company .
  OPTIONAL { ?round aikg:valuationValue ?valuation ; aikg:valuationCurrency ?valuationCurrency }
  OPTIONAL { ?round aikg:amountValue ?value ; aikg:currency ?currency }
  OPTIONAL { ?round aikg:stage ?stage }
  OPTIONAL { ?round aikg:pointInTime ?date }
}"""
_MERGED_LINKS = """
SELECT ?round ?p ?o WHERE {
  ?round a aikg:FundingRound ; ?p ?o FILTER(?p IN (aikg:leadInvestor, aikg:participant, aikg:report))
}"""
_REPORT_EVIDENCE = """
SELECT ?report ?amount ?sentence ?id WHERE {
  GRAPH ?doc { ?report a aikg:FundingRoundReport ; aikg:sentence ?sentence OPTIONAL { ?report aikg:amount ?amount } }
  OPTIONAL { ?doc aikg:documentId ?id }
}"""


def _merged_rounds(store: KnowledgeStore, labels: dict[str, str]) -> list[dict[str, Any]]:
    """One row per ``aikg:FundingRound``: a round reported by several articles, or in two
    currencies, is one row (its amount the one most reports give)."""
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for round_, p, o in store.select_values(_MERGED_LINKS):
        if round_ is not None and p is not None and o is not None:
            links[round_][p.rsplit("#", 1)[-1]].add(o)
    evidence = {r: (a, s, i) for r, a, s, i in store.select_values(_REPORT_EVIDENCE) if r is not None}
    rows = []
    for round_, company, value, currency, stage, when, valuation, valuation_currency in store.select_values(_MERGED):
        company_key = entity_key(company)
        if round_ is None or company_key is None:
            continue
        reports = sorted((evidence[r] for r in links[round_]["report"] if r in evidence), key=lambda e: str(e[2]))
        amount_keys = sorted({k for a, _, _ in reports if (k := entity_key(a)) is not None})
        leads = sorted((labels.get(k, k) for i in links[round_]["leadInvestor"] if (k := entity_key(i))),
                       key=str.casefold)
        others = sorted((labels.get(k, k) for i in links[round_]["participant"] if (k := entity_key(i))),
                        key=str.casefold)
        amount_key = next((k for k in amount_keys if value is not None and labels.get(k)), None)
        rows.append({
            "company": labels.get(company_key, company_key),
            "amount": labels.get(amount_key, amount_key) if amount_key else (f"{currency} {value}" if value else None),
            "value": float(value) if value is not None else float("nan"), "currency": currency, "how": "raised",
            "investors": ", ".join([*leads, *others]), "leads": ", ".join(leads),
            "date": date.fromisoformat(when) if when else None, "documents": len(reports),
            "document": reports[0][2] if reports else None, "sentence": reports[0][1] if reports else None,
            "company_key": company_key, "amount_key": amount_key, "stage": stage, "round": round_,
            "_covers": set(amount_keys),
            "_valuation": (company_key, float(valuation), valuation_currency) if valuation is not None else None})
    return rows


def funding_rounds(store: KnowledgeStore, *, announced: bool = True) -> pd.DataFrame:
    """Every funding round, once, with its investors, date and sentence.

    Rounds are the ``aikg:FundingRound`` nodes merged across documents (``aikg.graph.rounds``):
    ``investors`` lists the lead investors then the others (``leads`` the former alone), ``stage``
    and ``date`` are the round's (read in the text, else the publication date), ``documents`` counts
    the reports. An amount a company raised that no round covers (a store written before rounds
    were read) is a row of its own, as are, with ``announced``, amounts that an organisation which
    is not a public actor announced (``Mistral AI a annoncé une levée de fonds de 1,7 milliard
    d'euros``): ``how`` says which (``raised`` / ``announced``), and their investors are those that
    ``aikg:investsIn`` the company in a document that reports the amount.

    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     rounds = funding_rounds(store)
    >>> rounds.loc[0, ["company", "amount", "currency", "investors", "date"]].tolist()
    ['Mistral AI', '€105 million', 'EUR', 'Bpifrance', datetime.date(2024, 6, 11)]
    """
    labels = _labels(store)
    merged = _merged_rounds(store, labels)
    covered = {(row["company_key"], key) for row in merged for key in row.pop("_covers")}
    valuations = {v for row in merged if (v := row.pop("_valuation")) is not None}
    investors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for investor, company, doc in store.select(_INVESTS):
        i, c = entity_key(investor), entity_key(company)
        if i is not None and c is not None:
            investors[(c, str(doc))].add(labels.get(i, i))
    docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor, p, amount, _v, _c, doc, *_ in store.select(_AMOUNT_FACTS):
        if str(p).endswith(("#raised", "#announced")):
            docs_of[(entity_key(actor) or "", entity_key(amount) or "")].add(str(doc))
    types = {key: attrs["type"] for key, attrs in entity_attributes(store).items()}
    public = public_actors(store)
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for row in _amount_rows(store, ["raised", "announced"] if announced else ["raised"]):
        if (row["actor_key"], row["amount_key"]) in covered:
            continue  # the round says it, once
        if (row["actor_key"], row["value"], row["currency"]) in valuations:
            continue  # a valuation is never a raise
        if row["predicate"] == "announced" and (types.get(row["actor_key"]) != "Organization"
                                                or row["actor_key"] in public):
            continue
        pair = (row["actor_key"], row["amount_key"])
        if pair not in chosen or row["predicate"] == "raised":
            chosen[pair] = row
    rows = list(merged)
    for row in chosen.values():
        backers: set[str] = set()
        for doc in docs_of[(row["actor_key"], row["amount_key"])]:
            backers |= investors.get((row["actor_key"], doc), set())
        rows.append({"company": row["actor"], "amount": row["amount"], "value": row["value"],
                     "currency": row["currency"], "how": row["predicate"],
                     "investors": ", ".join(sorted(backers, key=str.casefold)),
                     "date": row["date"], "documents": row["documents"], "document": row["document"],
                     "sentence": row["sentence"], "company_key": row["actor_key"], "amount_key": row["amount_key"],
                     "stage": None, "leads": "", "round": None})
    rows.sort(key=lambda r: (r["company"].casefold(), r["currency"] or "", -r["value"] if r["value"] == r["value"]
                             else 0.0, str(r["round"])))
    return pd.DataFrame(rows, columns=_ROUND_COLUMNS)


def funding_by_company(store: KnowledgeStore) -> pd.DataFrame:
    """Total raised by each company, one row per company and currency (largest first within a currency).

    Columns ``company, currency, total, rounds`` (each round counted once, however many articles
    report it), ``largest``, ``documents`` and ``company_key``.
    """
    rounds = funding_rounds(store)
    columns = ["company", "currency", "total", "rounds", "largest", "documents", "company_key"]
    if rounds.empty:
        return pd.DataFrame(columns=columns)
    rounds = rounds.assign(key=rounds["round"].fillna(rounds["amount_key"]))
    grouped = rounds.fillna({"currency": "?"}).groupby(["company_key", "company", "currency"], as_index=False).agg(
        total=("value", "sum"), rounds=("key", "nunique"), largest=("value", "max"),
        documents=("documents", "sum"))
    grouped = grouped.sort_values(["currency", "total", "company"], ascending=[True, False, True])
    return grouped[columns].reset_index(drop=True)


def funding_by_investor(store: KnowledgeStore) -> pd.DataFrame:
    """What each investor put money into, one row per investor and currency.

    ``announced`` sums the amounts the investor itself is said to announce or invest
    (``aikg:announced``/``aikg:investsIn`` an amount); ``rounds_total`` sums the rounds of the
    companies it backs, as reported in the same document (its share is rarely known, so this is
    the size of the rounds it took part in, not its own money). ``companies`` lists who it backs.
    Investors with no known amount have one row with currency None.

    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     investors = funding_by_investor(store)
    >>> investors[["investor", "currency", "rounds_total", "companies"]].to_dict("records")
    [{'investor': 'Bpifrance', 'currency': 'EUR', 'rounds_total': 105000000.0, 'companies': 'Mistral AI'}]
    """
    labels = _labels(store)
    rounds = funding_rounds(store)
    table: dict[tuple[str, str | None], dict[str, Any]] = {}
    backed: dict[str, set[str]] = defaultdict(set)
    for investor, company, _doc in store.select(_INVESTS):
        i, c = entity_key(investor), entity_key(company)
        if i is not None and c is not None:
            backed[i].add(labels.get(c, c))

    def slot(key: str, currency: str | None) -> dict[str, Any]:
        return table.setdefault((key, currency), {
            "investor": labels.get(key, key), "currency": currency, "announced": 0.0, "rounds_total": 0.0,
            "rounds": 0, "companies": ", ".join(sorted(backed.get(key, set()), key=str.casefold)), "investor_key": key})

    by_label = {label: key for key, label in labels.items()}
    for round_ in rounds.itertuples():
        for name in filter(None, str(round_.investors).split(", ")):
            row = slot(by_label.get(name, name), round_.currency)  # type: ignore[arg-type]
            row["rounds_total"] += float(round_.value)  # type: ignore[arg-type]
            row["rounds"] += 1
    for fact in _amount_rows(store, ["announced", "investsIn"]):
        if fact["actor_key"] in backed or fact["predicate"] == "investsIn":
            slot(fact["actor_key"], fact["currency"])["announced"] += fact["value"]
    for key in backed:
        if not any(k == key for k, _ in table):
            slot(key, None)
    columns = ["investor", "currency", "announced", "rounds_total", "rounds", "companies", "investor_key"]
    frame = pd.DataFrame(list(table.values()), columns=columns)
    return frame.sort_values(["currency", "rounds_total", "investor"], ascending=[True, False, True],
                             na_position="last").reset_index(drop=True)


def announcements(store: KnowledgeStore, *, actors: Iterable[str] | None = None) -> pd.DataFrame:
    """Amounts that actors announced (``aikg:announced`` a monetary amount), with sentence and date.

    ``actors`` restricts the table to these entity keys. Columns: ``actor, amount, value,
    currency, date, documents, document, sentence, actor_key, amount_key``.
    """
    keep = set(actors) if actors is not None else None
    rows = [r for r in _amount_rows(store, ["announced"]) if keep is None or r["actor_key"] in keep]
    columns = ["actor", "amount", "value", "currency", "date", "documents", "document", "sentence",
               "actor_key", "amount_key"]
    return pd.DataFrame(rows, columns=[*columns, "predicate"])[columns]


def public_actors(store: KnowledgeStore, known: Iterable[str] | None = None) -> set[str]:
    """Keys of the public actors in ``store``: the graph's own (``aikg:publicActor``) or ``known``
    ones, plus people who lead or work for them.

    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     sorted(public_actors(store, known={"mistral-ai"}))
    ['mistral-ai', 'person/arthur-mensch']
    """
    found = set(known) if known is not None else {k for (e,) in store.select_values(_PUBLIC)
                                                   if (k := entity_key(e)) is not None}
    for person, org in store.select(_PUBLIC_STAFF):
        p, o = entity_key(person), entity_key(org)
        if p is not None and o in found:
            found.add(p)
    return found


def public_initiatives(store: KnowledgeStore, known: Iterable[str] | None = None) -> pd.DataFrame:
    """What public actors announce, fund, partner with, develop or attend, with evidence.

    One row per fact whose subject is a public actor (:func:`public_actors`): ``actor,
    predicate, object, value, currency`` (for amounts), ``date, document, sentence``.
    """
    actors = public_actors(store, known)
    labels = _labels(store)
    values = {r["amount_key"]: (r["value"], r["currency"]) for r in _amount_rows(store, ["announced", "investsIn"])}
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for actor, p, obj, _doc, doc_id, published, sentence in store.select(_PUBLIC_FACTS):
        a, o = entity_key(actor), entity_key(obj)
        if a is None or o is None or a not in actors:
            continue
        predicate = str(p).rsplit("#", 1)[-1]
        value, currency = values.get(o, (None, None))
        row = rows.setdefault((a, predicate, o), {
            "actor": labels.get(a, a), "predicate": predicate, "object": labels.get(o, o), "value": value,
            "currency": currency, "date": _date(published), "document": str(doc_id) if doc_id else None,
            "sentence": str(sentence), "actor_key": a, "object_key": o})
        document = str(doc_id) if doc_id else ""
        if row["document"] is None or document < row["document"]:
            row["document"], row["sentence"] = document, str(sentence)
        when = _date(published)
        if when is not None and (row["date"] is None or when < row["date"]):
            row["date"] = when  # the earliest publication that states it
    columns = ["actor", "predicate", "object", "value", "currency", "date", "document", "sentence",
               "actor_key", "object_key"]
    ordered = sorted(rows.values(), key=lambda r: (r["actor"].casefold(), r["predicate"], r["object"].casefold()))
    return pd.DataFrame(ordered, columns=columns)
