"""Founders and investors told apart from their company (sentences written for the tests):
the company a possessive founder noun refers to when the parser cut the company's name in two
(``extract/coref.py`` ``_split_subject``)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import extracted_facts, labelled_facts

pytestmark = pytest.mark.model


def facts(extractor: Extractor, text: str, language: str) -> set[tuple[str, str, str]]:
    """The facts read, without their status."""
    return {fact[:3] for fact in labelled_facts(extractor, text, language)}


def test_possessive_refers_to_a_name_the_parser_hung_as_a_clause(extractor: Extractor) -> None:
    text = ("Samsung est en train de racheter Zephir AI, une jeune pousse de la vision par ordinateur. "
            "Fondée en 2021, Zephir AI a levé 4 millions de dollars lors d'un tour de table mené par Bexa Capital. "
            "Parmi ses cofondateurs figurent Marta Quintela, docteure en physique, et Idris Okafor.")
    found = facts(extractor, text, "fr")
    assert ("Marta Quintela", "founded", "Zephir AI") in found
    assert ("Idris Okafor", "founded", "Zephir AI") in found
    assert not any(p == "founded" and o == "Samsung" for _, p, o in found)


def test_a_founder_of_the_startup_told_before(extractor: Extractor) -> None:
    # pattern:appos-role-ref: "X, l'une des fondatrices de la start-up" with the start-up named before
    text = ("La start-up Zorbi Labs a signé un accord avec la région. Signé mardi entre Léa Morin, "
            "l’une des fondatrices de cette start-up, et un élu, l'accord court sur trois ans.")
    assert {fact for fact in extracted_facts(extractor, text, "fr") if fact[1] == "founded"} == {
        ("Léa Morin", "founded", "Zorbi Labs", "pattern:appos-role-ref+coref")}
