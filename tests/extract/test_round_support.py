"""Round constructions of French and English funding news: backers named "with support from" /
"avec le soutien de", a raise after "vient de" / "managed to", and no apposition that opens with
a preposition (``extract/data/rounds.json``, ``extract/data/relation_patterns.jsonl``);
sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def facts(extractor: Extractor, text: str, language: str) -> set[tuple[str, str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], r.predicate, labels[r.object]) for r in out.relations if not r.hedged}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Zorbex Labs builds voice models. The startup closed a $180 million Series C led by Andreessen "
               "Horowitz, with support from NEA, Salesforce Ventures and Lunate."),
        ("fr", "Zorbex Labs a bouclé une levée de 165 millions d'euros, menée par Andreessen Horowitz, "
               "avec le soutien de Salesforce Ventures, NEA et Lunate."),
    ],
)
def test_backers_named_with_support_from_invest(extractor: Extractor, language: str, text: str) -> None:
    found = facts(extractor, text, language)
    assert ("Salesforce Ventures", "investsIn", "Zorbex Labs") in found
    assert ("Lunate", "investsIn", "Zorbex Labs") in found
    assert ("Andreessen Horowitz", "investsIn", "NEA") not in found  # no apposition opens with "avec"


@pytest.mark.parametrize(
    ("language", "text", "amount"),
    [
        ("fr", "Mistral AI vient de boucler une levée de 600 millions d'euros.", "600 millions d'euros"),
        ("fr", "Pollen Robotics vient de finaliser un tour de table de 2 millions d'euros.", "2 millions d'euros"),
        ("en", "Pollen Robotics managed to close a $2 million round.", "$2 million"),
    ],
)
def test_a_raise_after_a_governing_verb(extractor: Extractor, language: str, text: str, amount: str) -> None:
    assert any(p == "raised" and o == amount for _, p, o in facts(extractor, text, language))


def test_a_subject_control_verb_lends_its_subject(extractor: Extractor) -> None:
    found = facts(extractor, "Kestrel Robotics vient de racheter Activision Blizzard.", "fr")
    assert ("Kestrel Robotics", "acquired", "Activision Blizzard") in found


@pytest.mark.parametrize(
    "text",
    [
        "Zorbex Labs raised $10 million in a Thrive Capital-led round.",
        "Zorbex Labs raised $10 million last year. The Thrive Capital-led raise doubled its valuation.",
    ],
)
def test_a_round_named_by_its_lead_investor(extractor: Extractor, text: str) -> None:
    assert ("Thrive Capital", "investsIn", "Zorbex Labs") in facts(extractor, text, "en")
