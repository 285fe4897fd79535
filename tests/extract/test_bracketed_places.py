"""Where organisations are based, from places followed by their names in brackets
(``extract/components/bracketed_places.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def based_in(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], labels[r.object]) for r in out.relations if r.predicate == "basedIn"}


def test_a_round_up_by_region_places_each_bracket(extractor: Extractor) -> None:
    text = ("The signatories include labs from Europe (Aleph Alpha and Mistral AI) and Asia (Naver, Samsung "
            "and Sakana AI).")
    assert {("Aleph Alpha", "Europe"), ("Mistral AI", "Europe"), ("Naver", "Asia"), ("Samsung", "Asia"),
            ("Sakana AI", "Asia")} <= based_in(extractor, text, "en")


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        # one bracket after a noun's place complement lists what the noun describes
        ("fr", "Le groupe s'est allié aux grands opérateurs d'Afrique (Orange, Vodacom et MTN) pour ce projet.",
         ("Orange", "Africa")),
        # a bracket that holds anything but names is no list
        ("en", "Labs from Europe (Mistral AI, founded in 2023) and Asia (Naver) signed.", ("Mistral AI", "Europe")),
    ],
)
def test_no_seat_without_a_round_up(extractor: Extractor, language: str, text: str, absent: tuple[str, str]) -> None:
    assert absent not in based_in(extractor, text, language)
