"""Every mention of a name the document has already typed, where the model left it unlabelled.

A small statistical model decides per sentence: the same unknown name is an organisation in one
sentence and nothing at all in the next, most often at the start of a sentence or after a
passive ("*Quellis* a été fondée en 2019 par ...", "*Quellis*'s board approved ..."). One name
in one article is one thing (the "one sense per discourse" of word-sense work), so once the
entity stage has typed a name somewhere, its other mentions, written the same way, are that
entity too, and the relation readers see both ends of a sentence that states a fact.

Only what is safe to copy is copied:

* the words match exactly, capitals included ("Quellis", never "quellis");
* names of the knowledge base are left to its own matcher, which finds every mention already;
* a person's name is copied only when it has two words or more: a surname alone is the
  coreference stage's, and a first name alone is ambiguous;
* a mention inside or across an entity already found stays as found;
* a name of one letter, or with no capital, is no name to copy.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("fr")
>>> doc = nlp("Quellis lève des fonds. Puis Quellis recrute.")
>>> [(e.text, e.start) for e in echoed_names(doc, [Span(doc, 6, 7, "Organization")])]
[('Quellis', 0), ('Quellis', 6)]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Types whose unknown names are copied to their other mentions (a place or an amount is found
#: by its own means; a MISC span has no type to copy).
_COPIED_TYPES = frozenset({"Organization", "Person", "Product", "Event"})


def echoed_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with the unlabelled mentions of their names added, sorted by position.

    When one name was given two types in the document, the first mention's type is copied.
    """
    names = _copied_names(ents)
    if not names:
        return ents
    taken = bytearray(len(doc))
    for ent in ents:
        taken[ent.start:ent.end] = b"\x01" * len(ent)
    longest = max(len(words) for words in names)
    first_words = {words[0] for words in names}
    added: list[Span] = []
    i = 0
    while i < len(doc):
        if taken[i] or doc[i].text not in first_words:
            i += 1
            continue
        match = _name_at(doc, i, names, longest, taken)
        if match is None:
            i += 1
            continue
        end, label = match
        added.append(Span(doc, i, end, label=label))
        i = end
    if not added:
        return ents
    return sorted(ents + added, key=lambda e: e.start)


def _copied_names(ents: list[Span]) -> dict[tuple[str, ...], str]:
    """The words of each name that may be copied, with its type (the first mention's)."""
    names: dict[tuple[str, ...], str] = {}
    for ent in ents:
        if ent.label_ not in _COPIED_TYPES or ent.kb_id_:
            continue
        if ent.label_ == "Person" and len(ent) < 2:
            continue
        text = ent.text
        if len(text) < 2 or not any(c.isupper() for c in text):
            continue
        names.setdefault(tuple(t.text for t in ent), ent.label_)
    return names


def _name_at(doc: Doc, start: int, names: dict[tuple[str, ...], str], longest: int,
             taken: bytearray) -> tuple[int, str] | None:
    """The end and type of the longest known name written at ``start`` over free tokens."""
    for size in range(min(longest, len(doc) - start), 0, -1):
        end = start + size
        if any(taken[start:end]):
            continue
        words = tuple(t.text for t in doc[start:end])
        label = names.get(words)
        if label is not None:
            return end, label
    return None
