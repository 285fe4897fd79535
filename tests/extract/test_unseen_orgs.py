"""Organisations on unseen news, second round: a code name before an owner's title, a unit named
after its organisation, a long Title Case quotation, a drugmaker in apposition
(``lone_names.py``, ``unseen_names.py``, ``context_types.py``). Sentences written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from aikg.extract.components.context_types import ContextWords, retype_by_context
from aikg.extract.components.lone_names import without_lone_people
from aikg.extract.components.unseen_names import in_quoted_title, versioned_model
from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types

_TITLES = frozenset({"ceo", "chief executive"})


def test_a_lone_name_before_an_owner_title_and_a_person_is_an_organisation() -> None:
    doc = spacy.blank("en")("Q42 CEO Lina Marsh spoke. Varnier chief executive Tom Hale agreed. Orsk said so.")
    ents = [Span(doc, 0, 1, "Person"), Span(doc, 2, 4, "Person"), Span(doc, 6, 7, "Person"),
            Span(doc, 9, 11, "Person"), Span(doc, 13, 14, "Person")]
    found = [(e.text, e.label_) for e in without_lone_people(doc, ents, _TITLES)]
    assert ("Q42", "Organization") in found and ("Varnier", "Organization") in found
    assert all(text != "Orsk" for text, _ in found)  # no title after it: dropped
    assert all(e.text != "Q42" for e in without_lone_people(doc, ents))  # without the titles: dropped


def test_a_code_name_is_left_a_person_for_the_context_stages() -> None:
    doc = spacy.blank("en")("Q42 CEO Lina Marsh spoke about Tarvex32.")
    assert [(s.text, s.label_) for s in versioned_model(doc, doc[0:1])] == [("Q42", "Person")]
    assert versioned_model(doc, doc[6:7]) == []


def test_a_unit_named_after_an_organisation_of_the_document_is_an_organisation() -> None:
    doc = spacy.blank("en")("Orvane said the data in Orvane Mobile is useful; Lake Orvane is not.")
    ents = [Span(doc, 0, 1, "Organization"), Span(doc, 5, 7, "Place"), Span(doc, 10, 12, "Place")]
    found = {e.text: e.label_ for e in retype_by_context(doc, ents, ContextWords(
        based=frozenset(), passive_verbs=frozenset(), role_nouns=frozenset(), byline_cues=frozenset(),
        org_suffixes=frozenset()))}
    assert found["Orvane Mobile"] == "Organization"
    assert found["Lake Orvane"] == "Place"


def test_words_of_a_long_title_case_quotation_are_no_names() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp('[Series] "The Wave Is Coming... Don\'t Follow the Crowd, Lead It in Style" Jane Doe, CTO.')
    start = next(t.i for t in doc if t.text == "Follow")
    assert in_quoted_title(doc, doc[start:start + 3])
    speech = nlp('"We think the market will follow the Crowd Partners lead in the coming months," she said.')
    start = next(t.i for t in speech if t.text == "Crowd")
    assert not in_quoted_title(speech, speech[start:start + 2])


@pytest.mark.model
def test_a_one_word_name_in_apposition_to_a_drugmaker_is_an_organisation(extractor: Extractor) -> None:
    types = entity_types(extractor, "Sanofi and Varnier, another French drugmaker, signed the charter.")
    assert types.get("Varnier") == "Organization"
