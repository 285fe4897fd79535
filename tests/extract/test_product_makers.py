"""Who develops a product: the owner of the product noun that the product names
(``extract/components/product_makers.py``; sentences and product names written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates

pytestmark = pytest.mark.model


def _found(nlp: Language, text: str, prefix: str = "product:owned-noun") -> set[tuple[str, str, str]]:
    """``(subject, predicate, object)`` of the candidates whose extractor starts with ``prefix``
    (the classifier's left out)."""
    doc = nlp(text)
    return {
        (doc[c.subject_start : c.subject_end].text, c.predicate, doc[c.object_start : c.object_end].text)
        for c in relation_candidates(doc)
        if c.object_end >= 0 and c.extractor.startswith(prefix) and not c.extractor.startswith("clf:")
    }


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a possessive pronoun on the product noun, the name in compound; the clause's subject owns it
        ("en", "Samsung has also used Siemens' software to drive speech features in its Bixby chatbot.",
         {("Samsung", "develops", "Bixby")}),
        ("fr", "Samsung utilise la technologie de Siemens pour améliorer son application Bixby.",
         {("Samsung", "develops", "Bixby")}),
        # the name in apposition to a group noun's "of" phrase
        ("en", "Huang introduced Samsung's new line of AI chips, Exynos, built for raw power.",
         {("Samsung", "develops", "Exynos")}),
        ("fr", "Huang a présenté la nouvelle gamme de puces de Samsung, Exynos, conçue pour la puissance.",
         {("Samsung", "develops", "Exynos")}),
        # coordinated names, the owner parsed on the first one
        ("en", "Samsung's Bixby and Gauss models are popular.",
         {("Samsung", "develops", "Bixby"), ("Samsung", "develops", "Gauss")}),
    ],
)
def test_the_owner_of_a_product_noun_develops_its_names(nlp_en: Language, nlp_fr: Language, language: str,
                                                         text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _found(nlp_en if language == "en" else nlp_fr, text)


def test_a_user_of_a_product_is_not_its_developer(nlp_en: Language) -> None:
    found = _found(nlp_en, "Samsung has also used Siemens' software to drive speech features in its Bixby chatbot.")
    assert ("Siemens", "develops", "Bixby") not in found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a fronted participle: "its" is the main clause's subject, not the last sentence's
        ("en", "Samsung teased a video. Known for its AI chatbot Gemini, Google revealed on Friday that "
               "Samsung's latest contribution is structured as notes."),
        ("fr", "Samsung a publié une vidéo. Connu pour son chatbot Gemini, Google a indiqué vendredi que la "
               "contribution de Samsung serait versée en plusieurs fois."),
        # a passive participle's agent owns what follows it
        ("fr", "Samsung a publié une vidéo. Le logiciel ressemble à une fonction présentée par Google lors du "
               "lancement de son modèle Gemini."),
    ],
)
def test_a_possessive_is_read_in_its_own_sentence_first(nlp_en: Language, nlp_fr: Language, language: str,
                                                        text: str) -> None:
    assert ("Google", "develops", "Gemini") in _found(nlp_en if language == "en" else nlp_fr, text)
    every = _found(nlp_en if language == "en" else nlp_fr, text, prefix="")
    assert ("Samsung", "develops", "Gemini") not in every  # drop_other_owners
