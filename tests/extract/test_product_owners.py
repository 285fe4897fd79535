"""Who makes a product, from the phrases that name its maker (``extract/components/product_owners.py``)
and the owners of plural product nouns (``product_makers.py``). Sentences written for the tests,
with products the knowledge base knows, so that each test reads the construction, not the typing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.test_product_releases import _found

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a maker noun in apposition, names coordinated after "of"
        ("en", "The deal is with Google, the maker of Gemini and Bard.",
         {("Google", "develops", "Gemini"), ("Google", "develops", "Bard")}),
        # a maker noun as a copula's attribute, a product noun before the name
        ("en", "Google is the developer of the Gemini assistant.", {("Google", "develops", "Gemini")}),
        # French: the apposition the parser breaks, a product noun after "du"
        ("fr", "L'accord a été signé avec Google, éditeur du chatbot Gemini.", {("Google", "develops", "Gemini")}),
        # French: "à l'origine de" on a noun that describes the organisation
        ("fr", "Le 3 mai, Google, l'entreprise à l'origine de Gemini et Bard, a annoncé un rachat.",
         {("Google", "develops", "Gemini"), ("Google", "develops", "Bard")}),
        # an organisation noun "behind" a product, a product noun and its modifier skipped
        ("en", "Google, the company behind the AI chatbot Gemini, said it will expand.",
         {("Google", "develops", "Gemini")}),
        ("fr", "Google, la société derrière Gemini, a levé des fonds.", {("Google", "develops", "Gemini")}),
    ],
)
def test_the_organisation_a_maker_noun_describes_develops_its_products(
        nlp_en: Language, nlp_fr: Language, language: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _found(nlp_en if language == "en" else nlp_fr, text, "product:maker-of")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Google and its Gemini dominate the market."),
        ("fr", "Rien ne menace le géant Google et son Gemini."),
    ],
)
def test_a_possessive_on_a_product_coordinated_with_an_organisation(nlp_en: Language, nlp_fr: Language,
                                                                    language: str, text: str) -> None:
    found = _found(nlp_en if language == "en" else nlp_fr, text, "product:and-its")
    assert found == {("Google", "develops", "Gemini")}


def test_a_maker_noun_that_describes_no_organisation_gives_nothing(nlp_en: Language) -> None:
    assert not _found(nlp_en, "Sundar Pichai, the creator of Gemini, spoke first.", "product:maker-of")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # an organisation in compound before a plural product noun, the examples after "such as"
        ("en", "The rollout concerns iconic Samsung products such as the Galaxy Fold, Bixby, and Tizen.",
         {("Samsung", "develops", "Galaxy Fold"), ("Samsung", "develops", "Bixby"),
          ("Samsung", "develops", "Tizen")}),
        # names after a possessed plural product noun and a comma (French: parsed as the verb's conjuncts)
        ("en", "Samsung has spent years on its products, Bixby and Tizen.", {("Samsung", "develops", "Bixby")}),
        ("fr", "Samsung compte réunir 300 ingénieurs qui travaillent au développement de ses produits, Bixby et Tizen.",
         {("Samsung", "develops", "Bixby")}),
        # a possessive description of the owner, which the references resolve
        ("en", "Microsoft said buyers will run their models on the software maker's Azure cloud.",
         {("Microsoft", "develops", "Azure")}),
    ],
)
def test_the_owner_of_a_plural_or_described_product_noun(nlp_en: Language, nlp_fr: Language, language: str,
                                                          text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _found(nlp_en if language == "en" else nlp_fr, text, "product:owned-noun")


def test_french_de_and_a_described_organisation(nlp_fr: Language) -> None:
    found = _found(nlp_fr, "Le site compare Gemini de l'américain Google à ses rivaux.", "product:de-described")
    assert found == {("Google", "develops", "Gemini")}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Samsung wants to grow its Tizen platform, launched in 2024 to make robots cheaper."),
        ("fr", "Samsung veut renforcer sa plateforme Tizen, lancée en 2024 pour démocratiser la robotique."),
    ],
)
def test_an_owned_product_launched_is_announced(nlp_en: Language, nlp_fr: Language, language: str, text: str) -> None:
    found = _found(nlp_en if language == "en" else nlp_fr, text, "product:owned-noun")
    assert {("Samsung", "develops", "Tizen"), ("Samsung", "announced", "Tizen")} <= found
