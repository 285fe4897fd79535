"""One-word person names that no full name of the document backs (``extract/components/lone_names.py``);
sentences written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from aikg.extract.components.lone_names import without_lone_people
from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types


@pytest.mark.model
def test_a_one_word_name_typed_person_without_a_full_name_is_dropped(extractor: Extractor) -> None:
    types = entity_types(extractor, "Sanofi signed with Varnier on Tuesday, the drugmaker said.")
    assert types.get("Varnier") != "Person"


def test_a_one_word_name_listed_beside_organisations_is_an_organisation() -> None:
    """The model's Person in a written list of organisations (the pipeline's earlier stages usually
    re-type it first, so the spans are made here): re-typed, not dropped; a surname of a full name
    in the document stays a person."""
    doc = spacy.blank("en")("Backers include Sequoia Capital, Varnier and Accel. Jane Okafor agreed; Okafor left.")
    ents = [Span(doc, 2, 4, "Organization"), Span(doc, 5, 6, "Person"), Span(doc, 7, 8, "Organization"),
            Span(doc, 9, 11, "Person"), Span(doc, 13, 14, "Person")]
    assert [(e.text, e.label_) for e in without_lone_people(doc, ents)] == [
        ("Sequoia Capital", "Organization"), ("Varnier", "Organization"), ("Accel", "Organization"),
        ("Jane Okafor", "Person"), ("Okafor", "Person")]
