"""Backing told around the company (``extract/components/backing_frames.py``) and the investing
verbs of ``extract/components/round_investors.py`` on sentences the parser misreads (texts written
for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.extract.test_round_frames import labelled

pytestmark = pytest.mark.model

#: Sentences and the investments each must give (investor, company).
BACKINGS = [
    pytest.param("Orbit joined Kestrel Capital and Lumen Ventures in backing Zorbi Labs, a robotics startup.",
                 {("Orbit", "Zorbi Labs"), ("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")},
                 id="joined-in-backing"),
    pytest.param("The two banks joined rivals from Kestrel Capital to Lumen Ventures in funding Zorbi Labs, "
                 "one of many firms building robots.",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="range-joined-in-funding"),
    pytest.param("Last year, Orbit Systems struck a licensing deal with Zorbi Labs, the robotics startup the company "
                 "invested in, paying $50 million for its software.",
                 {("Orbit Systems", "Zorbi Labs")}, id="stranded-invested-in"),
    pytest.param("Kestrel Capital and Lumen Ventures are among the investors that invested $80 million in "
                 "robotics startup Zorbi Labs this spring.",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="among-investors-that"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "expected"), BACKINGS)
def test_backing_told_around_the_company(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= labelled(extractor, text, "investsIn", "en")


def test_the_sum_an_investing_verb_takes_was_raised_by_its_recipient(extractor: Extractor) -> None:
    text = "Kestrel Capital and Lumen Ventures invested $80 million in AI startup Zorbi Labs this year."
    assert ("Zorbi Labs", "$80 million") in labelled(extractor, text, "raised", "en")
    assert ("Kestrel Capital", "Zorbi Labs") in labelled(extractor, text, "investsIn", "en")


@pytest.mark.parametrize("text", [
    "Founded by two former chess players and backed by $30 million in funding, Zorbi Labs thinks robots can cook.",
    "Zorbi Labs, backed by $30 million from unnamed funds, builds kitchen robots.",
])
def test_a_sum_as_the_agent_of_a_backing_participle_was_raised(extractor: Extractor, text: str) -> None:
    assert ("Zorbi Labs", "$30 million") in labelled(extractor, text, "raised", "en")


def test_names_a_relative_clause_makes_shareholders_invest_in_its_antecedent(extractor: Extractor) -> None:
    text = ("La croissance de la société Zorbi Labs, dont Kestrel Capital est l'un des principaux actionnaires, "
            "se poursuit.")
    assert ("Kestrel Capital", "Zorbi Labs") in labelled(extractor, text, "investsIn", "fr")


def test_a_list_of_backers_after_a_dash_invests_in_the_rounds_company(extractor: Extractor) -> None:
    text = ("Zorbi Labs raised $50 million this spring. The roster of investors reads like a guide to the "
            "valley—Kestrel Capital, Lumen Ventures and Orbit, among others.")
    found = labelled(extractor, text, "investsIn", "en")
    assert {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs"), ("Orbit", "Zorbi Labs")} <= found
