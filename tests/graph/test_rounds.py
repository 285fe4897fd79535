"""graph/rounds.py: one node per real-world round, merged across documents and kept in step with them."""

from __future__ import annotations

import json
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
    FundingRoundRecord,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.export import ExportFormat, export_store, import_file
from aikg.graph.namespaces import ROUNDS_GRAPH, entity_key
from aikg.graph.rounds import RoundReport, merge_reports, read_reports, refresh_rounds, same_round
from aikg.graph.store import KnowledgeStore, open_store
from aikg.graph.validate import validate_graph
from tests.helpers import GOLD


def report(doc: str, amount: int | None, currency: str | None = "EUR", stage: str | None = None,
           when: date | None = date(2024, 6, 11), source: str = "text", company: str = "mistral-ai") -> RoundReport:
    return RoundReport(f"r-{doc}", f"d-{doc}", doc, company, Decimal(amount) if amount is not None else None,
                       currency if amount is not None else None, stage, when, source)


@pytest.mark.parametrize(("a", "b", "rule"), [
    # the same figure in English and French articles, ten days apart
    (report("en.md", 600_000_000), report("fr.md", 600_000_000, when=date(2024, 6, 1)), "same-amount"),
    # one article gives the stage and another the figure in dollars
    (report("en.md", 600_000_000, stage="series-b"), report("us.md", 640_000_000, "USD", "series-b"), "same-stage"),
    (report("en.md", None, stage="seed"), report("fr.md", 105_000_000, stage="seed"), "same-stage"),
    # an undated report (publication date) came after the round
    (report("en.md", 600_000_000), report("late.md", 600_000_000, when=date(2025, 9, 10), source="published"),
     "same-amount"),
    # a different round of the same company stays apart
    (report("a.md", 600_000_000), report("b.md", 385_000_000), None),
    (report("a.md", 600_000_000, stage="series-b"), report("b.md", 600_000_000, stage="series-c"), None),
    (report("a.md", 600_000_000), report("b.md", 600_000_000, when=date(2025, 6, 11)), None),
    # a report published before the round cannot be about it
    (report("a.md", 600_000_000), report("early.md", 600_000_000, when=date(2024, 1, 2), source="published"), None),
    (report("a.md", 600_000_000), report("b.md", 600_000_000, company="openai"), None),
    (report("a.md", None), report("b.md", None), None),
])
def test_rounds_same_round_rules(a: RoundReport, b: RoundReport, rule: str | None) -> None:
    assert same_round(a, b) == rule
    assert same_round(b, a) == rule


def test_rounds_merge_explains_each_join_and_keeps_rounds_apart() -> None:
    reports = [report("11-en.md", 600_000_000, stage="series-b"), report("12-fr.md", 600_000_000),
               report("10-fr.md", 600_000_000, when=date(2024, 6, 1)),
               report("01-en.md", 105_000_000, stage="seed", when=date(2023, 6, 1))]
    rounds = merge_reports(reports)
    assert [(r.amount, r.stage, r.date, len(r.documents)) for r in rounds] == [
        (Decimal(105_000_000), "seed", date(2023, 6, 1), 1),
        (Decimal(600_000_000), "series-b", date(2024, 6, 11), 3)]
    assert rounds[1].rules == ("same-amount: 10-fr.md + 11-en.md (EUR 600000000; 10 days apart)",
                               "same-amount: 10-fr.md + 12-fr.md (EUR 600000000; 10 days apart)")
    assert merge_reports(reversed(reports)) == rounds  # deterministic


def test_rounds_never_join_two_amounts_in_one_currency() -> None:
    # a-b share the stage and b-c the amount, but a and c give two euro figures: a stays apart
    a = report("a.md", 500_000_000, stage="series-b")
    b = report("b.md", None, stage="series-b")
    c = report("c.md", 600_000_000)
    rounds = merge_reports([a, b, c])
    assert sorted(len(r.reports) for r in rounds) == [1, 2]


def _extraction(doc_id: str, published: date, sentence: str, amount: int, **round_: object) -> Extraction:
    key = f"amount/EUR-{amount}"
    entities = (EntityRecord("mistral-ai", "Mistral AI", EntityType.ORGANIZATION),
                EntityRecord("general-catalyst", "General Catalyst", EntityType.ORGANIZATION),
                EntityRecord(key, f"€{amount}", EntityType.MONETARY_AMOUNT, amount=Decimal(amount), currency="EUR"))
    evidence = Evidence(doc_id, sentence, 0, len(sentence))
    relations = (RelationRecord("mistral-ai", "raised", key, evidence, "test", 0.9),
                 RelationRecord("general-catalyst", "investsIn", "mistral-ai", evidence, "test", 0.9))
    found = FundingRoundRecord("mistral-ai", evidence, Decimal(amount), "EUR", key, **round_)  # type: ignore[arg-type]
    return Extraction(Document(doc_id, sentence, doc_id, language="en", published=published), entities,
                      relations=relations, rounds=(found,))


def _write(store: KnowledgeStore) -> None:
    run = ExtractionRun("t")
    store.replace_document("en.md", extraction_quads(_extraction(
        "en.md", date(2024, 6, 11), "Mistral AI raised €600 million in a Series B led by General Catalyst.",
        600_000_000, stage="series-b", date=date(2024, 6, 11), date_source=DateSource.TEXT,
        leads=("general-catalyst",), valuation=Decimal(5_800_000_000), valuation_currency="EUR"), run))
    store.replace_document("fr.md", extraction_quads(_extraction(
        "fr.md", date(2024, 6, 13), "Mistral AI a levé 600 millions d'euros auprès de General Catalyst.",
        600_000_000, date=date(2024, 6, 11), date_source=DateSource.TEXT, participants=("general-catalyst",)), run))
    store.replace_document("old.md", extraction_quads(_extraction(
        "old.md", date(2023, 6, 14), "Mistral AI raised €105 million.", 105_000_000,
        date=date(2023, 6, 14)), run))


