"""Written lists of names read along the text (``extract/components/name_lists.py``)."""

from __future__ import annotations

import spacy

from aikg.extract.components.name_lists import listed_before


def _list_before(text: str, names: list[str], end_name: str) -> list[str]:
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(n), text.index(n) + len(n), "Person") for n in names]
    ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    last = next(e for e in doc.ents if e.text == end_name)
    return [e.text for e in listed_before(doc, last.end, ent_of, "Person", frozenset({",", "et"}))]


def test_members_with_an_aside_in_brackets() -> None:
    text = "Léa Morin (Korva), Paul Dastre (Melno Labs) et Anne Voss sont là."
    assert _list_before(text, ["Léa Morin", "Paul Dastre", "Anne Voss"], "Anne Voss") == [
        "Léa Morin", "Paul Dastre", "Anne Voss"]


def test_an_unclosed_bracket_ends_the_list() -> None:
    text = "Léa Morin a dit) Paul Dastre et Anne Voss sont là."
    assert _list_before(text, ["Léa Morin", "Paul Dastre", "Anne Voss"], "Anne Voss") == ["Paul Dastre", "Anne Voss"]
