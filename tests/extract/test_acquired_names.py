"""What is bought is an organisation, whatever type the model guessed from the name's shape
(``extract/components/frame_types.py``); sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "buyer", "bought"),
    [
        ("en", "Microsoft acquired Activision Blizzard.", "Microsoft", "Activision Blizzard"),
        ("en", "Amazon bought Twitch for $970 million in 2014.", "Amazon", "Twitch"),
        ("en", "OpenAI announced the acquisition of Statsig on Tuesday.", "OpenAI", "Statsig"),
        ("fr", "OpenAI a annoncé l'acquisition de Statsig.", "OpenAI", "Statsig"),
    ],
)
def test_the_bought_company_is_an_organisation(extractor: Extractor, language: str, text: str, buyer: str,
                                               bought: str) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    types = {e.label: e.type.value for e in out.entities}
    assert types.get(bought) == "Organization"
    labels = {e.key: e.label for e in out.entities}
    acquired = {(labels[r.subject], labels[r.object]) for r in out.relations if r.predicate == "acquired"}
    assert (buyer, bought) in acquired
