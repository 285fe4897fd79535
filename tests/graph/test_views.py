"""Network views without a browser: the data each view draws, reduction, layout, and the page's
promises (self-contained, no article text as markup, no absolute paths)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from aikg.cli import main
from aikg.errors import QueryError
from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.namespaces import entity_iri
from aikg.graph.store import KnowledgeStore, open_store
from aikg.graph.views.data import ViewData, ViewEdge, ViewNode, ego_view, graph_view, query_view, reduce_view
from aikg.graph.views.layout import centrality, positions
from aikg.graph.views.render import ViewLimits, build_view, render_view, show_view, write_view

HOSTILE_PERSON = "<img src=x onerror=window.__pwned=1>"
HOSTILE_ORG = "<script>window.__pwned=1</script>Evil Corp"
HOSTILE_ALIAS = '"><svg onload=window.__pwned=1>'
HOSTILE_SENTENCE = f"{HOSTILE_PERSON} leads {HOSTILE_ORG}, said <b onmouseover=window.__pwned=1>nobody</b>."


def news(doc_id: str, people: list[tuple[str, str]], org: tuple[str, str, tuple[str, ...]], *,
         url: str = "https://news.test/a", title: str = "Funding news", place: str | None = None) -> Extraction:
    """One document: each person (key, name) leads and works for ``org`` (key, label, aliases)."""
    sentence = f"{', '.join(n for _, n in people)} run {org[1]}."
    evidence = Evidence(doc_id, sentence, 0, len(sentence))
    entities = [EntityRecord(k, n, EntityType.PERSON, aliases=(n,)) for k, n in people]
    entities.append(EntityRecord(org[0], org[1], EntityType.ORGANIZATION, aliases=org[2], wikidata="Q124386929",
                                 in_knowledge_base=True))
    relations = [RelationRecord(k, "leads", org[0], evidence, "test:appos", 0.9) for k, _ in people]
    comentions = [CoMention(k, org[0], 2) for k, _ in people]
    if place:
        entities.append(EntityRecord("paris", place, EntityType.PLACE, aliases=(place,)))
        relations.append(RelationRecord(org[0], "basedIn", "paris", evidence, "test:based", 0.8))
    document = Document(doc_id=doc_id, text=sentence, source=f"/tmp/{doc_id}", title=title, language="en", url=url)
    return Extraction(document, tuple(entities), (), tuple(relations), tuple(comentions), models=("test==0",))


def hostile() -> Extraction:
    """Names, aliases, sentence, title and URL crafted to run script if treated as markup."""
    evidence = Evidence("evil.md", HOSTILE_SENTENCE, 0, len(HOSTILE_SENTENCE))
    entities = (
        EntityRecord("person/evil", HOSTILE_PERSON, EntityType.PERSON, aliases=(HOSTILE_PERSON, HOSTILE_ALIAS)),
        EntityRecord("evil-corp", HOSTILE_ORG, EntityType.ORGANIZATION, aliases=(HOSTILE_ORG, "Evil Corp")),
        EntityRecord("amount/EUR-1", "€1 <i>", EntityType.MONETARY_AMOUNT, amount=Decimal(1), currency="EUR"),
    )
    relations = (RelationRecord("person/evil", "leads", "evil-corp", evidence, "test:evil", 0.9),
                 RelationRecord("evil-corp", "raised", "amount/EUR-1", evidence, "test:evil", 0.7))
    document = Document(doc_id="evil.md", text=HOSTILE_SENTENCE, source="/tmp/evil.md",
                        title="<script>window.__pwned=1</script>", url="javascript:window.__pwned=1")
    return Extraction(document, entities, (), relations, (CoMention("evil-corp", "person/evil", 1),),
                      models=("test==0",))


def fill(store: KnowledgeStore, *extractions: Extraction) -> KnowledgeStore:
    run = ExtractionRun("test-run")
    for extraction in extractions:
        store.replace_document(extraction.document.doc_id, extraction_quads(extraction, run))
    return store


MISTRAL = ("mistral-ai", "Mistral AI", ("Mistral AI", "Mistral"))
HF = ("hugging-face", "Hugging Face", ("Hugging Face", "HF"))


@pytest.fixture
def news_store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path / "store") as store:
        yield fill(store,
                   news("a.md", [("person/arthur-mensch", "Arthur Mensch")], MISTRAL, place="Paris"),
                   news("b.md", [("person/timothee-lacroix", "Timothée Lacroix")], MISTRAL,
                        url="https://news.test/b"),
                   news("c.md", [("person/clem-delangue", "Clément Delangue")], HF, title="HF profile"),
                   hostile())


def page_json(page: str, element_id: str) -> object:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.DOTALL)
    assert match, element_id
    return json.loads(match.group(1))


# -- data ------------------------------------------------------------------------------------------

def test_view_data_whole_graph_explains_every_edge(news_store: KnowledgeStore) -> None:
    data = graph_view(news_store)
    labels = {n.label for n in data.nodes.values()}
    assert {"Arthur Mensch", "Mistral AI", "Paris", "Hugging Face", HOSTILE_ORG} <= labels
    mistral = data.nodes[str(entity_iri("mistral-ai"))]
    assert mistral.type == "Organization" and mistral.wikidata == "Q124386929"
    assert "Mistral" in mistral.aliases and len(mistral.documents) == 2
    for edge in data.edges:
        if edge.weak:
            assert edge.documents and edge.weight >= 1
        else:
            assert edge.evidence, edge
            assert all(ev.document in data.documents for ev in edge.evidence)
    leads = next(e for e in data.edges if e.predicate == "leads" and e.source.endswith("arthur-mensch"))
    assert data.documents[leads.evidence[0].document].url == "https://news.test/a"


@pytest.mark.parametrize(("focus", "depth", "expected"), [
    ("mistral", 1, {"Mistral AI", "Arthur Mensch", "Timothée Lacroix", "Paris"}),
    ("Arthur Mensch", 1, {"Arthur Mensch", "Mistral AI"}),
    ("arthur mensch", 2, {"Arthur Mensch", "Mistral AI", "Timothée Lacroix", "Paris"}),
    ("HF", 0, {"Hugging Face"}),
])
def test_view_data_ego_by_label_or_alias(news_store: KnowledgeStore, focus: str, depth: int,
                                         expected: set[str]) -> None:
    data = ego_view(news_store, focus, depth)
    assert {n.label for n in data.nodes.values()} == expected
    assert data.focus in data.nodes


def test_view_data_unknown_focus_names_the_value(news_store: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"E311.*'Mistrall AI'.*did you mean 'Mistral AI'"):
        ego_view(news_store, "Mistrall AI")


def test_view_data_construct_and_select(news_store: KnowledgeStore) -> None:
    construct = query_view(news_store, "CONSTRUCT { ?p aikg:leads ?o . ?p rdfs:label ?l } "
                                       "WHERE { ?p aikg:leads ?o ; rdfs:label ?l }")
    assert {e.predicate for e in construct.edges} == {"leads"}
    assert all(e.evidence for e in construct.edges)
    assert "Arthur Mensch" in {n.label for n in construct.nodes.values()}
    select = query_view(news_store, "SELECT ?p ?o ?d WHERE { ?p aikg:leads ?o . ?p aikg:mentionedIn ?d }")
    chains = {(e.source.rsplit("/", 1)[-1], e.predicate) for e in select.edges}
    assert ("arthur-mensch", "?p → ?o") in chains and ("mistral-ai", "?o → ?d") in chains
    assert all(e.note.startswith("SELECT result, row") for e in select.edges)
    with pytest.raises(QueryError, match="E412"):
        query_view(news_store, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="E301"):
        query_view(news_store, "SELECT nonsense")


def test_view_data_from_rdflib_graph(news_store: KnowledgeStore) -> None:
    graph = Graph()
    for s, p, o, _ in news_store.quads():
        graph.add((s, p, o))
    data = graph_view(graph)
    assert {n.label for n in data.nodes.values()} == {n.label for n in graph_view(news_store).nodes.values()}


def _star(n: int) -> ViewData:
    nodes = {f"urn:n{i}": ViewNode(f"urn:n{i}", f"n{i}", score=1.0 / (i + 1)) for i in range(n)}
    edges = [ViewEdge("urn:n0", f"urn:n{i}", "leads") for i in range(1, n)]
    edges += [ViewEdge(f"urn:n{i}", f"urn:n{i + 1}", "mentionedWith", weak=True, weight=i % 3 + 1)
              for i in range(1, n - 1)]
    edges.append(ViewEdge("urn:n0", "urn:n1", "mentionedWith", weak=True, weight=5))
    return ViewData(nodes, edges)


def test_view_data_reduction_says_what_it_left_out() -> None:
    data = _star(50)
    small = reduce_view(data, max_nodes=10, max_edges=12)
    assert len(small.nodes) == 10 and "urn:n0" in small.nodes
    assert len(small.edges) <= 12
    text = " ".join(small.notices)
    assert "10 most central of 50" in text and "Collapsed" in text and "merged" in text
    untouched = reduce_view(_star(5), max_nodes=10, max_edges=100)
    assert untouched.notices == []


def test_view_layout_is_deterministic_and_spread() -> None:
    edges = [(i, (i * 7 + 1) % 400) for i in range(400)]
    first, second = positions(400, edges), positions(400, edges)
    assert first == second
    assert len({(round(x), round(y)) for x, y in first}) > 390
    ranks = centrality(4, [(0, 1), (0, 2), (0, 3)])
    assert ranks[0] == max(ranks) and abs(sum(ranks) - 1) < 1e-6


# -- the page --------------------------------------------------------------------------------------

def test_views_page_is_self_contained(news_store: KnowledgeStore, tmp_path: Path) -> None:
    out = write_view(news_store, tmp_path / "deep" / "g.html", title="News <graph>")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.IGNORECASE)
    assert "cdnjs.cloudflare" not in page and "jsdelivr" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    assert str(tmp_path) not in page and "/work/" not in page
    assert "<h1 id=\"aikg-title\">News &lt;graph&gt;</h1>" in page
    info = page_json(page, "aikg-info")
    assert isinstance(info, dict)
    assert {t["name"] for t in info["types"] if t["count"]} == {"Person", "Organization", "Place",
                                                                  "MonetaryAmount"}


def test_views_article_text_never_appears_as_markup(news_store: KnowledgeStore) -> None:
    page = build_view(news_store)
    for needle in ("<script>window.__pwned", "<img src=x", "<svg onload", "<b onmouseover", "javascript:window"):
        assert needle not in page
    info = page_json(page, "aikg-info")
    assert isinstance(info, dict)
    assert HOSTILE_ORG in {n["label"] for n in info["nodes"]}
    assert all(d["url"] is None or d["url"].startswith("https://") for d in info["documents"])
    assert "innerHTML" not in page.split('id="aikg-info"')[1].split("vis-network")[0]


def test_views_large_graph_turns_physics_off_and_says_so() -> None:
    data = _star(400)
    page = render_view(data, ViewLimits(max_nodes=300, max_edges=2_000, physics_nodes=100))
    options = page_json(page, "aikg-options")
    info = page_json(page, "aikg-info")
    assert isinstance(options, dict) and isinstance(info, dict)
    assert options["physics"]["enabled"] is False
    assert any("300 most central of 400" in n for n in info["notices"])
    assert any("physics off" in n for n in info["notices"])
    nodes = page_json(page, "aikg-nodes")
    assert isinstance(nodes, list) and len(nodes) == 300 and all("x" in n and "y" in n for n in nodes)


def test_views_notebook_object_embeds_escaped_page(news_store: KnowledgeStore, tmp_path: Path) -> None:
    shown = show_view(news_store, focus="Mistral", depth=1, height=400)
    markup = shown._repr_html_()
    assert markup.startswith("<iframe srcdoc=\"&lt;!DOCTYPE html&gt;")
    assert "height:400px" in markup and "<script" not in markup
    assert shown.save(tmp_path / "nb.html").read_text(encoding="utf-8") == shown.html


def test_views_cli_focus_and_errors(news_store: KnowledgeStore, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    location = news_store.location
    news_store.close()
    out = tmp_path / "ego.html"
    main(["view", "--store", str(location), "--focus", "Mistral AI", "--depth", "1", "--out", str(out)])
    assert out.exists() and str(out) in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["view", "--store", str(location), "--focus", "Nobody Atall", "--out", str(out)])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "E311" in err and "'Nobody Atall'" in err
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?p ?o WHERE { ?p aikg:leads ?o }", encoding="utf-8")
    main(["view", "--store", str(location), "--query", str(query), "--out", str(tmp_path / "q.html")])
    assert (tmp_path / "q.html").exists()
