"""Where an organisation is, from the places that news states around it (pure, no model).

The token patterns catch "X, based in Y" and "Y-based X"; the nationality words are read by
:mod:`.demonym_places`. This module reads the constructions that name an organisation's place
through another word, on the dependency tree, with the parser's usual slips allowed for:

1. an *office* noun ("office", "headquarters", "siège", "bureaux") owned by the organisation, with
   its place before it or after a place preposition, or as the place of the clause it is the
   subject of: "X's London office", "X, whose Denver offices are ...", "X, whose headquarters are
   in Y", "X, dont le siège est à Y", "the tech giant's headquarters in the ... city of Y". The
   owner is the possessor (a name, or a description through its reference), the name right before
   "whose"/"dont" (the parser hangs a relative clause on the wrong conjunct), or "of"/"de" + name;
2. a *fronted participle* of the based words that opens a sentence, with every place it names,
   describes the noun phrase after its closing comma: "Initialement basée à Lyon puis à Boston,
   la start-up X" (the sentence splitter often cuts such a sentence at that comma);
3. the *regions and conjuncts* of a place already found: "based in Austin, Texas" and
   "Headquartered in Munich, Germany" name both places (as the gold does).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["CONFIDENCE", "stated_places"]

#: As the dependency pattern of the same construction (``dep:office-in``).
CONFIDENCE = 0.75
OFFICE_EXTRACTOR = "dep:office-place"
FRONTED_EXTRACTOR = "dep:fronted-based"
#: Suffix of a place added as the region or conjunct of a found one.
REGION_SUFFIX = "+region"
#: Links along which the places of a phrase are collected (not into clauses of their own).
_PLACE_LINKS = frozenset({"compound", "pobj", "prep", "nmod", "appos", "conj", "flat", "flat:name", "amod",
                          "obl", "obl:arg", "obl:mod", "case", "det", "cc", "punct"})
_OBLIQUE_DEPS = frozenset({"prep", "obl", "obl:arg", "obl:mod", "nmod", "advmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
#: Tokens after a fronted participle within which its closing comma and noun phrase must come.
_FRONT_REACH = 20


def stated_places(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                  refs: Mapping[int, Reference], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``basedIn`` candidates of the constructions of the module docstring; ``candidates`` are the
    ones found so far, whose places get their regions and conjuncts."""
    offices = lexicon.words("office_nouns", lang)
    preps = lexicon.words("place_preps", lang)
    relatives = lexicon.words("relative_possessives", lang)
    based = frozenset(w.lower() for w in lexicon.based_words.get(lang, []))
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, offices | based):
        if token.lower_ in offices and token.pos_ in {"NOUN", "PROPN"} and token.i not in ent_of:
            owners, rule = _office_owner(token, ent_of, refs, relatives)
            if owners:
                _emit(out, owners, _office_places(token, ent_of, preps), token.sent, OFFICE_EXTRACTOR, rule)
        elif token.lower_ in based and _opens_sentence(token):
            places = _participle_places(token, ent_of, preps)
            if places:
                owners, rule = _fronted_subject(token, ent_of, refs, preps)
                _emit(out, owners, places, token.sent, FRONTED_EXTRACTOR, rule)
    return out + _regions([*candidates, *out], ent_of)


def _emit(out: list[RelationCandidate], owners: list[Span], places: list[Span], sent: Span,
          extractor: str, rule: str) -> None:
    confidence = CONFIDENCE * (REFERENCE_DISCOUNT if rule else 1.0)
    name = extractor + (f"+{rule}" if rule else "")
    for owner in owners:
        for place in places:
            out.append(RelationCandidate(owner.start, owner.end, "basedIn", place.start, place.end,
                                         sent.start, sent.end, name, confidence, "", ""))


