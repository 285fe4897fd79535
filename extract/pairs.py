"""The entity pairs of a sentence that may hold a relation, with references resolved.

News states many facts about an entity named in an earlier sentence ("*The start-up* raised
$40m", "*The round* was led by X", "*Its* backers include Y") or through a description in
apposition ("Mistral AI, *a start-up* founded by ..."). :func:`sentence_pairs` yields every
ordered pair of the sentence's entity mentions, and of the descriptions and pronouns that
:func:`aikg.extract.coref.resolve_references` resolves to an entity, paired with the sentence's
entities. Both the trained classifier and its training read pairs from here, so that what is
learnt is what is applied.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container, Iterator, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .coref import Reference, ReferenceSettings, resolve_references, resolved_references
from .lexicon import Lexicon
from .relation_features import pair_features

__all__ = [
    "ENTITY_LABELS", "Pair", "features", "reference_settings", "references", "sentence_entities", "sentence_pairs",
]

ENTITY_LABELS = frozenset({"Person", "Organization", "Place", "Event", "Product", "MonetaryAmount"})
#: A sentence with more entities is a list or a table, not a statement about pairs of them.
MAX_MENTIONS = 30


class Pair(NamedTuple):
    """``subject`` and ``obj`` as written in the sentence, and the entities they stand for.

    For an entity mention, the written span and the entity are the same span; for a reference
    ("the company"), the written span is the reference's token and the entity is its
    antecedent, possibly in an earlier sentence. ``via`` is ``""`` or the reference rule
    (``"+coref"``, ``"+appos"``), recorded in the extractor of the facts that use it.
    """

    subject: Span
    obj: Span
    subject_entity: Span
    obj_entity: Span
    via: str


def reference_settings(lexicon: Lexicon, lang: str) -> ReferenceSettings:
    """The lexicon's descriptions and pronouns, plus the funding nouns as descriptions of the company.

    "*The round* was led by X", "*L'opération* a été menée par Y": a round stands for the company
    that raised it (the salient organisation), which is how the investors of a round reach it.
    """
    known = _SETTINGS.get((id(lexicon), lang))
    if known is not None and known[0] is lexicon:
        return known[1]
    settings = lexicon.reference_settings(lang)
    nouns = dict(settings.nouns)
    funding = lexicon.words("funding_nouns", lang)
    nouns["Organization"] = frozenset({*nouns.get("Organization", ()), *funding})
    settings = dataclasses.replace(settings, nouns=nouns)
    _SETTINGS[(id(lexicon), lang)] = (lexicon, settings)
    return settings


#: The settings made by :func:`reference_settings`, one object per lexicon and language: the relation
#: finder resolves them with its own (``also``) and the classifier finds them resolved.
_SETTINGS: dict[tuple[int, str], tuple[Lexicon, ReferenceSettings]] = {}


def references(doc: Doc, settings: ReferenceSettings, ents: Sequence[Span] | None = None) -> dict[int, Reference]:
    """The references of ``doc``'s tokens that stand for an entity (see :mod:`.coref`); ``ents``:
    ``doc.ents`` if already read (each read makes every entity span anew)."""
    ent_of: dict[int, Span] = {}
    for ent in doc.ents if ents is None else ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    found = resolved_references(doc, ent_of, settings)  # resolved with the relation finder's
    return resolve_references(doc, ent_of, settings) if found is None else found


def sentence_entities(
    doc: Doc, ents: Sequence[Span] | None = None, sentences: Sequence[Span] | None = None
) -> dict[int, list[Span]]:
    """The entities of each sentence of ``doc`` (by the sentence's first token), as ``Span.ents``
    gives them: each call of ``Span.ents`` makes every entity of the document before it anew.
    ``ents`` and ``sentences``: ``doc.ents`` and ``doc.sents`` if already read."""
    found: dict[int, list[Span]] = {}
    remaining = iter(doc.ents if ents is None else ents)
    ent = next(remaining, None)
    for sentence in doc.sents if sentences is None else sentences:
        inside = found[sentence.start] = []
        while ent is not None and ent.start < sentence.end:
            if ent.start >= sentence.start and ent.end <= sentence.end:
                inside.append(ent)
            ent = next(remaining, None)
    return found


def _mentions(sentence: Span, refs: Mapping[int, Reference], ents: Sequence[Span] | None
              ) -> list[tuple[Span, Span, str]]:
    """(written span, entity, rule) of the sentence: its entities, then its resolved references."""
    found = [(e, e, "") for e in (sentence.ents if ents is None else ents) if e.label_ in ENTITY_LABELS]
    doc = sentence.doc
    for i in range(sentence.start, sentence.end):
        ref = refs.get(i)
        if ref is None:
            continue
        seen: set[str] = set()
        for entity in ref.candidates:
            if entity.label_ in seen or entity.label_ not in ENTITY_LABELS:
                continue
            seen.add(entity.label_)
            found.append((Span(doc, i, i + 1, label=entity.label_), entity, f"+{ref.rule}"))
    return found


def sentence_pairs(
    sentence: Span,
    refs: Mapping[int, Reference],
    *,
    ents: Sequence[Span] | None = None,
    types: Container[tuple[str, str]] | None = None,
    max_distance: int | None = None,
) -> Iterator[Pair]:
    """Every ordered pair of distinct entities written in ``sentence`` (at most one side a reference).

    ``ents``: the sentence's entities if already known (:func:`sentence_entities`). ``types`` and
    ``max_distance`` leave out, before they are made, the pairs whose (subject, object) entity
    labels are not in ``types`` and those whose written spans start further apart.
    """
    mentions = _mentions(sentence, refs, ents)
    if len(mentions) < 2 or len(mentions) > MAX_MENTIONS:
        return
    far = len(sentence) if max_distance is None else max_distance
    texts = [entity.text for _, entity, _ in mentions]  # Span.text joins its tokens: once per mention
    for (subject, subject_entity, s_via), s_text in zip(mentions, texts, strict=True):
        s_label = subject_entity.label_
        for (obj, obj_entity, o_via), o_text in zip(mentions, texts, strict=True):
            if s_via and o_via:
                continue
            if subject.start == obj.start or abs(subject.start - obj.start) > far:
                continue
            if types is not None and (s_label, obj_entity.label_) not in types:
                continue
            if subject_entity is obj_entity or s_text == o_text:
                continue
            yield Pair(subject, obj, subject_entity, obj_entity, s_via or o_via)


def features(pair: Pair) -> list[str]:
    """The classifier's features of ``pair``: those of the written spans, and which side is a reference."""
    found = pair_features(pair.subject, pair.obj)
    if pair.via:
        side = "s" if pair.subject is not pair.subject_entity else "o"
        found.append(f"ref:{side}{pair.via}")
    return found
