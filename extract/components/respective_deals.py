"""Deals paired by position: "A, B and C struck deals with D, E and F *respectively*".

"Respectively" says that the n-th party of the subject made its deal with the n-th party after
"with", never that every subject dealt with every object: read as a plain list, the sentence would
give nine partnerships where it states three. The objects are grouped by the commas of their list
("with D, E and F, and G respectively": three groups, "E and F" dealing with the second subject
together); when the groups are as many as the subjects, each subject gets its group; when the
names are, each subject gets its name; otherwise the sentence says nothing we can pair, and gives
nothing. The cue words are data (``word_lists.respectively_words`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from spacy.tokens import Doc, Span, Token

__all__ = ["respective_pairs"]

_ORG = "Organization"
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_GROUP_BREAKS = frozenset({",", ";"})
_JOINERS = frozenset({",", "and", "et", "&"})
#: Heads climbed from the deal word to the clause whose subject lists the parties.
_CLIMB = 7


class _Lists(Protocol):
    doc: Doc
    ent_of: Mapping[int, Span]

    def org_list(self, token: Token) -> list[Span]: ...


def respective_pairs(deals: _Lists, word: Token, start: Token,
                     respectively: frozenset[str]) -> list[tuple[Span, Span]] | None:
    """The (subject, partner) pairs by position when "respectively" follows the partners' list
    that starts at ``start``; None when no such word does (the deal is read as usual)."""
    doc = deals.doc
    sent = start.sent
    cue = next((t for t in doc[start.i : sent.end] if t.lower_ in respectively), None)
    if cue is None:
        return None
    owners = _subjects(deals, word)
    if len(owners) < 2:
        owners = _listed_before(deals, word)
    groups: list[list[Span]] = [[]]
    named = deals.ent_of.get(start.i)
    begin = min(start.left_edge.i, named.start if named is not None else start.i)
    for token in doc[begin : cue.i]:
        if token.text in _GROUP_BREAKS and groups[-1]:
            groups.append([])
        ent = deals.ent_of.get(token.i)
        if ent is not None and ent.label_ == _ORG and ent.start == token.i:
            groups[-1].append(ent)
    groups = [g for g in groups if g]
    flat = [ent for g in groups for ent in g]
    if len(owners) < 2:
        return []
    if len(groups) == len(owners):
        return [(owner, ent) for owner, group in zip(owners, groups, strict=True) for ent in group]
    if len(flat) == len(owners):
        return list(zip(owners, flat, strict=True))
    return []


def _subjects(deals: _Lists, word: Token) -> list[Span]:
    """The organisations listed as the subject of the nearest clause above ``word``."""
    token = word
    for _ in range(_CLIMB):
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS and child.i < word.i:
                return deals.org_list(child.left_edge)
        if token.head.i == token.i:
            break
        token = token.head
    return []


def _listed_before(deals: _Lists, word: Token) -> list[Span]:
    """The last list of organisations before ``word`` on the surface ("A, B, and C used ... to
    strike deals"), names joined only by commas and "and" / "et" (parsers hang such a list's
    first names on a heading before it)."""
    doc = deals.doc
    names: list[Span] = []
    for i in range(word.sent.start, word.i):
        ent = deals.ent_of.get(i)
        if ent is not None and ent.start == i:
            names.append(ent)
    run: list[Span] = []
    for ent in reversed(names):
        if ent.label_ != _ORG:
            break
        if run and any(t.lower_ not in _JOINERS for t in doc[ent.end : run[0].start]):
            break
        run.insert(0, ent)
    return run
