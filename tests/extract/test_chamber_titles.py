"""A parliamentary leader's title names a leader of a party in the chamber, not of the chamber."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize("title", ["Majority Leader", "Minority Leader"])
def test_a_majority_or_minority_leader_does_not_lead_the_chamber(extractor: Extractor, title: str) -> None:
    text = f"U.S. House {title} Dana Pruitt will host tech leaders at a forum on Oct. 4."
    extraction = extractor.extract(Document("t", text, "t", language="en"))
    names = {e.key: e.label for e in extraction.entities}
    leads = [(names.get(r.subject), names.get(r.object)) for r in extraction.relations if r.predicate == "leads"]
    assert ("Dana Pruitt", "House") not in leads
    assert "Dana Pruitt" in names.values()
