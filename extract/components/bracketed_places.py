"""Where organisations are based, from a place followed by their names in brackets (pure, no model).

Surveys and round-ups group companies by region and give the names in brackets after the place:
"AI organisations from Europe (*A* and *B*), the Middle East (*C* and *D*) and Asia (*E*, *F*
and *G*)", "des start-up de France (*A*, *B*) et d'Allemagne (*C*)". The brackets hold only
organisations, joined by commas and "and"/"et": each is based in the place before the bracket.
A bracket that holds anything else (a date, a figure, a person, a word) is not such a list, and
"X (Paris)" (a place in brackets after a name) is read by the token pattern
``pattern:org-bracketed-place``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from .extensions import RelationCandidate
from .name_lists import listed_after

__all__ = ["CONFIDENCE", "EXTRACTOR", "bracketed_places"]

EXTRACTOR = "surface:place-bracketed-orgs"
#: As the place written before a name's descriptors (:mod:`.place_premodifiers`).
CONFIDENCE = 0.75
#: Places with their names in brackets that a sentence must give: a round-up by region gives
#: several, where one bracket after "les opérateurs d'Afrique" lists what the noun describes.
_MIN_GROUPS = 2


def bracketed_places(doc: Doc, ents: Sequence[Span], joiners: frozenset[str]) -> list[RelationCandidate]:
    """``basedIn`` candidates for the organisations listed in brackets right after a place
    (``joiners``: :func:`.name_lists.list_joiners`)."""
    ent_of = {i: e for e in ents for i in range(e.start, e.end)}
    groups: dict[int, list[tuple[Span, list[Span]]]] = {}  # sentence start -> its places and their names
    for place in ents:
        if place.label_ != "Place" or not place[0].is_title or place.end + 1 >= len(doc) \
                or doc[place.end].text != "(":
            continue
        members = _members(doc, place.end + 1, ent_of, joiners)
        if members:
            groups.setdefault(place.sent.start, []).append((place, members))
    out: list[RelationCandidate] = []
    for found in groups.values():
        if len(found) < _MIN_GROUPS:
            continue  # "les opérateurs majeurs d'Afrique (A, B)": one bracket may list what the noun describes
        for place, members in found:
            sent = place.sent
            out.extend(RelationCandidate(org.start, org.end, "basedIn", place.start, place.end, sent.start,
                                         sent.end, EXTRACTOR, CONFIDENCE, "", "") for org in members)
    return out


def _members(doc: Doc, start: int, ent_of: dict[int, Span], joiners: frozenset[str]) -> list[Span]:
    """The organisations of a bracket that opens before ``start``: all of it names, or none."""
    first = ent_of.get(start)
    if first is None or first.start != start or first.label_ != "Organization":
        return []
    members = [first, *listed_after(doc, first.end, ent_of, "Organization", joiners)]
    end = members[-1].end
    return members if end < len(doc) and doc[end].text == ")" else []
