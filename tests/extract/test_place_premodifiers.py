"""Where an organisation is based, from the place written in the words before its name
(``extract/components/place_premodifiers.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def based_in(extractor: Extractor, text: str) -> dict[tuple[str, str], str]:
    out = extractor.extract(Document("t", text, source="test", language="en"))
    return {(r.subject, r.object): r.extractor for r in out.relations if r.predicate == "basedIn" and not r.hedged}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city name, then a noun that describes organisations
        ("Investors backed fellow Lisbon startup Quentara, a rival of ours.",
         {("organization/quentara", "place/lisbon")}),
        # an acronym between the place and the noun
        ("Weeks later, Canadian AI startup Morrow Labs moved to Berlin.", {("organization/morrow-labs", "canada")}),
        # a demonym, descriptors the organisation nouns do not list, and the names listed after the first
        ("Large Korean tech firms Hanbit, Sejin and Daeho joined the round.",
         {("organization/hanbit", "south-korea"), ("organization/sejin", "south-korea"),
          ("organization/daeho", "south-korea")}),
        # "-based", a bracketed acronym, and a plan in the clause that does not hedge the place
        ("Oslo-based machine learning (ML) startup Vindr plans to open an office in Paris.",
         {("organization/vindr", "place/oslo")}),
    ],
)
def test_a_place_before_the_descriptors_of_a_name_places_it(extractor: Extractor, text: str,
                                                           expected: set[tuple[str, str]]) -> None:
    assert expected <= set(based_in(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        # a person's title, not an organisation's description
        "Lisbon mayor Carla Moedas met Quentara's founders.",
        # a comma between the place and the description
        "In Lisbon, startup Quentara raised $20 million.",
        # the place is the object of the description's preposition, not before it
        "The office in Lisbon of startup Quentara opened.",
    ],
)
def test_no_place_without_the_construction(extractor: Extractor, text: str) -> None:
    found = based_in(extractor, text)
    assert not any(obj == "place/lisbon" and "place-premodifier" in how for (_, obj), how in found.items())
