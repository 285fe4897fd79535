"""Bylines: the article's journalists work for the outlet the text names
(``extract/components/bylines.py``; texts written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def works_for(extractor: Extractor, text: str, language: str = "en") -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.object) for r in out.relations if r.predicate == "worksFor"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "By Maren Tolvik, CNBC\n\nKontora, a robotics startup, raised $5 million on Monday.",
         {("person/maren-tolvik", "cnbc")}),
        ("en", "Fortune — Idris Palenque\n\nThe deal surprised everyone in the industry.",
         {("person/idris-palenque", "fortune")}),
        ("en", "By Maren Tolvik and Idris Palenque\n\nMay 4 (Reuters) - Kontora said it had raised $5 million."
               "\n\n(Reporting by Oskar Venn in Gdansk; Editing by Lisa Quorn)",
         {("person/maren-tolvik", "reuters"), ("person/idris-palenque", "reuters"),
          ("person/oskar-venn", "reuters"), ("person/lisa-quorn", "reuters")}),
    ],
)
def test_the_bylines_people_work_for_the_named_outlet(extractor: Extractor, language: str, text: str,
                                                      expected: set[tuple[str, str]]) -> None:
    assert expected <= works_for(extractor, text, language)


def test_a_byline_without_an_outlet_states_nothing(extractor: Extractor) -> None:
    text = "Par Maren TOLVIK et Idris PALENQUE\n\nLa start-up Kontora a levé 5 millions d'euros."
    assert not any(subject.startswith("person/") for subject, _ in works_for(extractor, text, "fr"))


def test_by_inside_a_sentence_is_no_byline(extractor: Extractor) -> None:
    text = "The round was led by Maren Tolvik, CNBC reported on Monday."
    assert ("person/maren-tolvik", "cnbc") not in works_for(extractor, text)
