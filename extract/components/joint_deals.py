"""Partners named together as the subject of a partnership: "A, B and C announced a collaboration",
"A et B ont conclu un accord de partenariat", "A and B signed a partnership".

The deal readers read a partnership between its subject and the organisation after "with" /
"avec". When the partners are all in the subject, as a list, no "with" names the other side: the
organisations of that list are each other's partners, when the verb's object (or the object's
noun complement: "un accord de partenariat") is a partnership noun (``word_lists.partnership_nouns``).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from .extensions import RelationCandidate, span_candidate

__all__ = ["JOINT", "joint_partners", "written_subjects"]

JOINT = "pattern:joint-partnership"
_CONFIDENCE = 0.75
_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"dobj", "obj"})
#: Articles a subject list may hold besides its names and joiners ("*Le* Monde et OpenAI").
_ARTICLES = frozenset({"the", "le", "la", "l'", "l’", "les"})
#: What may stand between a written subject list and its verb: auxiliaries, adverbs, "viennent d'".
_BETWEEN_POS = frozenset({"AUX", "ADV", "PART"})
_BETWEEN_WORDS = frozenset({"venir", "de", "d'", "d’", "se", "s'", "s’", "just", "jointly", "conjointement"})
#: What a member of a written list may carry besides its name ("the *startup* B", "le *géant coréen* A").
_DESCRIBING_POS = frozenset({"DET", "ADJ", "NOUN", "NUM", "PROPN"})
_POSSESSIVES = frozenset({"'s", "’s", "'"})


def joint_partners(doc: Doc, ent_of: Mapping[int, Span], nouns: frozenset[str],
                   joiners: frozenset[str]) -> list[RelationCandidate]:
    """``partnerOf`` between the organisations listed as the subject of a partnership's verb."""
    out: list[RelationCandidate] = []
    # a partnership noun is the object, or the complement of the object (:func:`_partnership`)
    for token in (doc[i] for i in sorted({i for t in cue_tokens(doc, nouns) for i in (t.i, t.head.i)})):
        if token.dep_ not in _OBJECTS or not _partnership(token, nouns):
            continue
        verb = token.head
        # every subject's phrase, when it is a plain list of names (the parser hangs its members in
        # several ways: conjuncts, appositions, or each on the verb in French)
        partners: list[Span] = []
        for subject in (c for c in verb.children if c.dep_ in _SUBJECTS):
            listed = _listed(subject, ent_of, joiners | _ARTICLES)
            if listed is None:
                partners = []
                break
            partners.extend(p for p in listed if p not in partners)
        if len(partners) < 2:
            partners = written_subjects(verb, ent_of, joiners)
        if len(partners) < 2:
            continue
        sent = verb.sent
        out.extend(
            span_candidate(a, "partnerOf", b, sent, JOINT, _CONFIDENCE)
            for a, b in combinations(partners, 2)
        )
    return out


def written_subjects(verb: Token, ent_of: Mapping[int, Span], joiners: frozenset[str]) -> list[Span]:
    """The organisations listed right before the verb, read on the surface where the parser breaks
    the list ("Retail giant A and the startup B announced a partnership", "Le géant coréen A et la
    licorne B viennent d'annoncer un partenariat"): each member may carry its own description
    (articles, adjectives, nouns), members are joined by a comma or a coordinator, and the verb's
    auxiliaries ("have", "ont", "viennent de", a reflexive "s'") may stand between the list and
    the verb. Anything else (a preposition, a possessive, another verb, a person) ends the list: "the startup's
    backers", "le patron de A" are not A."""
    doc = verb.doc
    i = verb.i - 1
    start = 0  # not the parser's sentence start: a broken list often splits its sentence there too
    while i >= start and (doc[i].pos_ in _BETWEEN_POS or doc[i].lower_ in _BETWEEN_WORDS
                          or doc[i].lemma_.lower() in _BETWEEN_WORDS):
        i -= 1
    found: list[Span] = []
    joined = True  # the last member met (going left) is joined to the one before it
    while i >= start:
        token = doc[i]
        ent = ent_of.get(i)
        if ent is not None:
            if ent.label_ != "Organization" or (not joined and found):
                break
            if ent not in found:
                found.append(ent)
            joined = False
            i = ent.start - 1
            continue
        if token.lower_ in joiners:
            joined = True
        elif token.pos_ not in _DESCRIBING_POS or token.lower_ in _POSSESSIVES:
            break
        i -= 1
    if i >= start and doc[i].pos_ == "ADP":
        return []  # "researchers from A and B", "le patron de A et B": the names are a complement
    return found[::-1]


def _listed(subject: Token, ent_of: Mapping[int, Span], words: frozenset[str]) -> list[Span] | None:
    """The organisations of a subject phrase made only of names, commas, "and" / "et" and
    articles; None when it holds anything else ("the startup's backers")."""
    found: list[Span] = []
    for token in subject.subtree:
        ent = ent_of.get(token.i)
        if ent is None:
            if token.lower_ not in words:
                return None
        elif ent.label_ != "Organization":
            return None
        elif ent not in found:
            found.append(ent)
    return found


def _partnership(token: Token, nouns: frozenset[str]) -> bool:
    """A partnership noun, or a noun whose complement is one ("un accord *de partenariat*")."""
    if token.lemma_.lower() in nouns or token.lower_ in nouns:
        return True
    return any(c.dep_ in {"nmod", "compound"} and c.lemma_.lower() in nouns for c in token.children)
