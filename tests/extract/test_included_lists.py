"""A common noun that introduces a list of names stands for those names ("founded by engineers
including A and B"; ``RelationFinder._included`` in ``extract/components/relation_finder.py``;
sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model


def _facts(extractor: Extractor, text: str, language: str) -> set[tuple[str, str, str]]:
    return {fact[:3] for fact in labelled_facts(extractor, text, language)}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Zorbo, founded by entrepreneurs including Sam Ridley, Lena Moss and Paul Tran, sells a chatbot.",
         {("Sam Ridley", "founded", "Zorbo"), ("Lena Moss", "founded", "Zorbo"), ("Paul Tran", "founded", "Zorbo")}),
        ("en", "Quillon was founded by researchers such as Sarah Miller and Tom Birch.",
         {("Sarah Miller", "founded", "Quillon"), ("Tom Birch", "founded", "Quillon")}),
    ],
)
def test_listed_names_take_the_nouns_place(extractor: Extractor, language: str, text: str,
                                           expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(extractor, text, language)


def test_a_noun_without_a_list_opener_stands_for_nothing(extractor: Extractor) -> None:
    facts = _facts(extractor, "Zorbo was founded by engineers, and Sam Ridley sold it last year.", "en")
    assert not {f for f in facts if f[1] == "founded"}


def test_a_complement_of_the_subject_noun_is_not_the_subject(extractor: Extractor) -> None:
    # "l'ancien chercheur *de Meta* a fondé X": Meta is the noun's complement, it founded nothing
    facts = _facts(extractor, "Zorbex a levé 5 millions d'euros. L'ancien chercheur de Meta a fondé la start-up avec "
                              "Jean Dupont.", "fr")
    assert ("Meta", "founded", "Zorbex") not in facts
