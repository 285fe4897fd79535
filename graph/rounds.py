"""One node per real-world funding round: the reports of every document merged, with the rule that joined them.

Each document graph holds the rounds *as that document reports them*
(``aikg:FundingRoundReport``, written by :mod:`aikg.graph.build`). This module merges the reports
of one round across documents into an ``aikg:FundingRound`` and writes all rounds into one named
graph of their own, ``<https://w3id.org/aikg/graph/funding-rounds>`` (and the default graph, as
every write does). The merge is **recomputed from the reports** after each build or removal
(:func:`refresh_rounds`), never patched: the build is incremental and documents can be removed,
and a recomputed merge cannot keep a report that is gone or miss one that came.

Two reports are the same round when (rules, in order):

- they name the same company, no two different stages, and
- their dates are close: a date read in the text stands for a window of ±92 days (a month alone
  resolves to its first day; reports run from the first leak to the close, weeks to a few months
  apart; one company's rounds are seldom less than six months apart: Mistral AI raised in June
  2023, December 2023 and June 2024). A publication date bounds the round from above: the round
  came at most three years before it and 31 days after it (a report may precede the close); and
- ``same-amount``: the same amount in the same currency (``€600 million`` in English and ``600
  millions d'euros`` in French are one decimal); or ``same-stage``: the same stated stage when the
  amounts cannot be compared (one is missing, or they are in other currencies).

Reports are joined transitively, but never into a round with two stages or two amounts in one
currency. Each join is kept as ``aikg:mergeRule`` (``"same-amount: 11-a.md + 12-b.md (EUR
600000000; 0 days apart)"``), as entity resolution keeps ``aikg:resolution``.

>>> from datetime import date
>>> from decimal import Decimal
>>> a = RoundReport("r1", "d1", "en.md", "acme", Decimal(600), "EUR", "series-b", date(2024, 6, 11), "text")
>>> b = RoundReport("r2", "d2", "fr.md", "acme", Decimal(600), "EUR", None, date(2024, 6, 1), "text")
>>> c = RoundReport("r3", "d3", "old.md", "acme", Decimal(105), "EUR", "seed", date(2023, 6, 1), "text")
>>> [(r.stage, r.date, r.documents, r.rules) for r in merge_reports([a, b, c])]  # doctest: +NORMALIZE_WHITESPACE
[('seed', datetime.date(2023, 6, 1), ('d3',), ()),
 ('series-b', datetime.date(2024, 6, 11), ('d1', 'd2'), ('same-amount: fr.md + en.md (EUR 600; 10 days apart)',))]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import PROV, RDF, RDFS, XSD

from aikg.graph.namespaces import AIKG, ROUND, ROUNDS_GRAPH, entity_iri, entity_key
from aikg.graph.store import KnowledgeStore

__all__ = ["FundingRound", "RoundReport", "merge_reports", "read_reports", "refresh_rounds", "same_round"]

Day = date  # the type, for the records whose field is named ``date``

#: Half-width of the window around a date read in the text.
TEXT_WINDOW = timedelta(days=92)
#: How long before its publication date an undated report's round may have happened, and after.
PUBLISHED_BEFORE, PUBLISHED_AFTER = timedelta(days=3 * 365), timedelta(days=31)


@dataclass(frozen=True)
class RoundReport:
    """One document's report of a round, as read back from its graph (keys, not IRIs, for entities)."""

    iri: str
    document: str
    doc_id: str
    company: str
    amount: Decimal | None = None
    currency: str | None = None
    stage: str | None = None
    date: Day | None = None
    date_source: str = "published"
    leads: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    valuation: Decimal | None = None
    valuation_currency: str | None = None
    sentence: str = ""

    def window(self) -> tuple[Day, Day] | None:
        """The dates the round may have happened on, by this report."""
        if self.date is None:
            return None
        if self.date_source == "text":
            return self.date - TEXT_WINDOW, self.date + TEXT_WINDOW
        return self.date - PUBLISHED_BEFORE, self.date + PUBLISHED_AFTER


@dataclass(frozen=True)
class FundingRound:
    """A real-world round merged from its reports (see the module docstring for the rules)."""

    iri: str
    company: str
    reports: tuple[RoundReport, ...]
    amount: Decimal | None
    currency: str | None
    stage: str | None
    date: Day | None
    date_source: str
    leads: tuple[str, ...]
    participants: tuple[str, ...]
    valuation: Decimal | None
    valuation_currency: str | None
    rules: tuple[str, ...] = field(default=())

    @property
    def documents(self) -> tuple[str, ...]:
        """The IRIs of the documents that report the round, sorted."""
        return tuple(sorted({r.document for r in self.reports}))


