"""People and titles paired in order by "respectively" / "respectivement"
(``extract/components/respective_roles.py``); sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "org"),
    [
        ("fr", "Marc Dufour et Paul Simon, respectivement CEO et CTO de Mistral AI, restent.", "Mistral AI"),
        ("en", "Dan Zeller and Mia Holt, respectively chief executive and chief technology officer of Quillon "
               "Systems, stayed.", "Quillon Systems"),
    ],
)
def test_the_first_name_takes_the_first_title(extractor: Extractor, language: str, text: str, org: str) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    leads = {labels[r.subject] for r in out.relations if r.predicate == "leads" and labels[r.object] == org}
    first = text.split(" ")[0] + " " + text.split(" ")[1]
    second = text.split(",")[0].split(" et " if language == "fr" else " and ")[1]
    assert leads == {first}, f"only {first} leads, not {second}"
