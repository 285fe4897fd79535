"""Where an event was held, from the verbs that place it (issue 15, batch 3).

The sentence patterns read "<Event> in <city>" and "<Event>, held at <venue>"; news also writes
"<Event> takes place at <venue> in <city>" (the city hangs on the venue), "le salon X, qui se
déroule à la cité de ..." (a relative clause), "<Event> drew thousands of visitors to <venue>",
"<venue> played host to <Event>" (the venue and the places that own it: "Lyon's Riverside
Campus") and, in a quote told at the event, "here in <city>". :func:`held_places` gives
``heldIn(event, place)`` for every place named there; the verbs and adverbs are data
(``word_lists`` ``venue_verbs``, ``host_nouns``, ``here_words`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["PlaceWords", "held_places"]

EXTRACTOR = "discourse:heldIn"
#: As the sentence patterns of heldIn (0.65 to 0.8): the event and the place are in one clause.
CONFIDENCE = 0.65
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_RELATIVE = frozenset({"relcl", "acl:relcl", "acl"})
#: Prepositions of place: the phrases whose places are the venue ("at", "à la", "au", "to" after "drew").
_LOCATIVE = frozenset({"at", "in", "to", "inside", "à", "au", "aux", "en", "dans"})


@dataclass(frozen=True)
class PlaceWords:
    venue_verbs: frozenset[str]
    host_nouns: frozenset[str]
    here: frozenset[str]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> PlaceWords:
        return cls(lexicon.words("venue_verbs", lang), lexicon.words("host_nouns", lang),
                   lexicon.words("here_words", lang))


_WORDS: dict[tuple[int, str], PlaceWords] = {}


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


def held_places(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                focus: Callable[[Token], Span | None]) -> list[RelationCandidate]:
    """``heldIn`` candidates of ``doc`` (see the module's docstring); ``focus`` gives the event in
    focus at a token (:mod:`.attendance`)."""
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

    for token in doc:
        lemma = token.lemma_.lower()
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
        elif token.lower_ in words.here and token.i + 2 < len(doc):
            prep, place = doc[token.i + 1], ent_of.get(token.i + 2)  # "doing this here in Lyon"
            if prep.lower_ in _LOCATIVE and place is not None and place.label_ == "Place":
                emit(focus(token), [place], token, "here")
    return out
