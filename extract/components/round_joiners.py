"""Investors who lead or join "the round" a document told before (pure, token level).

News often tells a raise first ("Zorbi Labs raised $12 million") and its investors in a later
sentence whose round is only a definite noun: "Eurazeo led the round, and Kima Ventures
participated", "Existing investors A, B and C took part in the round", "an angel investor also
contributed to the round", "Sony, NTT and KDDI also participated" (a verb of taking part with no
object at all), "A a mené le tour de table", "B a participé à la levée", "C a pris
part au tour". The round patterns read rounds that name their company or sit
in the clause of the raise; here the definite round noun stands for the last raise told, as the
"X-led round" of :mod:`.led_rounds` does: the subjects of a leading or joining verb whose object
(or whose preposition's object) is that noun invest in the subject of the raise stated in the same
sentence, else of the last raise before it. A subject coordinated with such a clause by a joining
verb with no object of its own ("..., and Kima Ventures participated") joins the same round.

A round noun with an owner ("its round", "the round for Zorbi", "le tour de Zorbi") is left to the
round patterns, and so is an indefinite one ("led a $20m round": a round of its own). Word lists
(``data/lexicon.json``): ``funding_nouns``, ``round_joining_verbs`` (verbs whose object is the
round: lead, join), ``round_taking_verbs`` (verbs whose preposition's object is the round:
participate in, contribute to), ``round_taking_preps``, ``round_definite_words``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .clauses import OBJECT_DEPS, takes_funding, verb_subjects
from .extensions import RelationCandidate
from .led_rounds import round_raiser

__all__ = ["JOINED_ROUND", "round_joiners"]

JOINED_ROUND = "pattern:joined-round"
_CONFIDENCE = 0.7
_INVESTORS = frozenset({"Organization", "Person"})
_PREPOBJECT_DEPS = frozenset({"pobj", "obl", "obl:arg", "obl:mod"})
_SUBJECT_DEPS = frozenset({"nsubj"})
#: Children of a subject noun that name it ("le fonds *Elaia*", "investors *Index Ventures*").
_NAMING_DEPS = frozenset({"appos", "amod", "nmod", "flat:name", "compound"})
#: "took *part* in the round", "a pris *part* au tour"
_PART_WORDS = frozenset({"part"})


def round_joiners(doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
                  lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the investors who lead or join a definite round to the last raiser told."""
    nouns = lexicon.words("funding_nouns", lang)
    verbs = lexicon.words_of(lang, "round_raising_verbs", "receiving_verbs")
    raises = sorted([*(c for c in candidates if c.predicate == "raised"), *_told_raises(doc, ent_of, verbs, nouns)],
                    key=lambda c: c.sentence_start)
    if not raises:
        return []
    joining = lexicon.words("round_joining_verbs", lang)
    taking = lexicon.words("round_taking_verbs", lang)
    preps = lexicon.words("round_taking_preps", lang)
    definite = lexicon.words("round_definite_words", lang)
    out: list[RelationCandidate] = []

    def join(investors: list[Span], sent: Span) -> None:
        for investor in investors:
            raiser = round_raiser(raises, sent.start, investor)
            if raiser is None or ent_of.get(raiser[0]) is None or ent_of[raiser[0]].label_ != "Organization":
                continue
            out.append(RelationCandidate(investor.start, investor.end, "investsIn", raiser[0], raiser[1],
                                         sent.start, sent.end, JOINED_ROUND, _CONFIDENCE, "", ""))

    for taker in cue_tokens(doc, taking):  # "Sony, NTT and KDDI also participated": no object at all
        if taker.pos_ == "VERB" and _alone(taker) and "Fut" not in taker.morph.get("Tense", []):
            join(_subjects(taker, ent_of), taker.sent)
    for noun in cue_tokens(doc, nouns):
        if noun.lower_ not in nouns or noun.pos_ != "NOUN" or not _definite_and_unowned(noun, ent_of, definite):
            continue
        verb = _verb_of(noun, joining, taking, preps)
        if verb is not None:
            join(_subjects(verb, ent_of) + _joined_after(verb, ent_of, joining | taking), noun.sent)
    return out


