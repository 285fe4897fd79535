"""The relation classifier does not cross people and organisations that the rules pair one to one
(``extract/components/role_pairs.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model


def _pairs(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o, _ in labelled_facts(extractor, text, language) if p in {"worksFor", "leads", "founded"}}


def test_each_guest_keeps_only_their_own_organisation(extractor: Extractor) -> None:
    pairs = _pairs(extractor, "Sur la scène du salon : le patron de Nvidia Jensen Huang, le fondateur "
                              "de Hugging Face Paul Marchand, et enfin la ministre.", "fr")
    assert {("Jensen Huang", "Nvidia"), ("Paul Marchand", "Hugging Face")} <= pairs
    assert ("Jensen Huang", "Hugging Face") not in pairs
    assert ("Paul Marchand", "Nvidia") not in pairs


def test_one_sum_has_one_raiser() -> None:
    from aikg.extract.components.extensions import RelationCandidate
    from aikg.extract.components.role_pairs import uncrossed

    rule = RelationCandidate(0, 1, "raised", 3, 5, 0, 12, "dep:svo", 0.8, "", "")
    crossed = RelationCandidate(7, 9, "raised", 3, 5, 0, 12, "clf:raised+appos", 0.8, "", "")
    alone = RelationCandidate(7, 9, "raised", 20, 22, 13, 30, "clf:raised", 0.8, "", "")
    assert uncrossed([rule, crossed, alone]) == [rule, alone]
