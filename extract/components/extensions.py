"""The ``Doc``/``Span`` extensions of the extraction layer and the record they carry.

Declared in one place so that every component and :mod:`aikg.extract.assemble` agree on them.
:class:`RelationCandidate` is what :class:`~.relation_finder.RelationFinder` finds; the
extension itself holds plain lists (what ``Doc.to_bytes`` serialises with msgpack, so that docs
cross process boundaries with ``n_process > 1``), converted here and nowhere else.

>>> import spacy
>>> doc = spacy.blank("en")("Sam Altman leads OpenAI.")
>>> set_relation_candidates(doc, [RelationCandidate(0, 2, "leads", 3, 4, 0, 5, "dep:x", 0.9, "", "")])
>>> doc._.aikg_relations
[[0, 2, 'leads', 3, 4, 0, 5, 'dep:x', 0.9, '', '']]
>>> relation_candidates(doc)[0].predicate
'leads'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span

from ..money import parse_money

__all__ = ["RelationCandidate", "register_extensions", "relation_candidates", "set_relation_candidates",
           "span_candidate"]


class RelationCandidate(NamedTuple):
    """A relation stated in a sentence, in token offsets of its ``Doc`` (not yet resolved to entities).

    For a demonym ("the Parisian start-up"), ``object_start`` is the demonym's token,
    ``object_end`` is ``-1`` and ``object_kb`` is the knowledge-base id of the place.
    """

    subject_start: int
    subject_end: int
    predicate: str
    object_start: int
    object_end: int
    sentence_start: int
    sentence_end: int
    #: The pattern id, with ``+appos``/``+coref`` when an anchor was resolved through a reference.
    extractor: str
    confidence: float
    object_kb: str
    #: Reserved: the trigger text (always ``""`` today).
    trigger: str


def span_candidate(subject: Span, predicate: str, obj: Span, sentence: Span, extractor: str,
                   confidence: float) -> RelationCandidate:
    """A candidate between two written spans, stated in ``sentence`` (no demonym, no trigger)."""
    return RelationCandidate(subject.start, subject.end, predicate, obj.start, obj.end, sentence.start,
                             sentence.end, extractor, confidence, "", "")


def register_extensions() -> None:
    """Declare the ``Doc``/``Span`` extensions used by the extraction layer (idempotent)."""
    if not Doc.has_extension("aikg_relations"):
        Doc.set_extension("aikg_relations", default=None)
    if not Span.has_extension("money"):
        Span.set_extension("money", getter=lambda span: parse_money(span.text))


def set_relation_candidates(doc: Doc, candidates: Iterable[RelationCandidate]) -> None:
    """Store ``candidates`` on ``doc._.aikg_relations`` as plain lists (msgpack-serialisable)."""
    doc._.aikg_relations = [list(candidate) for candidate in candidates]


def relation_candidates(doc: Doc) -> list[RelationCandidate]:
    """The candidates stored on ``doc`` (none if the relation component did not run)."""
    return [RelationCandidate._make(raw) for raw in doc._.aikg_relations or []]


register_extensions()
