"""Who develops a product named in a coordinated possessed phrase, in a list under a possessed
noun's participle, or after a maker noun that refers to an organisation
(``extract/components/possessed_products.py``, ``product_makers.py``, ``product_owners.py``;
sentences written for the tests), and well-known products the knowledge base types."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates

pytestmark = pytest.mark.model


def _develops(nlp: Language, text: str) -> set[tuple[str, str]]:
    """``(subject, object)`` of the ``develops`` candidates of the rules (the classifier's left out)."""
    doc = nlp(text)
    return {
        (doc[c.subject_start : c.subject_end].text, doc[c.object_start : c.object_end].text)
        for c in relation_candidates(doc)
        if c.object_end >= 0 and c.predicate == "develops" and not c.extractor.startswith("clf:")
    }


def test_a_possessive_distributes_over_coordinated_product_phrases(nlp_en: Language) -> None:
    found = _develops(nlp_en, "Samsung, started by a group of engineers, is famous for its Gemma AI chat model "
                              "and Sora AI video creator.")
    assert {("Samsung", "Gemma"), ("Samsung", "Sora")} <= found


def test_a_name_in_apposition_after_the_phrase_is_no_conjunct(nlp_en: Language) -> None:
    found = _develops(nlp_en, "Samsung kept its Codex coding app and Gemini, a rival, on the shelf.")
    assert ("Samsung", "Codex") in found
    assert ("Samsung", "Gemini") not in found


def test_products_listed_under_a_possessed_noun_s_participle(nlp_en: Language) -> None:
    found = _develops(nlp_en, "Samsung said on Monday it had recruited Jane Roe as the chief of its division "
                              "running consumer AI products, such as Gemma, Sora, and Codex.")
    assert {("Samsung", "Gemma"), ("Samsung", "Sora"), ("Samsung", "Codex")} <= found


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a definite maker noun and its "of" phrase: the organisation the references resolve it to
        ("en", "Samsung opened an office in Lyon. The maker of Copilot said it would hire fifty people.",
         ("Samsung", "Copilot")),
        ("fr", "Samsung a racheté Kestrel. L'opération aidera le fabricant de Copilot à grandir.",
         ("Samsung", "Copilot")),
        ("fr", "Samsung a ouvert un bureau à Lyon. Le créateur de Gemma y recrute cinquante personnes.",
         ("Samsung", "Gemma")),
        # a maker noun with the product in compound, in apposition to the organisation
        ("en", "Samsung, the Copilot maker, said on Monday it would grow.", ("Samsung", "Copilot")),
    ],
)
def test_a_maker_noun_gives_its_organisation(nlp_en: Language, nlp_fr: Language, language: str, text: str,
                                             expected: tuple[str, str]) -> None:
    assert expected in _develops(nlp_en if language == "en" else nlp_fr, text)


@pytest.mark.parametrize(
    ("language", "text", "name", "label"),
    [
        ("en", "Jane Roe said Bing and Edge will get the feature first.", "Edge", "Microsoft Edge"),
        ("en", "The game came to the iPhone, the Mac and YouTube last year.", "Mac", "Mac"),
        ("fr", "L'iPhone de Samsung? Non, celui d'Apple, vendu avec YouTube et Instagram.", "iPhone", "iPhone"),
    ],
)
def test_well_known_products_are_typed_products(nlp_en: Language, nlp_fr: Language, language: str, text: str,
                                                name: str, label: str) -> None:
    doc = (nlp_en if language == "en" else nlp_fr)(text)
    ents = {e.text: e for e in doc.ents}
    assert ents[name].label_ == "Product"
    assert ents[name].kb_id_ == label.lower().replace(" ", "-")
