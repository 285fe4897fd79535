"""The one entity lookup: the order of strength, ties, suggestions, and the same rules on a graph."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest

from aikg.errors import QueryError
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.lookup import EntityMatch, StoredEntity, entity_records, find_entity, match_name, records_of_graph
from aikg.graph.store import KnowledgeStore
from tests.helpers import make_extraction

RECORDS = [
    StoredEntity("mistral-ai", "Organization", "Mistral AI", ("Mistral", "MistralAI"), "Q124386929", 3),
    StoredEntity("mistral-7b", "Product", "Mistral 7B", ("Mistral",), None, 1),
    StoredEntity("paris", "Place", "Paris", (), "Q90", 5),
    StoredEntity("person/paris-hilton", "Person", "Paris Hilton", ("Paris",), None, 9),
    StoredEntity("meta", "Organization", "Meta", ("Facebook",), "Q380", 2),
    StoredEntity("facebook", "Organization", "Facebook", (), None, 2),
    StoredEntity("openai", "Organization", "OpenAI", (), None, 2),
    StoredEntity("open-ai", "Organization", "Open AI", ("OpenAI",), None, 2),
]


@pytest.mark.parametrize(
    ("name", "key", "how"),
    [
        ("Mistral AI", "mistral-ai", "label"),
        ("  mistral   ai ", "mistral-ai", "label"),
        ("MISTRALAI", "mistral-ai", "alias"),
        ("Mistral", "mistral-ai", "alias"),  # alias of two: more documents wins
        ("Paris", "paris", "label"),  # a label beats an alias, even of a more-cited entity
        ("Facebook", "facebook", "label"),  # a label beats another entity's alias
        ("OpenAI", "openai", "label"),
        ("mistral-7b", "mistral-7b", "key"),
        ("ent:mistral-7b", "mistral-7b", "iri"),
        ("https://w3id.org/aikg/entity/paris", "paris", "iri"),
        ("q90", "paris", "wikidata"),
    ],
)
def test_lookup_order_of_strength(name: str, key: str, how: str) -> None:
    found = match_name(name, RECORDS)
    assert (found.key, found.how) == (key, how)


def test_lookup_tie_names_the_candidates() -> None:
    tied = [StoredEntity("a", "Organization", "Alpha", ("Nova",), None, 2),
            StoredEntity("b", "Product", "Beta", ("Nova",), None, 2)]
    with pytest.raises(QueryError, match=r"\[E312\] 'Nova' names several entities: Alpha \(ent:a\), Beta \(ent:b\)"):
        match_name("Nova", tied)


@pytest.mark.parametrize(("name", "hint"), [("Mistal AI", "did you mean 'Mistral AI'"), ("Zzzz", "")])
def test_lookup_unknown_suggests(name: str, hint: str) -> None:
    with pytest.raises(QueryError, match=r"\[E311\] unknown entity") as caught:
        match_name(name, RECORDS)
    assert hint in str(caught.value)
    assert ("did you mean" in str(caught.value)) == bool(hint)


def test_lookup_same_rules_on_a_projected_graph() -> None:
    G = nx.Graph()
    for r in RECORDS:
        G.add_node(r.key, type=r.type, label=r.label, aliases=r.aliases, wikidata=r.wikidata, documents=r.documents)
    nodes = records_of_graph(G.nodes(data=True))
    for name in ("Mistral", "Paris", "q90", "MISTRALAI"):
        assert match_name(name, nodes) == match_name(name, RECORDS)


@pytest.mark.parametrize("name", ["Mistral AI", "MISTRAL   ai", "Mistral", "arthur mensch", "Q124386929",
                                  "mistral-ai", "ent:mistral-ai", "Mistal AI"])
def test_lookup_store_fast_path_agrees_with_reading_every_entity(store: KnowledgeStore, name: str) -> None:
    """find_entity reads only the candidates of a label or alias: it must decide as a full read does."""
    store.replace_document("a.md", extraction_quads(make_extraction("a.md"), ExtractionRun("t")))
    store.replace_document("b.md", extraction_quads(make_extraction("b.md", ceo="Jane Roe"), ExtractionRun("t")))

    def decide(lookup: Callable[[], EntityMatch]) -> tuple[str, str, str] | str:
        try:
            found = lookup()
            return found.key, found.how, found.label
        except QueryError as err:
            return str(err)

    assert decide(lambda: find_entity(store, name)) == decide(lambda: match_name(name, entity_records(store).values()))
