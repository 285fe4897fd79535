"""Partners listed together as the subject of a partnership (``extract/components/joint_deals.py``);
sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def partners(extractor: Extractor, text: str, language: str) -> set[frozenset[str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {frozenset((labels[r.subject], labels[r.object])) for r in out.relations if r.predicate == "partnerOf"}


@pytest.mark.parametrize(
    ("language", "text", "pairs"),
    [
        ("en", "Nvidia, Siemens and Dassault Systèmes unveiled an alliance on factory robots.",
         {("Nvidia", "Siemens"), ("Nvidia", "Dassault Systèmes"), ("Siemens", "Dassault Systèmes")}),
        ("fr", "Le Figaro et Google ont conclu un accord de partenariat.", {("Le Figaro", "Google")}),
        # each member with its own description, which the parser reads as another head
        ("en", "Retail giant Samsung and the startup Mistral AI announced a partnership on Monday.",
         {("Samsung", "Mistral AI")}),
        ("fr", "Le géant coréen Samsung et la licorne Mistral AI viennent d'annoncer un partenariat.",
         {("Samsung", "Mistral AI")}),
        ("fr", "Samsung et Mistral AI ont annoncé un partenariat stratégique.", {("Samsung", "Mistral AI")}),
    ],
)
def test_listed_subjects_of_a_partnership_are_partners(extractor: Extractor, language: str, text: str,
                                                       pairs: set[tuple[str, str]]) -> None:
    assert {frozenset(p) for p in pairs} <= partners(extractor, text, language)


def test_a_subject_list_without_a_partnership_noun_is_no_partnership(extractor: Extractor) -> None:
    assert not partners(extractor, "Nvidia and Siemens reported higher sales on Tuesday.", "en")


def test_a_possessor_in_the_subject_is_no_partner(extractor: Extractor) -> None:
    """ "Samsung's backers and B": the backers are the partners, not Samsung."""
    assert not partners(extractor, "Samsung's backers and Mistral AI announced a partnership.", "en")
