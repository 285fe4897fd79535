"""Titles stacked between an organisation and its people: "Acme Chairman and CEO Jane Roe",
"Acme co-CEOs Jane Roe and John Poe", "Acme CEO Jane Roe, co-founder John Poe and ...".

The patterns read one title between a company and a name ("Acme CEO Jane Roe"). News stacks
them: two titles for one person joined by "and", a plural or shared title for a list of people
("co-CEOs A and B", "co-founders A and B"), and a list of titled people of the same company
where only the first title carries the company's name ("Acme CEO A, co-founder B and CTO C").
This module reads that sequence on the surface, left to right from the organisation's name:

    ORG ['s] TITLE [(and|&|,) TITLE]* PERSON [(,|and) PERSON]*   (a list only after a shared title)
        [, TITLE PERSON]*                                       (more people of the same ORG)

Each title gives its relation as the lexicon's ``roles`` say ("chairman" and "CEO" lead,
"co-founder" founded, "CTO" works for; "co-" and a plural "s" are read through), narrowed like
the relation finder's roles ("deputy CEO" only works for). A name that is not a person, or a
title the lexicon does not know, ends the sequence.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from .extensions import RelationCandidate, span_candidate
from .name_lists import list_joiners, listed_after

__all__ = ["TITLED_SEQUENCE", "title_sequences", "titles_at"]

TITLED_SEQUENCE = "pattern:title-sequence"
_CONFIDENCE = 0.8
_POSSESSIVE = frozenset({"'s", "’s"})
_CO = ("co-", "co ")
_MAX_TITLE_WORDS = 4


def title_sequences(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                    narrowers: frozenset[str]) -> list[RelationCandidate]:
    """Every person a title sequence after an organisation's name gives a role in it."""
    if lang != "en":
        return []  # French writes the company after the title ("le PDG d'Acme, X"): the role phrases read it
    roles = lexicon.roles.get(lang, {})
    joiners = list_joiners(lexicon)
    out: list[RelationCandidate] = []
    for org in dict.fromkeys(ent_of.values()):
        if org.label_ != "Organization":
            continue
        sent = org.sent
        j = org.end
        if j < sent.end and doc[j].lower_ in _POSSESSIVE:
            j += 1
        first = titles_at(doc, j, sent.end, roles, narrowers, joiners)
        while first is not None:
            predicates, shared, j = first
            person = ent_of.get(j)
            if person is None or person.label_ != "Person" or person.start != j:
                break
            # one person, or after a shared title ("co-founders A and B") the people listed
            people = [person, *listed_after(doc, person.end, ent_of, "Person", joiners)] if shared else [person]
            j = people[-1].end
            out.extend(
                span_candidate(person, predicate, org, sent, TITLED_SEQUENCE, _CONFIDENCE)
                for person in people for predicate in predicates
            )
            # ", co-founder John Poe": another person of the same organisation
            if j + 1 >= sent.end or doc[j].text != ",":
                break
            first = titles_at(doc, j + 1, sent.end, roles, narrowers, joiners)
    return out


def _role(phrase: str, roles: Mapping[str, str]) -> tuple[str, bool] | None:
    """The predicate of a title written as ``phrase`` and whether it is shared (plural or "co-"):
    "co-founders" is a founder's title, "co-CEOs" a chief executive's."""
    if phrase in roles:
        return roles[phrase], phrase.startswith(_CO) or phrase.endswith("s")
    singular = phrase[:-1] if phrase.endswith("s") else phrase
    for form in (singular, singular.removeprefix("co-"), singular.removeprefix("co ")):
        if form in roles:
            return roles[form], True
    return None


def titles_at(doc: Doc, start: int, end: int, roles: Mapping[str, str], narrowers: frozenset[str],
              joiners: frozenset[str]) -> tuple[list[str], bool, int] | None:
    """The titles from ``start`` ("Chairman and CEO"): their predicates, whether one is shared,
    and where the names begin."""
    predicates: list[str] = []
    shared = False
    j = start
    while j < end:
        deputy = doc[j].lower_ in narrowers
        k = j + 1 if deputy else j
        found = None
        for width in range(_MAX_TITLE_WORDS, 0, -1):
            words = doc[k:k + width]
            if k + width > end or any(t.ent_type_ for t in words):
                continue
            # "co-CEOs" is three tokens: read the title as written, and word by word
            found = _role(words.text.lower(), roles) or _role(" ".join(t.lower_ for t in words), roles)
            if found is not None:
                k += width
                break
        if found is None:
            break
        predicate, plural = found
        predicates.append("worksFor" if deputy and predicate == "leads" else predicate)
        shared = shared or plural
        j = k
        if j + 1 < end and doc[j].lower_ in joiners and not doc[j + 1].ent_type_:
            j += 1  # "Chairman and CEO", but not "CEO, Jane Roe"
            continue
        break
    return (predicates, shared, j) if predicates else None
