"""Products released under the noun of their kind (``extract/components/product_releases.py``) and a
product noun that is the predicate of a name (``product_makers.py``); sentences and names written
for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates

pytestmark = pytest.mark.model


def _found(nlp: Language, text: str, prefix: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {
        (doc[c.subject_start : c.subject_end].text, c.predicate, doc[c.object_start : c.object_end].text)
        for c in relation_candidates(doc)
        if c.object_end >= 0 and c.extractor.startswith(prefix)
    }


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a naming word inside the object's phrase; a new product announced is one's own
        ("en", "On Tuesday, Vexa Labs announced a new family of open language models called Zephyr, which "
               "are open-weights models.",
         {("Vexa Labs", "develops", "Zephyr")}),
        ("fr", "Mardi, Vexa Labs a dévoilé un nouveau modèle de langage baptisé Zéphyr.",
         {("Vexa Labs", "develops", "Zéphyr"), ("Vexa Labs", "announced", "Zéphyr")}),
        # examples of the object, a releasing verb
        ("en", "Vexa Labs has released compact open models such as Kestrel-T5 in the past.",
         {("Vexa Labs", "develops", "Kestrel-T5"), ("Vexa Labs", "announced", "Kestrel-T5")}),
        # the examples hung on the verb by the parser, read along the text
        ("fr", "La start-up Vexa Labs a publié des modèles comme Kestrel-T5 et Orca-2.",
         {("Vexa Labs", "develops", "Kestrel-T5"), ("Vexa Labs", "develops", "Orca-2")}),
        # a plural noun of products in general; a making verb ("pioneer"); a coordinated verb's subject
        ("en", "Samsung has released products such as Bixby and Tizen.",
         {("Samsung", "develops", "Bixby"), ("Samsung", "announced", "Tizen")}),
        ("en", "Samsung pioneered products such as Bixby.", {("Samsung", "develops", "Bixby")}),
        ("en", "Samsung bought a lab and released products such as Bixby.", {("Samsung", "develops", "Bixby")}),
    ],
)
def test_products_named_in_a_released_noun(nlp_en: Language, nlp_fr: Language, language: str, text: str,
                                           expected: set[tuple[str, str, str]]) -> None:
    nlp = nlp_en if language == "en" else nlp_fr
    assert expected <= _found(nlp, text, "announce:product-noun")


def test_a_product_noun_only_used_is_no_release(nlp_en: Language) -> None:
    # "deployed" neither announces nor makes; "announced support for" has no product noun as object
    text = ("Kontor deployed chatbots such as Zephyr last year. Kontor announced support for models "
            "such as Kestrel-T5.")
    assert not _found(nlp_en, text, "announce:product-noun")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Vexa Labs announced Zephyr on Monday. Zephyr is Vexa Labs' first major open LLM."),
        ("fr", "Le chatbot Zéphyr est le premier modèle ouvert de Vexa Labs."),
    ],
)
def test_a_name_whose_predicate_is_an_owned_product_noun(nlp_en: Language, nlp_fr: Language, language: str,
                                                          text: str) -> None:
    # _Makers.names(): the copula's subject names the owned product noun
    nlp = nlp_en if language == "en" else nlp_fr
    found = _found(nlp, text, "product:owned-noun")
    assert ("Vexa Labs", "develops", "Zephyr" if language == "en" else "Zéphyr") in found