def same_round(a: RoundReport, b: RoundReport) -> str | None:
    """The rule by which two reports are one round (``same-amount``, ``same-stage``), or None.

    >>> x = RoundReport("r1", "d1", "a.md", "acme", Decimal(5), "EUR", None, date(2024, 1, 10), "text")
    >>> same_round(x, RoundReport("r2", "d2", "b.md", "acme", Decimal(5), "EUR", "seed", date(2024, 3, 1), "text"))
    'same-amount'
    >>> later = RoundReport("r2", "d2", "b.md", "acme", Decimal(5), "EUR", None, date(2025, 3, 1), "text")
    >>> same_round(x, later) is None
    True
    """
    if a.company != b.company or (a.stage and b.stage and a.stage != b.stage):
        return None
    wa, wb = a.window(), b.window()
    if wa is not None and wb is not None and (wa[1] < wb[0] or wb[1] < wa[0]):
        return None
    if a.amount is not None and b.amount is not None and a.currency == b.currency:
        return "same-amount" if a.amount == b.amount else None
    if a.stage and a.stage == b.stage:
        return "same-stage"
    return None


class _Cluster:
    def __init__(self, report: RoundReport) -> None:
        self.reports = [report]
        self.rules: list[str] = []

    def compatible(self, other: _Cluster) -> bool:
        """No two stages and no two amounts in one currency once joined."""
        reports = self.reports + other.reports
        stages = {r.stage for r in reports if r.stage}
        amounts = {(r.currency, r.amount) for r in reports if r.amount is not None}
        return len(stages) <= 1 and len(amounts) == len({currency for currency, _ in amounts})


def merge_reports(reports: Iterable[RoundReport]) -> list[FundingRound]:
    """Merge reports into rounds (deterministic: the same reports give the same rounds and IRIs)."""
    ordered = sorted(reports, key=lambda r: (r.company, r.date or date.min, r.doc_id, r.iri))
    clusters: dict[str, _Cluster] = {r.iri: _Cluster(r) for r in ordered}
    owner = {r.iri: r.iri for r in ordered}
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.company != a.company:
                break
            ca, cb = owner[a.iri], owner[b.iri]
            rule = same_round(a, b)
            if ca == cb or rule is None or not clusters[ca].compatible(clusters[cb]):
                continue
            detail = (f"{a.currency} {a.amount}" if rule == "same-amount" else str(a.stage))
            if a.date is not None and b.date is not None:
                detail += f"; {abs((b.date - a.date).days)} days apart"
            joined, gone = clusters[ca], clusters.pop(cb)
            joined.reports += gone.reports
            joined.rules += [*gone.rules, f"{rule}: {a.doc_id} + {b.doc_id} ({detail})"]
            for report in gone.reports:
                owner[report.iri] = ca
    rounds = [_round(cluster) for cluster in clusters.values()]
    taken: Counter[str] = Counter()
    unique = []
    for found in sorted(rounds, key=lambda r: (r.company, r.date or date.min, r.iri, r.documents)):
        taken[found.iri] += 1
        if taken[found.iri] > 1:
            found = FundingRound(**{**found.__dict__, "iri": f"{found.iri}-{taken[found.iri]}"})
        unique.append(found)
    return unique


