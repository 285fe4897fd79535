"""Products named with words that describe them, and their makers: a language's name or "AI"
between a product's name and its noun ("its X Arabic model", "its X AI chips",
``product_names.py``), a variant of a known product written with a hyphen ("Bio-Y",
``model_spans.py``), and the organisation a participle of renown describes ("X, known for its
chatbot Y", ``product_makers.py``). Sentences and names written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types, labelled_facts

pytestmark = pytest.mark.model


def run(extractor: Extractor, text: str, language: str) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """The entities (label -> type) and the facts (labels) read in ``text``."""
    facts = {fact[:3] for fact in labelled_facts(extractor, text, language)}
    return entity_types(extractor, text, language), facts


@pytest.mark.parametrize(
    ("text", "product", "longer"),
    [
        # a language's name between the name and the lower-case modifiers of the product noun
        ("Samsung announced its Korvan Arabic large language model available on its cloud.", "Korvan",
         "Korvan Arabic"),
        # a name in capitals before a language's name: a name, not a modifier
        ("Samsung announced its KALIM Arabic large language model.", "KALIM", "KALIM Arabic"),
        ("Samsung announced its KORVA Arabic large language model for the region.", "KORVA", "KORVA Arabic"),
        # "AI" before a plural product noun describes the products
        ("Samsung will supply its Zelvar AI chips to power the data centre.", "Zelvar", "Zelvar AI"),
    ],
)
def test_words_that_describe_a_product_are_not_its_name(extractor: Extractor, text: str, product: str,
                                                        longer: str) -> None:
    types, facts = run(extractor, text, "en")
    assert types.get(product) == "Product"
    assert longer not in types
    assert ("Samsung", "develops", product) in facts


def test_ai_before_a_singular_noun_may_end_a_name(extractor: Extractor) -> None:
    types, _ = run(extractor, "The Zelvar AI framework centres on truth-seeking.", "en")
    assert "Zelvar" not in types


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Samsung's medical AI model, Bio-Llama, is performing at the level of a specialist."),
        ("fr", "Samsung a présenté Bio-Llama, son nouveau modèle médical."),
    ],
)
def test_a_known_product_after_a_hyphen_is_a_variant(extractor: Extractor, language: str, text: str) -> None:
    types, facts = run(extractor, text, language)
    assert types.get("Bio-Llama") == "Product"
    assert ("Samsung", "develops", "Bio-Llama") in facts
    assert ("Samsung", "develops", "Llama") not in facts


def test_two_known_names_joined_by_a_hyphen_stay_apart(extractor: Extractor) -> None:
    types, _ = run(extractor, "The Samsung-Llama tie-up was signed on Monday.", "en")
    assert "Samsung-Llama" not in types


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le concurrent de Samsung et de Bixby, Google, connu pour son robot conversationnel Gemini, "
               "s'installe à Lyon."),
        ("fr", "Le rival de Samsung, Google, un groupe américain connu pour son assistant Gemini, ouvre un bureau."),
    ],
)
def test_an_organisation_known_for_its_product_develops_it(extractor: Extractor, language: str, text: str) -> None:
    _, facts = run(extractor, text, language)
    assert ("Google", "develops", "Gemini") in facts
    assert ("Samsung", "develops", "Gemini") not in facts


def test_the_organisation_known_for_a_product_is_its_only_owner(extractor: Extractor) -> None:
    _, facts = run(extractor, "Samsung's rival, Google, known for its chatbot Gemini, opened an office in Lyon.", "en")
    assert ("Samsung", "develops", "Gemini") not in facts


def test_a_product_a_company_builds_on_is_not_its_own(extractor: Extractor) -> None:
    _, facts = run(extractor, "Samsung launched its Zelvar AI chips, built on Llama and powered by Gemini.", "en")
    assert ("Samsung", "develops", "Zelvar") in facts
    assert not {("Samsung", "develops", "Llama"), ("Samsung", "develops", "Gemini")} & facts


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a headline between two sentences whose subject is the maker
        ("en", "Google is setting up shop in Lyon\nGemini creator’s office is for Europe growth\n"
               "Google wants a bigger footprint in Europe and said on Monday it would open an office in Lyon."),
        # an opening sentence; the next one names the maker in apposition to its subject
        ("fr", "Le créateur de Gemini s’implante en France. La firme américaine, Google qui a démocratisé la "
               "recherche, vient d’annoncer ce mercredi qu’elle allait s’implanter à Lyon."),
    ],
)
def test_a_maker_description_stands_for_the_subject_next_door(extractor: Extractor, language: str,
                                                               text: str) -> None:
    assert ("Google", "develops", "Gemini") in run(extractor, text, language)[1]


def test_two_subjects_next_door_leave_a_maker_description_alone(extractor: Extractor) -> None:
    text = ("Samsung is setting up shop in Lyon\nGemini creator’s office is for Europe growth\n"
            "Google wants a bigger footprint in Europe and said on Monday it would open an office in Lyon.")
    facts = run(extractor, text, "en")[1]
    assert not {("Samsung", "develops", "Gemini"), ("Google", "develops", "Gemini")} & facts


def test_the_owner_announces_every_name_of_the_product_noun_it_showcases(extractor: Extractor) -> None:
    facts = run(extractor, "Samsung showcased its Galaxy and Ballie robot, underlining its advances.", "en")[1]
    assert {("Samsung", "announced", "Galaxy"), ("Samsung", "announced", "Ballie")} <= facts


def test_products_a_company_uses_are_not_announced(extractor: Extractor) -> None:
    facts = run(extractor, "Samsung uses its Galaxy and Ballie robots in its stores.", "en")[1]
    assert not {("Samsung", "announced", "Galaxy"), ("Samsung", "announced", "Ballie")} & facts


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Jane Roe, who led public affairs at Google (YouTube, Gemini, Android) until May, will join the fund."),
        ("fr", "Jeanne Roux, qui dirigeait les affaires publiques de Google (YouTube, Gemini, Android) jusqu'en mai, "
               "rejoindra le fonds."),
    ],
)
def test_products_in_brackets_after_an_organisation_are_its_own(extractor: Extractor, language: str,
                                                                 text: str) -> None:
    assert {("Google", "develops", "Gemini"), ("Google", "develops", "Android")} <= run(extractor, text, language)[1]


def test_brackets_that_are_not_a_list_of_products_give_nothing(extractor: Extractor) -> None:
    facts = run(extractor, "Jane Roe, who advised Google (and Gemini users) for years, praised Android.", "en")[1]
    assert ("Google", "develops", "Android") not in facts
    assert ("Google", "develops", "Gemini") not in facts
