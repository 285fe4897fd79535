"""Where an organisation is based, from the place written in the words before its name (pure, no model).

English news names a company's home in the string of modifiers that stands before its name, with
no verb and no preposition: "London startup *X*", "US AI startup *X*", "Toronto-based generative
artificial intelligence (AI) startup *X*", "major Japanese tech firms *A*, *B* and *C*". The
parser reads such strings poorly (it tags "startup" a verb and makes the name the subject of the
next clause), so the dependency readings of :mod:`.demonym_places` and the token patterns, which
allow at most a few organisation nouns between, miss most of them. This module reads the
surface, right to left from each organisation's name:

1. the *descriptor words* right before the name: common nouns, adjectives, short acronyms
   ("AI"), a bracketed acronym and hyphens, none of them part of a name; the one next to the name
   is a noun that describes organisations (``org_nouns``) or another lowercase common noun
   ("chipmaker"), and none of them describes a person ("*CEO* X" is a person's title);
2. before them, the *place*: a Place name, alone or glued to a based word ("Toronto-based"), or a
   demonym ("Japanese");
3. the name and the names listed right after it (:func:`.demonym_places.listed_with`).

The place must stand right before the descriptors: "in London, startup X" (a comma between) or
"the London office of X" (the name after a preposition) are not this construction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from .demonym_places import listed_with
from .extensions import RelationCandidate

__all__ = ["CONFIDENCE", "EXTRACTOR", "premodifier_places"]

EXTRACTOR = "surface:place-premodifier"
#: As the demonym readings of the same kind of description (``pattern:demonym-org``).
CONFIDENCE = 0.75
#: At most this many descriptor words between the place and the name.
_MAX_DESCRIPTORS = 7
_BRACKETS = frozenset({"(", ")", "-"})
_DESCRIPTOR_POS = frozenset({"NOUN", "ADJ", "PROPN", "VERB", "X", "PUNCT"})


def premodifier_places(doc: Doc, ents: Sequence[Span], demonyms: Mapping[str, str], org_nouns: frozenset[str],
                       people_nouns: frozenset[str], based_words: frozenset[str]) -> list[RelationCandidate]:
    """``basedIn`` candidates for the organisations whose name follows a place and descriptor
    words (see the module docstring). ``ents`` are the document's entities in order; a demonym's
    candidate names its place by knowledge-base id (``object_end == -1``)."""
    ent_of = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    out: list[RelationCandidate] = []
    seen: set[tuple[int, int, str]] = set()
    stop_words = people_nouns | based_words
    for org in ents:
        if org.label_ != "Organization":
            continue
        first = _descriptors_start(doc, org, org_nouns, stop_words)
        if first is None:
            continue
        place, place_kb = _place_before(doc, first, ent_of, demonyms, based_words)
        if place is None:
            continue
        sent = org.sent
        for named in listed_with([org], ent_of, demonyms):
            key = (named.start, place.start, place_kb)
            if key in seen or named.label_ != "Organization":
                continue
            seen.add(key)
            end = -1 if place_kb else place.end
            out.append(RelationCandidate(named.start, named.end, "basedIn", place.start, end, sent.start, sent.end,
                                         EXTRACTOR, CONFIDENCE, place_kb, ""))
    return out


def _descriptors_start(doc: Doc, org: Span, org_nouns: frozenset[str], stop_words: frozenset[str]) -> int | None:
    """The position of the first descriptor word before ``org`` (see the module docstring), or
    ``None`` when the word right before the name describes no organisation. ``stop_words`` end
    the description: the nouns of persons and the based words ("Oslo-*based*")."""
    start = org.start
    if start == 0 or start == org.sent.start:
        return None
    last = doc[start - 1]
    if not _describes_org(last, org_nouns, stop_words):
        return None
    first = start - 1
    while first - 1 >= org.sent.start and start - first < _MAX_DESCRIPTORS:
        token = doc[first - 1]
        if not _descriptor(token, stop_words):
            break
        first -= 1
    while first < start and doc[first].text in _BRACKETS:  # "Toronto-based (": a bracket opens no description
        first += 1
    return first


def _describes_org(token: Token, org_nouns: frozenset[str], stop_words: frozenset[str]) -> bool:
    """Whether the word right before a name can describe it as an organisation: an organisation noun,
    or a lowercase common noun that names no person."""
    if token.ent_type_ or {token.lower_, token.lemma_.lower()} & stop_words:
        return False
    if {token.lower_, token.lemma_.lower()} & org_nouns:
        return True
    return token.pos_ == "NOUN" and token.is_lower and token.is_alpha


def _descriptor(token: Token, stop_words: frozenset[str]) -> bool:
    """A word of the description between the place and the name."""
    if token.ent_type_ or token.pos_ not in _DESCRIPTOR_POS:
        return False
    if token.pos_ == "PUNCT":
        return token.text in _BRACKETS
    if {token.lower_, token.lemma_.lower()} & stop_words:
        return False
    acronym = token.is_upper and token.is_alpha and len(token) <= 4
    return acronym or (token.is_lower and (token.is_alpha or "-" in token.text))


def _place_before(doc: Doc, first: int, ent_of: Mapping[int, Span], demonyms: Mapping[str, str],
                  based_words: frozenset[str]) -> tuple[Span | None, str]:
    """The place written right before the descriptors at ``first`` (a Place name, optionally
    "-based", or a demonym) and its knowledge-base id when it is a demonym."""
    at = first - 1
    if at >= 0 and doc[at].lower_ in based_words:
        at -= 1
        if at >= 0 and doc[at].text == "-":
            at -= 1
    if at < 0:
        return None, ""
    ent = ent_of.get(at)
    if ent is not None and ent.label_ == "Place" and ent.end == at + 1:
        return ent, ""
    token = doc[at]
    place_kb = demonyms.get(token.lower_, "")
    if place_kb and (ent is None or ent.label_ == "Place"):
        return doc[at: at + 1], place_kb
    return None, ""
