"""Where an event was held, from the verbs that place it (issue 15, batch 3).

The sentence patterns read "<Event> in <city>" and "<Event>, held at <venue>"; news also writes
"<Event> takes place at <venue> in <city>" (the city hangs on the venue), "le salon X, qui se
déroule à la cité de ..." (a relative clause), "<Event> drew thousands of visitors to <venue>",
"<venue> played host to <Event>" (the venue and the places that own it: "Lyon's Riverside
Campus"), "<person> opened <Event> at <venue> in <city>" and "Lisbonne accueille <Event>"
(``event_holding_verbs``), a place that describes a noun standing for the event ("the Paris
summit", "le salon parisien", "the summit in Seoul"; not a superlative's scope, "Europe's biggest
show", nor another edition, "the next summit in X"), the venue people gathered at while the event
is in focus, and, in a quote told at the event, "here in <city>". :func:`held_places` gives
``heldIn(event, place)`` for every place named there; the verbs and adverbs are data
(``word_lists`` ``venue_verbs``, ``host_nouns``, ``here_words`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate

__all__ = ["PlaceWords", "held_places"]

EXTRACTOR = "discourse:heldIn"
#: As the sentence patterns of heldIn (0.65 to 0.8): the event and the place are in one clause.
CONFIDENCE = 0.65
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_RELATIVE = frozenset({"relcl", "acl:relcl", "acl"})
#: Prepositions of place: the phrases whose places are the venue ("at", "à la", "au", "to" after "drew").
_LOCATIVE = frozenset({"at", "in", "to", "inside", "à", "au", "aux", "en", "dans"})
#: How a place describes an event noun: "the *Paris* summit", "le salon *parisien*", "le sommet *de
#: Paris*", "the summit *in Seoul*".
_PLACE_MODIFIERS = frozenset({"compound", "amod", "nmod", "nmod:poss"})
#: Words that make an event noun another edition than the one in focus ("the next summit in India").
_OTHER_EDITION = frozenset({"next", "previous", "last", "first", "future", "upcoming", "prochain", "prochaine",
                            "précédent", "précédente", "dernier", "dernière", "premier", "première", "futur"})
#: Verbs whose subject is the place that hosts the event named as their object ("Lisbon hosts X").
_HOSTING = frozenset({"host", "accueillir"})
_MOST = frozenset({"most", "plus"})


@dataclass(frozen=True)
class PlaceWords:
    venue_verbs: frozenset[str] = words_field("venue_verbs")
    host_nouns: frozenset[str] = words_field("host_nouns")
    here: frozenset[str] = words_field("here_words")
    holding: frozenset[str] = words_field("event_holding_verbs")
    event_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> PlaceWords:
        nouns = frozenset(w.lower() for w in lexicon.reference_nouns.get("Event", {}).get(lang, []))
        return lexicon.read_words(cls, lang, event_nouns=nouns | frozenset(lexicon.event_words))


_WORDS: dict[tuple[int, str], PlaceWords] = {}
#: The ids of the lowercase words that cue a noun or an adverb reading, by lexicon and language.
_CUES: dict[tuple[int, str], frozenset[int]] = {}


def _places_under(verb: Token, ent_of: Mapping[int, Span]) -> Iterable[Span]:
    """The places of the locative phrases in ``verb``'s clause ("at the Moscone Center in San
    Francisco", "a attiré des visiteurs au Palais": the parser may hang the place on the object),
    not those of its subject or of another clause."""
    for t in verb.subtree:
        ent = ent_of.get(t.i)
        if ent is None or ent.label_ != "Place" or t.i != ent.root.i:
            continue
        case = t.head if t.dep_ == "pobj" else next((c for c in t.children if c.dep_ == "case"), None)
        if case is None or case.lower_ not in _LOCATIVE:
            continue
        up = t
        while up.i != verb.i and up.head.i != up.i:
            if up.dep_ in _SUBJECT_DEPS or (up.pos_ in {"VERB", "AUX"} and up.i != t.i):
                break
            up = up.head
        if up.i == verb.i:
            yield ent


def _event_of(token: Token, ent_of: Mapping[int, Span]) -> Span | None:
    ent = ent_of.get(token.i)
    if ent is not None and ent.label_ == "Event":
        return ent
    for child in token.children:  # "le salon AIParis", "the conference X"
        ent = ent_of.get(child.i)
        if child.dep_ in {"appos", "nmod", "flat:name", "compound"} and ent is not None and ent.label_ == "Event":
            return ent
    return None


def _described_places(noun: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """The places that describe an event noun ("the Paris summit", "le salon parisien", "the
    summit in Seoul"), not when the noun is another edition ("the next summit in India")."""
    if any(c.lower_ in _OTHER_EDITION for c in noun.children):
        return []
    # "Europe's biggest show", "le plus grand évènement européen": the place is a scope, not a venue
    superlative = any(c.tag_ == "JJS" or c.lower_ in _MOST or any(g.lower_ in _MOST for g in c.children)
                      for c in noun.children)
    found: list[Span] = []
    for child in noun.children:
        place = child
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
            place = next((g for g in child.children if g.dep_ == "pobj"), child)
        elif child.dep_ not in _PLACE_MODIFIERS or (superlative and child.dep_ == "amod"):
            continue
        elif child.dep_ == "nmod" and not any(c.dep_ == "case" and c.lower_ in _LOCATIVE | {"de", "d'", "d’"}
                                              for c in child.children):
            continue
        ent = ent_of.get(place.i)
        if ent is not None and ent.label_ == "Place" and place.i == ent.root.i and ent not in found:
            found.append(ent)
    return found


def held_places(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                focus: Callable[[Token], Span | None], event_at: Callable[[Token], Span | None] | None = None,
                gathered: Iterable[Token] = ()) -> list[RelationCandidate]:
    """``heldIn`` candidates of ``doc`` (see the module's docstring); ``focus`` gives the event in
    focus at a token and ``event_at`` the event a token names or stands for (:mod:`.attendance`);
    ``gathered`` are the verbs of people gathering for the event in focus ("Leaders gathered at
    <venue>")."""
    key = (id(lexicon), lang)
    words = _WORDS.get(key) or _WORDS.setdefault(key, PlaceWords.from_lexicon(lexicon, lang))
    out: list[RelationCandidate] = []
    seen: set[tuple[int, int]] = set()

    def emit(event: Span | None, places: Iterable[Span], token: Token, cue: str) -> None:
        if event is None:
            return
        for place in places:
            if (event.start, place.start) in seen or (place.start < event.end and event.start < place.end):
                continue
            seen.add((event.start, place.start))
            out.append(RelationCandidate(event.start, event.end, "heldIn", place.start, place.end,
                                         token.sent.start, token.sent.end, f"{EXTRACTOR}-{cue}", CONFIDENCE, "", ""))

    cues = _CUES.get(key)
    if cues is None:
        cues = _CUES[key] = frozenset(get_string_id(w) for w in words.host_nouns | words.event_nouns | words.here if w)
    # one ``Doc.to_array`` for the tokens that can be cues (a verb, a host or event noun, "here"): a
    # ``Token`` object for every token of every document was most of the cost
    rows: list[list[int]] = doc.to_array([LOWER, POS]).tolist() if len(doc) else []
    for i, (lower, pos) in enumerate(rows):
        if pos != VERB and pos != AUX and lower not in cues:
            continue
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"} and lemma in words.holding:
            # "Cook opened <Event> at <venue> in <city>", "Lisbonne accueille <Event>"
            event = next((e for c in token.children if c.dep_ in {"dobj", "obj"}
                          and (e := _event_of(c, ent_of)) is not None), None)
            if event is not None:
                emit(event, _places_under(token, ent_of), token, "holding")
                subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
                place = None if subject is None else ent_of.get(subject.i)
                if lemma in _HOSTING and place is not None and place.label_ == "Place":
                    emit(event, [place], token, "holding")
        if token.pos_ in {"VERB", "AUX"} and lemma in words.venue_verbs:
            subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None:
                continue
            if subject.pos_ == "PRON" and token.dep_ in _RELATIVE:  # "le salon X, qui se déroule à ..."
                subject = token.head
            event = _event_of(subject, ent_of)
            if event is not None:
                emit(event, _places_under(token, ent_of), token, "verb")
        elif token.pos_ == "NOUN" and token.lower_ in words.host_nouns and token.dep_ in {"dobj", "obj", "attr"}:
            verb = token.head  # "Lyon's Riverside Campus played host to the summit"
            to = [t for c in token.children if c.dep_ == "prep" for t in c.children if t.dep_ == "pobj"]
            to += [c for c in token.children if c.dep_ in {"nmod", "obl"}] + [
                t for c in verb.children if c.dep_ == "prep" for t in c.children if t.dep_ == "pobj"]
            event = next((e for t in to if (e := _event_of(t, ent_of)) is not None), None)
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if event is not None and subject is not None:
                emit(event, [ent_of[t.i] for t in subject.subtree if t.i in ent_of and ent_of[t.i].label_ == "Place"
                             and t.i == ent_of[t.i].root.i], token, "host")
        elif (event_at is not None and token.pos_ == "NOUN" and token.lower_ in words.event_nouns
              and token.i not in ent_of):
            places = _described_places(token, ent_of)
            if places:
                emit(event_at(token), places, token, "described")
        elif token.lower_ in words.here and token.i + 2 < len(doc):
            prep, place = doc[token.i + 1], ent_of.get(token.i + 2)  # "doing this here in Lyon"
            if prep.lower_ in _LOCATIVE and place is not None and place.label_ == "Place":
                emit(focus(token), [place], token, "here")
    for verb in gathered:
        emit(focus(verb), _places_under(verb, ent_of), verb, "gathered")
    return out
