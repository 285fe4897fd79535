"""The conditional mood hedges a fact only where the verb is conditional: in French the tagger
also calls some present tenses conditional (``status._conditional``; sentences written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.status import _conditional

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "verb", "conditional"),
    [
        ("Parmi ses cofondateurs figurent Ana Rios et Léo Martin.", "figurent", False),
        ("Kestrel rachèterait Zorbi selon la presse.", "rachèterait", True),
        ("Les deux groupes pourraient signer un accord.", "pourraient", True),
    ],
)
def test_a_french_conditional_needs_its_ending(nlp_fr: Language, text: str, verb: str, conditional: bool) -> None:
    token = next(t for t in nlp_fr(text) if t.text == verb)
    assert _conditional(token) is conditional
