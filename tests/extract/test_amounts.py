"""Amount constructions: an announced round is raised; a bracketed conversion is the same money."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def _facts(extractor: Extractor, text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=lang))
    return {(r.subject, r.predicate, r.object) for r in out.relations}


def test_announcing_a_round_is_raising_it_in_both_currencies(extractor: Extractor) -> None:
    found = _facts(extractor, "Mistral AI has announced a €600 million ($645 million) Series B round.")
    assert ("mistral-ai", "raised", "money/600000000-eur") in found
    assert ("mistral-ai", "raised", "money/645000000-usd") in found
    assert not any(p == "announced" and o.startswith("money/") for _, p, o in found)


def test_announcing_a_pledge_stays_announced(extractor: Extractor) -> None:
    found = _facts(extractor, "Emmanuel Macron announced €109 billion of private investment in data centres.")
    assert not any(p == "raised" for _, p, _ in found)


def test_a_french_round_announced_is_raised(extractor: Extractor) -> None:
    found = _facts(extractor, "Mistral AI a annoncé une levée de fonds de 1,7 milliard d'euros.", "fr")
    assert ("mistral-ai", "raised", "money/1700000000-eur") in found


def test_the_subject_of_a_reported_clause_is_the_reporter(extractor: Extractor) -> None:
    found = _facts(extractor, "Mistral AI, a rival of Google-backed Anthropic, said on Monday "
                              "it had raised $90 million from new investors.")
    assert ("mistral-ai", "raised", "money/90000000-usd") in found
    assert ("anthropic", "raised", "money/90000000-usd") not in found
