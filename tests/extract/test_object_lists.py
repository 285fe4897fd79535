"""A role at every organisation of a written list (``extract/components/object_lists.py``);
sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "person", "predicate", "orgs"),
    [
        ("en", "Elon Musk, the CEO of SpaceX, Tesla and Neuralink, spoke.", "Elon Musk", "leads",
         {"SpaceX", "Tesla", "Neuralink"}),
        ("fr", "Au salon, Elon Musk, patron de Tesla, de SpaceX et de Twitter, a parlé longtemps.", "Elon Musk",
         "leads", {"Tesla", "SpaceX", "X Corp"}),
        ("fr", "Perplexity a été créée par Aravind Sharma, anciennement chercheur chez OpenAI et DeepMind.",
         "Aravind Sharma", "worksFor", {"OpenAI", "Google DeepMind"}),
    ],
)
def test_the_role_reaches_every_listed_organisation(extractor: Extractor, language: str, text: str, person: str,
                                                    predicate: str, orgs: set[str]) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    found = {labels[r.object] for r in out.relations if r.predicate == predicate and labels[r.subject] == person}
    assert orgs <= found
