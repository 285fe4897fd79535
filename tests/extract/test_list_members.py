"""Members of one written list hold no relation with each other, except a partnership
(``extract/assemble.py``'s ``_listed_together``, whose doctest shows the list reading; sentences
written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "members"),
    [
        ("fr", "La start-up Zorbi a levé 165 millions d'euros en série C, menée par Acme Capital, avec le soutien "
               "de Radial Partners, Sequoia Capital et Lunate.", {"Radial Partners", "Sequoia Capital", "Lunate"}),
    ],
)
def test_list_members_do_not_invest_in_each_other(extractor: Extractor, language: str, text: str,
                                                  members: set[str]) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    among = {(labels[r.subject], r.predicate, labels[r.object]) for r in out.relations
             if labels.get(r.subject) in members and labels.get(r.object) in members}
    assert not among

