"""``aikg ask``: questions -> intents and entities -> bound queries -> facts with evidence.

The questions written here are the author's own, for behaviour; the independent set
(``tests/ask/questions.jsonl``, written by someone who never saw the parser) is scored by
``test_ask_question_set_share`` with the threshold measured on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aikg.api import KnowledgeGraph
from aikg.ask import Gazetteer, ask, parse_question
from aikg.cli import app
from aikg.errors import QueryError
from aikg.graph.lookup import StoredEntity
from aikg.graph.store import KnowledgeStore, open_store
from benchmarks.ask import score_questions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample(built_sample: Path) -> Iterator[KnowledgeStore]:
    with open_store(built_sample, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def gazetteer(sample: KnowledgeStore) -> Gazetteer:
    return Gazetteer.from_store(sample)


@pytest.mark.parametrize(("question", "intent", "params"), [
    ("Who is the chief executive of OpenAI?", "leads", {"org": "OpenAI"}),
    ("Qui est le patron de Mistral ?", "leads", {"org": "Mistral AI"}),
    ("Who were the founders of Kyutai?", "founded", {"org": "Kyutai"}),
    ("Qui sont les fondateurs d'Anthropic ?", "founded", {"org": "Anthropic"}),
    ("Who is employed at Hugging Face?", "works_for", {"org": "Hugging Face"}),
    ("Which investors backed Mistral AI?", "investors_of", {"org": "Mistral AI"}),
    ("Dans quoi Xavier Niel a-t-il investi ?", "investments_by", {"investor": "Xavier Niel"}),
    ("How much has Mistral raised, and when?", "raised", {"org": "Mistral AI"}),
    ("Quels modèles a publiés DeepSeek ?", "developed", {"org": "DeepSeek"}),
    ("Who attended VivaTech?", "attendees", {"event": "VivaTech"}),
    ("Où s'est tenue la WWDC ?", "event_info", {"event": "WWDC"}),
    ("Where is ASML headquartered?", "based_in", {"org": "ASML"}),
    ("Quelles entreprises sont basées à Paris ?", "orgs_in_place", {"place": "Paris"}),
    ("How is Thomas Wolf connected to Nvidia?", "connection", {"a": "Thomas Wolf", "b": "Nvidia"}),
    ("What's new at OpenAI since 2025?", "changes_since", {"entity": "OpenAI", "since": "2025-01-01"}),
    ("Quoi de neuf pour Kyutai depuis le 3 mars 2024 ?", "changes_since", {"entity": "Kyutai", "since": "2024-03-03"}),
    ("Which funds invested in Mistral?", "investors_of", {"org": "Mistral AI"}),
    ("How much money did Kyutai get?", "raised", {"org": "Kyutai"}),  # "how much" alone asks for money
    ("Combien de salariés a Mistral AI ?", "works_for", {"org": "Mistral AI"}),  # ... but not about staff
    ("Quelle relation entre Meta et Yann LeCun ?", "connection", {"a": "Meta", "b": "Yann LeCun"}),
])
def test_parse_question_intent_and_params(gazetteer: Gazetteer, question: str, intent: str,
                                          params: dict[str, str]) -> None:
    parse = parse_question(question, gazetteer)
    assert (parse.intent.id, parse.params()) == (intent, params)


@pytest.mark.parametrize("question", ["What is the weather like in Paris?", "Donne-moi une recette de crêpes",
                                      "What is Nvidia's market share?"])
def test_parse_question_unmappable_lists_intents_with_examples(gazetteer: Gazetteer, question: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_question(question, gazetteer)
    assert caught.value.code == "E030"
    for intent in ("leads", "investors_of", "connection", "changes_since"):
        assert intent in str(caught.value)


def test_parse_question_unknown_name_says_did_you_mean(gazetteer: Gazetteer) -> None:
    with pytest.raises(QueryError) as caught:
        parse_question("Who leads Mistal AI?", gazetteer)
    assert caught.value.code == "E311"
    assert "did you mean 'Mistral AI'" in str(caught.value)


def test_parse_question_ambiguous_name_asks_which(sample: KnowledgeStore) -> None:
    records = [StoredEntity("jane-a", "Person", "Jane Smith", (), None, 2),
               StoredEntity("jane-b", "Person", "Jane Smith", (), None, 2),
               StoredEntity("acme", "Organization", "Acme", (), None, 1)]
    with pytest.raises(QueryError) as caught:
        parse_question("How is Jane Smith connected to Acme?", Gazetteer(records))
    assert caught.value.code == "E312"
    assert "ent:jane-a" in str(caught.value) and "ent:jane-b" in str(caught.value)


def test_ask_answers_with_facts_and_sentences(sample: KnowledgeStore) -> None:
    found = ask(sample, "Who invested in Mistral AI?")
    assert found.query_name == "investments-by-investor"
    investors = {fact.subject_label for fact in found.facts}
    assert {"Xavier Niel", "Eric Schmidt"} <= investors
    niel = next(f for f in found.facts if f.subject_label == "Xavier Niel")
    assert "Xavier Niel" in (niel.sentence or "") and niel.document and niel.predicate == "investsIn"


def test_ask_runnable_sparql_gives_the_bound_rows(sample: KnowledgeStore) -> None:
    found = ask(sample, "Qui a investi dans Mistral AI ?")
    assert "VALUES ?company { ent:mistral-ai }" in found.runnable_sparql()
    written = sample.select(found.runnable_sparql())
    assert sorted(map(str, written)) == sorted(map(str, found.result.rows))


def test_ask_question_text_never_reaches_the_query(sample: KnowledgeStore) -> None:
    found = ask(sample, 'Who leads Mistral AI"} } DROP ALL #?')
    assert found.intent.id == "leads" and "DROP" not in found.runnable_sparql()


def test_ask_connection_is_the_explained_path(sample: KnowledgeStore) -> None:
    found = ask(sample, "How are Xavier Niel and Mistral AI connected?")
    assert found.path is not None and found.path.nodes[0] == "xavier-niel"
    assert found.facts and all(f.sentence for f in found.facts)


def test_ask_changes_since_keeps_only_later_facts(sample: KnowledgeStore) -> None:
    found = ask(sample, "What changed at Mistral AI since September 2025?")
    assert found.facts
    assert all(fact.document and fact.document.rsplit(", ", 1)[-1] >= "2025-09-01" for fact in found.facts)


def test_api_ask_returns_a_frame(sample: KnowledgeStore) -> None:
    df = KnowledgeGraph(sample).ask("Qui a fondé Hugging Face ?")
    assert df.attrs["intent"] == "founded" and list(df.columns[:3]) == ["subject", "subject_label", "predicate"]


def test_cli_ask_shows_query_and_evidence(built_sample: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "Who invested in Mistral AI?", "--store", str(built_sample),
                                      "--show-query"])
    assert result.exit_code == 0, result.output
    assert "investors_of" in result.output and "VALUES ?company { ent:mistral-ai }" in result.output
    assert "Evidence:" in result.output and "Xavier Niel" in result.output


def test_ask_question_set_share(sample: KnowledgeStore) -> None:
    """206 independent questions; measured 100% on both halves once the cue words were written
    (the held-out half scored 97.1% when first run); the threshold leaves room for model drift."""
    report = score_questions(sample)
    for half in ("dev", "heldout"):
        right, total = report.share(half=half)
        assert total > 100 and right / total >= 0.95, report.format(errors=True)