def _organisation(token: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> tuple[list[Span], str]:
    """The organisation a token names or refers to, with the reference rule ("" for a name)."""
    ent = ent_of.get(token.i)
    if ent is not None:
        return ([ent], "") if ent.label_ == "Organization" else ([], "")
    ref = refs.get(token.i)
    if ref is not None:
        for candidate in ref.candidates:
            if candidate.label_ == "Organization":
                return [candidate], ref.rule
    return [], ""


def _office_owner(office: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                  relatives: frozenset[str]) -> tuple[list[Span], str]:
    doc = office.doc
    nearby = [*office.children, *(office.head.children if office.dep_ in _SUBJECT_DEPS else ())]
    for child in nearby:  # "dont le siège se trouve": "dont" may hang on the verb
        if child.lower_ in relatives and child.i < office.i:
            # "A and B, *whose* offices": the name written right before, whatever the parser attached
            before = child.i - 2 if child.i >= 2 and doc[child.i - 1].text == "," else child.i - 1
            ent = ent_of.get(before)
            return ([ent], "") if ent is not None and ent.label_ == "Organization" else ([], "")
    for child in office.children:
        if child.dep_ in {"poss", "nmod:poss"} and child.i < office.i:
            # "X's office"; a description's ("the giant's headquarters") only when written next to
            # its name: a guess at the salient organisation places the wrong one
            found, rule = _organisation(child, ent_of, refs)
            return (found, rule) if rule != "coref" else ([], "")
        if child.i > office.i and child.dep_ in {"prep", "nmod"} and child.lower_ in {"of", "de", "du"}:
            for grandchild in child.children:  # "the headquarters of X"
                if grandchild.dep_ == "pobj" and grandchild.i in ent_of:
                    return _organisation(grandchild, ent_of, refs)
        if child.i > office.i and child.dep_ == "nmod" and child.i in ent_of \
                and any(c.lower_ in {"de", "du", "d'", "d’"} for c in child.children if c.dep_ == "case"):
            return _organisation(child, ent_of, refs)  # "le siège de X"
    return [], ""


def _office_places(office: Token, ent_of: Mapping[int, Span], preps: frozenset[str]) -> list[Span]:
    places: list[Span] = []
    for child in office.children:
        ent = ent_of.get(child.i)
        if child.i < office.i and ent is not None and ent.label_ == "Place" \
                and child.dep_ in {"compound", "amod", "nmod"}:
            places.append(ent)  # "the London office"
        elif child.i > office.i:
            places.extend(_after_preposition(child, ent_of, preps))  # "headquarters in Y"
    head = office.head
    if not places and office.dep_ in _SUBJECT_DEPS and head.i != office.i:
        ent = ent_of.get(head.i)
        if ent is not None and ent.label_ == "Place" and any(c.dep_ == "cop" for c in head.children):
            places.append(ent)  # "le siège est à Lyon" parsed with the place as the predicate
        for child in head.children:  # "whose headquarters are in Y", "dont le siège se trouve à Y"
            if child.i > office.i:
                places.extend(_after_preposition(child, ent_of, preps))
    return _unique(places)


def _after_preposition(token: Token, ent_of: Mapping[int, Span], preps: frozenset[str]) -> list[Span]:
    """The places of the phrase that ``token`` heads when a place preposition introduces it:
    "*in* the Silicon Valley city of Y, Z" (English ``prep``) or "*à* Y" (a ``case`` child)."""
    if token.dep_ == "prep" and token.lower_ in preps:
        return [p for child in token.children if child.dep_ == "pobj" for p in _places_under(child, ent_of)]
    if token.dep_ in _OBLIQUE_DEPS and any(c.dep_ == "case" and c.lower_ in preps for c in token.children):
        return _places_under(token, ent_of)
    return []


def _places_under(token: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """The places in the phrase of ``token``, not in the clauses hung on it."""
    found: list[Span] = []
    stack = [token]
    while stack:
        current = stack.pop()
        ent = ent_of.get(current.i)
        if ent is not None and ent.label_ == "Place":
            found.append(ent)
        stack.extend(c for c in current.children if c.dep_ in _PLACE_LINKS and c.pos_ not in {"VERB", "AUX"})
    return _unique(sorted(found, key=lambda e: e.start))


def _opens_sentence(token: Token) -> bool:
    """A participle that opens its sentence, after an adverb at most ("Initialement basée à")."""
    sent = token.sent
    return token.pos_ in {"VERB", "ADJ"} and (token.i == sent.start or (
        token.i == sent.start + 1 and token.doc[sent.start].pos_ == "ADV"))


def _participle_places(participle: Token, ent_of: Mapping[int, Span], preps: frozenset[str]) -> list[Span]:
    """The places after a preposition (or a comma: a region) up to the participle's closing comma,
    read on the surface: the splitter may cut "installée à Nantes *puis à Montréal*" after Nantes."""
    doc = participle.doc
    places: list[Span] = []
    i = participle.i + 1
    while i < min(participle.i + _FRONT_REACH, len(doc)):
        ent = ent_of.get(i)
        if doc[i].pos_ in {"VERB", "AUX"} and ent is None:
            break
        if ent is not None and ent.start == i:
            if ent.label_ == "Place" and (doc[i - 1].lower_ in preps or doc[i - 1].text == ","):
                places.append(ent)
            i = ent.end
            continue
        if doc[i].text == "," and not _place_follows(doc, i, ent_of, preps):
            break
        i += 1
    return places


def _fronted_subject(participle: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                     preps: frozenset[str]) -> tuple[list[Span], str]:
    """The organisation of the noun phrase after the participle's closing comma: the first comma
    not followed by a place ("Headquartered in Munich*,* Germany*,* the startup")."""
    doc = participle.doc
    end = min(participle.i + _FRONT_REACH, len(doc))
    for i in range(participle.i + 1, end):
        if doc[i].pos_ in {"VERB", "AUX"}:
            return [], ""
        if doc[i].text != "," or _place_follows(doc, i, ent_of, preps):
            continue
        described: tuple[list[Span], str] = ([], "")
        for j in range(i + 1, min(i + 6, end)):
            if doc[j].pos_ in {"VERB", "AUX"} or (doc[j].is_punct and doc[j].text != "-"):
                break
            if j in ent_of:  # "la start-up X": the name, not what "la start-up" was resolved to
                return _organisation(doc[j], ent_of, refs)
            if not described[0]:
                described = _organisation(doc[j], ent_of, refs)
        return described
    return [], ""


def _place_follows(doc: Doc, comma: int, ent_of: Mapping[int, Span], preps: frozenset[str]) -> bool:
    """Whether a place (after a preposition at most) follows the comma: "à Grenoble*, en Isère*"."""
    nxt = comma + 2 if comma + 1 < len(doc) and doc[comma + 1].lower_ in preps else comma + 1
    return nxt < len(doc) and nxt in ent_of and ent_of[nxt].label_ == "Place"


def _regions(candidates: list[RelationCandidate], ent_of: Mapping[int, Span]) -> list[RelationCandidate]:
    """ "based in Austin, *Texas*, and *Lisbon*": the places in apposition to or
    coordinated with a found place (the gold names each)."""
    out: list[RelationCandidate] = []
    have = {(c.subject_start, c.object_start) for c in candidates if c.predicate == "basedIn"}
    for cand in candidates:
        if cand.predicate != "basedIn" or cand.object_end <= 0 or REGION_SUFFIX in cand.extractor:
            continue
        place = ent_of.get(cand.object_start)
        if place is None or place.label_ != "Place":
            continue
        for region in _linked_places(place, ent_of):
            if (cand.subject_start, region.start) in have:
                continue
            have.add((cand.subject_start, region.start))
            out.append(cand._replace(object_start=region.start, object_end=region.end,
                                     extractor=cand.extractor + REGION_SUFFIX))
    return out


def _linked_places(place: Span, ent_of: Mapping[int, Span]) -> Iterator[Span]:
    seen = {place.start}
    frontier = [place]
    for _ in range(2):  # "Tel Aviv, Israel" coordinated with "Palo Alto"
        following: list[Span] = []
        for current in frontier:
            for child in current.root.children:
                ent = ent_of.get(child.i)
                if child.dep_ in {"appos", "conj"} and ent is not None and ent.label_ == "Place" \
                        and ent.start not in seen:
                    seen.add(ent.start)
                    following.append(ent)
                    yield ent
        frontier = following


def _unique(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if all(span.start != s.start for s in out):
            out.append(span)
    return out
