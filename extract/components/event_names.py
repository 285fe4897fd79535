"""Event names the statistical NER misses, and venues it takes for events (issue 15, batch 3).

News names a conference, a festival or a trade show by a phrase the NER has rarely seen: a
string of capitalised words that ends in an event noun ("World AI Lille Festival", "Berlin Tech
Week", "Quantum Futures Boston Summit"), a French head-first name ("Grand Festival de la
Robotique"), a name right after a word that says it is an event ("l'événement IA Horizons"), or a
lower-case name in quotes ("le « demo day »", "the “build day” event"). Its venue is a place,
even when its name holds an event word ("Palais des Congrès", "la cité des Sciences et de
l'Industrie").

:func:`event_names` reads these constructions with set look-ups on the words (lists in
``data/lexicon.json``: ``event_words`` and ``word_lists`` ``event_heads``, ``event_descriptors``,
``venue_nouns``, ``event_name_connectors``) and returns the entities with the new spans; a new span
replaces the entities inside it ("Boston" in "Quantum Futures Boston Summit") and gives way to one
it would cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from ..lexicon import Lexicon, words_field
from ..normalize import fold
from ..records import EntityType
from .event_short_names import short_event_names

__all__ = ["EventWords", "event_names"]

#: Quote marks that open and close a quoted name.
_OPEN = frozenset({"«", "“", '"', "‘"})
_CLOSE = frozenset({"»", "”", '"', "’"})
#: Words at the start of a capitalised run that are not part of a name ("On", "The", "Le").
_LEADING_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "ADV", "VERB", "NUM"})
#: Connectors that start a name of their own rather than join two words.
_ARTICLES = frozenset({"la", "l'", "l’", "le", "les"})
#: The longest name read, in tokens.
_MAX_TOKENS = 8


@dataclass(frozen=True)
class EventWords:
    """The word lists of :func:`event_names` (lower-cased)."""

    heads: frozenset[str]
    descriptors: frozenset[str] = frozenset()
    determiners: frozenset[str] = words_field("event_determiners")
    venues: frozenset[str] = words_field("venue_nouns")
    connectors: frozenset[str] = words_field("event_name_connectors")
    #: Possessive determiners ("its", "son") and the verbs of organising ("host", "organiser").
    possessives: frozenset[str] = words_field("poss_pronouns")
    organising: frozenset[str] = words_field("organising_verbs")

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> EventWords:
        heads = frozenset(lexicon.event_words) | lexicon.words("event_heads")
        return lexicon.read_words(cls, heads=heads, descriptors=heads | lexicon.words("event_descriptors"))


_WORDS: dict[int, EventWords] = {}
#: The ids of the words that can start a name (venues, heads, descriptors, opening quotes), by lexicon.
_CUES: dict[int, tuple[frozenset[int], frozenset[int]]] = {}


def _cue_tokens(doc: Doc, words: EventWords, key: int) -> list[int]:
    """The tokens whose word can start an event name or a venue, read in one ``Doc.to_array``: a
    ``Token`` object for each token of each document was most of the cost."""
    cues = _CUES.get(key)
    if cues is None:
        lowers = words.venues | words.heads | words.descriptors
        cues = _CUES[key] = (frozenset(get_string_id(w) for w in lowers if w),
                             frozenset(get_string_id(w) for w in _OPEN))
    if not len(doc):
        return []
    lower_ids, orth_ids = cues
    # two columns, not a list per token: a list for each token set off the garbage collector
    lowers, orths = doc.to_array([LOWER, ORTH]).T.tolist()
    return [i for i, (lower, orth) in enumerate(zip(lowers, orths, strict=True))
            if lower in lower_ids or orth in orth_ids]


def _capital(token: Token) -> bool:
    return token.text[:1].isupper() or (token.text[:1].isdigit() and len(token.text) == 4)


class _Finder:
    def __init__(self, doc: Doc, ents: list[Span], words: EventWords, not_entities: frozenset[str]) -> None:
        self.doc, self.words, self.not_entities = doc, words, not_entities
        self.ent_at = {i: e for e in ents for i in range(e.start, e.end)}

    def known(self, i: int) -> bool:
        """A token of an entity the knowledge base names: a name of its own, not part of another."""
        ent = self.ent_at.get(i)
        return ent is not None and bool(ent.kb_id_) and ent.label_ != "Place"

    def named(self, i: int) -> bool:
        """Whether a person's or an organisation's name starts at token ``i``."""
        ent = self.ent_at.get(i)
        return ent is not None and ent.start == i and ent.label_ in {"Person", "Organization"}

    def connected(self, i: int, step: int) -> int:
        """The index of the capitalised word after ``i`` in direction ``step``, across connectors
        ("Festival *de la* Robotique", "Halle *de la* Soie *et du* Textile"); ``-1`` when none."""
        j = i + step
        if 0 <= j < len(self.doc) and self.doc[j].lower_ in _ARTICLES:
            return -1  # "the cultural centre La Gaîté": an article starts the next name, it joins none
        while 0 <= j < len(self.doc) and abs(j - i) <= 3 and self.doc[j].lower_ in self.words.connectors:
            j += step
        if j == i + step or not (0 <= j < len(self.doc)) or not _capital(self.doc[j]):
            return -1
        return j

    def headed(self, head: Token) -> Span | None:
        """ "Quantum Futures Boston *Summit*": capitalised words ending in a capitalised event noun."""
        doc = self.doc
        start = head.i
        while start > 0 and head.i - start < _MAX_TOKENS and _capital(doc[start - 1]) and not self.known(start - 1):
            if doc[start - 1].is_sent_start and doc[start - 1].pos_ in _LEADING_POS:
                break
            start -= 1
        while start < head.i and (doc[start].pos_ in _LEADING_POS or doc[start].is_stop):
            start += 1  # "On Monday", "The": not the name
        end = head.i + 1
        if doc.lang_ == "fr":  # head first: "Festival de la Robotique", "Salon des Entrepreneurs"
            while end < len(doc) and end - start < _MAX_TOKENS:
                nxt = self.connected(end - 1, 1)
                if nxt < 0 or self.known(nxt):
                    break
                after = nxt + 1
                while after < len(doc) and _capital(doc[after]) and not self.known(after):
                    after += 1
                if fold(doc[nxt:after].text) in self.not_entities:
                    break  # "le Sommet de l'IA": a topic, not a name (the summit has one elsewhere)
                end = after
        if end - start < 2:
            return None
        return Span(doc, start, end, label="Event")

    def described(self, noun: Token) -> Span | None:
        """ "l'événement IA Horizons", "le salon « data day »": a name after a determiner and a word
        that says it is an event; a quoted name after a determiner that ends in an event noun."""
        doc = self.doc
        start = noun.i + 1
        if start < len(doc) and doc[start].text in _OPEN:
            close = next((j for j in range(start + 1, min(len(doc), start + _MAX_TOKENS))
                          if doc[j].text in _CLOSE), None)
            if close is None or close == start + 1:
                return None
            return Span(doc, start + 1, close, label="Event")
        end = start
        while end < len(doc) and end - start < 4 and _capital(doc[end]):  # the parser may start a sentence inside
            end += 1
        if end == start or any(self.known(i) for i in range(start, end)):
            return None
        ent = self.ent_at.get(start)
        if ent is not None and ent.label_ == "Person":
            return None
        return Span(doc, start, end, label="Event")

    def quoted(self, quote: Token) -> Span | None:
        """ "le « business day »": a quoted name after a determiner whose last word is an event noun."""
        doc = self.doc
        if quote.i == 0 or doc[quote.i - 1].lower_ not in self.words.determiners:
            return None
        close = next((j for j in range(quote.i + 1, min(len(doc), quote.i + 6)) if doc[j].text in _CLOSE), None)
        if close is None or close < quote.i + 2 or doc[close - 1].lower_ not in self.words.heads:
            return None
        return Span(doc, quote.i + 1, close, label="Event")

    def organiser(self, head: Token) -> bool:
        """Whether the name ``head`` ends is the subject of a clause that gives it an event of its own
        ("the Global Robotics Forum has announced a theme for *its* annual gathering", "le Forum
        mondial de la robotique a dévoilé le programme de *son* salon") or that organises one ("the
        Robotics Forum hosts the summit"): an organisation that runs events, not an event."""
        verb = head.head
        if head.dep_ not in {"nsubj", "nsubj:pass"} or head.sent.start <= verb.i < head.i:
            return False
        if verb.lemma_.lower() in self.words.organising:
            return True
        return any(t.lower_ in self.words.possessives and t.head.lower_ in self.words.descriptors
                   and t.head.i != head.i for t in verb.subtree)

    def venue(self, noun: Token) -> Span | None:
        """ "au Palais des Congrès", "à la halle de la Soie et du Textile": a venue noun followed by
        connected capitalised words is a place."""
        end = noun.i + 1
        while end < len(self.doc) and end - noun.i < _MAX_TOKENS:
            nxt = self.connected(end - 1, 1)
            if nxt < 0:
                break
            end = nxt + 1
            while end < len(self.doc) and _capital(self.doc[end]) and not self.named(end):
                end += 1  # "au Dôme de Paris Jensen Huang": the venue ends where a person's name starts
        if end == noun.i + 1:
            return None
        return Span(self.doc, noun.i, end, label="Place")


def _merge(ents: list[Span], found: list[Span]) -> list[Span]:
    """The new spans replace the entities inside them; one that would cut an entity is dropped."""
    out = list(ents)
    taken: set[int] = set()
    for span in found:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        cut = [e for e in out if e.start < span.end and span.start < e.end]
        if any(e.start < span.start or e.end > span.end for e in cut):
            continue
        if any(e.start == span.start and e.end == span.end and e.label_ == span.label_ for e in cut):
            continue
        out = [e for e in out if e not in cut]
        out.append(span)
        taken.update(range(span.start, span.end))
    return sorted(out, key=lambda e: e.start)


def event_names(doc: Doc, ents: list[Span], lexicon: Lexicon, kb: KnowledgeBase | None = None) -> list[Span]:
    """``ents`` with the event names and venues of ``doc`` (see the module's docstring); with ``kb``,
    also a company's event named without the company (:mod:`.event_short_names`)."""
    words = _WORDS.get(id(lexicon)) or _WORDS.setdefault(id(lexicon), EventWords.from_lexicon(lexicon))
    finder = _Finder(doc, ents, words, lexicon.not_entities)
    found: list[Span] = []
    retyped: dict[Span, Span] = {}
    for ent in ents:  # "Palais des Congrès", "Moscone Center": a venue, not the event held there
        first, last = ent[0].lower_, ent[-1].lower_
        if ent.label_ == "Event" and not ent.kb_id_ and (first in words.venues or last in words.venues):
            retyped[ent] = Span(doc, ent.start, ent.end, label="Place")
        elif ent.label_ == "Event" and not ent.kb_id_ and any(finder.organiser(t) for t in ent):
            retyped[ent] = Span(doc, ent.start, ent.end, label="Organization")  # it runs an event of its own
    ents = [retyped.get(e, e) for e in ents]
    for i in _cue_tokens(doc, words, id(lexicon)):  # the others start nothing
        token = doc[i]
        lower = token.lower_
        span: Span | None = None
        if lower in words.venues and token.i > 0 and not finder.known(token.i):
            span = finder.venue(token)
        elif lower in words.heads and _capital(token) and not finder.known(token.i):
            inside = finder.ent_at.get(token.i)
            if inside is None or inside.label_ == "Event" or inside.end == token.i + 1:
                span = finder.headed(token)
            if span is not None and inside is not None and finder.organiser(token):
                span = None  # "the Global Robotics Forum has announced ... its annual gathering": its organiser
        if span is None and token.is_lower and lower in words.descriptors and token.i > 0 and (
                token.nbor(-1).lower_ in words.determiners):
            span = finder.described(token)
            if span is not None and kb is not None:
                span = _known_series(span, token, kb)
        if span is None and token.text in _OPEN:
            span = finder.quoted(token)
        if span is not None:
            found.append(span)
    if kb is not None:
        found = short_event_names(doc, ents, kb, lexicon) + found  # the knowledge base's reading first
    return _with_region(doc, _merge(ents, found) if found else ents)


#: The word an event noun is in an English name ("le sommet *X*" is the KB's "*X* Summit").
_NAME_NOUNS = {"summit": "Summit", "sommet": "Summit", "conference": "Conference", "conférence": "Conference",
               "forum": "Forum", "festival": "Festival", "expo": "Expo", "salon": "Expo"}


def _known_series(span: Span, noun: Token, kb: KnowledgeBase) -> Span:
    """The known event a described name stands for: "le sommet *AI Impact 2026*" is the KB's
    "AI Impact Summit", the name written without its event noun (put back in English, after the
    name) and without the year of the edition, which the date resolves (:mod:`..editions`).
    ``span`` as it is when the KB knows no such event."""
    words = [t.text for t in span]
    if len(words) > 1 and words[-1].isdigit() and len(words[-1]) == 4:
        words = words[:-1]
    base = " ".join(words)
    noun_name = _NAME_NOUNS.get(noun.lower_)
    for name in (base, *([f"{base} {noun_name}"] if noun_name else [])):
        entry = kb.lookup(name)
        if entry is not None and entry.type is EntityType.EVENT:
            return Span(span.doc, span.start, span.end, label="Event", kb_id=entry.id)
    return span


#: Words that join an event's name to the region it is about ("Summit *on* Africa", "Forum *for* Asia").
_REGION_LINKS = frozenset({"on", "for"})


def _with_region(doc: Doc, ents: list[Span]) -> list[Span]:
    """An event's name goes on through the region it is about: "the *Global AI Summit on Africa*
    2025, held in Kigali" (the place after "on" names the summit's subject; its venue comes after
    "in", and the edition's year is no part of the name, as elsewhere)."""
    out: list[Span] = []
    skip: set[int] = set()
    by_start = {e.start: e for e in ents}
    for ent in ents:
        if ent.start in skip:
            continue
        link = ent.end
        region = by_start.get(link + 1)
        if (ent.label_ == "Event" and not ent.kb_id_ and link < len(doc) and doc[link].lower_ in _REGION_LINKS
                and region is not None and region.label_ == "Place" and region.sent.start == ent.sent.start):
            skip.add(region.start)
            ent = Span(doc, ent.start, region.end, label="Event")
        out.append(ent)
    return out