def _most_common(values: Iterable[Any]) -> Any:
    """The value most reports give; on a tie a date that is not a month's first day (a month
    alone resolves to its first day: "June 11" says more than "in June"), then the smallest."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], isinstance(v, date) and v.day == 1, str(v)))


def _round(cluster: _Cluster) -> FundingRound:
    reports = sorted(cluster.reports, key=lambda r: (r.doc_id, r.iri))
    company = reports[0].company
    money = _most_common((r.currency, r.amount) for r in reports if r.amount is not None)
    currency, amount = money if money is not None else (None, None)
    stage = _most_common(r.stage for r in reports)
    read = [r.date for r in reports if r.date is not None and r.date_source == "text"]
    when = _most_common(read) if read else min((r.date for r in reports if r.date is not None), default=None)
    leads = sorted({key for r in reports for key in r.leads})
    participants = sorted({key for r in reports for key in r.participants} - set(leads))
    valuation = _most_common((r.valuation_currency, r.valuation) for r in reports if r.valuation is not None)
    name = f"{when.isoformat() if when else 'undated'}-" + (
        f"{currency.lower()}-{amount:f}" if amount is not None and currency else stage or "round")
    return FundingRound(
        iri=str(ROUND[f"{quote(company, safe='/-_.~')}/{name}"]), company=company, reports=tuple(reports),
        amount=amount, currency=currency, stage=stage, date=when, date_source="text" if read else "published",
        leads=tuple(leads), participants=tuple(participants),
        valuation=valuation[1] if valuation else None, valuation_currency=valuation[0] if valuation else None,
        rules=tuple(cluster.rules))


_REPORTS = """
SELECT ?r ?doc ?id ?company ?value ?currency ?stage ?date ?source ?vv ?vc ?sentence WHERE {
  GRAPH ?doc {
    ?r a aikg:FundingRoundReport ; aikg:company ?company ; aikg:sentence ?sentence .
    OPTIONAL { ?r aikg:amountValue ?value ; aikg:currency ?currency }
    OPTIONAL { ?r aikg:stage ?stage }
    OPTIONAL { ?r aikg:pointInTime ?date OPTIONAL { ?r aikg:dateSource ?source } }
    OPTIONAL { ?r aikg:valuationValue ?vv ; aikg:valuationCurrency ?vc }
    OPTIONAL { ?doc aikg:documentId ?id }
  }
}"""
_INVESTORS = """
SELECT ?r ?p ?investor WHERE {
  GRAPH ?doc { ?r a aikg:FundingRoundReport ; ?p ?investor FILTER(?p IN (aikg:leadInvestor, aikg:participant)) }
}"""


def read_reports(store: KnowledgeStore) -> list[RoundReport]:
    """Every round report of every document graph of ``store``."""
    leads: dict[str, set[str]] = {}
    participants: dict[str, set[str]] = {}
    for report, predicate, investor in store.select_values(_INVESTORS):
        key = entity_key(investor)
        if report is None or key is None:
            continue
        (leads if str(predicate).endswith("#leadInvestor") else participants).setdefault(report, set()).add(key)
    found = []
    for r, doc, doc_id, company, value, currency, stage, when, source, vv, vc, sentence in store.select_values(
            _REPORTS):
        key = entity_key(company)
        if r is None or doc is None or key is None:
            continue
        found.append(RoundReport(
            iri=r, document=doc, doc_id=doc_id or doc, company=key,
            amount=Decimal(value) if value is not None else None, currency=currency, stage=stage,
            date=date.fromisoformat(when) if when else None, date_source=source or "published",
            leads=frozenset(leads.get(r, ())), participants=frozenset(participants.get(r, ())),
            valuation=Decimal(vv) if vv is not None else None, valuation_currency=vc, sentence=sentence or ""))
    return found


def _triples(rounds: Iterable[FundingRound], labels: dict[str, str]) -> Iterator[tuple[Any, Any, Any]]:
    def iri(value: object) -> ox.NamedNode:
        return ox.NamedNode(str(value))

    def lit(value: object, datatype: object = None) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(datatype)) if datatype is not None else ox.Literal(str(value))

    for found in rounds:
        node = iri(found.iri)
        company = labels.get(found.company, found.company)
        money = f" {found.currency} {found.amount:f}" if found.amount is not None else ""
        label = f"{company}{money} ({', '.join(filter(None, [found.stage, str(found.date or '')]))})"
        yield node, iri(RDF.type), iri(AIKG.FundingRound)
        yield node, iri(RDFS.label), lit(label)
        yield node, iri(AIKG.company), iri(entity_iri(found.company))
        if found.amount is not None and found.currency:
            yield node, iri(AIKG.amountValue), lit(f"{found.amount:f}", XSD.decimal)
            yield node, iri(AIKG.currency), lit(found.currency)
        if found.stage:
            yield node, iri(AIKG.stage), lit(found.stage)
        if found.date is not None:
            yield node, iri(AIKG.pointInTime), lit(found.date.isoformat(), XSD.date)
            yield node, iri(AIKG.dateSource), lit(found.date_source)
        for key in found.leads:
            yield node, iri(AIKG.leadInvestor), iri(entity_iri(key))
        for key in found.participants:
            yield node, iri(AIKG.participant), iri(entity_iri(key))
        if found.valuation is not None and found.valuation_currency:
            yield node, iri(AIKG.valuationValue), lit(f"{found.valuation:f}", XSD.decimal)
            yield node, iri(AIKG.valuationCurrency), lit(found.valuation_currency)
        for report in found.reports:
            yield node, iri(AIKG.report), iri(report.iri)
        for document in found.documents:
            yield node, iri(PROV.wasDerivedFrom), iri(document)
        for rule in found.rules:
            yield node, iri(AIKG.mergeRule), lit(rule)


_LABELS = """SELECT DISTINCT ?c ?l WHERE {
  GRAPH ?doc { ?r a aikg:FundingRoundReport ; aikg:company ?c } ?c rdfs:label ?l }"""


def refresh_rounds(store: KnowledgeStore) -> list[FundingRound]:
    """Recompute the merged rounds from the reports in ``store`` and replace the rounds graph
    (one update: the old rounds go, the new ones come, in the graph and the default graph); an
    unchanged result is not written again. About 0.3 s to read and merge 1,100 reports, and as
    much again to write 1,000 rounds when they changed."""
    rounds = merge_reports(read_reports(store))
    labels: dict[str, str] = {}
    for company, label in store.select_values(_LABELS):
        key = entity_key(company)
        if key is not None and label is not None:
            labels[key] = min(labels.get(key, label), label)
    graph = ox.NamedNode(str(ROUNDS_GRAPH))
    triples = list(_triples(rounds, labels))
    stored = store.select_values(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    if set(stored) == {(s.value, p.value, o.value) for s, p, o in triples}:
        return rounds  # nothing changed (a build that skipped every document): no write
    body = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
    # every triple of the rounds graph has a round IRI as subject, which no document graph holds:
    # it leaves the default graph with it (no check of the other graphs, which cost 1 s at 1,000 rounds)
    request = f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} ;\nDROP SILENT GRAPH {graph}"
    if body:
        request += f" ;\nINSERT DATA {{\n{body}\nGRAPH {graph} {{\n{body}\n}} }}"
    store.update(request)
    return rounds
