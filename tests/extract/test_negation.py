"""A fact its sentence denies is not asserted: English negation marks it hedged, like a denial
(``hedge_words``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def _asserted(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    out = extractor.extract(Document("t", text, source="test", language="en"))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], r.predicate, labels[r.object]) for r in out.relations if not r.hedged}


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Microsoft did not acquire Mistral AI.", ("Microsoft", "acquired", "Mistral AI")),
        ("Arthur Mensch never worked for Google.", ("Arthur Mensch", "worksFor", "Google")),
        ("Nvidia hasn't invested in Mistral AI.", ("Nvidia", "investsIn", "Mistral AI")),
    ],
)
def test_a_negated_fact_is_not_asserted(extractor: Extractor, text: str, denied: tuple[str, str, str]) -> None:
    assert denied not in _asserted(extractor, text)


def test_the_same_fact_stated_plainly_is_asserted(extractor: Extractor) -> None:
    assert ("Microsoft", "acquired", "Mistral AI") in _asserted(extractor, "Microsoft acquired Mistral AI.")


def test_announcing_a_plan_is_an_announcement(extractor: Extractor) -> None:
    """ "plans to" hedges the investment, not the announcement of it; a hedge on the announcing
    side still hedges it."""
    assert ("Microsoft", "announced", "$2 billion") in _asserted(
        extractor, "On Tuesday, Microsoft unveiled plans to invest $2 billion in Kenya.")
    assert ("Microsoft", "announced", "$2 billion") not in _asserted(
        extractor, "Microsoft reportedly unveiled a $2 billion investment in Kenya.")