def _told_raises(doc: Doc, ent_of: Mapping[int, Span], verbs: frozenset[str],
                 nouns: frozenset[str]) -> list[RelationCandidate]:
    """Raises the sentence tells with a raising or receiving verb, an organisation as its subject
    and an amount or a funding noun as its object ("Zorbi Labs, une start-up ..., a levé 12 millions
    d'euros"), whether or not a pattern read them: the classifier, which reads the rest, runs later."""
    out: list[RelationCandidate] = []
    told = cue_tokens(doc, verbs)
    labels = {i: ent.label_ for i, ent in ent_of.items()} if told else {}
    for verb in told:
        if verb.pos_ not in {"VERB", "AUX"} or not takes_funding(verb, nouns, labels):
            continue
        for subject in verb_subjects(verb, _SUBJECT_DEPS):  # "Zorbi vient de lever": the control verb's
            ent = ent_of.get(subject.i)
            if ent is not None and ent.label_ == "Organization":
                sent = verb.sent
                out.append(RelationCandidate(ent.start, ent.end, "raised", verb.i, verb.i + 1,
                                             sent.start, sent.end, "told", 0.0, "", ""))
    return out


def _definite_and_unowned(noun: Token, ent_of: Mapping[int, Span], definite: frozenset[str]) -> bool:
    """"the round", "ce tour", "au tour": a round told before, with no owner or name of its own."""
    if not any(c.lower_ in definite for c in noun.children if c.dep_ in {"det", "case"}):
        return False
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.pos_ == "PRON") for c in noun.children):
        return False
    return not any(t.i in ent_of for t in noun.subtree if t.i != noun.i)


def _verb_of(noun: Token, joining: frozenset[str], taking: frozenset[str], preps: frozenset[str]) -> Token | None:
    """The leading or joining verb of the round noun: its object ("led the round") or its
    preposition's object ("participated in the round", "participé à la levée", "took part in")."""
    head = noun.head
    if noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in joining:
        return head
    if noun.dep_ == "pobj" and head.lower_ in preps:  # English: the preposition is the head
        verb = head.head
        if verb.lower_ in _PART_WORDS:
            verb = verb.head
        return verb if verb.lemma_.lower() in taking and verb.i != head.i else None
    if noun.dep_ in _PREPOBJECT_DEPS and any(c.dep_ == "case" and c.lower_ in preps for c in noun.children):
        return head if head.lemma_.lower() in taking else None  # French: the preposition is a case child
    return None


def _subjects(verb: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """The investors a verb's subjects name, with the names coordinated with them."""
    found: dict[int, Span] = {}
    for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
        heads = [subject] if subject.i in ent_of else [c for c in subject.children
                                                       if c.dep_ in _NAMING_DEPS and c.i in ent_of]
        for head in heads:
            for token in (head, *head.conjuncts):
                ent = ent_of.get(token.i)
                if ent is not None and ent.label_ in _INVESTORS:
                    found.setdefault(ent.start, ent)
    return list(found.values())


def _alone(verb: Token) -> bool:
    """A verb of taking part with nothing it takes part in ("X also participated", "Y a aussi
    investi"): in an article that has told a raise, the round is what it means. Not a verb that
    hangs on another one ("to participate"), a subordinate clause ("as X participated") or a plan
    ("will participate"; a French future is read by the caller)."""
    if verb.dep_ not in {"ROOT", "conj"} or verb.lower_ in _PART_WORDS:
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False  # "NTT will participate": a plan
    return _objectless(verb) and not any(c.dep_ in {"xcomp", "ccomp", "mark"} or c.lower_ in _PART_WORDS
                                         for c in verb.children)


def _objectless(verb: Token) -> bool:
    """The verb has no object, direct or through a preposition ("participated", not "participated in
    a panel")."""
    return not any(c.dep_ in OBJECT_DEPS or c.dep_ == "prep" or c.dep_.startswith("obl") for c in verb.children)


def _joined_after(verb: Token, ent_of: Mapping[int, Span], verbs: frozenset[str]) -> list[Span]:
    """Subjects of a joining verb with no object of its own coordinated after ``verb``
    ("Eurazeo led the round, and Kima Ventures *participated*")."""
    out: list[Span] = []
    for other in verb.conjuncts:
        if other.i > verb.i and other.lemma_.lower() in verbs and _objectless(other):
            out.extend(_subjects(other, ent_of))
    return out
