"""Where an organisation is, from offices, fronted participles and the regions of a place
(``extract/components/org_places.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def based_in(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels.get(r.subject, r.subject), labels.get(r.object, r.object))
            for r in out.relations if r.predicate == "basedIn"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # an office noun with its place before it, owned by a possessor
        ("en", "Kestrel AI's London office will employ 200 people.", ("Kestrel AI", "London")),
        # "whose" after a list: the name right before it, whatever conjunct the parser chose
        ("en", "The sponsors were Acme and Kestrel AI, whose Denver offices are the building's anchor tenant.",
         ("Kestrel AI", "Denver")),
        ("en", "Kestrel AI, whose headquarters are in Denver, raised $10m.", ("Kestrel AI", "Denver")),
        # "dont" hung on the verb of the relative clause
        ("fr", "Vantix Robotics, dont le siège se trouve à Grenoble, a levé 10 millions d'euros.",
         ("Vantix Robotics", "Grenoble")),
        # a fronted participle: every place it names, the name after its closing comma
        ("fr", "Initialement basée à Grenoble puis à Boston, la start-up Vantix Robotics a été cofondée en 2018 "
               "par Jean Dupont.", ("Vantix Robotics", "Boston")),
        ("fr", "Initialement basée à Grenoble puis à Boston, la start-up Vantix Robotics a été cofondée en 2018 "
               "par Jean Dupont.", ("Vantix Robotics", "Grenoble")),
        ("en", "Originally based in Austin and later in Denver, the startup Kestrel AI was founded in 2018 by "
               "John Smith.", ("Kestrel AI", "Denver")),
        # ... or the organisation its description refers to, with the region after a comma
        ("fr", "Vantix Robotics a levé 10 millions d'euros. Installée à Grenoble, en Isère, la start-up emploie "
               "40 personnes.", ("Vantix Robotics", "Isère")),
        # the regions and conjuncts of a place found by a pattern
        ("en", "Kestrel AI raised $10m. Headquartered in Munich, Germany, the startup mostly sells robots.",
         ("Kestrel AI", "Germany")),
        ("en", "Kestrel AI, based in Austin, Texas, and Lyon, France, will build robots.", ("Kestrel AI", "Texas")),
        ("en", "Kestrel AI, based in Austin, Texas, and Lyon, France, will build robots.", ("Kestrel AI", "France")),
    ],
)
def test_a_stated_place_is_where_the_organisation_is(extractor: Extractor, language: str, text: str,
                                                    expected: tuple[str, str]) -> None:
    assert expected in based_in(extractor, text, language)


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        # a person's office
        ("en", "The chief executive of Kestrel AI spoke from the mayor's office in Denver.", ("Kestrel AI", "Denver")),
        # a participle inside a sentence describes what it is attached to, not the next noun phrase
        ("fr", "Vantix Robotics a racheté une société basée à Grenoble, la start-up Kestrel Labs.",
         ("Vantix Robotics", "Grenoble")),
    ],
)
def test_a_place_is_not_given_to_an_organisation_it_does_not_locate(extractor: Extractor, language: str, text: str,
                                                                    absent: tuple[str, str]) -> None:
    assert absent not in based_in(extractor, text, language)
