"""One-word person names that no full name in the document backs: dropped.

A news article names a person in full before it shortens the name ("Jane Doe ... Doe said"). A
single capitalised word that the model typed Person, that the knowledge base does not know and that
is no word of a longer person's name in the same document is, on real news, something else: a
company ("*Servier*, another drugmaker"), a product ("*Blackwell*"), a word of a title
("*Flashback*"), an adjective ("the *Biden* administration"). Measured on the development set
before this module existed: 31 such names in 239 articles (16 in the read splits, 15 in the unread
ones), and not one of them a person in the gold; 11 were organisations or products the other stages
had not re-typed. Dropping them removes a wrong entity each, and the facts built on it, which were
wrong too (a person does not partner under a product's name); one listed beside organisations
("backers Kestrel Capital, *Zorvia* and Accel") is one of them, re-typed, not dropped.

>>> import spacy
>>> from spacy.tokens import Doc, Span

from .context_types import written_lists
>>> doc = spacy.blank("en")("Jane Doe met Servier. Doe left. Backers: Kestrel Capital, Zorvia and Accel.")
>>> ents = [Span(doc, 0, 2, "Person"), Span(doc, 3, 4, "Person"), Span(doc, 5, 6, "Person"),
...         Span(doc, 10, 12, "Organization"), Span(doc, 13, 14, "Person"), Span(doc, 15, 16, "Organization")]
>>> [(e.text, e.label_) for e in without_lone_people(doc, ents)][:3]
[('Jane Doe', 'Person'), ('Doe', 'Person'), ('Kestrel Capital', 'Organization')]
>>> [(e.text, e.label_) for e in without_lone_people(doc, ents)][3]
('Zorvia', 'Organization')
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .context_types import written_lists

__all__ = ["without_lone_people"]


def without_lone_people(doc: Doc, ents: list[Span], titles: frozenset[str] = frozenset()) -> list[Span]:
    """``ents`` without the one-token Person names that are neither known to the knowledge base
    nor a word of a longer Person name of the document; one written in a list beside an
    organisation is an organisation ("Kestrel Capital, *Zorvia* and Accel"), and so is one written
    right before an owner's title (``titles``) and a person's full name ("*Vantor* CEO Jane Doe")."""
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    lone = {e.start for e in ents
            if e.label_ == "Person" and len(e) == 1 and not e.kb_id_ and e.root.lower_ not in person_words}
    if not lone:
        return ents
    listed = {e.start for run in written_lists(doc, ents) if any(m.label_ == "Organization" for m in run)
              for e in run if e.start in lone}
    if titles:
        people = {e.start for e in ents if e.label_ == "Person" and len(e) > 1}
        listed |= {start for start in lone if _titled_owner(doc, start + 1, titles, people)}
    return [Span(doc, e.start, e.end, label="Organization") if e.start in listed else e
            for e in ents if e.start not in lone or e.start in listed]


#: The most tokens an owner's title between an organisation and a person has ("chief executive officer").
_TITLE_REACH = 3


def _titled_owner(doc: Doc, index: int, titles: frozenset[str], people: set[int]) -> bool:
    """Whether the words from ``index`` are an owner's title followed by a person's full name."""
    return any(" ".join(t.lower_ for t in doc[index: index + width]) in titles and index + width in people
               for width in range(1, _TITLE_REACH + 1))
