"""Partners named in brackets after a plural noun: "X s'est alliée aux six opérateurs majeurs
d'Afrique (A, B, C)", "X partnered with three carriers (A, B and C)".

A reciprocal partnership verb (``reciprocal_partner_verbs``: "s'allier", "s'associer", "partner",
"team up") whose complement is a common noun phrase names no partner by itself; the list in
brackets right after that phrase does. The organisation before the verb (over its auxiliaries,
a reflexive pronoun and the brackets of an acronym) is the partner of each name of the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate
from .name_lists import listed_after

__all__ = ["BRACKETED_PARTNERS", "PartnerVerbWords", "bracketed_partners"]

BRACKETED_PARTNERS = "pattern:partners-in-brackets"
_CONFIDENCE = 0.75
_ORG = "Organization"
_PREPS = frozenset({"à", "aux", "au", "avec", "with", "to"})
_PARTICLES = frozenset({"up"})
_JOINERS = frozenset({",", "et", "and", "&"})
#: Words between the subject and the verb: auxiliaries, reflexive pronouns, adverbs.
_BEFORE_VERB = frozenset({"s'", "s’", "se", "est", "sont", "a", "ont", "has", "have", "had", "also", "aussi",
                          "déjà", "already", "qui", "which", "that", "s'est", "s’est"})
_MAX_NOUN_PHRASE = 9


@dataclass(frozen=True)
class PartnerVerbWords:
    """The reciprocal partnership verbs (lemmas, lower-cased)."""

    verbs: frozenset[str] = words_field("reciprocal_partner_verbs")


_CACHE: dict[tuple[int, str], PartnerVerbWords] = {}


def bracketed_partners(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``partnerOf`` from the verb's subject to each organisation of the bracketed list."""
    key = (id(lexicon), lang)
    if key not in _CACHE:
        _CACHE[key] = lexicon.read_words(PartnerVerbWords, lang)
    verbs = _CACHE[key].verbs
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, verbs):
        if verb.lemma_.lower() not in verbs and verb.lower_ not in verbs:
            continue
        sent = verb.sent
        subject = _subject(doc, verb.i, ent_of, sent.start)
        partners = _bracketed(doc, verb.i + 1, ent_of, sent.end)
        if subject is None or not partners:
            continue
        for partner in partners:
            if partner.start != subject.start:
                out.append(RelationCandidate(subject.start, subject.end, "partnerOf", partner.start, partner.end,
                                             sent.start, sent.end, BRACKETED_PARTNERS, _CONFIDENCE, "", ""))
    return out


def _subject(doc: Doc, i: int, ent_of: Mapping[int, Span], floor: int) -> Span | None:
    """The organisation right before the verb at ``i``, over auxiliaries and an acronym's bracket."""
    j = i - 1
    while j >= floor and j not in ent_of and (doc[j].lower_ in _BEFORE_VERB or doc[j].pos_ == "AUX"):
        j -= 1
    if j >= floor and doc[j].text == ")":
        j -= 1
    ent = ent_of.get(j) if j >= floor else None
    return ent if ent is not None and ent.label_ == _ORG and ent.end == j + 1 else None


def _bracketed(doc: Doc, i: int, ent_of: Mapping[int, Span], end: int) -> list[Span]:
    """The organisations in brackets after "à/avec/with" and a common noun phrase."""
    if i < end and doc[i].lower_ in _PARTICLES:
        i += 1
    if i >= end or doc[i].lower_ not in _PREPS:
        return []
    j = i + 1
    limit = min(end, j + _MAX_NOUN_PHRASE)
    while j < limit and doc[j].text != "(":
        ent = ent_of.get(j)
        if (doc[j].is_punct and doc[j].text not in {"'", "’"}) or doc[j].pos_ in {"VERB", "AUX"} or (
                ent is not None and ent.label_ == _ORG):
            return []
        j += 1
    if j >= limit or j == i + 1 or j + 1 >= end:
        return []
    first = ent_of.get(j + 1)
    if first is None or first.label_ != _ORG or first.start != j + 1:
        return []
    members = [first, *listed_after(doc, first.end, ent_of, _ORG, _JOINERS)]
    last = members[-1].end
    return members if len(members) >= 2 and last < end and doc[last].text == ")" else []
