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
#: A written span, as token offsets (start, end).
_Span = tuple[int, int]


def uncrossed(candidates: Sequence[RelationCandidate]) -> list[RelationCandidate]:
    """``candidates`` without the classifier's facts that the rules' readings of the same sentence
    contradict (module docstring): a role that crosses two pairs the rules read, a second founding
    or lead of a person the rules read one of, and a second raiser of a sum the rules gave one
    ("Quorra raised $75M from Sequoia and Accel": not Sequoia)."""
    roles: dict[int, set[tuple[_Span, str, _Span]]] = {}  # sentence -> (person, predicate, org) the rules read
    raisers: dict[_Span, set[_Span]] = {}  # amount -> the raisers the rules read
    for cand in candidates:
        if _by_classifier(cand):
            continue
        subject, obj = (cand.subject_start, cand.subject_end), (cand.object_start, cand.object_end)
        if cand.predicate in ROLE_PREDICATES:
            roles.setdefault(cand.sentence_start, set()).add((subject, cand.predicate, obj))
        elif cand.predicate == "raised":
            raisers.setdefault(obj, set()).add(subject)
    return [cand for cand in candidates if not (_by_classifier(cand) and _contradicted(cand, roles, raisers))]


def _by_classifier(cand: RelationCandidate) -> bool:
    return cand.extractor.startswith(CLASSIFIER_PREFIX)


def _contradicted(cand: RelationCandidate, roles: dict[int, set[tuple[_Span, str, _Span]]],
                  raisers: dict[_Span, set[_Span]]) -> bool:
    """Whether the rules' readings contradict the classifier's candidate ``cand``."""
    subject, obj = (cand.subject_start, cand.subject_end), (cand.object_start, cand.object_end)
    if cand.predicate == "raised":
        return obj in raisers and subject not in raisers[obj]
    stated = roles.get(cand.sentence_start)
    if cand.predicate not in ROLE_PREDICATES or not stated:
        return False
    pairs = {(person, org) for person, _, org in stated}
    if (subject, obj) not in pairs:
        elsewhere = any(person == subject for person, _ in pairs)
        taken = any(org == obj and person != subject for person, org in pairs)
        if elsewhere and taken:
            return True
    # the rules read whom this person founded or leads in the sentence: not another one too
    return cand.predicate in _HEAD_ROLES and (subject, cand.predicate, obj) not in stated and any(
        person == subject and predicate == cand.predicate for person, predicate, _ in stated)
