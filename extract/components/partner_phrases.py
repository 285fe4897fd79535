"""Partnerships told with a verb and its object, or with a common verb only organisations make a
partnership of: "X joined forces with Y", "A et B ont uni leurs forces", "X began working with Y";
or with a verb of partnership and no partner but its own listed subjects: "A and B teamed up",
"A et B s'allient" (``reciprocal_partner_verbs``); or told as a thing of one organisation made
with another: "its chip, developed with Y", "son vaccin développé avec Y" (``partner_build_verbs``;
the gold gives the partner ``partnerOf``).

A verb that names a partnership only with its object ("join *forces*", "unir ses *forces*":
``partner_idioms``, "verb object" lemmas) makes its subject the partner of the organisation after
"with" / "avec" / "à"; with no such organisation, the organisations listed as its subject are each
other's partners. A verb of working together (``with_partner_verbs``: "work", "travailler") does
so only between two names typed as organisations, written as such (a person "working with" a
company is its employee or its client, and the subject is not read through a reference).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate
from .joint_deals import written_subjects
from .name_lists import list_joiners

if TYPE_CHECKING:
    from .deals import _Deals

__all__ = ["phrase_partners"]

_ORG = "Organization"
_OBJECTS = frozenset({"dobj", "obj"})
_SUBJECTS = frozenset({"nsubj"})
_WITH = frozenset({"with", "avec", "à", "au", "aux"})
_MADE_WITH = frozenset({"with", "avec"})
_PARTICIPLES = frozenset({"acl", "amod"})


@dataclass(frozen=True)
class PartnerWords:
    """The word lists of one language, read once (lower-cased)."""

    idiom_phrases: frozenset[str] = words_field("partner_idioms")
    working: frozenset[str] = words_field("with_partner_verbs")
    reciprocal: frozenset[str] = words_field("reciprocal_partner_verbs")
    build: frozenset[str] = words_field("partner_build_verbs")
    joiners: frozenset[str] = frozenset()

    @cached_property
    def idioms(self) -> dict[str, frozenset[str]]:
        """Verb lemma -> the objects that make a partnership of it ("join" -> "forces")."""
        found: dict[str, set[str]] = {}
        for phrase in self.idiom_phrases:
            head, _, obj = phrase.partition(" ")
            found.setdefault(head, set()).add(obj)
        return {head: frozenset(objects) for head, objects in found.items()}

    @cached_property
    def cues(self) -> frozenset[str]:
        """The verbs whose tokens are read."""
        return frozenset(self.idioms) | self.working | self.reciprocal


#: The words of each lexicon and language, read at the first document.
_WORDS: dict[tuple[int, str], tuple[Lexicon, PartnerWords]] = {}


def _words(lexicon: Lexicon, lang: str) -> PartnerWords:
    known = _WORDS.get((id(lexicon), lang))
    if known is None or known[0] is not lexicon:
        known = _WORDS[(id(lexicon), lang)] = (lexicon, lexicon.read_words(PartnerWords, lang,
                                                                           joiners=list_joiners(lexicon)))
    return known[1]


def phrase_partners(deals: _Deals, lexicon: Lexicon, lang: str) -> Iterable[RelationCandidate | None]:
    """``partnerOf`` read from "join forces with" and "work with" (see the module's docstring)."""
    words = _words(lexicon, lang)
    idioms, working, reciprocal, joiners = words.idioms, words.working, words.reciprocal, words.joiners
    yield from _built_with(deals, words.build)
    for verb in cue_tokens(deals.doc, words.cues):
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma in reciprocal:
            yield from _reciprocal(deals, verb, joiners)
        elif lemma in idioms:
            if any(c.dep_ in _OBJECTS and {c.lemma_.lower(), c.lower_} & idioms[lemma] for c in verb.children):
                yield from _partners(deals, verb, strict=False)
        elif lemma in working:
            yield from _partners(deals, verb, strict=True)


def _reciprocal(deals: _Deals, verb: Token, joiners: frozenset[str]) -> Iterable[RelationCandidate | None]:
    """ "A and B teamed up to ...", "A et B s'allient pour ...": a verb of partnership with no
    partner after "with" / "avec" / "à" makes the organisations listed as its subject each other's
    partners (with one, the deal readers read "A partnered with B")."""
    if deals.after(verb, _WITH) is not None:
        return
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    named = subjects and subjects[0].i in deals.ent_of  # "researchers from A and B" are not A and B
    owners = deals.org_list(subjects[0]) if named else []
    if len(owners) < 2:
        owners = written_subjects(verb, deals.ent_of, joiners)
    for a, b in combinations(owners, 2):
        yield from deals.each([a], [b], "partnerOf", False)


def _built_with(deals: _Deals, verbs: frozenset[str]) -> Iterable[RelationCandidate | None]:
    """ "son vaccin *développé avec* le géant Y", "its chip, *built with* Y": the owner of the thing
    made (its possessive, else the subject of the clause above when the possessive is a pronoun the
    references leave open) is the partner of the organisation it was made with."""
    for verb in cue_tokens(deals.doc, verbs):
        participle = verb.tag_ == "VBN" or "Part" in verb.morph.get("VerbForm", [])
        if verb.pos_ != "VERB" or verb.dep_ not in _PARTICIPLES or not participle:
            continue
        start = deals.after(verb, _MADE_WITH)
        partners = deals.org_list(start) if start is not None else []
        if not partners:
            continue
        owners, via, possessed = deals.possessor(verb.head)
        if not possessed:
            continue
        if not owners:
            owners, via = deals.clause_subject(verb.head, None)
        yield from deals.each(owners, partners, "partnerOf", via)


def _partners(deals: _Deals, verb: Token, strict: bool) -> Iterable[RelationCandidate | None]:
    start = deals.after(verb, _WITH)
    partners = deals.org_list(start) if start is not None else []
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if strict:  # "X began working with Y": the subject of the clause above, named
        owners, via = deals.clause_subject(verb, None) if not subjects else ([], False)
        named = deals.ent_of.get(subjects[0].i) if subjects else None
        if via or (subjects and (named is None or named.label_ != _ORG)):
            return
        owners = [named] if named is not None else owners
    elif subjects:
        owners, via = deals.org_list(subjects[0]), False
    else:
        owners, via = deals.clause_subject(verb, None)
    if partners:
        yield from deals.each(owners, partners, "partnerOf", via)
    elif not strict:  # "A and B joined forces"
        for a, b in combinations(owners, 2):
            yield from deals.each([a], [b], "partnerOf", False)
