"""Unknown names typed from the frame a sentence or a document puts them in
(``extract/components/frame_types.py``). Texts and names are written for the tests: each unit test
builds the parse and the model's guess by hand, so that it fails when its rule is gone whatever
the statistical model guesses."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from aikg.extract.components.descriptor_types import descriptor_words
from aikg.extract.components.frame_types import FrameWords, frame_words, retype_by_frame
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document


@pytest.fixture(scope="module")
def words() -> FrameWords:
    lexicon = load_lexicon()
    return frame_words(lexicon, descriptor_words(lexicon))


def make(lang: str, words_: list[str], **attrs: list[str] | list[int]) -> Doc:
    nlp = spacy.blank(lang)
    starts = [i == 0 for i in range(len(words_))]
    return Doc(nlp.vocab, words=words_, sent_starts=starts, **attrs)  # type: ignore[arg-type]


def typed(doc: Doc, spans: list[tuple[int, int, str]], words: FrameWords) -> list[tuple[str, str]]:
    ents = [Span(doc, s, e, label) for s, e, label in spans]
    return [(e.text, e.label_) for e in retype_by_frame(doc, ents, words)]


def test_a_list_after_a_plural_organisation_noun_holds_organisations(words: FrameWords) -> None:
    doc = make("fr", "Plusieurs journaux , dont Maison Darvel , Orvea et Quist , ont porté plainte .".split())
    found = typed(doc, [(4, 6, "Person"), (7, 8, "Place"), (9, 10, "Organization")], words)
    assert found[:2] == [("Maison Darvel", "Organization"), ("Orvea", "Organization")]


def test_a_list_may_hold_names_the_model_missed(words: FrameWords) -> None:
    doc = make("en", "The startups Borrel ( health ) , Quanta & Lune and Pexo were invited .".split())
    found = typed(doc, [(2, 3, "Person"), (11, 12, "Place")], words)
    assert found == [("Borrel", "Organization"), ("Pexo", "Organization")]


def test_people_after_a_person_noun_stay_people(words: FrameWords) -> None:
    doc = make("en", "The founders , including Jane Holt and Ravi Sen , spoke .".split())
    found = typed(doc, [(4, 6, "Person"), (7, 9, "Person")], words)
    assert found == [("Jane Holt", "Person"), ("Ravi Sen", "Person")]


def test_what_is_founded_is_an_organisation(words: FrameWords) -> None:
    doc = make("en", "She founded and ran Plintex .".split(),
               lemmas=["she", "found", "and", "run", "Plintex", "."],
               deps=["nsubj", "ROOT", "cc", "conj", "dobj", "punct"], heads=[1, 1, 3, 1, 3, 1])
    assert typed(doc, [(4, 5, "Person")], words) == [("Plintex", "Organization")]


def test_a_name_ending_in_a_newspaper_head_is_an_outlet(words: FrameWords) -> None:
    doc = make("fr", "Le groupe publie le Denver Post .".split())
    assert typed(doc, [(4, 6, "Product")], words) == [("Denver Post", "Organization")]


def test_a_place_that_is_a_persons_surname_is_that_person_with_its_particle(words: FrameWords) -> None:
    doc = make("fr", "Marc Van Dorn part . Van Dorn fonde Orbe .".split())
    found = typed(doc, [(0, 3, "Person"), (6, 7, "Place")], words)
    assert found == [("Marc Van Dorn", "Person"), ("Van Dorn", "Person")]


def test_what_investors_hold_is_an_organisation(words: FrameWords) -> None:
    doc = make("fr", "Paul Brevet , l' un des premiers investisseurs d' Ostrava , participe .".split())
    found = typed(doc, [(0, 2, "Person"), (9, 10, "Place")], words)
    assert found == [("Paul Brevet", "Person"), ("Ostrava", "Organization")]


def test_capitalised_words_ending_in_a_funds_head_are_a_fund(words: FrameWords) -> None:
    doc = make("en", "The round drew Orlena Peak Capital and angels .".split())
    assert typed(doc, [], words) == [("Orlena Peak Capital", "Organization")]


def test_a_title_case_heading_opening_with_the_head_word_is_no_fund(words: FrameWords) -> None:
    doc = make("en", "Capital Flows To Labs".split())
    assert typed(doc, [], words) == []


def test_a_name_described_once_as_an_organisation_is_one_everywhere(words: FrameWords) -> None:
    doc = make("en", "Money for Zelvora . The CEO of Zelvora spoke .".split())
    found = typed(doc, [(2, 3, "Place"), (7, 8, "Organization")], words)
    assert found == [("Zelvora", "Organization"), ("Zelvora", "Organization")]


@pytest.mark.model
def test_one_type_per_described_name_in_the_pipeline(extractor: Extractor) -> None:
    text = ("Ravi Patel raises $80M for Zelvora. Ravi Patel is the CEO of Zelvora, a voice company based in "
            "Austin. Zelvora's models speak twelve languages.")
    out = extractor.extract(Document("t", text, source="test", language="en"))
    assert {e.label: e.type.value for e in out.entities}.get("Zelvora") == "Organization"
