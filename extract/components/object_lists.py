"""A role held at every organisation of a written list: "a researcher at OpenAI and DeepMind",
"chercheur chez OpenAI et DeepMind", "CEO of SpaceX, Tesla and X".

The role patterns and readers take the organisation right after "at" / "of" / "chez" / "de",
the first of a list; the parser hangs the others on it as conjuncts, which most patterns do not
follow. This step gives the same person the same role at each organisation listed right after
that one (commas and "and" / "et" only between them), for the role predicates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span

from .extensions import RelationCandidate

__all__ = ["LISTED", "listed_organisations"]

LISTED = "+listed"
_ROLE_PREDICATES = frozenset({"leads", "worksFor", "founded"})
_LINKS = frozenset({"at", "of", "chez", "de", "d'", "d’", "du"})
_JOINERS = frozenset({",", "and", "et", "&"})


def listed_organisations(doc: Doc, candidates: Sequence[RelationCandidate],
                         ent_of: Mapping[int, Span]) -> list[RelationCandidate]:
    """``candidates`` and, for a role at the first organisation of a list, the role at the others."""
    out = list(candidates)
    seen = {(c.subject_start, c.predicate, c.object_start) for c in candidates}
    for c in candidates:
        if (c.predicate not in _ROLE_PREDICATES or c.object_end <= 0 or c.object_start == 0
                or doc[c.object_start - 1].lower_ not in _LINKS or "+" in c.extractor):
            continue
        for org in _listed_after(doc, c.object_end, ent_of):
            key = (c.subject_start, c.predicate, org.start)
            if key not in seen:
                seen.add(key)
                out.append(c._replace(object_start=org.start, object_end=org.end,
                                      extractor=c.extractor + LISTED))
    return out


def _listed_after(doc: Doc, i: int, ent_of: Mapping[int, Span]) -> list[Span]:
    """The organisations listed right after the one that ends at token ``i``."""
    found: list[Span] = []
    end = doc[i - 1].sent.end
    while i + 1 < end and doc[i].lower_ in _JOINERS:
        j = i + 1 if doc[i + 1].lower_ not in _JOINERS else i + 2  # ", and"
        if j < end and doc[j].lower_ in _LINKS:  # "patron de Tesla, de SpaceX et de X"
            j += 1
        org = ent_of.get(j)
        if org is None or org.label_ != "Organization" or org.start != j:
            break
        found.append(org)
        i = org.end
    return found
