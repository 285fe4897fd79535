"""What several constructions read of a clause: its subjects, and whether it receives funding
(pure, token level).

Both readings were written in more than one reader (appointments, organisation slots, the round
joiners); they live here so that a parse the readers must handle (a control verb: "X vient de
lever", "Y vient de passer chez Z") is handled once.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

__all__ = ["OBJECT_DEPS", "SUBJECT_DEPS", "takes_funding", "verb_subjects"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})


def verb_subjects(verb: Token, deps: frozenset[str] = SUBJECT_DEPS) -> list[Token]:
    """The verb's subjects, or, for a verb a control verb governs and that has none of its own, the
    governing verb's ("*Y* vient de passer", "*X* managed to raise")."""
    for token in (verb, verb.head):
        found = [c for c in token.children if c.dep_ in deps]
        if found or verb.dep_ != "xcomp":
            return found
    return []


def takes_funding(verb: Token, funding_nouns: frozenset[str], labels: Mapping[int, str]) -> bool:
    """Whether the verb's object is funding or an amount ("received $8 million", "a levé 12 millions
    d'euros", "has attracted investment"); ``labels``: the entity label at each token."""
    return any(c.dep_ in OBJECT_DEPS and (c.lemma_.lower() in funding_nouns or labels.get(c.i) == "MonetaryAmount")
               for c in verb.children)
