"""Licensing told as use: "X agreed to use Y's technology", "X integrates Y technology into its
products", "X a accepté d'utiliser la technologie de Y".

The gold counts a licensing deal as a partnership (``partnerOf``). An organisation that uses or
integrates (``technology_use_verbs``) another organisation's technology or models
(``technology_nouns``, owned by a possessive, a name before the noun or a "de" / "of" complement)
is its partner. The user is the verb's subject, or the subject of the clause above ("X agreed to
use", "X a accepté d'utiliser").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

if TYPE_CHECKING:
    from .deals import _Deals

__all__ = ["technology_partners"]

_OBJECTS = frozenset({"dobj", "obj"})
_OF = frozenset({"of", "de", "d'", "d’", "du"})


def _owner(deals: _Deals, noun: Token) -> tuple[Span | None, bool]:
    owners, via, _ = deals.possessor(noun)  # "Y's technology", "its models", "the Y models"
    possessive = [c for c in noun.children if c.dep_ in {"poss", "nmod:poss"}]
    if via and possessive and possessive[0].pos_ != "PRON":
        return None, False  # "the company's models": a description, too loose a reference here
    if owners:
        return owners[0], via
    before = deals.ent_of.get(noun.i - 1)  # "Y technology": the parser may not make it a compound
    if before is not None and before.end == noun.i:
        return (before, False) if before.label_ == "Organization" else (None, False)
    word = deals.after(noun, _OF)
    if word is not None:
        ent, via = deals.org(word)
        return ent, via
    return None, False


def technology_partners(deals: _Deals, lexicon: Lexicon, lang: str) -> Iterable[RelationCandidate | None]:
    """``partnerOf`` between an organisation and the one whose technology it uses."""
    nouns = lexicon.words("technology_nouns", lang)
    verbs = lexicon.words("technology_use_verbs", lang)
    for verb in cue_tokens(deals.doc, verbs):
        if verb.pos_ != "VERB":
            continue
        objects = [c for c in verb.children if c.dep_ in _OBJECTS and (c.lower_ in nouns or c.lemma_.lower() in nouns)]
        if not objects:
            continue
        owner, via = _owner(deals, objects[0])
        if owner is None:
            continue
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        if own:
            ent, via_user = deals.org(own[0])
            users = [ent] if ent is not None else []
        else:
            users, via_user = deals.clause_subject(verb, None)
        yield from deals.each(users, [owner], "partnerOf", via or via_user)
