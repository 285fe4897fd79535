"""Written lists of names ("A, B and C", "A, B et C"), read on the surface: one reader for the
construction modules that follow a list from one of its members.

The parser hangs the members of a list in many ways (conjuncts, appositions, each on the verb in
French), so these readers go by the text: names of one type joined only by a comma or a
coordinator (``lexicon.coordinators``: "and", "et", "&"), ", and" counting as one joiner.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("sentencizer")
>>> doc = nlp("led by Acme, Bolt and Cargo")
>>> doc.ents = [doc.char_span(7, 11, "Organization"), doc.char_span(13, 17, "Organization"),
...             doc.char_span(22, 27, "Organization")]
>>> ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
>>> words = frozenset({",", "and"})
>>> [e.text for e in listed_after(doc, 3, ent_of, "Organization", words)]
['Bolt', 'Cargo']
>>> [e.text for e in listed_before(doc, 5, ent_of, "Organization", words)]
['Acme', 'Bolt']
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon

__all__ = ["list_joiners", "listed_after", "listed_before"]


#: The most tokens of an aside in brackets after a list's member.
_MAX_ASIDE = 6


def _bracket_start(doc: Doc, close: int, start: int) -> int:
    """The index of the "(" that opens the aside closed at ``close`` (``close + 1`` when there is
    none within a few tokens, so that the reader stops there)."""
    for j in range(close - 1, max(start, close - _MAX_ASIDE) - 1, -1):
        if doc[j].text == "(":
            return j
    return close + 1


def list_joiners(lexicon: Lexicon) -> frozenset[str]:
    """The words that join the members of a list: a comma and the lexicon's coordinators."""
    return frozenset({",", *lexicon.coordinators})


def listed_after(doc: Doc, i: int, ent_of: Mapping[int, Span], label: str, joiners: frozenset[str],
                 links: frozenset[str] = frozenset()) -> list[Span]:
    """The names of ``label`` listed right after the member that ends at token ``i``, in order; a
    list may repeat its preposition ("de A, de B et de C": ``links``)."""
    found: list[Span] = []
    end = doc[i - 1].sent.end
    while i + 1 < end and doc[i].lower_ in joiners:
        j = i + 1 if doc[i + 1].lower_ not in joiners else i + 2  # ", and"
        if j < end and doc[j].lower_ in links:
            j += 1
        member = ent_of.get(j)
        if member is None or member.label_ != label or member.start != j:
            break
        found.append(member)
        i = member.end
    return found


def listed_before(doc: Doc, i: int, ent_of: Mapping[int, Span], label: str,
                  joiners: frozenset[str]) -> list[Span]:
    """The names of ``label`` of the list that ends right before token ``i``, in order. A member
    may carry an aside in brackets, which is skipped ("A (Acme), B (Bolt) and C")."""
    found: list[Span] = []
    start = doc[i].sent.start if i < len(doc) else doc[i - 1].sent.start
    j = i - 1
    while j >= start:
        if doc[j].text == ")" and found:
            j = _bracket_start(doc, j, start) - 1
        member = ent_of.get(j)
        if member is None or member.label_ != label or member.end != j + 1:
            break
        found.append(member)
        j = member.start - 1
        if j < start or doc[j].lower_ not in joiners:
            break
        j -= 1
        if j >= start and doc[j].lower_ in joiners:  # ", and"
            j -= 1
    return found[::-1]
