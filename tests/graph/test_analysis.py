"""Analyses on a small hand-made world: France, the US and China, money in two currencies.

Five documents (``fr.md``, ``us.md``, ``cn.md``, ``summit.md`` dated in four months, ``undated.md``
without a date) built from records, so these tests need no spaCy model.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from aikg.api import KnowledgeGraph, community_query, open_graph
from aikg.cli import main
from aikg.errors import QueryError
from aikg.extract.kb import load_knowledge_base
from aikg.extract.records import CoMention, Document, EntityRecord, EntityType, Evidence, Extraction, RelationRecord
from aikg.graph import analysis as an
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import KnowledgeStore, open_store

RUN = ExtractionRun("test-run")
P, ORG, PL, EV, PR, M = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.EVENT,
                         EntityType.PRODUCT, EntityType.MONETARY_AMOUNT)
ENTITIES = {
    "arthur-mensch": ("Arthur Mensch", P), "mistral-ai": ("Mistral AI", ORG), "paris": ("Paris", PL),
    "bpifrance": ("Bpifrance", ORG), "nvidia": ("Nvidia", ORG), "sam-altman": ("Sam Altman", P),
    "openai": ("OpenAI", ORG), "san-francisco": ("San Francisco", PL), "microsoft": ("Microsoft", ORG),
    "chatgpt": ("ChatGPT", PR), "liang-wenfeng": ("Liang Wenfeng", P), "deepseek": ("DeepSeek", ORG),
    "hangzhou": ("Hangzhou", PL), "deepseek-r1": ("R1", PR), "emmanuel-macron": ("Emmanuel Macron", P),
    "ai-action-summit": ("AI Action Summit", EV),
    "amount/EUR-600000000": ("€600 million", M), "amount/USD-6600000000": ("$6.6 billion", M),
    "amount/EUR-109000000000": ("€109 billion", M),
}
AMOUNTS = {"amount/EUR-600000000": ("600000000", "EUR"), "amount/USD-6600000000": ("6600000000", "USD"),
           "amount/EUR-109000000000": ("109000000000", "EUR")}
DOCUMENTS: dict[str, tuple[date | None, list[tuple[str, str, str, str]], list[tuple[str, str, int]]]] = {
    "fr.md": (date(2024, 6, 10), [
        ("arthur-mensch", "leads", "mistral-ai", "Arthur Mensch, CEO of Mistral AI, spoke in Paris."),
        ("mistral-ai", "basedIn", "paris", "Mistral AI, based in Paris, raised €600 million."),
        ("mistral-ai", "raised", "amount/EUR-600000000", "Mistral AI, based in Paris, raised €600 million."),
        ("bpifrance", "investsIn", "mistral-ai", "Bpifrance and Nvidia invested in Mistral AI."),
        ("nvidia", "investsIn", "mistral-ai", "Bpifrance and Nvidia invested in Mistral AI."),
    ], [("arthur-mensch", "mistral-ai", 2), ("bpifrance", "nvidia", 1)]),
    "us.md": (date(2024, 7, 2), [
        ("sam-altman", "leads", "openai", "Sam Altman runs OpenAI."),
        ("openai", "basedIn", "san-francisco", "OpenAI, based in San Francisco, raised $6.6 billion."),
        ("openai", "raised", "amount/USD-6600000000", "OpenAI, based in San Francisco, raised $6.6 billion."),
        ("microsoft", "investsIn", "openai", "Microsoft invested in OpenAI."),
        ("openai", "develops", "chatgpt", "OpenAI makes ChatGPT."),
    ], [("openai", "sam-altman", 1)]),
    "cn.md": (date(2025, 1, 20), [
        ("liang-wenfeng", "founded", "deepseek", "Liang Wenfeng founded DeepSeek."),
        ("deepseek", "basedIn", "hangzhou", "DeepSeek is based in Hangzhou."),
        ("deepseek", "develops", "deepseek-r1", "DeepSeek released R1."),
    ], [("deepseek", "openai", 1)]),
    "summit.md": (date(2025, 2, 10), [
        ("emmanuel-macron", "announced", "amount/EUR-109000000000", "Emmanuel Macron announced €109 billion."),
        ("emmanuel-macron", "attended", "ai-action-summit", "Emmanuel Macron opened the AI Action Summit."),
        ("sam-altman", "attended", "ai-action-summit", "Sam Altman came to the AI Action Summit."),
        ("ai-action-summit", "heldIn", "paris", "The AI Action Summit was held in Paris."),
        ("mistral-ai", "raised", "amount/EUR-600000000", "Mistral AI had raised €600 million."),
    ], [("emmanuel-macron", "mistral-ai", 3)]),
    "undated.md": (None, [("nvidia", "partnerOf", "mistral-ai", "Nvidia partners with Mistral AI.")], []),
}

KB = load_knowledge_base()


def _extraction(doc_id: str) -> Extraction:
    published, facts, pairs = DOCUMENTS[doc_id]
    text = " ".join(dict.fromkeys(sentence for *_, sentence in facts))
    used = sorted({k for s, _, o, _ in facts for k in (s, o)} | {k for a, b, _ in pairs for k in (a, b)})
    entities = []
    for key in used:
        label, kind = ENTITIES[key]
        value, currency = AMOUNTS.get(key, (None, None))
        entry = KB[key] if key in KB else None  # what the resolver copies from the knowledge base
        entities.append(EntityRecord(key, label, kind, aliases=(label,), in_knowledge_base=True,
                                     amount=Decimal(value) if value else None, currency=currency,
                                     country=entry.country if entry else None, public=bool(entry and entry.public)))
    relations = []
    for s, p, o, sentence in facts:
        start = text.index(sentence)
        relations.append(RelationRecord(s, p, o, Evidence(doc_id, sentence, start, start + len(sentence)),
                                        f"test:{p}", 0.8))
    document = Document(doc_id, text, f"/tmp/{doc_id}", title=f"Title of {doc_id}", language="en", published=published)
    return Extraction(document, tuple(entities), (), tuple(relations), tuple(CoMention(*pair) for pair in pairs),
                      models=("test==0",))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("world") / "store"
    with open_store(location) as kstore:
        for doc_id in DOCUMENTS:
            kstore.replace_document(doc_id, extraction_quads(_extraction(doc_id), RUN))
    return location


@pytest.fixture
def kg(world: Path) -> Iterator[KnowledgeGraph]:
    with open_graph(world) as graph:
        yield graph


@pytest.fixture
def store(kg: KnowledgeGraph) -> KnowledgeStore:
    return kg.store


# -- centrality --------------------------------------------------------------------------------

@pytest.mark.parametrize("measure", sorted(an.MEASURES))
def test_analysis_rank_every_measure_puts_the_hub_first(kg: KnowledgeGraph, measure: str) -> None:
    table = kg.rank(measure, type="Organization", top=3)
    assert table.index[0] in {"mistral-ai", "openai"}
    assert set(table["type"]) == {"Organization"}
    assert list(table["score"]) == sorted(table["score"], reverse=True)


def test_analysis_rank_errors_name_the_value(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"E406.*'closeness'"):
        kg.rank("closeness")
    with pytest.raises(QueryError, match=r"E402.*'Company'"):
        kg.rank(type="Company")


# -- communities -------------------------------------------------------------------------------

def test_analysis_communities_partition_and_are_deterministic(kg: KnowledgeGraph) -> None:
    G = kg.graph()
    first = kg.communities(seed=7)
    again = kg.communities(seed=7)
    assert [c.members for c in first] == [c.members for c in again]
    members = [m for c in first for m in c.members]
    assert sorted(members) == sorted(G.nodes)
    assert [c.size for c in first] == sorted((c.size for c in first), reverse=True)
    china = next(c for c in first if "deepseek" in c.members)
    assert "liang-wenfeng" in china.members and "DeepSeek" in str(china)
    assert china.top_by_type["Organization"][0] == "DeepSeek"


def test_analysis_communities_frame_and_greedy(kg: KnowledgeGraph) -> None:
    G = kg.graph()
    found = an.find_communities(G, method="greedy")
    frame = an.communities_frame(G, found)
    assert set(frame.index) == set(G.nodes)
    with pytest.raises(QueryError, match="E407"):
        an.find_communities(G, method="girvan")


def test_analysis_community_query_draws_its_members(kg: KnowledgeGraph) -> None:
    result = kg.store.query(community_query(["arthur-mensch", "mistral-ai", "paris"]))
    assert result.graph is not None
    assert {str(p).rsplit("#", 1)[-1] for _, p, _ in result.graph} == {"leads", "basedIn"}


# -- paths -------------------------------------------------------------------------------------

def test_analysis_path_macron_to_openai_is_explained(kg: KnowledgeGraph) -> None:
    path = kg.path("Emmanuel Macron", "OpenAI")
    assert path.nodes == ["emmanuel-macron", "ai-action-summit", "sam-altman", "openai"]
    assert [h.predicate for h in path.hops] == ["attended", "attended", "leads"]
    assert all(h.sentence and h.doc_id for h in path.hops)
    assert path.hops[1].subject == "sam-altman"  # walked backwards, reported as stated
    text = str(path)
    assert "AI Action Summit <-attended- Sam Altman" in text
    assert '"Sam Altman runs OpenAI." (us.md, Title of us.md)' in text
    assert list(path.frame()["direction"]) == ["->", "<-", "->"]


def test_analysis_path_falls_back_on_comentions(kg: KnowledgeGraph) -> None:
    typed = kg.path("DeepSeek", "OpenAI", relations="auto")
    assert [h.predicate for h in typed.hops] == ["mentionedWith"]
    assert typed.hops[0].doc_id == "cn.md"
    with pytest.raises(QueryError, match=r"E408.*'DeepSeek'.*'OpenAI'"):
        kg.path("DeepSeek", "OpenAI", relations="typed")


def test_analysis_path_unknown_entity_names_it(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"E311.*'Emanuel Macron'"):
        kg.path("Emanuel Macron", "OpenAI")


def test_analysis_ego_network_and_neighbours(kg: KnowledgeGraph) -> None:
    ego = kg.ego("Mistral AI")
    assert set(ego) == {"mistral-ai", "arthur-mensch", "paris", "bpifrance", "nvidia"}
    assert isinstance(ego, nx.MultiDiGraph) and ego.nodes["paris"]["type"] == "Place"
    assert "ai-action-summit" in kg.ego("Mistral AI", radius=2)
    table = kg.neighbours("Nvidia")
    assert set(zip(table["label"], table["predicate"], strict=True)) == {("Mistral AI", "investsIn"),
                                                                        ("Mistral AI", "partnerOf")}


# -- funding -----------------------------------------------------------------------------------

def test_analysis_funding_by_company_never_mixes_currencies(kg: KnowledgeGraph) -> None:
    totals = kg.funding_by_company()
    rows = {(r.company, r.currency): r for r in totals.itertuples()}
    assert set(rows) == {("Mistral AI", "EUR"), ("OpenAI", "USD")}
    assert rows[("Mistral AI", "EUR")].total == 600_000_000  # two articles, one round
    assert rows[("Mistral AI", "EUR")].rounds == 1
    assert rows[("OpenAI", "USD")].total == 6_600_000_000


def test_analysis_funding_rounds_name_investors_and_dates(kg: KnowledgeGraph) -> None:
    rounds = kg.funding_rounds().set_index("company")
    assert rounds.loc["Mistral AI", "investors"] == "Bpifrance, Nvidia"
    assert rounds.loc["Mistral AI", "date"] == date(2024, 6, 10)
    assert rounds.loc["OpenAI", "investors"] == "Microsoft"


def test_analysis_funding_by_investor(kg: KnowledgeGraph) -> None:
    investors = kg.funding_by_investor().set_index("investor")
    assert investors.loc["Microsoft", "currency"] == "USD"
    assert investors.loc["Microsoft", "rounds_total"] == 6_600_000_000
    assert investors.loc["Bpifrance", "companies"] == "Mistral AI"
    assert investors.loc["Nvidia", "rounds_total"] == 600_000_000


def test_analysis_public_initiatives_and_announcements(kg: KnowledgeGraph) -> None:
    announced = kg.announcements()
    assert announced[["actor", "value", "currency"]].values.tolist() == [["Emmanuel Macron", 109e9, "EUR"]]
    public = kg.public_initiatives()
    assert {("Emmanuel Macron", "announced"), ("Emmanuel Macron", "attended"), ("Bpifrance", "investsIn")} <= \
        set(zip(public["actor"], public["predicate"], strict=True))
    assert "Sam Altman" not in set(public["actor"])


# -- comparisons -------------------------------------------------------------------------------

def test_analysis_compare_countries(kg: KnowledgeGraph) -> None:
    table = kg.compare_countries(["France", "united states", "china"])
    assert list(table.index) == ["France", "United States", "China"]
    assert "Mistral AI" in table.loc["France", "top_organizations"]
    assert "Arthur Mensch" in table.loc["France", "top_people"]
    assert "OpenAI" in table.loc["United States", "top_organizations"]
    assert table.loc["China", "top_people"] == "Liang Wenfeng"
    assert table.loc["France", "facts"] > table.loc["China", "facts"] > 0
    stated = kg.compare_countries(["France"], headquarters=False)
    assert "Bpifrance" not in stated.loc["France", "top_organizations"]
    with pytest.raises(QueryError, match=r"E409.*'Atlantis'"):
        kg.compare_countries(["Atlantis"])


def test_analysis_entity_countries_say_why(kg: KnowledgeGraph) -> None:
    table = kg.entity_countries().set_index(["key", "country"])
    assert table.loc[("mistral-ai", "france"), "via"] == "basedIn Paris"
    assert table.loc[("ai-action-summit", "france"), "via"] == "heldIn Paris"
    assert table.loc[("sam-altman", "united-states"), "via"] == "leads OpenAI"
    assert table.loc[("chatgpt", "united-states"), "via"] == "developed by OpenAI"


def test_analysis_facts_by_month(kg: KnowledgeGraph) -> None:
    monthly = kg.facts_by_month()
    assert monthly.index[0] == "2024-06" and monthly.index[-1] == "2025-02"
    assert monthly.loc["2024-06", "investsIn"] == 2 and monthly.loc["2024-08"].sum() == 0
    assert monthly.attrs["undated_documents"] == 1
    by_country = kg.facts_by_month("country")
    assert list(by_country.columns) == ["France", "United States", "China"]
    assert by_country.loc["2025-01", "China"] == 3
    assert kg.facts_by_month(None).sum().sum() == sum(len(facts) for d, facts, _ in DOCUMENTS.values() if d)
    with pytest.raises(QueryError, match="E410"):
        kg.facts_by_month("weekday")


# -- the commands ------------------------------------------------------------------------------

def test_analysis_cli_path_prints_each_hop(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["path", "Emmanuel Macron", "OpenAI", "--store", str(world)])
    out = capsys.readouterr().out
    assert out.startswith("Emmanuel Macron -> OpenAI (3 hops)")
    assert out.count('"') == 6  # a quoted sentence per hop


def test_analysis_cli_rank(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["rank", "--type", "Person", "--measure", "degree", "--top", "2", "--store", str(world)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "degree" in lines[0]
    assert "Sam Altman" in lines[1]


@pytest.mark.parametrize(("args", "value"), [
    (["path", "Nobody Atall", "OpenAI"], "'Nobody Atall'"),
    (["rank", "--type", "Company"], "'Company'"),
    (["rank", "--measure", "fame"], "'fame'"),
])
def test_analysis_cli_errors_are_one_line(world: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          value: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--store", str(world)])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and value in err and err.startswith(("aikg: [E3", "aikg: [E4"))
