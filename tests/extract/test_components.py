"""Components on ``spacy.blank`` pipelines (no trained model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from aikg.extract.components import RelationCandidate, register_factories, relation_candidates
from aikg.extract.errors import PipelineError
from aikg.extract.pipeline import customise_tokenizer


@pytest.fixture(scope="module")
def blank_en() -> Language:
    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    nlp.add_pipe("aikg_money")
    nlp.add_pipe("aikg_entities").initialize(nlp=nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme raised €500 million and $4 billion.",
            [("€500 million", "MonetaryAmount"), ("$4 billion", "MonetaryAmount")],
        ),
        ("No money here, just 500,000 users.", []),
    ],
)
def test_components_money(blank_en: Language, text: str, expected: list[tuple[str, str]]) -> None:
    doc = blank_en(text)
    assert [(e.text, e.label_) for e in doc.ents] == expected


def _with_ents(nlp: Language, text: str, spans: list[tuple[int, int, str]]) -> Doc:
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    return nlp.get_pipe("aikg_entities")(doc)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # KB type wins and @ is stripped
        ("Founder @OpenAI here", [(1, 3, "GPE")], [("OpenAI", "Organization", "openai")]),
        # Grok is a Product, not a Person
        ("They released Grok today", [(2, 3, "PERSON")], [("Grok", "Product", "grok")]),
        # "AI" is not a country
        ("the AI race", [(1, 2, "GPE")], []),
        # possessive and determiner trimmed, unknown org kept
        ("the Quantix Labs's model", [(0, 4, "ORG")], [("Quantix Labs", "Organization", "")]),
        # a sentence fragment is not a name
        ("Je me suis retrouvé deux fois", [(0, 6, "MISC")], []),
        # unknown place ending in an organisation word becomes an organisation
        ("at Zephyr Robotics now", [(1, 3, "GPE")], [("Zephyr Robotics", "Organization", "")]),
        # labels without an ontology type are dropped
        ("in 2024 it", [(1, 2, "DATE")], []),
    ],
)
def test_components_entity_cleanup(
    blank_en: Language, text: str, spans: list[tuple[int, int, str]], expected: list[tuple[str, str, str]]
) -> None:
    doc = _with_ents(blank_en, text, spans)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == expected


def test_components_cut_at_newline(blank_en: Language) -> None:
    doc = _with_ents(blank_en, "Shape AI Industry\n\nFrance Open", [(0, 6, "ORG")])
    assert "\n" not in "".join(e.text for e in doc.ents)


def test_components_uninitialised_raise_coded_error() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("aikg_entities")
    doc = nlp.make_doc("Paris")
    doc.ents = [Span(doc, 0, 1, label="GPE")]
    with pytest.raises(PipelineError, match="E508"):
        nlp.get_pipe("aikg_entities")(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She co-founded it.", {"co-founded": "co-found"}),
        ("The Co-founder spoke.", {"Co-founder": "co-founder"}),
        ("Elle est co-fondatrice.", {"co-fondatrice": "cofondateur"}),
        ("Nothing here.", {}),
    ],
)
def test_components_co_lemmas(text: str, expected: dict[str, str]) -> None:
    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    nlp.add_pipe("aikg_co_lemmas", config={"lemmas": {"co-founded": "co-found", "co-founder": "co-founder",
                                                       "co-fondatrice": "cofondateur"}})
    doc = nlp(text)
    assert {t.text: t.lemma_ for t in doc if t.lemma_} == expected


@pytest.mark.model
def test_components_relation_candidates_cross_serialisation(nlp_en: Language) -> None:
    """Candidates are typed records in code and plain lists on the ``Doc`` (what workers send back)."""
    doc = nlp_en("OpenAI CEO Sam Altman spoke in Paris.")
    candidates = relation_candidates(doc)
    assert candidates and all(isinstance(c, RelationCandidate) for c in candidates)
    assert {(doc[c.subject_start:c.subject_end].text, c.predicate, doc[c.object_start:c.object_end].text)
            for c in candidates} >= {("Sam Altman", "leads", "OpenAI")}
    copy = Doc(nlp_en.vocab).from_bytes(doc.to_bytes())
    assert relation_candidates(copy) == candidates


def test_components_factories_registered_once() -> None:
    register_factories()
    register_factories()
    names = {"aikg_co_lemmas", "aikg_money", "aikg_entities", "aikg_relations"}
    assert names <= set(spacy.registry.factories.get_all())
