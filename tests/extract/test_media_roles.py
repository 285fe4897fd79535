"""People named with their organisation by a possessive or a media role ("Kestrel's Nadia Rahm",
"CNN anchor X", "le présentateur de TF1 X"; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model


def _works(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, _ in labelled_facts(extractor, text, language) if p == "worksFor"}


@pytest.mark.parametrize(
    ("language", "text", "pair"),
    [
        ("en", "Hugging Face's Jane Roe and Nvidia's Tom Birch shared the stage.", ("Jane Roe", "Hugging Face")),
        ("en", "The debate was moderated by BBC anchor Laura Kemp.", ("Laura Kemp", "BBC")),
        ("fr", "La présentatrice de TF1 Claire Dumas a interrogé le ministre.", ("Claire Dumas", "TF1")),
    ],
)
def test_a_person_named_with_their_organisation_works_there(extractor: Extractor, language: str, text: str,
                                                            pair: tuple[str, str]) -> None:
    assert pair in _works(extractor, text, language)


def test_an_investor_at_a_firm_works_there(extractor: Extractor) -> None:
    facts = labelled_facts(extractor, "Talent matters, said Nadia Rahm, an investor at Kestrel Ventures.", "en")
    assert ("Nadia Rahm", "worksFor", "Kestrel Ventures", "current") in facts
    assert not any(p == "investsIn" for _, p, _, _ in facts)
