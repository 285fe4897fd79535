"""Where unknown names begin and end, and capitalised words that are no name
(``extract/components/name_edges.py`` and its hooks in ``entity_cleaner.py``). Texts and names are
written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

pytestmark = pytest.mark.model


def names(nlp: Language, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # a capitalised article inside the span, mid-sentence, is the name's
        ("en", "Few of the delegates who spoke to The Galway Herald said they would come back.",
         "The Galway Herald"),
        ("fr", "Le salon met en avant des cas concrets, avec ceux de Verano Santé, La Fourmilière et "
               "La Boussole sur lesquels nous reviendrons.", "La Fourmilière"),
        # at a sentence start, when the document writes the article mid-sentence elsewhere
        ("en", "The Galway Herald first reported the talks. Few of the delegates who spoke to The Galway "
               "Herald said they would come back.", "The Galway Herald"),
    ],
)
def test_an_article_of_the_name_is_kept(nlp_en: Language, nlp_fr: Language, lang: str, text: str,
                                        name: str) -> None:
    found = names(nlp_en if lang == "en" else nlp_fr, text)
    assert name in found
    assert name.split(" ", 1)[1] not in found  # no mention without its article


def test_a_possessive_splits_an_organisation_from_its_person(nlp_en: Language) -> None:
    found = names(nlp_en, "He joins entrepreneurs, including Brask’s Maarten Ostrava and Kelbo’s Lina Sorlie, "
                          "who back young companies.")
    assert found.get("Brask") == "Organization"
    assert found.get("Maarten Ostrava") == "Person"
    assert not any("’s" in name for name in found)


def test_a_department_after_a_possessive_is_no_entity(nlp_en: Language) -> None:
    found = names(nlp_en, "Jane Holt, senior director of Trevalo’s AI Hub, said the team was delighted.")
    assert found.get("Trevalo") == "Organization"
    assert not any("Hub" in name for name in found)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the portfolio of a minister, under the office noun or after "Person, à la"
        ("Paul Marin, ministre de l'Industrie et des Finances, a ouvert la journée, tandis que Léa Dutertre, "
         "à la Santé et à la Prévention des risques, a lancé la matinée.", "Finances"),
        ("Paul Marin, ministre de l'Industrie et des Finances, a ouvert la journée, tandis que Léa Dutertre, "
         "à la Santé et à la Prévention des risques, a lancé la matinée.", "Santé"),
        ("En attendant le président de la République, les chefs d'État sont arrivés.", "République"),
        # the first word of a short quoted phrase that goes on in lower case
        ("Ce jeu, qui grimpe dans les « Tops téléchargements » des magasins en ligne, séduit.", "Tops"),
    ],
)
def test_french_common_nouns_are_no_names(nlp_fr: Language, text: str, word: str) -> None:
    assert word not in names(nlp_fr, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a country and "AI" before a noun: a description, not a name
        ("Jane Doe has quit the UK AI startup after months of tension.", "UK AI"),
        ("It came a few months after US AI startup Brelvo moved its staff to Lisbon.", "US AI"),
        # a time zone on the next line
        ("The speakers are expected to begin at 11:00 a.m.\nPacific Time.", "Pacific Time"),
        # a title in capitals
        ("Karl Ostrom, who will serve as EVP of the cloud unit, joined on Monday.", "EVP"),
    ],
)
def test_english_descriptions_are_no_names(nlp_en: Language, text: str, word: str) -> None:
    assert word not in names(nlp_en, text)


def test_an_organisation_word_that_ends_a_name_still_extends_it(nlp_en: Language) -> None:
    assert names(nlp_en, "Intel Capital led the round.").get("Intel Capital") == "Organization"


def test_a_known_name_with_an_article_is_matched_as_written(nlp_en: Language) -> None:
    # "The Information", "The Guardian" are known outlets; the same words in lower case are not
    found = names(nlp_en, "She shared the information with the guardian of the trust, then called the Guardian.")
    assert "the information" not in found and "the guardian" not in found
    assert found.get("the Guardian") == "Organization"




def test_a_headline_verb_is_not_the_first_word_of_a_name(nlp_en: Language) -> None:
    from aikg.extract.components.name_edges import EdgeWords, imperative_opener
    from aikg.extract.lexicon import load_lexicon

    doc = nlp_en.make_doc("Intel Names Ruth Pike as New CEO")
    words = load_lexicon().read_words(EdgeWords)
    assert imperative_opener(doc, 1, 4, words)  # "Names Ruth Pike": the verb is no part of the name
    assert not imperative_opener(doc, 2, 4, words)
