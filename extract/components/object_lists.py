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
from .name_lists import listed_after

__all__ = ["LISTED", "listed_organisations"]

LISTED = "+listed"
_ROLE_PREDICATES = frozenset({"leads", "worksFor", "founded"})
_LINKS = frozenset({"at", "of", "chez", "de", "d'", "d’", "du"})


def listed_organisations(doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
                         joiners: frozenset[str]) -> list[RelationCandidate]:
    """``candidates`` and, for a role at the first organisation of a list, the role at the others."""
    out = list(candidates)
    seen = {(c.subject_start, c.predicate, c.object_start) for c in candidates}
    for c in candidates:
        if (c.predicate not in _ROLE_PREDICATES or c.object_end <= 0 or c.object_start == 0
                or doc[c.object_start - 1].lower_ not in _LINKS or "+" in c.extractor):
            continue
        # "de A, de B et de C": the list may repeat its preposition
        for org in listed_after(doc, c.object_end, ent_of, "Organization", joiners, _LINKS):
            key = (c.subject_start, c.predicate, org.start)
            if key not in seen:
                seen.add(key)
                out.append(c._replace(object_start=org.start, object_end=org.end,
                                      extractor=c.extractor + LISTED))
    return out
