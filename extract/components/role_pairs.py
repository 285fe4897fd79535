"""People and organisations paired one to one in a sentence, and a sum with its one raiser: the
classifier does not cross the pairs the rules read.

News lists several people each with their own organisation: "les invités : le dirigeant de Nvidia
A, le fondateur de Mistral AI B", "A, CEO of Acme, and B, who runs Zorbex". The rules read each
pair; the relation classifier, which sees every pair of a person and an organisation in the
sentence, may also tie A to Mistral AI. When the rules give a person a role at one organisation of
the sentence, and give another person a role at a second one, a classifier's role between the
first person and the second organisation crosses two stated pairs: it is dropped. A role the rules
read themselves is never dropped, and a person with no rule-read role keeps the classifier's.

>>> from aikg.extract.components.extensions import RelationCandidate
>>> def c(subject, obj, extractor, predicate="worksFor"):
...     return RelationCandidate(subject, subject + 2, predicate, obj, obj + 1, 0, 30, extractor, 0.9, "", "")
>>> found = uncrossed([c(5, 3, "dep:role"), c(12, 10, "pattern:role", "founded"), c(5, 10, "clf:worksFor")])
>>> [(x.subject_start, x.object_start, x.extractor) for x in found]
[(5, 3, 'dep:role'), (12, 10, 'pattern:role')]
"""

from __future__ import annotations

from collections.abc import Sequence

from .extensions import RelationCandidate

__all__ = ["CLASSIFIER_PREFIX", "ROLE_PREDICATES", "uncrossed"]

#: The relation classifier's extractor names start with this.
CLASSIFIER_PREFIX = "clf:"
#: The predicates that pair a person with an organisation.
ROLE_PREDICATES = frozenset({"worksFor", "leads", "founded"})
#: Roles a person seldom holds at two organisations of one sentence: when the rules read one, the
#: classifier's other is dropped ("A hired its staff, including co-founders X and Y": X founded
#: what "its" names, not A).
_HEAD_ROLES = frozenset({"leads", "founded"})


def uncrossed(candidates: Sequence[RelationCandidate]) -> list[RelationCandidate]:
    """``candidates`` without the classifier's roles that cross two pairs the rules read (module
    docstring), and without its ``raised`` of an amount the rules give another raiser: one sum is
    raised by one company ("Quorra raised $75M from Sequoia and Accel": not Sequoia)."""
    candidates = _one_raiser(candidates)
    ruled: dict[int, set[tuple[tuple[int, int], tuple[int, int]]]] = {}
    founding: dict[int, set[tuple[tuple[int, int], str, tuple[int, int]]]] = {}
    for cand in candidates:
        if cand.predicate in ROLE_PREDICATES and not cand.extractor.startswith(CLASSIFIER_PREFIX):
            person, org = (cand.subject_start, cand.subject_end), (cand.object_start, cand.object_end)
            ruled.setdefault(cand.sentence_start, set()).add((person, org))
            founding.setdefault(cand.sentence_start, set()).add((person, cand.predicate, org))
    if not ruled:
        return list(candidates)
    kept: list[RelationCandidate] = []
    for cand in candidates:
        pairs = ruled.get(cand.sentence_start)
        if pairs and cand.predicate in ROLE_PREDICATES and cand.extractor.startswith(CLASSIFIER_PREFIX):
            person, org = (cand.subject_start, cand.subject_end), (cand.object_start, cand.object_end)
            elsewhere = any(p == person and o != org for p, o in pairs)
            taken = any(o == org and p != person for p, o in pairs)
            if elsewhere and taken and (person, org) not in pairs:
                continue
            # the rules read whom this person founded or leads in the sentence: not another one too
            stated = founding.get(cand.sentence_start, set())
            if cand.predicate in _HEAD_ROLES and (person, cand.predicate, org) not in stated and any(
                    p == person and pred == cand.predicate and o != org for p, pred, o in stated):
                continue
        kept.append(cand)
    return kept


def _one_raiser(candidates: Sequence[RelationCandidate]) -> list[RelationCandidate]:
    """The candidates without the classifier's raisers of an amount the rules gave to another."""
    raisers: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for cand in candidates:
        if cand.predicate == "raised" and not cand.extractor.startswith(CLASSIFIER_PREFIX):
            raisers.setdefault((cand.object_start, cand.object_end), set()).add((cand.subject_start, cand.subject_end))
    return [cand for cand in candidates
            if not (cand.predicate == "raised" and cand.extractor.startswith(CLASSIFIER_PREFIX)
                    and raisers.get((cand.object_start, cand.object_end), {(cand.subject_start, cand.subject_end)})
                    .isdisjoint({(cand.subject_start, cand.subject_end)}))]
