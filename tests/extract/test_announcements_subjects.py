"""Who announces (issue 15, ``extract/components/announcements.py``): the subject before an
apposition the parser broke, and the organisation a noun's "of" / "de" phrase names, which does not
announce (sentences written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates

pytestmark = pytest.mark.model


def _announced(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {
        (doc[c.subject_start : c.subject_end].text, doc[c.object_start : c.object_end].text)
        for c in relation_candidates(doc)
        if c.object_end >= 0 and c.predicate == "announced" and not c.extractor.startswith("clf:")
    }


def test_the_subject_before_a_broken_apposition_announces(nlp_fr: Language) -> None:
    text = "En février, Anthropic, une start-up américaine, a levé le voile sur Claude, une intelligence artificielle."
    assert ("Anthropic", "Claude") in _announced(nlp_fr, text)


@pytest.mark.parametrize(
    "text",
    [
        "Alphabet, la société mère de Google et YouTube, a annoncé un investissement de 2 milliards de dollars.",
        "Meta, maison mère de Facebook et d'Instagram, a dévoilé mardi un investissement de 14 milliards de "
        "dollars dans la start-up Scale AI.",
    ],
)
def test_the_organisation_a_noun_is_said_of_announces_nothing(nlp_fr: Language, text: str) -> None:
    subjects = {subject for subject, _ in _announced(nlp_fr, text)}
    assert not subjects & {"Google", "Facebook"}


def test_the_organisation_the_noun_describes_announces(nlp_fr: Language) -> None:
    text = "Alphabet, la maison mère de Google et YouTube, a annoncé un investissement de 2 milliards de dollars."
    assert ("Alphabet", "2 milliards de dollars") in _announced(nlp_fr, text)
