"""Investors named apart from any round (``extract/components/investor_nouns.py``), a receiving
verb that shares its subject (``round_investors.backing_received``) and contributions listed after
a raise (``data/rounds.json``); texts written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.extract.test_round_frames import labelled

pytestmark = pytest.mark.model

#: Sentences, their language and the investments each must give (investor, company).
INVESTORS = [
    pytest.param("Kestrel Capital est un des investisseurs de premier plan de Zorbi Labs.", "fr",
                 {("Kestrel Capital", "Zorbi Labs")}, id="predicate-investor-noun-fr"),
    pytest.param("Jean Dupont, l'un des premiers investisseurs de Zorbi Labs, a réagi.", "fr",
                 {("Jean Dupont", "Zorbi Labs")}, id="apposed-investor-noun-fr"),
    pytest.param("Kestrel Capital, which was an early supporter of Zorbi Labs in 2019, led the round.", "en",
                 {("Kestrel Capital", "Zorbi Labs")}, id="relative-supporter"),
    pytest.param("The first deal was followed with Orbit Systems pumping $2 billion into Zorbi Labs in March.", "en",
                 {("Orbit Systems", "Zorbi Labs")}, id="pumping-into"),
    pytest.param("Zorbi Labs's investors include Kestrel Capital and Lumen Ventures.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="investors-include"),
    pytest.param("Zorbi Labs compte parmi ses actionnaires Kestrel Capital et Lumen Ventures.", "fr",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="compte-parmi"),
    pytest.param("Kestrel Capital's portfolio includes Zorbi Labs and Lumora Robotics.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Kestrel Capital", "Lumora Robotics")}, id="portfolio-includes"),
    pytest.param("Parmi les entreprises soutenues par Kestrel Capital figurent Zorbi Labs et Lumora Robotics.", "fr",
                 {("Kestrel Capital", "Zorbi Labs"), ("Kestrel Capital", "Lumora Robotics")}, id="parmi-soutenues-par"),
    pytest.param("Among the startups backed by Kestrel Capital are Zorbi Labs and Lumora Robotics.", "en",
                 {("Kestrel Capital", "Zorbi Labs"), ("Kestrel Capital", "Lumora Robotics")}, id="among-backed-by"),
    pytest.param("An investment by Kestrel Capital in Zorbi Labs was announced.", "en",
                 {("Kestrel Capital", "Zorbi Labs")}, id="investment-by-in"),
    pytest.param("Un investissement de Kestrel Capital dans Zorbi Labs a été annoncé.", "fr",
                 {("Kestrel Capital", "Zorbi Labs")}, id="investissement-de-dans"),
    pytest.param("Analysts said Zorbi Labs closed its offices before securing a $40 million investment from "
                 "Orbit Systems.", "en", {("Orbit Systems", "Zorbi Labs")}, id="gerund-shares-subject"),
    pytest.param("La start-up Zorbi Labs avait levé 30 millions de dollars, avec des contributions notables de "
                 "Lumen Ventures de Orbit Systems et de Kestrel Capital.", "fr",
                 {("Lumen Ventures", "Zorbi Labs"), ("Kestrel Capital", "Zorbi Labs")}, id="complement-then-et-de"),
    pytest.param("La start-up Zorbi Labs avait levé 30 millions de dollars, avec des contributions notables de "
                 "Kestrel Capital et de Lumen Ventures.", "fr",
                 {("Kestrel Capital", "Zorbi Labs"), ("Lumen Ventures", "Zorbi Labs")}, id="contributions-de"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "language", "expected"), INVESTORS)
def test_investors_named_apart_from_the_round(extractor: Extractor, text: str, language: str,
                                              expected: set[tuple[str, str]]) -> None:
    assert expected <= labelled(extractor, text, "investsIn", language)


@pytest.mark.parametrize(("text", "language"), [
    pytest.param("Kestrel Capital n'est pas un des investisseurs de Zorbi Labs.", "fr", id="negated"),
    pytest.param("Kestrel Capital has hired Jane Doe, an investor at Zorbi Labs.", "en", id="investor-at-works-there"),
])
def test_no_investment_where_the_noun_states_none(extractor: Extractor, text: str, language: str) -> None:
    found = labelled(extractor, text, "investsIn", language)
    assert ("Kestrel Capital", "Zorbi Labs") not in found and ("Jane Doe", "Zorbi Labs") not in found
