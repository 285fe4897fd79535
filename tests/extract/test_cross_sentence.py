"""Facts told across sentences: a company named in one sentence, what is said of it in the next
through a pronoun, a description or a possessive (``extract/components/referred_places.py``,
``founding_teams.possessed_founders``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model

EN = "Quillon Robotics raised $12 million on Tuesday. "
FR = "Quillon Robotics a levé 8 millions d'euros mardi. "


def facts(extractor: Extractor, text: str, language: str) -> set[tuple[str, str, str]]:
    """The facts read, without their status."""
    return {fact[:3] for fact in labelled_facts(extractor, text, language)}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", EN + "It is headquartered in Porto."),
        ("en", EN + "The company is based in Porto."),
        ("en", EN + "The startup, which is located in Porto, employs 30 engineers."),
        ("fr", FR + "L'entreprise est basée à Porto."),
        ("fr", FR + "Elle est installée à Porto depuis 2019."),
    ],
)
def test_a_reference_to_a_company_is_placed(extractor: Extractor, language: str, text: str) -> None:
    assert ("Quillon Robotics", "basedIn", "Porto") in facts(extractor, text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # the pronoun's nearest antecedent is a person
        ("en", EN + "Marta Quintela runs the lab. She is based in Porto."),
        # a description of another kind: an event, not the company
        ("en", "The Harbour Robotics Forum opened on Monday. The forum is based in Porto."),
    ],
)
def test_no_company_placed_through_another_reference(extractor: Extractor, language: str, text: str) -> None:
    assert not any(p == "basedIn" and o == "Porto" and s != "Marta Quintela"
                   for s, p, o in facts(extractor, text, language))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", EN + "Among its co-founders are Marta Quintela and Idris Okafor."),
        ("en", EN + "Its founders include Marta Quintela and Idris Okafor."),
        ("fr", FR + "Parmi ses cofondateurs figurent Marta Quintela et Idris Okafor."),
        ("fr", FR + "Ses deux fondateurs sont Marta Quintela et Idris Okafor."),
    ],
)
def test_founders_listed_after_a_possessive_founder_noun(extractor: Extractor, language: str, text: str) -> None:
    found = facts(extractor, text, language)
    assert ("Marta Quintela", "founded", "Quillon Robotics") in found
    assert ("Idris Okafor", "founded", "Quillon Robotics") in found


def test_a_possessive_of_a_person_lists_no_company_founders(extractor: Extractor) -> None:
    text = ("Paulo Serrano a rejoint Quillon Robotics en 2020. "
            "Parmi ses cofondateurs figurent Marta Quintela et Idris Okafor.")
    assert not any(p == "founded" and o == "Quillon Robotics" for _, p, o in facts(extractor, text, "fr"))


FOCUS = "Quillon Robotics raised $12 million on Tuesday. Quillon Robotics designs warehouse arms. "


def test_bare_founders_whose_sentence_names_a_former_employer(extractor: Extractor) -> None:
    # the organisation is in the predicate (where they worked), not on the founder noun
    text = FOCUS + "Co-founders Marta Quintela and Idris Okafor previously worked at Siemens."
    found = facts(extractor, text, "en")
    assert ("Marta Quintela", "founded", "Quillon Robotics") in found
    assert ("Idris Okafor", "founded", "Quillon Robotics") in found


@pytest.mark.parametrize(
    "sentence",
    [
        # an organisation in the founders' own phrase may own the noun
        "Co-founders Marta Quintela and Idris Okafor, both from Siemens, hired ten engineers.",
        "Siemens co-founders Marta Quintela and Idris Okafor joined the board.",
    ],
)
def test_no_focus_founders_when_an_organisation_may_own_the_noun(extractor: Extractor, sentence: str) -> None:
    found = facts(extractor, FOCUS + sentence, "en")
    assert not any(s == "Marta Quintela" and p == "founded" and o == "Quillon Robotics" for s, p, o in found)
