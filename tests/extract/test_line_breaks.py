"""A line break ends a heading's sentence, not a wrapped line's (``extract/components/line_breaks.py``;
texts written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor

pytestmark = pytest.mark.model


def test_a_heading_is_not_part_of_the_next_sentence(extractor: Extractor) -> None:
    text = "Funding Roundup For The Week\nZorbex Labs on Monday named Laura Kessler as its new chief executive."
    doc = extractor.pipeline("en")(text)
    named = next(t for t in doc if t.text == "named")
    assert named.sent.text.startswith("Zorbex Labs on Monday")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_wrapped_line_stays_in_its_sentence(extractor: Extractor, language: str) -> None:
    text = ("Zorbex Labs said on Monday that it had raised a\nround of funding from two investors." if language == "en"
            else "Zorbex Labs a annoncé lundi avoir bouclé un\ntour de table auprès de deux investisseurs.")
    doc = extractor.pipeline(language)(text)
    assert len(list(doc.sents)) == 1


def test_a_line_after_a_heading_keeps_its_first_sentence_whole(extractor: Extractor) -> None:
    text = ("Levée record sur le profil des fondateurs\nMarc Dufour et Paul Simon, respectivement CEO et CTO "
            "de Mistral AI, gardent leurs postes et dirigeront seuls la société.")
    doc = extractor.pipeline("fr")(text)
    dufour = next(t for t in doc if t.text == "Dufour")
    assert dufour.sent.text.startswith("Marc Dufour")
    assert "gardent" in dufour.sent.text
