"""Every named query on the sample corpus, asserting what a reader of the articles expects.

The corpus is built once per session with the real extractor (marked ``model``). Expected answers
come from reading ``corpus/sample`` and from its gold facts (``tests/gold/sample.jsonl``). Each query
has a test of answers the extractor finds today; facts a reader expects that extraction does not
find yet are in ``test_sample_gold_recall`` (expected failures, not strict: they turn green as
extraction improves, and the report lists them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef

from aikg.graph.namespaces import document_iri
from aikg.graph.store import KnowledgeStore, open_store
from tests.helpers import GOLD as GOLD_DIR
from tests.helpers import named_rows

pytestmark = pytest.mark.model

GOLD = GOLD_DIR / "sample.jsonl"


@pytest.fixture(scope="session")
def sample_store_path(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not any(sample_dir.glob("*.md")):
        pytest.skip(f"no sample articles in {sample_dir}")
    try:
        from aikg.pipeline import build
    except ImportError as err:  # pragma: no cover - while the extractor is being written
        pytest.skip(f"the extraction pipeline is not importable: {err}")
    path = tmp_path_factory.mktemp("sample") / "store"
    report = build([sample_dir], path)
    assert report.ok, report.failed
    return path


@pytest.fixture
def sample(sample_store_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(sample_store_path, read_only=True) as store:
        yield store


_rows = named_rows


def _gold_documents(subject: str, predicate: str, obj: str) -> set[str]:
    found = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if {"subject": subject, "predicate": predicate, "object": obj} in record["relations"]:
            found.add(str(document_iri(record["document"])))
    return found


def test_sample_who_leads(sample: KnowledgeStore) -> None:
    pairs = {(r["personLabel"], r["orgLabel"]) for r in _rows(sample, "who-leads")}
    assert pairs >= {("Arthur Mensch", "Mistral AI"), ("Sam Altman", "OpenAI"), ("Sundar Pichai", "Google"),
                     ("Mark Zuckerberg", "Meta"), ("Jensen Huang", "Nvidia"), ("Demis Hassabis", "Google DeepMind")}
    mistral = {r["personLabel"]: int(r["documents"]) for r in _rows(sample, "who-leads", org="Mistral AI")}
    assert mistral["Arthur Mensch"] >= 2


def test_sample_who_founded(sample: KnowledgeStore) -> None:
    pairs = {(r["personLabel"], r["orgLabel"]) for r in _rows(sample, "who-founded")}
    assert pairs >= {("Xavier Niel", "Kyutai"), ("Thomas Wolf", "Hugging Face")}


def test_sample_who_works_for(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "who-works-for", person="Arthur Mensch")
    assert {r["orgLabel"] for r in rows} >= {"Mistral AI", "Google DeepMind"}
    assert "leads" in next(r["roles"] for r in rows if r["orgLabel"] == "Mistral AI")


def test_sample_investments_by_investor(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "investments-by-investor", investor="Microsoft")
    assert "OpenAI" in {r["companyLabel"] for r in rows}


def test_sample_funding_by_company(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "funding-by-company", company="Hugging Face")
    assert [(r["amountLabel"], Decimal(r["value"]), r["currency"]) for r in rows] == [
        ("$235 million", Decimal("235000000"), "USD")]


def test_sample_organisations_by_place(sample: KnowledgeStore) -> None:
    assert "Mistral AI" in {r["orgLabel"] for r in _rows(sample, "organisations-by-place", place="France")}
    assert "Aleph Alpha" in {r["orgLabel"] for r in _rows(sample, "organisations-by-place", place="Germany")}


def test_sample_neighbourhood(sample: KnowledgeStore) -> None:
    rows = {r["neighbourLabel"]: int(r["distance"]) for r in _rows(sample, "neighbourhood", entity="Mistral AI")}
    assert rows["Arthur Mensch"] == 1
    assert 2 in rows.values()


def test_sample_facts_with_evidence(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "facts-with-evidence", subject="Arthur Mensch", predicate="aikg:leads", object="Mistral AI")
    assert rows
    assert all("Mensch" in r["sentence"] and float(r["confidence"]) > 0 for r in rows)
    assert {r["doc"] for r in rows} <= _gold_documents("Arthur Mensch", "leads", "Mistral AI")


def test_sample_supporting_documents(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "supporting-documents", subject="Arthur Mensch", predicate="aikg:leads",
                 object="Mistral AI")
    gold = _gold_documents("Arthur Mensch", "leads", "Mistral AI")
    assert len(gold) >= 4
    assert rows and {r["doc"] for r in rows} <= gold
    assert all(r["title"] and r["date"] for r in rows)


def test_sample_events_attendees(sample: KnowledgeStore) -> None:
    rows = _rows(sample, "events-attendees", event="AI Action Summit")
    assert rows and "Paris" in rows[0]["heldIn"].split(", ")


def test_sample_funding_rounds_count_a_round_once(sample: KnowledgeStore) -> None:
    # Mistral AI's Series B is reported by three articles (11 in English, 12 and 10 in French): one row
    rows = _rows(sample, "funding-rounds", company="Mistral AI")
    [series_b] = [r for r in rows if Decimal(r["amount"]) == Decimal(600_000_000)]
    assert series_b["documents"] == "3" and series_b["currency"] == "EUR"
    assert series_b["stage"] == "series-b" and series_b["date"] == "2024-06-11"
    assert "General Catalyst" in series_b["leads"]
    assert len({r["round"] for r in rows}) == len(rows)
    query = "SELECT ?round ?rule WHERE { ?round a aikg:FundingRound ; aikg:mergeRule ?rule }"
    rules = [str(rule) for _, rule in sample.select(query, {"round": URIRef(series_b["round"])})]
    assert any("11-mistral-series-b.md" in rule for rule in rules)
    assert any("12-mistral-tour-de-table.md" in rule for rule in rules)


def test_sample_comention_strength(sample: KnowledgeStore) -> None:
    [row] = _rows(sample, "comention-strength", entity="Mistral AI", other="Arthur Mensch")
    assert int(row["weight"]) >= 2 and 2 <= int(row["documents"]) <= 10
    partners = _rows(sample, "comention-strength", entity="Arthur Mensch")
    strongest = {r["otherLabel"] for r in partners if r["weight"] == partners[0]["weight"]}
    assert "Mistral AI" in strongest  # among the strongest partners (ties are ordered by label)


NOT_FOUND_YET = pytest.mark.xfail(strict=True, reason="facts a reader expects that extraction does not find yet")
GOLD_RECALL = [
    pytest.param("who-founded", {"org": "Mistral AI"}, "personLabel",
                 {"Arthur Mensch", "Guillaume Lample", "Timothée Lacroix"}, id="who-founded-Mistral AI"),
    pytest.param("investments-by-investor", {"company": "Mistral AI"}, "investorLabel",
                 {"Microsoft", "General Catalyst"}, id="investments-by-investor-Mistral AI", marks=NOT_FOUND_YET),
    # articles 11 and 12: "led by General Catalyst", "menée par le fonds américain General Catalyst"
    pytest.param("investments-by-investor", {"company": "Mistral AI"}, "investorLabel", {"General Catalyst"},
                 id="investments-by-investor-Mistral AI-lead"),
    # articles 11 and 12 report the €600 million round led by General Catalyst
    pytest.param("funding-by-company", {"company": "Mistral AI"}, "amountLabel", {"€600 million"},
                 id="funding-by-company-Mistral AI"),
    pytest.param("organisations-by-place", {"place": "Paris"}, "orgLabel", {"Mistral AI", "Kyutai", "Station F"},
                 id="organisations-by-place-Paris"),
    pytest.param("events-attendees", {"event": "AI Action Summit"}, "attendeeLabel",
                 {"Emmanuel Macron", "Sam Altman"}, id="events-attendees-AI Action Summit"),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), GOLD_RECALL)
def test_sample_gold_recall(sample: KnowledgeStore, name: str, params: dict[str, str], column: str,
                            expected: set[str]) -> None:
    found = {r.get(column, "") for r in _rows(sample, name, **params)}
    assert found >= expected
