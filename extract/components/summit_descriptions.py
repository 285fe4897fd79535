"""A summit on AI told by its host place, not its name: "le sommet sur l'IA à Paris", "the Paris AI
summit", "the AI summit in Seoul" (pure, token level).

News seldom writes an intergovernmental summit's official name ("AI Action Summit", "Sommet pour
l'action sur l'IA"): it says where it is held and what about. The knowledge base knows each summit
of the series as one event, and ``data/editions.jsonl`` where each edition was held. A summit noun
(``summit_nouns``) with an AI topic in its phrase (``ai_topic_words``: "AI", "IA", or the two words
of ``ai_topic_phrases``, "intelligence artificielle") and a known place near it in the sentence is
the knowledge base's summit whose edition was held in that place (or in that place's country, for
an edition known by its country): its noun becomes an Event linked to that summit, or the Event the
model made there, unlinked, is linked. Only series the knowledge base calls a summit are read, and
a place that hosted no such edition links nothing ("the AI summit in Lyon" stays unnamed).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..editions import editions
from ..kb import KnowledgeBase
from ..lexicon import Lexicon

__all__ = ["described_summits", "summits_by_place"]

#: How far from the summit noun, in tokens, its topic and its place may be written.
_TOPIC_REACH = 5
_PLACE_REACH = 10


def summits_by_place(kb: KnowledgeBase) -> dict[str, str]:
    """The place (KB id) each summit of the knowledge base was held in, from its editions:
    ``{"paris": "ai-action-summit", ...}``. A place that hosted two summits names neither."""
    found: dict[str, set[str]] = {}
    for series, items in editions().items():
        if series not in kb or "summit" not in kb[series].label.lower():
            continue
        for edition in items:
            if edition.place:
                found.setdefault(edition.place, set()).add(series)
    return {place: next(iter(series)) for place, series in found.items() if len(series) == 1}


def described_summits(doc: Doc, ents: Sequence[Span], kb: KnowledgeBase, lexicon: Lexicon,
                      hosts: dict[str, str]) -> list[Span]:
    """``ents`` with each summit told by its topic and host place linked to the knowledge base's
    summit (see the module docstring)."""
    nouns = lexicon.words("summit_nouns")
    summits = [t for t in cue_tokens(doc, nouns) if t.lower_ in nouns and t.pos_ in {"NOUN", "PROPN"}] if hosts else []
    if not summits:  # most documents: nothing more to read
        return list(ents)
    words = lexicon.words("ai_topic_words")
    phrases = [tuple(p.split()) for p in lexicon.words("ai_topic_phrases")]
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    linked: dict[int, Span] = {}
    for noun in summits:
        own = by_token.get(noun.i)
        if own is not None and (own.kb_id_ or own.label_ != "Event"):
            continue  # named already, or part of another kind of name
        if not _about_ai(noun, words, phrases):
            continue
        series = _hosted(noun, by_token, kb, hosts)
        if series is None:
            continue
        start, end = (own.start, own.end) if own is not None else (noun.i, noun.i + 1)
        linked[start] = Span(doc, start, end, label="Event", kb_id=series)
    if not linked:
        return list(ents)
    kept = [ent for ent in ents if not any(s.start <= ent.start < s.end or ent.start <= s.start < ent.end
                                          for s in linked.values())]
    return sorted(kept + list(linked.values()), key=lambda e: e.start)


def _about_ai(noun: Token, words: frozenset[str], phrases: list[tuple[str, ...]]) -> bool:
    """An AI topic written in the summit noun's phrase, before it ("the AI summit") or after it
    within a few words ("sommet sur l'IA", "summit on artificial intelligence")."""
    sent = noun.sent
    window = noun.doc[max(sent.start, noun.i - 2): min(sent.end, noun.i + _TOPIC_REACH + 1)]
    lowers = [t.lower_ for t in window]
    if any(w in words or w.split("’")[-1].split("'")[-1] in words for w in lowers):  # "l'IA"
        return True
    return any(tuple(lowers[i:i + len(p)]) == p for p in phrases for i in range(len(lowers)))


def _hosted(noun: Token, by_token: dict[int, Span], kb: KnowledgeBase, hosts: dict[str, str]) -> str | None:
    """The summit held in the known place nearest the noun in its sentence (or in its country)."""
    sent = noun.sent
    near = range(max(sent.start, noun.i - _PLACE_REACH), min(sent.end, noun.i + _PLACE_REACH + 1))
    places = sorted({ent for i in near
                     if (ent := by_token.get(i)) is not None and ent.label_ == "Place" and ent.kb_id_},
                    key=lambda ent: abs(ent.start - noun.i))
    for place in places:
        if place.kb_id_ in hosts:
            return hosts[place.kb_id_]
        country = kb[place.kb_id_].country if place.kb_id_ in kb else None
        if country is not None and country in hosts:
            return hosts[country]
    return None
