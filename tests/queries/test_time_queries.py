"""Named queries over facts in time: funding-rounds, current-roles, timeline, and who-leads now.

A small store of hand-made records: a chief executive in 2023, a 2025 article that says he left
(the role is superseded, its history kept), a hedged rumour, and one round reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aikg.extract.records import (
    DateSource,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    FactStatus,
    FundingRoundRecord,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore, open_store
from tests.helpers import named_rows

P, ORG, AM = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.MONETARY_AMOUNT
ENTITIES = {e.key: e for e in (
    EntityRecord("person/jean-dupont", "Jean Dupont", P), EntityRecord("person/ana-lima", "Ana Lima", P),
    EntityRecord("acme", "Acme", ORG), EntityRecord("beta", "Beta Capital", ORG), EntityRecord("gamma", "Gamma", ORG),
    EntityRecord("amount/EUR-50000000", "€50 million", AM, amount=Decimal(50_000_000), currency="EUR"),
    EntityRecord("amount/EUR-8000000", "€8 million", AM, amount=Decimal(8_000_000), currency="EUR"),
)}
#: doc id -> (published, [(sentence, [(s, p, o, extra fields)])], rounds)
Fact = tuple[str, str, str, dict[str, object]]
DOCS: dict[str, tuple[date, list[tuple[str, list[Fact]]], list[dict[str, object]]]] = {
    "2023.md": (date(2023, 3, 1), [
        ("Jean Dupont, chief executive of Acme since 2019, spoke.",
         [("person/jean-dupont", "leads", "acme", {"start": date(2019, 1, 1)}),
          ("person/jean-dupont", "worksFor", "acme", {"start": date(2019, 1, 1)})]),
        ("Acme raised €8 million in a seed round led by Gamma.",
         [("acme", "raised", "amount/EUR-8000000", {}), ("gamma", "investsIn", "acme", {})]),
    ], [{"amount_key": "amount/EUR-8000000", "stage": "seed", "date": date(2023, 2, 1), "leads": ("gamma",)}]),
    "2024-en.md": (date(2024, 5, 2), [
        ("Acme raised €50 million in a Series A led by Beta Capital, with Gamma.",
         [("acme", "raised", "amount/EUR-50000000", {}), ("beta", "investsIn", "acme", {}),
          ("gamma", "investsIn", "acme", {})]),
        ("Ana Lima is reportedly in talks to lead Acme.",
         [("person/ana-lima", "leads", "acme", {"hedged": True, "confidence": 0.3})]),
    ], [{"amount_key": "amount/EUR-50000000", "stage": "series-a", "date": date(2024, 4, 30),
         "leads": ("beta",), "participants": ("gamma",)}]),
    "2024-fr.md": (date(2024, 5, 6), [
        ("Acme a levé 50 millions d'euros, un tour mené par Beta Capital.",
         [("acme", "raised", "amount/EUR-50000000", {}), ("beta", "investsIn", "acme", {})]),
    ], [{"amount_key": "amount/EUR-50000000", "date": date(2024, 5, 6), "date_source": DateSource.PUBLISHED,
         "leads": ("beta",)}]),
    "2025.md": (date(2025, 1, 20), [
        ("Jean Dupont, who left Acme in 2024, now advises Beta Capital.",
         [("person/jean-dupont", "worksFor", "acme", {"status": FactStatus.FORMER, "end": date(2024, 1, 1)}),
          ("person/jean-dupont", "worksFor", "beta", {})]),
    ], []),
}


def _extraction(doc_id: str) -> Extraction:
    published, sentences, rounds = DOCS[doc_id]
    relations, used, offset = [], set(), 0
    evidence_of = {}
    for sentence, facts in sentences:
        evidence = Evidence(doc_id, sentence, offset, offset + len(sentence))
        offset += len(sentence) + 1
        for s, p, o, extra in facts:
            fields = {"confidence": 0.9, **extra}
            relations.append(RelationRecord(s, p, o, evidence, "test", **fields))  # type: ignore[arg-type]
            used |= {s, o}
            evidence_of.setdefault(o, evidence)
    records = []
    for found in rounds:
        amount = ENTITIES[str(found["amount_key"])]
        fields = {"date_source": DateSource.TEXT, **found}
        records.append(FundingRoundRecord("acme", evidence_of[amount.key], amount.amount, amount.currency,
                                          **fields))  # type: ignore[arg-type]
    text = " ".join(s for s, _ in sentences)
    return Extraction(Document(doc_id, text, doc_id, language="en", published=published),
                      tuple(ENTITIES[k] for k in sorted(used)), relations=tuple(relations), rounds=tuple(records))


@pytest.fixture(scope="module")
def timed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("timed") / "store"
    with open_store(path) as store:
        for doc_id in DOCS:
            store.replace_document(doc_id, extraction_quads(_extraction(doc_id), ExtractionRun("t")))
        refresh_rounds(store)
    return path


@pytest.fixture
def timed(timed_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(timed_path, read_only=True) as store:
        yield store


_rows = named_rows


def test_funding_rounds_one_row_per_round(timed: KnowledgeStore) -> None:
    rows = _rows(timed, "funding-rounds")
    assert [(r["companyLabel"], Decimal(r["amount"]), r["currency"], r.get("stage"), r["date"], r.get("leads"),
             r.get("investors"), r["documents"]) for r in rows] == [
        ("Acme", Decimal(8_000_000), "EUR", "seed", "2023-02-01", "Gamma", None, "1"),
        ("Acme", Decimal(50_000_000), "EUR", "series-a", "2024-04-30", "Beta Capital", "Gamma", "2")]
    # every total counts a round once, whatever the number of articles
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal(58_000_000)


@pytest.mark.parametrize(("params", "amounts"), [
    ({"company": "Acme"}, ["8000000", "50000000"]),
    ({"company": "Gamma"}, []),
    ({"investor": "Beta Capital"}, ["50000000"]),
    ({"investor": "Gamma"}, ["8000000", "50000000"]),
    ({"since": "2024-01-01"}, ["50000000"]),
    ({"until": "2023-12-31"}, ["8000000"]),
    ({"since": "2023-01-01", "until": "2024-04-29"}, ["8000000"]),
])
def test_funding_rounds_parameters(timed: KnowledgeStore, params: dict[str, str], amounts: list[str]) -> None:
    assert [r["amount"] for r in _rows(timed, "funding-rounds", **params)] == amounts


def test_who_leads_leaves_out_former_superseded_and_hedged_roles(timed: KnowledgeStore) -> None:
    # 2023 says Jean Dupont leads Acme; 2025 says he left: the later statement wins
    assert _rows(timed, "who-leads", org="Acme") == []
    roles = {(r["personLabel"], r["role"], r["orgLabel"]) for r in _rows(timed, "current-roles")}
    assert roles == {("Jean Dupont", "worksFor", "Beta Capital")}
    # the history is kept: the role is still stated by its document
    assert _rows(timed, "who-works-for", org="Acme")


def test_current_roles_since(timed: KnowledgeStore) -> None:
    # before the later article, the role was current, with the start date the text gives
    with open_store(Path(str(timed.location)).parent / "early", read_only=False) as early:
        early.replace_document("2023.md", extraction_quads(_extraction("2023.md"), ExtractionRun("t")))
        rows = _rows(early, "current-roles", org="Acme")
    assert {(r["personLabel"], r["role"], r["since"], r["documents"]) for r in rows} == {
        ("Jean Dupont", "leads", "2019-01-01", "1"), ("Jean Dupont", "worksFor", "2019-01-01", "1")}


def test_timeline_in_date_order_with_evidence(timed: KnowledgeStore) -> None:
    rows = _rows(timed, "timeline", entity="Jean Dupont")
    assert [(r["date"], r["kind"], r["predicate"].rsplit("#")[-1], r["objectLabel"], r["status"], r.get("end"))
            for r in rows] == [
        ("2019-01-01", "fact", "leads", "Acme", "current", None),
        ("2019-01-01", "fact", "worksFor", "Acme", "current", None),
        ("2025-01-20", "fact", "worksFor", "Acme", "former", "2024-01-01"),
        ("2025-01-20", "fact", "worksFor", "Beta Capital", "current", None)]
    assert rows[2]["sentence"].startswith("Jean Dupont, who left Acme")
    acme = _rows(timed, "timeline", entity="Acme")
    assert [r["date"] for r in acme] == sorted(r["date"] for r in acme)
    rounds = [r for r in acme if r["kind"] == "round"]
    assert [(r["date"], r["documents"]) for r in rounds] == [("2023-02-01", "1"), ("2024-04-30", "2")]
    # the rumour is not a fact of the timeline
    assert not any("reportedly" in r["sentence"] for r in acme)
