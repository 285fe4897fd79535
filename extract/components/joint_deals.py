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

__all__ = ["JOINT", "joint_partners"]

JOINT = "pattern:joint-partnership"
_CONFIDENCE = 0.75
_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"dobj", "obj"})
#: Articles a subject list may hold besides its names and joiners ("*Le* Monde et OpenAI").
_ARTICLES = frozenset({"the", "le", "la", "l'", "l’", "les"})


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
            continue
        sent = verb.sent
        out.extend(
            span_candidate(a, "partnerOf", b, sent, JOINT, _CONFIDENCE)
            for a, b in combinations(partners, 2)
        )
    return out


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
