"""A known place inside the model's longer name is part of that name ("Smart Africa", "GITEX Africa").

Why: the KB ruler overwrites the model's entities with known names, and since the KB holds every
country, continent and region (``cldr_places.py``), the place words that organisations, events
and publications are named with ("*Asia* Tech Review", "Smart *Africa*", "Africa FinTech Forum")
became places and cut the names they belong to. When the model read a longer organisation,
product, event or work name around the place, on one line, made of capitalised words (and the
connectors of a name: "of", "de", "to"), and no other known name lies inside it, the model's name
is kept with the model's label; the cleaner types and checks it as any unknown name. The model's
place and person spans are not read, so "Paris" in "Paris, France" stays a place.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase
from ..records import EntityType
from .model_spans import SPANS_KEY

__all__ = ["places_in_names"]

#: Model labels of names that may contain a place (the French model's MISC included).
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "FAC", "MISC"})
#: Words that join the words of a name ("Africa Gate *to* Growth Forum", "Université *de* Lyon").
_ARTICLES = frozenset({"the", "la", "le", "les", "l'", "l’"})
_CONNECTORS = frozenset({"of", "de", "du", "des", "d'", "d’", "to", "for", "&", "and", "et", "-"})


def places_in_names(doc: Doc, ents: list[Span], kb: KnowledgeBase) -> list[Span]:
    """``ents`` with each KB place that lies inside a longer model name replaced by that name.

    >>> import spacy
    >>> from aikg.extract.kb import KBEntry
    >>> kb = KnowledgeBase({"asia": KBEntry("asia", EntityType.PLACE, "Asia")})
    >>> doc = spacy.blank("en")("Follow the Asia Tech Review page.")
    >>> doc.spans[SPANS_KEY] = [Span(doc, 2, 5, "ORG")]
    >>> doc.ents = [Span(doc, 2, 3, "Place", span_id="asia")]
    >>> [(e.text, e.label_) for e in places_in_names(doc, list(doc.ents), kb)]
    [('Asia Tech Review', 'ORG')]
    """
    model = [s for s in doc.spans[SPANS_KEY] if s.label_ in _NAME_LABELS] if SPANS_KEY in doc.spans else []
    if not model:
        return ents
    out: list[Span] = []
    taken: set[int] = set()
    for index, ent in enumerate(ents):
        if index in taken:
            continue
        longer = _longer_name(doc, ent, model, kb) if ent.ent_id_ in kb else None
        inside = [i for i, e in enumerate(ents) if longer is not None and e.start < longer.end and e.end > longer.start]
        if longer is None or inside != [index]:
            out.append(ent)
            continue
        out.append(Span(doc, longer.start, longer.end, label=longer.label_))
    return out


def _longer_name(doc: Doc, ent: Span, model: list[Span], kb: KnowledgeBase) -> Span | None:
    """The model's name of capitalised words on one line that contains the place ``ent``, if any."""
    if kb[ent.ent_id_].type is not EntityType.PLACE:
        return None
    for whole in model:
        if not (whole.start <= ent.start and ent.end <= whole.end):
            continue  # cannot hold the place (checked before any Token is made)
        start = whole.start + (whole[0].lower_ in _ARTICLES and len(whole) > 1)  # "the Asia Tech Review"
        span = Span(doc, start, whole.end, label=whole.label_)
        if not (span.start <= ent.start and ent.end <= span.end and len(span) > len(ent)):
            continue
        if "\n" in span.text or kb.lookup(span.text) is not None:
            return None
        words = [t for t in span if not (ent.start <= t.i < ent.end)]
        if words[0].i == span.start and words[0].is_lower:
            return None  # "the Africa office": a determiner or common word before the place
        if all(t.text[:1].isupper() or t.is_digit or (t.lower_ in _CONNECTORS and t.i not in (span.start, span.end - 1))
               for t in words):
            return span
        return None
    return None
