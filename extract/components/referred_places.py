"""Where an organisation is, stated of a reference to it (pure, no model).

News names a company once and says where it is in a later sentence, of a pronoun or a
description: "It is headquartered in Lyon", "The company is based in Denver", "The startup,
which is located in Oslo, ...", "L'entreprise est basée à Lyon", "Elle est installée à Nantes".
The patterns of "X is based in Y" anchor on a written name; this module reads the same clause
when its subject is a token that :mod:`..coref` resolves to an organisation:

* the clause is a based word (``based_words``: "based", "headquartered", "basée", "installée")
  whose subject is the reference, or whose subject is a relative pronoun hung on the reference
  ("the startup, *which* is based in Y");
* the places are those after a place preposition in the based word's phrase ("in Y", "à Y");
* the reference's best antecedent is an organisation: "*She* is based in Lyon" said of a person
  (the nearest subject) places no company, and a description of another kind ("the summit")
  resolves to no organisation.

A subject that is a name is left to the patterns. The fact is read through a reference, so its
confidence carries the reference discount and its extractor the rule (``+coref``).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate
from .org_places import _after_preposition as after_preposition

__all__ = ["EXTRACTOR", "referred_places"]

EXTRACTOR = "dep:referred-based"
#: As the dependency pattern of the named construction (``dep:based-in``, 0.85), less a little:
#: the based word's subject is read on the parse, and a reference may be wrong.
_CONFIDENCE = 0.8
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_RELATIVE_DEPS = frozenset({"relcl", "acl:relcl"})


def referred_places(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                    lang: str) -> list[RelationCandidate]:
    """``basedIn`` candidates of the based clauses whose subject is a reference to an organisation."""
    based = frozenset(w.lower() for w in lexicon.based_words.get(lang, []))
    if not refs or not based:
        return []
    preps = lexicon.words("place_preps", lang)
    relatives = frozenset(w.lower() for w in lexicon.relative_pronouns)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, based):
        if token.i in ent_of or token.pos_ not in {"VERB", "ADJ", "AUX"}:
            continue
        subject = _subject(token, relatives)
        if subject is None or subject.i in ent_of or subject.i not in refs:
            continue
        ref = refs[subject.i]
        owner = ref.candidates[0] if ref.candidates else None
        if owner is None or owner.label_ != "Organization":
            continue  # the nearest antecedent is a person, an event...: no company is placed
        places = [p for child in token.children if child.i > token.i for p in after_preposition(child, ent_of, preps)]
        sent = token.sent
        out.extend(
            RelationCandidate(owner.start, owner.end, "basedIn", place.start, place.end, sent.start, sent.end,
                              f"{EXTRACTOR}+{ref.rule}", _CONFIDENCE * REFERENCE_DISCOUNT, "", "")
            for place in places
        )
    return out


def _subject(based: Token, relatives: frozenset[str]) -> Token | None:
    """The subject of the based word's clause ("*It* is based", "*L'entreprise* est basée"), or
    the noun a relative subject stands for ("the startup, *which* is based")."""
    subject = next((c for c in based.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None:
        return None
    if subject.lower_ in relatives and based.dep_ in _RELATIVE_DEPS:
        return based.head
    return subject
