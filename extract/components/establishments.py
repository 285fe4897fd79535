"""Where an organisation is established, said as a presence, an opening or a list of investors'
countries (``basedIn``), read token by token (the French parse of these clauses is unreliable):

- a presence adjective before a list of places (``presence_place_adjectives``): "Déjà présente à
  Londres, Berlin et Madrid, X ouvre ...", "X, déjà présent à A et B, ...", "X is present in A";
- an opening of an office (``establishment_verbs`` with an ``establishment_nouns`` object): "X et Y
  ont ouvert des laboratoires à P", "X opened an office in P"; the same object after a
  verb of having (``holding_verbs``): "X has offices in A, B and C", "X dispose d'un laboratoire
  à P"; a reflexive settling verb (``settling_verbs``): "X s'installe à P";
- an organisation followed by its country in a list of at least two such pairs: "A et B en
  Allemagne, C en Italie ou encore D au Royaume-Uni" (each investor's country).

A statement of the future or of a possibility between the organisation and the verb
(``establishment_blockers``: "va ouvrir", "will open", "sera présente"), a verb in the future tense
or a progressive ("is opening an office") states no seat, nor does an intention ("prévoit de
s'installer": no organisation stands right before the verb), nor a presence in a sentence that
names an event or an event noun (``presence_event_nouns``: "présente au salon", "présente à Paris
pour la conférence"): that presence is attendance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate
from .name_lists import listed_after

__all__ = ["EstablishmentWords", "establishment_places"]

PRESENCE = "pattern:present-in-places"
OPENING = "pattern:opened-office-in"
LISTED = "pattern:listed-org-country"
_CONFIDENCE = 0.75
_ORG = "Organization"
_PLACE = "Place"
_EVENT = "Event"
_PREPS = frozenset({"à", "a", "en", "au", "aux", "in", "at", "dans"})
_JOINERS = frozenset({",", "et", "and", "ou", "or"})
_LIST_ENDS = frozenset({",", "et", "and", "ou", "or", ".", ";", ")", "-", "–", "—"})
_ARTICLES = frozenset({"l'", "l’", "la", "le", "les", "the"})
_ELIDED = frozenset({"l'", "l’"})
_COUNTRY_PREPS = frozenset({"en", "au", "aux", "in"})
_REFLEXIVES = frozenset({"s'", "s’", "se"})
#: Words between an organisation and its verb or adjective that keep them in one clause.
_CLAUSE_WORDS = frozenset({"qui", "which", "that", "eux", "elles", "elle", "il", "aussi", "also", "already",
                           "déjà", "est", "sont", "était", "étaient", "is", "are", "was", "were", "has", "have",
                           "had", "a", "ont", "avait", "avaient", "been", "été", "ne", "n'", "n’", "officiellement"})
#: Lower-case words a list item may put before the name ("la marque coréenne Samsung").
_MAX_DESCRIPTOR = 4
_MAX_OBJECT_GAP = 6
_MAX_PLACE_GAP = 5


@dataclass(frozen=True)
class EstablishmentWords:
    """The cue words of one language (lower-cased forms or lemmas)."""

    presence: frozenset[str] = words_field("presence_place_adjectives")
    verbs: frozenset[str] = words_field("establishment_verbs")
    nouns: frozenset[str] = words_field("establishment_nouns")
    settling: frozenset[str] = words_field("settling_verbs")
    holding: frozenset[str] = words_field("holding_verbs")
    blockers: frozenset[str] = words_field("establishment_blockers")
    events: frozenset[str] = words_field("event_descriptors", "event_session_nouns", "side_event_nouns",
                                         "presence_event_nouns")


_CACHE: dict[tuple[int, str], EstablishmentWords] = {}


def _words(lexicon: Lexicon, lang: str) -> EstablishmentWords:
    key = (id(lexicon), lang)
    if key not in _CACHE:
        _CACHE[key] = lexicon.read_words(EstablishmentWords, lang)
    return _CACHE[key]


def establishment_places(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon,
                         lang: str, ents: Sequence[Span] | None = None) -> list[RelationCandidate]:
    """``basedIn`` candidates from presences, openings and lists of organisations with their country
    (``ents``: ``doc.ents`` when the caller has read them)."""
    words = _words(lexicon, lang)
    out: list[RelationCandidate] = []
    seen: set[tuple[int, int]] = set()

    def emit(orgs: list[Span], places: list[Span], sent: Span, extractor: str) -> None:
        for org in orgs:
            for place in places:
                if (org.start, place.start) in seen:
                    continue
                seen.add((org.start, place.start))
                out.append(RelationCandidate(org.start, org.end, "basedIn", place.start, place.end,
                                             sent.start, sent.end, extractor, _CONFIDENCE, "", ""))

    for token in cue_tokens(doc, words.presence):
        if token.lower_ not in words.presence:
            continue
        sent = token.sent
        places = _places_after(doc, token.i + 1, ent_of, sent.end)
        if not places or _names_event(sent, ent_of, words) or _blocked(doc, sent.start, token.i, words, 3):
            continue
        orgs = _fronted_subject(doc, token, places[-1], ent_of) or _orgs_before(doc, token.i, ent_of, sent.start)
        emit(orgs, places, sent, PRESENCE)
    for token in cue_tokens(doc, words.verbs | words.settling | words.holding):
        sent = token.sent
        # a future ("ouvrira") or a progressive ("is opening") announces a plan
        if token.pos_ not in {"VERB", "AUX"} or "Fut" in token.morph.get("Tense", []) or token.tag_ == "VBG":
            continue
        start = _verb_start(doc, token, words, sent.start)
        if start is None:
            continue
        orgs = _orgs_before(doc, start, ent_of, sent.start)
        if not orgs or _blocked(doc, orgs[-1].end, token.i, words, token.i - orgs[-1].end):
            continue
        places = _opened_places(doc, token, ent_of, words, sent.end)
        emit(orgs, places, sent, OPENING)
    # only organisations followed by a country preposition can pair, and a sentence needs two
    cued = [ent for ent in (doc.ents if ents is None else ents)
            if ent.label_ == _ORG and ent.end < len(doc) and doc[ent.end].lower_ in _COUNTRY_PREPS]
    if len(cued) < 2:
        return out
    k = 0
    for sent in doc.sents:
        if k >= len(cued):
            break
        inside: list[Span] = []
        while k < len(cued) and cued[k].start < sent.end:
            if cued[k].start >= sent.start and cued[k].end <= sent.end:
                inside.append(cued[k])
            k += 1
        if len(inside) < 2:
            continue
        pairs = _country_pairs(doc, sent, inside, ent_of)
        for orgs, place in pairs if len(pairs) >= 2 else []:
            emit(orgs, [place], sent, LISTED)
    return out


def _verb_start(doc: Doc, verb: Token, words: EstablishmentWords, floor: int) -> int | None:
    """Where the verb's clause starts (before a reflexive pronoun of a settling verb), or ``None``
    when the token is no verb of either kind."""
    lemma, lower = verb.lemma_.lower(), verb.lower_
    if lemma in words.settling or lower in words.settling:
        before = verb.i - 1
        if before >= floor and doc[before].lower_ in _REFLEXIVES:
            return before
        return None
    opening = words.verbs | words.holding
    return verb.i if lemma in opening or lower in opening else None


def _opened_places(doc: Doc, verb: Token, ent_of: Mapping[int, Span], words: EstablishmentWords,
                   end: int) -> list[Span]:
    """The places of an opening: "à P" after the office noun the verb opens, or right after a
    settling verb ("s'installe (officiellement) à P")."""
    lemma = verb.lemma_.lower()
    if lemma in words.settling or verb.lower_ in words.settling:
        i = verb.i + 1
        while i < end and doc[i].pos_ == "ADV" and i - verb.i <= 2:
            i += 1
        return _places_after(doc, i, ent_of, end)
    for i in range(verb.i + 1, min(end, verb.i + 1 + _MAX_OBJECT_GAP)):
        word = doc[i]
        if i in ent_of or (word.pos_ in {"VERB", "PUNCT"} and word.text != "-"):
            return []
        if word.lower_ in words.nouns or word.lemma_.lower() in words.nouns:
            for j in range(i + 1, min(end, i + 1 + _MAX_PLACE_GAP)):
                if doc[j].pos_ in {"VERB", "PUNCT"}:
                    return []
                places = _places_after(doc, j, ent_of, end)
                if places:
                    return places
            return []
    return []


def _places_after(doc: Doc, i: int, ent_of: Mapping[int, Span], end: int) -> list[Span]:
    """The place list that a preposition at ``i`` opens: "à Londres, Berlin et Madrid"."""
    if i + 1 >= end or doc[i].lower_ not in _PREPS:
        return []
    i += 1
    if doc[i].lower_ in _ARTICLES and i + 1 < end:
        i += 1
    first = ent_of.get(i)
    if first is None or first.label_ != _PLACE or first.start != i:
        return []
    return [first, *listed_after(doc, first.end, ent_of, _PLACE, _JOINERS, _PREPS)]


def _names_event(sent: Span, ent_of: Mapping[int, Span], words: EstablishmentWords) -> bool:
    return any((ent_of.get(t.i) is not None and ent_of[t.i].label_ == _EVENT)
               or t.lower_ in words.events or t.lemma_.lower() in words.events for t in sent)


def _blocked(doc: Doc, start: int, end: int, words: EstablishmentWords, reach: int) -> bool:
    """Whether a word of the future or of an intention stands within ``reach`` words before ``end``."""
    return any(doc[i].lower_ in words.blockers or doc[i].lemma_.lower() in words.blockers
               for i in range(max(start, end - reach), end))


def _fronted_subject(doc: Doc, adjective: Token, last: Span, ent_of: Mapping[int, Span]) -> list[Span]:
    """The organisation a fronted presence phrase describes: "(Déjà) présente à A et B, X ..."."""
    sent = adjective.sent
    if any(t.pos_ != "ADV" for t in doc[sent.start:adjective.i]):
        return []
    i = last.end
    if i >= sent.end or doc[i].text != ",":
        return []
    i += 1
    if i < sent.end and doc[i].pos_ == "DET":
        i += 1
    ent = ent_of.get(i)
    return [ent] if ent is not None and ent.label_ == _ORG and ent.start == i else []


def _orgs_before(doc: Doc, i: int, ent_of: Mapping[int, Span], floor: int) -> list[Span]:
    """The organisations whose clause the word at ``i`` continues: back over auxiliaries, adverbs,
    "qui" and commas to a name, then over a list of names ("A, la marque B et C ont ouvert")."""
    j = i - 1
    while j >= floor and j not in ent_of and (doc[j].lower_ in _CLAUSE_WORDS or doc[j].text == ","
                                               or doc[j].pos_ in {"ADV", "AUX"}):
        j -= 1
    orgs: list[Span] = []
    while j >= floor:
        ent = ent_of.get(j)
        if ent is None or ent.label_ != _ORG:
            break
        orgs.insert(0, ent)
        j = ent.start - 1
        j = _skip_descriptor(doc, j, floor)
        if j < floor or doc[j].lower_ not in _JOINERS:
            break
        j = _skip_descriptor(doc, j - 1, floor)
    return orgs


def _skip_descriptor(doc: Doc, j: int, floor: int) -> int:
    """Back over the lower-case words a list item puts before its name ("la marque coréenne")."""
    skipped = 0
    # a demonym ("coréenne") is a lower-case place of its own
    while (j >= floor and skipped < _MAX_DESCRIPTOR and doc[j].lower_ not in _JOINERS
           and ((doc[j].is_lower and doc[j].is_alpha) or doc[j].lower_ in _ELIDED)):
        j -= 1
        skipped += 1
    return j


def _country_pairs(doc: Doc, sent: Span, orgs_in: list[Span],
                   ent_of: Mapping[int, Span]) -> list[tuple[list[Span], Span]]:
    """Each "A (et B) en P" of a sentence (``orgs_in``: its organisations followed by a country
    preposition), followed by a list's comma, joiner or end."""
    pairs: list[tuple[list[Span], Span]] = []
    for ent in orgs_in:
        if ent.end + 1 >= sent.end:
            continue
        start = ent.end + 1
        if doc[start].lower_ == "the" and start + 1 < sent.end:
            start += 1
        place = ent_of.get(start)
        if place is None or place.label_ != _PLACE or place.start != start:
            continue
        if place.end < sent.end and doc[place.end].lower_ not in _LIST_ENDS:
            continue
        orgs = [ent]
        j = ent.start - 1
        while j - 1 >= sent.start and doc[j].lower_ in {"et", "and"}:
            prev = ent_of.get(j - 1)
            if prev is None or prev.label_ != _ORG:
                break
            orgs.insert(0, prev)
            j = prev.start - 1
        pairs.append((orgs, place))
    return pairs
