"""Backing told around the company (``extract/components/backing_frames.py``), the investing verbs
of ``extract/components/round_investors.py`` on sentences the parser misreads, and list cues of
``data/rounds.json`` (texts written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.extract.test_round_frames import labelled

pytestmark = pytest.mark.model

#: Sentences, their language and the investments each must give (investor, company).
BACKINGS = [
    pytest.param("Orbit joined Kestrel Capital and Lumen Ventures in backing Zorbi Labs, a robotics startup.", "en",
                 {("Orbit", "Zorbi Labs"), ("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")},
                 id="joined-in-backing"),
    pytest.param("The two banks joined rivals from Kestrel Capital to Lumen Ventures in funding Zorbi Labs, "
                 "one of many firms building robots.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="range-joined-in-funding"),
    pytest.param("Last year, Orbit Systems struck a licensing deal with Zorbi Labs, the robotics startup the company "
                 "invested in, paying $50 million for its software.", "en",
                 {("Orbit Systems", "Zorbi Labs")}, id="stranded-invested-in"),
    pytest.param("Kestrel Capital and Lumen Ventures are among the investors that invested $80 million in "
                 "robotics startup Zorbi Labs this spring.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="among-investors-that"),
    pytest.param("La croissance de la société Zorbi Labs, dont Kestrel Capital est l'un des principaux actionnaires, "
                 "se poursuit.", "fr", {("Kestrel Capital", "Zorbi Labs")}, id="dont-actionnaires"),
    pytest.param("Zorbi Labs raised $50 million this spring. The roster of investors reads like a guide to the "
                 "valley—Kestrel Capital, Lumen Ventures and Orbit, among others.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs"), ("Orbit", "Zorbi Labs")},
                 id="list-of-backers-dash"),
    pytest.param("Analysts compare it with Orbit Corp.-backed Zorbi Labs and its peers.", "en",
                 {("Orbit", "Zorbi Labs")}, id="legal-form-backed"),
    pytest.param("Zorbi Labs a finalisé une levée de 70 millions de dollars à laquelle avaient participé les "
                 "investisseurs historiques Lumen Ventures et Jane Doe.", "fr",
                 {("Lumen Ventures", "Zorbi Labs"), ("Jane Doe", "Zorbi Labs")}, id="a-laquelle-avaient-participe"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "language", "expected"), BACKINGS)
def test_backing_told_around_the_company(extractor: Extractor, text: str, language: str,
                                         expected: set[tuple[str, str]]) -> None:
    assert expected <= labelled(extractor, text, "investsIn", language)


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


def test_a_stake_denied_is_no_investment(extractor: Extractor) -> None:
    text = ("Kestrel Capital will not acquire any stake in Zorbi Labs; it gets a licence to some of "
            "the Zorbi Labs technology instead.")
    assert ("Kestrel Capital", "Zorbi Labs") not in labelled(extractor, text, "investsIn", "en")


@pytest.mark.parametrize(("text", "language", "expected"), [
    pytest.param("Zorbi Labs builds robots. Today, it is worth $9 billion, thanks to a record $3 billion "
                 "funding round.", "en", ("Zorbi Labs", "$3 billion"), id="thanks-to-a-round"),
    pytest.param("Zorbi Labs a indiqué que le groupe disposait de 9 milliards de dollars de trésorerie, suite à une "
                 "levée de fonds de 3 milliards de dollars.", "fr", ("Zorbi Labs", "3 milliards de dollars"),
                 id="suite-a-une-levee"),
])
def test_a_round_given_as_the_cause_was_raised_by_the_clauses_subject(extractor: Extractor, text: str, language: str,
                                                                      expected: tuple[str, str]) -> None:
    assert expected in labelled(extractor, text, "raised", language)


@pytest.mark.parametrize(("text", "language", "expected"), [
    pytest.param("Jane Doe, former head of research at Orbit, has raised $40 million in funding for her new robotics "
                 "venture, Zorbi Labs.", "en", ("Zorbi Labs", "$40 million"), id="person-raised-for-venture"),
    pytest.param("Zorbi Labs fabrique des robots. Un tour de table d'amorçage a permis à la pépite lyonnaise de lever "
                 "12 millions d'euros.", "fr", ("Zorbi Labs", "12 millions d'euros"), id="a-permis-de-lever"),
])
def test_a_raise_told_about_someone_else_than_the_raiser(extractor: Extractor, text: str, language: str,
                                                         expected: tuple[str, str]) -> None:
    assert expected in labelled(extractor, text, "raised", language)
