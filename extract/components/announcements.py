"""Announcements: pledges, launches and unveilings read from the constructions that state them (issue 15).

The verb patterns (``dep:svo`` with "announce", "unveil", "dévoiler"...) find "X announced Y".
News also states an announcement in ways that no subject-verb-object pattern reads:

* a noun names it, and its phrase names who and what: "*X's* announcement of Y", "the launch of
  Y *by* X", "l'annonce *par* X de Y", "a commitment *from* X of €4 billion", "X's $4bn pledge",
  "l'engagement de X de 3 milliards d'euros" (``announcement_nouns``). Without a possessive or
  an agent the noun names nobody ("since the launch of ChatGPT"), so it gives nothing. A launch
  or release noun (``release_nouns``) of an organisation's product is its own release, which the
  gold counts as ``develops`` too;
* a reported pledge: "X said it will invest $5bn in Spain", "X a indiqué qu'il allait investir
  5 milliards d'euros", "X a annoncé investir..." (a reporting verb of ``pledge_report_verbs``
  over a money verb of ``pledge_verbs``, the inner subject left out, a pronoun or X itself):
  X announced the amount (a hedge such as "is expected to" is read later, in :mod:`..status`);
* a phrase: "X a levé le voile sur Y", "X took the wraps off Y" (``unveil_phrases``: verb and
  noun);
* a headline the parser reads without a subject: "X unveils Y chatbot" (X parsed as a modifier
  of the verb): the name right before an announcing verb of the lexicon's ``verbs``.

An event named where something was announced is where it was said, not what was: "X unveiled a
plan *at* the Y summit", "X a dévoilé un plan *lors du* salon Y" (``event_venue_preps``) gives X
``attended`` Y, never ``announced`` Y, whichever pattern read the event as the verb's object.

An amount that is a valuation is never announced: "X announced a round that values it at $2bn"
(``valuation_words`` on the amount's head, its head's head or just before it) removes the
``announced`` candidates found for it by any pattern. Announcing one's own funding round stays
``raised`` (see :func:`..amounts.is_round_amount`, applied at assembly). The cue words are data
(``word_lists`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate
from .product_makers import clause_owner, product_makers
from .product_releases import released_products

__all__ = ["AnnouncementWords", "announcement_relations"]

NOUN_EXTRACTOR = "announce:noun"
PLEDGE_EXTRACTOR = "announce:pledge"
PHRASE_EXTRACTOR = "announce:phrase"
HEADLINE_EXTRACTOR = "announce:headline"
NOUN_CONFIDENCE = 0.7
HEADLINE_CONFIDENCE = 0.65
PLEDGE_CONFIDENCE = 0.7
PHRASE_CONFIDENCE = 0.75

_ACTORS = frozenset({"Organization", "Person"})
_ANNOUNCED = frozenset({"Product", "Event", "MonetaryAmount"})
_MONEY = "MonetaryAmount"
_POSS_DEPS = frozenset({"poss", "nmod:poss"})
#: "the launch of Y *by* X", "a commitment *from* X", "l'annonce *par* X".
_AGENT_WORDS = frozenset({"by", "from", "par"})
_OF_WORDS = frozenset({"of", "de", "d'", "d’", "du", "des"})
#: "X took the wraps *off* Y", "X a levé le voile *sur* Y".
_PHRASE_PREPS = frozenset({"off", "on", "sur"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_NAMED_DEPS = frozenset({"appos", "flat:name", "compound", "nmod", "nummod", "quantmod"})
#: Links from a name to the noun of its phrase ("at *the* Y summit", "au salon Y").
_NAME_LINKS = frozenset({"appos", "flat:name", "flat", "compound", "amod", "nmod"})
#: Tokens back from a verb to a subject the parser left out ("X a indiqué").
_GAP = 3
#: Tokens of an apposition between a subject and its verb ("X, une start-up française, a levé").
_APPOSITION = 8
#: Words right before an amount that make it a valuation ("valued *at*").
_BEFORE = 3


def _possessive(token: Token) -> bool:
    """``token`` owns its head: "*X*'s launch", "*its* launch", and "the 2021 *startup*'s launch"
    (which the parser hangs as a complement with a possessive case)."""
    return token.dep_ in _POSS_DEPS or (token.dep_ == "nmod" and any(
        c.dep_ == "case" and c.tag_ == "POS" for c in token.children))


@dataclass(frozen=True)
class AnnouncementWords:
    """The cue words of one language (lower-cased)."""

    nouns: frozenset[str] = words_field("announcement_nouns", "release_nouns")
    release_nouns: frozenset[str] = words_field("release_nouns")
    report_verbs: frozenset[str] = words_field("pledge_report_verbs")
    pledge_verbs: frozenset[str] = words_field("pledge_verbs")
    phrases: frozenset[tuple[str, str]] = frozenset()
    valuation: frozenset[str] = words_field("valuation_words")
    #: Prepositions of the place or time of an event ("at", "during", "lors de").
    venue_preps: frozenset[str] = words_field("event_venue_preps")
    negations: frozenset[str] = frozenset()
    #: Verbs that announce (lemma -> whether they release a product too), from the lexicon's ``verbs``.
    announce_verbs: Mapping[str, bool] = field(default_factory=dict)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> AnnouncementWords:
        phrases = frozenset(tuple(p.split(" ", 1)) for p in lexicon.words("unveil_phrases", lang) if " " in p)
        return lexicon.read_words(
            cls, lang,
            phrases=frozenset((a, b) for a, b in phrases),
            negations=frozenset(lexicon.negations),
            announce_verbs={verb: "develops" in preds for verb, preds in lexicon.verbs.get(lang, {}).items()
                            if "announced" in preds},
        )


def _words(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


class _Announcements:
    """The state of one document: its entities, references and the candidates found."""

    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                 words: AnnouncementWords) -> None:
        self.doc = doc
        self.ent_of = ent_of
        self.refs = refs
        self.words = words
        self.found: list[RelationCandidate] = []
        # the tokens each construction starts from, in one pass: each token's part of speech, word
        # and lemma are read once (every read looks them up in the string store)
        self.cue_nouns: list[Token] = []
        self.report_verbs: list[Token] = []
        self.phrase_verbs: list[Token] = []
        self.headline_verbs: list[Token] = []
        phrase_verbs = frozenset(verb for verb, _ in words.phrases)
        cues = words.nouns | words.report_verbs | phrase_verbs | frozenset(words.announce_verbs)
        for token in cue_tokens(doc, cues):
            pos = token.pos_
            if pos == "NOUN":
                if token.lower_ in words.nouns or token.lemma_.lower() in words.nouns:
                    self.cue_nouns.append(token)
            elif pos in {"VERB", "AUX"}:
                lemma = token.lemma_.lower()
                if lemma in words.report_verbs:
                    self.report_verbs.append(token)
                if lemma in phrase_verbs:
                    self.phrase_verbs.append(token)
                if pos == "VERB" and lemma in words.announce_verbs:
                    self.headline_verbs.append(token)

    # -- entities ----------------------------------------------------------------------------

    def actor(self, token: Token) -> tuple[Span | None, bool]:
        """The organisation or person ``token`` names or refers to, and whether through a reference."""
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return (ent, False) if ent.label_ in _ACTORS else (None, False)
        if token.dep_ in _POSS_DEPS and token.pos_ == "PRON":  # "demonstrated by X in *its* launch"
            owner, via_reference = clause_owner(token, self.ent_of, self.refs)
            if owner is not None:
                return owner, via_reference
        ref = self.refs.get(token.i)
        if ref is not None:
            for candidate in ref.candidates:
                if candidate.label_ in _ACTORS:
                    return candidate, True
        return None, False

    def thing(self, token: Token, depth: int = 2) -> Span | None:
        """The product, event or amount ``token`` names, or an amount that describes it ("a $3bn
        plan", "109 milliards d'euros d'investissements"), ``depth`` levels down at most."""
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return ent if ent.label_ in _ANNOUNCED else None
        for child in token.children:
            ent = self.ent_of.get(child.i)
            if child.dep_ in _NAMED_DEPS and ent is not None and ent.label_ in _ANNOUNCED:
                return ent
        if depth > 1:
            for child in token.children:
                if child.dep_ in _NAMED_DEPS and child.pos_ in {"NOUN", "NUM"}:
                    inner = self.thing(child, depth - 1)
                    if inner is not None and inner.label_ == _MONEY:
                        return inner
        return None

    def subject(self, verb: Token) -> tuple[Span | None, bool]:
        """The actor that is ``verb``'s subject (a coordinated verb's is the first verb's); when the
        parser gave it none, the actor named right before it, auxiliaries and adverbs apart ("X
        *a* indiqué", which French parses with X as a root of its own), or before a short
        apposition ("X, une start-up française, a levé")."""
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                return self.actor(child)
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i < verb.i:
            return self.subject(verb.head)  # "X launched A and *pioneered* B": the first verb's subject
        i = verb.i - 1
        while i >= max(0, verb.i - _GAP) and self.doc[i].pos_ in {"AUX", "ADV"} and i not in self.ent_of:
            i -= 1
        ent = self.ent_of.get(i) if i >= 0 and verb.i - i <= _GAP else None
        if ent is not None and ent.root.head.i in {ent.root.i, verb.i}:
            return self.actor(ent.root)  # the parser may start a sentence at the verb: look over it
        if i >= 0 and verb.i - i <= _GAP and self.doc[i].text == ",":
            ent = self._before_apposition(i)
            if ent is not None:
                return self.actor(ent.root)
        return None, False

    def _before_apposition(self, comma: int) -> Span | None:
        """The entity before a short apposition that ends at ``comma`` ("X, *une start-up
        française*, a levé", "X, *a French start-up*, unveiled"): a determiner after the opening
        comma, no verb and no other entity inside, which the parser often breaks."""
        doc = self.doc
        start = comma - 1
        while start > 0 and comma - start <= _APPOSITION and doc[start].text != ",":
            if doc[start].pos_ in {"VERB", "AUX"} or doc[start].text in {".", ";", ":"}:
                return None
            start -= 1
        if start <= 0 or doc[start].text != "," or doc[start + 1].pos_ != "DET" or start + 1 >= comma:
            return None
        if any(self.ent_of.get(j) is not None and self.ent_of[j].label_ in _ACTORS for j in range(start + 1, comma)):
            return None
        ent = self.ent_of.get(start - 1)
        return ent if ent is not None and ent.end == start and ent.label_ in _ACTORS else None

    # -- output ------------------------------------------------------------------------------

    def emit(self, subject: Span, obj: Span, anchor: Token, extractor: str, confidence: float,
             *, via_reference: bool, release: bool) -> None:
        if subject.start == obj.start or self.negated(anchor):
            return
        if via_reference:
            extractor, confidence = f"{extractor}+coref", confidence * REFERENCE_DISCOUNT
        sent = anchor.sent
        predicates = ["announced"]
        if release and obj.label_ == "Product" and subject.label_ == "Organization":
            predicates.append("develops")  # the release of one's own product
        for predicate in predicates:
            cand = RelationCandidate(
                subject.start, subject.end, predicate, obj.start, obj.end,
                sent.start, sent.end, extractor, confidence, "", "",
            )
            if cand not in self.found:
                self.found.append(cand)

    def negated(self, token: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in self.words.negations for c in token.children)

    # -- constructions -----------------------------------------------------------------------

    def nouns(self) -> None:
        """ "X's announcement of Y", "the launch of Y by X", "l'annonce par X de Y", "X's $4bn pledge"."""
        for noun in self.cue_nouns:  # a noun of announcement_nouns or release_nouns
            actors: list[tuple[Span, bool]] = []
            things: list[Span] = []
            heads = [noun]
            for child in noun.children:
                if _possessive(child):
                    actor, ref = self.actor(child)
                    if actor is not None:
                        actors.append((actor, ref))
                    heads.append(child)
                    continue
                word = self._preposition(child)
                if word in _AGENT_WORDS:
                    actor, ref = self.actor(self._object_of(child))
                    if actor is not None:
                        actors.append((actor, ref))
                        heads.append(self._object_of(child))
                elif word in _OF_WORDS:
                    target = self._object_of(child)
                    ent = self.ent_of.get(target.i)
                    if ent is not None and ent.label_ in _ACTORS and word != "of":
                        actors.append((ent, False))  # "l'engagement de X de 3 milliards"
                        heads.append(target)
                        continue
                    for each in (target, *target.conjuncts):  # "the release of A and B"
                        found = self.thing(each)
                        if found is not None and found not in things:
                            things.append(found)
            # "a commitment from X *of* 3 billion euros": the amount may hang from the agent
            for head in heads[1:]:
                for child in head.children:
                    if self._preposition(child) in _OF_WORDS:
                        found = self.thing(self._object_of(child))
                        if found is not None and found not in things:
                            things.append(found)
            for child in noun.children:  # "X's $4bn pledge"
                ent = self.ent_of.get(child.i)
                if child.dep_ in _NAMED_DEPS and ent is not None and ent.label_ == _MONEY and ent not in things:
                    things.append(ent)
            release = bool(_words(noun) & self.words.release_nouns)
            for actor, ref in actors[:1]:
                for thing in things:
                    self.emit(actor, thing, noun, NOUN_EXTRACTOR, NOUN_CONFIDENCE,
                              via_reference=ref, release=release)
            if not actors and release:  # "the 2022 release of A's X": the product's owner released it
                for thing in things:
                    owner = next((c for c in thing.root.children if _possessive(c)), None)
                    actor, ref = self.actor(owner) if owner is not None else (None, False)
                    if actor is not None and actor.label_ == "Organization" and thing.label_ == "Product":
                        self.emit(actor, thing, noun, NOUN_EXTRACTOR, NOUN_CONFIDENCE,
                                  via_reference=ref, release=True)

    def pledges(self) -> None:
        """ "X said it will invest $5bn", "X a indiqué qu'il allait investir 5 milliards d'euros"."""
        for verb in self.report_verbs:  # a verb whose lemma is of pledge_report_verbs
            actor, ref = self.subject(verb)
            if actor is None:
                continue
            for inner in self._clauses(verb):
                if inner.lemma_.lower() not in self.words.pledge_verbs:
                    continue
                if not self._same_actor(inner, verb, actor):
                    continue
                for child in inner.children:
                    if child.dep_ not in _OBJECT_DEPS:
                        continue
                    found = self.thing(child, depth=1)
                    if found is not None and found.label_ == _MONEY:
                        self.emit(actor, found, verb, PLEDGE_EXTRACTOR, PLEDGE_CONFIDENCE,
                                  via_reference=ref, release=False)

    def phrases(self) -> None:
        """ "X a levé le voile sur Y", "X took the wraps off Y"."""
        for verb in self.phrase_verbs:  # a verb whose lemma opens a phrase
            nouns = {w for c in verb.children if c.dep_ in _OBJECT_DEPS for w in _words(c)}
            if not any((verb.lemma_.lower(), n) in self.words.phrases for n in nouns):
                continue
            actor, ref = self.subject(verb)
            if actor is None:
                continue
            heads = [verb, *(c for c in verb.children if c.dep_ in _OBJECT_DEPS)]
            for head in heads:
                for child in head.children:
                    if self._preposition(child) in _PHRASE_PREPS:
                        found = self.thing(self._object_of(child), depth=1)
                        if found is not None:
                            self.emit(actor, found, verb, PHRASE_EXTRACTOR, PHRASE_CONFIDENCE,
                                      via_reference=ref, release=True)

    def headlines(self) -> None:
        """ "X unveils Y chatbot": a headline the parser reads without a subject (X as a modifier of
        the verb); the actor is the name right before the verb, the thing its object names."""
        for verb in self.headline_verbs:  # a verb whose lemma announces
            release = self.words.announce_verbs[verb.lemma_.lower()]
            if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
                continue
            actor, ref = self.subject(verb)
            if actor is None:
                continue
            for child in verb.children:
                if child.dep_ in _OBJECT_DEPS:
                    found = self.thing(child, depth=1)
                    if found is not None:
                        self.emit(actor, found, verb, HEADLINE_EXTRACTOR, HEADLINE_CONFIDENCE,
                                  via_reference=ref, release=release)

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _preposition(token: Token) -> str:
        """The preposition that introduces ``token``'s phrase: English ``prep`` children carry it
        themselves, French nominal modifiers have it as a ``case`` child."""
        if token.dep_ in {"prep", "agent"}:
            return token.lower_
        for child in token.children:
            if child.dep_ == "case":
                return child.lower_
        return ""

    @staticmethod
    def _object_of(token: Token) -> Token:
        """The noun of a preposition's phrase (English ``pobj``; French: the token itself)."""
        if token.dep_ in {"prep", "agent"}:
            for child in token.children:
                if child.dep_ == "pobj":
                    return child
        return token

    def _clauses(self, verb: Token) -> Iterable[Token]:
        """The verbs of the clauses ``verb`` reports, two levels down ("qu'il allait investir")."""
        for child in verb.children:
            if child.dep_ in _CLAUSE_DEPS:
                yield child
                for grandchild in child.children:
                    if grandchild.dep_ == "xcomp":
                        yield grandchild

    def _same_actor(self, inner: Token, verb: Token, actor: Span) -> bool:
        """Whether the reported clause is the actor's own: no subject of its own (up the ``xcomp``
        chain to the reporting verb), a pronoun or the actor."""
        clause = inner
        subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS]
        while not subjects and clause.dep_ == "xcomp" and clause.head.i != verb.i:
            clause = clause.head
            subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects:
            return True
        subject = subjects[0]
        return subject.pos_ == "PRON" or self.ent_of.get(subject.i) == actor

    def valuations(self, candidates: list[RelationCandidate]) -> list[RelationCandidate]:
        """The candidates less the ``announced`` amounts that are valuations, less the
        announcements made by the complement of a noun (:meth:`_complement`), and less the
        announcements made by a nationality adjective: "le spécialiste *néerlandais* engage 1,3
        milliard d'euros" describes who acts, the country does not announce anything."""
        kept = []
        for cand in candidates:
            if cand.predicate == "announced" and cand.subject_end - cand.subject_start == 1:
                subject = self.doc[cand.subject_start]
                if subject.ent_type_ == "Place" and subject.dep_ == "amod" and subject.pos_ == "ADJ":
                    continue
            if cand.predicate == "announced":
                noun = self._complement(self.doc[cand.subject_start : cand.subject_end])
                if noun is not None:
                    owner = self._apposed_to(noun)  # "Meta, la société mère de Facebook, a annoncé": Meta
                    if owner is None or (owner.start, owner.end) == (cand.object_start, cand.object_end):
                        continue
                    cand = cand._replace(subject_start=owner.start, subject_end=owner.end)
            if cand.predicate == "announced" and cand.object_end > 0:
                obj = self.doc[cand.object_start : cand.object_end]
                if obj.label_ == _MONEY or any(t.ent_type_ == _MONEY for t in obj):
                    if self._valuation(obj):
                        continue
            kept.append(cand)
        return kept

    def venues(self, candidates: list[RelationCandidate]) -> list[RelationCandidate]:
        """The candidates with each event "announced" at its own venue phrase ("X unveiled a plan
        *at* Y", "X a dévoilé un plan *lors du* salon Y") turned into ``attended``: the event is
        where X spoke, not what X announced."""
        kept: list[RelationCandidate] = []
        for cand in candidates:
            if cand.predicate == "announced" and cand.object_end > cand.object_start >= 0:
                obj = self.ent_of.get(cand.object_start)
                if obj is not None and obj.label_ == "Event" and self._at_venue(obj.root):
                    cand = cand._replace(predicate="attended")
            if cand not in kept:
                kept.append(cand)
        return kept

    def _at_venue(self, token: Token) -> bool:
        """Whether ``token``'s phrase is introduced by a venue preposition: English "*at* Y", French
        "*au* salon Y" (a ``case`` child), "*lors* du salon Y" (the phrase hangs from "lors")."""
        while token.dep_ in _NAME_LINKS and token.head.i != token.i and token.head.pos_ in {"NOUN", "PROPN"}:
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in self.words.venue_preps:
            return True
        if token.head.lower_ in self.words.venue_preps and token.head.pos_ in {"ADV", "ADP"}:
            return True
        return any(c.dep_ == "case" and c.lower_ in self.words.venue_preps for c in token.children)

    def _complement(self, subject: Span) -> Token | None:
        """The noun whose "of" / "de" complement ``subject`` is ("Meta, *la société mère de*
        Facebook, a annoncé", "a *unit of* Alphabet announced"), if any: the noun's phrase is the
        one that announces, the organisation it is said of does not. The complement of an
        announcement noun is its author ("l'engagement *de* X"), read by :meth:`nouns`."""
        root = subject.root
        if root.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in _OF_WORDS for c in root.children):
            noun = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of":
            noun = root.head.head
        else:
            return None
        return noun if noun.pos_ == "NOUN" and not (_words(noun) & self.words.nouns) else None

    def _apposed_to(self, noun: Token) -> Span | None:
        """The organisation or person written right before ``noun``'s phrase and a comma ("*Meta*,
        la société mère de ..."), whom the phrase describes."""
        start = noun.left_edge.i
        while start < noun.i and self.doc[start].is_punct:
            start += 1
        if start < 2 or self.doc[start - 1].text != ",":
            return None
        ent = self.ent_of.get(start - 2)
        return ent if ent is not None and ent.end == start - 1 and ent.label_ in _ACTORS else None

    def _valuation(self, amount: Span) -> bool:
        doc = amount.doc
        near = [amount.root.head, amount.root.head.head, *doc[max(0, amount.start - _BEFORE) : amount.start]]
        return any(_words(t) & self.words.valuation for t in near)


