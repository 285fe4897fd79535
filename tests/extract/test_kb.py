from __future__ import annotations

import json

import pytest
import spacy

from aikg.extract.components import kb_patterns
from aikg.extract.errors import KnowledgeBaseError
from aikg.extract.kb import KnowledgeBase, load_knowledge_base, parse_knowledge_base
from aikg.extract.records import EntityType


def test_kb_packaged_is_valid(kb: KnowledgeBase) -> None:
    assert len(kb) > 100
    assert kb["openai"].wikidata == "Q21708200"
    for entry in kb:
        assert entry.type is not EntityType.MONETARY_AMOUNT


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [
        ("Open AI", "openai"),
        ("OPENAI", "openai"),
        ("Zuck", "mark-zuckerberg"),
        ("Mistral", "mistral-ai"),
        ("Sommet pour l’action sur l’IA", "ai-action-summit"),
        ("Elysee Palace", "elysee-palace"),
        ("StationF", "station-f"),
    ],
)
def test_kb_lookup_folds_case_accents_spacing(kb: KnowledgeBase, name: str, kb_id: str) -> None:
    entry = kb.lookup(name)
    assert entry is not None and entry.id == kb_id


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"id": "x", "type": "Robot", "label": "X"}, "type 'Robot'"),
        ({"id": "x", "type": "Person"}, "label"),
        ({"id": "X Y", "type": "Person", "label": "X"}, "lowercase"),
        ({"id": "x", "type": "Person", "label": "X", "wikidata": "42"}, "wikidata"),
        ({"id": "x", "type": "Person", "label": "X", "colour": "red"}, "unknown field"),
    ],
)
def test_kb_invalid_entries_raise_coded_errors(line: dict[str, object], message: str) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"\[E502\].*line 1") as info:
        parse_knowledge_base([json.dumps(line)], "test.jsonl")
    assert message in str(info.value)
    assert info.value.code == "E502"


def test_kb_duplicate_id() -> None:
    line = json.dumps({"id": "x", "type": "Person", "label": "X"})
    with pytest.raises(KnowledgeBaseError, match="E503"):
        parse_knowledge_base([line, line], "dup.jsonl")


def test_kb_missing_file(tmp_path: object) -> None:
    with pytest.raises(KnowledgeBaseError, match="E501"):
        load_knowledge_base("/nonexistent/kb.jsonl")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grok and Meta are names.", [("Grok", "grok"), ("Meta", "meta")]),
        ("the meta question, le chat noir", []),
        ("OPENAI and openai", [("OPENAI", "openai"), ("openai", "openai")]),
        ("Le Chat is a product", [("Le Chat", "le-chat")]),
    ],
)
def test_kb_patterns_case_policy(kb: KnowledgeBase, text: str, expected: list[tuple[str, str]]) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(kb_patterns(kb, nlp.make_doc))
    doc = nlp(text)
    assert [(e.text, e.ent_id_) for e in doc.ents] == expected


def test_kb_country_and_public_fields() -> None:
    from aikg.extract.kb import load_knowledge_base

    kb = load_knowledge_base()
    assert kb["france"].is_country and kb["paris"].country == "france"
    assert kb["mistral-ai"].country == "france" and kb["openai"].country == "united-states"
    assert kb["emmanuel-macron"].public and not kb["mistral-ai"].public


def test_kb_country_must_name_a_country() -> None:
    from aikg.extract.kb import parse_knowledge_base

    lines = ['{"id": "paris", "type": "Place", "label": "Paris", "country": "openai"}',
             '{"id": "openai", "type": "Organization", "label": "OpenAI"}']
    with pytest.raises(KnowledgeBaseError, match=r"\[E502\].*line 1.*'openai' is not a country"):
        parse_knowledge_base(lines)
