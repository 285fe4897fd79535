"""Analyses of the sample corpus give the answers a reader of the articles expects.

The corpus is built once per session with the spaCy pipelines (``built_sample``), hence the
``model`` marker. Assertions are about what the articles say, not about counts.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aikg.api import KnowledgeGraph, open_graph

pytestmark = pytest.mark.model

AIKG = [sys.executable, "-m", "aikg"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*AIKG, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture
def kg(built_sample: Path) -> Iterator[KnowledgeGraph]:
    with open_graph(built_sample) as graph:
        yield graph


def test_sample_mistral_and_openai_among_top_organisations(kg: KnowledgeGraph) -> None:
    top = kg.rank("pagerank", type="Organization", top=5)
    assert {"mistral-ai", "openai"} <= set(top.index)
    assert top.index[0] == "mistral-ai"  # the corpus is mostly about Mistral AI


def test_sample_macron_is_connected_to_openai_with_evidence(kg: KnowledgeGraph) -> None:
    path = kg.path("Emmanuel Macron", "OpenAI")
    assert path.nodes[0] == "emmanuel-macron" and path.nodes[-1] == "openai"
    for hop in path.hops:
        assert hop.doc_id and hop.doc_id.endswith(".md")
        assert hop.sentence, f"hop {hop.source} -> {hop.target} cites no sentence"


def test_sample_leaders_are_linked_to_their_companies(kg: KnowledgeGraph) -> None:
    assert "arthur-mensch" in set(kg.ego("Mistral AI").nodes)
    path = kg.path("Sam Altman", "OpenAI", relations="typed")
    assert len(path) == 1 and path.hops[0].predicate in {"leads", "worksFor", "founded"}


def test_sample_macron_announces_public_money_in_euros(kg: KnowledgeGraph) -> None:
    public = kg.public_initiatives()
    announced = public[(public["actor_key"] == "emmanuel-macron") & (public["predicate"] == "announced")]
    macron = announced[announced["value"].notna()]  # amounts (he may also announce events or products)
    assert not macron.empty and set(macron["currency"]) == {"EUR"}
    assert macron["value"].max() >= 100e9  # the €109 billion of the AI Action Summit


def test_sample_funding_totals_are_per_currency(kg: KnowledgeGraph) -> None:
    totals = kg.funding_by_company()
    assert not totals.empty
    assert not totals.duplicated(["company_key", "currency"]).any()
    assert totals["currency"].notna().all()


def test_sample_france_has_mistral_ai(kg: KnowledgeGraph) -> None:
    table = kg.compare_countries(["France", "United States", "China"])
    assert "Mistral AI" in table.loc["France", "top_organizations"]
    assert "OpenAI" in table.loc["United States", "top_organizations"]
    assert "DeepSeek" in table.loc["China", "top_organizations"]


def test_sample_communities_separate_mistral_from_openai(kg: KnowledgeGraph) -> None:
    found = kg.communities(seed=42)
    of = {member: c.index for c in found for member in c.members}
    assert of["mistral-ai"] != of["openai"]


def test_sample_cli_path_and_rank(built_sample: Path) -> None:
    path = run("path", "Emmanuel Macron", "OpenAI", "--store", str(built_sample))
    assert path.returncode == 0, path.stderr
    lines = path.stdout.splitlines()
    assert lines[0].startswith("Emmanuel Macron -> OpenAI")
    hops = [line for line in lines if line.startswith("  ") and line.strip()[0].isdigit()]
    evidence = [line for line in lines if line.startswith("     ")]
    assert hops and len(evidence) == len(hops) and all(".md" in line for line in evidence)
    ranked = run("rank", "--type", "Organization", "--measure", "pagerank", "--top", "10", "--store", str(built_sample))
    assert ranked.returncode == 0, ranked.stderr
    assert "Mistral AI" in ranked.stdout and "OpenAI" in ranked.stdout


def test_sample_cli_unknown_entity_is_one_line(built_sample: Path) -> None:
    result = run("path", "Emmanuel Macronn", "OpenAI", "--store", str(built_sample))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "'Emmanuel Macronn'" in result.stderr
