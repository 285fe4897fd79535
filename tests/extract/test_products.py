"""Products and who develops them: product names from the nouns that describe them
(``extract/components/product_names.py``) and the ``develops`` patterns named ``product:*`` in
``data/relation_patterns.jsonl`` (texts and names written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import entity_types as types

pytestmark = pytest.mark.model


def develops(extractor: Extractor, text: str, language: str = "en") -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.object) for r in out.relations if r.predicate == "develops"}


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # a name after a product noun, with a version glued to it
        ("en", "In May, Vexa Labs released the chatbot Zephyr-2.5V to a few users.", {"Zephyr-2.5V"}),
        # names before a product noun, coordinated
        ("en", "The startup will train its models on Vexa Labs' in-house Trainex and Inferex chips.",
         {"Trainex", "Inferex"}),
        # a version number inside a name before a product noun
        ("en", "It ships on selected phones, including the Vexa 8 Pro smartphone.", {"Vexa 8 Pro"}),
        # a product noun in apposition, and a name the model missed
        ("en", "The showstopper was Blue, a small robot that walked onto the stage.", {"Blue"}),
        # a product noun as the predicate
        ("en", "Vardo is a compact language model that its makers trained in-house.", {"Vardo"}),
        # examples after a plural product noun
        ("en", "They will focus on products like Bingo and Edgeway this year.", {"Bingo", "Edgeway"}),
        # a name before a maker noun
        ("en", "Tiktak owner Vexa Labs said on Monday it had hired a new chief.", {"Tiktak"}),
        # a group noun followed by "of"
        ("en", "The lab is known for its Sarnet series of open models.", {"Sarnet"}),
        ("fr", "La start-up a présenté jeudi la puce Trainex, gravée en trois nanomètres.", {"Trainex"}),
        # a name that a naming word or a bracket introduces after a product noun
        ("en", "Orin Systems showed off an AI-powered cooking assistant called «Glowmate» at its booth.",
         {"Glowmate"}),
        ("en", "Samsung released a new model dubbed Nimbus-7B on Tuesday.", {"Nimbus-7B"}),
        ("fr", "La start-up propose aussi un chatbot payant, baptisé Zephyr Pro, qui offre un accès illimité.",
         {"Zephyr Pro"}),
        ("fr", "Samsung est parti d'un LLM maison (Kestrel) à 7 milliards de paramètres.", {"Kestrel"}),
    ],
)
def test_the_described_names_are_products(extractor: Extractor, language: str, text: str, names: set[str]) -> None:
    found = types(extractor, text, language)
    assert {name: found.get(name) for name in names} == dict.fromkeys(names, "Product")


def test_a_version_of_a_known_product_is_that_product(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "Vexa Labs tested the chatbot Claude-4.1X against its own.", source="test",
                                     language="en"))
    assert "claude" in {e.key for e in out.entities}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Her assistant Jane Doe answered the phone.", "Jane Doe", "Person"),  # a person's full name
        ("The Nvidia chips are in short supply.", "Nvidia", "Organization"),  # the KB's organisation
    ],
)
def test_names_that_are_not_products_keep_their_type(extractor: Extractor, text: str, name: str,
                                                     expected: str) -> None:
    assert types(extractor, text).get(name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The US AI chip giant plans to spend $1 billion on two startups.",  # the noun describes a company
        "Kontrell, an AI foundation model company, raised $20 million.",
    ],
)
def test_a_product_noun_that_describes_a_company_names_no_product(extractor: Extractor, text: str) -> None:
    assert "Product" not in types(extractor, text).values()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le premier fabricant de puces dites NPU (Neural Processing Unit) investit au Canada."),
        ("en", "The firm sells chips known as GPU (Graphics Processing Unit) to labs."),
    ],
)
def test_the_expansion_of_an_acronym_in_brackets_is_no_product(extractor: Extractor, language: str,
                                                               text: str) -> None:
    assert "Product" not in types(extractor, text, language).values()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The star of the show was Blue, a small robot. Blue is the product of a partnership between "
         "Vexa Labs, Orin Systems and Tarn Research.",
         {("organization/vexa-labs", "product/blue"), ("organization/orin-systems", "product/blue"),
          ("organization/tarn-research", "product/blue")}),
        ("The startup will train its models on Vexa Labs' in-house Trainex and Inferex chips.",
         {("organization/vexa-labs", "product/trainex"), ("organization/vexa-labs", "product/inferex")}),
        ("The startup will train its models on AWS Trainex and Inferex chips.",
         {("aws", "product/trainex"), ("aws", "product/inferex")}),
        ("Tiktak owner Vexa Labs said on Monday it had hired a new chief.",
         {("organization/vexa-labs", "product/tiktak")}),
        ("Vexa Labs is based in Oslo. Headquartered in Oslo, the startup is famous for its Sarnet series of "
         "open models.", {("organization/vexa-labs", "product/sarnet")}),
    ],
)
def test_who_develops_a_product(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= develops(extractor, text)


def test_a_product_a_company_uses_is_not_its_own(nlp_en: Language) -> None:
    """The patterns never make the user of a product its developer (the classifier is judged
    apart, on the development set)."""
    with nlp_en.select_pipes(disable=["aikg_relation_classifier"]):
        doc = nlp_en("Brightline Capital uses the model Zephyr and runs on Vexa H200 chips.")
    assert not [c for c in doc._.aikg_relations if c.predicate == "develops"]
