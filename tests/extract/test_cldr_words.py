"""Languages and currency codes are no entity (``extract/components/cldr_words.py``); sentences written
for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.components.cldr_words import not_names
from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types


def test_the_words_come_from_cldr_and_spare_minor_languages_named_like_places() -> None:
    names = not_names()
    assert {"swahili", "hindi", "cad", "eur"} <= names
    assert "delaware" not in names  # a language with no two-letter code, and a state


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "absent", "kept"),
    [
        ("en", "Kestrel Labs built a voice model that speaks Swahili and Hindi for Kenya.", {"Swahili", "Hindi"},
         {"Kenya": "Place"}),
        ("en", "The Halifax startup Norvane took in 15 million CAD from its backers.", {"CAD"}, {}),
        # a nationality word is kept: it places the company
        ("en", "The French startup Norvane raised money.", set(), {"France": "Place"}),
    ],
)
def test_languages_and_currency_codes_are_no_entity(extractor: Extractor, language: str, text: str,
                                                     absent: set[str], kept: dict[str, str]) -> None:
    types = entity_types(extractor, text, language)
    assert not absent & set(types), types
    assert all(types.get(name) == type_ for name, type_ in kept.items()), types
