"""A company at its own conference (issue 15).

"Microsoft Build", "Google I/O", "Acme Summit 2025": an event named after the organisation that
runs it. The gold guidelines count the company at its own conference as attending it, and the text
rarely says so in one clause ("Nadella's keynote at Build 2024"). :func:`owner_attendance` gives
``attended(org, event)`` when the document names both the organisation and an event whose name
begins with it: the event's surface name begins with the organisation's ("Acme" and "Acme
Summit"), or the event's knowledge-base id begins with the organisation's ("microsoft" and
"microsoft-build": the ids are slugs of the labels, so "Build 2024" read as Microsoft Build counts).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from ..normalize import compact
from .extensions import RelationCandidate

__all__ = ["owner_attendance"]

EXTRACTOR = "discourse:attended-owner"
#: The knowledge base or the surface says whose event it is; the attendance itself is a convention.
CONFIDENCE = 0.6


def _owns(org: Span, event: Span) -> bool:
    if org.kb_id_ and event.kb_id_ and event.kb_id_.startswith(org.kb_id_ + "-"):
        return True
    return len(event) > len(org) and compact(event[: len(org)].text) == compact(org.text) and (
        org[0].text[:1].isupper())


def owner_attendance(doc: Doc, ent_of: Mapping[int, Span]) -> list[RelationCandidate]:
    """``attended`` candidates for the organisations whose events ``doc`` names."""
    ents = {(e.start, e.end): e for e in ent_of.values()}.values()
    events = [e for e in ents if e.label_ == "Event"]
    if not events:
        return []
    orgs = sorted((e for e in ents if e.label_ == "Organization"), key=lambda e: e.start)
    out: list[RelationCandidate] = []
    seen: set[tuple[str, str]] = set()
    for event in sorted(events, key=lambda e: e.start):
        for org in orgs:
            if event.start <= org.start < event.end or not _owns(org, event):
                continue
            key = (org.kb_id_ or compact(org.text), event.kb_id_ or compact(event.text))
            if key in seen:
                continue
            seen.add(key)
            sent = event.sent
            out.append(RelationCandidate(org.start, org.end, "attended", event.start, event.end,
                                         sent.start, sent.end, EXTRACTOR, CONFIDENCE, "", ""))
    return out