def _rounds(store: KnowledgeStore) -> list[tuple[str, int]]:
    rows = store.select("""SELECT ?round (COUNT(DISTINCT ?doc) AS ?n) WHERE {
        GRAPH <https://w3id.org/aikg/graph/funding-rounds> { ?round a aikg:FundingRound ; prov:wasDerivedFrom ?doc }
    } GROUP BY ?round ORDER BY ?round""")
    return [(str(r).rsplit("/", 1)[-1], int(n)) for r, n in rows]


def test_rounds_refresh_follows_the_documents(store: KnowledgeStore) -> None:
    _write(store)
    assert len(read_reports(store)) == 3
    [merged] = [r for r in refresh_rounds(store) if len(r.reports) == 2]
    assert (merged.stage, merged.leads, merged.participants, merged.valuation) == (
        "series-b", ("general-catalyst",), (), Decimal(5_800_000_000))
    assert _rounds(store) == [("2023-06-14-eur-105000000", 1), ("2024-06-11-eur-600000000", 2)]
    # the default graph holds the rounds too, as every write keeps it
    assert store.select("SELECT ?r WHERE { ?r a aikg:FundingRound ; aikg:stage 'series-b' }")
    refresh_rounds(store)  # recomputed, not added twice
    assert _rounds(store) == [("2023-06-14-eur-105000000", 1), ("2024-06-11-eur-600000000", 2)]
    store.remove_document("fr.md")
    refresh_rounds(store)
    assert _rounds(store) == [("2023-06-14-eur-105000000", 1), ("2024-06-11-eur-600000000", 1)]
    for doc_id in ("en.md", "old.md"):
        store.remove_document(doc_id)
    refresh_rounds(store)
    assert _rounds(store) == []
    assert store.select("SELECT * WHERE { ?r a aikg:FundingRound }") == []


def test_rounds_graphs_conform_to_the_shapes(store: KnowledgeStore) -> None:
    _write(store)
    refresh_rounds(store)
    assert validate_graph(store.document_graph("en.md"), "en.md") == []
    rounds_graph = store.dataset.graph(ROUNDS_GRAPH)
    assert len(rounds_graph) > 0
    assert validate_graph(rounds_graph, "funding-rounds") == []


def test_rounds_survive_export_and_import(store: KnowledgeStore, tmp_path: Path) -> None:
    _write(store)
    refresh_rounds(store)
    out = tmp_path / "export.trig"
    with out.open("wb") as handle:
        export_store(store, ExportFormat.TRIG, handle)
    with open_store(tmp_path / "copy") as copy:
        import_file(copy, out)
        assert _rounds(copy) == _rounds(store)


@pytest.mark.model
def test_rounds_sample_reports_match_the_gold(built_sample: Path) -> None:
    """Each round of the gold (tests/gold/sample.jsonl) is read from its article with the amount,
    stage, date, valuation and lead investors a reader sees (participants depend on the relation
    finder's investsIn facts, measured by the extraction's own scores)."""
    gold = [json.loads(line) for line in (GOLD / "sample.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [(record["document"], found) for record in gold for found in record.get("rounds", [])]
    assert len(expected) >= 2
    with open_store(built_sample, read_only=True) as store:
        labels = {entity_key(e): str(label) for e, label in store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l }")}
        reports = read_reports(store)
    for doc_id, found in expected:
        [report] = [r for r in reports if r.doc_id == doc_id and r.amount == Decimal(found["amount"])]
        assert (labels[report.company], report.currency, report.stage, str(report.date)) == (
            found["company"], found["currency"], found.get("stage"), found["date"]), doc_id
        assert report.valuation == Decimal(found["valuation"]), doc_id
        assert {labels[k] for k in report.leads} == set(found["leads"]), doc_id
        assert not {labels[k] for k in report.participants} & set(found["leads"]), doc_id


def test_rounds_analysis_counts_each_round_once(store: KnowledgeStore) -> None:
    from aikg.graph.analysis import funding_by_company, funding_rounds

    _write(store)
    # a third article wrongly says Mistral AI raised the valuation: a valuation is never a raise
    wrong = _extraction("late.md", date(2024, 6, 20), "Mistral AI raised €5800000000, its valuation.",
                        5_800_000_000)
    wrong = Extraction(wrong.document, wrong.entities, relations=wrong.relations[:1])
    store.replace_document("late.md", extraction_quads(wrong, ExtractionRun("t")))
    refresh_rounds(store)
    rounds = funding_rounds(store)
    assert sorted(zip(rounds["value"], rounds["documents"], rounds["stage"].fillna(""), strict=True)) == [
        (105_000_000.0, 1, ""), (600_000_000.0, 2, "series-b")]
    assert rounds.set_index("value").loc[600_000_000.0, "leads"] == "General Catalyst"
    [total] = funding_by_company(store).itertuples()
    assert (total.total, total.rounds, total.currency) == (705_000_000.0, 2, "EUR")


def test_rounds_refresh_writes_only_a_change(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(store)
    refresh_rounds(store)
    updates: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(store, "update", updates.append)
        refresh_rounds(store)
    assert updates == []
    store.remove_document("old.md")
    with monkeypatch.context() as patch:
        patch.setattr(store, "update", updates.append)
        refresh_rounds(store)
    assert len(updates) == 1 and "DROP SILENT GRAPH" in updates[0]