#: The word lists of each loaded lexicon and language, read once (not once per document); the
#: lexicon is kept with them, so that its id is not another's.
_WORDS: dict[tuple[int, str], tuple[Lexicon, AnnouncementWords]] = {}


def announcement_relations(
    doc: Doc,
    candidates: list[RelationCandidate],
    ent_of: Mapping[int, Span],
    refs: Mapping[int, Reference],
    lexicon: Lexicon,
    lang: str,
) -> list[RelationCandidate]:
    """``candidates`` with the announcements of ``doc`` added and the valuations announced removed."""
    known = _WORDS.get((id(lexicon), lang))
    if known is None or known[0] is not lexicon:
        known = _WORDS[(id(lexicon), lang)] = (lexicon, AnnouncementWords.from_lexicon(lexicon, lang))
    words = known[1]
    state = _Announcements(doc, ent_of, refs, words)
    if words.nouns:
        state.nouns()
    if words.report_verbs and words.pledge_verbs:
        state.pledges()
    if words.phrases:
        state.phrases()
    state.headlines()
    state.found += released_products(doc, ent_of, state.subject, lexicon, lang)  # "announced a new model called Y"
    candidates = state.venues(state.valuations([*candidates, *state.found]))
    return product_makers(doc, candidates, ent_of, refs, lexicon, lang)  # the owners of product nouns
