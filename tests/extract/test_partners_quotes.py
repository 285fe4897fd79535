"""Partnerships whose party is the quote's speaker ("our partnership with Y," X said), whose
noun takes a complement before "with" ("un accord de licence avec Y"), or told as the use of a
partner's technology (:mod:`aikg.extract.components.licensing`). Own sentences; each test fails
without its rule."""

from __future__ import annotations

from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates


def _pairs(nlp: Language, text: str) -> set[frozenset[str]]:
    doc = nlp(text)
    return {frozenset({doc[c.subject_start : c.subject_end].text, doc[c.object_start : c.object_end].text})
            for c in relation_candidates(doc) if c.predicate == "partnerOf" and c.object_end > 0}


def test_our_inside_a_quote_is_the_speaker(nlp_en: Language) -> None:
    # quote_speaker(): the subject of "said" outside the quotation marks
    text = '"This week we begin the second stage of our alliance with Cohere," Oracle said on Monday.'
    assert frozenset({"Oracle", "Cohere"}) in _pairs(nlp_en, text)


def test_our_without_a_speaker_gives_nothing(nlp_en: Language) -> None:
    assert not _pairs(nlp_en, "Our alliance with Cohere keeps growing.")


def test_noun_complement_before_with(nlp_fr: Language) -> None:
    # _Deals.after(): "un accord de licence avec Y", the noun's own "de" complement skipped
    text = "Samsung a signé un accord de licence avec Character.AI."
    assert frozenset({"Samsung", "Character.AI"}) in _pairs(nlp_fr, text)


# -- licensing told as use -------------------------------------------------------------------------


def test_integrates_a_named_technology(nlp_en: Language) -> None:
    # technology_partners(): the name before the technology noun owns it
    text = "Samsung integrates Mistral AI technology into its phones."
    assert frozenset({"Samsung", "Mistral AI"}) in _pairs(nlp_en, text)


def test_agreed_to_use_a_possessed_model(nlp_en: Language) -> None:
    # technology_partners(): the user is the subject of the clause above "to use"
    text = "Last week, Adobe agreed to pay $90 million to use Cohere's models."
    assert frozenset({"Adobe", "Cohere"}) in _pairs(nlp_en, text)


def test_french_technology_of(nlp_fr: Language) -> None:
    # _owner(): the "de" complement of "la technologie"
    text = "Amazon a accepté d'utiliser la technologie de Mistral AI de manière non exclusive."
    assert frozenset({"Amazon", "Mistral AI"}) in _pairs(nlp_fr, text)


def test_a_description_possessive_gives_nothing(nlp_en: Language) -> None:
    assert not _pairs(nlp_en, "Adobe uses the company's models to improve its app.")
