"""Mentions of a name the document typed once are that entity everywhere it is written the same way."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from aikg.extract.components.name_echoes import echoed_names


def _doc(text: str) -> Doc:
    return spacy.blank("en")(text)


def _found(doc: Doc, ents: list[Span]) -> list[tuple[str, str, int]]:
    return [(e.text, e.label_, e.start) for e in echoed_names(doc, ents)]


def test_an_unlabelled_mention_takes_the_type_found_elsewhere() -> None:
    doc = _doc("Velmora was founded in 2019 by two engineers . Investors backed Velmora early .")
    assert _found(doc, [Span(doc, 11, 12, "Organization")]) == [
        ("Velmora", "Organization", 0), ("Velmora", "Organization", 11)]


def test_a_longer_name_is_copied_whole() -> None:
    doc = _doc("Nadia Ferrand joined Orbis . Later Nadia Ferrand left .")
    found = _found(doc, [Span(doc, 0, 2, "Person"), Span(doc, 3, 4, "Organization")])
    assert ("Nadia Ferrand", "Person", 6) in found


def test_what_is_not_safe_to_copy_stays_unlabelled() -> None:
    doc = _doc("Ferrand met Apex . Ferrand said apex tools and Apex grew .")
    kb_name = Span(doc, 2, 3, "Organization", kb_id="organization/apex")
    surname = Span(doc, 0, 1, "Person")
    found = _found(doc, [surname, kb_name])
    assert found == [("Ferrand", "Person", 0), ("Apex", "Organization", 2)]


def test_a_name_is_never_copied_over_an_entity_already_found() -> None:
    doc = _doc("Velmora raised money . Velmora Labs is its research arm .")
    ents = [Span(doc, 0, 1, "Organization"), Span(doc, 4, 6, "Organization")]
    assert _found(doc, ents) == [("Velmora", "Organization", 0), ("Velmora Labs", "Organization", 4)]
