"""Partnerships whose party is the quote's speaker ("our partnership with Y," X said) or whose
noun takes a complement before "with" ("un accord de licence avec Y"). Own sentences."""

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
